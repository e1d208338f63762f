"""The admin in real Chromium: log in, read mixed Arabic/English segments in the right order."""

import pytest

from tests.browser import SCREENSHOTS, chromium
from tests.factories import MembershipFactory, UserFactory, make_document
from workbench.corpus.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Strike!\n\nقال المتحدث باسم النقابة: we will not go back <b>until</b> wages are paid."


def test_moderator_reads_mixed_segments(live_server, project):
    """A staff moderator logs in, filters mixed segments and sees them escaped and dir=auto."""
    make_document(project, TEXT)
    user = UserFactory(username="mod", is_staff=True)
    MembershipFactory(project=project, user=user, role=Role.MODERATOR)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{live_server.url}/admin/login/?next=/admin/corpus/segment/")
        page.fill("#id_username", "mod")
        page.fill("#id_password", "correct horse battery staple")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/corpus/segment/")
        page.locator("#changelist-filter a", has_text="mixed").first.click()
        page.wait_for_url("**language=mixed*")
        cell = page.locator("td.field-text_auto span").first
        assert cell.get_attribute("dir") == "auto"
        assert cell.inner_text().startswith("قال المتحدث")
        assert "<b>until</b>" in cell.inner_text()
        assert page.locator("td.field-text_auto b").count() == 0
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('td.field-text_auto span')).direction"
            )
            == "rtl"
        )
        page.screenshot(path=str(SCREENSHOTS / "admin-mixed-segments.png"), full_page=True)
