"""`zhibiao diff OLD NEW`: what a revision changes in the rules, and for cities.

The command wires the diff (``zhibiao.editions.diff``) and the impact on data files
(``zhibiao.editions.impact``) to templates. ``Terms`` is the formatting the templates
need to say a change in the rules' own terms: labels instead of input names,
≥ instead of >=, 三星 instead of 3.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from zhibiao.cli.common import add_lang, add_output, dumps, write_output
from zhibiao.editions.diff import Change, EditionDiff, Step, diff_editions, orient
from zhibiao.editions.impact import Impact, Row, Standing, assess
from zhibiao.language import ast
from zhibiao.language.types import VType, format_decimal
from zhibiao.report.render import SYMBOL, render_template
from zhibiao.ruleset.loader import load_edition
from zhibiao.ruleset.model import LEVEL_NAMES, Edition, Indicator


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="compare two editions of a standard (and what it changes for cities)",
        description="Compare two editions of a standard: every change in the rules' own terms, and with --data what "
                    "it changes for each city. Exit status: 0 equivalent, 1 different, 2 errors.",
    )
    p.add_argument("old", metavar="OLD", help="the older edition: a bundled id (see `zhibiao standards`) or an edition folder")
    p.add_argument("new", metavar="NEW", help="the newer edition: a bundled id or an edition folder")
    p.add_argument("--data", nargs="+", metavar="DATA", default=None,
                   help="data file(s) of cities to evaluate under both editions")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="text: readable report; markdown: a change log to circulate; json: change objects")
    add_lang(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    old = load_edition(args.old)
    new = load_edition(args.new)
    diff = diff_editions(old, new)
    impact = assess(diff, args.data) if args.data else None
    if impact is not None:
        for city in impact.failed:
            for _sides, problems in city.failures():
                for p in problems:
                    print(p.render(args.lang), file=sys.stderr)
    if args.format == "json":
        text = dumps(diff_json(diff, impact, args.lang))
    else:
        name = "diff.md.j2" if args.format == "markdown" else "diff.txt.j2"
        text = render_template(name, args.lang, d=diff, impact=impact, t=Terms(diff, args.lang)).rstrip() + "\n"
    write_output(text, args.output)
    if impact is not None and impact.cities and not impact.compared:
        return 2  # not one data file could be read
    if not diff.equivalent or (impact is not None and impact.failed):
        return 1
    return 0


# -- words ------------------------------------------------------------------
_OP_WORDS = {
    "zh": {">=": "达到", ">": "超过", "<=": "不超过", "<": "小于", "==": "等于", "!=": "不等于"},
    "en": {">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "==": "equal to", "!=": "not equal to"},
}
_FUNCS = {
    "zh": {"mean": "平均", "sum": "合计", "min": "最小", "max": "最大", "count": "成立项数"},
    "en": {"mean": "mean", "sum": "sum", "min": "min", "max": "max", "count": "count"},
}
_LOGIC = {"zh": {"and": "且", "or": "或", "not": "非"}, "en": {"and": "and", "or": "or", "not": "not"}}
_ARITH = {"*": "×", "/": "÷", "+": "+", "-": "-"}
_BOOL = {"zh": {True: "是", False: "否"}, "en": {True: "yes", False: "no"}}
_POLICY = {
    "zh": {"highest_passing": "取条件成立的最高星级（较低星级不必同时成立）",
           "cumulative": "逐级累加（某一星级须连同所有较低星级一并成立）"},
    "en": {"highest_passing": "the highest tier whose condition holds (lower tiers need not hold)",
           "cumulative": "cumulative (a tier counts only when every lower tier holds too)"},
}
# Binding strength, so that parentheses appear only where needed.
_PREC = {ast.Or: 1, ast.And: 2, ast.Not: 3, ast.Compare: 4}


def _number(node: ast.Number) -> str:
    if node.percent:
        return format_decimal(node.value * 100, 10) + "%"
    text = format_decimal(node.value, 10)
    return f"{text} {node.unit}" if node.unit else text


def rule_text(node: ast.Node, prec: int = 0) -> str:
    """A condition in the rule language, spelled one way (for JSON)."""
    return _Printer(None, "en", rule=True).text(node, prec)


class _Printer:
    """Print a syntax tree: with labels and symbols for people, or as rule text."""

    def __init__(self, labels: dict[str, str] | None, lang: str, rule: bool = False):
        self.labels = labels or {}
        self.lang = lang
        self.rule = rule

    def text(self, node: ast.Node, prec: int = 0) -> str:
        lang = self.lang
        if isinstance(node, ast.Number):
            return _number(node)
        if isinstance(node, ast.Name):
            if not self.rule and node.name in ("true", "false", "是", "否"):
                return _BOOL[lang][node.name in ("true", "是")]
            return node.name if self.rule else self.labels.get(node.name, node.name)
        if isinstance(node, ast.Call):
            if node.func == "tier" and not self.rule and len(node.args) == 1 and isinstance(node.args[0], ast.Number):
                level = int(node.args[0].value)
                return f"达到{LEVEL_NAMES['zh'][level]}" if lang == "zh" else f"{LEVEL_NAMES['en'][level]} reached"
            func = node.func if self.rule else _FUNCS[lang].get(node.func, node.func)
            sep = ", " if self.rule or lang == "en" else "，"
            return f"{func}(" + sep.join(self.text(a) for a in node.args) + ")"
        if isinstance(node, ast.BinOp):
            p = 6 if node.op in "+-" else 7
            op = node.op if self.rule else _ARITH[node.op]
            right_prec = p + 1 if node.op in "-/" else p
            return self._wrap(f"{self.text(node.left, p)} {op} {self.text(node.right, right_prec)}", p < prec, arith=True)
        if isinstance(node, ast.Neg):
            return "-" + self.text(node.operand, 8)
        if isinstance(node, ast.Compare):
            parts = [self.text(node.operands[0], 5)]
            for op, operand in zip(node.ops, node.operands[1:]):
                parts += [op if self.rule else SYMBOL[op], self.text(operand, 5)]
            return self._wrap(" ".join(parts), 4 < prec)
        if isinstance(node, (ast.And, ast.Or)):
            p = _PREC[type(node)]
            word = ("and" if isinstance(node, ast.And) else "or") if self.rule else _LOGIC[lang]["and" if isinstance(node, ast.And) else "or"]
            return self._wrap(f" {word} ".join(self.text(i, p + 1) for i in node.items), p < prec)
        if isinstance(node, ast.Not):
            word = "not" if self.rule else _LOGIC[lang]["not"]
            return f"{word} " + self.text(node.operand, 3)
        raise TypeError(type(node).__name__)  # pragma: no cover - every node kind is listed

    def _wrap(self, text: str, needed: bool, arith: bool = False) -> str:
        if not needed:
            return text
        if self.lang == "zh" and not self.rule and not arith:
            return f"（{text}）"
        return f"({text})"


class Terms:
    """Formatting helpers for the diff templates, bound to one diff and language."""

    def __init__(self, diff: EditionDiff, lang: str):
        self.diff = diff
        self.lang = lang

    # editions and indicators
    def edition(self, side: str) -> Edition:
        return self.diff.old if side == "old" else self.diff.new

    def indicator(self, iid: str | None, side: str = "new") -> Indicator | None:
        return self.edition(side).indicators.get(iid) if iid else None

    def name(self, iid: str | None, side: str = "new") -> str:
        ind = self.indicator(iid, side)
        return ind.names(self.lang) if ind else ""

    def named(self, iid: str | None, side: str = "new") -> str:
        """``L4P10 5G网络覆盖率``."""
        return f"{iid} {self.name(iid, side)}".strip() if iid else ""

    def old_side(self, change: Change) -> str | None:
        """The indicator's id in the older edition."""
        if change.kind == "indicator_removed":
            return change.indicator
        return change.old_id or change.indicator

    def category(self, cid: str | None, side: str = "new") -> str:
        cat = self.edition(side).categories.get(cid) if cid else None
        return f"{cid} {cat.names(self.lang)}" if cat else (cid or "")

    def level(self, n: int) -> str:
        return LEVEL_NAMES[self.lang][n]

    def title(self, side: str) -> str:
        return self.edition(side).titles(self.lang)

    # values
    def num(self, value: Decimal | None) -> str:
        return "—" if value is None else format_decimal(Decimal(value), 10)

    def points(self, value: Decimal | None) -> str:
        """``0.6 分`` / ``0.6 points``, ``1 point``."""
        if self.lang == "zh":
            return f"{self.num(value)} 分"
        return f"{self.num(value)} point" + ("" if value == 1 else "s")

    def signed(self, value: Decimal | None) -> str:
        if value is None:
            return "—"
        text = format_decimal(abs(Decimal(value)), 10)
        return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")

    def value(self, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool):
            return _BOOL[self.lang][value]
        if isinstance(value, Decimal):
            return self.num(value)
        return str(value)

    def vtype(self, vtype: VType) -> str:
        return vtype.describe()[self.lang]

    def range(self, bounds: tuple) -> str:
        lo, hi, exclusive = bounds
        if lo is None and hi is None:
            return "不限" if self.lang == "zh" else "any"
        left = ("(" if exclusive else "[") + (self.num(lo) if lo is not None else "-∞")
        return f"{left}, {self.num(hi) if hi is not None else '+∞'}]"

    def policy(self, selection: str) -> str:
        return _POLICY[self.lang].get(selection, selection)

    def pair(self, value: tuple) -> str:
        """A (zh, en) pair of names, in the report's language."""
        zh, en = value
        return (en or zh) if self.lang == "en" else zh

    # conditions
    def labels(self, iid: str | None, side: str) -> dict[str, str]:
        ind = self.indicator(iid, side)
        if ind is None:
            return {}
        out = {n: s.labels()[self.lang] for n, s in ind.inputs.items()}
        out.update({n: m.labels()[self.lang] for n, m in ind.measures.items()})
        return out

    def expr(self, node: ast.Node | None, iid: str | None, side: str = "new") -> str:
        if node is None:
            return "—"
        return _Printer(self.labels(iid, side), self.lang).text(node)

    def label(self, iid: str | None, name: str, side: str = "new") -> str:
        return self.labels(iid, side).get(name, name)

    def op_word(self, op: str) -> str:
        return _OP_WORDS[self.lang][op]

    def step(self, change: Change, step: Step) -> str:
        """One step of a changed condition, in the rules' terms."""
        old_id = self.old_side(change)
        if step.kind == "conjunct_added":
            return f"+ {_LOGIC[self.lang]['and']} {self.expr(step.new, change.indicator, 'new')}"
        if step.kind == "conjunct_dropped":
            return f"− {_LOGIC[self.lang]['and']} {self.expr(step.old, old_id, 'old')}"
        if step.kind == "rewritten":
            return f"{self.expr(step.old, old_id, 'old')} → {self.expr(step.new, change.indicator, 'new')}"
        a, b = orient(step.old), orient(step.new)
        simple = len(a.operands) == 2 and isinstance(a.operands[1], ast.Number)
        # Said once when the quantity compared reads the same in both
        # editions; a relabelled or retyped input is named on both sides.
        subject = self.expr(b.operands[0], change.indicator, "new")
        if simple and subject == self.expr(a.operands[0], old_id, "old"):
            text = f"{subject} {SYMBOL[a.ops[0]]} {_number(a.operands[1])} → {SYMBOL[b.ops[0]]} {_number(b.operands[1])}"
        else:
            text = f"{self.expr(a, old_id, 'old')} → {self.expr(b, change.indicator, 'new')}"
        if step.kind in ("operator", "comparison"):
            words = " → ".join(self.op_word(x) for x in (a.ops[0], b.ops[0]))
            text += f"（{words}）" if self.lang == "zh" else f" ({words})"
        return text

    def notes(self, change: Change) -> tuple[list[str], list[str]]:
        """Notes dropped and notes added, in the report's language."""
        old = [n.text(self.lang) for n in change.old]
        new = [n.text(self.lang) for n in change.new]
        return [n for n in old if n not in new], [n for n in new if n not in old]

    def md(self, text: Any) -> str:
        """Text safe inside Markdown (and its tables)."""
        out = str(text)
        for ch in ("\\", "|", "*", "_", "`", "[", "]"):
            out = out.replace(ch, "\\" + ch)
        return out.replace("\n", " ")

    # impact
    def standing(self, s: Standing, row: Row | None = None) -> str:
        zh = self.lang == "zh"
        if s.status == "absent":
            return "—（无此指标）" if zh else "— (no such indicator)"
        if s.status == "not_assessed":
            return "未评估" if zh else "not assessed"
        if s.deduction is not None:
            return f"扣 {self.num(s.deduction)} 分" if zh else f"−{self.num(s.deduction)} points"
        return self.level(s.stars or 0)

    def trend(self, row: Row) -> str:
        return {
            "zh": {"gain": "升", "loss": "降", "lacking": "缺输入", "same": "不变"},
            "en": {"gain": "up", "loss": "down", "lacking": "input missing", "same": "same"},
        }[self.lang][row.trend]

    def row_name(self, row: Row) -> str:
        if row.new_id is None:
            return self.named(row.old_id, "old")
        if row.old_id is not None and row.old_id != row.new_id:
            return f"{row.old_id} → {self.named(row.new_id)}"
        return self.named(row.new_id)

    def inputs(self, iid: str, names: tuple[str, ...] | list[str], not_carried: list | tuple = ()) -> str:
        """Inputs by label and name; those whose value could not be carried
        over because the input changed type say so."""
        zh = self.lang == "zh"
        parts = []
        for n in names:
            note = ""
            if (iid, n) in not_carried:
                note = "，类型已改变，原数据不能沿用" if zh else "; its type changed, so the old value cannot be used"
            parts.append(f"{self.label(iid, n)}（{n}{note}）" if zh else f"{self.label(iid, n)} ({n}{note})")
        return ("、" if zh else ", ").join(parts)

    def count_indicators(self) -> int:
        return len({c.indicator for c in self.diff.changes if c.indicator})


