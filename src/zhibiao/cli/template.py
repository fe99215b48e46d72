"""`zhibiao template`: a blank data-collection sheet for an edition.

YAML (comments give each input's label, type, unit and range), long-form
CSV (indicator,field,value plus label,type,unit,range columns), an Excel
workbook with a row per city (checked cells, an instructions sheet), or the
same row-per-city layout as CSV. Filled in, each evaluates directly with
`zhibiao evaluate`.
"""

from __future__ import annotations

import argparse

from zhibiao.cli.common import add_command, add_format, add_lang, add_output, add_standard, write_output
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "template", lang, N_("write a blank data-collection sheet (YAML, CSV or an Excel workbook) for an edition"))
    add_standard(p, lang)
    add_format(p, "template", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.standard)
    write_output(formats.render("template", args.format, edition=edition, lang=args.lang), args.output)
    return 0
