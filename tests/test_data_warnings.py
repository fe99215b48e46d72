"""Warnings about a data file: said once, and errors under --strict.

A data file can be read and still be suspect: percents that look like
fractions, values that contradict each other, another standard named in it,
no values at all. Without --strict each is a warning on standard error and
the city is evaluated; with --strict the file is refused like a bad file
(exit 1, the other files still evaluated). A readable report lists the
warnings again only where it is read apart from standard error.
"""

from __future__ import annotations

import json
import os
import sys
from types import SimpleNamespace

import pytest

from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main

WARNED = FIXTURES / "data_warnings"
TOP = SAMPLES / "sample-city-top.yaml"

NO_VALUES = "警告: 文件中没有任何数值：所有指标均未评估，总分为 0"
# file -> what stderr says of it after the path (zh)
WARNINGS = {
    "fraction_like.yaml": ": 警告: 1 个百分比字段的值小于 1（如 L1P1.e_license_rate=0.85），看起来像小数写法；"
                          "85% 应写作 85 或 \"85%\"，而不是 0.85",
    "constraint.yaml": ": 警告: L1P8：数据自相矛盾：4级及以上医院占比不能大于3级及以上医院占比",
    "other_standard.yaml": ":2:11: 警告: 数据文件写明的标准是“DB37/T 3890.2-2020”，但本次按 DB37/T 3890.1-2020 评价",
    "no_values.yaml": f":3:1: {NO_VALUES}",
    "blank_fields.yaml": f":3:1: {NO_VALUES}",
    "blank_fields.csv": f": {NO_VALUES}",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_warned_fixture_has_a_case():
    assert sorted(p.name for p in WARNED.iterdir()) == sorted(WARNINGS)


# -- without --strict -----------------------------------------------------------
@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_a_warning_is_said_and_the_city_evaluated(capsys, name):
    path = WARNED / name
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert err == f"{path}{WARNINGS[name]}\n"
    assert json.loads(out)["warnings"] == [WARNINGS[name].split("警告: ", 1)[1]]


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_a_blank_data_sheet_gets_the_no_values_warning(capsys, tmp_path, fmt):
    assert main(["template", "--format", fmt]) == 0
    path = tmp_path / f"blank.{fmt}"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert NO_VALUES in err
    assert json.loads(out)["total_score"] == 0


def test_a_file_with_one_value_is_not_warned_of_no_values(capsys, tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text("values:\n  L1P1: {e_license_rate: }\n  L5P6: {security_incidents: 0}\n", encoding="utf-8")
    assert run(capsys, "evaluate", str(path), "--format", "json")[::2] == (0, "")


def test_a_file_with_only_entity_and_period_lacks_its_values_key(capsys, tmp_path):
    # Not a silent 0 either: the values key is required (an error, exit 2).
    path = tmp_path / "names-only.yaml"
    path.write_text("entity: 空白市\nperiod: 2020\n", encoding="utf-8")
    assert run(capsys, "evaluate", str(path)) == (2, "", f"{path}:1:1: 错误: 缺少必填的键“values”（顶层）\n")


# -- with --strict --------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_with_strict_a_warning_is_an_error_and_the_file_is_refused(capsys, name):
    path = WARNED / name
    code, out, err = run(capsys, "evaluate", str(path), "--strict", "--format", "json")
    assert (code, out) == (1, "")
    assert err == f"{path}{WARNINGS[name].replace(': 警告: ', ': 错误: ')}\n"


def test_with_strict_the_other_files_are_still_evaluated(capsys):
    bad = WARNED / "constraint.yaml"
    code, out, err = run(capsys, "evaluate", str(SAMPLES / "sample-city-2.yaml"), str(bad), str(TOP), "--strict",
                         "--format", "json")
    assert code == 1
    assert [r["entity"] for r in json.loads(out)] == ["示例市2", "示例市（满分）"]
    assert err == f"{bad}{WARNINGS['constraint.yaml'].replace(': 警告: ', ': 错误: ')}\n"


def test_with_strict_a_file_without_warnings_is_evaluated_as_before(capsys):
    code, out, err = run(capsys, "evaluate", str(TOP), "--strict", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["total_score"] == 100


def test_with_strict_an_unreadable_file_is_still_exit_2_when_nothing_else_is_read(capsys):
    code, out, _ = run(capsys, "evaluate", str(FIXTURES / "bad_data" / "rank_zero.yaml"), "--strict")
    assert (code, out) == (2, "")


def test_with_strict_the_error_is_said_in_english(capsys):
    path = WARNED / "no_values.yaml"
    code, _, err = run(capsys, "evaluate", str(path), "--strict", "--lang", "en")
    assert code == 1
    assert err == f"{path}:3:1: error: the file gives no values: every indicator is not assessed and the total is 0\n"


# -- a warning is said once -----------------------------------------------------
WARNING = "L1P8：数据自相矛盾：4级及以上医院占比不能大于3级及以上医院占比"


def on_terminals(monkeypatch, stdout: bool = True, stderr: bool = True) -> None:
    """Standard output and standard error on a terminal each (by default one
    and the same, as in an interactive shell). Called in the test itself:
    capsys puts its streams in place only once the fixtures are set up."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr)


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_on_the_terminal_of_standard_error_the_report_does_not_repeat_the_warnings(capsys, monkeypatch, fmt):
    on_terminals(monkeypatch)
    code, out, err = run(capsys, "evaluate", str(WARNED / "constraint.yaml"), "--format", fmt)
    assert code == 0
    assert (out + err).count(WARNING) == 1
    assert WARNING in err
    assert "警告" not in out


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_report_read_apart_from_standard_error_lists_its_warnings(capsys, fmt):
    # Standard output is not a terminal here: a file or a pipe gets the whole report.
    code, out, err = run(capsys, "evaluate", str(WARNED / "constraint.yaml"), "--format", fmt)
    assert code == 0
    assert out.count(WARNING) == 1 and err.count(WARNING) == 1


def test_a_report_written_with_o_lists_its_warnings_even_from_a_terminal(capsys, monkeypatch, tmp_path):
    on_terminals(monkeypatch)
    target = tmp_path / "report.txt"
    code, out, err = run(capsys, "evaluate", str(WARNED / "constraint.yaml"), "-o", str(target))
    assert (code, out) == (0, "")
    assert err.count(WARNING) == 1
    assert target.read_text(encoding="utf-8").splitlines()[-2:] == ["警告", f"  - {WARNING}"]


def test_a_report_on_a_terminal_whose_standard_error_goes_elsewhere_lists_its_warnings(capsys, monkeypatch):
    on_terminals(monkeypatch, stderr=False)
    code, out, _ = run(capsys, "evaluate", str(WARNED / "constraint.yaml"))
    assert code == 0
    assert out.splitlines()[-2:] == ["警告", f"  - {WARNING}"]


def test_a_report_on_another_terminal_than_standard_errors_lists_its_warnings(capsys, monkeypatch):
    on_terminals(monkeypatch)
    monkeypatch.setattr(sys.stdout, "fileno", lambda: 1001)
    monkeypatch.setattr(sys.stderr, "fileno", lambda: 1002)
    real = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: SimpleNamespace(st_rdev=fd) if fd in (1001, 1002) else real(fd))
    code, out, _ = run(capsys, "evaluate", str(WARNED / "constraint.yaml"))
    assert code == 0
    assert out.splitlines()[-2:] == ["警告", f"  - {WARNING}"]


def test_json_on_the_terminal_keeps_the_warnings_in_its_field(capsys, monkeypatch):
    on_terminals(monkeypatch)
    code, out, err = run(capsys, "evaluate", str(WARNED / "constraint.yaml"), "--format", "json")
    assert code == 0
    assert json.loads(out)["warnings"] == [WARNING]
    assert err.count(WARNING) == 1
