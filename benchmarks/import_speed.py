"""Import speed: news articles with accepted annotations and links, read back from our JSONL.

Generates a JSONL file in the export format (``--articles`` articles of mixed Arabic and
English news; at 300 articles, 13,451 accepted annotations and 7,102 links, each annotation
reviewed by a reviewer, a comment on every tenth), then imports it with the
``import_annotations`` command into a fresh SQLite database, once per code tree given:
``--tree`` names the checkouts to compare (this one by default; pass an older checkout too,
for instance one made with ``git archive main``). Every import runs in its own process, rounds
are interleaved and medians printed, with the ratio to the first tree. Only the import is
timed (not the migrations). Keep the CPU bounded: ``--articles 30`` is the quick run, and
the per-row path of old trees takes about 0.44 s an article.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Per article at 300 articles: 13,451 annotations and 7,102 links in all.
FULL_ARTICLES, FULL_ANNOTATIONS, FULL_LINKS = 300, 13_451, 7_102
AUTHORS = ("amal", "ben", "chadi")
REVIEWER = "dina"

EN_SOURCES = ("the minister", "a spokesman", "the central bank", "the union", "an analyst")
EN_CLAIMS = (
    "taxes will fall next year",
    "inflation reached nine percent",
    "the port handled a record tonnage",
    "unemployment doubled since March",
    "the budget deficit narrowed",
)
EN_STANCES = ("welcomed", "rejected", "questioned")
AR_SOURCES = ("الوزير", "المتحدث الرسمي", "البنك المركزي", "النقابة", "محلل اقتصادي")
AR_CLAIMS = (
    "الضرائب ستنخفض العام المقبل",
    "التضخم بلغ تسعة بالمئة",
    "الميناء سجل حمولة قياسية",
    "البطالة تضاعفت منذ آذار",
    "عجز الموازنة تراجع",
)
AR_STANCES = ("رحب", "رفض", "شكك")


def article(number: int, annotations: int, links: int, rng: random.Random) -> dict:
    """One article as a line of our JSONL export: text, accepted annotations and links."""
    sentences, spans = [], []
    offset = 0
    while len(spans) < annotations:
        if len(sentences) % 2:
            source, claim = rng.choice(AR_SOURCES), rng.choice(AR_CLAIMS)
            stance = rng.choice(AR_STANCES)
            head = f"قال {source} إن "
            body = f"{head}{claim} في التقرير {number}، ثم {stance} النواب الخطة."
        else:
            source, claim = rng.choice(EN_SOURCES), rng.choice(EN_CLAIMS)
            stance = rng.choice(EN_STANCES)
            head = f"In report {number}, {source} said that "
            body = f"{head}{claim}, and lawmakers {stance} the plan."
        for label, word in (("claim", claim), ("source", source), ("stance", stance)):
            start = offset + body.index(word)
            spans.append((label, start, start + len(word), word))
        sentences.append(body)
        offset += len(body) + 2
    spans = spans[:annotations]
    text = f"Report {number}\n\n" + "\n\n".join(sentences)
    shift = len(f"Report {number}\n\n")
    items = []
    for position, (label, start, end, word) in enumerate(spans):
        attributes = {
            "claim": {"checkworthy": "yes", "topic": "economy"},
            "source": {"kind": "organization", "name": word},
            "stance": {"polarity": "against"},
        }[label]
        items.append(
            {
                "id": position + 1,
                "label": label,
                "start": start + shift,
                "end": end + shift,
                "quote": word,
                "attributes": attributes,
                "status": "accepted",
                "author": AUTHORS[position % len(AUTHORS)],
                "reviewed_by": REVIEWER,
                "review_reason": "",
                "comments": (
                    [{"author": REVIEWER, "body": f"Checked against report {number}."}]
                    if position % 10 == 0
                    else []
                ),
            }
        )
    candidates = []
    for first in range(0, len(items) - 2, 3):
        claim, source, stance = items[first], items[first + 1], items[first + 2]
        candidates.append({"type": "attributed_to", "source": claim["id"], "target": source["id"]})
        candidates.append({"type": "toward", "source": stance["id"], "target": claim["id"]})
    return {
        "source_name": f"report-{number:04d}.txt",
        "text": text,
        "annotations": items,
        "links": [
            {**link, "author": AUTHORS[n % len(AUTHORS)]}
            for n, link in enumerate(candidates[:links])
        ],
        "segments": [],
    }


def corpus(articles: int) -> list[str]:
    """``articles`` JSONL lines spreading the full corpus's annotations and links evenly."""
    rng = random.Random(18)
    annotations = round(FULL_ANNOTATIONS * articles / FULL_ARTICLES)
    links = round(FULL_LINKS * articles / FULL_ARTICLES)
    lines = []
    for number in range(articles):
        a = annotations // articles + (number < annotations % articles)
        n = links // articles + (number < links % articles)
        lines.append(json.dumps(article(number + 1, a, n, rng), ensure_ascii=False))
    return lines


