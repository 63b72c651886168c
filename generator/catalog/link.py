"""Link stage: resolve every id reference and compute the links that run the other way."""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.catalog.poses import check_placement, check_pose, illustration_problems, place_figure, resolve_pose
from generator.catalog.routines import RoutinePlan, plan_routines
from generator.catalog.weeks import check_week_plans
from generator.errors import Problem, did_you_mean
from generator.outputs.muscle_map import check_muscle_regions
from generator.reading.datafile import Document, FieldPath
from generator.reading.models import (
    DIFFICULTIES,
    Equipment,
    Exercise,
    Illustration,
    Joint,
    Muscle,
    Pose,
    Routine,
    Source,
    VocabularyEntry,
    WeekPlan,
)
from generator.reading.validate import ValidatedData


@functools.lru_cache(maxsize=1 << 16)
def alphabetical(name: str) -> str:
    """A name's place in an alphabetical list in any Latin-script language: case and accents aside, so
    that Übung sorts with U and Étape with E."""
    letters = unicodedata.normalize("NFKD", name.casefold())
    return "".join(letter for letter in letters if not unicodedata.combining(letter))


@dataclass
class Catalog:
    """The whole guide with every reference resolved: what the render stage draws pages from."""

    exercises: dict[str, Exercise]
    muscles: dict[str, Muscle]
    equipment: dict[str, Equipment]
    joints: dict[str, Joint]
    categories: dict[str, VocabularyEntry]
    patterns: dict[str, VocabularyEntry]
    sources: dict[str, Source]
    goals: dict[str, VocabularyEntry] = field(default_factory=dict)
    poses: dict[str, Pose] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    plans: dict[str, RoutinePlan] = field(default_factory=dict)
    weeks: dict[str, WeekPlan] = field(default_factory=dict)
    """A runner's week at each level (data/weeks.yaml); empty when a guide has none."""
    exercise_routines: dict[str, list[str]] = field(default_factory=dict)
    regressions: dict[str, list[str]] = field(default_factory=dict)
    primary_exercises: dict[str, list[str]] = field(default_factory=dict)
    secondary_exercises: dict[str, list[str]] = field(default_factory=dict)
    joint_exercises: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    equipment_exercises: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    untranslated: frozenset[tuple[str, str]] = frozenset()
    """Pages (section, id) whose texts are not all in the site's language: they show a note saying so."""
    drawings_checked: bool = True
    """Whether every exercise's illustration was checked against the poses; when not, whoever draws one
    checks it first (see outputs/render_ahead.py)."""

    def by_difficulty(self) -> dict[str, list[str]]:
        """Exercise ids grouped by difficulty, easiest first, names in alphabetical order."""
        groups: dict[str, list[str]] = {level: [] for level in DIFFICULTIES}
        for exercise_id in self.sorted_by_name(self.exercises):
            groups[self.exercises[exercise_id].difficulty].append(exercise_id)
        return groups

    def library_order(self) -> list[str]:
        """Every exercise id in the order the library lists them: by difficulty, then by name."""
        return [exercise_id for ids in self.by_difficulty().values() for exercise_id in ids]

    def sorted_by_name(self, ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda exercise_id: (alphabetical(self.exercises[exercise_id].name), exercise_id))

    def routines_by_difficulty(self) -> dict[str, list[str]]:
        """Routine ids grouped by difficulty, then by name."""
        groups: dict[str, list[str]] = {level: [] for level in DIFFICULTIES}
        for routine_id in sorted(self.routines, key=lambda r: (alphabetical(self.routines[r].name), r)):
            groups[self.routines[routine_id].difficulty].append(routine_id)
        return groups

    def joints_in_order(self) -> list[str]:
        return sorted(self.joints, key=lambda joint_id: self.joints[joint_id].order)


