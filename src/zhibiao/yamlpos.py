"""Load YAML safely, keeping where every key and value stands.

``yaml.compose`` (SafeLoader) gives nodes with marks; we build plain Python
values ourselves so that we can reject duplicate keys (PyYAML keeps the last
one silently), bound alias expansion and nesting, and record a Location for
each path. No tag constructs objects: only the standard scalar types exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from zhibiao.errors import Location, Problem
from zhibiao.words import N_, Msg
from zhibiao.words.visible import echo_name

if TYPE_CHECKING:
    import yaml
else:
    class _Yaml:
        """PyYAML, imported when first used: a data file of the simple
        subset (most of them) is read without it, and importing it is a
        tenth of a cold start."""

        def __getattr__(self, name: str) -> Any:
            import yaml as module

            globals()["yaml"] = module
            return getattr(module, name)

    yaml = _Yaml()

MAX_NODES = 100_000  # values after alias expansion
MAX_DEPTH = 50
MAX_BYTES = 5_000_000

Path = tuple[Any, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.code)


@dataclass(frozen=True)
class SourceMap:
    """Where each character of a multi-line scalar stands in its file.

    YAML folds plain and ``>`` scalars (newline + indentation become one
    space) and strips indentation from ``|`` blocks, so a column inside the
    value is not a column in the file: this maps one to the other.
    """

    file: str
    text: str
    positions: tuple[tuple[int, int], ...]  # per character, plus one past the end

    @property
    def start(self) -> Location:
        line, column = self.positions[0]
        return Location(self.file, line, column)

    def locate(self, line: int, column: int) -> Location:
        """File position of (line, column), both 1-based, inside the value."""
        lines = self.text.split("\n")
        offset = sum(len(x) + 1 for x in lines[: max(line, 1) - 1]) + column - 1
        offset = min(max(offset, 0), len(self.positions) - 1)
        at_line, at_column = self.positions[offset]
        return Location(self.file, at_line, at_column)


def _align(text: str, lines: list[str], node: yaml.ScalarNode, start: Location, file: str) -> SourceMap:
    """Match the value's characters, in order, to the file's characters."""
    end = node.end_mark
    source: list[tuple[str, int, int]] = []
    for i in range((start.line or 1) - 1, min(end.line, len(lines) - 1) + 1):
        row = lines[i]
        first = (start.column or 1) - 1 if i == (start.line or 1) - 1 else 0
        last = end.column if i == end.line else len(row)
        source.extend((row[c], i + 1, c + 1) for c in range(first, min(last, len(row))))
        source.append(("\n", i + 1, min(last, len(row)) + 1))
    positions: list[tuple[int, int]] = []
    j = 0
    for ch in text:
        if not ch.isspace():
            k = j
            while k < len(source) and source[k][0] != ch:
                k += 1
            if k < len(source):
                j = k
        here = source[min(j, len(source) - 1)]
        positions.append((here[1], here[2]))
        if not ch.isspace() and j < len(source):
            j += 1
    # One past the end: just after the last character that is not a space.
    last = next((p for ch, p in zip(reversed(text), reversed(positions)) if not ch.isspace()), None)
    positions.append((last[0], last[1] + 1) if last else (start.line or 1, start.column or 1))
    return SourceMap(file, text, tuple(positions))


@dataclass
class Located:
    """A loaded document: the value, and where each path (keys) stands."""

    value: Any
    file: str
    keys: dict[Path, Location] = field(default_factory=dict)  # where a mapping key is written
    values: dict[Path, Location] = field(default_factory=dict)  # where a value starts (its content)
    maps: dict[Path, SourceMap] = field(default_factory=dict)  # multi-line string values
    # Problems that do not stop reading (a key given twice: the first stands),
    # so that every one of them is reported in a single run.
    problems: list[Problem] = field(default_factory=list)

    def source(self, path: Path) -> Location | SourceMap:
        """Where a string value stands, as finely as it can be told."""
        return self.maps.get(tuple(path)) or self.at(path)

    def at(self, path: Path) -> Location:
        """Best location for a path: its value, else its key, else its parent."""
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            if p in self.keys:
                return self.keys[p]
            p = p[:-1]
        return Location(self.file, 1, 1)

    def key_at(self, path: Path) -> Location:
        return self.keys.get(tuple(path)) or self.at(path)


def _loc(file: str, mark) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _content_start(node: yaml.ScalarNode, file: str, lines: list[str]) -> Location:
    """Where the text of a scalar itself begins (after quotes or block header)."""
    mark = node.start_mark
    if node.style in ("'", '"'):
        return Location(file, mark.line + 1, mark.column + 2)
    if node.style in ("|", ">"):
        for i in range(mark.line + 1, len(lines)):
            if lines[i].strip():
                return Location(file, i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1)
    return _loc(file, mark)


def load(text: str, file: str) -> Located:
    """Parse ``text``; raise YamlProblem on syntax errors and abuse."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(Problem("too_big", {"size": len(text.encode("utf-8")), "limit": MAX_BYTES}, Location(file)))
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as e:
        raise YamlProblem(_syntax_problem(e, text, file)) from None
    except yaml.reader.ReaderError as e:
        raise YamlProblem(_reader_problem(e, text, file)) from None
    except yaml.YAMLError:
        raise YamlProblem(_general(_Text(text), file, 0, 0)) from None
    except RecursionError:
        raise YamlProblem(Problem("yaml_too_complex", {"why": _too_deep()}, Location(file))) from None
    doc = Located(None, file)
    if node is None:
        return doc
    builder = _Builder(doc, text.splitlines())
    doc.value = builder.build(node, (), 0)
    return doc


