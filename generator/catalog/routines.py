"""Link stage for routines: resolve their exercises and work out time, equipment and what they train.

Every number a routine page shows is computed here from the exercise data, never typed twice.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.errors import Problem, did_you_mean
from generator.reading.datafile import Document, FieldPath
from generator.reading.models import DIFFICULTIES, Circuit, Dosage, Exercise, Routine, RoutineItem

SECONDS_PER_REP = 3
"""One controlled repetition, there and back."""
SECONDS_PER_METRE = 0.3
"""Hard running, a little over 3 metres a second, for doses given as a distance."""
SIDE_SWITCH_S = 5
"""Changing to the other side between the two halves of a per-side set."""
TRANSITION_S = 20
"""Moving to the next exercise and setting up."""

REPLACED_BY = {
    "reps": ("duration_s", "distance_m"),
    "duration_s": ("reps", "hold_s", "distance_m"),
    "distance_m": ("reps", "hold_s", "duration_s"),
}
"""A routine that gives one measure drops the exercise's other measures (reps keep their hold)."""


@dataclass(frozen=True)
class PlannedItem:
    """One exercise in a routine, with the dosage it is actually done at."""

    exercise_id: str
    dosage: Dosage
    note: str | None
    label: str


@dataclass(frozen=True)
class PlannedGroup:
    """A block's entry: a single exercise, or a circuit of several done in rounds."""

    items: list[PlannedItem]
    circuit: Circuit | None = None


@dataclass
class RoutinePlan:
    """What a routine page shows that is worked out rather than written."""

    blocks: list[tuple[str, list[PlannedGroup]]]
    total_s: int
    exercise_ids: list[str]
    equipment_required: list[str]
    equipment_optional: list[str]
    muscles_primary: list[str]
    muscles_secondary: list[str]
    joints: list[str]
    previous: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.total_s / 60))

    @property
    def items(self) -> list[PlannedItem]:
        """Every exercise of the routine in the order it is done, as its page, sheet and player give it."""
        return [item for _, groups in self.blocks for group in groups for item in group.items]


@dataclass(frozen=True)
class RoutinePlace:
    """One place an exercise takes in a routine: its number there, and the exercises before and after it."""

    routine_id: str
    item: PlannedItem
    previous: PlannedItem | None
    next: PlannedItem | None
    position: int
    """Counted from 1, out of `count`."""
    count: int


def routine_places(plans: dict[str, RoutinePlan]) -> dict[str, list[RoutinePlace]]:
    """Every place each exercise takes in a routine, by exercise id; an exercise done twice in a routine
    has two places there."""
    places: dict[str, list[RoutinePlace]] = {}
    for routine_id, plan in plans.items():
        items = plan.items
        for index, item in enumerate(items):
            place = RoutinePlace(
                routine_id,
                item,
                items[index - 1] if index else None,
                items[index + 1] if index + 1 < len(items) else None,
                index + 1,
                len(items),
            )
            places.setdefault(item.exercise_id, []).append(place)
    return places


DOSAGE_FIELDS = tuple(Dosage.model_fields)
"""A dose's fields, which a routine's item may set (read once: pydantic builds the mapping on each access)."""


def effective_dosage(default: Dosage, item: RoutineItem) -> Dosage:
    """The exercise's default dosage with the routine's overrides; a new measure replaces the old one."""
    given = {name: getattr(item, name) for name in DOSAGE_FIELDS if getattr(item, name, None) is not None}
    update: dict[str, object] = {}
    for measure, replaced in REPLACED_BY.items():
        if measure in given:
            update |= dict.fromkeys(replaced)
    return default.model_copy(update=update | given)


def work_seconds(dosage: Dosage) -> float:
    """One set's working time, both sides included, without rest."""
    if dosage.reps is not None:
        per_side: float = dosage.reps * (SECONDS_PER_REP + (dosage.hold_s or 0))
    elif dosage.duration_s is not None:
        per_side = dosage.duration_s
    else:
        per_side = (dosage.distance_m or 0) * SECONDS_PER_METRE
    return per_side * 2 + SIDE_SWITCH_S if dosage.per_side else per_side


def group_seconds(group: PlannedGroup) -> float:
    """Time for a single exercise (sets with rest between) or a circuit (rounds with rest between)."""
    if group.circuit is None:
        dosage = group.items[0].dosage
        return dosage.sets * work_seconds(dosage) + (dosage.sets - 1) * dosage.rest_s + TRANSITION_S
    rounds = group.circuit.rounds
    one_round = sum(work_seconds(item.dosage) + TRANSITION_S for item in group.items)
    return rounds * one_round + (rounds - 1) * group.circuit.rest_s


