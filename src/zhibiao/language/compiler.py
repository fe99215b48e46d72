"""Check and compile a condition's syntax tree into Python closures.

Each node becomes three closures built once per rule set: ``value(env)`` for
evaluation, ``partial(env)`` for evaluation with inputs missing from ``env``
(three-valued: a value, or ``UNKNOWN`` when the missing inputs decide it; see
``zhibiao.language.unknown``) and ``explain(env)`` for the rationale tree
(``zhibiao.language.trace``), which tolerates missing inputs the same way.
The complete-data path stays free of unknown checks.
Rule text never becomes Python source: closures only capture names the rules
declared and Decimal literals, and ``env`` is a plain dict of input values.
Type checking happens here too, so a rule that compiles makes sense.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from zhibiao.errors import ConditionError, EvaluationUndefined, Location, Problem
from zhibiao.language import ast
from zhibiao.language.positions import caret, offset
from zhibiao.language.trace import ExArith, ExCall, ExCompare, ExLogic, ExNeg, ExNot, ExTier, ExValue, outcome
from zhibiao.language.types import BOOL, COUNT, PLAIN, VType
from zhibiao.language.unknown import UNKNOWN, kleene_and, kleene_not, kleene_or, known
from zhibiao.suggest import did_you_mean
from zhibiao.words import N_, Bilingual, Joined, Msg
from zhibiao.yamlpos import SourceMap

Env = dict[str, Any]

COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
FUNCTIONS = ("mean", "sum", "min", "max", "count", "tier")


@dataclass(frozen=True)
class Compiled:
    value: Callable[[Env], Any]
    explain: Callable[[Env], Any]
    partial: Callable[[Env], Any]
    vtype: VType
    names: frozenset[str] = frozenset()  # inputs and measures it reads
    tiers: frozenset[int] = frozenset()  # tiers it refers to with tier(n)
    # How a whole condition was compiled (its tree and scope): closures do
    # not pickle, so a pickled rule set carries this and compiles again when
    # it is read back (the on-disk cache, a process pool's workers).
    recipe: tuple[ast.Node, Scope] | None = field(default=None, compare=False, repr=False)
    # What a comparison needs to fuse its sides into one closure: the input
    # a node reads as it is (``key``), or the literal it is (``constant``, a
    # 1-tuple, since a literal may be None-like).
    key: str | None = field(default=None, compare=False, repr=False)
    constant: tuple[Any] | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[Callable[..., Compiled], tuple[ast.Node, Scope]]:
        if self.recipe is None:
            raise TypeError("only a whole compiled condition can be pickled")
        return compile_condition, self.recipe


@dataclass
class Symbol:
    name: str
    vtype: VType
    label: Bilingual


@dataclass
class Scope:
    """What a condition may refer to: one indicator's inputs and measures."""

    indicator: str
    symbols: dict[str, Symbol]
    tiers: dict[int, Compiled] = field(default_factory=dict)
    level: int | None = None  # set when compiling tier ``level``
    where: Location | SourceMap | None = None
    text: str = ""
    # Names and tiers that exist but failed to load: their own error is
    # already reported, so a reference to them must not add a second one.
    broken: frozenset[str] = frozenset()
    broken_tiers: frozenset[int] = frozenset()


class _AlreadyReported(ConditionError):
    """A reference to something whose own error is already reported."""

    def __init__(self) -> None:
        super().__init__([])


def _fail(where: Scope, node: ast.Node, code: str, /, **params: Any) -> ConditionError:
    loc = offset(where.where, node.line, node.column)
    return ConditionError(Problem(code, params, loc, "error", caret(where.text, node.line, node.column)))




def compile_condition(node: ast.Node, scope: Scope) -> Compiled:
    compiled = _Compiler(scope).compile(node)
    # The loader goes on adding symbols and tiers to ``scope``: the recipe
    # keeps what this condition could see.
    recipe = (node, replace(scope, symbols=dict(scope.symbols), tiers=dict(scope.tiers)))
    return replace(compiled, recipe=recipe)


