"""The moderation queue in real Chromium: bulk-reject with a reason, audited like the API."""

import pytest

from tests.browser import SCREENSHOTS, chromium
from tests.factories import MembershipFactory, UserFactory
from workbench.annotation.models import Annotation, Status
from workbench.audit.models import AuditEntry
from workbench.corpus.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bulk_reject_with_reason(live_server, project, document, annotate, other_annotator):
    """A staff moderator selects two pending spans, rejects them with a reason, sees them go."""
    first = annotate(other_annotator, document, "taxes")
    second = annotate(other_annotator, document, "الضرائبَ")
    user = UserFactory(username="lead", is_staff=True)
    MembershipFactory(project=project, user=user, role=Role.MODERATOR)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{live_server.url}/admin/login/?next=/admin/annotation/annotation/")
        page.fill("#id_username", "lead")
        page.fill("#id_password", "correct horse battery staple")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/annotation/annotation/")
        assert page.locator(".field-quote_auto span[dir=auto]").count() == 2
        page.screenshot(path=str(SCREENSHOTS / "moderation-queue.png"), full_page=True)
        page.check("#action-toggle")
        page.select_option("select[name=action]", "reject_selected")
        page.click("button[name=index]")
        page.wait_for_selector("textarea[name=reason]")
        page.fill("textarea[name=reason]", "Not a claim: a figure of speech.")
        page.click("input[type=submit][value=Reject]")
        page.wait_for_url("**/admin/annotation/annotation/**")
        assert "rejected" in page.locator("ul.messagelist").inner_text().lower()
    for annotation in (first, second):
        annotation.refresh_from_db()
        assert annotation.status == Status.REJECTED
        assert annotation.review_reason == "Not a claim: a figure of speech."
        assert annotation.reviewed_by == user
    reviews = AuditEntry.objects.filter(action="review", actor=user)
    assert reviews.count() == 2
    assert Annotation.objects.filter(status=Status.PENDING).count() == 0
