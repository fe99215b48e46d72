"""Extract every message id from src/ and templates/ and compare them with
the catalogues: ``python tools/catalogue.py`` lists what a catalogue lacks
and what it holds that nothing uses; ``--pot FILE`` writes a template for a
new language (what ``pybabel extract`` gives, with the same keywords).

The same functions back the tests in tests/test_words.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import write_po

TOP = Path(__file__).resolve().parents[1]
# Besides gettext's own names: Msg (a message said later), Plural, P_ (a
# message with a context).
KEYWORDS = {**DEFAULT_KEYWORDS, "Msg": None, "Plural": (1, 2), "say": (2,), "say_n": (2, 3), "P_": ((1, "c"), 2)}
METHODS = [("src/**.py", "python"), ("templates/**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}

Key = tuple[str | None, str]


def extract() -> dict[Key, tuple[str | None, list[str]]]:
    """(context, msgid) -> (plural msgid, where it is used)."""
    found: dict[Key, tuple[str | None, list[str]]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(TOP), METHODS, keywords=KEYWORDS, options_map=OPTIONS, comment_tags=()
    ):
        if not filename.startswith(("src", "templates")):
            continue
        msgid, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if not msgid:
            continue
        entry = found.setdefault((context, msgid), (plural, []))
        entry[1].append(f"{filename}:{lineno}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pot", help="write a .pot template to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(TOP / "src"))
    from zhibiao.words.catalogue import catalogue_path, languages
    from zhibiao.words.po import parse_po

    used = extract()
    if args.pot:
        catalog = Catalog(project="zhibiao")
        for (context, msgid), (plural, places) in sorted(used.items(), key=lambda kv: kv[1][1][0]):
            catalog.add((msgid, plural) if plural else msgid, locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places], context=context)
        with open(args.pot, "wb") as fh:
            write_po(fh, catalog)
    status = 0
    for lang in languages()[1:]:
        have = parse_po(catalogue_path(lang)).entries
        for key, (_plural, places) in used.items():
            if key not in have or not all(have[key].strings.values()) or not have[key].strings:
                print(f"{lang}: missing {key[1]!r} (context {key[0]!r}) used at {places[0]}")
                status = 1
        for key in have:
            if key not in used:
                print(f"{lang}: unused {key[1]!r} (context {key[0]!r})")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
