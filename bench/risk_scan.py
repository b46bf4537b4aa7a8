"""Throughput of risk detection: `assess` over the evaluation set, many times, on one core.

Prints messages per second for `sebaya.safety.risk.assess` and for a baseline measured in the
same run over the same lines (lowercase the text, then a plain `in` check for a handful of
phrases), and the ratio between them, so figures from different machines can be compared.

    .venv/bin/python bench/risk_scan.py [--rounds N] [--file PATH]

No asserts on speed: this prints figures.
"""

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sebaya.safety.risk import assess  # noqa: E402
from sebaya.safety.risk.evaluation import SHIPPED, read_examples  # noqa: E402

BASELINE_PHRASES = ("bunuh diri", "bundir", "pengen mati", "mau mati", "suicide", "kill myself", "dibully")


def baseline(text: str) -> str:
    lowered = text.lower()
    return "crisis" if any(phrase in lowered for phrase in BASELINE_PHRASES) else "none"


def measure(function, texts: list[str], rounds: int) -> float:
    """Best of three timings of `rounds` passes; returns messages per second."""
    best = float("inf")
    for _attempt in range(3):
        start = time.perf_counter()
        for _round in range(rounds):
            for text in texts:
                function(text)
        best = min(best, time.perf_counter() - start)
    return rounds * len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="passes over the lines per timing")
    parser.add_argument("--file", action="append", help="level<TAB>text files (default: every shipped set)")
    args = parser.parse_args()
    files = args.file or SHIPPED
    texts = [example.text for path in files for example in read_examples(path)]
    characters = sum(len(text) for text in texts) / len(texts)

    for text in texts:  # warm up
        assess(text)
    detector = measure(assess, texts, args.rounds)
    plain = measure(baseline, texts, args.rounds)

    long_text = " ".join(texts)  # one long "session note"
    start = time.perf_counter()
    assess(long_text)
    long_ms = (time.perf_counter() - start) * 1000

    print(f"Python {platform.python_version()} on {platform.machine()}, one core")
    print(f"{len(texts)} lines (mean {characters:.0f} characters), {args.rounds} rounds, best of 3")
    print(f"assess():                      {detector:>12,.0f} messages/second")
    print(f"baseline (lower() + in):       {plain:>12,.0f} messages/second")
    print(f"assess() / baseline:           {detector / plain:>12.3f}")
    print(f"one note of {len(long_text):,} characters:  {long_ms:>9.1f} ms")


if __name__ == "__main__":
    main()
