"""Open data: the guide's exercises and routines as two versioned JSON files that other tools can read.

The models below are the format's definition: `open_data_schemas` publishes them as JSON Schemas,
and content/open-data.md explains them. Additive changes keep FORMAT_VERSION; anything that
removes, renames or changes the meaning of a field raises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import metadata
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, Field, TypeAdapter

from generator.catalog.link import Catalog
from generator.catalog.routines import PlannedItem
from generator.outputs.routes import Routes
from generator.reading import models

FORMAT_VERSION: Final = 1


class _Record(BaseModel):
    """Every field is always written (null or [] when empty); readers ignore fields they do not know."""


class Named(_Record):
    """A vocabulary entry: its id and the name the guide shows for it."""

    id: models.Id
    name: str


class EquipmentUse(Named):
    optional: bool = Field(description="True when the exercise can be done without it.")


class JointUse(Named):
    role: models.JointWork = Field(
        description="What the exercise trains at this joint: its range (mobility), holding it steady under "
        "load (stability) or moving it against a load (strength)."
    )


class Muscles(_Record):
    primary: list[Named] = Field(description="The muscles that drive the movement.")
    secondary: list[Named] = Field(description="The muscles that assist or steady it.")


class Dosage(_Record):
    """How much to do. One of reps, duration_s and distance_m is set; the others are null."""

    sets: int | None = Field(description="Sets; null inside a circuit, whose rounds say how many.")
    reps: int | None = Field(description="Repetitions in each set.")
    hold_s: int | None = Field(description="Seconds to hold each repetition.")
    duration_s: int | None = Field(description="Seconds in each set.")
    distance_m: int | None = Field(description="Metres in each set.")
    per_side: bool = Field(description="True when each side does the whole dose.")
    rest_s: int | None = Field(description="Seconds of rest between sets; null inside a circuit.")


class Mistake(_Record):
    mistake: str
    fix: str


class Variation(_Record):
    name: str
    description: str


class Source(_Record):
    """An article the facts come from, with only what the article itself shows."""

    id: models.Id
    name: str = Field(description="How the guide names the article: its title, or a plain description.")
    title: str | None = Field(description="The article's own title; null when it shows none.")
    author: str | None
    publisher: str | None
    published: str | None = Field(description="The publication date the article shows (YYYY-MM-DD).")
    url: str | None


class Exercise(_Record):
    id: models.Id = Field(description="Stable id: the data file's name. Other entries refer to the exercise by it.")
    url: str = Field(description="The exercise's page: absolute when the site's address is set, else from the root.")
    name: str
    aliases: list[str] = Field(description="Other names people know it by.")
    summary: str
    difficulty: models.Difficulty
    category: Named
    pattern: Named | None = Field(description="The movement pattern it trains.")
    laterality: models.Laterality
    equipment: list[EquipmentUse]
    muscles: Muscles
    joints: list[JointUse]
    dosage: Dosage = Field(description="The default dose; routines may change it.")
    setup: str
    steps: list[str] = Field(description="In the order they are done.")
    cues: list[str]
    mistakes: list[Mistake]
    safety: list[str]
    progressions: list[models.Id] = Field(description="Ids of harder exercises to move on to.")
    regressions: list[models.Id] = Field(
        description="Ids of easier exercises: those that list this one as a progression."
    )
    variations: list[Variation]
    sources: list[Source] = Field(description="Empty when it follows the editors' own coaching practice.")
    notes: str | None = Field(description="Editorial notes, e.g. where sources disagree.")


class ExercisesFile(_Record):
    """exercises.json: every exercise in the guide, by id."""

    format: Literal["exguide-exercises"]
    version: Literal[1] = Field(description="Raised only by a change that is not additive.")
    generator: str = Field(description="The exguide release that wrote the file.")
    exercises: list[Exercise]


class RoutineExercise(_Record):
    """One exercise of a routine, at the dose the routine asks for."""

    type: Literal["exercise"]
    exercise: models.Id = Field(description="An exercise id from exercises.json.")
    dosage: Dosage
    note: str | None = Field(description="An instruction for this routine only.")


class RoutineCircuit(_Record):
    """Exercises done back to back, one set of each, for a number of rounds."""

    type: Literal["circuit"]
    name: str
    rounds: int
    rest_s: int = Field(description="Seconds of rest after each round.")
    items: list[RoutineExercise]


class RoutineBlock(_Record):
    """A part of the session, such as the warm-up; its items are done in order."""

    name: str
    items: list[Annotated[RoutineExercise | RoutineCircuit, Field(discriminator="type")]]


class RoutineEquipment(_Record):
    required: list[Named]
    optional: list[Named] = Field(description="Used by some exercises but not needed.")


class Sessions(_Record):
    min: int
    max: int


class Routine(_Record):
    id: models.Id = Field(description="Stable id: the data file's name.")
    url: str = Field(description="The routine's page: absolute when the site's address is set, else from the root.")
    name: str
    summary: str
    difficulty: models.Difficulty
    goal: Named
    per_week: Sessions = Field(description="How many sessions a week.")
    weeks: Sessions = Field(description="For how many weeks, before moving on.")
    minutes: int = Field(description="About how long one session takes, worked out from the doses and rests.")
    equipment: RoutineEquipment
    blocks: list[RoutineBlock]
    next: models.Id | None = Field(description="The id of the routine to move on to.")
    sources: list[Source]
    notes: str | None


class RoutinesFile(_Record):
    """routines.json: every routine in the guide, by id."""

    format: Literal["exguide-routines"]
    version: Literal[1] = Field(description="Raised only by a change that is not additive.")
    generator: str = Field(description="The exguide release that wrote the file.")
    routines: list[Routine]


OPEN_DATA_MODELS: dict[str, type[_Record]] = {"exercises": ExercisesFile, "routines": RoutinesFile}


_NAMED_PARTS = ("muscles", "equipment", "joints", "categories", "patterns", "sources")
"""What an exercise's record names besides the exercise itself."""