@dataclass
class DrawingChecks:
    """The last build's checks of each exercise's drawing, against the poses it had: a preview's rebuild
    checks again only drawings that changed (the models are frozen and kept, see ValidationCache)."""

    poses: dict[str, Pose] = field(default_factory=dict)
    found: dict[int, tuple[Illustration, list[tuple[tuple[str, ...], str, str]]]] = field(default_factory=dict)

    def start(self, poses: dict[str, Pose]) -> None:
        """Forget every check when the poses changed."""
        if poses != self.poses:
            self.poses, self.found = poses, {}

    def keep_only(self, illustrations: Iterable[Illustration | None]) -> None:
        """Forget the checks of drawings no exercise has any more."""
        kept = {id(illustration) for illustration in illustrations}
        self.found = {key: value for key, value in self.found.items() if key in kept}

    def problems(self, illustration: Illustration) -> list[tuple[tuple[str, ...], str, str]]:
        last = self.found.get(id(illustration))
        if last is not None and last[0] is illustration:
            return last[1]
        found = illustration_problems(illustration, self.poses)
        self.found[id(illustration)] = (illustration, found)
        return found


def link_catalog(
    data: ValidatedData,
    hidden: HiddenIds | None = None,
    checks: DrawingChecks | None = None,
    check_drawings: bool = True,
) -> tuple[Catalog, list[Problem]]:
    """Build the catalogue, reporting every reference that does not resolve; without `check_drawings`, the
    exercises' illustrations are left for the drawing to check (the pose library is checked all the same)."""
    problems = _hide(data, hidden) if hidden is not None else []
    vocab = data.vocabularies
    catalog = Catalog(
        exercises=dict(sorted(data.exercises.items())),
        muscles=vocab.get("muscles", {}),
        equipment=vocab.get("equipment", {}),
        joints=vocab.get("joints", {}),
        categories=vocab.get("categories", {}),
        patterns=vocab.get("patterns", {}),
        sources=vocab.get("sources", {}),
        goals=vocab.get("goals", {}),
        poses=vocab.get("poses", {}),
        routines=dict(sorted(data.routines.items())),
    )
    for exercise_id, exercise in catalog.exercises.items():
        document = data.exercise_documents[exercise_id]
        problems += _check_references(catalog, exercise, document, data.invalid_ids, data.unread_kinds)
        problems += _check_own_lists(exercise_id, exercise, document)
    catalog.drawings_checked = check_drawings
    if check_drawings:
        problems += drawing_problems(catalog, data, checks)
    if "poses" not in data.unread_kinds:
        problems += _check_pose_library(catalog, data.entry_documents.get("poses", {}))
    muscle_documents = data.entry_documents.get("muscles", {})
    for document in dict.fromkeys(muscle_documents.values()):
        defined = {key: muscle for key, muscle in catalog.muscles.items() if muscle_documents[key] is document}
        problems += check_muscle_regions(defined, document)
    problems += _check_names(catalog, data.exercise_documents)
    problems += _check_progression_cycles(catalog, data.exercise_documents)
    routines_unread = "routines" in data.unread_kinds
    problems += _check_joint_chain(
        catalog, data.entry_documents.get("joints", {}), data.invalid_ids, data.hidden_ids, routines_unread
    )
    catalog.plans, found = plan_routines(
        catalog.routines,
        catalog.exercises,
        data.routine_documents,
        set(catalog.goals),
        data.invalid_ids,
        frozenset(data.hidden_ids),
        frozenset(data.unread_kinds),
    )
    problems += found
    catalog.weeks, found = check_week_plans(
        vocab.get("weeks", {}),
        catalog.routines,
        set(catalog.sources),
        data.entry_documents.get("weeks", {}),
        data.invalid_ids,
        set(data.hidden_ids),
        frozenset(data.unread_kinds),
    )
    problems += found
    _compute_reverse_links(catalog)
    return catalog, problems


@dataclass(frozen=True)
class HiddenIds:
    """Bundled exercises and routines a club leaves out, and where it said so."""

    exercises: list[str]
    routines: list[str]
    document: Document


def _hide(data: ValidatedData, hidden: HiddenIds) -> list[Problem]:
    """Leave hidden entries out; links to them are dropped where that is safe and reported where not."""
    problems: list[Problem] = []
    for kind, ids, models in (
        ("exercises", hidden.exercises, data.exercises),
        ("routines", hidden.routines, data.routines),
    ):
        for index, hidden_id in enumerate(ids):
            if hidden_id not in models:
                hint = did_you_mean(hidden_id, models, "remove it")
                problems.append(
                    hidden.document.problem(("hide", kind, index), f"no {kind[:-1]} '{hidden_id}' to hide", hint)
                )
            models.pop(hidden_id, None)
    gone = set(hidden.exercises) | set(hidden.routines)
    for exercise_id, exercise in data.exercises.items():
        if gone & set(exercise.progressions):
            kept = [p for p in exercise.progressions if p not in gone]
            data.exercises[exercise_id] = exercise.model_copy(update={"progressions": kept})
    for routine_id, routine in data.routines.items():
        if routine.next in gone:
            data.routines[routine_id] = routine.model_copy(update={"next": None})
    data.hidden_ids |= gone
    return problems


