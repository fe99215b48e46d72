"""Where zhibiao keeps what it can rebuild: compiled rule sets and templates.

The user's cache directory (platformdirs), ``ZHIBIAO_CACHE_DIR`` instead when
set, and nowhere at all with ``ZHIBIAO_CACHE=off``. Whatever is kept there is
checked before it is used and rebuilt when it does not match.
"""

from __future__ import annotations

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