@dataclass
class OpenDataMemory:
    """The exercise records of the last build, each with what it was made from and its JSON: a preview's
    rebuild makes again only the records of exercises that changed (models are frozen and kept, see
    ValidationCache)."""

    named: tuple[Any, ...] = ()
    records: dict[str, tuple[object, tuple[str, ...], str, bytes]] = field(default_factory=dict)

    def record_json(self, catalog: Catalog, exercise_id: str, url: str) -> bytes:
        """The exercise's record as exercises.json lists it."""
        exercise, regressions = catalog.exercises[exercise_id], tuple(catalog.regressions.get(exercise_id, []))
        last = self.records.get(exercise_id)
        if last is not None and last[0] is exercise and last[1:3] == (regressions, url):
            return last[3]
        made = _listed_json(_exercise(catalog, exercise_id, url))
        self.records[exercise_id] = (exercise, regressions, url, made)
        return made

    def start(self, catalog: Catalog) -> None:
        """Forget every record when a name they show changed, and the records of exercises no longer there."""
        named = tuple(getattr(catalog, part) for part in _NAMED_PARTS)
        if named != self.named:
            self.named, self.records = named, {}
        self.records = {key: value for key, value in self.records.items() if key in catalog.exercises}


OPEN_DATA_FILES = ("exercises.json", "routines.json")


def open_data_files(catalog: Catalog, routes: Routes, memory: OpenDataMemory | None = None) -> dict[str, bytes]:
    """exercises.json and routines.json for the site's root: the same catalogue gives the same bytes.

    Each record's url is the page's full address, or its URL from the site's root without one.
    """
    generator = f"exguide {metadata.version('exguide')}"
    url = routes.address_or_url
    memory = memory or OpenDataMemory()
    memory.start(catalog)

    exercises = ExercisesFile(format="exguide-exercises", version=FORMAT_VERSION, generator=generator, exercises=[])
    records = [
        memory.record_json(catalog, exercise_id, url("exercises", exercise_id))
        for exercise_id in sorted(catalog.exercises)
    ]
    routines = RoutinesFile(
        format="exguide-routines",
        version=FORMAT_VERSION,
        generator=generator,
        routines=[
            _routine(catalog, routine_id, url("routines", routine_id)) for routine_id in sorted(catalog.routines)
        ],
    )
    return dict(zip(OPEN_DATA_FILES, (_json_bytes(exercises, records), _json_bytes(routines)), strict=True))


def open_data_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each open data file, keyed by the schema's file name."""
    return {
        f"{name}.schema.json": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **TypeAdapter(model).json_schema(),
            "title": f"exguide open data: {name}.json",
        }
        for name, model in OPEN_DATA_MODELS.items()
    }


def _json_bytes(document: _Record, listed: list[bytes] | None = None) -> bytes:
    """Key order as the models declare it; the JSON encoder escapes every string from the data.

    With `listed`, the records of the document's last field, an empty list in `document`, each already
    made by `_listed_json`: the file is the same as with the records in the document."""
    text = document.model_dump_json(indent=1)
    if not listed:
        return text.encode("utf-8") + b"\n"
    assert text.endswith(_EMPTY_LAST_LIST), "the records are the document's last field"
    return b"".join((text[: -len(_EMPTY_LAST_LIST)].encode("utf-8"), b"[\n", b",\n".join(listed), b"\n ]\n}\n"))


