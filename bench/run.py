"""Benchmarks of issue 10: each figure of zhibiao beside its anchor, measured
in the same run on the same generated files, and their ratio.

    python bench/run.py [--count 1008] [--memory-count 3024] [--repeat 3] [--huge 100000]

The anchor of a batch is bench/handwritten.py (the 49 indicators by hand,
PyYAML's libyaml loader, one JSON line per city); the anchor of a cold start is
``python -c "import lark, jinja2, yaml"``. Every command runs in a fresh
process under a probe that reports its wall time and peak resident memory
(getrusage of the child); times are the best of --repeat runs. A figure whose
command zhibiao does not have yet is printed as such. Prints; asserts
nothing (timings on a shared machine are noisy, so targets live here, not in
tests).

zhibiao's modules are byte-compiled first, as an installed wheel's are: with
PYTHONDONTWRITEBYTECODE set (or a read-only checkout), an editable install
would otherwise compile its sources again in every run. --huge N adds one run
over a folder of N generated cities (100,000 for the issue's figure: about
400 MB of files and some minutes), for its peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cities import write_cities  # noqa: E402 - bench/ is a folder of scripts, not a package

# Runs a command with its output into a file, then reports the command's wall
# time and peak RSS: RUSAGE_CHILDREN of a fresh probe is that one child's.
PROBE = r"""
import json, resource, subprocess, sys, time
cwd, out, *cmd = sys.argv[1:]
with open(out, "wb") as fh:
    start = time.perf_counter()
    rc = subprocess.run(cmd, cwd=cwd, stdout=fh, stderr=subprocess.DEVNULL).returncode
    seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "rc": rc}))
"""


@dataclass
class Run:
    seconds: float
    rss_mb: float
    rc: int
    output: Path


def measure(cmd: list[str], cwd: Path, out: Path, repeat: int) -> Run:
    """The fastest of ``repeat`` runs (peak memory: the largest)."""
    best: Run | None = None
    peak = 0.0
    for _ in range(repeat):
        probe = subprocess.run([sys.executable, "-c", PROBE, str(cwd), str(out), *cmd], capture_output=True, text=True, check=True)
        got = json.loads(probe.stdout)
        run = Run(got["seconds"], got["rss_kb"] / 1024, got["rc"], out)
        peak = max(peak, run.rss_mb)
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    best.rss_mb = peak
    return best


def zhibiao_command() -> list[str]:
    beside = Path(sys.executable).with_name("zhibiao")
    found = str(beside) if beside.exists() else shutil.which("zhibiao")
    return [found] if found else [sys.executable, "-m", "zhibiao.cli"]


def byte_compile(zb: list[str]) -> None:
    """Compile zhibiao's modules to .pyc, as installing a wheel does."""
    python = zb[0] if zb[0] == sys.executable else str(Path(zb[0]).with_name("python"))
    if not Path(python).exists():
        python = sys.executable
    subprocess.run([python, "-c", "import compileall, pathlib, zhibiao; "
                    "compileall.compile_dir(pathlib.Path(zhibiao.__file__).parent, quiet=1)"], check=True)


def has(cmd: list[str], word: str = "") -> bool:
    """Whether zhibiao has this command (and ``word`` in its help)."""
    done = subprocess.run([*cmd, "--help"], capture_output=True, text=True)
    return done.returncode == 0 and word in done.stdout


def totals(path: Path) -> list[tuple[str, float]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        city = json.loads(line)
        rows.append((city["entity"], round(city["total_score"], 6)))
    return rows


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(self, figure: str, anchor: str, zhibiao: str, ratio: str = "", target: str = "", verdict: str = "") -> None:
        self.rows.append((figure, anchor, zhibiao, ratio, target, verdict))

    def print(self) -> None:
        header = ("figure", "anchor", "zhibiao", "ratio", "target", "")
        rows = [header, *self.rows]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        for r in rows:
            print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())


def seconds(run: Run) -> str:
    return f"{run.seconds:.2f} s" if run.rc == 0 else f"{run.seconds:.2f} s (exit {run.rc})"


