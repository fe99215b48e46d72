"""zhibiao from Python: load a standard, evaluate a city given as a mapping.

The same reading, checks and evaluation as ``zhibiao evaluate``, without a
file: the mapping has the shape of a data file (``zhibiao schema data``),
and its problems raise the same errors, ``zhibiao.DataError`` for the data
and ``zhibiao.RuleError`` for a standard's folder.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import Any

from zhibiao.data.reading import city_from_document
from zhibiao.errors import DataError, Location
from zhibiao.evaluation import evaluate as evaluation
from zhibiao.ruleset.loader import load_edition
from zhibiao.ruleset.model import Edition
from zhibiao.words import DEFAULT_LANG, N_, Msg
from zhibiao.yamlpos import Located

# What a problem of the mapping names as its file.
SOURCE = "<data>"


def load_standard(id_or_folder: str | os.PathLike[str] | None = None) -> Edition:
    """A standard's edition, checked and compiled: a bundled edition by id
    (``"db37-t-3890.1-2020"``) or code (``"DB37/T 3890.1-2020"``), or the
    folder of an edition (with its ``edition.yaml``); ``None`` for the bundled
    DB37/T 3890.1-2020. Raises ``zhibiao.RuleError`` listing every error of
    its rule files."""
    return load_edition(os.fspath(id_or_folder) if id_or_folder is not None else None)


@dataclasses.dataclass
class Result(evaluation.CityResult):
    """A city's verdicts (a ``CityResult``: ``total``, ``categories``,
    ``verdicts``, ``complete``, ``warnings`` ...) that can also say itself as
    ``zhibiao evaluate`` does."""

    def to_json(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """The object ``zhibiao evaluate --format json`` prints: plain
        dicts, lists, strings and numbers, ready for ``json.dumps``."""
        from zhibiao.report.result_json import result_json

        return result_json(self, lang)

    def to_text(self, lang: str = DEFAULT_LANG) -> str:
        """The readable report ``zhibiao evaluate`` prints."""
        from zhibiao.report.render import result_text

        return result_text(self, lang)


def evaluate(standard: Edition | str | os.PathLike[str], data: Mapping[str, Any]) -> Result:
    """Evaluate one city under ``standard``: an edition from ``load_standard``
    (load it once for many cities), or what ``load_standard`` takes.

    ``data`` is shaped as a data file: ``{"entity": "示例市", "period": "2020",
    "values": {"L1P1": {"e_license_rate": "86%"}, ...}}``; values may be
    numbers (int, float, Decimal), text as a data file writes it ("86%",
    "是") or booleans. An input left out is not supplied: the indicators that
    need it are not assessed. Raises ``zhibiao.DataError`` listing every
    problem of the data (an unknown indicator or field, a value of the wrong
    kind or out of range)."""
    if not isinstance(standard, Edition):
        standard = load_standard(standard)
    if not isinstance(data, Mapping):
        raise DataError.of("not_mapping", Location(SOURCE), what=Msg(N_("a data file")), got=type(data).__name__)
    doc = Located(_plain(data), SOURCE)
    _place(doc, doc.value, ())
    city = city_from_document(doc, standard)
    result = evaluation.evaluate(standard, city)
    return Result(**{f.name: getattr(result, f.name) for f in dataclasses.fields(result)})


def evaluate_json(standard: Edition, data: Mapping[str, Any], lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """``evaluate(standard, data).to_json(lang)``: a plain function of the
    compiled standard and the data, returning plain JSON, so that a process
    pool (or Dask, Spark …) can be given it with the standard once and
    send back only the verdicts, not the rules."""
    return evaluate(standard, data).to_json(lang)


def _place(doc: Located, value: Any, path: tuple[Any, ...]) -> None:
    """Every key and value of the mapping stands at the mapping itself, with
    no line: a problem then says what is wrong (the indicator, the field),
    not a line 1 that does not exist."""
    here = Location(SOURCE)
    if path:
        doc.keys[path] = here
        doc.values[path] = here
    if isinstance(value, dict):
        for key, item in value.items():
            _place(doc, item, path + (key,))


def _plain(value: Any) -> Any:
    """Mappings of any kind as the dicts a loaded file gives."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value