# libyaml's parser, when PyYAML has it, reads several times faster and gives
# the same nodes with the same marks. Its error messages differ from the
# pure-Python parser's, which our diagnosis is written against: a document
# it refuses is parsed again by the latter, which then says why. (None: the
# pure-Python parser alone.)
_FAST_LOADER: type | str | None = "libyaml"  # its CSafeLoader, when PyYAML has one


def _compose(text: str) -> yaml.Node | None:
    fast = _FAST_LOADER
    if isinstance(fast, str):
        fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except (yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


@cache
def _quick_loader() -> type:
    """libyaml's safe loader, made to read a plain document's values as
    ``load`` builds them, without positions: a key given twice, or a key that
    is not a plain value, stops it (``load`` then says where)."""

    class QuickLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    raise _NotPlain
                key = self.construct_object(key_node, deep=deep)
                if key in mapping:
                    raise _NotPlain
                mapping[key] = self.construct_object(value_node, deep=deep)
            return mapping

    # Dates and times stay as written, as ``load`` keeps them.
    QuickLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    QuickLoader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node, deep=True))
    return QuickLoader


class _NotPlain(Exception):
    pass


# What only ``load`` takes safely: anchors and aliases (bounded there),
# explicit tags, merge keys.
_NOT_PLAIN = re.compile(r"[&*!]|<<")


def quick_load(text: str) -> Any | None:
    """The value of a document that needs no checks but its own values
    (no alias, tag or merge key, no key given twice, not nested deeply), the
    same as ``load(text).value``; None for any other, to be read by ``load``.
    A document of the simple subset is read line by line (``simple_load``),
    any other by libyaml without positions."""
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8")) > MAX_BYTES:
        return None
    simple = simple_load(text)
    if simple is not None:
        return simple
    if _NOT_PLAIN.search(text):
        return None
    try:
        return yaml.load(text, Loader=_quick_loader())  # noqa: S506 - a safe loader, its constructors restricted further
    except (yaml.YAMLError, _NotPlain, RecursionError, ValueError, TypeError):
        return None


# -- the simple subset, read line by line -----------------------------------
#
# Most data files are block mappings of one-line scalars. Reading them line by
# line here costs a fraction of building libyaml's events and PyYAML's nodes.
# The reader is sure of a small subset only and refuses (_NotPlain) anything
# else, which the loaders above then read: it must give exactly what
# ``yaml.load(text, Loader=yaml.CSafeLoader)`` gives, or nothing.

