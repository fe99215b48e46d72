"""The rule model: one edition of a standard, parsed and compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TypeAlias

from zhibiao.errors import Location
from zhibiao.language import ast
from zhibiao.language.compiler import Compiled
from zhibiao.language.types import VType
from zhibiao.words import Bilingual

# A reading of the standard, shown with its indicator: words an author wrote.
Note: TypeAlias = Bilingual


@dataclass(frozen=True)
class InputSpec:
    """An input a city's data gives: its type, label and allowed range."""

    name: str
    vtype: VType
    label: str
    label_en: str | None = None
    description: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_min: bool = False
    where: Location | None = None

    @property
    def kind(self) -> str:
        return self.vtype.kind

    def labels(self) -> Bilingual:
        return Bilingual(self.label, self.label_en)

    def name_words(self) -> Bilingual:
        """What a condition calls the input: its label, less a closing list
        of its enum values (智慧城市建设顶层规划状态（无/正在制定/制定完成/已发布）),
        since the value held is printed beside it."""
        if self.kind != "enum":
            return self.labels()
        zh = [self.vtype.label(v).zh for v in self.vtype.values]
        en = [self.vtype.label(v).text("en") for v in self.vtype.values]
        return Bilingual(_without_list(self.label, zh), _without_list(self.label_en, en) if self.label_en else None)


# A label ending in a bracketed list, full-width (U+FF08/U+FF09) or not.
_CLOSING_LIST = re.compile(r"(.+?)\s*[\uff08(]([^\uff08\uff09()]*)[\uff09)]\s*")


def _without_list(label: str, values: list[str]) -> str:
    m = _CLOSING_LIST.fullmatch(label)
    if m and [part.strip() for part in m.group(2).split("/")] == values:
        return m.group(1)
    return label


@dataclass(frozen=True)
class Expression:
    """A condition or formula as written, its tree and its compiled form."""

    text: str
    node: ast.Node
    compiled: Compiled
    where: Location | None = None
    # Spelling-free form (ast.canonical), computed once at load: repeated
    # tiers are found by it for every city without re-walking the tree.
    canonical: tuple = ()


@dataclass(frozen=True)
class Measure:
    """A quantity computed from inputs by a formula, which conditions may name."""

    name: str
    vtype: VType
    label: str
    label_en: str | None
    expr: Expression

    def labels(self) -> Bilingual:
        return Bilingual(self.label, self.label_en)


@dataclass(frozen=True)
class Constraint:
    """A consistency condition on an indicator's data, and the warning given when it fails."""

    expr: Expression
    message: str
    message_en: str | None = None


@dataclass(frozen=True)
class Indicator:
    """One indicator: its inputs, measures, tiers (a condition per star level) and their weights."""

    id: str
    name: str
    name_en: str | None
    category: str
    leading: bool
    definition: str
    source: str
    inputs: dict[str, InputSpec]
    measures: dict[str, Measure]  # in evaluation order
    tiers: dict[int, Expression]
    weights: dict[int, Decimal]  # the points of each tier (0 for a tier without a weight)
    notes: tuple[Note, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    deduction: Expression | None = None
    printed_id: str | None = None
    replaces: str | None = None
    # False when each tier asks for its own combination of facts (the
    # standard's tiers are not nested): a higher tier may then ask less of
    # one fact than a lower tier does.
    nested: bool = True
    where: Location | None = None
    # As the author wrote them, for ``check``: every weight given (also for
    # a tier that does not exist) and where each tier and weight key stands.
    declared_weights: dict[int, Decimal] = field(default_factory=dict)
    tier_keys: dict[int, Location] = field(default_factory=dict)
    weight_keys: dict[int, Location] = field(default_factory=dict)
    weight_values: dict[int, Location] = field(default_factory=dict)

    @property
    def is_deduction(self) -> bool:
        return self.deduction is not None

    @cached_property
    def max_score(self) -> Decimal:
        # Asked of every verdict of every city.
        return max(self.weights.values(), default=Decimal(0))

    def names(self, lang: str) -> str:
        return Bilingual(self.name, self.name_en).text(lang)

    def labels(self) -> dict[str, Bilingual]:
        """What each input and measure is called, for printing its conditions."""
        return {n: s.name_words() for n, s in self.inputs.items()} | {n: m.labels() for n, m in self.measures.items()}

    def value_labels(self) -> dict[str, Bilingual]:
        """What each enum value its conditions name is called (completed: 制定完成)."""
        return {v: s.vtype.label(v) for s in self.inputs.values() if s.kind == "enum" for v in s.vtype.values}

    def reads(self, names: frozenset[str] | set[str]) -> frozenset[str]:
        """The inputs that ``names`` (inputs and measures) are computed from."""
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in self.measures:
                todo.extend(self.measures[name].expr.compiled.names)
        return frozenset(n for n in seen if n in self.inputs)


@dataclass(frozen=True)
class Category:
    """A category of indicators and the most points it gives."""

    id: str
    name: str
    name_en: str | None
    max: Decimal
    where: Location | None = None  # of its maximum, as written

    def names(self, lang: str) -> str:
        return Bilingual(self.name, self.name_en).text(lang)


@dataclass(frozen=True)
class Edition:
    """One edition of a standard: its categories and indicators, and how tiers are awarded."""

    id: str
    code: str
    title: str
    title_en: str | None
    issued_by: str | None
    issued: str
    effective: str
    total: Decimal
    selection: str
    categories: dict[str, Category]
    indicators: dict[str, Indicator]
    folder: Path
    fixture: bool = False
    description: str | None = None
    notes: tuple[Note, ...] = ()
    files: tuple[str, ...] = field(default_factory=tuple)
    total_where: Location | None = None  # of the declared total, as written

    def award(self, holds: dict[int, bool]) -> int:
        """The star level that tiers holding as ``holds`` give, under this
        edition's selection policy (0 when none counts)."""
        if self.selection == "cumulative":
            stars = 0
            for level in sorted(holds):
                if not holds[level]:
                    break
                stars = level
            return stars
        return max((level for level, ok in holds.items() if ok), default=0)

    def next_level(self, indicator: Indicator, stars: int) -> int | None:
        """The tier to aim for after ``stars``. Under highest_passing a higher
        tier with the same condition (L4P1's 一星/二星) is what meeting the
        next condition really gives, so that level is named."""
        higher = [level for level in sorted(indicator.tiers) if level > stars]
        if not higher:
            return None
        if self.selection != "highest_passing":
            return higher[0]
        same = indicator.tiers[higher[0]].canonical
        return max(level for level in higher if indicator.tiers[level].canonical == same)

    def titles(self, lang: str) -> str:
        return Bilingual(self.title, self.title_en).text(lang)

    def printed_as(self, code: str) -> Indicator | None:
        """The indicator the standard prints as ``code`` by mistake (LIP8 for
        L1P8), if any; the loader lets a code stand for one indicator only."""
        return next((i for i in self.indicators.values() if i.printed_id == code), None)
