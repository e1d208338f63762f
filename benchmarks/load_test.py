"""Load test: simulated reviewers against gunicorn on PostgreSQL and on SQLite.

For each database it creates a fresh database, seeds it (1,000 documents, 50,000 annotations,
50 distinct reviewer accounts by default), starts gunicorn with production settings on a free
127.0.0.1 port and a ``run_jobs`` worker, and fetches one API token per reviewer. Then it runs
locust headless (pinned in ``benchmarks/load/requirements.txt``, installed into
``var/bench/locust``) against each database in turn, ``--rounds`` times, so that both see the
same machine; each round is bounded by ``--run-time`` and ``--max-requests``, and its stats
start once every reviewer is running. It prints, per database, the median over the rounds of
p50/p95 per endpoint and of throughput, the errors and intended 409s, the invariants checked
after every round (acknowledged writes present, no lost updates, no duplicate drafts), and
whether the goals hold: p95 under 300 ms on annotation writes and on polling, and no errors
other than the intended 409s.

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
#: API rate given to every throttle scope during the test (each reviewer is a distinct user).
THROTTLE_RATE = "100000/minute"


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


def _call(port: int, token: str, method: str, path: str, body: dict | None = None) -> float:
    """One request; returns its time in ms (raises on an error status)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return (time.perf_counter() - began) * 1000


def probe(port: int, token: str, plan: dict, repeat: int) -> dict[str, float]:
    """Median time of single requests, one at a time (no concurrency), per endpoint."""
    document = plan["documents"][-1]
    label = plan["label_types"]["claim"]
    text_word = "Load"
    calls = {
        "GET /documents/[id]/": ("GET", f"/documents/{document}/", None),
        "GET /annotations/?document=[id]": (
            "GET",
            f"/annotations/?document={document}&page_size=100",
            None,
        ),
        "GET /projects/[id]/activity/?after=": (
            "GET",
            f"/projects/{plan['project']}/activity/?after={plan['last_activity']}",
            None,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in [*calls, "POST /annotations/"]}
    detail = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/documents/{document}/",
                headers={"Authorization": f"Token {token}"},
            ),
            timeout=60,
        ).read()
    )
    start = detail["text"].rindex(text_word)
    create = {
        "document": document,
        "label_type": label,
        "start": start,
        "end": start + len(text_word),
        "quote": text_word,
        "attributes": {"checkworthy": "no"},
    }
    for _ in range(repeat):
        for name, (method, path, body) in calls.items():
            times[name].append(_call(port, token, method, path, body))
        times["POST /annotations/"].append(_call(port, token, "POST", "/annotations/", create))
    return {name: _median(values) for name, values in times.items()}


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
        # Generous API rates wherever the settings read them from the environment; the
        # settings module raises every other throttle scope too.
        "WORKBENCH_THROTTLE_ANON": THROTTLE_RATE,
        "WORKBENCH_THROTTLE_USER": THROTTLE_RATE,
        "WORKBENCH_THROTTLE_TOKEN": THROTTLE_RATE,
        "WORKBENCH_EXPORT_RATE": THROTTLE_RATE,
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


