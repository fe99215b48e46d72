"""One source of words: every sentence comes from the catalogue, in every
language, and no user-facing literal hides outside it."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from zhibiao.words import Bilingual, Joined, Msg, Plural, say, say_n
from zhibiao.words.catalogue import catalogue_path, languages
from zhibiao.words.po import CatalogueError, parse_po

TOP = Path(__file__).resolve().parents[1]
SRC = TOP / "src" / "zhibiao"
TEMPLATES = TOP / "templates"


def _tool():
    spec = importlib.util.spec_from_file_location("catalogue_tool", TOP / "tools" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def used():
    return _tool().extract()


# -- the catalogues ---------------------------------------------------------
def test_there_is_a_chinese_catalogue_and_english_is_the_source():
    assert languages() == ("en", "zh")


@pytest.mark.parametrize("lang", languages()[1:])
def test_every_message_used_has_every_form_in_each_catalogue(lang, used):
    have = parse_po(catalogue_path(lang)).entries
    lacking = [f"{key[1]!r} ({places[0]})" for key, (plural, places) in used.items()
               if key not in have or not have[key].strings or not all(have[key].strings.values())]
    assert lacking == []


@pytest.mark.parametrize("lang", languages()[1:])
def test_no_catalogue_entry_is_left_over(lang, used):
    have = parse_po(catalogue_path(lang)).entries
    assert sorted(k[1] for k in have if k not in used) == []


@pytest.mark.parametrize("lang", languages()[1:])
def test_each_translation_keeps_the_fields_of_its_message(lang):
    for (_, msgid), entry in parse_po(catalogue_path(lang)).entries.items():
        fields = set(re.findall(r"%\((\w+)\)s", msgid + (entry.plural or "")))
        for text in entry.strings.values():
            assert set(re.findall(r"%\((\w+)\)s", text)) <= fields | {"num"}, msgid
            # argparse fills unnamed fields by position: the same ones, in the same order
            assert re.findall(r"(?<!%)%[sr]", text) == re.findall(r"(?<!%)%[sr]", msgid), msgid


def test_the_words_are_found_in_the_catalogue_of_the_language():
    assert say("zh", "not assessed") == "未评估"
    assert say("en", "not assessed") == "not assessed"
    assert Msg("indicator %(id)s", id="L1P1").text("zh") == "指标 L1P1 "


def test_plurals_follow_the_number_in_english_and_have_one_form_in_chinese():
    one = "Note: %(num)s indicator not assessed; the total is incomplete."
    many = "Note: %(num)s indicators not assessed; the total is incomplete."
    assert say_n("en", one, many, 1) == "Note: 1 indicator not assessed; the total is incomplete."
    assert say_n("en", one, many, 3) == "Note: 3 indicators not assessed; the total is incomplete."
    assert Plural(one, many, 3).text("zh") == "注意：3 项指标未评估，总分不完整。"


def test_fields_of_a_message_are_said_in_the_same_language():
    msg = Msg("type mismatch: %(left)s and %(right)s cannot be %(action)s",
              left=Msg("a percent"), right=Msg("a count"), action=Msg("compared"))
    assert msg.text("zh") == "类型不符：百分比 与 计数 不能比较"
    assert msg.text("en") == "type mismatch: a percent and a count cannot be compared"
    assert Joined(("a", Bilingual("乙", "b"))).text("zh") == "a、乙"
    assert Joined(("a", Bilingual("乙", "b"))).text("en") == "a, b"


# -- the catalogue reader ---------------------------------------------------
def test_a_fuzzy_entry_is_a_guess_and_is_not_used(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('#, fuzzy\nmsgid "a"\nmsgstr "甲"\n\nmsgid "b"\nmsgstr ""\n"乙"\n', encoding="utf-8")
    entries = parse_po(po).entries
    assert (None, "a") not in entries
    assert entries[(None, "b")].strings == {0: "乙"}


def test_contexts_and_plural_forms_are_read(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr "Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgctxt "token"\nmsgid "a number"\nmsgstr "数字"\n\n'
        'msgid "%(num)s day"\nmsgid_plural "%(num)s days"\nmsgstr[0] "%(num)s 天"\n',
        encoding="utf-8",
    )
    catalogue = parse_po(po)
    assert catalogue.entries[("token", "a number")].strings == {0: "数字"}
    assert catalogue.plural_rule(5) == 0 and catalogue.nplurals == 1


def test_a_message_given_twice_in_a_catalogue_is_an_error(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('msgid "a"\nmsgstr "甲"\n\nmsgid "a"\nmsgstr "乙"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="given twice"):
        parse_po(po)


# -- no words outside the catalogue ----------------------------------------
# The condition language's own keywords (且 或 非, 是/否 as data values) and the
# full-width percent sign a data value may carry are syntax, not words.
SYNTAX_CJK = set("且或非是否％")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")
MARKERS = {"N_", "P_", "Msg", "Plural", "say", "say_n"}
# Strings of the program's own, never shown to a user as prose: a sentence
# there is a programmer's note (an exception for a bug), a format or a key.
KEYWORDS = {"and", "or", "not", "true", "false"}


def _english(text: str) -> bool:
    """Whether a literal reads as English prose: three words or more in a
    row, not counting the condition language's keywords."""
    for run in re.findall(r"[A-Za-z]+(?: +[A-Za-z]+)+", text):
        words = [w for w in run.split() if w.lower() not in KEYWORDS and len(w) > 1]
        if len(words) >= 3 or (len(words) >= 2 and len(run.split()) >= 3 and any(len(w) > 3 for w in words)):
            return True
    return False


