"""Turn free-exercise-db records into exguide exercise documents, and say what could not be carried over."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from generator.authoring.free_exercise_db import (
    CATEGORIES,
    EQUIPMENT,
    LEVELS,
    MUSCLES,
    NOT_IMPORTED,
    SOURCE_ID,
    STARTING_POSITION,
    UNMAPPED_HINTS,
    SourceExercise,
)
from generator.outputs.markup import template_environment

Document = dict[str, Any]


@dataclass
class Guide:
    """What an import must not clash with, and the vocabulary it need not add."""

    names: dict[str, str] = field(default_factory=dict)
    """Every exercise name and alias, case-folded, and the file that holds it."""
    ids: dict[str, str] = field(default_factory=dict)
    """Every exercise id and its file."""
    vocabularies: dict[str, set[str]] = field(default_factory=dict)
    """The ids the guide's muscles, equipment and sources already have."""


@dataclass
class ImportResult:
    """The exercise documents to write, the vocabulary entries they need, and what to tell the user."""

    exercises: dict[str, Document] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, Any]] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    skipped: int = 0


@dataclass(frozen=True)
class Skip:
    """Why one record was not imported: the source field at fault, what is wrong, and what it means."""

    field: str
    message: str
    hint: str


def convert_exercises(records: list[SourceExercise], guide: Guide, display: str) -> ImportResult:
    """Map every record that can be mapped; count each value that cannot, and say why each skip happened."""
    result = ImportResult()
    unmapped: Counter[tuple[str, str | None]] = Counter()
    owners = dict(guide.names)
    skips: list[str] = []
    for index, record in enumerate(records):
        unmapped.update(_unmapped_values(record))
        converted = _convert(record, guide, owners, result.exercises)
        if isinstance(converted, Skip):
            skips.append(f"{display}: [{index}].{converted.field}: {converted.message} (skipped: {converted.hint})")
        if not isinstance(converted, tuple):
            result.skipped += 1
            continue
        exercise_id, document = converted
        result.exercises[exercise_id] = document
        owners[record.name.casefold()] = f"{display} [{index}]"
    result.report = [*_unmapped_lines(unmapped, display), *_not_imported_lines(records, display), *skips]
    result.vocabularies = _needed_vocabulary(result.exercises, guide)
    return result


def _unmapped_values(record: SourceExercise) -> set[tuple[str, str | None]]:
    values: set[tuple[str, str | None]] = set()
    if LEVELS.get(record.level) is None:
        values.add(("level", record.level))
    if CATEGORIES.get(record.category) is None:
        values.add(("category", record.category))
    if EQUIPMENT.get(record.equipment) is None:
        values.add(("equipment", record.equipment))
    for name, muscles in (("primaryMuscles", record.primary_muscles), ("secondaryMuscles", record.secondary_muscles)):
        values |= {(name, muscle) for muscle in muscles if MUSCLES.get(muscle) is None}
    return values


def _unmapped_lines(unmapped: Counter[tuple[str, str | None]], display: str) -> list[str]:
    fields = list(UNMAPPED_HINTS)
    return [
        f"{display}: {name}: value {'null' if value is None else repr(value)} has no exguide counterpart"
        f" in {_count(count)} ({UNMAPPED_HINTS[name]})"
        for (name, value), count in sorted(unmapped.items(), key=lambda item: (fields.index(item[0][0]), str(item[0])))
    ]


def _not_imported_lines(records: list[SourceExercise], display: str) -> list[str]:
    counts = Counter(name for record in records for name in NOT_IMPORTED if getattr(record, name) not in (None, []))
    return [
        f"{display}: {name}: field has no exguide counterpart in {_count(counts[name])} ({hint})"
        for name, hint in NOT_IMPORTED.items()
        if counts[name]
    ]


def _count(count: int) -> str:
    return f"{count} exercise" if count == 1 else f"{count} exercises"


