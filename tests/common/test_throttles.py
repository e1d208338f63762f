"""Throttles and lockouts count the real client: a forged X-Forwarded-For buys no fresh
bucket, behind the configured proxies each client is counted on its own, the anonymous rate
fires, the browser login has a rate, a locked-out token login answers 429, and a changed
password revokes API tokens."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
    }


def _token_status(client, username, password, forwarded=None) -> int:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        "/api/v1/auth/token/", {"username": username, "password": password}, **extra
    ).status_code


def test_forged_forwarded_for_gives_no_fresh_bucket(settings, annotator):
    """With no proxy configured, a different X-Forwarded-For on every request is ignored:
    past the token rate every request gets 429."""
    _rates(settings, token="3/minute")
    client = APIClient()
    statuses = [
        _token_status(client, annotator.username, "guess", f"10.0.0.{n}") for n in range(12)
    ]
    assert statuses[:3] == [400] * 3
    assert statuses[3:] == [429] * 9


def test_behind_one_proxy_clients_are_counted_apart(settings, annotator):
    """Behind one trusted proxy the client is the address the proxy appended: forged entries
    in front change nothing, and another client keeps its own bucket."""
    settings.WORKBENCH_NUM_PROXIES = 1
    _rates(settings, token="3/minute")
    client = APIClient()
    forged = [
        _token_status(client, annotator.username, "guess", f"6.6.6.{n}, 203.0.113.5")
        for n in range(5)
    ]
    assert forged == [400] * 3 + [429] * 2
    assert _token_status(client, annotator.username, PASSWORD, "198.51.100.7") == 200


def test_lockout_is_per_client_behind_the_proxy(settings, client, annotator):
    """Behind the proxy (every request from 127.0.0.1), wrong passwords from one client lock
    that client out, not every client of the username; forged entries do not escape it."""
    settings.WORKBENCH_NUM_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 3
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for n in range(3):
        client.post(
            "/accounts/login/",
            {"username": annotator.username, "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.5",
        )
    locked = client.post(
        "/accounts/login/", {"username": annotator.username, "password": PASSWORD}, **attacker
    )
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    other = client.post(
        "/accounts/login/",
        {"username": annotator.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(annotator.pk)


def test_anonymous_throttle_fires(settings):
    """Anonymous API requests are refused with 401 up to the anonymous rate, then 429."""
    _rates(settings, anon="4/minute")
    client = APIClient()
    statuses = [client.get("/api/v1/projects/").status_code for _ in range(6)]
    assert statuses == [401] * 4 + [429] * 2


def test_bad_tokens_count_against_the_anonymous_rate(settings):
    """Guessing tokens is throttled too: past the anonymous rate a wrong token gets 429."""
    _rates(settings, anon="3/minute")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    statuses = [client.get("/api/v1/projects/").status_code for _ in range(5)]
    assert statuses == [401] * 3 + [429] * 2
    assert int(client.get("/api/v1/projects/")["Retry-After"]) > 0


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_browser_login_is_rate_limited(settings, client, url):
    """Past the login rate, login posts from one address get 429 (whatever the usernames),
    with Retry-After and a message."""
    _rates(settings, login="5/minute")
    settings.AXES_FAILURE_LIMIT = 100
    statuses = [
        client.post(url, {"username": f"user{n}", "password": "guess"}).status_code
        for n in range(5)
    ]
    assert statuses == [200] * 5
    response = client.post(url, {"username": "user9", "password": "guess"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many login attempts" in response.content.decode()


def test_locked_out_token_login_answers_429(settings, annotator):
    """The wrong password that reaches the failure limit and every attempt after it, the
    right password included, get 429 with Retry-After (not 400)."""
    settings.AXES_FAILURE_LIMIT = 3
    client = APIClient()
    statuses = [_token_status(client, annotator.username, "guess") for _ in range(3)]
    assert statuses == [400, 400, 429]
    response = client.post(
        "/api/v1/auth/token/", {"username": annotator.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def _token(user) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _works(token: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/projects/").status_code == 200


def test_changing_a_password_revokes_api_tokens(annotator):
    """A password set and saved (as the admin, a reset or the shell do) revokes every token
    of that user and of no one else."""
    other = UserFactory()
    mine, theirs = _token(annotator), _token(other)
    annotator.set_password("a new and long passphrase")
    annotator.save()
    assert not _works(mine)
    assert _works(theirs)


def test_admin_password_change_revokes_api_tokens(client, annotator):
    """A superuser changing the password in the admin revokes the user's tokens."""
    token = _token(annotator)
    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    response = client.post(
        f"/admin/auth/user/{annotator.pk}/password/",
        {"password1": "a new and long passphrase", "password2": "a new and long passphrase"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not _works(token)


def test_saving_without_a_password_change_keeps_tokens(annotator):
    """Saving a user for anything else keeps the tokens."""
    token = _token(annotator)
    annotator.first_name = "Amal"
    annotator.save()
    assert _works(token)
    call_command("check", verbosity=0)