def _string_literals(path: Path):
    """(line, text) of every string constant outside a marker call and
    outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in MARKERS or name in ("TypeError", "ValueError", "CatalogueError", "AssertionError"):
                for sub in ast.walk(node):
                    skip.add(id(sub))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def test_no_chinese_or_english_sentence_in_python_outside_the_catalogue():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for line, text in _string_literals(path):
            if set(CJK.findall(text)) - SYNTAX_CJK or _english(text):
                found.append(f"{path.relative_to(TOP)}:{line}: {text[:60]!r}")
    assert found == []


def _template_text(source: str) -> str:
    """What a template writes itself: its source without Jinja tags,
    comments and expressions, HTML tags and the stylesheet."""
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    source = re.sub(r"<style>.*?</style>", " ", source, flags=re.S)
    return re.sub(r"<[^>]+>", " ", source)


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.j2")), ids=lambda p: p.name)
def test_no_words_in_a_template_outside_the_catalogue(path):
    text = _template_text(path.read_text(encoding="utf-8"))
    assert CJK.findall(text) == []
    assert re.findall(r"[A-Za-z]{2,}", text) == []


def test_there_is_one_template_per_output():
    assert sorted(p.name for p in TEMPLATES.rglob("*.j2")) == [
        "coverage.txt.j2", "diff.md.j2", "diff.txt.j2", "document.html.j2", "document.md.j2", "missing.txt.j2", "next_tier.txt.j2",
        "plan.txt.j2", "rank.md.j2", "rank.txt.j2", "rationale.txt.j2", "report.html.j2", "report.txt.j2", "test.md.j2",
    ]
    assert [p for p in TEMPLATES.iterdir() if p.is_dir()] == []


def test_no_branch_on_the_language_outside_the_words_package():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.parent.name == "words":
            continue
        for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"""lang\s*[!=]=\s*["'](zh|en)["']|["'](zh|en)["']\s*[!=]=\s*\w*lang""", text):
                found.append(f"{path.relative_to(TOP)}:{line}: {text.strip()}")
    assert found == []


@pytest.mark.parametrize("text", ["the top level", "a data file", "must not hold: %(condition)s", "未评估", "扣分项"])
def test_the_literal_check_would_catch_a_sentence(text):
    assert bool(set(CJK.findall(text)) - SYNTAX_CJK) or _english(text)


@pytest.mark.parametrize("text", ["a and and b", "ID_OR_FOLDER", "%(id)s %(name)s", "utf-8-sig", "tag:yaml.org,2002:str"])
def test_the_literal_check_leaves_syntax_alone(text):
    assert not (set(CJK.findall(text)) - SYNTAX_CJK or _english(text))


def test_every_format_of_the_registry_names_a_renderer():
    """The registry names renderers instead of importing them: each name
    must be a function of zhibiao.report.outputs."""
    from zhibiao.report import formats, outputs

    missing = [f"{report} {f.name}: {f.renderer}" for report, choices in formats.REPORTS.items()
               for f in choices.values() if not callable(getattr(outputs, f.renderer, None))]
    assert missing == []
