"""The free-exercise-db format: its records, how to read them, and the table that maps its values to exguide ids.

The mapping is data, one row per value the source's schema allows, so a reviewer can check each row
against data/*.yaml and generator/assets/free_exercise_db.yaml. A value mapped to None has no exguide
counterpart: the import reports it with the count of exercises affected, never guesses one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from generator.reading.datafile import format_field
from generator.reading.models import Difficulty

SOURCE_ID = "free-exercise-db"
"""The id of the source entry every imported exercise cites."""

LEVELS: dict[str, Difficulty | None] = {
    "beginner": "beginner",
    "intermediate": "intermediate",
    "expert": "advanced",
}


@dataclass(frozen=True)
class CategoryRule:
    """Where a free-exercise-db category lands in exguide, and the dose an imported exercise starts with."""

    category: str
    """The exguide category id (data/categories.yaml)."""
    noun: str
    """What the generated summary calls one exercise of the category."""
    dosage: dict[str, int]
    """exguide's default dose: the source gives none, so each file's notes say this is a default."""


CATEGORIES: dict[str, CategoryRule | None] = {
    "strength": CategoryRule("strength", "strength exercise", {"sets": 3, "reps": 10, "rest_s": 60}),
    "powerlifting": CategoryRule("strength", "powerlifting exercise", {"sets": 3, "reps": 5, "rest_s": 120}),
    "olympic weightlifting": CategoryRule("strength", "weightlifting exercise", {"sets": 3, "reps": 3, "rest_s": 120}),
    "strongman": CategoryRule("strength", "strongman exercise", {"sets": 3, "duration_s": 30, "rest_s": 120}),
    "stretching": CategoryRule("stretch", "stretch", {"sets": 2, "duration_s": 30, "rest_s": 0}),
    "plyometrics": CategoryRule("plyometric", "plyometric exercise", {"sets": 3, "reps": 8, "rest_s": 60}),
    "cardio": CategoryRule("conditioning", "cardio exercise", {"sets": 1, "duration_s": 600, "rest_s": 0}),
}


@dataclass(frozen=True)
class EquipmentRule:
    """The exguide equipment ids a free-exercise-db value stands for, and how the summary names it."""

    ids: tuple[str, ...]
    """Ids from data/equipment.yaml or the import's own entries; empty for no equipment."""
    phrase: str
    """The end of the generated summary, after the muscles."""


EQUIPMENT: dict[str | None, EquipmentRule | None] = {
    "body only": EquipmentRule((), "with no equipment"),
    "dumbbell": EquipmentRule(("dumbbell",), "using dumbbells"),
    "barbell": EquipmentRule(("barbell",), "using a barbell"),
    "kettlebells": EquipmentRule(("kettlebell",), "using a kettlebell"),
    "cable": EquipmentRule(("cable-machine",), "on a cable machine"),
    "bands": EquipmentRule(("long-band",), "with a resistance band"),
    "foam roll": EquipmentRule(("foam-roller",), "on a foam roller"),
    "exercise ball": EquipmentRule(("stability-ball",), "with a stability ball"),
    "machine": EquipmentRule(("machine",), "on a weight machine"),
    "medicine ball": EquipmentRule(("medicine-ball",), "with a medicine ball"),
    "e-z curl bar": EquipmentRule(("ez-curl-bar",), "using an EZ curl bar"),
    "other": None,
    None: None,
}

MUSCLES: dict[str, str | None] = {
    "glutes": "gluteus-maximus",
    "hamstrings": "hamstrings",
    "quadriceps": "quadriceps",
    "calves": "calves",
    "adductors": "adductors",
    "abductors": "gluteus-medius",
    "abdominals": "abdominals",
    "lower back": "erector-spinae",
    "lats": "latissimus-dorsi",
    "traps": "trapezius",
    "middle back": "rhomboids",
    "chest": "pectorals",
    "shoulders": "deltoids",
    "biceps": "biceps",
    "triceps": "triceps",
    "forearms": "forearms",
    "neck": "neck",
}

UNMAPPED_HINTS: dict[str, str] = {
    "level": "skipped: exguide needs a difficulty",
    "category": "skipped: exguide needs a category",
    "equipment": "imported without equipment: add what they need by hand",
    "primaryMuscles": "left out of the imported exercises",
    "secondaryMuscles": "left out of the imported exercises",
}
"""What happens to the exercises that use a value mapped to None or missing from the tables above."""

NOT_IMPORTED: dict[str, str] = {
    "force": "not imported: exguide describes the movement in its steps",
    "mechanic": "not imported: exguide describes the movement in its steps",
    "images": "not imported: exguide draws its own figures",
}
"""Source fields with no exguide field at all, and why leaving them out loses nothing a reader needs."""

STARTING_POSITION = re.compile(r"\b(this|that) (will be|is) (your|the) start(ing)? position\b", re.IGNORECASE)
"""The sentence with which free-exercise-db ends its set-up: the instructions up to it become the set-up."""

SourceId = Annotated[str, StringConstraints(pattern=r"^[0-9a-zA-Z_-]*[0-9a-zA-Z][0-9a-zA-Z_-]*$")]


class SourceExercise(BaseModel):
    """One free-exercise-db record: the fields the import reads, checked as its schema.json describes."""

    model_config = ConfigDict(strict=True, frozen=True, populate_by_name=True)

    id: SourceId
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    level: str
    category: str
    equipment: str | None
    primary_muscles: list[str] = Field(alias="primaryMuscles")
    secondary_muscles: list[str] = Field(alias="secondaryMuscles")
    instructions: list[str]
    force: str | None = None
    mechanic: str | None = None
    images: list[str] = Field(default_factory=list)


class SourceError(Exception):
    """The file is not free-exercise-db JSON; the message is the one line the user sees."""


_NOT_THE_FORMAT = "not free-exercise-db JSON: see its schema.json"


def read_source(path: Path) -> list[SourceExercise]:
    """Every record in a free-exercise-db exercises.json, or a SourceError naming the first thing wrong."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SourceError(f"{path}: (file): not UTF-8 text ({_NOT_THE_FORMAT})") from None
    except json.JSONDecodeError as error:
        raise SourceError(f"{path}:{error.lineno}:{error.colno}: (file): not JSON: {error.msg}") from None
    try:
        return TypeAdapter(list[SourceExercise]).validate_python(data)
    except ValidationError as error:
        raise SourceError(_explain(path, error.errors()[0])) from None


def _explain(path: Path, detail: ErrorDetails) -> str:
    where = format_field(tuple(detail["loc"]))
    kind, given = detail["type"], detail.get("input")
    if kind == "missing":
        message = "required field is missing"
    elif kind.endswith("_type"):
        message = f"expected {_EXPECTED.get(kind, kind[:-5])}, got {_json_type(given)}"
    elif kind == "string_pattern_mismatch":
        message = f"'{given}' is not a free-exercise-db id"
    else:
        message = detail["msg"][:1].lower() + detail["msg"][1:]
    return f"{path}: {where}: {message} ({_NOT_THE_FORMAT})"


_EXPECTED = {"list_type": "a list", "string_type": "text", "model_type": "an object", "dict_type": "an object"}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"
