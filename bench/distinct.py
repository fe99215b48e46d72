"""Copies of generated cities in which no decimal value repeats from one
city to the next: each gets digits of its own (the city's and the line's
number) after its own, so that nothing a city shows was shown before. For
checking that a speed figure does not hang on generated cities repeating
values (every value stays within a hundred-thousandth of the original, so
a few pairs of inputs may then disagree, with a warning).

    python bench/distinct.py FOLDER OUT
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DECIMAL = re.compile(r"^(\s+\w+: )(\d+)\.(\d+)(\s*[%％]?)$")


def main(folder: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(sorted(folder.glob("*.yaml"))):
        lines = []
        for j, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            m = DECIMAL.match(line)
            lines.append(f"{m[1]}{m[2]}.{m[3]}{i:05d}{j:03d}{m[4]}" if m else line)
        (out / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
