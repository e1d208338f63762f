"""Real processes for tests: manage.py and Celery workers on the test database, a private
redis-server, free loopback ports, and waiting on conditions.

Tests that need a server that is not there skip with the reason, unless
``WORKBENCH_TEST_REQUIRE_SERVICES`` is set (``.ci/run`` sets it): then they fail, so CI cannot
pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def unavailable(reason: str) -> None:
    """Skip the test for a missing server, or fail it when services are required (CI)."""
    if os.environ.get("WORKBENCH_TEST_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (WORKBENCH_TEST_REQUIRE_SERVICES is set)")
    pytest.skip(reason)


def database_url() -> str:
    """A DATABASE_URL for the test database this process is using."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        user = quote(db.get("USER") or "", safe="")
        password = quote(db.get("PASSWORD") or "", safe="")
        host = db.get("HOST") or "localhost"
        port = db.get("PORT") or 5432
        return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"
    raise RuntimeError(f"no URL for a {connection.vendor} database")


def child_env(**overrides: str) -> dict[str, str]:
    """The environment for a child process on the test database and the test session's
    translation packages, with ``overrides``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "workbench.settings",
        "DATABASE_URL": database_url(),
        "ARGOS_PACKAGES_DIR": str(settings.ARGOS_PACKAGES_DIR),
        "DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "INFO",
    }
    env.pop("CELERY_BROKER_URL", None)
    env.update(overrides)
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts connections on ``host:port``."""
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_for(condition: Callable[[], T], timeout: float, what: str, interval: float = 0.05) -> T:
    """Call ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


class Process:
    """A child process in its own process group, with its output in a log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args = args
        self.log = log
        self._file = log.open("wb")
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        """Everything the process printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def signal_group(self, signum: int) -> None:
        """Send ``signum`` to the process and every process it started."""
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signum)

    def kill(self) -> None:
        """SIGKILL the whole process group (no cleanup runs) and reap the leader."""
        self.signal_group(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM the group, wait, and SIGKILL what is left; returns the exit code."""
        if self.popen.poll() is None:
            self.signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.signal_group(signal.SIGKILL)
                self.popen.wait(timeout=30)
        self.signal_group(signal.SIGKILL)
        self._file.close()
        return self.popen.returncode


def manage(*args: str, env: dict[str, str], log: Path) -> Process:
    """``python manage.py ARGS`` as a child process."""
    return Process([sys.executable, str(ROOT / "manage.py"), *args], env, log)


def celery_worker(name: str, *extra: str, env: dict[str, str], log: Path) -> Process:
    """``celery -A workbench worker`` with one solo-pool process named ``name``."""
    return Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workbench",
            "worker",
            "--pool",
            "solo",
            "--hostname",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
            *extra,
        ],
        env,
        log,
    )


@contextmanager
def redis_server(tmp_path: Path) -> Iterator[str]:
    """A redis-server of our own on a free loopback port (no persistence); yields its URL.

    Without the binary, the server named by ``WORKBENCH_TEST_REDIS_URL`` is used if it answers.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        url = os.environ.get("WORKBENCH_TEST_REDIS_URL", "")
        if not url or not _redis_answers(url):
            unavailable("needs redis-server (apt-get install redis-server) on this machine")
        yield url
        return
    port = free_port()
    server = Process(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        dict(os.environ),
        tmp_path / "redis.log",
    )
    try:
        wait_for(lambda: port_open(port), 30, "redis-server to listen")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.stop()


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False
