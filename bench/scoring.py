"""Scoring throughput: how many filled-in instruments the engine scores per second.

    .venv/bin/python bench/scoring.py [--n 20000]

Measured in the same run against a baseline: summing the same answer lists with plain `sum()`
(the least any scorer must do), so the ratio holds on any machine. Prints figures; asserts nothing.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    args = parser.parse_args()
    from sebaya.screening.instruments import all_instruments
    from sebaya.screening.scoring import score

    rng = random.Random(7)
    print(f"Scoring throughput, {args.n} answer sets per instrument (best of 3)")
    for instrument in all_instruments():
        required = [item for item in instrument.items if item.required]
        answers = [[rng.choice(item.options).value for item in required] for _ in range(args.n)]

        def engine(batch=answers, instrument=instrument):
            for values in batch:
                score(instrument, values)

        def baseline(batch=answers):
            for values in batch:
                sum(values)

        def best(fn):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            return min(times)

        engine_s, baseline_s = best(engine), best(baseline)
        print(
            f"{instrument.key:<22} {args.n / engine_s:10,.0f} /s   "
            f"baseline {args.n / baseline_s:12,.0f} /s   ratio {baseline_s / engine_s:.3f}"
        )


if __name__ == "__main__":
    main()
