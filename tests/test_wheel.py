"""`pip install .` ships the grammar, the rules and the templates: a wheel
installed into a fresh venv evaluates a sample city from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[1]
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def _run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    # No PYTHONPATH: the installed copy, not this checkout, must answer.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(ROOT)], cwd=out)
    assert proc.returncode == 0, proc.stderr
    wheels = list(out.glob("zhibiao-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheel) -> Path:
    """The `zhibiao` program of a fresh venv with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    proc = _run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent)
    assert proc.returncode == 0, proc.stderr
    python = venv / BIN / f"python{EXE}"
    proc = _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=venv.parent)
    assert proc.returncode == 0, proc.stderr
    return venv / BIN / f"zhibiao{EXE}"


@pytest.mark.parametrize("member", [
    "zhibiao/grammar/condition.lark",
    "zhibiao/rules/db37-t-3890.1-2020/edition.yaml",
    "zhibiao/rules/db37-t-3890.1-2020/indicators/L1.yaml",
    "zhibiao/rules/db37-t-3890.1-2020/indicators/L6.yaml",
    "zhibiao/templates/rationale.txt.j2",
    "zhibiao/templates/report.html.j2",
    "zhibiao/locale/zh/LC_MESSAGES/zhibiao.po",
    "zhibiao/cli/main.py",
])
def test_wheel_contains(wheel, member):
    with zipfile.ZipFile(wheel) as zf:
        assert member in zf.namelist()


def test_installed_program_evaluates_a_sample_from_another_folder(installed, tmp_path):
    shutil.copy(SAMPLES / "sample-city-top.yaml", tmp_path / "city.yaml")
    proc = _run([str(installed), "evaluate", "city.yaml"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[2] == "总分：100 / 100"
    assert "L1P1 电子证照使用率 — ★★★★★ 3 / 3" in lines
    assert "Traceback" not in proc.stderr


def test_installed_program_reads_its_own_rules_not_the_checkout(installed, tmp_path):
    shutil.copy(SAMPLES / "sample-city-0.yaml", tmp_path / "city.yaml")
    proc = _run([str(installed), "evaluate", "city.yaml", "--lang", "en"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Total: 52.1 / 100 (indicator scores 54.1, deducted 2)" in proc.stdout.splitlines()
    where = _run([str(installed.with_name(f"python{EXE}")), "-c", "import zhibiao.resources as r; print(r.resource_dir('rules'))"],
                 cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent.parent)


def test_installed_program_lists_the_bundled_standard(installed, tmp_path):
    proc = _run([str(installed), "standards"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("db37-t-3890.1-2020  DB37/T 3890.1-2020")
