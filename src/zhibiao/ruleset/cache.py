"""The compiled rule set, kept on disk between runs.

Reading and parsing an edition's files is most of a cold run's work. Once an
edition has loaded without errors, its rule model is pickled into the user's
cache directory (``zhibiao.cachedir``), under a key made of the content of every file in the
edition folder, the tool's version, its own source files and the Python that
runs it. Conditions come back through their recipes and are compiled again
(``zhibiao.language.compiler.Compiled``), without Lark or YAML.

A cache entry is a convenience, never an authority: one that is missing,
stale, corrupt, truncated or unreadable is ignored and rebuilt from the
files, and failing to write one is not an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path

from zhibiao.cachedir import cache_dir, read_entry, write_entry
from zhibiao.ruleset.model import Edition
from zhibiao.version import __version__

MAGIC = b"zhibiao-rules-1\n"
_PACKAGE = Path(__file__).resolve().parents[1]


def key(folder: Path) -> str:
    """What an entry must match: every YAML file of the edition folder by
    content, the tool (version, and its source files by size and time, so
    that a development checkout never reads a model an older code wrote)
    and the Python version."""
    h = hashlib.sha256()
    h.update(f"{__version__}\0{sys.version}\0".encode())
    for name, path in _files(_PACKAGE, "*.py"):
        st = os.stat(path)
        h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for name, path in _files(folder, "*.y*ml"):
        if os.path.isfile(path):
            with open(path, "rb") as fh:
                h.update(name.encode() + b"\0")
                h.update(hashlib.sha256(fh.read()).digest())
    return h.hexdigest()


def _files(root: Path, pattern: str) -> list[tuple[str, str]]:
    """Every file under ``root`` (not in linked folders) whose name matches
    ``pattern``: its path relative to ``root`` and its full path, in order.
    os.walk rather than Path.rglob, which takes twice as long: the key is
    made at every start."""
    top = os.path.join(root, "")
    found = []
    for where, folders, names in os.walk(top):
        folders[:] = [f for f in folders if f != "__pycache__"]
        for name in names:
            if fnmatchcase(name, pattern):
                path = os.path.join(where, name)
                found.append((path[len(top):], path))
    return sorted(found)


def read(where: Path) -> Edition | None:
    """The edition an entry holds, if the entry is whole and its own."""
    payload = read_entry(where, MAGIC)
    if payload is None:
        return None
    try:
        edition = pickle.loads(payload)
    except Exception:  # an entry written by other code: rebuilt, never trusted
        return None
    return edition if isinstance(edition, Edition) else None


def write(where: Path, edition: Edition) -> None:
    """Write an entry atomically; any failure leaves no entry behind."""
    try:
        payload = pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    write_entry(where, MAGIC, payload)


def cached(folder: Path, build: Callable[[], Edition]) -> Edition:
    """The edition of ``folder``, from the cache when an entry matches."""
    root = cache_dir()
    if root is None:
        return build()
    # An entry is named for its folder, then its key: a new entry for a
    # folder replaces the stale ones, so the cache does not grow with every
    # edit of the rules or upgrade of the tool.
    place = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    try:
        where = root / f"{place}-{key(folder)}.pickle"
    except OSError:
        return build()
    edition = read(where)
    if edition is not None and edition.folder == folder:
        return edition
    edition = build()
    write(where, edition)
    for stale in root.glob(f"{place}-*.pickle"):
        if stale != where:
            stale.unlink(missing_ok=True)
    return edition
