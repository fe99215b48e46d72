"""Authors' test cases: example cities kept beside the rules, each with the
verdicts its author expects.

A case is a YAML file in ``<edition>/tests/``: a city's data exactly as in a
data file (``entity``, ``period``, ``values``) plus ``expect``::

    title: L1P1 exactly at 85 % is four stars, not five
    values:
      L1P1: {e_license_rate: 85%}
    expect:
      L1P1: 4                 # stars, 0-5
      L1P2: not_assessed      # or: no data, so not assessed
      L5P6: {deduction: 2}    # a deduction item: points taken off
      total: 2.5              # total score after deductions
      deduction: 2            # all points taken off

Running a case evaluates the city and lists every difference between what
the author expects and what the rules give, with the rationale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from zhibiao.data.reading import TOP_KEYS, CityData, city_from_document, read_data_text, unknown_indicator
from zhibiao.errors import DataError, Location, Problem
from zhibiao.evaluation.evaluate import CityResult, Verdict, evaluate
from zhibiao.language.types import decimal_of, format_decimal
from zhibiao.report.render import next_tier_text, rationale
from zhibiao.ruleset.model import Edition
from zhibiao.ruleset.schema import validate
from zhibiao.words import LANGS, N_, Msg, say
from zhibiao.words.messages import MESSAGES
from zhibiao.words.terms import level
from zhibiao.words.visible import echo_repr
from zhibiao.yamlpos import Located, YamlProblem, load

# An expectation may say "not assessed" as the verdict is written, in any language.
NOT_ASSESSED = ("not_assessed", *(say(lang, N_("not assessed")) for lang in LANGS))

CASE = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "entity": {"type": ["string", "number", "null"]},
        "period": {"type": ["string", "number", "null"]},
        "standard": {"type": ["string", "null"]},
        "values": {"type": "object"},
        "expect": {"type": "object"},
    },
    "required": ["values", "expect"],
    "additionalProperties": False,
}
_SUMS = ("total", "deduction")


@dataclass
class Expectation:
    """One expected verdict: of an indicator, or the total / the deduction."""

    key: str  # indicator id, "total" or "deduction"
    where: Location
    stars: int | None = None
    not_assessed: bool = False
    score: Decimal | None = None
    deduction: Decimal | None = None
    total: Decimal | None = None


@dataclass
class Case:
    file: str
    title: str | None
    city: CityData  # the data part, read like a data file
    expectations: list[Expectation]


@dataclass
class Difference:
    problem: Problem  # the expected-vs-got message, at the line of the expectation
    verdict: Verdict | None = None  # the indicator's verdict, for its rationale


@dataclass
class CaseResult:
    file: str
    title: str | None
    differences: list[Difference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the case itself cannot run
    case: Case | None = None  # the case as read (None when it cannot be), for its coverage

    @property
    def passed(self) -> bool:
        return not self.differences and not self.problems


def find_cases(folder: Path) -> list[Path]:
    """The case files of an edition folder, in name order."""
    tests = folder / "tests"
    return sorted(p for p in tests.glob("*.yaml") if p.is_file()) if tests.is_dir() else []


def load_case(path: Path, edition: Edition) -> Case:
    """Read a case file; raise DataError listing every problem in it."""
    text = read_data_text(path)
    try:
        doc = load(text, str(path))
    except YamlProblem as e:
        raise DataError(e.problem) from None
    if not isinstance(doc.value, dict):
        raise DataError.of("not_mapping", Location(str(path), 1, 1), what=Msg(N_("a test case")), got=type(doc.value).__name__)
    problems = doc.problems + validate(doc, CASE)
    if problems:
        raise DataError(problems)
    expectations = _expectations(doc, edition, problems)
    data = Located({k: v for k, v in doc.value.items() if k in TOP_KEYS}, doc.file, doc.keys, doc.values)
    city = None
    try:
        city = city_from_document(data, edition)
    except DataError as e:
        problems += e.problems
    if problems or city is None:
        raise DataError(sorted(problems, key=lambda p: (p.where.line or 0, p.where.column or 0) if p.where else (0, 0)))
    if not expectations:
        raise DataError.of("case_no_expect", doc.key_at(("expect",)))
    return Case(str(path), doc.value.get("title"), city, expectations)


def _bad(doc: Located, path: tuple, got: Any, why: Msg) -> Problem:
    key = ".".join(str(p) for p in path)
    return Problem("case_bad_expect", {"key": key, "got": echo_repr(got), "why": why}, doc.at(path))


def _number(value: Any) -> Decimal | None:
    return decimal_of(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _stars(value: Any) -> tuple[int | None, bool] | None:
    """(stars, not assessed) of an expected star value, None if it is neither."""
    if isinstance(value, str) and value.strip().lower() in NOT_ASSESSED:
        return None, True
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5:
        return value, False
    return None


def _expectations(doc: Located, edition: Edition, problems: list[Problem]) -> list[Expectation]:
    found = []
    for key, value in doc.value["expect"].items():
        path = ("expect", key)
        where = doc.at(path)
        if key in _SUMS:
            number = _number(value)
            if number is None:
                problems.append(_bad(doc, path, value, Msg(N_("a number of points is expected"))))
            else:
                found.append(Expectation(key, where, total=number) if key == "total" else Expectation(key, where, deduction=number))
            continue
        indicator = edition.indicators.get(str(key))
        if indicator is None:
            problems.append(unknown_indicator(key, edition, doc.key_at(path), _SUMS))
            continue
        if indicator.is_deduction:
            if isinstance(value, dict) and set(value) == {"deduction"} and _number(value["deduction"]) is not None:
                found.append(Expectation(key, where, deduction=_number(value["deduction"])))
            elif _stars(value) == (None, True):
                found.append(Expectation(key, where, not_assessed=True))
            else:
                problems.append(_bad(doc, path, value, Msg(N_("a deduction item takes {deduction: points} or not_assessed"))))
            continue
        stars = _stars(value)
        score = None
        if isinstance(value, dict) and set(value) <= {"stars", "score"} and "stars" in value:
            stars = _stars(value["stars"])
            score = _number(value.get("score")) if "score" in value else None
            if "score" in value and score is None:
                stars = None
        if stars is None:
            problems.append(_bad(doc, path, value, Msg(N_("expected a star level 0-5, not_assessed, or {stars: N, score: points}"))))
            continue
        found.append(Expectation(key, where, stars=stars[0], not_assessed=stars[1], score=score))
    return found


def _stars_text(stars: int | None) -> Msg:
    if stars is None:
        return Msg(N_("not assessed"))
    return level(stars)


def _points(value: Decimal | None) -> str:
    return "-" if value is None else format_decimal(value)


def run_case(case: Case, edition: Edition) -> CaseResult:
    result = evaluate(edition, case.city)
    verdicts = {v.indicator.id: v for v in result.verdicts}
    outcome = CaseResult(case.file, case.title, case=case)
    for e in case.expectations:
        outcome.differences += _compare(e, verdicts.get(e.key), result)
    return outcome


def _compare(e: Expectation, v: Verdict | None, result: CityResult) -> list[Difference]:
    if e.key in _SUMS:
        expected, got = (e.total, result.total) if e.key == "total" else (e.deduction, result.deduction)
        if got != expected:
            return [Difference(Problem(f"case_{e.key}", {"expected": _points(expected), "got": _points(got)}, e.where))]
        return []
    assert v is not None  # expectations only name indicators of the edition
    if _outcome(v) != _expected(e):
        return [Difference(Problem("case_stars", {"id": e.key, "expected": _expected(e), "got": _outcome(v)}, e.where), verdict=v)]
    if e.score is not None and v.score != e.score:
        return [Difference(Problem("case_score", {"id": e.key, "expected": _points(e.score), "got": _points(v.score)}, e.where), verdict=v)]
    return []


def _deducted(points: Decimal | None) -> Msg:
    return Msg(MESSAGES["case_deducted"], points=_points(points))


def _expected(e: Expectation) -> Msg:
    if e.not_assessed:
        return _stars_text(None)
    if e.deduction is not None:
        return _deducted(e.deduction)
    return _stars_text(e.stars)


def _outcome(v: Verdict) -> Msg:
    if v.status != "rated":
        return _stars_text(None)
    if v.indicator.is_deduction:
        return _deducted(v.deduction)
    return _stars_text(v.stars)


def explain(difference: Difference, lang: str) -> list[str]:
    """The rationale of the verdict behind a difference: why the rules give
    what they give, and what the next tier needs."""
    v = difference.verdict
    if v is None:
        return []
    lines = rationale(v, lang).splitlines()
    following = next_tier_text(v, lang)
    if following:
        lines += following.splitlines()
    return lines


def run_cases(edition: Edition, paths: list[Path]) -> list[CaseResult]:
    """Run every case; a case file that cannot be read is reported, and the
    others still run."""
    results = []
    for path in paths:
        try:
            case = load_case(path, edition)
        except DataError as e:
            results.append(CaseResult(str(path), None, problems=e.problems))
            continue
        results.append(run_case(case, edition))
    return results
