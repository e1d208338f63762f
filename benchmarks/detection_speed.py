"""Speed of segment language detection against plain langdetect, on the seed documents.

The seeds are split into segments (with ``workbench.corpus.segmentation.segment_text`` when it
exists, else one segment per non-empty line). Each round times ``detect_segments`` over every
document (with its result cache emptied first) and plain ``langdetect.detect_langs`` over the
same segments; rounds alternate the two so that both see the same machine load. The script
prints the median segments per second of each, their ratio, and the English seed segments that
were labelled with another Latin-script language (the target is none).

    python benchmarks/detection_speed.py [--seeds seeds] [--rounds 7]
"""

import argparse
import contextlib
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbench.language.codes import LATIN_LANGUAGES, SCRIPT_LANGUAGES  # noqa: E402
from workbench.language.detection import (  # noqa: E402
    clear_caches,
    detect_segments,
    langdetect_among,
)
from workbench.language.scripts import char_script  # noqa: E402


def split_segments(text: str) -> list[str]:
    """The segments of one document's text."""
    try:
        from workbench.corpus.segmentation import segment_text
    except ImportError:
        return [line.strip() for line in text.splitlines() if line.strip()]
    return [text[span.start : span.end] for span in segment_text(text)]


def load_documents(folder: Path) -> dict[str, list[str]]:
    """Segments of every ``.txt``/``.md`` seed, by file name."""
    documents = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in {".txt", ".md"}:
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            documents[path.name] = split_segments(text.replace("\r\n", "\n"))
    return documents


def plain_langdetect(segments: list[str]) -> None:
    """Plain ``detect_langs`` over every segment, as a caller would use it."""
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    for text in segments:
        with contextlib.suppress(LangDetectException):
            detect_langs(text)


def restricted_langdetect(segments: list[str]) -> None:
    """The detector ``detect_segments`` uses, asked about every segment with letters.

    Each segment goes to the profiles of its most frequent script; this bounds the cost of
    detection on text where the words never settle the language.
    """
    for text in segments:
        scripts = Counter(char_script(ch) for ch in text)
        del scripts["Zyyy"], scripts["Zinh"]
        if scripts:
            script = scripts.most_common(1)[0][0]
            candidates = SCRIPT_LANGUAGES.get(script, ())
            if len(candidates) > 1:
                langdetect_among(candidates, text)


def is_latin_only(text: str) -> bool:
    """Whether every letter of ``text`` is in Latin script (and there is one)."""
    scripts = {char_script(ch) for ch in text} - {"Zyyy", "Zinh"}
    return scripts == {"Latn"}


def main() -> None:
    """Time both detectors and list English segments labelled as another Latin language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    import langdetect

    documents = load_documents(args.seeds)
    segments = [text for texts in documents.values() for text in texts]

    started = time.perf_counter()
    langdetect.DetectorFactory.seed = 0
    plain_langdetect(segments[:1])
    plain_load = time.perf_counter() - started
    started = time.perf_counter()
    detect_segments(["Warm up: profiles load on first use of each script.", "تحميل", "Прогрев"])
    ours_load = time.perf_counter() - started

    ours_rates, plain_rates, forced_rates = [], [], []
    for _ in range(args.rounds):
        clear_caches()
        started = time.perf_counter()
        results = {name: detect_segments(texts) for name, texts in documents.items()}
        ours_rates.append(len(segments) / (time.perf_counter() - started))
        started = time.perf_counter()
        plain_langdetect(segments)
        plain_rates.append(len(segments) / (time.perf_counter() - started))
        clear_caches()
        started = time.perf_counter()
        restricted_langdetect(segments)
        forced_rates.append(len(segments) / (time.perf_counter() - started))

    ours, plain = statistics.median(ours_rates), statistics.median(plain_rates)
    print(f"seed documents: {len(documents)}, segments: {len(segments)}")
    print(f"profile loading: detect_segments {ours_load:.3f} s, langdetect {plain_load:.3f} s")
    print(f"rounds: {args.rounds} (interleaved; detection cache emptied before each round)")
    print(f"detect_segments:       {ours:8.1f} segments/s (median)")
    print(f"langdetect.detect_langs: {plain:6.1f} segments/s (median)")
    print(f"ratio: {ours / plain:.2f}x")
    forced = statistics.median(forced_rates)
    print(
        f"script-restricted langdetect on every segment (no word evidence): {forced:.1f} "
        f"segments/s, {forced / plain:.2f}x plain"
    )

    # Every seed is an English document: a segment whose letters are all Latin is English text
    # (names and headlines included), so another Latin-script label is a mistake.
    wrong = [
        (name, text, detection.language)
        for name, texts in documents.items()
        for text, detection in zip(texts, results[name], strict=True)
        if is_latin_only(text)
        and detection.language in LATIN_LANGUAGES
        and detection.language != "en"
    ]
    labels: dict[str, int] = {}
    for detections in results.values():
        for detection in detections:
            labels[detection.language] = labels.get(detection.language, 0) + 1
    print("labels:", ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    print(f"English seed segments labelled as another Latin-script language: {len(wrong)}")
    for name, text, language in wrong:
        print(f"  {name} [{language}] {text[:100]!r}")


if __name__ == "__main__":
    main()
