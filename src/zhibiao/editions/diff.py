"""Compare two editions of a standard: what changed in the rules.

The result is a list of change objects, no text (templates phrase them).
Indicators are matched by id, or by the id an indicator of the newer edition
declares it ``replaces``, so a renumbering is one move and not a removal plus
an addition. Conditions are compared as syntax trees with positions and
spelling stripped: ``and``/``且``, ``>=``/``≥``, ``80%``/``80.0%``/``80％``,
the order of conjuncts and of YAML keys make no difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zhibiao.language import ast
from zhibiao.ruleset.model import Edition, Indicator

# Sections of a change log, in the order a reader wants them.
SECTIONS = ("metadata", "scoring", "indicators", "tiers", "inputs", "weights", "deductions", "wording")

# Edition fields compared as metadata, in display order.
METADATA_FIELDS = ("id", "code", "title", "title_en", "issued_by", "issued", "effective", "fixture", "description")


@dataclass(frozen=True)
class Step:
    """One semantic difference inside a changed condition.

    kind: ``threshold`` (only the numbers of a comparison changed),
    ``operator`` (only its operators), ``comparison`` (both),
    ``conjunct_added``, ``conjunct_dropped``, or ``rewritten`` (no simpler
    description: old and new condition in full). Nodes carry no positions.
    """

    kind: str
    old: ast.Node | None = None
    new: ast.Node | None = None


@dataclass(frozen=True)
class Change:
    """One change between two editions.

    ``indicator`` is the id in the newer edition (in the older one for a
    removal); ``old_id`` is the older id when they differ. ``name`` names the
    field, input, measure or category concerned; ``old``/``new`` hold plain
    values (str, Decimal, bool, VType, position-free syntax trees).
    """

    kind: str
    section: str
    indicator: str | None = None
    old_id: str | None = None
    level: int | None = None
    name: str | None = None
    old: Any = None
    new: Any = None
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class EditionDiff:
    old: Edition
    new: Edition
    changes: tuple[Change, ...]
    # (old id, new id) for every indicator: matched pairs in the newer
    # edition's order, then (id, None) for removed, (None, id) for added.
    pairs: tuple[tuple[str | None, str | None], ...]

    @property
    def equivalent(self) -> bool:
        return not self.changes

    def section(self, name: str) -> list[Change]:
        return [c for c in self.changes if c.section == name]

    def new_id(self, old_id: str) -> str | None:
        return next((n for o, n in self.pairs if o == old_id), None)

    def old_id(self, new_id: str) -> str | None:
        return next((o for o, n in self.pairs if n == new_id), None)


# -- syntax trees without spelling ------------------------------------------
# Nodes compare without their positions; ast.canonical also sets aside
# spelling and the order of and/or items (shared with evaluation).
canon = ast.canonical
orient = ast.orient


def _literal(node: ast.Node) -> bool:
    return isinstance(node, ast.Number)


def same(a: ast.Node | None, b: ast.Node | None) -> bool:
    if a is None or b is None:
        return a is b
    return canon(a) == canon(b)


def _conjuncts(node: ast.Node) -> list[ast.Node]:
    return list(node.items) if isinstance(node, ast.And) else [node]


def _comparable(a: ast.Node, b: ast.Node) -> bool:
    """Two comparisons of the same quantities that differ only in their
    literal thresholds and operators."""
    if not (isinstance(a, ast.Compare) and isinstance(b, ast.Compare)) or len(a.operands) != len(b.operands):
        return False
    subjects = 0
    for x, y in zip(a.operands, b.operands):
        if _literal(x) and _literal(y):
            continue
        if _literal(x) or _literal(y) or canon(x) != canon(y):
            return False
        subjects += 1
    return subjects > 0


def condition_steps(old: ast.Node, new: ast.Node) -> tuple[Step, ...]:
    """How a condition changed, in the fewest plain steps; () if it did not."""
    if same(old, new):
        return ()
    old_items = [orient(i) for i in _conjuncts(old)]
    new_items = [orient(i) for i in _conjuncts(new)]
    # Conjuncts present on both sides (as a multiset) are unchanged.
    remaining_new = list(new_items)
    dropped: list[ast.Node] = []
    kept = 0
    for item in old_items:
        match = next((n for n in remaining_new if same(n, item)), None)
        if match is None:
            dropped.append(item)
        else:
            remaining_new.remove(match)
            kept += 1
    steps: list[Step] = []
    added = list(remaining_new)
    for item in list(dropped):
        partner = next((n for n in added if _comparable(item, n)), None)
        if partner is None:
            continue
        dropped.remove(item)
        added.remove(partner)
        assert isinstance(item, ast.Compare) and isinstance(partner, ast.Compare)  # as _comparable found them
        numbers_differ = any(_literal(x) and not same(x, y) for x, y in zip(item.operands, partner.operands))
        ops_differ = item.ops != partner.ops
        kind = "comparison" if numbers_differ and ops_differ else ("operator" if ops_differ else "threshold")
        steps.append(Step(kind, item, partner))
    if dropped and added and not kept and not steps:
        # Nothing in common: say what it was and what it is.
        return (Step("rewritten", old, new),)
    steps += [Step("conjunct_dropped", item, None) for item in dropped]
    steps += [Step("conjunct_added", None, item) for item in added]
    return tuple(steps)


# -- text fields --------------------------------------------------------------
_CJK = r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]"


def same_text(a: str | None, b: str | None) -> bool:
    """Wording compared without line breaks and spacing: re-wrapping a
    definition in YAML, or a space YAML folding put between two Chinese
    characters, is not a change."""
    return _squash(a) == _squash(b)


def _squash(text: str | None) -> str:
    text = re.sub(r"\s+", " ", (text or "").strip())
    return re.sub(rf"(?<={_CJK}) | (?={_CJK})", "", text)


# -- the diff -----------------------------------------------------------------
def pair_indicators(old: Edition, new: Edition) -> tuple[tuple[str | None, str | None], ...]:
    """Match indicators: a declared ``replaces`` first, then equal ids.

    ``replaces`` speaks of the edition just before. Compared with an edition
    that already has both ids (the revision with itself, or with a later
    one), matching by id is consistent and the declaration is stale, unless
    the other indicator declares the swap too.
    """
    claimed: dict[str, str] = {}  # old id -> new id
    for nid, ind in new.indicators.items():
        target = ind.replaces
        if not target or target not in old.indicators or target in claimed:
            continue
        stale = nid in old.indicators and target in new.indicators and new.indicators[target].replaces != nid
        if not stale:
            claimed[target] = nid
    matched_new = set(claimed.values())
    for nid in new.indicators:
        if nid not in matched_new and nid in old.indicators and nid not in claimed:
            claimed[nid] = nid
            matched_new.add(nid)
    by_new = {n: o for o, n in claimed.items()}
    pairs: list[tuple[str | None, str | None]] = [(by_new[n], n) for n in new.indicators if n in by_new]
    pairs += [(o, None) for o in old.indicators if o not in claimed]
    pairs += [(None, n) for n in new.indicators if n not in by_new]
    return tuple(pairs)


def diff_editions(old: Edition, new: Edition) -> EditionDiff:
    pairs = pair_indicators(old, new)
    changes: list[Change] = []
    changes += _metadata(old, new)
    changes += _scoring(old, new)
    for old_id, new_id in pairs:
        if old_id is None:
            assert new_id is not None  # a pair has at least one side
            changes.append(Change("indicator_added", "indicators", new_id, new=new.indicators[new_id].category))
        elif new_id is None:
            changes.append(Change("indicator_removed", "indicators", old_id, old=old.indicators[old_id].category))
        else:
            changes += _indicator(old.indicators[old_id], new.indicators[new_id])
    order = {s: i for i, s in enumerate(SECTIONS)}
    # A stable sort keeps indicator order within each section.
    changes.sort(key=lambda c: order[c.section])
    return EditionDiff(old, new, tuple(changes), pairs)


def _metadata(old: Edition, new: Edition) -> list[Change]:
    out = []
    for name in METADATA_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if (isinstance(a, str) or isinstance(b, str)) and same_text(a, b):
            continue
        if a != b:
            out.append(Change("metadata", "metadata", name=name, old=a, new=b))
    if not _same_notes(old.notes, new.notes):
        out.append(Change("edition_notes", "wording", old=old.notes, new=new.notes))
    return out


def _scoring(old: Edition, new: Edition) -> list[Change]:
    out = []
    if old.selection != new.selection:
        out.append(Change("selection", "scoring", old=old.selection, new=new.selection))
    if old.total != new.total:
        out.append(Change("total", "scoring", old=old.total, new=new.total))
    for cid, cat in new.categories.items():
        before = old.categories.get(cid)
        if before is None:
            out.append(Change("category_added", "scoring", name=cid, new=cat.max))
            continue
        if not (same_text(before.name, cat.name) and same_text(before.name_en, cat.name_en)):
            out.append(Change("category_renamed", "scoring", name=cid, old=(before.name, before.name_en), new=(cat.name, cat.name_en)))
        if before.max != cat.max:
            out.append(Change("category_max", "scoring", name=cid, old=before.max, new=cat.max))
    for cid, cat in old.categories.items():
        if cid not in new.categories:
            out.append(Change("category_removed", "scoring", name=cid, old=cat.max))
    return out


def _indicator(a: Indicator, b: Indicator) -> list[Change]:
    iid = b.id
    old_id = a.id if a.id != b.id else None
    out: list[Change] = []

    def add(kind: str, section: str, **kw: Any) -> None:
        out.append(Change(kind, section, iid, old_id, **kw))

    if old_id:
        add("indicator_renumbered", "indicators")
    if a.category != b.category:
        add("indicator_moved", "indicators", old=a.category, new=b.category)
    if not (same_text(a.name, b.name) and same_text(a.name_en, b.name_en)):
        add("indicator_renamed", "indicators", old=(a.name, a.name_en), new=(b.name, b.name_en))
    if a.leading != b.leading:
        add("leading", "indicators", old=a.leading, new=b.leading)
    if a.nested != b.nested:
        add("nested", "indicators", old=a.nested, new=b.nested)
    if a.is_deduction != b.is_deduction:
        add("scoring_kind", "deductions", old="deduction" if a.is_deduction else "tiers", new="deduction" if b.is_deduction else "tiers")

    # inputs
    for name, spec in b.inputs.items():
        before = a.inputs.get(name)
        if before is None:
            add("input_added", "inputs", name=name, new=spec.vtype)
            continue
        if before.vtype != spec.vtype:
            add("input_retyped", "inputs", name=name, old=before.vtype, new=spec.vtype)
        if before.vtype.yes_no != spec.vtype.yes_no:
            add("input_yes_no", "inputs", name=name, old=before.vtype, new=spec.vtype)
        old_range = (before.minimum, before.maximum, before.exclusive_min)
        new_range = (spec.minimum, spec.maximum, spec.exclusive_min)
        if old_range != new_range:
            add("input_range", "inputs", name=name, old=old_range, new=new_range)
        if not (same_text(before.label, spec.label) and same_text(before.label_en, spec.label_en)):
            add("input_relabelled", "wording", name=name, old=(before.label, before.label_en), new=(spec.label, spec.label_en))
        if not same_text(before.description, spec.description):
            add("input_description", "wording", name=name, old=before.description, new=spec.description)
    for name, spec in a.inputs.items():
        if name not in b.inputs:
            add("input_removed", "inputs", name=name, old=spec.vtype)

    # computed measures
    for name, m in b.measures.items():
        was = a.measures.get(name)
        if was is None:
            add("measure_added", "inputs", name=name, new=m.expr.node)
            continue
        if not same(was.expr.node, m.expr.node):
            add("measure_changed", "inputs", name=name, old=was.expr.node, new=m.expr.node)
        if was.vtype != m.vtype:
            add("measure_retyped", "inputs", name=name, old=was.vtype, new=m.vtype)
        if not (same_text(was.label, m.label) and same_text(was.label_en, m.label_en)):
            add("measure_relabelled", "wording", name=name, old=(was.label, was.label_en), new=(m.label, m.label_en))
    for name, m in a.measures.items():
        if name not in b.measures:
            add("measure_removed", "inputs", name=name, old=m.expr.node)

    # data consistency constraints, as a multiset of conditions
    old_c = [c.expr.node for c in a.constraints]
    new_c = [c.expr.node for c in b.constraints]
    for node in new_c:
        match = next((x for x in old_c if same(x, node)), None)
        if match is None:
            add("constraint_added", "inputs", new=node)
        else:
            old_c.remove(match)
    for node in old_c:
        add("constraint_removed", "inputs", old=node)

    # tiers
    for level in sorted(set(a.tiers) | set(b.tiers)):
        ta, tb = a.tiers.get(level), b.tiers.get(level)
        if ta is None:
            assert tb is not None  # the level is one side's
            add("tier_added", "tiers", level=level, new=tb.node)
        elif tb is None:
            add("tier_removed", "tiers", level=level, old=ta.node)
        else:
            steps = condition_steps(ta.node, tb.node)
            if steps:
                add("tier_changed", "tiers", level=level, old=ta.node, new=tb.node, steps=steps)

    # weights per star level
    for level in sorted(set(a.weights) | set(b.weights)):
        wa, wb = a.weights.get(level), b.weights.get(level)
        if wa != wb:
            add("weight", "weights", level=level, old=wa, new=wb)

    # deduction rule
    if a.deduction is not None and b.deduction is not None and not same(a.deduction.node, b.deduction.node):
        add("deduction_changed", "deductions", old=a.deduction.node, new=b.deduction.node)

    # wording
    for name in ("definition", "source", "printed_id"):
        va, vb = getattr(a, name), getattr(b, name)
        if not same_text(va, vb):
            add(name, "wording", old=va, new=vb)
    if not _same_notes(a.notes, b.notes):
        add("notes", "wording", old=a.notes, new=b.notes)
    return out


def _same_notes(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(same_text(x.zh, y.zh) and same_text(x.en, y.en) for x, y in zip(a, b))

