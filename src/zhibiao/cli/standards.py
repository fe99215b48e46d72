"""`zhibiao standards`: list the bundled editions."""

from __future__ import annotations

import argparse

from zhibiao.cli.common import add_lang, add_output, help_words, write_output
from zhibiao.report.formats import dumps
from zhibiao.ruleset.loader import bundled_editions, load_edition
from zhibiao.words import N_, say_n


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("standards", help=help_words(N_("list the bundled standard editions")))
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
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
            "total": float(ed.total),
        })
    if args.format == "json":
        write_output(dumps(rows), args.output)
        return 0
    lines = [
        say_n(args.lang,
              "%(id)s  %(code)s  %(title)s  (%(num)s indicator, %(issued)s / %(effective)s)",
              "%(id)s  %(code)s  %(title)s  (%(num)s indicators, %(issued)s / %(effective)s)",
              r["indicators"], id=r["id"], code=r["code"], title=r["title"], issued=r["issued"], effective=r["effective"])
        for r in rows
    ]
    write_output("\n".join(lines) + "\n", args.output)
    return 0
