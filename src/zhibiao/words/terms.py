"""Words the condition language and its verdicts are told in: star levels,
operators, functions, yes/no, selection policies. Shared by rationales, the
edition diff and ``check``."""

from __future__ import annotations

from zhibiao.words import N_, Msg

LEVELS = {
    0: N_("no star"),
    1: N_("1 star"),
    2: N_("2 stars"),
    3: N_("3 stars"),
    4: N_("4 stars"),
    5: N_("5 stars"),
}

# How the standard says each comparison (达到, 超过 ...).
OPERATOR_WORDS = {
    ">=": N_("at least"),
    ">": N_("more than"),
    "<=": N_("at most"),
    "<": N_("less than"),
    "==": N_("equal to"),
    "!=": N_("not equal to"),
}

FUNCTIONS = {
    "mean": N_("mean"),
    "sum": N_("sum"),
    "min": N_("min"),
    "max": N_("max"),
    "count": N_("count"),
}

POLICIES = {
    "highest_passing": N_("the highest tier whose condition holds (lower tiers need not hold)"),
    "cumulative": N_("cumulative (a tier counts only when every lower tier holds too)"),
}

YES_NO = {True: N_("yes"), False: N_("no")}


def level(n: int) -> Msg:
    """``三星`` / ``3 stars``."""
    return Msg(LEVELS[n])