# Characters YAML reads as they stand: printable, one kind of line break
# (NEL, LS and PS break lines too, a BOM inside is not content, and control
# characters are errors whose position only ``load`` reports).
# (Written as the characters left out, not the ones let in: a class of the
# whole of Unicode takes milliseconds to compile, at every start.)
_NOT_SIMPLE_TEXT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# A key: one plain scalar that starts no YAML indicator (nor '-', '.' or a
# digit, to keep away from document markers and numbers), short enough for
# a simple key, without ':' or '#' anywhere and no space at its end.
_SIMPLE_KEY = re.compile(r"(?:[A-Za-z_]|[^\x00-\x9f])(?:[^:#]{0,126}[^ :#])?\Z")
# What cannot start a plain scalar ('-' can, before other than a space).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SIMPLE_DEPTH = 10  # far within MAX_DEPTH; a data file nests 4 deep

# PyYAML's own implicit resolvers (those libyaml's loader uses), keyed by a
# scalar's first character: the type a plain scalar has is decided exactly
# as PyYAML decides it; only the simplest text of each type is then read
# here, any other (octal, 1_000, 1:20, .inf, 1.0e+3, a date) is refused.
# (SafeLoader and CSafeLoader both resolve with yaml.resolver.Resolver.)
# They are copied here, as PyYAML 6 adds them (yaml/resolver.py), so that a
# simple document is read without importing PyYAML; a test holds the copy to
# PyYAML's own table.
_IMPLICIT: tuple[tuple[str, str, int, str | list[str]], ...] = (
    ("tag:yaml.org,2002:bool", r'''^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$''', re.X, "yYnNtTfFoO"),
    ("tag:yaml.org,2002:float", r'''^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$''', re.X, "-+0123456789."),
    ("tag:yaml.org,2002:int", r'''^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$''', re.X, "-+0123456789"),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", 0, "<"),
    ("tag:yaml.org,2002:null", r'''^(?: ~
                    |null|Null|NULL
                    | )$''', re.X, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", r'''^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$''', re.X, "0123456789"),
    ("tag:yaml.org,2002:value", r"^(?:=)$", 0, "="),
    ("tag:yaml.org,2002:yaml", r"^(?:!|&|\*)$", 0, "!&*"),
)


def _implicit_resolvers() -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """The table as PyYAML's ``add_implicit_resolver`` builds it."""
    table: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, pattern, flags, firsts in _IMPLICIT:
        compiled = re.compile(pattern, flags)
        for first in firsts:
            table.setdefault(first, []).append((tag, compiled))
    return table


_PYYAML_RESOLVERS = _implicit_resolvers()
_ANY_FIRST = list(_PYYAML_RESOLVERS.get(None, []))  # PyYAML tries these after a first character's own
_RESOLVERS = {first: [*resolvers, *_ANY_FIRST] for first, resolvers in _PYYAML_RESOLVERS.items() if first is not None}
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,99})\Z")
_POINT_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*\Z|\.[0-9]+\Z")
# Each line of a key alone already read (``  L1P1:``), as (key, None, True):
# every data file of a batch has the same ones. Lines with a value are read
# each time: how fast a batch is read must not hang on its values repeating.
_OPENERS: dict[str, tuple[str, Any, bool]] = {}
_OPENERS_KEPT = 10_000
# The keys already found to be simple ones.
_KEYS: set[str] = set()


# The commonest scalars of a data file, read without trying each resolver:
# PyYAML's float resolver matches digits with one inner point first, and its
# int resolver plain digits without a leading zero (the timestamp resolver
# needs a '-'), so these are a float and an int there too.
_PLAIN_FLOAT = re.compile(r"[0-9]+\.[0-9]+\Z")
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")


def _plain_scalar(text: str) -> Any:
    """The value of a one-line plain scalar (not empty, stripped)."""
    if _PLAIN_FLOAT.match(text):
        return float(text)
    if _PLAIN_INT.match(text):
        return int(text)
    tag = "tag:yaml.org,2002:str"
    for candidate, pattern in _RESOLVERS.get(text[0], _ANY_FIRST):
        if pattern.match(text):
            tag = candidate
            break
    value: Any
    if tag == "tag:yaml.org,2002:str":
        value = text
    elif tag == "tag:yaml.org,2002:bool":
        value = _BOOLS[text.lower()]
    elif tag == "tag:yaml.org,2002:null":
        value = None
    elif tag == "tag:yaml.org,2002:int" and _DECIMAL_INT.match(text):
        value = int(text)
    elif tag == "tag:yaml.org,2002:float" and _POINT_FLOAT.match(text):
        value = float(text)
    else:
        raise _NotPlain
    return value


