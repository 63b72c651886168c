"""One data file read: its YAML as plain values, and where each value was written.

Values are built straight from the composed YAML; where each one was written is only worked out, from the
file's text, when a message first needs it. The load stage keeps each file's last read, so an unchanged
file is not parsed again (see `load.ReadCache`).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem

FieldPath = tuple[str | int, ...]
MAX_FILE_BYTES = 1_000_000
MAX_VALUES = 50_000
"""Values one file may hold once anchors and aliases are expanded: a guard against alias bombs."""
MAX_DEPTH = 64
MAX_DIGITS = 15
"""The longest whole number a data file may hold; real ones (sets, seconds, metres) have a few digits."""

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STANDARD_TAGS = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
"""The only integers: plain decimals, without the octal, binary, hex and base-60 forms of YAML 1.1."""


class _DataLoader(yaml.CSafeLoader):
    """YAML without the YAML 1.1 number surprises: 1:30 and 010 stay text instead of becoming 90 and 8.

    The C parser asks this class for the tag of every node it composes, so the answers are quick: there are
    no path resolvers to track, and the tag of a short plain scalar, which depends only on its text, is remembered.
    """

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        """Nothing to track: no path resolvers are registered."""

    def ascend_resolver(self) -> None:
        """Nothing to track: no path resolvers are registered."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written without one: a plain scalar's comes from the implicit resolvers."""
        if kind is not ScalarNode:
            return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG
        resolvers: list[tuple[str, re.Pattern[str]]] | None = (
            self.yaml_implicit_resolvers.get(value[:1]) if implicit[0] else None
        )
        if not resolvers:
            return self.DEFAULT_SCALAR_TAG
        if len(value) <= 40:
            return _short_plain_tag(value)  # short scalars repeat (`3`, `no`, `true`)
        return _first_matching_tag(value)


def _first_matching_tag(value: str) -> str:
    """The tag the implicit resolvers give a plain scalar, or the default text tag."""
    resolvers = _DataLoader.yaml_implicit_resolvers.get(value[:1], [])
    return next((found for found, regexp in resolvers if regexp.match(value)), _DataLoader.DEFAULT_SCALAR_TAG)


_short_plain_tag = functools.lru_cache(maxsize=10_000)(_first_matching_tag)
"""`_first_matching_tag`, remembered: a pure function of the text, so what it remembers never changes an answer."""


_DataLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag not in {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DataLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(rf"^{_DECIMAL.pattern}$"), list("-+0123456789"))
_DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^\.(?:inf|Inf|INF|nan|NaN|NAN)$"),
    list("-+0123456789."),
)
assert None not in _DataLoader.yaml_implicit_resolvers, "resolve() looks resolvers up by first character only"


