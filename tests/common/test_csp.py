"""Every page carries a Content-Security-Policy that allows scripts and styles from the
app's own origin only."""

import pytest

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/admin/login/", "/api/v1/docs/"])
def test_pages_allow_scripts_and_styles_from_self_only(client, annotator, url):
    """No inline script, no eval and no other origin for scripts or style sheets; no
    plugins, no framing, forms post to this origin only."""
    if url != "/accounts/login/":
        client.force_login(annotator)
    response = client.get(url)
    assert response.status_code == 200
    policy = _directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_api_docs_load_their_start_up_script_as_a_file(client, annotator):
    """The Swagger UI page has no inline script: its start-up code is a same-origin file."""
    client.force_login(annotator)
    page = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in page.replace(" ", "")
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content
