"""Load YAML safely, keeping where every key and value stands.

``yaml.compose`` (SafeLoader) gives nodes with marks; we build plain Python
values ourselves so that we can reject duplicate keys (PyYAML keeps the last
one silently), bound alias expansion and nesting, and record a Location for
each path. No tag constructs objects: only the standard scalar types exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from zhibiao.errors import Location, Problem
from zhibiao.words import N_, Msg

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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = _loc(file, mark) if mark else Location(file)
        detail = " ".join(str(x) for x in (e.context, e.problem) if x)
        raise YamlProblem(Problem("yaml_syntax", {"detail": detail}, where)) from None
    except yaml.YAMLError as e:
        raise YamlProblem(Problem("yaml_syntax", {"detail": str(e)}, Location(file))) from None
    except RecursionError:
        raise YamlProblem(Problem("yaml_too_complex", {"why": _too_deep()}, Location(file))) from None
    doc = Located(None, file)
    if node is None:
        return doc
    builder = _Builder(doc, text.splitlines())
    doc.value = builder.build(node, (), 0)
    return doc


class _Builder:
    def __init__(self, doc: Located, lines: list[str]):
        self.doc = doc
        self.lines = lines
        self.count = 0
        self.constructor = SafeConstructor()

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
            except (yaml.YAMLError, ValueError) as e:
                raise YamlProblem(Problem("yaml_syntax", {"detail": str(e)}, _loc(file, node.start_mark))) from None
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
                self.doc.problems.append(Problem("duplicate_key", {"key": key, "first": first[key].line}, where))
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
