"""`exguide new`: start an exercise or routine file that validates as written and explains every field."""

from __future__ import annotations

import argparse
import functools
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment

from generator.authoring.catalogue import new_catalogue
from generator.authoring.club import CLUB_FILE, bundled_guide, is_club_folder
from generator.authoring.translation_files import existing_translations, language_name, translation_files
from generator.errors import EXIT_DATA_ERROR, EXIT_OK, EXIT_USAGE, DataError
from generator.outputs.languages import LANGUAGE_CODE
from generator.outputs.markup import template_environment
from generator.outputs.messages import LOCALE_FOLDER, MESSAGES_FILE
from generator.reading.datafile import display_path
from generator.reading.load import iter_data_files, load_data_folder, load_document
from generator.reading.models import DIFFICULTIES, Difficulty
from generator.reading.translations import I18N_FOLDER
from generator.reading.validate import ID_PATTERN

KINDS = ("exercise", "routine", "translation")

_NOT_ID = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019]")


def configure_new_parser(parser: argparse.ArgumentParser) -> None:
    """The arguments of `exguide new`: what to start, its name, and the data folder to write it in."""
    parser.add_argument(
        "kind", choices=KINDS, help="what to start: an exercise, a routine, or a translation of the guide"
    )
    parser.add_argument(
        "name",
        help='its name as people know it, e.g. "Glute Bridge" (the file name is made from it); '
        "for a translation, the language's code, e.g. de",
    )
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")


def run_new(args: argparse.Namespace) -> int:
    """Write the starting file, refusing a name that makes no file name or that the guide already uses."""
    kind: str = args.kind
    data_dir: Path = args.data
    if kind == "translation":
        return _new_translation(args.name.strip(), data_dir)
    name = " ".join(args.name.split())
    file_id = slugify(name)
    if not file_id:
        print(
            f"exguide new: {args.name!r} makes an empty file name (use a name with letters or digits)", file=sys.stderr
        )
        return EXIT_USAGE
    if _missing_folder(data_dir):
        return EXIT_USAGE
    target = data_dir / f"{kind}s" / f"{file_id}.yaml"
    guide = _read_guide(data_dir)
    refusal = _refusal(kind, name, target, guide)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_DATA_ERROR
    target.parent.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8") as file:
        file.write(_render_new_file(kind, name, guide))
    print(f"{display_path(target)}: written; replace its placeholders, then run `exguide validate`")
    return EXIT_OK


def slugify(name: str) -> str:
    """The id a name gives its file: lowercase ASCII words joined by hyphens ("Bob's Bridge" → bobs-bridge)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_ID.sub("-", _APOSTROPHES.sub("", ascii_name.lower())).strip("-")


def _render_new_file(kind: str, name: str, guide: _Guide) -> str:
    """The starting file's text: placeholders that validate, each field explained in a comment."""
    template = _template_environment().get_template(f"new/{kind}.yaml.j2")
    placeholder = _placeholder_exercise(guide) if kind == "routine" else None
    if placeholder is not None:
        exercise_id, difficulty = placeholder
        return template.render(name=name, exercise=exercise_id, difficulty=difficulty)
    return template.render(name=name)