class _Compiler:
    def __init__(self, scope: Scope):
        self.scope = scope

    def compile(self, node: ast.Node, expect_enum: Symbol | None = None) -> Compiled:
        method = getattr(self, "_" + type(node).__name__.lower())
        if isinstance(node, ast.Name):
            return method(node, expect_enum)
        return method(node)

    # -- leaves ----------------------------------------------------------
    def _number(self, node: ast.Number) -> Compiled:
        if node.percent:
            vtype = VType("percent")
        elif node.unit:
            vtype = VType("number", unit=node.unit)
        else:
            vtype = PLAIN
        value = node.value
        ex = ExValue(None, node.text, None, value, vtype)
        return Compiled(lambda env: value, lambda env: ex, lambda env: value, vtype, constant=(value,))

    def _name(self, node: ast.Name, expect_enum: Symbol | None = None) -> Compiled:
        """``expect_enum`` is the enum input this name is compared with, if any:
        then a bare name is one of its values."""
        name = node.name
        sym = self.scope.symbols.get(name)
        if sym is None:
            if name in self.scope.broken:
                raise _AlreadyReported()
            if expect_enum is not None and name in expect_enum.vtype.values:
                enum_type = expect_enum.vtype
                ex = ExValue(None, name, None, name, enum_type)
                return Compiled(lambda env: name, lambda env: ex, lambda env: name, enum_type, constant=(name,))
            if expect_enum is not None:
                values = expect_enum.vtype.values
                raise _fail(
                    self.scope, node, "enum_value", value=name, name=expect_enum.name,
                    allowed=Joined(values),
                )
            if name in ("true", "false", "是", "否"):
                value = name in ("true", "是")
                ex = ExValue(None, name, None, value, BOOL)
                return Compiled(lambda env: value, lambda env: ex, lambda env: value, BOOL, constant=(value,))
            raise _fail(
                self.scope, node, "unknown_name", name=name,
                scope=Msg(N_("indicator %(id)s"), id=self.scope.indicator),
                hint=did_you_mean(name, self.scope.symbols),
            )
        vtype, label = sym.vtype, sym.label

        def explain(env: Env) -> ExValue:
            return ExValue(name, None, label, env.get(name, UNKNOWN), vtype)

        return Compiled(lambda env: env[name], explain, lambda env: env.get(name, UNKNOWN), vtype, frozenset([name]),
                        key=name)

    # -- arithmetic ------------------------------------------------------
    def _arith_type(self, node: ast.Node, op: str, a: VType, b: VType) -> VType:
        for t in (a, b):
            if not t.numeric:
                raise _fail(self.scope, node, "not_numeric", what=Msg(N_("an operand of arithmetic")), type=t.describe())
        if op in "+-":
            if a.kind == "plain":
                return b
            if b.kind == "plain" or a == b:
                return a
            if a.kind == b.kind == "number" and (a.unit is None or b.unit is None):
                return a if a.unit else b
            raise _fail(self.scope, node, "type_mismatch", left=a.describe(), right=b.describe(),
                        action=Msg(N_("added or subtracted")))
        if op == "*":
            if a.kind == "plain":
                return b
            if b.kind == "plain":
                return a
            return PLAIN
        # Division: a count over a total is a rate; X / X is a ratio.
        if b.kind == "plain" and a.kind not in ("count", "rank"):
            return a
        return PLAIN

    def _binop(self, node: ast.BinOp) -> Compiled:
        left, right = self.compile(node.left), self.compile(node.right)
        vtype = self._arith_type(node, node.op, left.vtype, right.vtype)
        lv, rv, op = left.value, right.value, node.op
        zero = _zero_divisor_params(node.right, self.scope)

        apply: Callable[[Any, Any], Any]
        if op == "/":
            def divide(a: Any, d: Any) -> Any:
                if d == 0:
                    raise EvaluationUndefined("zero_divisor", **zero)
                return a / d
            apply = divide
        else:
            apply = {"+": operator.add, "-": operator.sub, "*": operator.mul}[op]

        def value(env: Env) -> Any:
            return apply(lv(env), rv(env))

        def either(a: Any, b: Any) -> Any:
            # A known zero divisor is undefined whatever the dividend is.
            if op == "/" and b is not UNKNOWN and b == 0:
                raise EvaluationUndefined("zero_divisor", **zero)
            return apply(a, b) if known(a, b) else UNKNOWN

        lp, rp = left.partial, right.partial

        def partial(env: Env) -> Any:
            return either(lp(env), rp(env))

        le, re_ = left.explain, right.explain

        def explain(env: Env) -> ExArith:
            a, b = le(env), re_(env)
            return ExArith(op, a, b, either(a.value, b.value), vtype)

        return Compiled(value, explain, partial, vtype, left.names | right.names, left.tiers | right.tiers)

    def _neg(self, node: ast.Neg) -> Compiled:
        inner = self.compile(node.operand)
        if not inner.vtype.numeric:
            raise _fail(self.scope, node, "not_numeric", what=Msg(N_("the operand of '-'")), type=inner.vtype.describe())
        iv, ie, ip, vtype = inner.value, inner.explain, inner.partial, inner.vtype

        def negate(x: Any) -> Any:
            return UNKNOWN if x is UNKNOWN else -x

        def explain(env: Env) -> ExNeg:
            inner_ex = ie(env)
            return ExNeg(inner_ex, negate(inner_ex.value), vtype)

        return Compiled(lambda env: -iv(env), explain, lambda env: negate(ip(env)), vtype, inner.names, inner.tiers)

    def _call(self, node: ast.Call) -> Compiled:
        func = node.func
        if func not in FUNCTIONS:
            raise _fail(self.scope, node, "unknown_function", name=func, allowed=", ".join(FUNCTIONS), hint=did_you_mean(func, FUNCTIONS))
        if func == "tier":
            return self._tier_ref(node)
        if not node.args:
            raise _fail(self.scope, node, "bad_arity", name=func)
        args = [self.compile(a) for a in node.args]
        if func == "count":
            for a, arg in zip(node.args, args):
                if arg.vtype.kind != "bool":
                    raise _fail(self.scope, a, "not_boolean", what=Msg(N_("an argument of count()")), type=arg.vtype.describe())
            vtype = COUNT
        else:
            vtype = args[0].vtype
            for a, arg in zip(node.args[1:], args[1:]):
                vtype = self._arith_type(a, "+", vtype, arg.vtype)
        fns = [a.value for a in args]
        n = Decimal(len(fns))
        apply: Callable[[list[Any]], Any] = {  # type: ignore[assignment]  # min/max are overloaded builtins
            "count": lambda values: Decimal(sum(1 for v in values if v)),
            "mean": lambda values: sum(values, Decimal(0)) / n,
            "sum": lambda values: sum(values, Decimal(0)),
            "min": min,
            "max": max,
        }[func]

        def value(env: Env) -> Any:
            return apply([f(env) for f in fns])

        def apply_known(values: list[Any]) -> Any:
            return apply(values) if known(*values) else UNKNOWN

        pfns = [a.partial for a in args]

        def partial(env: Env) -> Any:
            return apply_known([f(env) for f in pfns])

        exs = [a.explain for a in args]

        def explain(env: Env) -> ExCall:
            parts = tuple(e(env) for e in exs)
            return ExCall(func, parts, apply_known([outcome(p) for p in parts]), vtype)

        names = frozenset().union(*(a.names for a in args))
        tiers = frozenset().union(*(a.tiers for a in args))
        return Compiled(value, explain, partial, vtype, names, tiers)

    def _tier_ref(self, node: ast.Call) -> Compiled:
        scope = self.scope
        if scope.level is None:
            raise _fail(scope, node, "tier_ref_outside")
        arg = node.args[0] if len(node.args) == 1 else None
        if not (isinstance(arg, ast.Number) and not arg.percent and not arg.unit
                and arg.value == arg.value.to_integral_value() and 1 <= arg.value <= 5):
            raise _fail(scope, node, "tier_ref_arg")
        level = int(arg.value)
        if level >= scope.level:
            raise _fail(scope, node, "tier_ref_not_lower", tier=scope.level, n=level)
        target = scope.tiers.get(level)
        if target is None and level in scope.broken_tiers:
            raise _AlreadyReported()
        if target is None:
            raise _fail(scope, node, "tier_ref_absent", n=level)
        tv, te = target.value, target.explain

        def explain(env: Env) -> ExTier:
            inner = te(env)
            ok = outcome(inner)
            return ExTier(level, inner, ok if ok is UNKNOWN else bool(ok))

        return Compiled(tv, explain, target.partial, BOOL, target.names, target.tiers | {level})

    # -- comparisons and logic ------------------------------------------
    def _compare(self, node: ast.Compare) -> Compiled:
        operands = list(node.operands)
        compiled: list[Compiled] = []
        for i, operand in enumerate(operands):
            # A bare name that is not a symbol may be a value of a neighbouring enum.
            neighbours = [operands[j] for j in (i - 1, i + 1) if 0 <= j < len(operands)]
            enum = None
            if isinstance(operand, ast.Name) and operand.name not in self.scope.symbols:
                for nb in neighbours:
                    if isinstance(nb, ast.Name) and nb.name in self.scope.symbols:
                        if self.scope.symbols[nb.name].vtype.kind == "enum":
                            enum = self.scope.symbols[nb.name]
            compiled.append(self.compile(operand, enum))
        pairs = []
        for i, op in enumerate(node.ops):
            a, b = compiled[i], compiled[i + 1]
            self._check_comparable(node, operands[i], operands[i + 1], a.vtype, b.vtype, op)
            pairs.append(self._pair(op, a, b, operands[i], operands[i + 1]))
        if len(pairs) == 1:
            return pairs[0]
        return self._logic("and", pairs)

    def _check_comparable(self, node, na, nb, a: VType, b: VType, op: str) -> None:
        if a.kind == "bool" or b.kind == "bool":
            if a.kind != b.kind or op not in ("==", "!="):
                raise _fail(self.scope, node, "type_mismatch", left=a.describe(), right=b.describe(),
                            action=Msg(N_("compared with %(op)s"), op=op))
            return
        if a.kind == "enum" or b.kind == "enum":
            if a != b:
                raise _fail(self.scope, node, "type_mismatch", left=a.describe(), right=b.describe(),
                            action=Msg(N_("compared")))
            return
        # Each pass looks at one side as a literal ``n`` of type ``t`` against ``other``.
        for t, other, n in ((a, b, na), (b, a, nb)):
            if t.kind == "plain" and other.kind == "percent" and isinstance(n, ast.Number) and n.value != 0:
                name = na.name if isinstance(na, ast.Name) else (nb.name if isinstance(nb, ast.Name) else "?")
                points = n.value * 100 if abs(n.value) < 1 else n.value
                raise _fail(self.scope, n, "percent_needs_percent", name=name, suggest=f"{points.normalize():f}%")
        for t, other, n in ((a, b, na), (b, a, nb)):
            if t.kind == "number" and t.unit and isinstance(n, ast.Number) and n.unit:
                if other.kind != "number" and other.kind != "plain":
                    raise _fail(self.scope, n, "unit_on_non_number", unit=t.unit, other=other.describe())
                if other.kind == "number" and other.unit and other.unit != t.unit:
                    name = na.name if isinstance(na, ast.Name) else (nb.name if isinstance(nb, ast.Name) else "?")
                    raise _fail(self.scope, n, "unit_mismatch", name=name, expected=other.unit, got=t.unit)
        if a.kind == "plain" or b.kind == "plain" or a == b:
            return
        if a.kind == b.kind == "number" and (a.unit is None or b.unit is None):
            return
        raise _fail(self.scope, node, "type_mismatch", left=a.describe(), right=b.describe(),
                    action=Msg(N_("compared")))

    def _pair(self, op: str, a: Compiled, b: Compiled, na: ast.Node, nb: ast.Node) -> Compiled:
        av, bv = a.value, b.value
        vtype = a.vtype if a.vtype.kind != "plain" else b.vtype
        cmp = COMPARE[op]
        if vtype.kind == "enum":
            order = {v: i for i, v in enumerate(vtype.values)}

            def test(x: Any, y: Any) -> bool:
                return cmp(order[x], order[y])
        else:
            test = cmp  # type: ignore[assignment]  # same signature, a builtin

        value = _fused(op, a, b) if vtype.kind != "enum" else None
        if value is None:
            def value(env: Env) -> bool:
                return test(av(env), bv(env))

        ap, bp = a.partial, b.partial

        def partial(env: Env) -> Any:
            x, y = ap(env), bp(env)
            return test(x, y) if known(x, y) else UNKNOWN

        ae, be = a.explain, b.explain
        gap_type = vtype if vtype.numeric else None
        ordered = gap_type is not None and op not in ("==", "!=")

        def explain(env: Env) -> ExCompare:
            left, right = ae(env), be(env)
            lv, rv = outcome(left), outcome(right)
            if lv is UNKNOWN or rv is UNKNOWN:
                return ExCompare(left, op, right, UNKNOWN, None, gap_type)
            ok = test(lv, rv)
            return ExCompare(left, op, right, ok, abs(lv - rv) if not ok and ordered else None, gap_type)

        if a.key is not None and b.constant is not None:
            # An input against a literal: the literal's node is the same for every city.
            right_ex, c = be({}), b.constant[0]

            def explain(env: Env) -> ExCompare:
                left = ae(env)
                lv = left.value
                if lv is UNKNOWN:
                    return ExCompare(left, op, right_ex, UNKNOWN, None, gap_type)
                ok = test(lv, c)
                return ExCompare(left, op, right_ex, ok, abs(lv - c) if not ok and ordered else None, gap_type)

        return Compiled(value, explain, partial, BOOL, a.names | b.names, a.tiers | b.tiers)

    def _require_bool(self, node: ast.Node, c: Compiled, what: Msg) -> None:
        if c.vtype.kind != "bool":
            raise _fail(self.scope, node, "not_boolean", what=what, type=c.vtype.describe())

    def _and(self, node: ast.And) -> Compiled:
        items = [self.compile(i) for i in node.items]
        for n, c in zip(node.items, items):
            self._require_bool(n, c, Msg(N_("each side of and/且")))
        return self._logic("and", items)

    def _or(self, node: ast.Or) -> Compiled:
        items = [self.compile(i) for i in node.items]
        for n, c in zip(node.items, items):
            self._require_bool(n, c, Msg(N_("each side of or/或")))
        return self._logic("or", items)

    def _logic(self, op: str, items: list[Compiled]) -> Compiled:
        fns = [i.value for i in items]
        pfns = [i.partial for i in items]
        exs = [i.explain for i in items]
        # Loops rather than all()/any() over a generator: these run for every
        # tier of every city.
        if op == "and":
            def value(env: Env) -> bool:
                for f in fns:
                    if not f(env):
                        return False
                return True
        else:
            def value(env: Env) -> bool:
                for f in fns:
                    if f(env):
                        return True
                return False

        combine = kleene_and if op == "and" else kleene_or

        def partial(env: Env) -> Any:
            return combine(f(env) for f in pfns)

        def explain(env: Env) -> ExLogic:
            parts = tuple(e(env) for e in exs)
            return ExLogic(op, parts, combine(outcome(p) for p in parts))

        names = frozenset().union(*(i.names for i in items))
        tiers = frozenset().union(*(i.tiers for i in items))
        return Compiled(value, explain, partial, BOOL, names, tiers)

    def _not(self, node: ast.Not) -> Compiled:
        inner = self.compile(node.operand)
        self._require_bool(node.operand, inner, Msg(N_("the operand of not/非")))
        iv, ie, ip = inner.value, inner.explain, inner.partial

        def explain(env: Env) -> ExNot:
            inner_ex = ie(env)
            return ExNot(inner_ex, kleene_not(outcome(inner_ex)))

        return Compiled(lambda env: not iv(env), explain, lambda env: kleene_not(ip(env)), BOOL, inner.names, inner.tiers)