CHILD = """
import os, sys, time
sys.path.insert(0, {tree!r})
os.environ["DATABASE_URL"] = "sqlite:///" + {db!r}
os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
import io, django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
call_command("migrate", verbosity=0)
call_command("loaddata", {fixture!r}, verbosity=0)
for name in {users!r}:
    get_user_model().objects.create(username=name)
started = time.perf_counter()
call_command("import_annotations", {path!r}, "--project", "bench", stdout=io.StringIO())
elapsed = time.perf_counter() - started
from workbench.annotation.models import Annotation, Link
from workbench.audit.models import AuditEntry
print(elapsed, Annotation.objects.count(), Link.objects.count(), AuditEntry.objects.count())
"""


def run(tree: Path, path: Path, tmp: Path) -> tuple[float, int, int, int]:
    """Import ``path`` with the code in ``tree`` into a new database; seconds and row counts."""
    db = tmp / "bench.sqlite3"
    if db.exists():
        db.unlink()
    script = CHILD.format(
        tree=str(tree),
        db=str(db),
        fixture=str(tree / "fixtures" / "label_types.json"),
        users=(*AUTHORS, REVIEWER),
        path=str(path),
    )
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=tree, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{tree}: the import failed\n{out.stderr[-3000:]}")
    seconds, annotations, links, entries = out.stdout.split()[-4:]
    return float(seconds), int(annotations), int(links), int(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=FULL_ARTICLES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--tree",
        type=Path,
        action="append",
        help="a checkout to run (repeatable; the first is the reference); default: this one",
    )
    args = parser.parse_args()
    trees = [tree.resolve() for tree in (args.tree or [ROOT])]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        path = tmp / "articles.jsonl"
        lines = corpus(args.articles)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected = [json.loads(line) for line in lines]
        annotations = sum(len(line["annotations"]) for line in expected)
        links = sum(len(line["links"]) for line in expected)
        print(f"{args.articles} articles, {annotations:,} annotations, {links:,} links", flush=True)
        times: dict[Path, list[float]] = {tree: [] for tree in trees}
        counts: dict[Path, tuple[int, int, int]] = {}
        for _round in range(args.rounds):
            for tree in trees:
                seconds, *rows = run(tree, path, tmp)
                times[tree].append(seconds)
                counts[tree] = tuple(rows)
        reference = statistics.median(times[trees[0]])
        header = f"{'tree':<40} {'median s':>9} {'annotations/s':>14} {'ratio':>7}"
        print(f"{header}  rows (annotations, links, audit entries)")
        for tree in trees:
            median = statistics.median(times[tree])
            print(
                f"{str(tree)[-40:]:<40} {median:>9.2f} {annotations / median:>14,.0f} "
                f"{reference / median:>6.1f}x  {counts[tree]}"
            )


if __name__ == "__main__":
    main()
