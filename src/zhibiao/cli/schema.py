"""`zhibiao schema rules|edition|data`: JSON Schemas for editors and tools.

``rules`` is the schema of an indicator file (indicators/*.yaml), ``edition``
that of edition.yaml; both come from ``zhibiao.ruleset.schema``, the same
description the loader validates with, and are committed under schemas/ so
that the bundled rule files can name them. ``data`` is the schema of a data
file of one edition (``--standard``), written from its rules.
"""

from __future__ import annotations

import argparse
from typing import Any

from zhibiao.cli.common import add_command, add_lang, add_output, add_standard, help_words, write_output
from zhibiao.report.jsontext import dumps
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_

# File names under schemas/, as the bundled rule files name them.
FILES = {"rules": "indicators.schema.json", "edition": "edition.schema.json"}


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "schema", lang, N_("print a JSON Schema: of indicator files (rules), of edition.yaml (edition), "
                                            "or of a data file (data)"))
    p.add_argument("kind", choices=("rules", "edition", "data"), metavar="KIND",
                   help=help_words(lang, N_("rules: indicators/*.yaml; edition: edition.yaml; "
                                            "data: a data file of the edition given by --standard")))
    add_standard(p, lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def schema_text(kind: str, standard: str | None = None) -> str:
    from zhibiao.data.sheet import data_schema  # imported when used: building the command line stays quick
    from zhibiao.ruleset.schema import EDITION, INDICATOR_FILE

    schema: dict[str, Any]
    if kind == "rules":
        schema = INDICATOR_FILE
    elif kind == "edition":
        schema = EDITION
    else:
        schema = data_schema(load_edition(standard))
    return dumps(schema)


def run(args: argparse.Namespace) -> int:
    write_output(schema_text(args.kind, args.standard), args.output)
    return 0
