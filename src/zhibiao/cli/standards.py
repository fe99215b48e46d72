"""`zhibiao standards`: list the bundled editions, and where each lives
(its folder, to read or to copy with `zhibiao init`)."""

from __future__ import annotations

import argparse

from zhibiao.cli.common import add_command, add_format, add_lang, add_output, write_output
from zhibiao.report import formats
from zhibiao.ruleset.loader import bundled_editions, load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "standards", lang, N_("list the bundled standard editions"))
    add_format(p, "standards", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from zhibiao.report.numbers import json_number  # imported when run: building the command line stays quick

    rows = []
    for ident, folder in bundled_editions().items():
        ed = load_edition(folder)
        rows.append({
            "id": ident,
            "code": ed.code,
            "title": ed.titles(args.lang),
            "issued": ed.issued,
            "effective": ed.effective,
            "indicators": len(ed.indicators),
            "total": json_number(ed.total),
            "folder": str(folder),
        })
    write_output(formats.render("standards", args.format, rows=rows, lang=args.lang), args.output)
    return 0