def plan_routines(
    routines: dict[str, Routine],
    exercises: dict[str, Exercise],
    documents: dict[str, Document],
    known_goals: set[str],
    invalid_ids: set[str],
    hidden_ids: frozenset[str] = frozenset(),
    unread_kinds: frozenset[str] = frozenset(),
) -> tuple[dict[str, RoutinePlan], list[Problem]]:
    """Plan every routine, reporting references that do not resolve and levels that do not fit.

    References to a kind that could not be read at all (`unread_kinds`: goals, routines, exercises) are
    not reported: the file or folder that could not be read already is.
    """
    plans: dict[str, RoutinePlan] = {}
    problems: list[Problem] = []
    for routine_id, routine in routines.items():
        document = documents[routine_id]
        found = _check_routine(
            routine_id, routine, routines, exercises, document, known_goals, invalid_ids | hidden_ids, unread_kinds
        )
        found += [
            document.problem(
                (*path, "exercise"),
                f"exercise '{item.exercise}' is hidden by the club",
                "hide this routine too, or put your own version of it in the club's data/routines/",
            )
            for path, item, _ in _items_with_paths(routine)
            if item.exercise in hidden_ids
        ]
        problems += found
        resolved = all(item.exercise in exercises for _, item, _ in _items_with_paths(routine))
        if not found and resolved:
            plans[routine_id] = _plan(routine, exercises)
    for routine_id, routine in routines.items():
        if routine.next in plans:
            plans[routine.next].previous.append(routine_id)
    return plans, problems


def _items_with_paths(routine: Routine) -> list[tuple[FieldPath, RoutineItem, bool]]:
    found: list[tuple[FieldPath, RoutineItem, bool]] = []
    for b, block in enumerate(routine.blocks):
        for i, entry in enumerate(block.items):
            if isinstance(entry, Circuit):
                for c, item in enumerate(entry.circuit):
                    found.append((("blocks", b, "items", i, "circuit", c), item, True))
            else:
                found.append((("blocks", b, "items", i), entry, False))
    return found


def _check_routine(
    routine_id: str,
    routine: Routine,
    routines: dict[str, Routine],
    exercises: dict[str, Exercise],
    document: Document,
    known_goals: set[str],
    invalid_ids: set[str],
    unread_kinds: frozenset[str],
) -> list[Problem]:
    problems: list[Problem] = []
    if routine.goal not in known_goals and "goals" not in unread_kinds:
        problems.append(
            document.problem(("goal",), f"unknown goal '{routine.goal}'", did_you_mean(routine.goal, known_goals))
        )
    if (
        routine.next is not None
        and routine.next not in routines
        and routine.next not in invalid_ids
        and "routines" not in unread_kinds
    ):
        problems.append(
            document.problem(("next",), f"unknown routine '{routine.next}'", did_you_mean(routine.next, routines))
        )
    if routine.next == routine_id:
        problems.append(document.problem(("next",), "a routine cannot lead to itself", "name a different routine"))
    level = DIFFICULTIES.index(routine.difficulty)
    for path, item, in_circuit in _items_with_paths(routine):
        exercise = exercises.get(item.exercise)
        if exercise is None:
            if item.exercise not in invalid_ids and "exercises" not in unread_kinds:
                hint = did_you_mean(item.exercise, exercises)
                problems.append(document.problem((*path, "exercise"), f"unknown exercise '{item.exercise}'", hint))
            continue
        if in_circuit and item.sets is not None:
            problems.append(
                document.problem((*path, "sets"), "sets inside a circuit", "the circuit's rounds set how many")
            )
        if DIFFICULTIES.index(exercise.difficulty) > level:
            problems.append(
                document.problem(
                    (*path, "exercise"),
                    f"'{item.exercise}' is {exercise.difficulty} but the routine is {routine.difficulty}",
                    "raise the routine's difficulty or choose an easier exercise",
                )
            )
    return problems


def _plan(routine: Routine, exercises: dict[str, Exercise]) -> RoutinePlan:
    blocks: list[tuple[str, list[PlannedGroup]]] = []
    entries = itertools.count(1)
    # one running number through the whole routine; a circuit's exercises share theirs: 3a, 3b
    for block in routine.blocks:
        groups: list[PlannedGroup] = []
        for entry, number in zip(block.items, entries, strict=False):  # the items first: no number skipped
            if isinstance(entry, Circuit):
                items = [
                    _planned(item, exercises, f"{number}{chr(ord('a') + n)}") for n, item in enumerate(entry.circuit)
                ]
                groups.append(PlannedGroup(items, entry))
            else:
                groups.append(PlannedGroup([_planned(entry, exercises, str(number))]))
        blocks.append((block.name, groups))
    ordered = list(dict.fromkeys(item.exercise_id for _, groups in blocks for group in groups for item in group.items))
    used = [exercises[exercise_id] for exercise_id in ordered]
    required = _unique(use.id for exercise in used for use in exercise.equipment if not use.optional)
    optional = [e for e in _unique(use.id for ex in used for use in ex.equipment) if e not in required]
    primary = _unique(m for exercise in used for m in exercise.muscles.primary)
    secondary = [m for m in _unique(m for ex in used for m in ex.muscles.secondary) if m not in primary]
    return RoutinePlan(
        blocks=blocks,
        total_s=round(sum(group_seconds(group) for _, groups in blocks for group in groups)),
        exercise_ids=ordered,
        equipment_required=required,
        equipment_optional=optional,
        muscles_primary=primary,
        muscles_secondary=secondary,
        joints=_unique(joint.id for exercise in used for joint in exercise.joints),
    )


def _planned(item: RoutineItem, exercises: dict[str, Exercise], label: str) -> PlannedItem:
    return PlannedItem(item.exercise, effective_dosage(exercises[item.exercise].dosage, item), item.note, label)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
