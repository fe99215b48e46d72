"""Benchmark: how fast the bundled edition loads and evaluates cities.

Run: python bench/evaluate_speed.py [N]. Prints timings; asserts nothing
(timings on shared machines are noisy, so targets live here, not in tests).
Target: loading the edition (parse + compile all conditions) under 1 s with
a warm Lark cache; evaluating 1000 cities with explanations under 5 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from zhibiao.data.reading import load_city
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.report.result_json import result_json
from zhibiao.ruleset.loader import load_edition

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    t0 = time.perf_counter()
    edition = load_edition()
    t1 = time.perf_counter()
    cities = [load_city(p, edition) for p in sorted(SAMPLES.glob("*.yaml"))]
    t2 = time.perf_counter()
    for i in range(n):
        evaluate(edition, cities[i % len(cities)])
    t3 = time.perf_counter()
    for i in range(min(n, 200)):
        result_json(evaluate(edition, cities[i % len(cities)]), "zh")
    t4 = time.perf_counter()
    print(f"load edition (parse + compile): {t1 - t0:.3f} s")
    print(f"load {len(cities)} data files: {t2 - t1:.3f} s")
    print(f"evaluate {n} cities: {t3 - t2:.3f} s ({n / (t3 - t2):.0f} cities/s)")
    print(f"evaluate + render JSON with rationales, {min(n, 200)} cities: {t4 - t3:.3f} s")


if __name__ == "__main__":
    main()
