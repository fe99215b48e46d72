"""The command line speaks the reader's language: help, argparse's own words,
usage errors, messages and reports, in the language chosen once before
parsing (``--lang``, ``ZHIBIAO_LANG``, the locale, else Chinese)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from zhibiao.cli import main
from zhibiao.cli.main import COMMANDS
from zhibiao.cli.parsing import _pieces, lang_flag, width, wrap
from zhibiao.words.choice import chosen_language, language_of

COMMAND_NAMES = ["evaluate", "rank", "report", "plan", "standards", "init", "check", "diff", "test", "schema", "template"]
CITY = str(SAMPLES / "sample-city-0.yaml")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# Words a Chinese help may hold in Latin letters: names a user types or
# sees in files (commands, choices, formats, files, variables, the standard).
NAMES = set(COMMAND_NAMES) | {
    "zhibiao", "zh", "en", "text", "json", "jsonl", "html", "markdown", "yaml", "csv", "rules", "edition", "data",
    "YAML", "JSON", "CSV", "Schema", "DB37/T", "edition.yaml", "tests/*.yaml", "indicators/*.yaml", "FOLDER/tests/*.yaml",
    "indicator,field,value", "Excel", "xlsx", "wide-csv", "entity", "period", "indicator", "field", "value",
    "db37-t",  # the bundled edition's id, db37-t-3890.1-2020, as the words are cut here
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:  # argparse ends --help and usage errors with exit
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def latin_words(text: str) -> list[str]:
    """Words in Latin letters that are not option names, metavars,
    environment variables, choices or the names above."""
    text = re.sub(r"\{[^}]*\}", " ", text)  # {text,json}
    text = re.sub(r"(?<![\w/])--?[a-z][\w-]*", " ", text)  # --format, -o
    words = re.findall(r"[A-Za-z][\w./*,-]*[A-Za-z*]|[A-Za-z]", text)
    return [w for w in words if w not in NAMES and not re.fullmatch(r"[A-Z][A-Z_]*", w)]  # placeholders: FILE, N


# -- help ------------------------------------------------------------------
def test_there_is_a_help_test_for_every_command():
    import argparse

    from zhibiao.cli.main import build_parser

    commands = next(a for a in build_parser("en")._actions if isinstance(a, argparse._SubParsersAction))
    assert list(commands.choices) == COMMAND_NAMES
    assert len(COMMANDS) == len(COMMAND_NAMES)


@pytest.mark.parametrize("command", ["", *COMMAND_NAMES])
def test_help_in_chinese_has_no_english_words(capsys, command):
    code, out, err = run(capsys, *([command] if command else []), "--help")
    assert (code, err) == (0, "")
    assert latin_words(out) == []
    assert out.startswith("用法：zhibiao")
    assert "选项：" in out and "显示此帮助信息并退出" in out and "退出状态：" in out


@pytest.mark.parametrize("command", ["", *COMMAND_NAMES])
def test_help_in_english_has_no_chinese_characters(capsys, command):
    code, out, err = run(capsys, *([command] if command else []), "--help", "--lang", "en")
    assert (code, err) == (0, "")
    assert CJK.findall(out) == []
    assert out.startswith("usage: zhibiao")
    assert "options:" in out and "show this help message and exit" in out and "exit status:" in out


def test_the_word_check_would_find_an_english_sentence():
    assert latin_words("--format {text,json}  TEXT: readable output；FILE") == ["readable", "output"]


def test_help_lines_fit_the_terminal_in_columns_not_characters(capsys):
    _, out, _ = run(capsys, "evaluate", "--help")
    assert max(width(line) for line in out.splitlines()) <= 80
    assert any(width(line) > 70 for line in out.splitlines())


def test_the_top_help_lists_each_command_with_its_summary_in_chinese(capsys):
    _, out, _ = run(capsys, "--help")
    assert "    evaluate      评估城市：数据文件、多城市表格（CSV、Excel）、文件夹\n" in out
    assert "    standards     列出内置的标准版本\n" in out


def test_the_lang_option_says_which_language_was_chosen(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _, out, _ = run(capsys, "check", "--help")
    assert "(here: en)" in " ".join(out.split())


# -- usage errors ------------------------------------------------------------
def test_a_mistyped_command_gets_a_suggestion_in_chinese(capsys):
    code, out, err = run(capsys, "evalute")
    assert (code, out) == (2, "")
    assert err == (
        "用法：zhibiao [-h] [--lang {zh,en}] [--version] COMMAND ...\n"
        "zhibiao: 错误: 参数 COMMAND：无效的选择：“evalute”（可选：evaluate、rank、report、plan、standards、init、check、diff、test、"
        "schema、template）"
        "。是否想写“evaluate”？\n"
        "运行“zhibiao --help”查看用法。\n"
    )


def test_a_mistyped_command_gets_a_suggestion_in_english(capsys):
    code, out, err = run(capsys, "--lang", "en", "evalute")
    assert (code, out) == (2, "")
    assert err.splitlines()[1:] == [
        "zhibiao: error: argument COMMAND: invalid choice: 'evalute' (choose from evaluate, rank, report, plan, standards, init, "
        "check, diff, test, schema, template); did you mean 'evaluate'?",
        "See 'zhibiao --help' for what it takes.",
    ]


def test_a_mistyped_choice_of_an_option_gets_a_suggestion(capsys):
    code, _, err = run(capsys, "evaluate", CITY, "--format", "josn")
    assert code == 2
    assert err.splitlines()[-2] == (
        "zhibiao evaluate: 错误: 参数 --format：无效的选择：“josn”（可选：text、json、jsonl、html）。是否想写“json”？"
    )


def test_a_choice_nothing_is_close_to_gets_no_suggestion(capsys):
    code, _, err = run(capsys, "--lang", "en", "frobnicate")
    assert code == 2
    assert err.splitlines()[1].endswith("(choose from evaluate, rank, report, plan, standards, init, check, diff, test, schema, template)")


@pytest.mark.parametrize(("lang", "message"), [
    ("zh", "zhibiao evaluate: 错误: 缺少以下必需参数：DATA"),
    ("en", "zhibiao evaluate: error: the following arguments are required: DATA"),
])
def test_a_missing_argument_is_said_in_the_language(capsys, lang, message):
    code, out, err = run(capsys, "evaluate", "--lang", lang)
    assert (code, out) == (2, "")
    assert message in err.splitlines()


@pytest.mark.parametrize(("lang", "message"), [
    ("zh", "zhibiao check: 错误: 无法识别的参数：--verbose"),
    ("en", "zhibiao check: error: unrecognized arguments: --verbose"),
])
def test_an_unknown_option_is_said_in_the_language(capsys, lang, message):
    code, _, err = run(capsys, "check", "--verbose", "--lang", lang)
    assert code == 2
    assert message in err.splitlines()


@pytest.mark.parametrize(("lang", "message"), [
    ("zh", "zhibiao evaluate: 错误: 参数 -o/--output：后面应跟一个值"),
    ("en", "zhibiao evaluate: error: argument -o/--output: expected one argument"),
])
def test_an_option_without_its_value_is_said_in_the_language(capsys, lang, message):
    code, _, err = run(capsys, "evaluate", CITY, "--lang", lang, "-o")
    assert code == 2
    assert message in err.splitlines()


def test_the_usage_line_of_an_error_is_aligned_under_a_chinese_prefix(capsys):
    _, _, err = run(capsys, "evaluate")
    first, second = err.splitlines()[:2]
    assert first.startswith("用法：zhibiao evaluate [-h]")
    # "用法：" takes six columns: the next line starts under the first option.
    assert width(first[: first.index("[-h]")]) == len(second) - len(second.lstrip())


def test_argparse_is_left_as_it_was_after_parsing(capsys):
    import argparse

    run(capsys, "--help")
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


# -- the choice of language ------------------------------------------------
@pytest.mark.parametrize(("env", "lang"), [
    ({}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.Big5"}, "zh"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "zh"),
    ({"LANG": "POSIX"}, "zh"),
    ({"LC_MESSAGES": "en_GB", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB", "LANG": "en_US"}, "zh"),
    ({"LC_ALL": "", "LANG": "en_US"}, "en"),
    ({"ZHIBIAO_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"ZHIBIAO_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
    ({"ZHIBIAO_LANG": "zh_CN", "LANG": "en_US"}, "zh"),
    ({"ZHIBIAO_LANG": "", "LANG": "en_US"}, "en"),
    ({"LANGUAGE": "fr:zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANGUAGE": "fr:de", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANGUAGE": "en", "LANG": "C"}, "zh"),  # gettext ignores LANGUAGE under C
])
def test_the_environment_chooses_the_language(env, lang):
    assert chosen_language(None, env, "zh") == lang


def test_the_lang_option_wins_over_the_environment():
    assert chosen_language("zh", {"ZHIBIAO_LANG": "en", "LC_ALL": "en_US"}, "zh") == "zh"


@pytest.mark.parametrize(("tag", "lang"), [
    ("zh", "zh"), ("zh-Hans", "zh"), ("zh_CN.UTF-8@pinyin", "zh"), ("EN_us", "en"), ("de_DE", "en"),
    ("C", None), ("posix", None), ("", None),
])
def test_a_locale_name_reads_as_a_language(tag, lang):
    assert language_of(tag) == lang


@pytest.mark.parametrize(("argv", "lang"), [
    (["evaluate", "x.yaml", "--lang", "en"], "en"),
    (["--lang=en", "evaluate"], "en"),
    (["evaluate", "--la", "en"], "en"),
    (["evaluate", "--lang", "fr"], None),  # argparse will refuse it
    (["evaluate", "--lang"], None),
    (["evaluate", "--", "--lang", "en"], None),
    (["evaluate", "--language-of-data", "en"], None),
    (["evaluate", "-l", "en"], None),
])
def test_the_lang_option_is_found_anywhere_on_the_line(argv, lang):
    assert lang_flag(argv) == lang


def test_the_locale_chooses_the_language_of_help_errors_and_reports(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run(capsys, "--help")[1].startswith("usage: zhibiao")
    assert "error: unrecognized arguments: --verbose" in run(capsys, "check", "--verbose")[2]
    code, out, _ = run(capsys, "evaluate", CITY)
    assert code == 0
    assert "Total" in out and "总分" not in out


def test_zhibiao_lang_wins_over_the_locale(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("ZHIBIAO_LANG", "zh")
    code, out, _ = run(capsys, "evaluate", CITY)
    assert code == 0
    assert "总分" in out and "Total" not in out


def test_the_lang_option_wins_wherever_it_stands(capsys, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_LANG", "en")
    assert run(capsys, "--lang", "zh", "--help")[1].startswith("用法：")
    assert run(capsys, "evaluate", "--help", "--lang", "zh")[1].startswith("用法：")


def test_a_message_about_a_file_is_in_the_chosen_language(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    code, _, err = run(capsys, "evaluate", "no-such-city.yaml")
    assert code == 2
    assert CJK.findall(err) == [] and "no-such-city.yaml" in err


# -- wrapping by display width ---------------------------------------------
def test_chinese_text_wraps_between_characters_by_columns():
    assert wrap("评估城市的数据文件", 8) == ["评估城市", "的数据文", "件"]


def test_a_closing_mark_never_starts_a_line_and_an_opening_mark_never_ends_one():
    assert wrap("内置版本，默认值", 8) == ["内置版", "本，默认", "值"]
    assert wrap("甲乙丙（丁）", 8) == ["甲乙丙", "（丁）"]


def test_english_text_wraps_at_spaces():
    assert wrap("write the report to FILE", 10) == ["write the", "report to", "FILE"]


@given(st.text(alphabet=st.sampled_from(list("ab 甲乙，（）-")), max_size=60), st.integers(min_value=4, max_value=30))
def test_wrapping_keeps_every_character_and_each_line_fits(text, columns):
    lines = wrap(" ".join(text.split()), columns)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        # a line over the width is one piece that cannot be broken
        assert width(line) <= columns or len(_pieces(line)) == 1
