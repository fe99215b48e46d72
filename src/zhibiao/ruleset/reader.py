"""Read an edition folder into the rule model, collecting every problem.

Every condition is parsed and compiled here, once; ``zhibiao.ruleset.loader``
is what callers use (it caches what this reads).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from zhibiao.errors import ConditionError, Location, Problem, RuleError
from zhibiao.language import ast
from zhibiao.language.compiler import Scope, Symbol, compile_condition
from zhibiao.language.parser import parse
from zhibiao.language.types import INPUT_TYPES, VType, decimal_of
from zhibiao.ruleset.loader import Inspection
from zhibiao.ruleset.model import Category, Constraint, Edition, Expression, Indicator, InputSpec, Measure, Note
from zhibiao.ruleset.schema import EDITION, INDICATOR, INDICATOR_FILE, invisible, validate
from zhibiao.suggest import did_you_mean
from zhibiao.words import N_, Bilingual, Joined, Msg
from zhibiao.words.visible import echo_repr
from zhibiao.yamlpos import Located, YamlProblem, load


def read_edition(folder: Path) -> Inspection:
    """Everything one reading of ``folder`` gives."""
    return _Loader(folder).run()


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


def _note(raw: Any) -> Note:
    if isinstance(raw, str):
        return Note(raw)
    return Note(raw["zh"], raw.get("en"))


def _dec(value: Any) -> Decimal | None:
    return None if value is None else decimal_of(value)


def _number(value: Any) -> Decimal:
    """A value already known to be a number (``_is_number``, or checked by the schema)."""
    number = decimal_of(value)
    if number is None:
        raise TypeError(value)  # pragma: no cover - callers pass numbers only
    return number


def _is_number(value: Any) -> bool:
    # Not YAML's .nan or .inf: no score can be made of them.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and decimal_of(value) is not None


def level_of(key: Any) -> int | None:
    """The star level a ``tiers``/``weights`` key names (1-5), else None."""
    text = str(key)
    return int(text) if text in ("1", "2", "3", "4", "5") else None


def by_level(raw: Any) -> dict[int, tuple[Any, Any]]:
    """level -> (key as written, value) of a ``tiers`` or ``weights`` mapping."""
    if not isinstance(raw, dict):
        return {}
    return {level: (k, v) for k, v in raw.items() if (level := level_of(k)) is not None}


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Words the condition language reads itself: as names they would never be looked up.
_RESERVED = ("and", "or", "not", "true", "false")


def name_problem(name: Any) -> Msg | None:
    """Why ``name`` cannot be an input or measure name, or None if it can."""
    text = str(name)
    if not _NAME.fullmatch(text):
        if text[:1].isdigit():
            return Msg(N_("a name must not start with a digit (the condition would read the digits as a number)"))
        return Msg(N_("a name is made of letters A-Z, digits and _, and starts with a letter or _"))
    if text in _RESERVED:
        return Msg(N_("'%(name)s' is a word of the condition language"), name=text)
    return None


def _input_usable(spec: Any) -> bool:
    return isinstance(spec, dict) and spec.get("type") in INPUT_TYPES and isinstance(spec.get("label"), str)


def _measure_usable(spec: Any) -> bool:
    return (isinstance(spec, dict) and spec.get("type") in ("percent", "count", "number")
            and isinstance(spec.get("label"), str) and isinstance(spec.get("expr"), str))


class _Loader:
    """Reads every file of a folder and reports every problem it finds: a
    broken part is skipped, never the rest of the run."""

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
        self.problems += doc.problems + invisible(doc)
        return doc

    def run(self) -> Inspection:
        path = self.folder / "edition.yaml"
        doc = self._doc(path)
        meta = doc.value if doc is not None and isinstance(doc.value, dict) else None
        if doc is not None and meta is None:
            self.problems.append(Problem("not_mapping", {"what": "edition.yaml", "got": type(doc.value).__name__}, Location(doc.file, 1, 1)))
        meta_ok = False
        category_ids: set[Any] | None = None  # None: unknown, so no category is checked
        categories: dict[str, Category] = {}
        if meta is not None and doc is not None:
            meta_problems = validate(doc, EDITION)
            self.problems += meta_problems
            meta_ok = not meta_problems
            raw_categories = meta.get("categories")
            if isinstance(raw_categories, dict):
                category_ids = set(raw_categories)
                categories = {
                    cid: Category(cid, c["name"], c.get("name_en"), _number(c["max"]), doc.at(("categories", cid, "max")))
                    for cid, c in raw_categories.items()
                    if isinstance(c, dict) and isinstance(c.get("name"), str) and _is_number(c.get("max"))
                }
        listed = meta.get("indicator_files") if meta is not None else None
        if isinstance(listed, list) and all(isinstance(f, str) for f in listed):
            files = list(listed)
        else:
            files = sorted(str(p.relative_to(self.folder)) for p in (self.folder / "indicators").glob("*.yaml"))
        indicators = self._indicator_files(files, category_ids)
        edition = None
        if meta_ok and meta is not None and doc is not None and not _is_number(meta["total"]):
            self.problems.append(Problem("bad_value", {"key": "total", "got": echo_repr(meta["total"]),
                                                       "why": Msg(N_("it must be a finite number"))}, doc.at(("total",))))
            meta_ok = False
        if meta_ok and meta is not None and doc is not None:
            edition = Edition(
                id=meta["id"],
                code=meta["code"],
                title=meta["title"],
                title_en=meta.get("title_en"),
                issued_by=meta.get("issued_by"),
                issued=str(meta["issued"]),
                effective=str(meta["effective"]),
                total=_number(meta["total"]),
                selection=meta["selection"],
                categories=categories,
                indicators=indicators,
                folder=self.folder,
                fixture=bool(meta.get("fixture", False)),
                description=meta.get("description"),
                notes=tuple(_note(n) for n in meta.get("notes", [])),
                files=tuple(files),
                total_where=doc.at(("total",)),
            )
        return Inspection(self.folder, edition, self.problems)

    def _indicator_files(self, files: list[str], category_ids: set[Any] | None) -> dict[str, Indicator]:
        indicators: dict[str, Indicator] = {}
        seen: dict[str, Location] = {}
        printed: list[tuple[str, str, Location]] = []  # (printed code, indicator id, where the code is written)
        for rel in files:
            idoc = self._doc(self.folder / rel)
            if idoc is None or idoc.value is None:
                continue
            if not isinstance(idoc.value, dict):
                self.problems.append(Problem("not_mapping", {"what": rel, "got": type(idoc.value).__name__}, Location(idoc.file, 1, 1)))
                continue
            for iid, raw in idoc.value.items():
                # Validated indicator by indicator, so a problem is known to
                # belong to its block.
                schema = INDICATOR_FILE["patternProperties"]["^\\$schema$"] if iid == "$schema" else INDICATOR
                block_problems = validate(idoc, schema, (iid,), raw, top=False)
                self.problems += block_problems
                if iid == "$schema" or not isinstance(raw, dict):
                    continue
                where = idoc.key_at((iid,))
                if iid in seen:
                    self.problems.append(Problem("duplicate_indicator", {"id": iid, "other": str(seen[iid])}, where))
                    continue
                seen[iid] = where
                if isinstance(raw.get("printed_id"), str):
                    printed.append((raw["printed_id"], iid, idoc.at((iid, "printed_id"))))
                # A block with structural problems is still compiled as far as
                # it goes, so that its conditions are checked too; it is
                # never turned into an indicator.
                sound = not block_problems
                category = raw.get("category")
                if category_ids is not None and isinstance(category, str) and category not in category_ids:
                    hint = did_you_mean(category, category_ids)
                    self.problems.append(Problem("unknown_category", {"id": iid, "category": category, "hint": hint}, idoc.at((iid, "category"))))
                    sound = False
                indicator = self._indicator(idoc, iid, raw, sound)
                if indicator is not None:
                    indicators[iid] = indicator
        self._printed_codes(printed, seen)
        return indicators

    def _printed_codes(self, printed: list[tuple[str, str, Location]], ids: dict[str, Location]) -> None:
        """A data file that gives a misprinted code is told the indicator it
        stands for, so a code must stand for one indicator, and not be the
        id of one (which a data file giving it then means)."""
        first: dict[str, str] = {}
        for code, iid, where in printed:
            if code in ids:
                self.problems.append(Problem("printed_id_is_an_id", {"id": iid, "printed": code, "other": str(ids[code])}, where))
            elif code in first:
                self.problems.append(Problem("printed_id_twice", {"id": first[code], "printed": code, "other": iid}, where))
            else:
                first[code] = iid

    # -- one indicator ---------------------------------------------------
    def _indicator(self, doc: Located, iid: str, raw: dict, sound: bool) -> Indicator | None:
        before = len(self.problems)
        raw_inputs = raw.get("inputs")
        if not isinstance(raw_inputs, dict):
            return None  # reported by the schema; every name would be unknown
        inputs: dict[str, InputSpec] = {}
        broken: set[str] = set()
        for name, spec in raw_inputs.items():
            if not self._name_ok(doc, (iid, "inputs", name), name):
                broken.add(str(name))
                continue
            usable = self._input(doc, iid, name, spec) if _input_usable(spec) else None
            if usable is None:
                broken.add(str(name))
            else:
                inputs[name] = usable
        symbols = {n: Symbol(n, s.vtype, s.name_words()) for n, s in inputs.items()}
        raw_measures: dict = raw["measures"] if isinstance(raw.get("measures"), dict) else {}
        measures = self._measures(doc, iid, raw_measures, symbols, broken)
        raw_tiers = by_level(raw.get("tiers"))
        tiers: dict[int, Expression] = {}
        scope = Scope(iid, symbols, broken=frozenset(broken))
        broken_tiers: set[int] = set()
        for level, (key, text) in sorted(raw_tiers.items()):
            scope.broken_tiers = frozenset(broken_tiers)
            expr = None
            if isinstance(text, str):
                expr = self._expression(doc, (iid, "tiers", key), text, scope, level=level, boolean=True)
            if expr is None:
                broken_tiers.add(level)
                continue
            tiers[level] = expr
            scope.tiers[level] = expr.compiled
        raw_weights = by_level(raw.get("weights"))
        given_weights = {level: _number(v) for level, (_, v) in raw_weights.items() if _is_number(v)}
        if raw_tiers and not raw_weights:
            self.problems.append(Problem("weights_missing", {"id": iid}, doc.key_at((iid, "tiers"))))
        deduction = None
        if "deduction" in raw:
            if isinstance(raw["deduction"], str):
                deduction = self._expression(doc, (iid, "deduction"), raw["deduction"], Scope(iid, symbols, broken=frozenset(broken)), numeric=True)
        elif not raw.get("tiers"):
            self.problems.append(Problem("missing_key", {"key": "tiers", "where": iid}, doc.key_at((iid,))))
        constraints = []
        raw_constraints: list = raw["constraints"] if isinstance(raw.get("constraints"), list) else []
        for i, c in enumerate(raw_constraints):
            if not (isinstance(c, dict) and isinstance(c.get("expr"), str)):
                continue
            expr = self._expression(doc, (iid, "constraints", i, "expr"), c["expr"], Scope(iid, symbols, broken=frozenset(broken)), boolean=True)
            if expr is not None and isinstance(c.get("message"), str):
                constraints.append(Constraint(expr, c["message"], c.get("message_en")))
        if not sound or any(p.severity == "error" for p in self.problems[before:]):
            return None
        # A tier without a weight scores 0 and a weight without a tier is
        # ignored; `zhibiao check` warns about both (checker.py).
        weights = {level: given_weights.get(level, Decimal(0)) for level in tiers}
        return Indicator(
            id=iid,
            name=raw["name"],
            name_en=raw.get("name_en"),
            category=raw["category"],
            leading=bool(raw.get("leading", False)),
            nested=raw.get("nested", True) is not False,
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
            declared_weights=given_weights,
            tier_keys={level: doc.key_at((iid, "tiers", key)) for level, (key, _) in raw_tiers.items()},
            weight_keys={level: doc.key_at((iid, "weights", key)) for level, (key, _) in raw_weights.items()},
            weight_values={level: doc.at((iid, "weights", key)) for level, (key, _) in raw_weights.items()},
        )

    def _name_ok(self, doc: Located, path: tuple, name: Any) -> bool:
        """Whether conditions can refer to ``name``; if not, say why where it
        is declared (a condition would read ``5g_coverage`` as 5 g_coverage)."""
        why = name_problem(name)
        if why is not None:
            self.problems.append(Problem("bad_name", {"name": name, "why": why}, doc.key_at(path)))
        return why is None

    def _input(self, doc: Located, iid: str, name: str, spec: dict) -> InputSpec | None:
        """The input, or None (with the problem reported) when conditions cannot use it."""
        kind = spec["type"]
        unit = spec.get("unit") if isinstance(spec.get("unit"), str) else None
        raw_values: list = spec["values"] if isinstance(spec.get("values"), list) else []
        # A value is its name, or {name, label, label_en}: what data files and
        # reports call it (a data file may give either label or the name).
        values = tuple(str(v["name"]) if isinstance(v, dict) else str(v) for v in raw_values)
        value_labels = tuple(
            Bilingual(str(v.get("label") or v["name"]), v.get("label_en")) if isinstance(v, dict) else Bilingual(str(v), None)
            for v in raw_values
        )
        where = doc.key_at((iid, "inputs", name))
        if kind == "enum" and not values:
            self.problems.append(Problem("missing_key", {"key": "values", "where": f"{iid}.inputs.{name}"}, where))
            return None
        if kind != "enum" and values:
            self.problems.append(Problem("bad_value", {"key": f"{iid}.inputs.{name}.values", "got": list(values), "why": Msg(N_("only an enum input lists values"))}, doc.at((iid, "inputs", name, "values"))))
        if unit and kind != "number":
            self.problems.append(Problem("bad_value", {"key": f"{iid}.inputs.{name}.unit", "got": unit, "why": Msg(N_("only a number input has a unit"))}, doc.at((iid, "inputs", name, "unit"))))
        yes_no = self._yes_no(doc, (iid, "inputs", name), spec, kind, values)
        bounds = spec.get("range")
        lo, hi = bounds if isinstance(bounds, list) and len(bounds) == 2 else (None, None)
        label_en = spec.get("label_en")
        description = spec.get("description")
        return InputSpec(
            name=name,
            vtype=VType(kind, unit=unit if kind == "number" else None, values=values, labels=value_labels, yes_no=yes_no),
            label=spec["label"],
            label_en=label_en if isinstance(label_en, str) else None,
            description=description if isinstance(description, str) else None,
            minimum=_dec(lo),
            maximum=_dec(hi),
            exclusive_min=spec.get("exclusive_min") is True,
            where=where,
        )

    def _yes_no(self, doc: Located, path: tuple, spec: dict, kind: str, values: tuple[str, ...]) -> tuple[str, str] | None:
        """What a yes and a no answer stand for (``yes_means``/``no_means``),
        when an enum input declares both and both name its values."""
        given = {key: spec[key] for key in ("yes_means", "no_means") if key in spec}
        if not given:
            return None
        where = ".".join(map(str, path))
        if kind != "enum":
            for key in given:
                self.problems.append(Problem("bad_value", {"key": f"{where}.{key}", "got": echo_repr(given[key]), "why": Msg(
                    N_("only an enum input says which of its values a yes or a no stands for"))}, doc.at((*path, key))))
            return None
        ok = True
        for key in ("yes_means", "no_means"):
            if key not in given:
                self.problems.append(Problem("missing_key", {"key": key, "where": where}, doc.key_at((*path, next(iter(given))))))
                ok = False
            elif not isinstance(given[key], str):
                ok = False  # the schema said what it should be
            elif given[key] not in values:
                self.problems.append(Problem("bad_value", {"key": f"{where}.{key}", "got": echo_repr(given[key]), "why": Msg(
                    N_("not one of the input's values %(values)s%(hint)s"), values=Joined(values),
                    hint=did_you_mean(given[key], values))}, doc.at((*path, key))))
                ok = False
        if ok and given["yes_means"] == given["no_means"]:
            self.problems.append(Problem("bad_value", {"key": f"{where}.no_means", "got": echo_repr(given["no_means"]), "why": Msg(
                N_("a yes and a no cannot stand for the same value"))}, doc.at((*path, "no_means"))))
            ok = False
        return (given["yes_means"], given["no_means"]) if ok else None

    def _measures(self, doc: Located, iid: str, raw: dict, symbols: dict[str, Symbol], broken: set[str]) -> dict[str, Measure]:
        """Compile the measures in dependency order. Adds each measure that
        fails to ``broken`` (its own error is reported here)."""
        trees: dict[str, ast.Node] = {}
        for name, spec in raw.items():
            if not _measure_usable(spec):
                broken.add(str(name))
                continue
            if not self._name_ok(doc, (iid, "measures", name), name):
                broken.add(str(name))
                continue
            if name in symbols:
                self.problems.append(Problem("measure_shadows_input", {"id": iid, "name": name}, doc.key_at((iid, "measures", name))))
                broken.add(str(name))
                continue
            try:
                trees[name] = parse(spec["expr"], doc.source((iid, "measures", name, "expr")))
            except ConditionError as e:
                self.problems += e.problems
                broken.add(str(name))
        # Measures may use each other: order them, refusing cycles.
        deps = {n: {x.name for x in ast.walk(t) if isinstance(x, ast.Name) and x.name in trees} for n, t in trees.items()}
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
                visit(d, trail + [n])
            state[n] = 2
            order.append(n)

        try:
            for n in trees:
                visit(n, [])
        except _Cycle:
            broken.update(trees)
            return {}
        measures: dict[str, Measure] = {}
        for name in order:
            spec = raw[name]
            declared = VType(spec["type"], unit=spec.get("unit") if isinstance(spec.get("unit"), str) else None)
            scope = Scope(iid, symbols, broken=frozenset(broken))
            expr = self._expression(doc, (iid, "measures", name, "expr"), spec["expr"], scope, numeric=True, tree=trees[name])
            if expr is None:
                broken.add(name)
                continue
            got = expr.compiled.vtype
            if not (got == declared or got.kind == "plain" or (got.kind == declared.kind == "number" and got.unit is None)):
                self.problems.append(Problem("measure_type", {"name": name, "declared": declared.describe(), "got": got.describe()}, expr.where))
                broken.add(name)
                continue
            measures[name] = Measure(name, declared, spec["label"], spec.get("label_en"), expr)
            symbols[name] = Symbol(name, declared, measures[name].labels())
        return measures

    def _expression(self, doc: Located, path: tuple, text: str, scope: Scope, level: int | None = None,
                    boolean: bool = False, numeric: bool = False, tree: ast.Node | None = None) -> Expression | None:
        where = doc.at(path)
        # A multi-line condition maps its columns back through the file.
        scope.where, scope.text, scope.level = doc.source(path), text, level
        try:
            node = tree if tree is not None else parse(text, scope.where)
            compiled = compile_condition(node, scope)
        except ConditionError as e:
            self.problems += e.problems
            return None
        if boolean and compiled.vtype.kind != "bool":
            self.problems.append(Problem("not_boolean", {"what": Msg(N_("a tier condition")), "type": compiled.vtype.describe()}, where))
            return None
        if numeric and not compiled.vtype.numeric:
            self.problems.append(Problem("not_numeric", {"what": Msg(N_("a formula")), "type": compiled.vtype.describe()}, where))
            return None
        return Expression(text, node, compiled, where, ast.canonical(node))


class _Cycle(Exception):
    pass