def yaml_scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly `value`: plain where that is safe, quoted otherwise."""
    return yaml.safe_dump(value, allow_unicode=True, width=1_000_000).removesuffix("\n...\n").removesuffix("\n")


@functools.cache
def _template_environment() -> Environment:
    """YAML templates: every value written through yaml_scalar, so no name can break the file."""
    return template_environment(autoescape=False, finalize=yaml_scalar, keep_trailing_newline=True)


@dataclass(frozen=True)
class _Guide:
    """What a new file joins: the data folders a build reads together, and the exercises it shows."""

    folders: list[Path]
    exercises: dict[str, dict[str, Any]]


def _read_guide(data_dir: Path) -> _Guide:
    """The folder's guide; a club's data/ overlays the bundled guide, less the exercises club.yml hides.

    Files are read leniently, each exercise's fields as written: a file being edited may not validate yet.
    """
    folders, hidden = [data_dir], set[Any]()
    if is_club_folder(data_dir.parent):
        folders.insert(0, bundled_guide() / "data")
        club, _ = load_document(data_dir.parent / CLUB_FILE)
        hide = club.data.get("hide") if club is not None and isinstance(club.data, dict) else None
        listed = hide.get("exercises") if isinstance(hide, dict) else None
        hidden = {item for item in listed if isinstance(item, str)} if isinstance(listed, list) else set()
    exercises: dict[str, dict[str, Any]] = {}
    for folder in folders:
        for path in iter_data_files(folder / "exercises"):
            document, _ = load_document(path)
            if document is not None and isinstance(document.data, dict) and ID_PATTERN.match(path.stem):
                exercises[path.stem] = document.data
    return _Guide(folders, {key: exercises[key] for key in sorted(exercises) if key not in hidden})


def _refusal(kind: str, name: str, target: Path, guide: _Guide) -> str | None:
    """Why the new file would hide another or not validate, in one line; None when it can be written."""
    for folder in reversed(guide.folders):
        for existing in (folder / target.parent.name / (target.stem + suffix) for suffix in (".yaml", ".yml")):
            if existing.exists() and folder == guide.folders[-1]:
                return f"{display_path(existing)}: already exists (edit it, or choose another name)"
            if existing.exists():
                return (
                    f"{display_path(target)}: would replace the bundled guide's {kind} '{target.stem}'"
                    f" (to change that one, copy {existing} there; for a new one, choose another name)"
                )
    if kind == "routine" and _placeholder_exercise(guide) is None:
        return f"{display_path(target)}: no exercise for a routine to name yet (start one with `exguide new exercise`)"
    if kind == "exercise":
        for exercise_id, data in guide.exercises.items():
            aliases = data.get("aliases")
            names = [data.get("name"), *(aliases if isinstance(aliases, list) else [])]
            if any(isinstance(other, str) and other.casefold() == name.casefold() for other in names):
                return f"{display_path(target)}: '{name}' already names exercise '{exercise_id}' (choose another name)"
    return None


def _placeholder_exercise(guide: _Guide) -> tuple[str, Difficulty] | None:
    """An exercise a new routine can name and still validate: the easiest there is, then the first by id."""
    levels = [
        (DIFFICULTIES.index(data["difficulty"]), exercise_id)
        for exercise_id, data in guide.exercises.items()
        if data.get("difficulty") in DIFFICULTIES
    ]
    if not levels:
        return None
    level, exercise_id = min(levels)
    return exercise_id, DIFFICULTIES[level]


def _new_translation(language: str, data_dir: Path) -> int:
    """Write every translation file the language lacks, each text empty under the text it translates,
    and the language's catalogue of exguide's own messages."""
    if language_name(language) is None or not LANGUAGE_CODE.match(language):
        print(f"exguide new translation: '{language}' is not a language code (such as de or fr)", file=sys.stderr)
        return EXIT_USAGE
    if _missing_folder(data_dir):
        return EXIT_USAGE
    guide = _read_guide(data_dir)
    overlay = guide.folders[1] if len(guide.folders) > 1 else None
    documents, problems = load_data_folder(guide.folders[0], overlay)
    if problems:
        raise DataError(problems)
    folder = data_dir / I18N_FOLDER / language
    written = []
    for path, text in translation_files(documents, language, existing_translations(guide.folders, language)).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    catalogue = folder / MESSAGES_FILE
    if not catalogue.exists() and not (LOCALE_FOLDER / f"{language}.po").exists():
        catalogue.parent.mkdir(parents=True, exist_ok=True)
        catalogue.write_text(new_catalogue(language), encoding="utf-8")
        written.append(catalogue)
    if not written:
        print(f"{display_path(folder)}: every file is there already (`exguide translate status` lists what is left)")
        return EXIT_OK
    print(f"{display_path(folder)}: {len(written)} files written; fill in their texts, then run `exguide validate`")
    return EXIT_OK


def _missing_folder(data_dir: Path) -> bool:
    """Say so when the data folder does not exist."""
    if data_dir.is_dir():
        return False
    hint = "run exguide in the guide's folder, or give --data"
    print(f"{display_path(data_dir)}: no such folder ({hint})", file=sys.stderr)
    return True
