from __future__ import annotations

from pathlib import Path

import pytest

from zhibiao.ruleset.loader import load_edition

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SAMPLES = FIXTURES / "samples"


@pytest.fixture(scope="session")
def edition():
    """The bundled DB37/T 3890.1-2020, loaded once."""
    return load_edition()