def ratio_row(table: Table, figure: str, anchor: Run, engine: Run, limit: float) -> None:
    ratio = engine.seconds / anchor.seconds
    table.add(figure, seconds(anchor), seconds(engine), f"{ratio:.2f}x", f"<= {limit}x", "ok" if ratio <= limit else "over")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmarks of issue 10, each figure with its anchor and ratio.")
    parser.add_argument("--count", type=int, default=1008, help="cities of the timed batch (default 1008)")
    parser.add_argument("--memory-count", type=int, default=3024,
                        help="cities of the second memory run, to see memory grow or not (default 3024; 0 leaves it out)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing, the best kept (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated cities (default 0)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="processes for the --jobs figure (default: CPUs)")
    parser.add_argument("--huge", type=int, default=0,
                        help="cities of one more memory run, over a folder (e.g. 100000; default 0 leaves it out)")
    args = parser.parse_args()

    zb = zhibiao_command()
    byte_compile(zb)
    table = Table()
    with tempfile.TemporaryDirectory(prefix="zhibiao-bench-") as tmp:
        work = Path(tmp)
        folder = work / "cities"
        paths = write_cities(max(args.count, args.memory_count), folder, args.seed)
        batch = [p.name for p in paths[: args.count]]  # relative to the folder: short command lines
        anchor_cmd = [sys.executable, str(HERE / "handwritten.py")]
        evaluate_cmd = [*zb, "evaluate", "--format", "jsonl"]
        print(f"{args.count} generated cities (seed {args.seed}), best of {args.repeat}; "
              f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")

        anchor = measure([*anchor_cmd, *batch], folder, work / "anchor.jsonl", args.repeat)
        full = measure([*evaluate_cmd, *batch], folder, work / "full.jsonl", args.repeat)
        ratio_row(table, "end to end, full JSON (evaluate --format jsonl)", anchor, full, 3)
        if totals(anchor.output) != totals(full.output):
            print("!! the hand-written evaluator and zhibiao disagree on some totals: see tests/test_handwritten.py")

        rank_cmd = [*zb, "rank"]
        if has(rank_cmd):
            scores = measure([*rank_cmd, *batch], folder, work / "rank.out", args.repeat)
            ratio_row(table, "end to end, scores only (zhibiao rank)", anchor, scores, 1.5)
        else:
            table.add("end to end, scores only (zhibiao rank)", seconds(anchor), "no `zhibiao rank` yet", "", "<= 1.5x")

        cold_repeat = max(args.repeat, 5)
        imports = measure([sys.executable, "-c", "import lark, jinja2, yaml"], folder, work / "imports.out", cold_repeat)
        cold = measure([*evaluate_cmd, batch[0]], folder, work / "cold.jsonl", cold_repeat)
        ratio_row(table, "cold start, one city (anchor: import lark, jinja2, yaml)", imports, cold, 1.5)

        table.add(f"peak memory, {args.count} cities, jsonl", f"{anchor.rss_mb:.0f} MB", f"{full.rss_mb:.0f} MB",
                  f"{full.rss_mb / anchor.rss_mb:.1f}x", "< 150 MB", "ok" if full.rss_mb < 150 else "over")
        if args.memory_count:
            more = [p.name for p in paths[: args.memory_count]]
            anchor_more = measure([*anchor_cmd, *more], folder, work / "anchor-more.jsonl", 1)
            full_more = measure([*evaluate_cmd, *more], folder, work / "full-more.jsonl", 1)
            table.add(f"peak memory, {args.memory_count} cities, jsonl", f"{anchor_more.rss_mb:.0f} MB", f"{full_more.rss_mb:.0f} MB",
                      f"{full_more.rss_mb / anchor_more.rss_mb:.1f}x", "< 150 MB", "ok" if full_more.rss_mb < 150 else "over")

        if args.huge:
            huge = work / "huge"
            write_cities(args.huge, huge, args.seed)
            full_huge = measure([*evaluate_cmd, str(huge)], work, work / "full-huge.jsonl", 1)
            with (work / "full-huge.jsonl").open("rb") as fh:
                lines = sum(1 for _ in fh)
            table.add(f"peak memory, {args.huge} cities (a folder), jsonl", "", f"{full_huge.rss_mb:.0f} MB ({lines} lines)",
                      "", "< 150 MB", "ok" if full_huge.rss_mb < 150 and lines == args.huge else "over")
            shutil.rmtree(huge)

        if has([*zb, "evaluate"], "--jobs"):
            one = measure([*evaluate_cmd, "--jobs", "1", *batch], folder, work / "jobs1.jsonl", args.repeat)
            many = measure([*evaluate_cmd, "--jobs", str(args.jobs), *batch], folder, work / "jobsN.jsonl", args.repeat)
            speedup = one.seconds / many.seconds
            same = digest(one.output) == digest(many.output)
            table.add(f"--jobs {args.jobs} against --jobs 1 (speed-up)", seconds(one), seconds(many), f"{speedup:.2f}x",
                      ">= 1.7x", ("ok" if speedup >= 1.7 else "under") + ("" if same else ", OUTPUT DIFFERS"))
        else:
            table.add(f"--jobs {args.jobs} against --jobs 1 (speed-up)", "", "no `--jobs` yet", "", ">= 1.7x")
    table.print()


if __name__ == "__main__":
    main()
