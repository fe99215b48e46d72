"""What a verdict was computed from, so that it can be reproduced later:
a fingerprint of the rule set's files and of the data file, the tool's
version and the date of the evaluation.

The rule set's fingerprint is the sha256 of one line per file read
(``edition.yaml`` and each indicator file, by their path within the edition
folder, sorted): ``path``, a tab, the sha256 of the file's bytes. The date is
today's (UTC), or the day of ``SOURCE_DATE_EPOCH`` when that is set (the
reproducible-builds convention), so that a report can be rebuilt byte for byte.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from zhibiao.ruleset.model import Edition
from zhibiao.version import __version__


@dataclass(frozen=True)
class Provenance:
    """What one verdict was computed from."""

    rules_digest: str
    data_digest: str | None  # None for data that did not come from a file
    tool_version: str
    evaluated_on: str  # ISO date

    @property
    def tool(self) -> str:
        """The tool and its version, as a reader cites it."""
        return f"zhibiao {self.tool_version}"


def provenance(edition: Edition, data_digest: str | None) -> Provenance:
    return Provenance(rules_digest(edition.folder, ("edition.yaml", *edition.files)), data_digest, tool_version(),
                      evaluation_date())


@lru_cache(maxsize=16)
def rules_digest(folder: Path, files: tuple[str, ...]) -> str:
    lines = []
    for rel in sorted(set(files)):
        path = Path(folder) / rel
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
        lines.append(f"{Path(rel).as_posix()}\t{digest}\n")
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def tool_version() -> str:
    return __version__


def evaluation_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return datetime.now(timezone.utc).date().isoformat()
