"""Where the grammar, bundled rules and templates live.

Installed from a wheel they sit inside the package (hatch force-include); in a
source checkout they sit at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parents[1] / name
