"""`exguide import`: turn free-exercise-db data into a club data folder that layers over the guide's own."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from generator.authoring.club import bundled_guide
from generator.authoring.free_exercise_db import SOURCE_ID, SourceError, read_source
from generator.authoring.import_convert import Guide, ImportResult, convert_exercises
from generator.reading.datafile import display_path
from generator.reading.load import iter_data_files
from generator.reading.validate import ID_PATTERN

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2
IMPORT_SOURCES = (SOURCE_ID,)
EXERCISE_HEADER = "# yaml-language-server: $schema=../../schema/exercise.schema.json\n"
VOCABULARY_HEADER = "# yaml-language-server: $schema=../schema/{name}.schema.json\n"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_UNREADABLE = object()
_SEQUENCE, _MAPPING = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class OverlayError(Exception):
    """A file already in the club folder stops the import; the message is the one line the user sees."""


def configure_import_parser(parser: argparse.ArgumentParser) -> None:
    """The arguments of `exguide import SOURCE FILE --into DIR`."""
    parser.add_argument("source", choices=IMPORT_SOURCES, help="the format of FILE")
    parser.add_argument("file", type=Path, help="the file to import, e.g. free-exercise-db's exercises.json")
    parser.add_argument(
        "--into", type=Path, required=True, metavar="DIR", help="the club data folder to write (created if missing)"
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="the data folder DIR is layered over (default: the bundled guide's)"
    )


def run_import(args: argparse.Namespace) -> int:
    """Read, convert, write; then print what had no exguide counterpart and what was imported."""
    source_file: Path = args.file
    into: Path = args.into
    data_dir: Path = args.data or bundled_guide() / "data"
    if not (data_dir / "exercises").is_dir():
        print(
            f"{display_path(data_dir)}: no exercises folder (give the guide's data folder with --data)", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        records = read_source(source_file)
        result = convert_exercises(records, read_guide(data_dir, into), display_path(source_file))
        write_files(plan_files(result, into))
    except (SourceError, OverlayError) as error:
        print(error, file=sys.stderr)
        return EXIT_DATA_ERROR
    except OSError as error:
        print(f"{display_path(Path(error.filename or source_file))}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    for line in result.report:
        print(line, file=sys.stderr)
    print(f"imported {len(result.exercises)} exercises into {display_path(into)} ({result.skipped} skipped)")
    return EXIT_OK


def read_guide(data_dir: Path, into: Path) -> Guide:
    """The guide's exercises and vocabularies, and the club's exercises that no earlier import wrote."""
    guide = Guide()
    for name in ("muscles", "equipment", "sources"):
        entries = _read_yaml(data_dir / f"{name}.yaml")
        guide.vocabularies[name] = set(entries) if isinstance(entries, dict) else set()
    for folder, in_club in ((data_dir, False), (into, True)):
        for path in iter_data_files(folder / "exercises"):
            exercise = _read_yaml(path)
            exercise = exercise if isinstance(exercise, dict) else {}
            if in_club and SOURCE_ID in (exercise.get("sources") or []):
                continue
            guide.ids[path.stem] = display_path(path)
            for name in [exercise.get("name"), *(exercise.get("aliases") or [])]:
                if isinstance(name, str):
                    guide.names.setdefault(name.casefold(), display_path(path))
    return guide


def _read_yaml(path: Path) -> Any:
    """A YAML file's value: None when there is no such file, _UNREADABLE when it is not YAML."""
    if not path.is_file():
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return _UNREADABLE


class _Dumper(yaml.SafeDumper):
    """Block YAML as the bundled data files are written: list items indented under their key, and
    collections of ids and numbers on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _ids_and_numbers(values: Iterable[Any]) -> bool:
    return all(isinstance(value, int) or (isinstance(value, str) and ID_PATTERN.match(value)) for value in values)


_Dumper.add_representer(
    list, lambda dumper, data: dumper.represent_sequence(_SEQUENCE, data, flow_style=_ids_and_numbers(data))
)
_Dumper.add_representer(
    dict, lambda dumper, data: dumper.represent_mapping(_MAPPING, data, flow_style=_ids_and_numbers(data.values()))
)


def dump_yaml(data: Any) -> str:
    """Data as YAML, keys in the order given, strings quoted only where YAML needs it."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def plan_files(result: ImportResult, into: Path) -> dict[Path, str]:
    """The text of every file to write. A vocabulary file the club already has keeps its entries and comments,
    and gains only the entries it lacks."""
    files = {
        into / "exercises" / f"{exercise_id}.yaml": EXERCISE_HEADER + dump_yaml(document)
        for exercise_id, document in result.exercises.items()
    }
    for name, entries in result.vocabularies.items():
        path = into / f"{name}.yaml"
        current = _read_yaml(path)
        if current is _UNREADABLE or not isinstance(current, dict | None):
            message = "is not a vocabulary of 'id: {name: …}' entries (fix it or move it away, then import again)"
            raise OverlayError(f"{display_path(path)}: (file): {message}")
        missing = {entry_id: entry for entry_id, entry in entries.items() if entry_id not in (current or {})}
        if missing:
            existing = path.read_text(encoding="utf-8") if path.is_file() else ""
            start = existing if existing.strip() else VOCABULARY_HEADER.format(name=name)
            files[path] = start + ("" if start.endswith("\n") else "\n") + dump_yaml(missing)
    return files


def write_files(files: dict[Path, str]) -> None:
    """Write each file whose text changed, so a watching `mkdocs serve` rebuilds only for real changes."""
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
