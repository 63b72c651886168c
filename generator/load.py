"""Load stage: read YAML data files into plain values that remember where each value was written."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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


class _DataLoader(yaml.CSafeLoader):
    """YAML without the YAML 1.1 number surprises: 1:30 and 010 stay text instead of becoming 90 and 8."""


_DataLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag not in {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^\.(?:inf|Inf|INF|nan|NaN|NAN)$"),
    list("-+0123456789."),
)


class _TooLarge(Exception):
    """Raised while building values when a file expands past MAX_VALUES or MAX_DEPTH."""


@dataclass(frozen=True)
class Location:
    """A 1-based line and column in a file, as editors count them."""

    line: int
    col: int


@dataclass(eq=False)
class Document:
    """One data file's values, with the location of every key and value in it (equal only to itself)."""

    path: Path
    display: str
    data: Any
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    key_locations: dict[FieldPath, Location] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return self.path.stem

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
    """Render a field path the way a person reads it: `muscles.primary[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def display_path(path: Path) -> str:
    """Paths inside the working folder relative to it, so messages stay short; others in full."""
    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def load_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; a file that cannot be read is a list of problems instead."""
    display = display_path(path)

    def fail(line: int, col: int, message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, "(file)", message, hint)]

    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"file is {len(raw):,} bytes", f"data files are limited to {MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(line, 1, "file is not UTF-8 text", "save it with UTF-8 encoding")
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return fail(1, 1, "file is empty", "add the fields it needs or delete the file")
    try:
        node = yaml.compose(text, Loader=_DataLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        if "\t" in source_line[: max(col, 1)]:
            return fail(line, col, "YAML syntax error: a tab is used for indentation", "indent with spaces, not tabs")
        reason = str(error.problem or error.context or "not valid YAML")
        return fail(line, col, f"YAML syntax error: {reason}", "check the YAML syntax here")
    builder = _ValueBuilder(display)
    try:
        data = builder.build(node, ())
    except _TooLarge as error:
        return fail(1, 1, str(error), "write the values out, or use fewer anchors and aliases")
    document = Document(path, display, data, builder.locations, builder.key_locations)
    return document, builder.problems


class _ValueBuilder:
    """Turns a composed YAML node tree into values, recording locations and refusing duplicate keys."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.locations: dict[FieldPath, Location] = {}
        self.key_locations: dict[FieldPath, Location] = {}
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()
        self._count = 0

    def build(self, node: Node | None, path: FieldPath) -> Any:
        if node is None:
            return None
        self._count += 1
        if self._count > MAX_VALUES:
            raise _TooLarge(f"more than {MAX_VALUES:,} values once anchors and aliases are expanded")
        if len(path) > MAX_DEPTH:
            raise _TooLarge(f"nested more than {MAX_DEPTH} levels deep")
        self.locations[path] = Location(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._build_mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._constructor.construct_object(node, deep=True)

    def _build_mapping(self, node: MappingNode, path: FieldPath) -> dict[Any, Any]:
        values: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                key = str(key)
            where = Location(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in values:
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
            self.key_locations[(*path, key)] = where
            values[key] = self.build(value_node, (*path, key))
        return values


def iter_data_files(folder: Path) -> Iterator[Path]:
    """The YAML files in a folder, in a stable order so the same data gives the same output."""
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


VOCABULARY_NAMES = ("muscles", "equipment", "joints", "categories", "patterns", "sources", "goals", "poses")


@dataclass
class DataDocuments:
    """Every data file of a guide, read but not yet checked against the models.

    With an overlay, a vocabulary has one document per folder (bundled first), and an exercise or
    routine file in the overlay replaces the bundled file of the same id.
    """

    vocabularies: dict[str, list[Document]] = field(default_factory=dict)
    exercises: list[Document] = field(default_factory=list)
    routines: list[Document] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    """Ids of files that could not be read: references to them are not reported a second time."""


def load_data_folder(data_dir: Path, overlay: Path | None = None) -> tuple[DataDocuments, list[Problem]]:
    """Read the vocabularies, exercises and routines, collecting problems instead of stopping."""
    documents = DataDocuments()
    problems: list[Problem] = []
    folders = [data_dir] if overlay is None else [data_dir, overlay]
    for name in VOCABULARY_NAMES:
        documents.vocabularies[name] = []
        for folder in folders:
            path = folder / f"{name}.yaml"
            if not path.is_file():
                if folder == data_dir:
                    problems.append(
                        Problem(display_path(path), 1, 1, "(file)", "vocabulary file is missing", "create it")
                    )
                continue
            document, found = _load_inside(path, folder)
            problems += found
            if document is not None:
                documents.vocabularies[name].append(document)
    for kind, collected in (("exercises", documents.exercises), ("routines", documents.routines)):
        by_id: dict[str, Document] = {}
        for folder in folders:
            in_folder: dict[str, Path] = {}
            for path in iter_data_files(folder / kind):
                if path.stem in in_folder:
                    first = display_path(in_folder[path.stem])
                    problems.append(
                        Problem(
                            display_path(path),
                            1,
                            1,
                            "(file)",
                            f"'{path.stem}' is already defined by {first}",
                            "keep one",
                        )
                    )
                    continue
                in_folder[path.stem] = path
                document, found = _load_inside(path, folder)
                problems += found
                if document is None:
                    documents.unreadable.add(path.stem)
                else:
                    by_id[path.stem] = document
        collected += [by_id[key] for key in sorted(by_id)]
    return documents, problems


def _load_inside(path: Path, folder: Path) -> tuple[Document | None, list[Problem]]:
    """Load a data file, refusing one that is a link to somewhere outside its data folder."""
    if not path.resolve().is_relative_to(folder.resolve()):
        problem = Problem(
            display_path(path), 1, 1, "(file)", "links to a file outside the data folder", "copy the file in instead"
        )
        return None, [problem]
    return load_document(path)
