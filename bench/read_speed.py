"""Reading city data files in-process: ``load_city`` beside PyYAML's libyaml
loader on the same files, per city (issue 10: reading must cost little next
to the hand-written evaluator's ``yaml.load(fh, Loader=yaml.CSafeLoader)``).

    python bench/read_speed.py [--count 300] [--repeat 5] [--profile]

Times are the best of --repeat passes over the files (texts read once
beforehand, except for load_city, which reads its file as a user's run does).
Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cities import write_cities  # noqa: E402 - bench/ is a folder of scripts, not a package

from zhibiao import yamlpos  # noqa: E402
from zhibiao.data.reading import city_from_document, load_city  # noqa: E402
from zhibiao.ruleset.loader import load_edition  # noqa: E402
from zhibiao.yamlpos import Located, quick_load  # noqa: E402


def best_ms(run: Callable[[], object], count: int, repeat: int) -> float:
    """Fastest pass of ``repeat``, in milliseconds per city. Each pass starts
    with the lines already read forgotten, as a batch of cities read once
    each does."""
    best = float("inf")
    for _ in range(repeat):
        yamlpos._OPENERS.clear()
        yamlpos._KEYS.clear()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile load_city over the files, then exit")
    args = parser.parse_args()
    edition = load_edition(None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_cities(args.count, folder)
        paths = sorted(folder.glob("*.yaml"))
        texts = [p.read_text(encoding="utf-8") for p in paths]
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for p in paths:
                load_city(p, edition)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            return
        quick = [quick_load(t) for t in texts]
        refused = sum(v is None for v in quick)
        figures = {
            "yaml.load CSafeLoader (anchor)": lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts],  # noqa: S506
            "quick_load": lambda: [quick_load(t) for t in texts],
            "city_from_document": lambda: [city_from_document(Located(v, str(p)), edition) for v, p in zip(quick, paths) if v is not None],
            "load_city": lambda: [load_city(p, edition) for p in paths],
        }
        anchor = None
        print(f"{len(paths)} generated cities, best of {args.repeat}; quick_load refused {refused}")
        for name, run in figures.items():
            ms = best_ms(run, len(paths), args.repeat)
            anchor = anchor or ms
            print(f"{name:32} {ms:6.3f} ms/city  {ms / anchor:5.2f}x anchor")


if __name__ == "__main__":
    main()
