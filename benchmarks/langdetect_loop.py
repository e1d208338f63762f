"""langdetect's own sampling loop against a hand-vectorised numpy copy, on long segments.

Language detection used to run langdetect through a subclass whose ``_detect_block`` did the
same seeded draws but multiplied five n-gram vectors per numpy call. This script keeps that
subclass here, as the candidate, and times it side by side with stock langdetect on the
longest seed segments: both get the same factory (the 31 Latin-script profiles, or ar/fa/ur
for Arabic text) and seed, rounds alternate the order, and the script prints medians, the
ratio and whether the two agree on every label.

    python benchmarks/langdetect_loop.py [--rounds 7] [--min-length 300]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.detection_speed import load_documents  # noqa: E402
from workbench.language.codes import ARABIC_LANGUAGES, LATIN_LANGUAGES  # noqa: E402
from workbench.language.detection import _factory  # noqa: E402
from workbench.language.scripts import char_script  # noqa: E402


def vectorised_detector() -> type:
    """The former hand-vectorised ``Detector``: langdetect 1.0.9's algorithm, five n-gram
    vectors multiplied per numpy call between two normalisations."""
    import numpy as np
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    class VectorisedDetector(Detector):
        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            table = self.word_lang_prob_map
            matrix = np.array([table[ngram] for ngram in ngrams])
            positions = range(len(ngrams))
            langprob = np.zeros(len(self.langlist))
            rand = self.random
            rand.seed(self.seed)
            choice = rand.choice
            for _ in range(self.n_trial):
                prob = np.array(self._init_probability())
                weight = (self.alpha + rand.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
                i = 0
                while True:
                    count = 1 if i == 0 else 5
                    rows = matrix[[choice(positions) for _ in range(count)]]
                    prob *= (rows + weight).prod(axis=0) if count > 1 else rows[0] + weight
                    i += count
                    prob /= prob.sum()
                    if prob.max() > self.CONV_THRESHOLD or i - 1 >= self.ITERATION_LIMIT:
                        break
                langprob += prob / self.n_trial
            self.langprob = langprob.tolist()

    return VectorisedDetector


def candidates(text: str) -> tuple[str, ...]:
    """The profiles detection uses for ``text``: Arabic-script ones or Latin-script ones."""
    arabic = sum(char_script(ch) == "Arab" for ch in text)
    latin = sum(char_script(ch) == "Latn" for ch in text)
    return ARABIC_LANGUAGES if arabic > latin else LATIN_LANGUAGES


def run(detector_class: type, segments: list[str]) -> list[str]:
    """Detect every segment with a fresh detector (the factory is seeded); return the labels."""
    labels = []
    for text in segments:
        detector = detector_class(_factory(candidates(text)))
        detector.append(text)
        labels.append(detector.detect())
    return labels


def main() -> None:
    """Time stock langdetect and the vectorised copy on the long seed segments."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--min-length", type=int, default=300)
    args = parser.parse_args()

    from langdetect.detector import Detector

    segments = [
        text
        for texts in load_documents(args.seeds).values()
        for text in texts
        if len(text) >= args.min_length
    ]
    vectorised = vectorised_detector()
    sides = {"stock": Detector, "vectorised": vectorised}
    run(Detector, segments[:2])
    run(vectorised, segments[:2])
    times: dict[str, list[float]] = {name: [] for name in sides}
    labels: dict[str, list[str]] = {}
    for round_index in range(args.rounds):
        order = list(sides.items())
        if round_index % 2:
            order.reverse()
        for name, detector_class in order:
            started = time.perf_counter()
            labels[name] = run(detector_class, segments)
            times[name].append(time.perf_counter() - started)
    stock, fast = statistics.median(times["stock"]), statistics.median(times["vectorised"])
    chars = sum(len(text) for text in segments)
    print(f"segments of at least {args.min_length} characters: {len(segments)} ({chars} chars)")
    print(f"rounds: {args.rounds} (interleaved); medians")
    print(f"stock langdetect:  {stock:7.3f} s  {len(segments) / stock:7.1f} segments/s")
    print(f"vectorised copy:   {fast:7.3f} s  {len(segments) / fast:7.1f} segments/s")
    print(f"vectorised / stock time: {fast / stock:.2f} (below 1 means the copy is faster)")
    same = sum(a == b for a, b in zip(labels["stock"], labels["vectorised"], strict=True))
    print(f"same label: {same}/{len(segments)}")


if __name__ == "__main__":
    main()