class _UnreadableValue(Exception):
    """Raised while building values for a scalar that cannot become a value: an unknown tag, a merge key,
    or text its explicit tag does not allow (`!!int abc`)."""

    def __init__(self, node: Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node, self.message, self.hint = node, message, hint
        self.path: FieldPath = ()
        """Where the value is, filled in key by key as the exception leaves each mapping and list."""

    def inside(self, part: str | int) -> _UnreadableValue:
        self.path = (part, *self.path)
        return self


class _TooLarge(Exception):
    """Raised while building values when a file expands past MAX_VALUES or MAX_DEPTH."""


@dataclass(frozen=True)
class Location:
    """A 1-based line and column in a file, as editors count them."""

    line: int
    col: int


@dataclass(eq=False)
class Document:
    """One data file's values, with the location of every key and value in it (equal only to itself).

    The locations are found from `source`, the file's text, the first time they are asked for: most
    files never need them, as they are only used to place messages.
    """

    path: Path
    display: str
    data: Any
    source: str = field(default="", repr=False)
    pickled: bytes | None = field(default=None, init=False, repr=False)
    """`data` pickled, when the file was read through a ReadCache: the same values give the same bytes, so a
    rebuild can tell unchanged values without pickling them again. A copy with other values
    (`dataclasses.replace`) has none."""

    @cached_property
    def stem(self) -> str:
        """The file's name without its suffix: the id of an exercise or routine."""
        return self.path.stem

    @property
    def locations(self) -> dict[FieldPath, Location]:
        """Where each value was written, by its field path."""
        return self._located.locations

    @property
    def key_locations(self) -> dict[FieldPath, Location]:
        """Where the key of each mapping entry was written, by the entry's field path."""
        return self._located.key_locations

    @cached_property
    def _located(self) -> _Locator:
        """Where everything was written, worked out from `source` on first use."""
        return _locate(self.display, self.source)

    def locate(self, path: FieldPath, at_key: bool = False) -> Location:
        """Where the value at `path` (or its key) was written, else its nearest written parent."""
        if at_key and path in self.key_locations:
            return self.key_locations[path]
        for end in range(len(path), -1, -1):
            found = self.locations.get(path[:end])
            if found is not None:
                return found
        return Location(1, 1)

    def problem(self, path: FieldPath, message: str, hint: str = "", at_key: bool = False) -> Problem:
        """A problem about the value at `path`, or about its key (a misspelt or missing field)."""
        where = self.locate(path, at_key)
        return Problem(self.display, where.line, where.col, format_field(path), message, hint)


def format_field(path: FieldPath) -> str:
    """Render a field path the way a person reads it: `muscles.primary[0]`.

    A key that could be misread in a path (empty, or holding spaces, dots, colons, brackets or quotes) is
    shown in quotes: `dosage.'sets '`.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        name = str(part) if _PLAIN_KEY.fullmatch(str(part)) else "'" + str(part).replace("'", "\\'") + "'"
        text += f".{name}" if text else name
    return text or "(file)"


_PLAIN_KEY = re.compile(r"[^\s.:\[\]'\"]+")


def display_path(path: Path, resolved: Path | None = None) -> str:
    """Paths inside the working folder relative to it, so messages stay short; others in full.

    `resolved` is `path.resolve()`, for a caller that has already worked it out.
    """
    relative = os.path.relpath(path)
    if not relative.startswith(".."):
        return relative
    return str(path.resolve() if resolved is None else resolved)


def parse_data_file(path: Path, display: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes into a document, or into the problems that stop it being read.

    `display` is the name messages give the file.
    """

    def fail(line: int, col: int, message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, "(file)", message, hint)]

    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"file is {len(raw):,} bytes", f"data files are limited to {MAX_FILE_BYTES:,}")
    if b"\x00" in raw[:4096] and raw[:4096].count(b"\x00") * 4 >= len(raw[:4096]):
        return fail(1, 1, "file looks like UTF-16 text, not UTF-8", "save it with UTF-8 encoding")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(line, 1, "file is not UTF-8 text", "save it with UTF-8 encoding")
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return fail(1, 1, "file is empty", "add the fields it needs or delete the file")
    try:
        node = yaml.compose(text, Loader=_DataLoader)
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        message = f"{character} is a control character, which YAML does not allow"
        return fail(line, col, message, "delete it: it often comes from text pasted out of another program")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        if "\t" in source_line[: max(col, 1)]:
            return fail(line, col, "YAML syntax error: a tab is used for indentation", "indent with spaces, not tabs")
        reason = str(error.problem or error.context or "not valid YAML")
        return fail(line, col, f"YAML syntax error: {reason}", "check the YAML syntax here")
    builder = _ValueBuilder()
    try:
        data = None if node is None else builder.build(node, 0)
    except _TooLarge as error:
        return fail(1, 1, str(error), "write the values out, or use fewer anchors and aliases")
    except _UnreadableValue as error:
        mark = error.node.start_mark
        problem = Problem(display, mark.line + 1, mark.column + 1, format_field(error.path), error.message, error.hint)
        return None, [problem]
    document = Document(path, display, data, text)
    return document, list(document._located.problems) if builder.repeated_keys else []


