"""Open the document workspace in headless Chromium and time it from the browser's own clock.

A fresh SQLite database gets a document of 1,000 segments (Arabic, English and mixed lines)
with 2,000 annotations, plus a 10-segment document as a baseline measured side by side in the
same run. The app is served by ``manage.py runserver`` on 127.0.0.1. For each document the
page is opened ``--rounds`` times in a new browser context (nothing cached), and once more in
that context (scripts and styles cached, as for a reviewer's next document); printed are
medians of:

- first segment visible: Element Timing of the first segment's text (``elementtiming``);
- interactive: the ``workspace-ready`` mark (data parsed, every handler attached, the
  segments around the viewport drawn with highlights and drafts), and ``domInteractive``
  from Navigation Timing;
- every highlight drawn: the ``workspace-drawn`` mark, when the segments further away have
  been drawn too, in idle time after the page became interactive;
- tag keystroke to highlight: from the keydown's timestamp to the first task after the
  frame that draws the provisional highlight;
- save to highlight: from the Save click to the stored annotation's highlight in the DOM;
- live update: from another user's API call to the highlight appearing in this page.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-1234"
LINES = [
    "قال المتحدث باسم النقابة إن الإضراب سيستمر حتى تلبية المطالب كلها.",
    "The general strike spread to the oil refineries within two days.",
    "شعارنا اليوم هو: Stop the war now and open the fronts في كل مكان.",
    "Workers at the port of Basra walked out on Monday morning 👍🏽 again.",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_database(segments: int, annotations: int) -> dict[str, int]:
    """Create the user, project and the two documents; return their ids."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from workbench.annotation.models import Annotation, LabelType, Status
    from workbench.common.actor import Actor
    from workbench.corpus.models import Membership, Project, Role
    from workbench.corpus.services import document_import

    call_command("migrate", verbosity=0)
    call_command("load_fixtures", verbosity=0)
    user = get_user_model().objects.create_user("bench", password=PASSWORD)
    project = Project.objects.create(name="Bench")
    Membership.objects.create(project=project, user=user, role=Role.MODERATOR)
    labels = list(LabelType.objects.order_by("pk"))
    attributes = {
        "claim": {"checkworthy": "yes"},
        "stance": {"polarity": "neutral"},
        "source": {"kind": "media", "name": "Bench"},
    }
    ids = {}
    for name, count, spans in (("small", 10, 20), ("large", segments, annotations)):
        text = "\n\n".join(LINES[i % len(LINES)] for i in range(count))
        document = document_import(
            actor=Actor.system("benchmark"), project=project, name=f"{name}.txt", data=text.encode()
        ).document
        rows = list(document.segments.order_by("index"))
        statuses = [Status.PENDING, Status.ACCEPTED, Status.REJECTED]
        bulk = []
        for n in range(spans):
            segment = rows[n % len(rows)]
            width = len(segment.text)
            if n // len(rows) % 2 == 0:
                start, end = segment.start, segment.start + width // 2
            else:
                start, end = segment.start + width // 3, segment.end
            label = labels[n % len(labels)]
            bulk.append(
                Annotation(
                    document=document,
                    label_type=label,
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    attributes=attributes[label.name],
                    author=user,
                    status=statuses[n % 3],
                )
            )
        Annotation.objects.bulk_create(bulk, batch_size=1000)
        ids[name] = document.pk
    return ids


PAGE_TIMINGS = """async () => {
  const elements = await new Promise((resolve) => {
    const found = performance.getEntriesByType("element");
    if (found.length) return resolve(found);
    const observer = new PerformanceObserver((list) => resolve(list.getEntries()));
    observer.observe({ type: "element", buffered: true });
  });
  const navigation = performance.getEntriesByType("navigation")[0];
  const first = elements.find((entry) => entry.identifier === "first-segment");
  await new Promise((resolve) => {
    const root = document.getElementById("workspace");
    const check = () => (root.dataset.drawn ? resolve() : setTimeout(check, 20));
    check();
  });
  return {
    firstSegment: first.renderTime || first.loadTime,
    ready: performance.getEntriesByName("workspace-ready")[0].startTime,
    drawn: performance.getEntriesByName("workspace-drawn")[0].startTime,
    domInteractive: navigation.domInteractive,
    response: navigation.responseEnd,
  };
}"""

