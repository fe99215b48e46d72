"""`import zhibiao`: the Python API, as the README shows it."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

import zhibiao
from tests.conftest import SAMPLES
from zhibiao.cli import main
from zhibiao.resources import resource_dir

README = Path(__file__).parents[1] / "README.md"
CITY0 = SAMPLES / "sample-city-0.yaml"


def test_version_is_the_installed_distributions():
    assert zhibiao.__version__ == version("zhibiao")


def test_evaluate_a_mapping_gives_what_evaluate_prints_for_the_same_data(capsys):
    data = yaml.safe_load(CITY0.read_text(encoding="utf-8"))
    result = zhibiao.evaluate(zhibiao.load_standard(), data)
    assert main(["evaluate", str(CITY0), "--format", "json", "--lang", "en"]) == 0
    printed = json.loads(capsys.readouterr().out)
    mine = result.to_json("en")
    assert (mine.pop("file"), printed.pop("file")) == ("<data>", str(CITY0))
    # A mapping has no file whose bytes could be fingerprinted.
    assert (mine["provenance"].pop("data_sha256"), len(printed["provenance"].pop("data_sha256"))) == (None, 64)
    assert mine == printed
    assert (result.total, result.deduction, result.complete) == (Decimal("52.1"), Decimal(2), False)


def test_to_text_is_the_readable_report(capsys):
    result = zhibiao.evaluate(zhibiao.load_standard(), yaml.safe_load(CITY0.read_text(encoding="utf-8")))
    main(["evaluate", str(CITY0)])
    assert result.to_text() == capsys.readouterr().out


def test_numbers_may_be_python_numbers_and_any_mapping_will_do():
    standard = zhibiao.load_standard()
    given = zhibiao.evaluate(standard, MappingProxyType({"values": {"L1P5": MappingProxyType({"smart_lighting_rate": 85.0})}}))
    written = zhibiao.evaluate(standard, {"values": {"L1P5": {"smart_lighting_rate": "85%"}}})
    assert given.verdicts[4].indicator.id == "L1P5"
    assert (given.verdicts[4].stars, given.total) == (written.verdicts[4].stars, written.total) == (3, Decimal("0.6"))


def test_an_unnamed_city_is_called_data():
    result = zhibiao.evaluate(zhibiao.load_standard(), {"values": {}})
    assert (result.city.entity, result.total) == ("<data>", 0)
    assert [w.code for w in result.warnings] == ["data_no_values"]


def test_bad_data_raise_a_data_error_listing_every_problem():
    with pytest.raises(zhibiao.DataError) as caught:
        zhibiao.evaluate(zhibiao.load_standard(), {"values": {"L1P1": {"e_license_rat": "86%"}, "L1P2": {"employment_channels": "abc"}}})
    assert caught.value.render("en").splitlines() == [
        "<data>: error: indicator L1P1 has no field 'e_license_rat'; did you mean 'e_license_rate'?",
        '<data>: error: L1P2.employment_channels (Number of service modes opening employment service channels): "abc" is '
        "not valid, expected a whole number",
    ]


def test_data_that_is_not_a_mapping_is_a_data_error():
    with pytest.raises(zhibiao.DataError) as caught:
        zhibiao.evaluate(zhibiao.load_standard(), [1, 2])  # type: ignore[arg-type]
    assert caught.value.render("en") == "<data>: error: the top level of a data file should be a mapping (key: value), got list"


def test_load_standard_takes_an_id_a_code_or_a_folder(tmp_path):
    folder = resource_dir("rules") / "db37-t-3890.1-2020"
    for given in ("db37-t-3890.1-2020", "DB37/T 3890.1-2020", folder, str(folder)):
        assert zhibiao.load_standard(given).id == "db37-t-3890.1-2020"


def test_evaluate_takes_a_standards_id_as_well():
    data = {"values": {"L1P5": {"smart_lighting_rate": "85%"}}}
    assert zhibiao.evaluate("DB37/T 3890.1-2020", data).total == zhibiao.evaluate(zhibiao.load_standard(), data).total


def test_an_unknown_standard_is_a_rule_error(tmp_path):
    with pytest.raises(zhibiao.RuleError):
        zhibiao.load_standard(tmp_path)


def test_import_zhibiao_loads_nothing_until_it_is_used():
    code = ("import sys, zhibiao; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('zhibiao', 'lark', 'yaml', 'jinja2', 'openpyxl', 'tqdm', 'argcomplete')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "['zhibiao']\n"


def test_the_readme_example_prints_what_the_readme_says():
    text = README.read_text(encoding="utf-8")
    section = text.split("### From Python\n", 1)[1]
    code, said = re.search(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", section, re.S).groups()
    assert len(code.strip().splitlines()) <= 10
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue() == said


def test_the_readme_process_pool_example_prints_what_the_readme_says(tmp_path):
    """The README's multiprocessing form runs as a script (a pool's workers
    import the main module) and prints what the README says."""
    section = README.read_text(encoding="utf-8").split("### From Python\n", 1)[1]
    examples = re.findall(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", section, re.S)
    code, said = next((c, s) for c, s in examples if "ProcessPoolExecutor" in c)
    script = tmp_path / "pool.py"
    script.write_text(code, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=300).stdout
    assert out == said