class _ValueBuilder:
    """Turns a composed YAML node tree into values, refusing files that expand too far.

    A key written twice keeps its first value; `repeated_keys` says that happened, and `_Locator`
    then names each repeat.
    """

    def __init__(self) -> None:
        self._constructor = SafeConstructor()
        self._count = 0
        self.repeated_keys = False

    def build(self, node: Node, depth: int) -> Any:
        """The value of `node`, nested `depth` levels down; text, by far the most common, is taken as it is."""
        self._count += 1
        if self._count > MAX_VALUES:
            raise _TooLarge(f"more than {MAX_VALUES:,} values once anchors and aliases are expanded")
        if depth > MAX_DEPTH:
            raise _TooLarge(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, ScalarNode):
            return node.value if node.tag == _STR_TAG else self.scalar(node)
        if isinstance(node, MappingNode):
            values: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                try:
                    key = (
                        key_node.value
                        if key_node.tag == _STR_TAG and isinstance(key_node, ScalarNode)
                        else self.key(key_node)
                    )
                except _UnreadableValue as error:
                    raise error.inside(key_node.value if isinstance(key_node, ScalarNode) else "(key)") from None
                if key in values:
                    self.repeated_keys = True
                    continue
                try:
                    values[key] = self.build(value_node, depth + 1)
                except _UnreadableValue as error:
                    raise error.inside(key) from None
            return values
        assert isinstance(node, SequenceNode)
        items = []
        for index, item in enumerate(node.value):
            try:
                items.append(self.build(item, depth + 1))
            except _UnreadableValue as error:
                raise error.inside(index) from None
        return items

    def scalar(self, node: ScalarNode) -> Any:
        """Text and decimal integers directly; the rarer tags as PyYAML's safe constructor makes them."""
        if node.tag == _STR_TAG:
            return node.value
        if node.tag == _INT_TAG and _DECIMAL.fullmatch(node.value):
            if len(node.value.lstrip("+-")) > MAX_DIGITS:
                raise _UnreadableValue(node, "this number is far too long", f"write at most {MAX_DIGITS} digits")
            return int(node.value)
        if node.tag == _MERGE_TAG:
            raise _UnreadableValue(node, "merge keys (<<) are not supported", "write the values out in full")
        if not node.tag.startswith(_STANDARD_TAGS):
            message = f"unknown tag '{node.tag}'"
            raise _UnreadableValue(node, message, "remove it: data is plain text, numbers, lists and mappings")
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise _UnreadableValue(
                node, f"'{node.value}' is not a valid {kind}", "remove the tag or fix the value"
            ) from None

    def key(self, node: Node) -> Any:
        """A mapping key; a list or mapping used as a key becomes its text, so it can be one."""
        if isinstance(node, ScalarNode):
            key = self.scalar(node)
        else:
            try:
                key = self._constructor.construct_object(node, deep=True)
            except yaml.YAMLError:
                raise _UnreadableValue(node, "this key cannot be read", "write the key as plain text") from None
        return str(key) if isinstance(key, (list, dict)) else key


class _Locator(_ValueBuilder):
    """Walks a node tree as `_ValueBuilder.build` does, noting where each value and key was written.

    Keys are made the same way, so field paths and repeated keys match the built values. Keys written
    twice become problems, in the order they appear.
    """

    def __init__(self, display: str) -> None:
        super().__init__()
        self.display = display
        self.locations: dict[FieldPath, Location] = {}
        self.key_locations: dict[FieldPath, Location] = {}
        self.problems: list[Problem] = []

    def walk(self, node: Node, path: FieldPath) -> None:
        """Note where `node`, at `path`, and everything inside it was written."""
        self.locations[path] = Location(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            keys: set[Any] = set()
            for key_node, value_node in node.value:
                key = self.key(key_node)
                where = Location(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in keys:
                    self.problems.append(
                        Problem(
                            self.display,
                            where.line,
                            where.col,
                            format_field((*path, key)),
                            "key appears twice",
                            "keep one of them",
                        )
                    )
                    continue
                keys.add(key)
                self.key_locations[(*path, key)] = where
                self.walk(value_node, (*path, key))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index))


def _locate(display: str, text: str) -> _Locator:
    """Compose the text again and note where each value and key was written."""
    locator = _Locator(display)
    node = yaml.compose(text, Loader=_DataLoader) if text else None
    if node is not None:
        locator.walk(node, ())
    return locator
