"""Read an edition folder into the rule model, collecting every problem.

An edition is ``edition.yaml`` (metadata, categories, selection policy) plus
indicator files (``indicators/*.yaml`` unless ``indicator_files`` lists them).
Every condition is parsed and compiled here, once.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path
from typing import Any

from zhibiao import ast
from zhibiao.compiler import Scope, Symbol, compile_condition
from zhibiao.errors import ConditionError, Location, Problem, RuleError
from zhibiao.model import Category, Constraint, Edition, Expression, Indicator, InputSpec, Measure, Note
from zhibiao.parser import parse
from zhibiao.resources import resource_dir
from zhibiao.schema import EDITION, INDICATOR_FILE, validate
from zhibiao.types import VType, decimal_of
from zhibiao.yamlpos import Located, YamlProblem, load


def bundled_editions() -> dict[str, Path]:
    root = resource_dir("rules")
    return {p.name: p for p in sorted(root.iterdir()) if (p / "edition.yaml").is_file()} if root.is_dir() else {}


DEFAULT_EDITION = "db37-t-3890.1-2020"


def resolve_edition(name: str | None) -> Path:
    """A bundled id, a code such as DB37/T 3890.1-2020, or a folder."""
    bundled = bundled_editions()
    if name is None:
        return bundled[DEFAULT_EDITION]
    if name in bundled:
        return bundled[name]
    slug = name.lower().replace("/", "-").replace(" ", "-").replace("—", "-")
    if slug in bundled:
        return bundled[slug]
    path = Path(name)
    if path.is_file() and path.name == "edition.yaml":
        path = path.parent
    if (path / "edition.yaml").is_file():
        return path
    raise RuleError.of("no_edition", None, name=name, known=", ".join(bundled) or "-")


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RuleError.of("file_missing", Location(str(path)), path=str(path)) from None
    except IsADirectoryError:
        raise RuleError.of("file_missing", Location(str(path)), path=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError.of("not_text", Location(str(path))) from None


def load_edition(name_or_folder: str | Path | None = None) -> Edition:
    """Load and compile an edition; raise RuleError listing every error."""
    edition, problems = load_edition_report(name_or_folder)
    errors = [p for p in problems if p.severity == "error"]
    if errors or edition is None:
        raise RuleError(errors)
    return edition


def load_edition_report(name_or_folder: str | Path | None = None) -> tuple[Edition | None, list[Problem]]:
    folder = resolve_edition(None if name_or_folder is None else str(name_or_folder))
    return _Loader(folder).run()


def _note(raw: Any) -> Note:
    if isinstance(raw, str):
        return Note(raw, raw)
    return Note(raw["zh"], raw.get("en") or raw["zh"])


def _dec(value: Any) -> Decimal | None:
    return None if value is None else decimal_of(value)


class _Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []

    def _doc(self, path: Path) -> Located | None:
        rel = str(path)
        try:
            text = read_text(path)
        except RuleError as e:
            self.problems += e.problems
            return None
        try:
            doc = load(text, rel)
        except YamlProblem as e:
            self.problems.append(e.problem)
            return None
        return doc

    def run(self) -> tuple[Edition | None, list[Problem]]:
        doc = self._doc(self.folder / "edition.yaml")
        if doc is None:
            return None, self.problems
        if not isinstance(doc.value, dict):
            self.problems.append(Problem("not_mapping", {"what": "edition.yaml ", "what_en": "edition.yaml", "got": type(doc.value).__name__}, Location(doc.file, 1, 1)))
            return None, self.problems
        schema_problems = validate(doc, EDITION)
        self.problems += schema_problems
        if schema_problems:
            return None, self.problems
        meta = doc.value
        categories = {
            cid: Category(cid, c["name"], c.get("name_en"), _dec(c["max"])) for cid, c in meta["categories"].items()
        }
        files = meta.get("indicator_files") or sorted(
            str(p.relative_to(self.folder)) for p in (self.folder / "indicators").glob("*.yaml")
        )
        indicators: dict[str, Indicator] = {}
        seen: dict[str, Location] = {}
        for rel in files:
            idoc = self._doc(self.folder / rel)
            if idoc is None:
                continue
            if idoc.value is None:
                continue
            if not isinstance(idoc.value, dict):
                self.problems.append(Problem("not_mapping", {"what": f"{rel} ", "what_en": rel, "got": type(idoc.value).__name__}, Location(idoc.file, 1, 1)))
                continue
            file_problems = validate(idoc, INDICATOR_FILE)
            self.problems += file_problems
            for iid, raw in idoc.value.items():
                if iid == "$schema" or not isinstance(raw, dict):
                    continue
                where = idoc.key_at((iid,))
                if iid in seen:
                    self.problems.append(Problem("duplicate_indicator", {"id": iid, "other": str(seen[iid])}, where))
                    continue
                seen[iid] = where
                if any(p.where and p.where.file == idoc.file and _within(idoc, iid, p.where) for p in file_problems):
                    continue
                if raw["category"] not in categories:
                    close = difflib.get_close_matches(str(raw["category"]), list(categories), n=1)
                    hint = {"zh": f"。是否想写“{close[0]}”？", "en": f"; did you mean '{close[0]}'?"} if close else {"zh": "", "en": ""}
                    self.problems.append(Problem("unknown_category", {"id": iid, "category": raw["category"], "hint": hint}, idoc.at((iid, "category"))))
                    continue
                indicator = self._indicator(idoc, iid, raw)
                if indicator is not None:
                    indicators[iid] = indicator
        edition = Edition(
            id=meta["id"],
            code=meta["code"],
            title=meta["title"],
            title_en=meta.get("title_en"),
            issued_by=meta.get("issued_by"),
            issued=str(meta["issued"]),
            effective=str(meta["effective"]),
            total=_dec(meta["total"]),
            selection=meta["selection"],
            categories=categories,
            indicators=indicators,
            folder=self.folder,
            fixture=bool(meta.get("fixture", False)),
            description=meta.get("description"),
            notes=tuple(_note(n) for n in meta.get("notes", [])),
            files=tuple(files),
        )
        return edition, self.problems

    # -- one indicator ---------------------------------------------------
    def _indicator(self, doc: Located, iid: str, raw: dict) -> Indicator | None:
        before = len(self.problems)
        inputs: dict[str, InputSpec] = {}
        for name, spec in raw["inputs"].items():
            inputs[name] = self._input(doc, iid, name, spec)
        symbols = {n: Symbol(n, s.vtype, s.labels()) for n, s in inputs.items()}
        measures = self._measures(doc, iid, raw.get("measures") or {}, symbols)
        tiers: dict[int, Expression] = {}
        scope = Scope(iid, symbols)
        for level in sorted(int(k) for k in (raw.get("tiers") or {})):
            expr = self._expression(doc, (iid, "tiers", level), raw["tiers"][level], scope, level=level, boolean=True)
            if expr is not None:
                tiers[level] = expr
                scope.tiers[level] = expr.compiled
        weights = {int(k): _dec(v) for k, v in (raw.get("weights") or {}).items()}
        deduction = None
        if "deduction" in raw:
            deduction = self._expression(doc, (iid, "deduction"), raw["deduction"], Scope(iid, symbols), numeric=True)
        elif not raw.get("tiers"):
            self.problems.append(Problem("missing_key", {"key": "tiers", "where": iid}, doc.key_at((iid,))))
        for level in sorted(set(weights) - set(int(k) for k in raw.get("tiers") or {})):
            self.problems.append(Problem("weight_without_tier", {"id": iid, "tier": level}, doc.key_at((iid, "weights", level))))
        for level in sorted(set(int(k) for k in raw.get("tiers") or {}) - set(weights)):
            self.problems.append(Problem("tier_without_weight", {"id": iid, "tier": level}, doc.key_at((iid, "tiers", level))))
        constraints = []
        for i, c in enumerate(raw.get("constraints") or []):
            expr = self._expression(doc, (iid, "constraints", i, "expr"), c["expr"], Scope(iid, symbols), boolean=True)
            if expr is not None:
                constraints.append(Constraint(expr, c["message"], c.get("message_en")))
        if any(p.severity == "error" for p in self.problems[before:]):
            return None
        return Indicator(
            id=iid,
            name=raw["name"],
            name_en=raw.get("name_en"),
            category=raw["category"],
            leading=bool(raw.get("leading", False)),
            definition=(raw.get("definition") or "").strip(),
            source=(raw.get("source") or "").strip(),
            inputs=inputs,
            measures=measures,
            tiers=tiers,
            weights=weights,
            notes=tuple(_note(n) for n in raw.get("notes") or []),
            constraints=tuple(constraints),
            deduction=deduction,
            printed_id=raw.get("printed_id"),
            replaces=raw.get("replaces"),
            where=doc.key_at((iid,)),
        )

    def _input(self, doc: Located, iid: str, name: str, spec: dict) -> InputSpec:
        kind = spec["type"]
        unit = spec.get("unit")
        values = tuple(spec.get("values") or ())
        where = doc.key_at((iid, "inputs", name))
        if kind == "enum" and not values:
            self.problems.append(Problem("missing_key", {"key": "values", "where": f"{iid}.inputs.{name}"}, where))
        if kind != "enum" and values:
            self.problems.append(Problem("bad_value", {"key": f"{iid}.inputs.{name}.values", "got": list(values), "why": "只有 enum 类型可以列出取值", "why_en": "only an enum input lists values"}, doc.at((iid, "inputs", name, "values"))))
        if unit and kind != "number":
            self.problems.append(Problem("bad_value", {"key": f"{iid}.inputs.{name}.unit", "got": unit, "why": "只有 number 类型带单位", "why_en": "only a number input has a unit"}, doc.at((iid, "inputs", name, "unit"))))
        lo, hi = spec.get("range") or (None, None)
        return InputSpec(
            name=name,
            vtype=VType(kind, unit=unit if kind == "number" else None, values=values),
            label=spec["label"],
            label_en=spec.get("label_en"),
            description=spec.get("description"),
            minimum=_dec(lo),
            maximum=_dec(hi),
            exclusive_min=bool(spec.get("exclusive_min", False)),
            where=where,
        )

    def _measures(self, doc: Located, iid: str, raw: dict, symbols: dict[str, Symbol]) -> dict[str, Measure]:
        trees: dict[str, ast.Node] = {}
        for name, spec in raw.items():
            where = doc.at((iid, "measures", name, "expr"))
            try:
                trees[name] = parse(spec["expr"], where)
            except ConditionError as e:
                self.problems += e.problems
        # Measures may use each other: order them, refusing cycles.
        deps = {n: {x.name for x in ast.walk(t) if isinstance(x, ast.Name) and x.name in raw and x.name != n} | ({n} if any(isinstance(x, ast.Name) and x.name == n for x in ast.walk(t)) else set()) for n, t in trees.items()}
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(n: str, trail: list[str]) -> None:
            if state.get(n) == 2:
                return
            if state.get(n) == 1:
                cycle = trail[trail.index(n):] + [n]
                self.problems.append(Problem("measure_cycle", {"cycle": " → ".join(cycle)}, doc.at((iid, "measures", n, "expr"))))
                raise _Cycle
            state[n] = 1
            for d in sorted(deps[n]):
                if d in trees:
                    visit(d, trail + [n])
            state[n] = 2
            order.append(n)

        try:
            for n in trees:
                visit(n, [])
        except _Cycle:
            return {}
        measures: dict[str, Measure] = {}
        for name in order:
            spec = raw[name]
            declared = VType(spec["type"], unit=spec.get("unit"))
            expr = self._expression(doc, (iid, "measures", name, "expr"), spec["expr"], Scope(iid, symbols), numeric=True, tree=trees[name])
            if expr is None:
                continue
            got = expr.compiled.vtype
            if not (got == declared or got.kind == "plain" or (got.kind == declared.kind == "number" and got.unit is None)):
                self.problems.append(Problem("measure_type", {"name": name, "declared": declared.describe(), "got": got.describe()}, expr.where))
                continue
            measures[name] = Measure(name, declared, spec["label"], spec.get("label_en"), expr)
            symbols[name] = Symbol(name, declared, measures[name].labels())
        return measures

    def _expression(self, doc: Located, path: tuple, text: str, scope: Scope, level: int | None = None,
                    boolean: bool = False, numeric: bool = False, tree: ast.Node | None = None) -> Expression | None:
        where = doc.at(path)
        scope.where, scope.text, scope.level = where, text, level
        try:
            node = tree if tree is not None else parse(text, where)
            compiled = compile_condition(node, scope)
        except ConditionError as e:
            self.problems += e.problems
            return None
        if boolean and compiled.vtype.kind != "bool":
            self.problems.append(Problem("not_boolean", {"what": "星级条件", "what_en": "a tier condition", "type": compiled.vtype.describe()}, where))
            return None
        if numeric and not compiled.vtype.numeric:
            self.problems.append(Problem("not_numeric", {"what": "计算式", "what_en": "a formula", "type": compiled.vtype.describe()}, where))
            return None
        return Expression(text, node, compiled, where)


class _Cycle(Exception):
    pass


def _within(doc: Located, iid: str, where: Location) -> bool:
    """Is a schema problem inside indicator ``iid``'s block?"""
    keys = [(k, loc) for k, loc in doc.keys.items() if len(k) == 1]
    keys.sort(key=lambda kv: kv[1].line or 0)
    start = doc.keys.get((iid,))
    if start is None or where.line is None:
        return False
    later = [loc.line for k, loc in keys if (loc.line or 0) > (start.line or 0)]
    end = min(later) if later else 10**9
    return start.line <= where.line < end
