"""Load test: simulated reviewers against gunicorn on PostgreSQL and on SQLite.

For each database it creates a fresh database, seeds it (1,000 documents, 50,000 annotations,
50 distinct reviewer accounts by default), starts gunicorn with production settings on a free
127.0.0.1 port and a ``run_jobs`` worker, and runs locust headless (pinned in
``benchmarks/load/requirements.txt``, installed into ``var/bench/locust``). The run is bounded
by ``--run-time`` and ``--max-requests``. It prints p50/p95 per endpoint, throughput, errors
and intended 409s, then checks the invariants (acknowledged writes present, no lost updates,
no duplicate drafts) and whether the goals hold: p95 under 300 ms on annotation writes and on
polling, and no errors other than the intended 409s.

    .venv/bin/python benchmarks/load_test.py                       # both databases
    .venv/bin/python benchmarks/load_test.py --databases sqlite --users 20 --run-time 30

PostgreSQL comes from ``--postgres-url`` (default: ``LOAD_TEST_POSTGRES_URL``, else the role
``scripts/start-services.sh`` creates); its role must be allowed to create databases. The
database ``workbench_load`` is dropped and created again.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench" / "load"
LOCUST_VENV = ROOT / "var" / "bench" / "locust"
REQUIREMENTS = ROOT / "benchmarks" / "load" / "requirements.txt"
DEFAULT_POSTGRES = "postgres://workbench:workbench@127.0.0.1:5432/workbench"
LOAD_DATABASE = "workbench_load"
#: Endpoints the goals apply to, as the locustfile names them.
GOAL_ENDPOINTS = (
    "POST /annotations/",
    "POST /annotations/[id]/review/",
    "GET /projects/[id]/activity/?after=",
)
GOAL_P95_MS = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def locust_binary() -> Path:
    """The pinned locust, in its own virtualenv (created on first use)."""
    binary = LOCUST_VENV / "bin" / "locust"
    pinned = REQUIREMENTS.read_text().split("locust==")[1].split()[0]
    if binary.exists():
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
        if f"locust {pinned} " in version:
            return binary
    print(f"Installing locust {pinned} into {LOCUST_VENV} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", LOCUST_VENV], check=True)
    pip = [LOCUST_VENV / "bin" / "python", "-m", "pip", "install", "--quiet"]
    installed = subprocess.run([*pip, "-r", REQUIREMENTS], capture_output=True, text=True)
    if installed.returncode:
        raise SystemExit(f"could not install locust:\n{installed.stdout}{installed.stderr}")
    return binary


def login_all(port: int, plan: dict) -> list[str]:
    """One API token per reviewer, through the token endpoint (before the measured run)."""

    def login(username: str) -> str:
        body = json.dumps({"username": username, "password": plan["password"]}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/auth/token/",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())["token"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(login, plan["usernames"]))


def postgres_database(admin_url: str) -> str | None:
    """Create a fresh load-test database next to ``admin_url``'s; None when unreachable."""
    import psycopg

    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {LOAD_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {LOAD_DATABASE}")
            version = conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as exc:
        print(f"PostgreSQL is not usable at {_safe(admin_url)}: {exc}".strip(), flush=True)
        return None
    print(f"PostgreSQL {version}, database {LOAD_DATABASE}", flush=True)
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{LOAD_DATABASE}"))


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def sqlite_database(folder: Path) -> str:
    path = folder / "load.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def server_env(database_url: str, folder: Path) -> dict[str, str]:
    """Production settings (DEBUG off) behind no TLS proxy, with the echo engine for drafts."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "WORKBENCH_VAR_DIR": str(folder),
        "WORKBENCH_MT_ENGINES": "workbench.translation.engines.echo.EchoEngine",
        "LOG_LEVEL": "WARNING",
    }


def start(args: list, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run(database: str, database_url: str, args: argparse.Namespace) -> dict:
    folder = WORK / database
    env = server_env(database_url, folder)
    plan, acks, prefix = folder / "plan.json", folder / "acks.json", folder / "locust"
    tokens = folder / "tokens.json"
    manage = [sys.executable, str(ROOT / "manage.py")]
    data = [sys.executable, str(ROOT / "benchmarks" / "load" / "data.py")]
    print(f"== {database}: seeding ...", flush=True)
    seeded = subprocess.run(
        [
            *data,
            "seed",
            "--plan",
            plan,
            "--documents",
            str(args.documents),
            "--annotations",
            str(args.annotations),
            "--users",
            str(args.users),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    seeded = json.loads(seeded.stdout.strip().splitlines()[-1])
    print(f"   seeded {json.dumps(seeded)}", flush=True)
    port = free_port()
    server = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:workbench.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "workbench.wsgi",
        ],
        env,
        folder / "gunicorn.log",
    )
    worker = start([*manage, "run_jobs"], env, folder / "run_jobs.log")
    try:
        wait_port(port, 120, server)
        began = time.monotonic()
        tokens.write_text(json.dumps(login_all(port, json.loads(plan.read_text()))))
        print(f"   {args.users} reviewers logged in ({time.monotonic() - began:.0f} s)", flush=True)
        print(
            f"== {database}: {args.users} reviewers for up to {args.run_time} s or "
            f"{args.max_requests} requests (gunicorn, {args.workers} workers) ...",
            flush=True,
        )
        began = time.monotonic()
        locust = subprocess.run(
            [
                str(locust_binary()),
                "-f",
                str(ROOT / "benchmarks" / "load" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.run_time}s",
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={
                **os.environ,
                "LOAD_PLAN": str(plan),
                "LOAD_TOKENS": str(tokens),
                "LOAD_ACKS": str(acks),
                "LOAD_MAX_REQUESTS": str(args.max_requests),
                "LOAD_WAIT_MIN": str(args.wait_min),
                "LOAD_WAIT_MAX": str(args.wait_max),
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - began
        (folder / "locust.log").write_text(locust.stdout + locust.stderr, encoding="utf-8")
        checked = subprocess.run(
            [*data, "verify", "--plan", plan, "--acks", acks],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        checks = json.loads(checked.stdout.strip().splitlines()[-1])
    finally:
        stop(worker)
        stop(server)
    return {"seeded": seeded, "stats": read_stats(prefix), "checks": checks, "elapsed": elapsed}


def report(database: str, result: dict) -> bool:
    """Print the figures of one run; return whether every goal and invariant holds."""
    rows = result["stats"]
    print(f"\n{database}: per endpoint (ms)")
    print(f"  {'endpoint':40} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'req/s':>7}")
    total = None
    for row in rows:
        line = (
            f"  {row['Name'][:40]:40} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>6} {row['95%']:>6} {float(row['Requests/s']):7.1f}"
        )
        if row["Name"] == "Aggregated":
            total = row
            continue
        print(line)
    checks = result["checks"]
    conflicts = checks["no lost updates"]["intended_409s"]
    print(
        f"  {'all':40} {total['Request Count']:>8} {total['Failure Count']:>6} "
        f"{total['50%']:>6} {total['95%']:>6} {float(total['Requests/s']):7.1f}"
    )
    print(f"  intended 409s (concurrent reviews of one version): {conflicts}")
    ok = True
    for name in GOAL_ENDPOINTS:
        row = next((r for r in rows if r["Name"] == name), None)
        p95 = float(row["95%"]) if row else float("inf")
        met = p95 < GOAL_P95_MS
        ok &= met
        print(f"  goal p95 < {GOAL_P95_MS} ms on {name}: {p95:.0f} ms {'ok' if met else 'MISSED'}")
    errors = int(total["Failure Count"])
    ok &= errors == 0
    print(f"  goal no errors besides intended 409s: {errors} {'ok' if errors == 0 else 'MISSED'}")
    for name, check in checks.items():
        ok &= bool(check["ok"])
        details = ", ".join(f"{k} {v}" for k, v in check.items() if k != "ok")
        print(f"  invariant {name}: {'ok' if check['ok'] else 'VIOLATED'} ({details})")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("LOAD_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", type=int, default=90, help="seconds")
    parser.add_argument("--max-requests", type=int, default=30_000)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--annotations", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--wait-min", type=float, default=0.5, help="think time, seconds")
    parser.add_argument("--wait-max", type=float, default=2.0, help="think time, seconds")
    args = parser.parse_args()
    locust_binary()
    ok = True
    for database in args.databases.split(","):
        folder = WORK / database
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if database == "postgres":
            url = postgres_database(args.postgres_url)
            if url is None:
                print("== postgres: skipped (start it with scripts/start-services.sh)")
                continue
        elif database == "sqlite":
            url = sqlite_database(folder)
        else:
            raise SystemExit(f"unknown database {database!r}; use postgres and/or sqlite")
        result = run(database, url, args)
        ok &= report(database, result)
        print(f"  run took {result['elapsed']:.0f} s; seeding {result['seeded']['seconds']} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
