"""Import the five seeds into a fresh SQLite database and time it.

Prints the wall time of each whole import (segmentation, detection and database writes),
and detection speed in segments per second, measured side by side in the same run against
plain ``langdetect.detect_langs`` on the same segments. Rounds are interleaved; medians shown.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def plain_langdetect(texts: list[str]) -> None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    for text in texts:
        with contextlib.suppress(LangDetectException):
            detect_langs(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="at least 2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")

        from workbench.common.actor import Actor
        from workbench.corpus.models import Document, Project
        from workbench.corpus.services import document_import
        from workbench.language.detection import clear_caches, detect_segments

        files = sorted((ROOT / "seeds").glob("*.txt"))
        import_times = []
        for round_no in range(args.rounds):
            clear_caches()
            project = Project.objects.create(name=f"bench {round_no}")
            started = time.perf_counter()
            for path in files:
                document_import(
                    actor=Actor.system("benchmark"),
                    project=project,
                    name=path.name,
                    data=path.read_bytes(),
                )
            import_times.append(time.perf_counter() - started)
        docs = list(Document.objects.filter(project__name="bench 0").order_by("source_name"))
        per_doc = [[s.text for s in d.segments.order_by("index")] for d in docs]
        texts = [t for doc in per_doc for t in doc]
        plain_langdetect(texts[:5])  # load langdetect's profiles before timing either side
        ours, plain = [], []
        for _round in range(args.rounds):
            clear_caches()
            started = time.perf_counter()
            for doc in per_doc:
                detect_segments(doc)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            plain_langdetect(texts)
            plain.append(time.perf_counter() - started)
    n = len(texts)
    ours_rate = n / statistics.median(ours)
    plain_rate = n / statistics.median(plain)
    print(f"seeds: {len(files)} files, {n} segments, {args.rounds} interleaved rounds")
    print(f"whole import, first in a fresh process (cold): {import_times[0]:.2f} s")
    warm = statistics.median(import_times[1:])
    print(f"whole import, later rounds (warm), median:     {warm:.2f} s")
    print(f"detection, detect_segments:     {ours_rate:8.0f} segments/s (median)")
    print(f"detection, plain detect_langs:  {plain_rate:8.0f} segments/s (median)")
    print(f"ratio detect_segments / plain:  {ours_rate / plain_rate:.2f}x")


if __name__ == "__main__":
    main()