def _check_references(
    catalog: Catalog, exercise: Exercise, document: Document, invalid_ids: set[str], unread_kinds: set[str]
) -> list[Problem]:
    """Every id the exercise names that is not defined, but in a vocabulary that could not be read."""
    references: list[tuple[FieldPath, str, str, str]] = [(("category",), exercise.category, "categories", "category")]
    if exercise.pattern is not None:
        references.append((("pattern",), exercise.pattern, "patterns", "movement pattern"))
    references += [
        (("equipment", i, "id"), use.id, "equipment", "equipment") for i, use in enumerate(exercise.equipment)
    ]
    references += [(("muscles", "primary", i), m, "muscles", "muscle") for i, m in enumerate(exercise.muscles.primary)]
    references += [
        (("muscles", "secondary", i), m, "muscles", "muscle") for i, m in enumerate(exercise.muscles.secondary)
    ]
    references += [(("joints", i, "id"), use.id, "joints", "joint") for i, use in enumerate(exercise.joints)]
    references += [(("progressions", i), p, "exercises", "exercise") for i, p in enumerate(exercise.progressions)]
    references += [(("sources", i), s, "sources", "source") for i, s in enumerate(exercise.sources)]
    problems = []
    for path, ref, vocabulary, kind in references:
        known: dict[str, Any] = getattr(catalog, vocabulary)
        if ref not in known and ref not in invalid_ids and vocabulary not in unread_kinds:
            hint = did_you_mean(ref, known, "check the spelling or add it to the vocabulary")
            problems.append(document.problem(path, f"unknown {kind} '{ref}'", hint))
    return problems


def _check_own_lists(exercise_id: str, exercise: Exercise, document: Document) -> list[Problem]:
    """An exercise that progresses to itself, or lists a muscle as both primary and secondary."""
    problems = []
    for i, progression in enumerate(exercise.progressions):
        if progression == exercise_id:
            problems.append(document.problem(("progressions", i), "an exercise cannot progress to itself", "remove it"))
    duplicates = set(exercise.muscles.primary) & set(exercise.muscles.secondary)
    for muscle in sorted(duplicates):
        index = exercise.muscles.secondary.index(muscle)
        problems.append(
            document.problem(("muscles", "secondary", index), f"'{muscle}' is already a primary muscle", "list it once")
        )
    return problems


def drawing_problems(catalog: Catalog, data: ValidatedData, checks: DrawingChecks | None = None) -> list[Problem]:
    """Each exercise's illustration checked against the poses (none when the poses could not be read)."""
    if "poses" in data.unread_kinds:
        return []
    checks = checks or DrawingChecks()
    checks.start(catalog.poses)
    problems: list[Problem] = []
    for exercise_id, exercise in catalog.exercises.items():
        if exercise.illustration is None:
            continue
        for path, message, hint in checks.problems(exercise.illustration):
            located = tuple(int(part) if part.isdigit() else part for part in path)
            problems.append(data.exercise_documents[exercise_id].problem(("illustration", *located), message, hint))
    checks.keep_only(exercise.illustration for exercise in catalog.exercises.values())
    return problems


def _check_pose_library(catalog: Catalog, documents: dict[str, Document]) -> list[Problem]:
    problems = []
    for pose_id in catalog.poses:
        document = documents[pose_id]
        pose = resolve_pose(pose_id, catalog.poses)
        problems += [
            document.problem((pose_id, *field.split(".")), message, "change the angle")
            for field, message in check_pose(pose)
        ]
        problems += [
            document.problem((pose_id,), message, "adjust the pose's angles", at_key=True)
            for message in check_placement(place_figure(pose, []))
        ]
    return problems