_EMPTY_LAST_LIST = "[]\n}"


def _listed_json(record: _Record) -> bytes:
    """A record as the list of a document's last field holds it, two levels in (see `_json_bytes`); JSON
    writes a line break within a string as `\\n`, so every line break is the layout's."""
    return ("  " + record.model_dump_json(indent=1).replace("\n", "\n  ")).encode("utf-8")


def _named(entries: dict[str, Any], entry_id: str) -> Named:
    return Named(id=entry_id, name=entries[entry_id].name)


def _all_named(entries: dict[str, Any], ids: list[str]) -> list[Named]:
    return [_named(entries, entry_id) for entry_id in ids]


def _sources(catalog: Catalog, ids: list[str]) -> list[Source]:
    return [_source(source_id, catalog.sources[source_id]) for source_id in ids]


def _source(source_id: str, source: models.Source) -> Source:
    return Source(
        id=source_id,
        name=source.cited_as,
        title=source.title,
        author=source.author,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
    )


def _dosage(dosage: models.Dosage, in_circuit: bool = False) -> Dosage:
    return Dosage(
        sets=None if in_circuit else dosage.sets,
        reps=dosage.reps,
        hold_s=dosage.hold_s,
        duration_s=dosage.duration_s,
        distance_m=dosage.distance_m,
        per_side=dosage.per_side,
        rest_s=None if in_circuit else dosage.rest_s,
    )


def _exercise(catalog: Catalog, exercise_id: str, url: str) -> Exercise:
    exercise = catalog.exercises[exercise_id]
    return Exercise(
        id=exercise_id,
        url=url,
        name=exercise.name,
        aliases=exercise.aliases,
        summary=exercise.summary,
        difficulty=exercise.difficulty,
        category=_named(catalog.categories, exercise.category),
        pattern=_named(catalog.patterns, exercise.pattern) if exercise.pattern else None,
        laterality=exercise.laterality,
        equipment=[
            EquipmentUse(id=use.id, name=catalog.equipment[use.id].name, optional=use.optional)
            for use in exercise.equipment
        ],
        muscles=Muscles(
            primary=_all_named(catalog.muscles, exercise.muscles.primary),
            secondary=_all_named(catalog.muscles, exercise.muscles.secondary),
        ),
        joints=[JointUse(id=use.id, name=catalog.joints[use.id].name, role=use.role) for use in exercise.joints],
        dosage=_dosage(exercise.dosage),
        setup=exercise.setup,
        steps=exercise.steps,
        cues=exercise.cues,
        mistakes=[Mistake(mistake=item.mistake, fix=item.fix) for item in exercise.mistakes],
        safety=exercise.safety,
        progressions=exercise.progressions,
        regressions=catalog.regressions.get(exercise_id, []),
        variations=[Variation(name=item.name, description=item.description) for item in exercise.variations],
        sources=_sources(catalog, exercise.sources),
        notes=exercise.notes,
    )


def _routine(catalog: Catalog, routine_id: str, url: str) -> Routine:
    routine, plan = catalog.routines[routine_id], catalog.plans[routine_id]
    blocks = [
        RoutineBlock(
            name=block_name,
            items=[
                RoutineCircuit(
                    type="circuit",
                    name=group.circuit.name,
                    rounds=group.circuit.rounds,
                    rest_s=group.circuit.rest_s,
                    items=[_routine_exercise(item, in_circuit=True) for item in group.items],
                )
                if group.circuit is not None
                else _routine_exercise(group.items[0])
                for group in groups
            ],
        )
        for block_name, groups in plan.blocks
    ]
    return Routine(
        id=routine_id,
        url=url,
        name=routine.name,
        summary=routine.summary,
        difficulty=routine.difficulty,
        goal=_named(catalog.goals, routine.goal),
        per_week=_sessions(routine.per_week),
        weeks=_sessions(routine.weeks),
        minutes=plan.minutes,
        equipment=RoutineEquipment(
            required=_all_named(catalog.equipment, plan.equipment_required),
            optional=_all_named(catalog.equipment, plan.equipment_optional),
        ),
        blocks=blocks,
        next=routine.next,
        sources=_sources(catalog, routine.sources),
        notes=routine.notes,
    )


def _routine_exercise(item: PlannedItem, in_circuit: bool = False) -> RoutineExercise:
    return RoutineExercise(
        type="exercise", exercise=item.exercise_id, dosage=_dosage(item.dosage, in_circuit), note=item.note
    )


def _sessions(value: models.Range) -> Sessions:
    return Sessions(min=value.min, max=value.max)