class Site:
    """One database with its seeded data, gunicorn and run_jobs worker."""

    def __init__(self, database: str, url: str, args: argparse.Namespace) -> None:
        self.database = database
        self.args = args
        self.folder = WORK / database
        self.env = server_env(url, self.folder)
        self.plan = self.folder / "plan.json"
        self.tokens = self.folder / "tokens.json"
        self.data = [sys.executable, str(ROOT / "benchmarks" / "load" / "data.py")]
        self.rounds: list[dict] = []
        self.processes: list[subprocess.Popen] = []

    def seed(self) -> dict:
        args = self.args
        done = subprocess.run(
            [
                *self.data,
                "seed",
                "--plan",
                self.plan,
                "--documents",
                str(args.documents),
                "--annotations",
                str(args.annotations),
                "--users",
                str(args.users),
            ],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"seeding {self.database} failed:\n{done.stdout}{done.stderr}")
        self.seeded = json.loads(done.stdout.strip().splitlines()[-1])
        return self.seeded

    def start(self) -> None:
        self.port = free_port()
        server = start(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:workbench.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.args.workers),
                "workbench.wsgi",
            ],
            self.env,
            self.folder / "gunicorn.log",
        )
        worker = start(
            [sys.executable, str(ROOT / "manage.py"), "run_jobs"],
            self.env,
            self.folder / "run_jobs.log",
        )
        self.processes = [server, worker]
        wait_port(self.port, 120, server)
        began = time.monotonic()
        self.tokens.write_text(json.dumps(login_all(self.port, json.loads(self.plan.read_text()))))
        self.login_seconds = time.monotonic() - began
        tokens = json.loads(self.tokens.read_text())
        self.single = probe(self.port, tokens[0], json.loads(self.plan.read_text()), 30)

    def stop(self) -> None:
        for process in self.processes:
            stop(process)

    def run_round(self, number: int) -> dict:
        """One bounded locust run, then the invariants over every round so far."""
        args = self.args
        prefix = self.folder / f"round{number}"
        acks = self.folder / f"round{number}-acks.json"
        load = os.getloadavg()[0]
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
                "--reset-stats",
                "--host",
                f"http://127.0.0.1:{self.port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={
                **os.environ,
                "LOAD_PLAN": str(self.plan),
                "LOAD_TOKENS": str(self.tokens),
                "LOAD_ACKS": str(acks),
                "LOAD_MAX_REQUESTS": str(args.max_requests),
                "LOAD_POLL_SECONDS": str(args.poll),
                "LOAD_WAIT_MIN": str(args.wait_min),
                "LOAD_WAIT_MAX": str(args.wait_max),
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - began
        (prefix.parent / f"{prefix.name}-locust.log").write_text(locust.stdout + locust.stderr)
        if not acks.exists():
            raise SystemExit(f"locust wrote no results:\n{locust.stdout}{locust.stderr}")
        every = [self.folder / f"round{n}-acks.json" for n in range(1, number + 1)]
        checked = subprocess.run(
            [*self.data, "verify", "--plan", self.plan, "--acks", *every],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if checked.returncode:
            raise SystemExit(f"verifying failed:\n{checked.stdout}{checked.stderr}")
        result = {
            "stats": {row["Name"]: row for row in read_stats(prefix)},
            "checks": json.loads(checked.stdout.strip().splitlines()[-1]),
            "conflicts": len(json.loads(acks.read_text())["conflicts"]),
            "load": load,
            "elapsed": elapsed,
        }
        self.rounds.append(result)
        return result


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def report(site: Site) -> bool:
    """Print one database's figures; return whether every goal and invariant holds."""
    rounds = site.rounds
    names = [name for name in rounds[0]["stats"] if name != "Aggregated"] + ["Aggregated"]
    print(f"\n{site.database}: medians over {len(rounds)} rounds (ms; requests and errors summed)")
    print(f"  {'endpoint':40} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'req/s':>7}")
    medians = {}
    for name in names:
        rows = [r["stats"][name] for r in rounds if name in r["stats"]]
        requests = sum(int(row["Request Count"]) for row in rows)
        errors = sum(int(row["Failure Count"]) for row in rows)
        p50 = _median([float(row["50%"]) for row in rows])
        p95 = _median([float(row["95%"]) for row in rows])
        rate = _median([float(row["Requests/s"]) for row in rows])
        medians[name] = (p95, errors)
        label = "all" if name == "Aggregated" else name
        print(f"  {label[:40]:40} {requests:>8} {errors:>6} {p50:>6.0f} {p95:>6.0f} {rate:>7.1f}")
    print(
        "  single requests, one at a time (median of 30, ms): "
        + ", ".join(f"{name} {value:.0f}" for name, value in site.single.items())
    )
    for number, result in enumerate(rounds, 1):
        total = result["stats"]["Aggregated"]
        print(
            f"  round {number}: p95 {float(total['95%']):.0f} ms, "
            f"{float(total['Requests/s']):.1f} req/s, machine load {result['load']:.1f}, "
            f"{result['conflicts']} intended 409s"
        )
    ok = True
    for name in GOAL_ENDPOINTS:
        if name not in medians:
            ok = False
            print(f"  goal p95 < {GOAL_P95_MS} ms on {name}: no requests made MISSED")
            continue
        p95 = medians[name][0]
        met = p95 < GOAL_P95_MS
        ok &= met
        print(f"  goal p95 < {GOAL_P95_MS} ms on {name}: {p95:.0f} ms {'ok' if met else 'MISSED'}")
    errors = medians["Aggregated"][1]
    ok &= errors == 0
    print(f"  goal no errors besides intended 409s: {errors} {'ok' if errors == 0 else 'MISSED'}")
    for name, check in rounds[-1]["checks"].items():
        ok &= all(r["checks"][name]["ok"] for r in rounds)
        details = ", ".join(f"{k} {v}" for k, v in check.items() if k != "ok")
        state = "ok" if all(r["checks"][name]["ok"] for r in rounds) else "VIOLATED"
        print(f"  invariant {name}: {state} (all rounds: {details})")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("LOAD_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--run-time", type=int, default=60, help="seconds per round")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per round")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--annotations", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--poll", type=float, default=2.0, help="seconds between feed polls")
    parser.add_argument("--wait-min", type=float, default=2.0, help="think time, seconds")
    parser.add_argument("--wait-max", type=float, default=6.0, help="think time, seconds")
    args = parser.parse_args()
    locust_binary()
    sites = []
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
        site = Site(database, url, args)
        print(f"== {database}: seeding ...", flush=True)
        print(f"   seeded {json.dumps(site.seed())}", flush=True)
        sites.append(site)
    try:
        for site in sites:
            site.start()
            print(
                f"== {site.database}: gunicorn ({args.workers} workers) on port {site.port}, "
                f"{args.users} reviewers logged in ({site.login_seconds:.0f} s)",
                flush=True,
            )
        for number in range(1, args.rounds + 1):
            for site in sites:
                result = site.run_round(number)
                total = result["stats"]["Aggregated"]
                print(
                    f"== round {number}, {site.database}: {total['Request Count']} requests in "
                    f"{result['elapsed']:.0f} s, p95 {total['95%']} ms",
                    flush=True,
                )
    finally:
        for site in sites:
            site.stop()
    ok = True
    for site in sites:
        ok &= report(site)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
