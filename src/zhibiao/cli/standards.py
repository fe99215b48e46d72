"""`zhibiao standards`: list the bundled editions."""

from __future__ import annotations

import argparse

from zhibiao.cli.common import add_lang, add_output, dumps, write_output
from zhibiao.ruleset.loader import bundled_editions, load_edition


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("standards", help="list the bundled standard editions")
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
    lines = [f"{r['id']}  {r['code']}  {r['title']}  ({r['indicators']} indicators, {r['issued']} / {r['effective']})" for r in rows]
    write_output("\n".join(lines) + "\n", args.output)
    return 0