def _check_names(catalog: Catalog, documents: dict[str, Document]) -> list[Problem]:
    """Every name and alias must lead to one exercise, or search would send people to two."""
    owners: dict[str, str] = {}
    problems: list[Problem] = []
    for exercise_id, exercise in catalog.exercises.items():
        names: list[tuple[FieldPath, str]] = [(("name",), exercise.name)]
        names += [(("aliases", i), alias) for i, alias in enumerate(exercise.aliases)]
        for path, name in names:
            key = name.casefold()
            owner = owners.setdefault(key, exercise_id)
            if owner != exercise_id:
                problems.append(
                    documents[exercise_id].problem(
                        path, f"'{name}' already names exercise '{owner}'", "give each name to one exercise"
                    )
                )
    return problems


def _check_progression_cycles(catalog: Catalog, documents: dict[str, Document]) -> list[Problem]:
    """A progression chain that comes back to its start would make every exercise easier than itself."""
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()
    for start in catalog.exercises:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            current, trail = stack.pop()
            for nxt in catalog.exercises[current].progressions:
                if nxt == start and len(trail) > 1:
                    cycle = frozenset(trail)
                    if cycle not in reported:
                        reported.add(cycle)
                        index = catalog.exercises[start].progressions.index(trail[1])
                        loop = " → ".join([*trail, start])
                        problems.append(
                            documents[start].problem(
                                ("progressions", index), f"progressions go round in a circle: {loop}", "remove one link"
                            )
                        )
                elif nxt in catalog.exercises and nxt not in trail:
                    stack.append((nxt, [*trail, nxt]))
    return problems


def _check_joint_chain(
    catalog: Catalog, documents: dict[str, Document], invalid_ids: set[str], hidden_ids: set[str], routines_unread: bool
) -> list[Problem]:
    seen: dict[int, str] = {}
    problems: list[Problem] = []
    for joint_id, joint in catalog.joints.items():
        document = documents[joint_id]
        if joint.routine in hidden_ids:
            problems.append(
                document.problem(
                    (joint_id, "routine"),
                    f"routine '{joint.routine}' is hidden by the club",
                    "add this joint to the club's data/joints.yaml with a routine you keep",
                )
            )
        elif joint.routine not in catalog.routines and joint.routine not in invalid_ids and not routines_unread:
            problems.append(
                document.problem(
                    (joint_id, "routine"),
                    f"unknown routine '{joint.routine}'",
                    did_you_mean(joint.routine, catalog.routines),
                )
            )
        if joint.order in seen:
            problems.append(
                document.problem(
                    (joint_id, "order"),
                    f"order {joint.order} is also used by '{seen[joint.order]}'",
                    "give each joint its own place",
                )
            )
        seen.setdefault(joint.order, joint_id)
    return problems


def _compute_reverse_links(catalog: Catalog) -> None:
    regressions: dict[str, list[str]] = defaultdict(list)
    primary: dict[str, list[str]] = defaultdict(list)
    secondary: dict[str, list[str]] = defaultdict(list)
    joints: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"mobility": [], "stability": [], "strength": []})
    equipment: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"required": [], "optional": []})
    for exercise_id in catalog.sorted_by_name(catalog.exercises):
        exercise = catalog.exercises[exercise_id]
        for progression in exercise.progressions:
            regressions[progression].append(exercise_id)
        for muscle in exercise.muscles.primary:
            primary[muscle].append(exercise_id)
        for muscle in exercise.muscles.secondary:
            secondary[muscle].append(exercise_id)
        for joint in exercise.joints:
            joints[joint.id][joint.role].append(exercise_id)
        for use in exercise.equipment:
            equipment[use.id]["optional" if use.optional else "required"].append(exercise_id)
    exercise_routines: dict[str, list[str]] = defaultdict(list)
    for routine_id, plan in catalog.plans.items():
        for exercise_id in plan.exercise_ids:
            exercise_routines[exercise_id].append(routine_id)
    catalog.exercise_routines = dict(exercise_routines)
    catalog.regressions = dict(regressions)
    catalog.primary_exercises = dict(primary)
    catalog.secondary_exercises = dict(secondary)
    catalog.joint_exercises = dict(joints)
    catalog.equipment_exercises = dict(equipment)
