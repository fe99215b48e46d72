from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from zhibiao.ruleset.loader import load_edition

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SAMPLES = FIXTURES / "samples"


# The compiled rule sets the tests load are cached in a folder of their own,
# never in the user's cache; subprocesses of the tests inherit it.
os.environ["ZHIBIAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="zhibiao-test-cache-")

# What the environment says of the reader's language (zhibiao.words.choice).
LANGUAGE_VARIABLES = ("ZHIBIAO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def no_language_from_the_machine(monkeypatch):
    """Every test starts with no language in the environment (zhibiao's own
    default, Chinese) and an 80-column terminal, whatever the machine that
    runs it has; tests of the language choice set what they need."""
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture(scope="session")
def edition():
    """The bundled DB37/T 3890.1-2020, loaded once."""
    return load_edition()
