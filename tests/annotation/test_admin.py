"""Admin: the moderation queue, its filters and bulk actions, agreement, label types, scoping."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model

from tests.factories import acting, make_document
from workbench.annotation import services
from workbench.annotation.models import LabelType, Status
from workbench.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

QUEUE = "/admin/annotation/annotation/"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def staff_moderator(client, moderator):
    """The project's moderator with staff status, logged in to the admin."""
    moderator.is_staff = True
    moderator.save()
    client.force_login(moderator)
    return client


@pytest.fixture
def queue(document, annotate, annotator, other_annotator, reviewer):
    """One accepted claim, two pending annotations (one quoting a script tag) by two authors."""
    accepted = annotate(annotator, document, "taxes")
    services.annotation_review(
        actor=acting(reviewer, accepted), annotation=accepted, decision="accept"
    )
    script = annotate(annotator, document, "<script>alert(1)</script>")
    arabic = annotate(other_annotator, document, "الوزير", "source")
    return {"accepted": accepted, "script": script, "arabic": arabic}


def listed(response) -> list[int]:
    return [obj.pk for obj in response.context["cl"].result_list]


def test_queue_lists_pending_first_and_escapes(admin_client, queue):
    """Pending annotations come first; quotes are escaped and shown with dir="auto"."""
    response = admin_client.get(QUEUE)
    assert response.status_code == 200
    assert listed(response) == [queue["script"].pk, queue["arabic"].pk, queue["accepted"].pk]
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert 'dir="auto"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "accepted"}, ["accepted"]),
        ({"status__exact": "pending"}, ["script", "arabic"]),
        ({"segment_language": "ar"}, ["arabic"]),
        ({"q": "script"}, ["script"]),
        ({"deleted": "yes"}, []),
    ],
)
def test_queue_filters(admin_client, queue, params, expected):
    """Status, segment language, search over quotes and the deleted filter narrow the queue."""
    response = admin_client.get(QUEUE, params)
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(queue[name].pk for name in expected)


def test_queue_filters_by_type_author_and_project(admin_client, queue, other_annotator, project):
    """Type, author and project filters use ids and narrow the queue accordingly."""
    source = queue["arabic"]
    by_type = admin_client.get(QUEUE, {"label_type__id__exact": source.label_type_id})
    assert listed(by_type) == [source.pk]
    by_author = admin_client.get(QUEUE, {"author": other_annotator.pk})
    assert listed(by_author) == [source.pk]
    by_project = admin_client.get(QUEUE, {"project": project.pk})
    assert len(listed(by_project)) == 3


