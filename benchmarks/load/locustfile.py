"""Simulated reviewers for the load test (run by benchmarks/load_test.py through locust).

Each simulated user is a distinct reviewer (their tokens were fetched through the token
endpoint before the run, so logging in is not part of it). Like a browser with a live view,
each polls the project's activity feed every ``LOAD_POLL_SECONDS``; meanwhile, with think time
between actions, it reads a document with its annotations, creates annotations on it, reviews
annotations of a small shared "hot" set (reading first, then deciding, so that concurrent
reviews of the same version meet: the loser gets the intended 409) and now and then drafts a
document's translations. Every acknowledged write is recorded and written to ``LOAD_ACKS``
when the run stops, for the invariant checks.

Environment: ``LOAD_PLAN`` (the JSON written by ``data.py seed``), ``LOAD_TOKENS`` (one API
token per reviewer, a JSON list), ``LOAD_ACKS`` (output),
``LOAD_MAX_REQUESTS`` (the run stops after that many requests), ``LOAD_POLL_SECONDS``,
``LOAD_WAIT_MIN`` and ``LOAD_WAIT_MAX`` (think time in seconds).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
TOKENS = json.loads(Path(os.environ["LOAD_TOKENS"]).read_text(encoding="utf-8"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
POLL_SECONDS = float(os.environ.get("LOAD_POLL_SECONDS", "2"))
WORDS = re.compile(r"\w+")
API = "/api/v1"

_tokens = iter(TOKENS)
_requests = itertools.count(1)
_environment = None
ACKS: dict[str, list] = {"created": [], "reviews": [], "conflicts": [], "jobs": []}


@events.init.add_listener
def _keep_environment(environment, **_kwargs) -> None:
    global _environment
    _environment = environment


@events.request.add_listener
def _count(**_kwargs) -> None:
    if next(_requests) == MAX_REQUESTS and _environment is not None:
        gevent.spawn(_environment.runner.quit)


@events.quitting.add_listener
def _write_acks(**_kwargs) -> None:
    with open(os.environ["LOAD_ACKS"], "w", encoding="utf-8") as out:
        json.dump(ACKS, out)


class Reviewer(FastHttpUser):
    wait_time = between(
        float(os.environ.get("LOAD_WAIT_MIN", "2")), float(os.environ.get("LOAD_WAIT_MAX", "6"))
    )

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Token {next(_tokens)}"}
        self.after = PLAN["last_activity"]
        self.document: dict | None = None
        self.poller = gevent.spawn(self._poll_forever)

    def on_stop(self) -> None:
        self.poller.kill()

    def _poll_forever(self) -> None:
        gevent.sleep(random.uniform(0, POLL_SECONDS))
        while True:
            self.poll()
            gevent.sleep(POLL_SECONDS)

    @task(15)
    def read_document(self) -> None:
        """Open a document: its text, then its annotations."""
        doc_id = random.choice(PLAN["documents"])
        response = self.client.get(
            f"{API}/documents/{doc_id}/", headers=self.headers, name="GET /documents/[id]/"
        )
        if response.status_code == 200:
            self.document = response.json()
        self.client.get(
            f"{API}/annotations/?document={doc_id}&page_size=100",
            headers=self.headers,
            name="GET /annotations/?document=[id]",
        )

    @task(10)
    def annotate(self) -> None:
        """Mark a word of the open document as a claim."""
        if self.document is None:
            return self.read_document()
        text = self.document["text"]
        match = random.choice(list(WORDS.finditer(text)) or [None])
        if match is None:
            return None
        body = {
            "document": self.document["id"],
            "label_type": PLAN["label_types"]["claim"],
            "start": match.start(),
            "end": match.end(),
            "quote": match.group(),
            "attributes": {"checkworthy": random.choice(["yes", "no"])},
        }
        response = self.client.post(
            f"{API}/annotations/", json=body, headers=self.headers, name="POST /annotations/"
        )
        if response.status_code == 201:
            ACKS["created"].append({**body, "id": response.json()["id"]})
        return None

    @task(10)
    def review(self) -> None:
        """Read a hot annotation, think, then accept or reject that version (If-Match)."""
        pk = random.choice(PLAN["hot"])
        response = self.client.get(
            f"{API}/annotations/{pk}/", headers=self.headers, name="GET /annotations/[id]/"
        )
        if response.status_code != 200:
            return
        tag = response.headers["ETag"]
        gevent.sleep(random.uniform(0.5, 2.0))
        decision = random.choice(["accept", "reject"])
        with self.client.post(
            f"{API}/annotations/{pk}/review/",
            json={"decision": decision, "reason": "Load test." if decision == "reject" else ""},
            headers={**self.headers, "If-Match": tag},
            name="POST /annotations/[id]/review/",
            catch_response=True,
        ) as result:
            if result.status_code == 200:
                ACKS["reviews"].append(
                    {"id": pk, "version": result.json()["version"], "decision": decision}
                )
            elif result.status_code == 409:
                ACKS["conflicts"].append(pk)
                result.success()

    def poll(self) -> None:
        """Ask the activity feed for what changed since the last entry seen."""
        response = self.client.get(
            f"{API}/projects/{PLAN['project']}/activity/?after={self.after}",
            headers=self.headers,
            name="GET /projects/[id]/activity/?after=",
        )
        if response.status_code == 200:
            self.after = response.json()["last"]

    @task(1)
    def draft(self) -> None:
        """Now and then, draft the open document's translations, then look at the job."""
        if self.document is None:
            return
        target = "ar" if self.document["language"] != "ar" else "en"
        response = self.client.post(
            f"{API}/documents/{self.document['id']}/translations/",
            json={"target": target},
            headers=self.headers,
            name="POST /documents/[id]/translations/",
        )
        if response.status_code == 202:
            job = response.json()["id"]
            ACKS["jobs"].append(job)
            gevent.sleep(random.uniform(0.5, 1.5))
            self.client.get(f"{API}/jobs/{job}/", headers=self.headers, name="GET /jobs/[id]/")
