"""An improvement plan in words, and as JSON: what each step changes, why
the steps for a target were chosen, what could not be planned and why."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from zhibiao.evaluation.plan import Plan, Skipped, Step, Target
from zhibiao.language.printer import gap_text
from zhibiao.language.types import format_decimal, format_value
from zhibiao.report.numbers import json_number, num
from zhibiao.ruleset.model import Indicator
from zhibiao.words import N_, say
from zhibiao.words.terms import level


def target_text(t: Target, lang: str) -> str:
    """公交电子站牌覆盖率 4.9% → 5%"""
    return say(lang, N_("%(label)s %(before)s → %(after)s"), label=t.spec.name_words().text(lang),
               before=format_value(t.before, t.spec.vtype, lang), after=format_value(t.after, t.spec.vtype, lang))


def targets_text(step: Step, lang: str) -> str:
    return say(lang, N_("; ")).join(target_text(t, lang) for t in step.targets)


def stars_text(step: Step, lang: str) -> str:
    return say(lang, N_("%(before)s → %(after)s"), before=level(step.from_stars).text(lang), after=level(step.to_stars).text(lang))


def effort_text(step: Step) -> str:
    """Never 0 for a step that changes something (10000 → 10001 enterprises)."""
    return gap_text(step.effort, 3)


def inputs_text(ind: Indicator, names: Sequence[str], lang: str) -> str:
    """Inputs by label and name: 公交电子站牌覆盖率（e_stop_coverage）."""
    return say(lang, N_(", ")).join(say(lang, N_("%(label)s (%(name)s)"), label=ind.inputs[n].labels().text(lang), name=n)
                                    for n in names if n in ind.inputs)


def skipped_text(s: Skipped, lang: str) -> str:
    ind = s.indicator
    inputs = inputs_text(ind, s.names, lang)
    head = say(lang, N_("%(id)s %(name)s"), id=ind.id, name=ind.names(lang))
    if s.reason == "not_assessed":
        if s.names:
            why = say(lang, N_("not assessed; give %(inputs)s first"), inputs=inputs)
        else:
            why = say(lang, N_("not assessed; its data must be corrected first"))
    elif s.reason == "missing":
        why = say(lang, N_("%(level)s needs %(inputs)s, which the data do not give"), level=level(s.level or 0), inputs=inputs)
    elif s.reason == "out_of_range":
        why = say(lang, N_("%(level)s cannot be reached within the inputs' ranges"), level=level(s.level or 0))
    else:
        why = say(lang, N_("%(level)s: the least values that meet it could not be derived"), level=level(s.level or 0))
    return say(lang, N_("%(head)s: %(why)s"), head=head, why=why)


def why_text(plan: Plan, lang: str) -> str:
    """Why these steps: for a target, that no fewer reach it and these take
    the least effort; without one, how the list is ordered."""
    if plan.target is None:
        if not plan.steps:
            return say(lang, N_("No indicator has a next tier that can be planned: nothing is left to raise."))
        return say(lang, N_("Every indicator's next tier that can be planned, ordered by points gained per unit of relative effort."))
    target = num(plan.target)
    if plan.total >= plan.target:
        return say(lang, N_("The total %(total)s already reaches the target %(target)s; no step is needed."),
                   total=num(plan.total), target=target)
    if not plan.reachable:
        return say(lang, N_("The target %(target)s cannot be reached: with every tier that can be planned, the total is "
                            "at most %(most)s. The steps below reach %(reached)s."),
                   target=target, most=num(plan.most), reached=num(plan.reached))
    count = len(plan.steps)
    if count == 1:
        return say(lang, N_("One step reaches the target %(target)s (total %(reached)s); of the steps that do, it takes "
                            "the least relative effort."), target=target, reached=num(plan.reached))
    return say(
        lang, N_("%(num)s steps reach the target %(target)s (total %(reached)s). No fewer can: %(needed)s points are "
                 "needed and the most any %(fewer)s of the indicators add is %(most)s. Of the sets of %(num)s steps that "
                 "reach it, this one takes the least relative effort."),
        num=count, target=target, reached=num(plan.reached), needed=num(plan.needed), fewer=count - 1,
        most=num(plan.fewer_most or Decimal(0)))


def plan_json(plan: Plan, lang: str) -> dict[str, Any]:
    r = plan.result
    return {
        "entity": r.city.entity,
        "period": r.city.period,
        "file": r.city.file,
        "total": json_number(plan.total),
        "target": json_number(plan.target),
        "reached": json_number(plan.reached),
        "reachable": plan.reachable,
        "why": why_text(plan, lang),
        "steps": [
            {
                "indicator": s.indicator.id,
                "name": s.indicator.names(lang),
                "from_stars": s.from_stars,
                "to_stars": s.to_stars,
                "points": json_number(s.points),
                "effort": float(format_decimal(s.effort, 6)),
                "targets": {t.name: t.data_value() for t in s.targets},
                "changes": [target_text(t, lang) for t in s.targets],
            }
            for s in plan.steps
        ],
        "skipped": [
            {"indicator": s.indicator.id, "level": s.level, "reason": s.reason, "inputs": list(s.names),
             "text": skipped_text(s, lang)}
            for s in plan.skipped
        ],
    }


class PlanTerms:
    """The functions above, for templates."""

    target_text = staticmethod(target_text)
    inputs_text = staticmethod(inputs_text)
    targets_text = staticmethod(targets_text)
    stars_text = staticmethod(stars_text)
    effort_text = staticmethod(effort_text)
    skipped_text = staticmethod(skipped_text)
    why_text = staticmethod(why_text)