def _convert(
    record: SourceExercise, guide: Guide, owners: dict[str, str], imported: dict[str, Document]
) -> tuple[str, Document] | Skip | None:
    """The exercise's id and document; a Skip saying why not; None when the value report already says."""
    level, rule = LEVELS.get(record.level), CATEGORIES.get(record.category)
    if level is None or rule is None:
        return None
    steps = [step.strip() for step in record.instructions if step.strip()]
    muscle_words = [muscle for muscle in dict.fromkeys(record.primary_muscles) if MUSCLES.get(muscle)]
    primary = list(dict.fromkeys(str(MUSCLES[muscle]) for muscle in muscle_words))
    secondary = [
        muscle_id
        for muscle_id in dict.fromkeys(MUSCLES.get(muscle) for muscle in record.secondary_muscles)
        if muscle_id is not None and muscle_id not in primary
    ]
    exercise_id = slug(record.id)
    if not steps:
        return Skip("instructions", f"'{record.name}' has no instructions", "exguide needs at least one step")
    if not primary:
        return Skip("primaryMuscles", f"'{record.name}' has no muscle exguide knows", "exguide needs a primary muscle")
    if exercise_id in guide.ids:
        message = f"exercise id '{exercise_id}' is taken by {guide.ids[exercise_id]}"
        return Skip("id", message, "importing it would replace that exercise")
    if record.name.casefold() in owners:
        message = f"'{record.name}' already names {owners[record.name.casefold()]}"
        return Skip("name", message, "exguide gives each name to one exercise")
    unique_id, number = exercise_id, 1
    while unique_id in imported or unique_id in guide.ids:
        number += 1
        unique_id = f"{exercise_id}-{number}"
    equipment = EQUIPMENT.get(record.equipment)
    text = _sentences()
    setup, steps = _split_setup(steps)
    document: Document = {
        "name": record.name,
        "summary": _one_line(text.summary(level, rule.noun, muscle_words, equipment.phrase if equipment else "")),
        "difficulty": level,
        "category": rule.category,
        "laterality": "bilateral",
    }
    if equipment and equipment.ids:
        document["equipment"] = [{"id": equipment_id} for equipment_id in equipment.ids]
    document["muscles"] = {"primary": primary, **({"secondary": secondary} if secondary else {})}
    document["dosage"] = dict(rule.dosage)
    document["setup"] = setup or _one_line(text.setup())
    document["steps"] = steps
    document["sources"] = [SOURCE_ID]
    document["notes"] = _one_line(text.notes(record.id, record.category))
    return unique_id, document


def slug(source_id: str) -> str:
    """An exguide id from a free-exercise-db id: lowercase words joined by hyphens (`3_4_Sit-Up` → `3-4-sit-up`)."""
    words = "".join(character if character.isalnum() else " " for character in source_id.lower()).split()
    return "-".join(words)


def _split_setup(instructions: list[str]) -> tuple[str, list[str]]:
    """The instructions up to the one that names the starting position are the set-up; the rest are steps."""
    for index, instruction in enumerate(instructions[:-1]):
        if STARTING_POSITION.search(instruction):
            return " ".join(instructions[: index + 1]), instructions[index + 1 :]
    return "", instructions


@functools.cache
def _sentences() -> Any:
    """The template whose macros write the summary, set-up and notes sentences."""
    return template_environment(autoescape=False).get_template("imported_exercise.txt.j2").module


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


@functools.cache
def import_vocabulary() -> dict[str, dict[str, Any]]:
    """The entries an import may add to a club's vocabularies, keyed by vocabulary file name."""
    text = resources.files("generator").joinpath("assets/free_exercise_db.yaml").read_text(encoding="utf-8")
    entries: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return entries


def _needed_vocabulary(exercises: dict[str, Document], guide: Guide) -> dict[str, dict[str, Any]]:
    """The import's own entries that the exercises use and the guide lacks."""
    used = {
        "muscles": {muscle for e in exercises.values() for muscles in e["muscles"].values() for muscle in muscles},
        "equipment": {use["id"] for e in exercises.values() for use in e.get("equipment", [])},
        "sources": {SOURCE_ID},
    }
    return {
        name: {key: entry for key, entry in entries.items() if key in used[name] - guide.vocabularies.get(name, set())}
        for name, entries in import_vocabulary().items()
    }