# -- JSON -----------------------------------------------------------------
def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(format_decimal(value, 10))
    if isinstance(value, ast.Node):
        return rule_text(value)
    if isinstance(value, VType):
        return {"kind": value.kind, "unit": value.unit, "values": list(value.values) or None}
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "zh") and hasattr(value, "en"):
        return {"zh": value.zh, "en": value.en}
    return value


def _edition_json(ed: Edition, lang: str) -> dict[str, Any]:
    return {"id": ed.id, "code": ed.code, "title": ed.titles(lang), "issued": ed.issued, "effective": ed.effective,
            "fixture": ed.fixture}


def _standing_json(s: Standing) -> dict[str, Any]:
    return {"status": s.status, "stars": s.stars, "score": _json_value(s.score),
            "deduction": _json_value(s.deduction), "missing": list(s.missing)}


def _change_json(c: Change, terms: Terms) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": c.kind, "section": c.section}
    if c.indicator:
        side = "old" if c.kind == "indicator_removed" else "new"
        out["indicator"] = c.indicator
        out["indicator_name"] = terms.name(c.indicator, side)
    if c.old_id:
        out["old_id"] = c.old_id
    if c.level is not None:
        out["level"] = c.level
    if c.name is not None:
        out["name"] = c.name
    out["old"] = _json_value(c.old)
    out["new"] = _json_value(c.new)
    if c.steps:
        out["steps"] = [{"kind": s.kind, "old": _json_value(s.old), "new": _json_value(s.new), "text": terms.step(c, s)}
                        for s in c.steps]
    return out


