"""The workspace, the admin and the API docs work in Chromium under the Content-Security-Policy:
the browser reports no violation, and their scripts run."""

import pytest

from tests.factories import UserFactory
from tests.web.workspace_helpers import login, open_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """() => {
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}"""


def _watched(page):
    page.add_init_script(f"({WATCH})()")
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


def test_workspace_runs_with_no_violation(live_server, browser, seed_document, team):
    """The workspace renders its segments and labels (its scripts ran) with no violation."""
    page = login(browser, live_server.url, "amal")
    messages = _watched(page)
    open_document(page, live_server.url, seed_document.pk)
    assert page.locator("[data-segment-id]").count() == seed_document.segments.count()
    assert page.evaluate("window.cspViolations") == []
    assert messages == []
    assert page.errors == []


def test_admin_and_api_docs_run_with_no_violation(live_server, browser, project):
    """A superuser's admin change form (with its scripts) and the Swagger UI load cleanly."""
    UserFactory(username="root", is_staff=True, is_superuser=True)
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    messages = _watched(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/corpus/project/{project.pk}/change/")
    page.wait_for_selector("#project_form")
    assert page.evaluate("typeof django !== 'undefined' && typeof django.jQuery") == "function"
    assert page.evaluate("window.cspViolations") == []
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=30_000)
    assert page.evaluate("window.cspViolations") == []
    assert messages == []
