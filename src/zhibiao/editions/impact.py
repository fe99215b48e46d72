"""What a revision changes for real cities: each city under both editions.

A data file is read for the older edition (or, failing that, for the newer
one) and its values are carried over to the other edition through the
indicator pairs of the diff: same input name, and a type that reads the value
as the same quantity (the same type, or a widening: a count that became a
number). A value whose input changed type otherwise is not carried (a count
is not a percent), so the indicator is then not assessed and the city is
listed as lacking that input, like any input the newer edition adds. A file that cannot be read, or whose carried
values the other edition refuses, is reported and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from zhibiao.data.reading import CityData, city_from_document
from zhibiao.data.sources import read_cities
from zhibiao.editions.diff import EditionDiff
from zhibiao.errors import DataError, Problem
from zhibiao.evaluation.evaluate import CityResult, Verdict, evaluate
from zhibiao.language.types import VType
from zhibiao.ruleset.model import Edition
from zhibiao.yamlpos import Located

# Retypings under which every value of the old type is a value of the new one
# that means the same quantity: a count (how many) or a rank (which place) is
# a number, with or without a unit naming what is counted. Not the other way
# (2.5 is no count, a number no place), and not a percent into a number: the
# number may be a share in other terms (a fraction, per mille, a plain count).
WIDENINGS = {("count", "number"), ("rank", "number")}


def carries(before: VType, after: VType) -> bool:
    """Whether a value of an input typed ``before`` is carried to the same
    input typed ``after`` in the other edition."""
    if (before.kind, before.unit) == (after.kind, after.unit):
        return True
    # A yes/no carries into an enum that says what yes and no stand for.
    if before.kind == "bool" and after.yes_no is not None:
        return True
    return (before.kind, after.kind) in WIDENINGS


@dataclass(frozen=True)
class Standing:
    """One indicator of one city under one edition."""

    status: str  # rated / not_assessed / absent (the edition has no such indicator)
    stars: int | None = None  # None for a deduction item or when not rated
    score: Decimal = Decimal(0)
    deduction: Decimal | None = None
    missing: tuple[str, ...] = ()

    @property
    def effective_stars(self) -> int:
        """Stars as they count: not assessed or absent is no star."""
        return self.stars or 0


ABSENT = Standing("absent")


@dataclass(frozen=True)
class Row:
    """An indicator whose verdict for a city differs between the editions."""

    old_id: str | None
    new_id: str | None
    old: Standing
    new: Standing

    @property
    def matters(self) -> bool:
        """Whether the city sees a difference: stars, points, points
        deducted, or whether the indicator can be assessed at all."""
        a, b = self.old, self.new
        assessable = (a.status == "not_assessed") != (b.status == "not_assessed") and "absent" not in (a.status, b.status)
        return self.trend != "same" or a.score != b.score or a.deduction != b.deduction or assessable

    @property
    def trend(self) -> str:
        """gain / loss / same (in stars, or in points deducted) or lacking
        (the newer edition cannot assess it from this city's data)."""
        if self.new.status == "not_assessed" and self.old.status != "not_assessed":
            return "lacking"
        if self.old.deduction is not None or self.new.deduction is not None:
            a, b = self.old.deduction or Decimal(0), self.new.deduction or Decimal(0)
            return "same" if a == b else ("gain" if b < a else "loss")
        s, t = self.old.effective_stars, self.new.effective_stars
        return "same" if s == t else ("gain" if t > s else "loss")


@dataclass
class CityImpact:
    file: str
    entity: str | None = None
    period: str | None = None
    read_for: str | None = None  # "old" or "new": the edition the file was written for
    old_total: Decimal | None = None
    new_total: Decimal | None = None
    old_complete: bool = True
    new_complete: bool = True
    rows: list[Row] = field(default_factory=list)
    # (new indicator id, missing input names) the newer edition needs and the data lack
    lacking: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # values not carried over because their input changed type: (indicator id, input)
    not_carried: list[tuple[str, str]] = field(default_factory=list)
    failed: dict[str, list[Problem]] = field(default_factory=dict)  # "old"/"new" -> why it could not be read

    @property
    def ok(self) -> bool:
        return not self.failed

    def failures(self) -> list[tuple[tuple[str, ...], list[Problem]]]:
        """Why the file could not be read, per edition; once when both
        editions refuse it for the same reasons."""
        if set(self.failed) == {"old", "new"} and self.failed["old"] == self.failed["new"]:
            return [(("old", "new"), self.failed["old"])]
        return [((side,), problems) for side, problems in self.failed.items()]

    @property
    def delta(self) -> Decimal | None:
        if self.old_total is None or self.new_total is None:
            return None
        return self.new_total - self.old_total


@dataclass(frozen=True)
class IndicatorSummary:
    old_id: str | None
    new_id: str | None
    gained: int
    lost: int
    lacking: int
    rescored: int  # same stars, different points (a weight changed)
    same: int


@dataclass
class Impact:
    cities: list[CityImpact]
    summary: list[IndicatorSummary]

    @property
    def failed(self) -> list[CityImpact]:
        return [c for c in self.cities if not c.ok]

    @property
    def compared(self) -> list[CityImpact]:
        return [c for c in self.cities if c.ok]


def assess(diff: EditionDiff, paths: Iterable[str | Path]) -> Impact:
    """The cities of the data sources (files, folders, tables of many
    cities, as ``zhibiao evaluate`` reads them) under both editions."""
    cities = [c for p in paths for c in _cities(diff, str(p))]
    return Impact(cities, _summary(diff, [c for c in cities if c.ok]))


def _cities(diff: EditionDiff, source: str) -> list[CityImpact]:
    """Each city of one source, read for whichever edition reads it: the
    older first; a source neither reads is one failed entry."""
    sides = {"old": diff.old, "new": diff.new}
    failed: dict[str, list[Problem]] = {}
    for side in ("old", "new"):
        found = list(read_cities([source], sides[side]))
        if any(isinstance(c, CityData) for c in found):
            return [_city(diff, c, side) if isinstance(c, CityData) else _unread(source, side, c) for c in found]
        failed[side] = [p for c in found if isinstance(c, DataError) for p in c.problems]
    out = CityImpact(source)
    out.failed = failed
    return [out]


def _unread(source: str, side: str, error: DataError) -> CityImpact:
    out = CityImpact(source)
    out.failed[side] = error.problems
    return out


def _city(diff: EditionDiff, data: CityData, source: str) -> CityImpact:
    # A city of a table is named by its row; a data file of one city by the file.
    out = CityImpact(str(data.row) if data.row is not None else data.file)
    sides = {"old": diff.old, "new": diff.new}
    out.read_for = source
    target = "new" if source == "old" else "old"
    out.entity, out.period = data.entity, data.period
    carried, out.not_carried = _carry(diff, data, sides[source], sides[target], forward=source == "old")
    try:
        other = city_from_document(carried, sides[target])
    except DataError as e:
        out.failed[target] = e.problems
        return out
    cities = {source: data, target: other}
    old, new = evaluate(diff.old, cities["old"]), evaluate(diff.new, cities["new"])
    out.old_total, out.new_total = old.total, new.total
    out.old_complete, out.new_complete = old.complete, new.complete
    out.rows = _rows(diff, old, new)
    out.lacking = [
        (row.new_id, row.new.missing) for row in out.rows if row.trend == "lacking" and row.new.missing and row.new_id
    ]
    return out


def _carry(diff: EditionDiff, city: CityData, source: Edition, target: Edition, forward: bool) -> tuple[Located, list[tuple[str, str]]]:
    """The city's values as a data document for ``target``: through the
    indicator pairs, input by input where the other edition's type reads
    the value as the same quantity (``carries``)."""
    values: dict[str, dict[str, Any]] = {}
    not_carried: list[tuple[str, str]] = []
    for old_id, new_id in diff.pairs:
        src, dst = (old_id, new_id) if forward else (new_id, old_id)
        if src is None or dst is None or src not in city.values:
            continue
        given = city.values[src]
        src_inputs, dst_inputs = source.indicators[src].inputs, target.indicators[dst].inputs
        fields: dict[str, Any] = {}
        for name, value in given.items():
            spec = dst_inputs.get(name)
            if spec is None:
                continue  # the input is gone: nothing to carry
            if not carries(src_inputs[name].vtype, spec.vtype):
                not_carried.append((dst if forward else src, name))
                continue
            # Back to text as a data file holds it (exact, and quoted as a
            # person wrote it should the other edition refuse the value).
            if spec.kind == "percent":
                fields[name] = format((value * 100).normalize(), "f") + "%"
            elif isinstance(value, Decimal):
                fields[name] = format(value.normalize(), "f")
            else:
                fields[name] = value
        if fields:
            values[dst] = fields
    doc: dict[str, Any] = {"entity": city.entity, "values": values}
    if city.period is not None:
        doc["period"] = city.period
    return Located(doc, city.file), not_carried


def _standing(v: Verdict | None) -> Standing:
    if v is None:
        return ABSENT
    if v.status != "rated":
        return Standing("not_assessed", None, Decimal(0), None, tuple(v.missing))
    return Standing("rated", v.stars, v.score, v.deduction if v.indicator.is_deduction else None)


def _rows(diff: EditionDiff, old: CityResult, new: CityResult) -> list[Row]:
    old_v = {v.indicator.id: v for v in old.verdicts}
    new_v = {v.indicator.id: v for v in new.verdicts}
    rows = []
    for old_id, new_id in diff.pairs:
        a = _standing(old_v.get(old_id) if old_id else None)
        b = _standing(new_v.get(new_id) if new_id else None)
        row = Row(old_id, new_id, a, b)
        if row.matters:
            rows.append(row)
    return rows


def _summary(diff: EditionDiff, cities: list[CityImpact]) -> list[IndicatorSummary]:
    out = []
    for old_id, new_id in diff.pairs:
        trends = []
        for city in cities:
            row = next((r for r in city.rows if (r.old_id, r.new_id) == (old_id, new_id)), None)
            if row is None or (row.trend == "same" and row.old.score == row.new.score):
                trends.append("same")
            else:
                trends.append("rescored" if row.trend == "same" else row.trend)
        counts = {t: trends.count(t) for t in ("gain", "loss", "lacking", "rescored", "same")}
        if counts["same"] < len(cities):
            out.append(IndicatorSummary(old_id, new_id, counts["gain"], counts["loss"], counts["lacking"],
                                        counts["rescored"], counts["same"]))
    return out