def test_change_page_shows_history_inline(admin_client, queue, reviewer):
    """The change page renders the escaped quote and its audit history, read-only."""
    annotation = queue["script"]
    services.comment_create(
        actor=acting(reviewer, annotation), annotation=annotation, body="<i>hm</i>"
    )
    response = admin_client.get(f"{QUEUE}{annotation.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;hm&lt;/i&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert 'name="_save"' not in html
    history = response.context["inline_admin_formsets"][0]
    assert [form.original.action for form in history] == ["create", "comment"]


def test_bulk_accept_is_audited(admin_client, queue, superuser):
    """Bulk accept calls the review service: statuses change and each is audited."""
    ids = [queue["script"].pk, queue["arabic"].pk]
    response = admin_client.post(
        QUEUE, {"action": "accept_selected", ACTION_CHECKBOX_NAME: ids}, follow=True
    )
    assert response.status_code == 200
    for name in ("script", "arabic"):
        queue[name].refresh_from_db()
        assert queue[name].status == Status.ACCEPTED
        entry = AuditEntry.objects.get(object_id=queue[name].pk, action="review")
        assert entry.actor == superuser and entry.after["status"] == "accepted"


def test_bulk_reject_asks_for_a_reason(admin_client, queue):
    """Reject shows a confirmation page with a reason field, then rejects with that reason."""
    ids = [queue["script"].pk, queue["arabic"].pk]
    page = admin_client.post(QUEUE, {"action": "reject_selected", ACTION_CHECKBOX_NAME: ids})
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()
    empty = admin_client.post(
        QUEUE, {"action": "reject_selected", ACTION_CHECKBOX_NAME: ids, "apply": "1", "reason": ""}
    )
    assert empty.status_code == 200
    queue["script"].refresh_from_db()
    assert queue["script"].status == Status.PENDING
    done = admin_client.post(
        QUEUE,
        {
            "action": "reject_selected",
            ACTION_CHECKBOX_NAME: ids,
            "apply": "1",
            "reason": "Duplicate",
        },
    )
    assert done.status_code == 302
    for name in ("script", "arabic"):
        queue[name].refresh_from_db()
        assert (queue[name].status, queue[name].review_reason) == (Status.REJECTED, "Duplicate")
    assert AuditEntry.objects.filter(action="review", after__review_reason="Duplicate").count() == 2


def test_bulk_delete_and_restore(admin_client, queue):
    """Soft delete and restore actions go through the services and are audited."""
    ids = [queue["script"].pk]
    admin_client.post(QUEUE, {"action": "delete_selected_soft", ACTION_CHECKBOX_NAME: ids})
    queue["script"].refresh_from_db()
    assert queue["script"].deleted_at is not None
    assert queue["script"].pk not in listed(admin_client.get(QUEUE))
    admin_client.post(
        QUEUE + "?deleted=yes", {"action": "restore_selected", ACTION_CHECKBOX_NAME: ids}
    )
    queue["script"].refresh_from_db()
    assert queue["script"].deleted_at is None
    actions = AuditEntry.objects.filter(object_id=queue["script"].pk).values_list(
        "action", flat=True
    )
    assert list(actions) == ["create", "delete", "restore"]


def test_agreement_page(admin_client, queue, document):
    """The agreement page shows a table per label type for the document."""
    response = admin_client.get(f"{QUEUE}agreement/{document.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "claim" in html and "stance" in html and "source" in html
    assert [row["label_type"] for row in response.context["results"]] == [
        "claim",
        "source",
        "stance",
    ]
    assert admin_client.get(f"{QUEUE}agreement/999999/").status_code == 404
    annotations = admin_client.get(response.context["queue_url"])
    assert sorted(listed(annotations)) == sorted(a.pk for a in queue.values())


def test_staff_moderator_sees_only_their_projects(
    staff_moderator, queue, other_project, label_types, outsider
):
    """A staff moderator's queue, change pages and agreement pages cover their projects only."""
    foreign_doc = make_document(other_project, "Another project's claim.", name="x.txt")
    foreign = services.annotation_create(
        actor=acting(outsider, foreign_doc),
        document=foreign_doc,
        label_type_id=label_types["claim"].pk,
        start=0,
        end=7,
        quote="Another",
        attributes={"checkworthy": "no"},
    )
    response = staff_moderator.get(QUEUE)
    assert response.status_code == 200
    assert foreign.pk not in listed(response) and len(listed(response)) == 3
    assert other_project.name not in response.content.decode()
    assert staff_moderator.get(f"{QUEUE}{foreign.pk}/change/").status_code in (302, 403, 404)
    assert staff_moderator.get(f"{QUEUE}agreement/{foreign_doc.pk}/").status_code == 404
    staff_moderator.post(QUEUE, {"action": "accept_selected", ACTION_CHECKBOX_NAME: [foreign.pk]})
    foreign.refresh_from_db()
    assert foreign.status == Status.PENDING
    audit = staff_moderator.get("/admin/audit/auditentry/")
    assert audit.status_code == 200
    assert staff_moderator.get("/admin/audit/auditentry/", {"q": "abc"}).status_code == 200
    assert all(e.project_id != other_project.pk for e in audit.context["cl"].result_list)


def test_label_type_admin(admin_client, label_types):
    """Superusers edit label types in the admin; an invalid JSON Schema is refused, and the
    names that link rules rely on (claim, stance, source) cannot be changed."""
    url = f"/admin/annotation/labeltype/{label_types['claim'].pk}/change/"
    response = admin_client.post(
        url,
        {
            "name": "claim",
            "description": "",
            "colour": "#123456",
            "shortcut": "c",
            "schema": '{"type": "nonsense"}',
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Not a valid JSON Schema" in response.content.decode()
    assert LabelType.objects.get(name="claim").colour != "#123456"
    assert admin_client.get("/admin/annotation/labeltype/").status_code == 200
    renamed = admin_client.post(
        url,
        {
            "name": "assertion",
            "description": "Checkable.",
            "colour": "#123456",
            "shortcut": "c",
            "schema": '{"type": "object"}',
            "is_active": "on",
        },
    )
    assert renamed.status_code == 302
    claim = LabelType.objects.get(pk=label_types["claim"].pk)
    assert (claim.name, claim.colour, claim.schema) == ("claim", "#123456", {"type": "object"})


def test_label_type_admin_read_only_for_staff_moderator(staff_moderator, label_types):
    """A staff moderator may view the taxonomy but not change it."""
    url = f"/admin/annotation/labeltype/{label_types['claim'].pk}/change/"
    assert staff_moderator.get("/admin/annotation/labeltype/").status_code == 200
    page = staff_moderator.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = staff_moderator.post(url, {"name": "renamed", "colour": "#000000"})
    assert response.status_code == 403
    assert LabelType.objects.filter(name="claim").exists()
