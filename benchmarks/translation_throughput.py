"""Drafting throughput: the batched argos engine against a per-segment baseline.

Builds (once, cached under ``var/bench/``) an ar→en argos package of realistic shape with random
weights: 6 encoder and 6 decoder layers, d_model 512, 8 heads, FFN 2048, a 32k vocabulary
(SentencePiece trained on the seeds, padded with synthetic Private Use Area pieces). Then drafts
a 500-segment document (sentences from the seeds) in interleaved rounds:

- batched: ``ArgosEngine.translate_batch`` over chunks as a job makes them (a first chunk of
  ``--first-chunk`` segments, then ``--chunk``), which CTranslate2 splits into length-sorted
  sub-batches of ``--max-batch`` examples;
- baseline: one ``translate_batch`` call per segment, beam 4, ``max_batch_size=32`` counted in
  tokens, as ``argostranslate.translate`` does.

Both use the same translator (``--compute-type``, beam 4); the script counts identical outputs.
Prints medians and writes nothing; copy the figures into ``benchmarks/RESULTS.md``.

Usage: ``.venv/bin/python benchmarks/translation_throughput.py [--rounds 3] [--segments 500]``
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
PACKAGES = BENCH_DIR / "packages"
SEEDS = ROOT / "seeds"

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
os.environ["ARGOS_PACKAGES_DIR"] = str(PACKAGES)


def seed_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return lines


def sentences(count: int) -> list[str]:
    """Return ``count`` sentences of 3 to 60 words from the seeds, in seed order."""
    found: list[str] = []
    for line in seed_lines():
        for sentence in re.split(r"(?<=[.!?؟])\s+", line.strip()):
            if 3 <= len(sentence.split()) <= 60:
                found.append(sentence)
    if len(found) < count:
        found = (found * (count // len(found) + 1))[:count]
    return found[:count]


def ensure_package() -> float:
    """Build and install the realistic package unless cached; return seconds spent (0: cached)."""
    from tests.support.modelbuild import REALISTIC, build_package
    from workbench.translation.packages import installed_packages, package_install

    if any(p.code == "translate-ar_en" for p in installed_packages()):
        return 0.0
    start = time.perf_counter()
    archive = build_package(
        lines=seed_lines(),
        from_code="ar",
        to_code="en",
        output=BENCH_DIR / "translate-ar_en-realistic.argosmodel",
        shape=REALISTIC,
        seed=0,
    )
    package_install(path=archive)
    archive.unlink()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--chunk", type=int, default=64, help="segments per engine call")
    parser.add_argument("--first-chunk", type=int, default=8, help="segments in the first call")
    parser.add_argument("--compute-type", default="int8")
    parser.add_argument("--max-batch", type=int, default=32, help="examples per CTranslate2 batch")
    parser.add_argument("--threads", type=int, default=0, help="intra threads (0: all cores)")
    args = parser.parse_args()

    PACKAGES.mkdir(parents=True, exist_ok=True)
    build_seconds = ensure_package()

    from workbench.translation.engines.argos import ArgosEngine

    engine = ArgosEngine(
        beam_size=args.beam,
        compute_type=args.compute_type,
        max_batch_size=args.max_batch,
        threads=args.threads,
        inter_threads=1,
    )
    texts = sentences(args.segments)
    pkg = engine._installed()[("ar", "en")]
    tokenizer = engine.tokenizer(pkg)
    source_tokens = sum(len(tokenizer.encode(t)) for t in texts)

    load_start = time.perf_counter()
    translator = engine.translator(pkg)
    load_seconds = time.perf_counter() - load_start
    first_start = time.perf_counter()
    engine.translate_batch(texts[:1], "ar", "en")
    single_latency = time.perf_counter() - first_start

    def batched() -> tuple[list[str], float]:
        outputs: list[str] = []
        first = 0.0
        start = time.perf_counter()
        offset = 0
        while offset < len(texts):
            step = args.first_chunk if offset == 0 else args.chunk
            chunk = texts[offset : offset + step]
            outputs.extend(r.text for r in engine.translate_batch(chunk, "ar", "en"))
            first = first or time.perf_counter() - start
            offset += step
        return outputs, first

    def baseline() -> tuple[list[str], float]:
        outputs: list[str] = []
        first = 0.0
        start = time.perf_counter()
        for text in texts:
            result = translator.translate_batch(
                [tokenizer.encode(text)],
                replace_unknowns=True,
                max_batch_size=32,
                batch_type="tokens",
                beam_size=args.beam,
                max_decoding_length=256,
                length_penalty=0.2,
            )
            outputs.append(engine.decode(pkg, result[0].hypotheses[0]))
            first = first or time.perf_counter() - start
        return outputs, first

    times: dict[str, list[float]] = {"batched": [], "baseline": []}
    firsts: dict[str, list[float]] = {"batched": [], "baseline": []}
    outputs: dict[str, list[str]] = {}
    for round_index in range(args.rounds):
        order = [("baseline", baseline), ("batched", batched)]
        if round_index % 2:
            order.reverse()
        for name, run in order:
            start = time.perf_counter()
            result, first = run()
            times[name].append(time.perf_counter() - start)
            firsts[name].append(first)
            outputs[name] = result
            print(f"round {round_index + 1} {name}: {times[name][-1]:.2f} s", flush=True)

    target_tokens = sum(len(tokenizer.encode(t)) for t in outputs["batched"])
    identical = sum(a == b for a, b in zip(outputs["batched"], outputs["baseline"], strict=True))
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = {name: statistics.median(values) for name, values in times.items()}

    print()
    print(f"segments: {len(texts)}, source tokens: {source_tokens}, output tokens: {target_tokens}")
    print(
        f"model: 6+6 layers, d_model 512, 8 heads, FFN 2048, vocab 32000; "
        f"{args.compute_type}; beam {args.beam}; chunks {args.first_chunk} then {args.chunk}, "
        f"sub-batches of {args.max_batch}; "
        f"intra threads {args.threads or os.cpu_count()}; rounds {args.rounds} (interleaved)"
    )
    if build_seconds:
        print(f"package build + install: {build_seconds:.1f} s")
    print(f"model load: {load_seconds:.2f} s; one segment alone after load: {single_latency:.3f} s")
    for name in ("baseline", "batched"):
        seconds = median[name]
        print(
            f"{name:8s}: median {seconds:.2f} s, {len(texts) / seconds:.1f} segments/s, "
            f"{(source_tokens + target_tokens) / seconds:.0f} tokens/s (source+output), "
            f"first draft after {statistics.median(firsts[name]):.3f} s"
        )
    print(f"speed-up: {median['baseline'] / median['batched']:.2f}x")
    print(f"identical outputs: {identical}/{len(texts)}")
    print(f"peak RSS: {peak_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