SELECT_IN = """(index) => {
  const rows = document.querySelectorAll("[data-segment-id]");
  const row = rows[index % rows.length];
  row.scrollIntoView({ block: "center" });
  const text = row.querySelector(".seg-text");
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  const node = walker.nextNode();
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, Math.min(node.length, 6));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""

WATCH = """(id) => new Promise((resolve) => {
  const seen = () => document.querySelector(`[data-annotation-id="${id}"]`);
  if (seen()) return resolve(Date.now());
  new MutationObserver((_, observer) => {
    if (seen()) { observer.disconnect(); resolve(Date.now()); }
  }).observe(document.getElementById("segments"), { childList: true, subtree: true });
})"""

CREATE = """async ([document, start, end, quote]) => {
  const csrf = window.document.querySelector('meta[name="csrf-token"]').content;
  const sent = Date.now();
  const response = await fetch("/api/v1/annotations/", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({
      document, label_type: 1, start, end, quote, attributes: { checkworthy: "no" },
    }),
  });
  return { sent, id: (await response.json()).id };
}"""


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure(base: str, document_id: int, rounds: int, state: dict, browser) -> dict:
    opened = []
    reopened = []
    for _ in range(rounds):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, storage_state=state)
        page = context.new_page()
        page.goto(f"{base}/documents/{document_id}/")
        page.wait_for_selector("#workspace[data-ready=true]")
        opened.append(page.evaluate(PAGE_TIMINGS))
        page.goto(f"{base}/documents/{document_id}/")
        page.wait_for_selector("#workspace[data-ready=true]")
        reopened.append(page.evaluate(PAGE_TIMINGS))
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, storage_state=state)
    page = context.new_page()
    page.goto(f"{base}/documents/{document_id}/")
    page.wait_for_selector("#workspace[data-ready=true]")
    for index in range(rounds * 3):
        page.evaluate(SELECT_IN, index * 37 + 11)
        page.keyboard.press("c")
        page.wait_for_selector("mark.provisional")
        page.wait_for_selector("[data-testid=annotation-form]")
        page.keyboard.press("Escape")
        page.wait_for_selector("#annotation-dialog:not([open])", state="attached")
    keystroke = page.evaluate("window.__workbench.timings.tagToHighlight")
    saves = []
    for index in range(rounds):
        page.evaluate(SELECT_IN, index * 53 + 5)
        page.keyboard.press("c")
        page.select_option("[data-testid=annotation-form] [name=checkworthy]", "yes")
        before = page.evaluate("Date.now()")
        page.click("[data-testid=annotation-save]")
        page.wait_for_selector("#annotation-dialog:not([open])", state="attached")
        page.wait_for_function("!document.querySelector('mark.provisional')")
        saves.append(page.evaluate("Date.now()") - before)
    other = context.new_page()
    other.goto(f"{base}/documents/{document_id}/")
    other.wait_for_selector("#workspace[data-ready=true]")
    live = []
    store = page.evaluate(
        "window.__workbench.store.segments.slice(0, 40).map(s => [s.start, s.text])"
    )
    for index in range(rounds):
        start, text = store[(index * 3 + 1) % len(store)]
        created = other.evaluate(CREATE, [document_id, start, start + 4, text[:4]])
        seen = page.evaluate(WATCH, created["id"])
        live.append(seen - created["sent"])
    context.close()
    return {
        "first segment visible (ms)": median([o["firstSegment"] for o in opened]),
        "domInteractive (ms)": median([o["domInteractive"] for o in opened]),
        "interactive: workspace ready (ms)": median([o["ready"] for o in opened]),
        "interactive, scripts cached (ms)": median([o["ready"] for o in reopened]),
        "every highlight drawn (ms)": median([o["drawn"] for o in opened]),
        "tag keystroke to highlight (ms)": median(keystroke),
        "save click to stored highlight (ms)": median(saves),
        "live update from another user (ms)": median(live),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--annotations", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "WORKBENCH_VAR_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "workbench.settings",
            "DEBUG": "1",
        }
        os.environ.update(env)
        import django

        django.setup()
        ids = build_database(args.segments, args.annotations)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            from tests.browser import chromium

            with chromium() as browser:
                context = browser.new_context()
                login = context.new_page()
                login.goto(f"{base}/accounts/login/")
                login.fill("input[name=username]", "bench")
                login.fill("input[name=password]", PASSWORD)
                login.click("[data-testid=login-submit]")
                login.wait_for_url(f"{base}/")
                state = context.storage_state()
                context.close()
                small = measure(base, ids["small"], args.rounds, state, browser)
                large = measure(base, ids["large"], args.rounds, state, browser)
        finally:
            server.terminate()
            server.wait()
    print(
        f"Workspace speed, medians of {args.rounds} page loads "
        f"({args.segments} segments / {args.annotations} annotations vs 10 / 20):"
    )
    print(f"{'':38} {'large':>9} {'small':>9} {'ratio':>7}")
    for key in large:
        ratio = large[key] / small[key] if small[key] else float("nan")
        print(f"{key:38} {large[key]:9.1f} {small[key]:9.1f} {ratio:7.2f}")


if __name__ == "__main__":
    main()
