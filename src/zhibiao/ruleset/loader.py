"""Find, load and cache editions: what the rest of zhibiao asks of a rule set.

An edition is ``edition.yaml`` (metadata, categories, selection policy) plus
indicator files (``indicators/*.yaml`` unless ``indicator_files`` lists them).
Reading them (``zhibiao.ruleset.reader``: YAML, the schema, every condition
parsed and compiled) is imported only when an edition is not in the cache,
so that a run whose rules are cached never loads the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zhibiao.errors import Problem, RuleError
from zhibiao.resources import resource_dir

if TYPE_CHECKING:
    from zhibiao.ruleset.model import Edition

# The rule model and the cache are imported when an edition is loaded, so
# that building the command line (which names the bundled editions) does not.


def bundled_editions() -> dict[str, Path]:
    root = resource_dir("rules")
    return {p.name: p for p in sorted(root.iterdir()) if (p / "edition.yaml").is_file()} if root.is_dir() else {}


DEFAULT_EDITION = "db37-t-3890.1-2020"


def resolve_edition(name: str | None) -> Path:
    """A bundled id, a code such as DB37/T 3890.1-2020, or a folder."""
    bundled = bundled_editions()
    if name is None:
        return bundled[DEFAULT_EDITION]
    if name in bundled:
        return bundled[name]
    slug = name.lower().replace("/", "-").replace(" ", "-").replace("—", "-")
    if slug in bundled:
        return bundled[slug]
    path = Path(name)
    if path.is_file() and path.name == "edition.yaml":
        path = path.parent
    if (path / "edition.yaml").is_file():
        return path
    raise RuleError.of("no_edition", None, name=name, known=", ".join(bundled) or "-")


def load_edition(name_or_folder: str | Path | None = None) -> Edition:
    """Load and compile an edition; raise RuleError listing every error.
    An edition that loaded before, its files unchanged, comes from the cache."""
    from zhibiao.ruleset import cache

    folder = resolve_edition(None if name_or_folder is None else str(name_or_folder))
    return cache.cached(folder, lambda: _load_clean(folder))


def _load_clean(folder: Path) -> Edition:
    edition, problems = load_edition_report(folder)
    errors = [p for p in problems if p.severity == "error"]
    if errors or edition is None:
        raise RuleError(errors)
    return edition


def load_edition_report(name_or_folder: str | Path | None = None) -> tuple[Edition | None, list[Problem]]:
    inspection = inspect_edition(name_or_folder)
    return inspection.edition, inspection.problems


@dataclass
class Inspection:
    """Everything one reading of an edition folder gives: the edition (None
    when edition.yaml itself is broken) and every problem found. The model
    keeps where each part was written, so later checks never re-read a file."""

    folder: Path
    edition: Edition | None
    problems: list[Problem]


def inspect_edition(name_or_folder: str | Path | None = None) -> Inspection:
    folder = resolve_edition(None if name_or_folder is None else str(name_or_folder))
    from zhibiao.ruleset.reader import read_edition

    return read_edition(folder)
