"""zhibiao (指标): evaluate cities against tiered indicator standards, with
every verdict explained.

    import zhibiao

    standard = zhibiao.load_standard()          # the bundled DB37/T 3890.1-2020
    result = zhibiao.evaluate(standard, {
        "entity": "示例市", "period": "2020",
        "values": {"L1P1": {"e_license_rate": "86%"}},
    })
    result.total, result.complete               # Decimal('3.0'), False
    result.to_json()                            # as `zhibiao evaluate --format json`

``load_standard`` and ``evaluate`` are in ``zhibiao.api``; errors are those of
``zhibiao.errors``. They are imported when first used, so that ``import
zhibiao`` (and the command line) starts quickly.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing would slow ``import zhibiao``.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from zhibiao.api import Result, evaluate, evaluate_json, load_standard
    from zhibiao.errors import DataError, RuleError, UsageError, ZhibiaoError

__all__ = ["__version__", "load_standard", "evaluate", "evaluate_json", "Result", "ZhibiaoError", "DataError", "RuleError", "UsageError"]

_API = ("load_standard", "evaluate", "evaluate_json", "Result")
_ERRORS = ("ZhibiaoError", "DataError", "RuleError", "UsageError")


def __getattr__(name: str) -> object:
    if name == "__version__":
        from zhibiao.version import __version__

        return __version__
    if name in _API:
        from zhibiao import api

        return getattr(api, name)
    if name in _ERRORS:
        from zhibiao import errors

        return getattr(errors, name)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