def _simple_value(rest: str) -> Any:
    """The value written after 'key: ' (not empty, no comment alone)."""
    first = rest[0]
    if first == "'" or first == '"':
        # Quoted on one line, with no escape: the text between the quotes.
        end = rest.find(first, 1)
        if end < 0:
            raise _NotPlain
        inner = rest[1:end]
        after = rest[end + 1 :]
        if (first == '"' and "\\" in inner) or after.lstrip(" ")[:1] not in ("", "#"):
            raise _NotPlain
        return inner
    cut = rest.find(" #")
    if cut >= 0:
        rest = rest[:cut]
    rest = rest.rstrip(" ")
    if (first in _INDICATORS and (first != "-" or len(rest) < 2 or rest[1] == " ")) or ": " in rest or rest[-1] == ":":
        raise _NotPlain
    return _plain_scalar(rest)


def _simple_entry(body: str) -> tuple[str, Any, bool]:
    """A line 'key: value' (without its indentation): the key, the value,
    and whether the value was left empty (a mapping may follow)."""
    colon = body.find(": ")
    if colon < 0:
        if body[-1] != ":":
            raise _NotPlain
        colon = len(body) - 1
    key = body[:colon]
    if key not in _KEYS:
        if not _SIMPLE_KEY.match(key) or type(_plain_scalar(key)) is not str:
            raise _NotPlain
        # Keys are the data contract's names, the same in every file.
        if len(_KEYS) >= _OPENERS_KEPT:
            _KEYS.clear()
        _KEYS.add(key)
    rest = body[colon + 1 :].lstrip(" ")
    if not rest or rest[0] == "#":
        return key, None, True
    return key, _simple_value(rest), False


def simple_load(text: str) -> dict[str, Any] | None:
    """The value of a document of the simple subset, exactly as PyYAML's
    loaders give it; None for any other document."""
    try:
        return _simple_mapping(text)
    except _NotPlain:
        return None