# A comparison of an input with a literal, the commonest test of all, as one
# closure instead of three (each side's and the comparison's).
_INPUT_VS_LITERAL: dict[str, Callable[[str, Any], Callable[[Env], bool]]] = {
    ">=": lambda k, c: lambda env: env[k] >= c,
    ">": lambda k, c: lambda env: env[k] > c,
    "<=": lambda k, c: lambda env: env[k] <= c,
    "<": lambda k, c: lambda env: env[k] < c,
    "==": lambda k, c: lambda env: env[k] == c,
    "!=": lambda k, c: lambda env: env[k] != c,
}
# The same test with its sides swapped: 80% <= rate is rate >= 80%.
_MIRRORED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


def _fused(op: str, a: Compiled, b: Compiled) -> Callable[[Env], bool] | None:
    if a.key is not None and b.constant is not None:
        return _INPUT_VS_LITERAL[op](a.key, b.constant[0])
    if a.constant is not None and b.key is not None:
        return _INPUT_VS_LITERAL[_MIRRORED[op]](b.key, a.constant[0])
    return None


def _zero_divisor_params(divisor: ast.Node, scope: Scope) -> dict[str, Any]:
    if isinstance(divisor, ast.Name) and divisor.name in scope.symbols:
        return {"label": scope.symbols[divisor.name].label}
    return {"label": Msg(N_("the divisor"))}
