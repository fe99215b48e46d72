"""Where zhibiao keeps what it can rebuild: compiled rule sets and templates.

The user's cache directory (platformdirs), ``ZHIBIAO_CACHE_DIR`` instead when
set, and nowhere at all with ``ZHIBIAO_CACHE=off``. Whatever is kept there is
checked before it is used and rebuilt when it does not match.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_dir(part: str | None = None) -> Path | None:
    """The cache folder (or its ``part`` subfolder), or None when caching is off."""
    if os.environ.get("ZHIBIAO_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    given = os.environ.get("ZHIBIAO_CACHE_DIR")
    if given:
        root = Path(given)
    else:
        from platformdirs import user_cache_dir  # imported only when the cache is used

        root = Path(user_cache_dir("zhibiao", appauthor=False))
    return root / part if part else root


# An entry: its kind's magic line, the sha256 of the payload, the payload.
def read_entry(where: Path, magic: bytes) -> bytes | None:
    """The payload of an entry of this kind (``magic``), if it is whole:
    None for one that is missing, unreadable, of another kind or format,
    truncated or altered."""
    try:
        raw = where.read_bytes()
    except OSError:
        return None
    head = len(magic) + 32
    payload = raw[head:]
    if len(raw) < head or not raw.startswith(magic) or hashlib.sha256(payload).digest() != raw[len(magic):head]:
        return None
    return payload


def write_entry(where: Path, magic: bytes, payload: bytes) -> None:
    """Write an entry atomically (a temporary file, then a rename); a folder
    that cannot be written leaves no entry behind and is not an error."""
    import tempfile  # only when an entry is written

    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=where.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(magic + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, where)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
