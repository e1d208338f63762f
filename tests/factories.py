"""factory_boy factories for the corpus: users, projects, memberships and documents."""

import factory
from django.contrib.auth import get_user_model

from workbench.corpus.models import Membership, Project, Role
from workbench.corpus.services import document_import


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
    return document_import(project=project, name=name, data=text.encode("utf-8")).document
