"""factory_boy factories for the corpus: users, projects, memberships and documents."""

import factory
from django.contrib.auth import get_user_model

from workbench.common.actor import Actor
from workbench.corpus.access import actor_for
from workbench.corpus.models import Membership, Project, Role
from workbench.corpus.services import document_import

#: The actor the test factories import documents as.
FACTORY_ACTOR = Actor.system("test factories")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Project {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ANNOTATOR


def make_document(project: Project, text: str, name: str = "doc.txt"):
    """Import ``text`` through the real import service and return the document."""
    return document_import(
        actor=FACTORY_ACTOR, project=project, name=name, data=text.encode("utf-8")
    ).document


def project_id_of(obj) -> int:
    """The project id of a project, document, segment, annotation, link, translation or job."""
    for path in (
        ("project_id",),
        ("document", "project_id"),
        ("segment", "document", "project_id"),
        ("source", "document", "project_id"),
    ):
        value = obj
        try:
            for name in path:
                value = getattr(value, name)
        except AttributeError:
            continue
        return value
    if isinstance(obj, Project):
        return obj.pk
    raise TypeError(f"no project for {obj!r}")


def acting(user, obj) -> Actor:
    """``user``'s actor in ``obj``'s project, resolved as a door does (404 for outsiders)."""
    return actor_for(user, project_id_of(obj))
