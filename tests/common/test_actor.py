"""The actor: resolved once at the door, required by every service, trusted without a query."""

import importlib
import inspect
import pkgutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import workbench
from tests.factories import MembershipFactory, acting, make_document
from workbench.annotation import services as annotation_services
from workbench.annotation.models import Annotation
from workbench.common.actor import Actor
from workbench.common.errors import Forbidden, NotFound
from workbench.corpus.access import actor_for
from workbench.corpus.models import Role

TEXT = "The minister said taxes will fall next year.\n\nقال الوزير إن الضرائب ستنخفض."


def service_modules():
    """Every ``services`` module of the workbench apps."""
    for info in pkgutil.walk_packages(workbench.__path__, "workbench."):
        if info.name.endswith(".services"):
            yield importlib.import_module(info.name)


def services_with_actor():
    """(name, function) of every public service function that takes an ``actor``."""
    found = []
    for module in service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "actor" in inspect.signature(function).parameters:
                found.append((f"{module.__name__}.{name}", function))
    return found


def test_the_services_that_act_all_take_an_actor():
    """The writes people make through the doors all name their actor."""
    names = {name.rsplit(".", 1)[1] for name, _function in services_with_actor()}
    assert {
        "project_create",
        "project_member_set",
        "project_member_remove",
        "document_import",
        "document_detect_language",
        "segment_language_set",
        "annotation_create",
        "annotation_update",
        "annotation_review",
        "annotation_delete",
        "annotation_restore",
        "comment_create",
        "link_create",
        "link_delete",
        "translation_job_create",
        "translation_job_resume",
        "translation_create",
        "translation_edit",
        "translation_approve",
        "translation_reject",
        "annotations_import",
        "audit_record",
        "audit_record_many",
    } <= names


@pytest.mark.parametrize(
    "function", [f for _n, f in services_with_actor()], ids=[n for n, _f in services_with_actor()]
)
def test_no_service_has_a_default_actor(function):
    """``actor`` is keyword-only, required and typed ``Actor``: a forgotten argument is a
    TypeError, never "the system"."""
    parameter = inspect.signature(function).parameters["actor"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is inspect.Parameter.empty
    assert parameter.annotation in (Actor, "Actor")


def test_calling_a_service_without_an_actor_is_an_error(project, label_types):
    """Leaving out the actor raises TypeError and writes nothing; None fails loudly too."""
    document = make_document(project, TEXT)
    arguments = {
        "document": document,
        "label_type_id": label_types["claim"].pk,
        "start": 4,
        "end": 12,
        "quote": "minister",
        "attributes": {"checkworthy": "yes"},
    }
    with pytest.raises(TypeError, match="actor"):
        annotation_services.annotation_create(**arguments)
    with pytest.raises(AttributeError):
        annotation_services.annotation_create(actor=None, **arguments)
    assert not Annotation.objects.exists()


def test_an_actor_of_another_project_is_an_outsider(project, other_project, label_types):
    """A service trusts the actor's role only in the project it was resolved for: a
    moderator's actor from another project gets 404, as an outsider does."""
    document = make_document(project, TEXT)
    elsewhere = MembershipFactory(project=other_project, role=Role.MODERATOR).user
    with pytest.raises(NotFound):
        annotation_services.annotation_create(
            actor=acting(elsewhere, other_project),
            document=document,
            label_type_id=label_types["claim"].pk,
            start=4,
            end=12,
            quote="minister",
            attributes={"checkworthy": "yes"},
        )


def test_actor_for_resolves_the_role_once(project, reviewer, outsider):
    """``actor_for`` makes one membership query; outsiders get 404, too-low roles 403."""
    with CaptureQueriesContext(connection) as queries:
        actor = actor_for(reviewer, project.pk)
    assert len(queries) == 1
    assert (actor.user, actor.project_id, actor.role) == (reviewer, project.pk, Role.REVIEWER)
    assert actor.is_reviewer and not actor.is_moderator
    with pytest.raises(Forbidden):
        actor_for(reviewer, project.pk, role=Role.MODERATOR)
    with pytest.raises(NotFound):
        actor_for(outsider, project.pk)


def test_system_actors_say_what_they_act_for(project):
    """A system actor names its command or job; it acts as a moderator in every project."""
    actor = Actor.system("import_seeds")
    assert actor.is_system and actor.is_moderator and actor.user is None
    assert str(actor) == "system:import_seeds"
    assert actor.require(Role.MODERATOR, project_id=project.pk) is actor
    with pytest.raises(ValueError):
        Actor.system("")
    with pytest.raises(ValueError):
        Actor(user=None, project_id=project.pk, role=Role.MODERATOR)


def membership_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "corpus_membership" in q["sql"]]


@pytest.fixture
def claim(project, annotator, label_types):
    document = make_document(project, TEXT)
    return annotation_services.annotation_create(
        actor=acting(annotator, document),
        document=document,
        label_type_id=label_types["claim"].pk,
        start=4,
        end=12,
        quote="minister",
        attributes={"checkworthy": "yes", "topic": "taxes"},
    )


def test_an_annotation_patch_asks_for_the_role_once(api, annotator, claim):
    """The door resolves the actor with one membership query; the service trusts it (the
    role used to be looked up three times for one PATCH)."""
    client = api(annotator)
    with CaptureQueriesContext(connection) as queries:
        response = client.patch(
            f"/api/v1/annotations/{claim.pk}/",
            {"version": claim.version, "attributes": {"checkworthy": "no"}},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == claim.version + 1
    assert len(membership_queries(queries)) == 1


def test_a_review_and_a_comment_each_ask_for_the_role_once(api, reviewer, claim):
    """Reviews and comments resolve the actor once too."""
    client = api(reviewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/api/v1/annotations/{claim.pk}/review/", {"decision": "accept"}, format="json"
        )
    assert response.status_code == 200, response.content
    assert len(membership_queries(queries)) == 1
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/api/v1/annotations/{claim.pk}/comments/", {"body": "Checked."}, format="json"
        )
    assert response.status_code == 201, response.content
    assert len(membership_queries(queries)) == 1