def impact_json(impact: Impact, terms: Terms) -> dict[str, Any]:
    cities = []
    for c in impact.cities:
        cities.append({
            "file": c.file,
            "entity": c.entity,
            "period": c.period,
            "read_for": c.read_for,
            "readable": c.ok,
            "problems": {side: [p.to_json(terms.lang) for p in ps] for side, ps in c.failed.items()},
            "old_total": _json_value(c.old_total),
            "new_total": _json_value(c.new_total),
            "delta": _json_value(c.delta),
            "old_complete": c.old_complete,
            "new_complete": c.new_complete,
            "changes": [{"old_id": r.old_id, "new_id": r.new_id, "trend": r.trend,
                         "old": _standing_json(r.old), "new": _standing_json(r.new)} for r in c.rows],
            "lacking": [{"indicator": iid, "inputs": list(names)} for iid, names in c.lacking],
            "not_carried": [{"indicator": iid, "input": name} for iid, name in c.not_carried],
        })
    summary = [{"old_id": s.old_id, "new_id": s.new_id, "gained": s.gained, "lost": s.lost, "lacking": s.lacking,
                "rescored": s.rescored, "same": s.same} for s in impact.summary]
    return {"cities": cities, "summary": summary}


def diff_json(diff: EditionDiff, impact: Impact | None, lang: str) -> dict[str, Any]:
    terms = Terms(diff, lang)
    return {
        "old": _edition_json(diff.old, lang),
        "new": _edition_json(diff.new, lang),
        "equivalent": diff.equivalent,
        "changes": [_change_json(c, terms) for c in diff.changes],
        "impact": impact_json(impact, terms) if impact is not None else None,
    }
