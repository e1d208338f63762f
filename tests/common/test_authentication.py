"""Tokens expire, can be revoked and are stored hashed; logins and the API are throttled."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _token(user, client=None) -> dict:
    response = (client or APIClient()).post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _authorized(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_token_comes_with_its_expiry_and_is_stored_hashed(annotator):
    """The exchange returns the token and when it expires; the database keeps only a hash."""
    body = _token(annotator)
    assert set(body) == {"token", "expiry"}
    assert _authorized(body["token"]).get("/api/v1/projects/").status_code == 200
    stored = [
        str(value)
        for model in apps.get_models()
        if model._meta.app_label in {"knox", "authtoken"}
        for row in model.objects.values()
        for value in row.values()
    ]
    assert stored and body["token"] not in stored
    assert not any(
        body["token"] in value or value in body["token"] for value in stored if len(value) > 20
    )


def test_expired_token_is_refused(annotator):
    """A token past its expiry no longer authenticates."""
    token = _token(annotator)["token"]
    for model in apps.get_app_config("knox").get_models():
        model.objects.update(expiry=timezone.now() - timezone.timedelta(seconds=1))
    assert _authorized(token).get("/api/v1/projects/").status_code == 401


def test_logout_revokes_the_token(annotator):
    """Logging out revokes that token only; logging out everywhere revokes them all."""
    first, second, third = (_token(annotator)["token"] for _ in range(3))
    assert _authorized(first).post("/api/v1/auth/logout/").status_code == 204
    assert _authorized(first).get("/api/v1/projects/").status_code == 401
    assert _authorized(second).get("/api/v1/projects/").status_code == 200
    assert _authorized(second).post("/api/v1/auth/logout-all/").status_code == 204
    assert _authorized(third).get("/api/v1/projects/").status_code == 401


def _rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
    }


def test_token_endpoint_is_throttled(settings, annotator):
    """Past the token rate, even right credentials get 429 with Retry-After."""
    _rates(settings, token="3/minute")
    client = APIClient()
    wrong = {"username": annotator.username, "password": "guess"}
    assert [client.post("/api/v1/auth/token/", wrong).status_code for _ in range(3)] == [400] * 3
    right = {"username": annotator.username, "password": PASSWORD}
    response = client.post("/api/v1/auth/token/", right)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_api_is_throttled_per_user(settings, api, annotator, reviewer):
    """Past the user rate a user gets 429; another user is not affected."""
    _rates(settings, user="5/minute")
    client = api(annotator)
    statuses = [client.get("/api/v1/projects/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert api(reviewer).get("/api/v1/projects/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/login/", "/accounts/login/"])
def test_login_locks_out_after_repeated_failures(settings, client, annotator, url):
    """After the allowed number of wrong passwords, even the right one is refused for a while."""
    settings.AXES_FAILURE_LIMIT = 3
    annotator.is_staff = True
    annotator.save()
    for _ in range(3):
        client.post(url, {"username": annotator.username, "password": "guess"})
    response = client.post(url, {"username": annotator.username, "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
def test_legacy_plain_tokens_are_hashed_and_keep_working(annotator):
    """A key from the old plain-text token table still authenticates after the migration,
    which keeps only its hash and drops the old table."""
    from django.db import connection

    module = importlib.import_module("workbench.common.migrations.0001_hash_legacy_tokens")
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp,"
            " user_id integer NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [key, timezone.now(), annotator.pk],
        )
    with connection.schema_editor() as editor:
        module.hash_legacy_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    assert _authorized(key).get("/api/v1/projects/").status_code == 200
