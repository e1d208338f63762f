"""Production settings, checked in child processes with the environment a deployment sets:
``check --deploy`` reports nothing, a missing SECRET_KEY is refused, and gunicorn serves the
app with HSTS, secure cookies, an HTTPS redirect and static files through whitenoise."""

import http.client
import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from tests.processes import ROOT, Process, free_port, port_open, wait_for

pytestmark = pytest.mark.usefixtures("installed")


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    """DEBUG off, a strong SECRET_KEY, one host, a private var/ folder, and nothing of the
    test run's own environment that a deployment would not have (the browser tests allow
    async-unsafe calls in this process)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "workbench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "wb.example.org,127.0.0.1",
        "WORKBENCH_VAR_DIR": str(tmp_path / "var"),
        "ARGOS_PACKAGES_DIR": str(settings.ARGOS_PACKAGES_DIR),
    }


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_reports_nothing(production_env):
    """With production values (and a translation pair installed), ``check --deploy`` finds no
    issue at all, warnings included."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_secret_key_is_required_when_debug_is_off(production_env):
    """DEBUG=0 without SECRET_KEY refuses to start, saying what is missing."""
    del production_env["SECRET_KEY"]
    result = _manage("check", env=production_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_gunicorn_serves_with_production_headers_and_static_files(production_env, tmp_path):
    """Under gunicorn with production settings: plain HTTP is redirected to HTTPS; behind a
    TLS proxy pages carry HSTS and Secure cookies; whitenoise serves collected static files."""
    assert _manage("collectstatic", "--noinput", env=production_env).returncode == 0
    port = free_port()
    server = Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:workbench.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "workbench.wsgi",
        ],
        production_env,
        tmp_path / "gunicorn.log",
    )
    try:
        wait_for(lambda: port_open(port), 120, f"gunicorn to listen\n{server.output()}")
        plain = _get(port, "/admin/login/")
        assert plain.status == 301
        assert plain.getheader("Location") == "https://127.0.0.1/admin/login/"
        page = _get(port, "/admin/login/", {"X-Forwarded-Proto": "https"})
        assert page.status == 200
        assert "max-age=31536000" in page.getheader("Strict-Transport-Security")
        cookie = page.getheader("Set-Cookie")
        assert "csrftoken=" in cookie and "Secure" in cookie
        static = _get(port, "/static/admin/css/base.css", {"X-Forwarded-Proto": "https"})
        assert static.status == 200
        assert static.getheader("Content-Type").startswith("text/css")
    finally:
        server.stop()


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def _settings_values(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECRET_KEY.startswith('django-insecure-')]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_debug_is_off_when_not_set(production_env):
    """Without DEBUG in the environment the production values apply: no debug mode, the
    configured hosts only, secure cookies, the deployment's own key."""
    del production_env["DEBUG"]
    result = _settings_values(production_env)
    assert result.returncode == 0, result.stderr
    debug, hosts, session_secure, csrf_secure, development_key = json.loads(result.stdout)
    assert debug is False
    assert hosts == ["wb.example.org", "127.0.0.1"]
    assert session_secure is True and csrf_secure is True
    assert development_key is False


def test_a_forgotten_debug_and_secret_key_refuse_to_start(production_env):
    """With neither DEBUG nor SECRET_KEY set, nothing starts with the development key or
    ``ALLOWED_HOSTS=*``: loading the settings fails, saying what is missing."""
    del production_env["DEBUG"]
    del production_env["SECRET_KEY"]
    del production_env["ALLOWED_HOSTS"]
    result = _settings_values(production_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def _gunicorn(env: dict[str, str], tmp_path, app: str = "workbench.wsgi") -> Process:
    return Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:workbench.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{free_port()}",
            "--workers",
            "1",
            app,
        ],
        env,
        tmp_path / "gunicorn.log",
    )


def test_gunicorn_refuses_to_start_without_secret_key(production_env, tmp_path):
    """Real gunicorn with DEBUG unset and no SECRET_KEY exits at once with the reason, before
    any worker starts."""
    del production_env["DEBUG"]
    del production_env["SECRET_KEY"]
    server = _gunicorn(production_env, tmp_path)
    try:
        assert server.popen.wait(timeout=120) != 0
    finally:
        server.stop()
    assert "SECRET_KEY must be set when DEBUG is off." in server.output()
    assert "Booting worker" not in server.output()


@pytest.mark.parametrize("secret_key", [True, False], ids=["with-key", "without-key"])
def test_gunicorn_refuses_to_start_in_debug_mode(production_env, tmp_path, secret_key):
    """Real gunicorn with DEBUG on exits at once, with or without a SECRET_KEY."""
    production_env["DEBUG"] = "true"
    if not secret_key:
        del production_env["SECRET_KEY"]
    server = _gunicorn(production_env, tmp_path)
    try:
        assert server.popen.wait(timeout=120) != 0
    finally:
        server.stop()
    assert "Refusing to serve with DEBUG on" in server.output()
    assert "Booting worker" not in server.output()


def _load_asgi(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import workbench.asgi; print('loaded')"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_asgi_entry_refuses_debug_mode_and_a_missing_key(production_env):
    """The ASGI application loads with production settings, and refuses DEBUG on or a missing
    SECRET_KEY."""
    assert _load_asgi(production_env).stdout.strip() == "loaded"
    debug = _load_asgi({**production_env, "DEBUG": "true"})
    assert debug.returncode != 0
    assert "Refusing to serve with DEBUG on" in debug.stderr
    no_key = {key: value for key, value in production_env.items() if key != "SECRET_KEY"}
    missing = _load_asgi({**no_key, "DEBUG": ""})
    assert missing.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in missing.stderr
