"""Codes the standard misprints are known to the rules: a data file, a CSV
row, an author's test case or a diff's data that give one are told the
indicator it stands for, never a look-alike's did-you-mean.

DB37/T 3890.1-2020 prints L1F1-L1F3, LIP8-LIP11, L3F7, L3F8, L4F2, L4F4,
LGP3 and LGP4 (READING.md, errata); each rule declares it as `printed_id`.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES
from zhibiao.cli import main
from zhibiao.data.reading import load_city
from zhibiao.errors import DataError

ROOT = FIXTURES.parents[1]
PRINTED = FIXTURES / "printed_codes"
STANDARD = ROOT / "rules" / "db37-t-3890.1-2020" / "standard" / "DB37-T-3890.1-2020.txt"
REVISION = FIXTURES / "editions" / "db37-revision-fixture"

# A row of an indicator table: the code as printed, a tab, the name (★ marks a leading indicator).
TABLE_ROW = re.compile(r"^(L\w+)\t([^\t]+)\t", re.MULTILINE)

# (printed code, real id, line in printed-codes.yaml)
CODES = [
    ("L1F1", "L1P1", 6), ("L1F2", "L1P2", 7), ("L1F3", "L1P3", 8),
    ("LIP8", "L1P8", 9), ("LIP9", "L1P9", 10), ("LIP10", "L1P10", 11), ("LIP11", "L1P11", 12),
    ("L3F7", "L3P7", 13), ("L3F8", "L3P8", 14), ("L4F2", "L4P2", 15), ("L4F4", "L4P4", 16),
    ("LGP3", "L6P3", 17), ("LGP4", "L6P4", 18),
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_each_code_the_standard_prints_is_the_id_or_the_printed_id_of_the_indicator_of_that_name(edition):
    printed = {code: name.rstrip("★") for code, name in TABLE_ROW.findall(STANDARD.read_text(encoding="utf-8"))}
    assert len(printed) == 49
    assert printed == {ind.printed_id or ind.id: ind.name for ind in edition.indicators.values()}


def test_the_misprinted_codes_are_those_of_the_errata(edition):
    assert sorted((ind.printed_id, ind.id) for ind in edition.indicators.values() if ind.printed_id) == sorted(
        (code, real) for code, real, _ in CODES)


def test_a_data_file_giving_every_printed_code_gets_one_error_per_code_naming_the_real_id(capsys):
    path = PRINTED / "printed-codes.yaml"
    code, out, err = run(capsys, "evaluate", str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{path}:{line}:3: 错误: {printed} 是标准印刷的编号，应写作 {real}" for printed, real, line in CODES]


def test_the_data_file_is_fine_once_the_real_ids_are_written(edition, tmp_path):
    text = (PRINTED / "printed-codes.yaml").read_text(encoding="utf-8")
    for printed, real, _ in CODES:
        text = text.replace(f"  {printed}:", f"  {real}:")
    path = tmp_path / "fixed.yaml"
    path.write_text(text, encoding="utf-8")
    assert sorted(load_city(path, edition).values) == sorted(real for _, real, _ in CODES)


@pytest.mark.parametrize(("lang", "line"), [
    ("zh", "LIP8 是标准印刷的编号，应写作 L1P8"),
    ("en", "LIP8 is the code as printed in the standard; write L1P8"),
])
def test_the_message_names_the_real_id_not_a_look_alike(edition, lang, line):
    # A spelling match would propose L4P8 (broadband) for LIP8 (hospitals).
    with pytest.raises(DataError) as caught:
        load_city(PRINTED / "printed-codes.yaml", edition)
    messages = [p.message(lang) for p in caught.value.problems]
    assert line in messages
    assert not any("L4P8" in m for m in messages)


def test_an_unknown_code_that_is_no_printed_code_still_gets_a_did_you_mean(capsys, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("values:\n  L1P12: {e_license_rate: 85%}\n", encoding="utf-8")
    assert run(capsys, "evaluate", str(path))[2] == f"{path}:2:3: 错误: 未知指标“L1P12”。是否想写“L1P2”？\n"


def test_a_csv_row_giving_a_printed_code_is_told_the_real_id_at_its_row(capsys):
    path = PRINTED / "printed-codes.csv"
    code, _, err = run(capsys, "evaluate", str(path), "--lang", "en")
    assert code == 2
    assert err.splitlines() == [
        f"{path}:4:1: error: LIP8 is the code as printed in the standard; write L1P8",
        f"{path}:5:1: error: LGP4 is the code as printed in the standard; write L6P4",
    ]


@pytest.mark.parametrize(("case", "line"), [
    ("case-values.yaml", "case-values.yaml:3:3: 错误: LIP8 是标准印刷的编号，应写作 L1P8"),
    ("case-expect.yaml", "case-expect.yaml:5:3: 错误: LGP4 是标准印刷的编号，应写作 L6P4"),
])
def test_an_author_case_giving_a_printed_code_in_values_or_expect_is_told_the_real_id(capsys, monkeypatch, case, line):
    monkeypatch.chdir(PRINTED)
    code, out, _ = run(capsys, "test", "db37-t-3890.1-2020", "--case", case)
    assert code == 1
    assert f"    {line}" in out.splitlines()


def test_diff_data_giving_a_printed_code_is_told_the_real_id(capsys):
    path = PRINTED / "printed-codes.csv"
    code, _, err = run(capsys, "diff", "db37-t-3890.1-2020", str(REVISION), "--data", str(path))
    assert code == 2  # not one data file could be read
    # Both editions refuse the file for the same reasons: said once.
    assert err.splitlines() == [
        f"{path}:4:1: 错误: LIP8 是标准印刷的编号，应写作 L1P8",
        f"{path}:5:1: 错误: LGP4 是标准印刷的编号，应写作 L6P4",
    ]
