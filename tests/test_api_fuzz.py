"""Schema fuzzing: every operation of /api/v1/schema/, driven in-process by schemathesis.

Requests come from the published OpenAPI schema, go to the WSGI application as a project
moderator, and every response must be no server error and must match what the schema says.
Path ids are drawn from the objects that exist as well as at random, so requests reach real
projects, documents, annotations, links, translations and jobs. Path ids, query values and an
``If-Match`` header are also drawn from digit-like strings (superscripts, Arabic-Indic digits,
5,000 digits, past 64 bits), which must be a 4xx like any other bad input. The number of
examples per operation is bounded and the examples are derandomized, so the run is short and
the same every time; run it with ``--hypothesis-seed`` and without ``derandomize`` to explore
further.
"""

import pytest
import schemathesis
from django.apps import apps
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import MembershipFactory, acting, make_document
from tests.translation.factories import TEXT
from workbench.annotation import services as annotation_services
from workbench.corpus.models import Role
from workbench.jobs.services import job_run
from workbench.translation import services as translation_services
from workbench.translation.engines.registry import reset_engines

EXAMPLES = 12
UNLIMITED = "100000/minute"

#: Strings that look like numbers to ``str.isdigit`` or to a person, but are no id.
DIGIT_LIKE = st.one_of(
    st.sampled_from(["²", "٣", "86-²", "9" * 5000, str(2**63), str(2**64 + 1), "-1", "0", "1e3"]),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
)
IF_MATCH = st.one_of(
    st.builds(lambda pk, version: f'"{pk}-{version}"', DIGIT_LIKE, DIGIT_LIKE),
    st.builds(lambda version: f'"1-{version}"', DIGIT_LIKE),
    DIGIT_LIKE,
)


def _annotate(user, document, word, label_type, attributes):
    start = document.text.index(word)
    return annotation_services.annotation_create(
        actor=acting(user, document),
        document=document,
        label_type_id=label_type.pk,
        start=start,
        end=start + len(word),
        quote=word,
        attributes=attributes,
    )


@pytest.fixture
def moderator(transactional_db, label_types, settings):
    """A moderator of a project with a document, annotations, a link, drafts and a job.

    Drafts come from the echo engine; API rates are raised so throttling does not hide
    anything."""
    rates = {"anon": UNLIMITED, "user": UNLIMITED, "token": UNLIMITED}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    settings.WORKBENCH_MT_ENGINES = ["workbench.translation.engines.echo.EchoEngine"]
    settings.WORKBENCH_JOBS_INLINE = True
    reset_engines()
    user = MembershipFactory(role=Role.MODERATOR).user
    document = make_document(user.memberships.get().project, TEXT)
    claim = _annotate(user, document, "الثورة", label_types["claim"], {"checkworthy": "yes"})
    source = _annotate(
        user, document, "الأسد", label_types["source"], {"kind": "person", "name": "Assad"}
    )
    annotation_services.link_create(
        actor=acting(user, claim), source=claim, target=source, link_type="attributed_to"
    )
    job = translation_services.translation_job_create(
        actor=acting(user, document), document=document, target="en", submit=False
    )
    job_run(kind=translation_services.JOB_KIND, job_id=job.pk)
    yield user
    reset_engines()


def _existing_ids() -> list[int]:
    """The primary keys of every row of the project's tables, so path ids can hit them."""
    ids = set()
    for label in ("corpus", "annotation", "translation", "audit"):
        for model in apps.get_app_config(label).get_models():
            ids.update(model.objects.values_list("pk", flat=True))
    return sorted(ids)


def test_no_operation_answers_with_a_server_error(moderator):
    """Fuzzed requests to every operation get no 5xx, and responses match the schema."""
    _, token = AuthToken.objects.create(user=moderator)
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json",
        get_wsgi_application(),
        headers={"Authorization": f"Token {token}"},
    )
    known = _existing_ids()
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:

        @given(case=operation.as_strategy(), data=st.data())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case, data):
            for name in case.path_parameters or {}:
                pick = data.draw(st.sampled_from(["drawn", "known", "digit-like"]))
                if pick == "known":
                    case.path_parameters[name] = data.draw(st.sampled_from(known))
                elif pick == "digit-like":
                    case.path_parameters[name] = data.draw(DIGIT_LIKE)
            for name in case.query or {}:
                if data.draw(st.integers(0, 3)) == 0:
                    case.query[name] = data.draw(DIGIT_LIKE)
            extra = {}
            if data.draw(st.booleans()):
                extra["If-Match"] = data.draw(IF_MATCH)
            # A fresh token per request: the logout operations revoke the one they are sent.
            _, fresh = AuthToken.objects.create(user=moderator)
            case.call_and_validate(
                headers={"Authorization": f"Token {fresh}", **extra},
                checks=[not_a_server_error, response_schema_conformance],
            )

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # report every failing operation
            failures.append(f"{operation.label}: {exc}")
    assert failures == [], "\n\n".join(failures)


def test_schema_describes_what_responses_hold(api, annotator):
    """People who may be missing are nullable, a document always has its segment count, and
    the activity feed is a page with results, last and more."""
    schema = api(annotator).get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    translation = components["Translation"]["properties"]
    for name in ("created_by", "edited_by", "reviewed_by"):
        assert translation[name].get("nullable") is True, name
    assert components["Document"]["properties"]["segment_count"]["type"] == "integer"
    feed = schema["paths"]["/api/v1/projects/{id}/activity/"]["get"]["responses"]["200"]
    page = feed["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(components[page]["properties"]) == {"results", "last", "more"}