def _simple_mapping(text: str) -> dict[str, Any]:
    """A block mapping (of block mappings …) of one-line scalars, read line
    by line; _NotPlain for any document that is not one."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _NOT_SIMPLE_TEXT.search(text):
        raise _NotPlain
    root: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = [(0, root)]
    indent, mapping = 0, root
    # The key last written with nothing after it: a mapping indented further
    # on the next line is its value, anything else leaves it null.
    pending: tuple[dict[str, Any], str] | None = None
    entries = 0
    for line in text.split("\n"):
        body = line.lstrip(" ")
        if not body or body[0] == "#":
            continue
        at = len(line) - len(body)
        if pending is not None:
            if at > indent:
                if len(stack) >= _SIMPLE_DEPTH:
                    raise _NotPlain
                mapping = pending[0][pending[1]] = {}
                stack.append((at, mapping))
                indent = at
            pending = None
        if at != indent:
            if at > indent:  # a scalar going on over lines, or not YAML
                raise _NotPlain
            while stack[-1][0] > at:
                stack.pop()
            indent, mapping = stack[-1]
            if indent != at:
                raise _NotPlain
        entry = _OPENERS.get(body)
        if entry is None:
            entry = _simple_entry(body)
            if entry[2] and len(body) <= 100:
                if len(_OPENERS) >= _OPENERS_KEPT:
                    _OPENERS.clear()
                _OPENERS[body] = entry
        key, value, opens = entry
        if key in mapping:
            raise _NotPlain
        mapping[key] = value
        if opens:
            pending = (mapping, key)
        entries += 1
    if not root or entries > MAX_NODES // 2:
        raise _NotPlain
    return root


class _Builder:
    def __init__(self, doc: Located, lines: list[str]):
        self.doc = doc
        self.lines = lines
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node, path: Path, depth: int) -> Any:
        file = self.doc.file
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(Problem("yaml_too_complex", {"why": Msg(N_("more than %(limit)s values once aliases are expanded"), limit=MAX_NODES)}, _loc(file, node.start_mark)))
        if depth > MAX_DEPTH:
            raise YamlProblem(Problem("yaml_too_complex", {"why": _too_deep()}, _loc(file, node.start_mark)))
        if isinstance(node, yaml.ScalarNode):
            self.doc.values.setdefault(path, _content_start(node, file, self.lines))
            if node.tag not in _SCALAR_TAGS:
                raise YamlProblem(Problem("bad_value", {"key": _path_text(path), "got": _tag(node.tag), "why": Msg(N_("unsupported YAML tag"))}, _loc(file, node.start_mark)))
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, KeyError, AttributeError, TypeError):
                # A date that is not one (2024-02-30), or an explicit tag on the wrong text (!!int abc).
                problem = Problem("yaml_bad_scalar", {"line": node.start_mark.line + 1, "key": _path_text(path), "text": node.value}, _loc(file, node.start_mark))
                raise YamlProblem(problem) from None
            if not isinstance(value, (str, int, float, bool, type(None))):
                value = node.value  # dates and times stay as written
            if isinstance(value, str) and node.end_mark.line > node.start_mark.line and value.strip():
                self.doc.maps[path] = _align(value, self.lines, node, self.doc.values[path], file)
            return value
        self.doc.values.setdefault(path, _loc(file, node.start_mark))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise YamlProblem(Problem("bad_value", {"key": _path_text(path), "got": _tag(node.tag), "why": Msg(N_("unsupported YAML tag"))}, _loc(file, node.start_mark)))
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        if node.tag != "tag:yaml.org,2002:map":
            raise YamlProblem(Problem("bad_value", {"key": _path_text(path), "got": _tag(node.tag), "why": Msg(N_("unsupported YAML tag"))}, _loc(file, node.start_mark)))
        result: dict[Any, Any] = {}
        first: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(Problem("bad_value", {"key": _path_text(path), "got": "?", "why": Msg(N_("keys must be plain values"))}, _loc(file, key_node.start_mark)))
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(Problem("bad_value", {"key": _path_text(path), "got": "<<", "why": Msg(N_("YAML merge keys are not supported"))}, _loc(file, key_node.start_mark)))
            key = self.build(key_node, path + ("<key>",), depth + 1)
            where = _loc(file, key_node.start_mark)
            if key in first:
                self.doc.problems.append(Problem("duplicate_key", {"key": echo_name(key), "first": first[key].line}, where))
                continue
            first[key] = where
            self.doc.keys[path + (key,)] = where
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result


def _too_deep() -> Msg:
    return Msg(N_("nested deeper than %(limit)s"), limit=MAX_DEPTH)


def _path_text(path: Path) -> str:
    return ".".join(str(p) for p in path if p != "<key>") or "<top>"


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# --- Syntax errors, told in the reader's words ------------------------------
#
# PyYAML says what its parser expected ("while parsing a block mapping
# expected <block end>, but found '<block mapping start>'"). An author needs
# what is wrong in their own terms, on which line and near which key: each
# family of PyYAML errors is recognised from its marks and the text around
# them and given its own problem code. Marks are 0-based; locations 1-based.

_QUOTES = "\"'"
_OPEN = {"{": "}", "[": "]"}
_CLOSE = {"}": "{", "]": "["}
_EXCERPT = 40  # characters of a line shown in a message
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what PyYAML counts as a line break


class _Text:
    """The lines of the text as PyYAML counts them, and offsets into it."""

    def __init__(self, text: str):
        self.text = text
        self.lines: list[str] = []
        self.starts: list[int] = []
        offset = 0
        for found in _BREAK.finditer(text):
            self.lines.append(text[offset : found.start()])
            self.starts.append(offset)
            offset = found.end()
        if offset < len(text):
            self.lines.append(text[offset:])
            self.starts.append(offset)

    def line(self, i: int) -> str:
        return self.lines[i] if 0 <= i < len(self.lines) else ""

    def offset(self, line: int, column: int) -> int:
        if line >= len(self.starts):
            return len(self.text)
        return self.starts[line] + column

    def position(self, offset: int) -> tuple[int, int]:
        line = 0
        while line + 1 < len(self.starts) and self.starts[line + 1] <= offset:
            line += 1
        return line, offset - (self.starts[line] if self.starts else 0)

    def previous_content(self, line: int) -> int | None:
        """The nearest line above ``line`` with something other than a comment."""
        for i in range(min(line, len(self.lines)) - 1, -1, -1):
            body = self.lines[i].strip()
            if body and not body.startswith("#"):
                return i
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip("\ufeff "))


def _body(line: str) -> str:
    """A line without its indentation and list dashes ('- ') or '? '."""
    body = line.strip()
    while body[:2] in ("- ", "? ", "-\t") or body in ("-", "?"):
        body = body[2:].lstrip()
    return body


def _clean(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


def _key_colon(text: str) -> int:
    """Where the ':' that ends a key stands in ``text`` (a colon followed by a
    space or the end, not inside quotes or a comment), or -1."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in _QUOTES and (i == 0 or text[i - 1] in " \t{[,:-?"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            break
        elif ch == ":" and (i + 1 == len(text) or text[i + 1] in " \t"):
            return i
    return -1


def _key_of(line: str) -> str | None:
    """The key written on a line: the text before its first ': '."""
    body = _body(line)
    i = _key_colon(body)
    return _clean(body[:i]) if i > 0 else None


def _excerpt(line: str, column: int | None = None) -> str:
    """The line as an author recognises it: stripped, cut around ``column`` if long."""
    text = line.strip().lstrip("\ufeff")
    if len(text) <= _EXCERPT:
        return text
    at = (column or 0) - (len(line) - len(line.lstrip().lstrip("\ufeff")))
    start = max(0, min(at - _EXCERPT // 2, len(text) - _EXCERPT))
    end = start + _EXCERPT
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _token(line: str, column: int) -> str:
    """The word written from ``column``: up to ': ', a comment, or (inside
    '{ }' or '[ ]') the next ',', '}' or ']'."""
    rest = line[column:]
    ends = [len(rest)]
    colon = _key_colon(rest)
    if colon >= 0:
        ends.append(colon)
    if " #" in rest:
        ends.append(rest.index(" #"))
    if any(c in line[:column] for c in _OPEN):
        ends.extend(rest.index(c) for c in ",]}" if c in rest)
    word = rest[: min(ends)].strip()
    return _excerpt(word) if word else line[column : column + 1]


def _previous_char(line: str, column: int) -> tuple[int, str]:
    """The last character before ``column`` that is not a space, and where."""
    i = column - 1
    while i >= 0 and line[i] in " \t":
        i -= 1
    return i, (line[i] if i >= 0 else "")


def _opening_quote(t: _Text, line: int, column: int, quote: str) -> tuple[int, int] | None:
    """Where the quoted text that a quote at (line, column) closes was opened."""
    for i in range(line, -1, -1):
        text = t.line(i)
        end = column if i == line else len(text)
        at = text.rfind(quote, 0, end)
        while quote == '"' and at > 0 and text[at - 1] == "\\":
            at = text.rfind(quote, 0, at - 1)
        if at >= 0:
            return i, at
    return None


def _skip_quoted(text: str, i: int) -> int:
    """From the opening quote at ``i``, the index just past its closing quote."""
    quote = text[i]
    j = i + 1
    while j < len(text):
        if quote == '"' and text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            if quote == "'" and text[j + 1 : j + 2] == "'":
                j += 2
                continue
            return j + 1
        j += 1
    return len(text)


def _closes(text: str, start: int) -> bool:
    """Whether the '{' or '[' at ``start`` is closed by its own bracket."""
    stack: list[str] = []
    i = start
    while i < len(text):
        ch = text[i]
        if ch in _QUOTES and (i == start or text[i - 1] in " \t\r\n{[,:"):
            i = _skip_quoted(text, i)
            continue
        if ch == "#" and text[i - 1] in " \t\r\n":
            while i < len(text) and text[i] not in "\r\n":
                i += 1
            continue
        if ch in _OPEN:
            stack.append(ch)
        elif ch in _CLOSE:
            if not stack or stack[-1] != _CLOSE[ch]:
                return False
            stack.pop()
            if not stack:
                return True
        i += 1
    return False


def _unclosed_bracket(t: _Text) -> tuple[int, int] | None:
    """The innermost '{' or '[' that opens a flow collection and is never closed."""
    stack: list[tuple[int, int]] = []
    for i, line in enumerate(t.lines):
        j = 0
        while j < len(line):
            ch = line[j]
            starts = j == 0 or line[j - 1] in " \t{[,:"
            if ch in _QUOTES and starts:
                j = _skip_quoted(line, j)
                continue
            if ch == "#" and (j == 0 or line[j - 1] in " \t"):
                break
            if ch in _OPEN and (starts or stack):
                stack.append((i, j))
            elif ch in _CLOSE and stack:
                top = t.line(stack[-1][0])[stack[-1][1]]
                if top != _CLOSE[ch]:
                    return stack[-1]
                stack.pop()
            j += 1
    return stack[-1] if stack else None


def _problem(code: str, file: str, line: int, column: int, **params: Any) -> Problem:
    return Problem(code, {"line": line + 1, **params}, Location(file, line + 1, column + 1))


def _general(t: _Text, file: str, line: int, column: int) -> Problem:
    """Anything else: where, and the text of that line (the last written
    line if the mark stands past the end)."""
    if not t.line(line).strip():
        above = t.previous_content(line)
        if above is not None:
            line, column = above, len(t.line(above).rstrip())
    text = _excerpt(t.line(line), column)
    return Problem("yaml_syntax", {"line": line + 1, "column": column + 1, "text": text}, Location(file, line + 1, column + 1))


def _reader_problem(e: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    line, column = _Text(text).position(e.position) if isinstance(e.position, int) else (0, 0)
    char = e.character
    codepoint = f"{ord(char) if isinstance(char, str) else char:04X}" if isinstance(char, (str, int)) else "?"
    return Problem("yaml_control_char", {"line": line + 1, "column": column + 1, "codepoint": codepoint}, Location(file, line + 1, column + 1))


def _quote_problem(t: _Text, file: str, line: int, column: int) -> Problem | None:
    """Text right after a closing quote: the quote opened on an earlier line
    and was never closed there, or the value goes on after its quotes."""
    at, before = _previous_char(t.line(line), column)
    if not before or before not in _QUOTES:
        return None
    opened = _opening_quote(t, line, at, before)
    if opened and opened[0] < line:
        return _problem("yaml_quote", file, *opened, quote=before, text=_excerpt(t.line(opened[0]), opened[1]))
    return _problem("yaml_after_quote", file, line, at + 1, text=_excerpt(t.line(line), at))


def _indent_problem(t: _Text, file: str, line: int, column: int) -> Problem:
    text = t.line(line)
    body = text.strip()
    if body == "-" or body.startswith(("- ", "-\t")):
        return _problem("yaml_indent_item", file, line, column, item=_excerpt(_body(text)) or "-")
    return _problem("yaml_indent", file, line, column, key=_key_of(text) or _excerpt(body))


def _colon_problem(t: _Text, file: str, line: int, column: int) -> Problem:
    """'mapping values are not allowed here': a ': ' where YAML cannot take a key."""
    text = t.line(line)
    before = text[:column]
    first = _key_colon(before)
    if first >= 0:
        # key: value: more -- the value holds ': '. The fix is quoting the value.
        key = _key_of(text) or _clean(before[:first])
        start = first + 1
        while start < len(text) and text[start] in " \t":
            start += 1
        return _problem("yaml_colon", file, line, start, key=key)
    # The first ': ' of its line: YAML read the line as going on with the
    # line above (it is indented further than the keys there), or the line
    # above is no 'key: value' at all (no colon, no space, a full-width '：').
    start = _indent(text)
    above = t.previous_content(line)
    if above is not None:
        upper = t.line(above)
        body = upper.strip()
        is_item = body == "-" or body.startswith("- ")
        if not is_item and _key_colon(_body(upper)) < 0:
            return _problem("yaml_no_colon", file, above, _indent(upper), text=_excerpt(upper))
    return _indent_problem(t, file, line, start)


def _flow_problem(problem: str, pm: yaml.error.Mark, cm: yaml.error.Mark, t: _Text, file: str) -> Problem:
    """Inside '{ }' or '[ ]': a bracket never closed, or an entry that is not one."""
    opener = t.line(cm.line)[cm.column : cm.column + 1]
    if opener not in _OPEN:
        return _general(t, file, pm.line, pm.column)
    got = problem.rsplit("but got ", 1)[-1].strip("'")
    if got == "<stream end>" or got in _CLOSE or not _closes(t.text, t.offset(cm.line, cm.column)):
        return _problem("yaml_flow", file, cm.line, cm.column, open=opener, close=_OPEN[opener], text=_excerpt(t.line(cm.line), cm.column))
    quoted = _quote_problem(t, file, pm.line, pm.column)
    if quoted and quoted.code == "yaml_quote":
        return quoted
    # The entry as written: from the last ',' (or the bracket) to what YAML stumbled on.
    line = t.line(pm.line)
    start = max(line.rfind(c, 0, pm.column) for c in "{[,") + 1
    entry = (line[start : pm.column] + _token(line, pm.column)).strip()
    return _problem("yaml_flow_item", file, pm.line, pm.column, text=_excerpt(entry, len(entry)), open=opener, close=_OPEN[opener])


def _reserved(t: _Text, file: str, line: int, column: int) -> Problem:
    text = t.line(line)
    char = text[column : column + 1] or "?"
    return _problem("yaml_reserved", file, line, column, char=char, text=_token(text, column))


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    t = _Text(text)
    try:
        return _diagnose(e, t, file)
    except Exception:  # a guess gone wrong must still give the plain message
        mark = e.problem_mark or e.context_mark
        return _general(t, file, mark.line, mark.column) if mark else _general(t, file, 0, 0)


def _diagnose(e: yaml.MarkedYAMLError, t: _Text, file: str) -> Problem:
    context, problem = e.context or "", e.problem or ""
    pm, cm = e.problem_mark, e.context_mark
    mark = pm or cm
    if mark is None:
        return _general(t, file, 0, 0)

    if "quoted scalar" in context:
        if problem.startswith("found unexpected") and cm is not None:  # end of stream, or '---'
            quote = t.line(cm.line)[cm.column : cm.column + 1] or '"'
            return _problem("yaml_quote", file, cm.line, cm.column, quote=quote, text=_excerpt(t.line(cm.line), cm.column))
        if pm is not None:  # a backslash that starts no escape: "C:\data"
            line = t.line(pm.line)
            slash = line.rfind("\\", 0, pm.column + 1)
            if slash >= 0:
                return _problem("yaml_escape", file, pm.line, slash, escape=line[slash : pm.column + 1])
        return _general(t, file, mark.line, mark.column)

    if "any token" in problem and pm is not None:  # found character ... that cannot start any token
        line = t.line(pm.line)
        if line[pm.column : pm.column + 1] == "\t":
            rest = line[pm.column :].lstrip(" \t")
            if not rest:
                return _problem("yaml_tab_blank", file, pm.line, pm.column)
            word = _key_of(rest) or _token(line, len(line) - len(rest))
            return _problem("yaml_tab", file, pm.line, pm.column, text=word)
        return _quote_problem(t, file, pm.line, pm.column) or _reserved(t, file, pm.line, pm.column)

    # %directive, &anchor, *alias, !tag, |/> block scalar: an indicator the author did not mean.
    if cm is not None and context.endswith(("directive", "anchor", "alias", "tag", "block scalar")):
        return _reserved(t, file, cm.line, cm.column)
    if "undefined alias" in problem and pm is not None:
        return _reserved(t, file, pm.line, pm.column)

    if problem.startswith("mapping values") and pm is not None:  # ... are not allowed here
        return _colon_problem(t, file, pm.line, pm.column)

    if context.endswith("simple key") and cm is not None:  # could not find expected ':'
        line = t.line(cm.line)
        return _problem("yaml_no_colon", file, cm.line, cm.column, text=_excerpt(line))

    if context.endswith(("flow mapping", "flow sequence")) and pm is not None and cm is not None:
        return _flow_problem(problem, pm, cm, t, file)
    if context.endswith("flow node") and "<stream end>" in problem:
        opened = _unclosed_bracket(t)
        if opened:
            line = t.line(opened[0])
            bracket = line[opened[1]]
            return _problem("yaml_flow", file, *opened, open=bracket, close=_OPEN[bracket], text=_excerpt(line, opened[1]))

    if problem.startswith("expected <block end>") and pm is not None:  # ..., but found <the next thing>
        quoted = _quote_problem(t, file, pm.line, pm.column)
        if quoted:
            return quoted
        line = t.line(pm.line)
        if pm.column == _indent(line) and line.strip():
            return _indent_problem(t, file, pm.line, pm.column)

    return _general(t, file, mark.line, mark.column)
