"""Which generated pages an edit changes, so that a preview's rebuild renders those and keeps the others from
the last render of the same guide (see render.render_site_pages).

- An exercise feeds its own page and thumbnail, and the routines that use it and their players. What the
  lists show of it (its name, level, muscles, joints, equipment, drawing: LISTED) also feeds the pages
  that name it (the exercises it leads on to or back from, and those next to it in the library or in a
  routine), the pages of its muscles, joints and equipment, and every index.
- A routine feeds its page and player, the pages of the exercises in it, the routines' pages (a routine
  names those before and after it), the joints' pages (a joint names the routine for it) and every index.
- Anything else changes pages everywhere: a vocabulary, the poses, the weeks, which texts are not yet
  translated, the set of exercises or routines, the language and its messages, the addresses. Then
  everything is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.catalog.link import Catalog
from generator.catalog.routines import routine_places
from generator.outputs.routes import page_path, player_path, thumbnail_path
from generator.reading.models import Exercise

if TYPE_CHECKING:
    from generator.outputs.render import GeneratedPage

_SHARED = ("muscles", "equipment", "joints", "categories", "patterns", "sources", "goals", "poses", "weeks")
"""The parts of the catalogue whose change is shown on pages everywhere."""
LISTED = ("name", "difficulty", "category", "pattern", "laterality", "muscles", "joints", "equipment", "illustration")
"""What the library, the pages of muscles, joints and equipment, and the exercises next to an exercise
show of it: a change elsewhere (its steps, cues, summary, dose) is shown on its own page, its routines'
pages and players alone."""
INDEXES = ("exercises", "routines", "muscles", "joints", "equipment", "plan", "log", "offline")
"""The pages rendered every time: the indexes, and the pages that list every routine."""


@dataclass
class RenderedSite:
    """One render of a guide's pages, kept for the next render in the same process."""

    catalog: Catalog
    setting: object
    """Everything else the pages depend on: addresses, PDFs or not, the language and its messages."""
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    thumbnails: dict[str, Markup | None] = field(default_factory=dict)
    """The library's thumbnail images, by exercise id."""
    named: dict[str, frozenset[str]] = field(default_factory=dict)
    """The other exercises each exercise's page names, by exercise id."""


@dataclass
class RenderMemory:
    """The last render of a guide, for a preview's next rebuild (held by the guide's build caches)."""

    last: RenderedSite | None = None


def exercises_named(catalog: Catalog) -> dict[str, frozenset[str]]:
    """For each exercise, the other exercises its page names: what it leads on to and back from, its
    neighbours in the library, and its neighbours in each routine."""
    order = catalog.library_order()
    neighbours = {
        exercise_id: {*order[max(index - 1, 0) : index], *order[index + 1 : index + 2]}
        for index, exercise_id in enumerate(order)
    }
    in_routines: dict[str, set[str]] = {}
    for exercise_id, places in routine_places(catalog.plans).items():
        for place in places:
            for step in (place.previous, place.next):
                if step is not None:
                    in_routines.setdefault(exercise_id, set()).add(step.exercise_id)
    return {
        exercise_id: frozenset(
            {
                *exercise.progressions,
                *catalog.regressions.get(exercise_id, []),
                *neighbours.get(exercise_id, ()),
                *in_routines.get(exercise_id, ()),
            }
        )
        for exercise_id, exercise in catalog.exercises.items()
    }


def pages_to_render(
    last: RenderedSite | None, catalog: Catalog, setting: object, named: dict[str, frozenset[str]]
) -> set[str] | None:
    """The paths of the pages (and thumbnails) an edit since the last render changed; None for every page."""
    if last is None or last.setting != setting or not _same_outline(last.catalog, catalog):
        return None
    old = last.catalog
    changed = {
        exercise_id
        for exercise_id, exercise in catalog.exercises.items()
        if _edited(old.exercises[exercise_id], exercise)
    }
    routines = {
        routine_id
        for routine_id, routine in catalog.routines.items()
        if _edited(old.routines[routine_id], routine)
        or _edited(old.plans.get(routine_id), catalog.plans.get(routine_id))
    }
    listed = {
        exercise_id
        for exercise_id in changed
        if _listed(old.exercises[exercise_id]) != _listed(catalog.exercises[exercise_id])
    }
    exercises = set(changed)
    reordered = False
    for exercise_id, names in named.items():
        if names != last.named.get(exercise_id) or names & listed:
            exercises.add(exercise_id)
            reordered = reordered or names != last.named.get(exercise_id)
    using = {routine_id for exercise_id in changed for routine_id in _routines_of(exercise_id, old, catalog)}
    if routines:  # a routine's page names the routines before and after it
        using |= set(catalog.routines)
    for routine_id in routines:
        exercises |= _exercises_in(routine_id, old, catalog)
    paths = {page_path("exercises", exercise_id) for exercise_id in exercises}
    paths |= {thumbnail_path(exercise_id) for exercise_id in changed}
    for routine_id in routines | using:
        paths |= {page_path("routines", routine_id), player_path(routine_id)}
    for exercise_id in listed:
        for section, ids in _vocabulary_of(exercise_id, old, catalog):
            paths |= {page_path(section, item_id) for item_id in ids}
    if routines:
        paths |= {page_path("joints", joint_id) for joint_id in catalog.joints}
    if listed or routines or reordered:
        paths |= {page_path(section) for section in INDEXES}
    return paths


def _edited(old: object, new: object) -> bool:
    """Whether a part of the catalogue changed: an unchanged exercise or routine is most often the very
    model the last build validated (see ValidationCache), told apart without comparing its fields."""
    return old is not new and old != new


def _listed(exercise: Exercise) -> tuple[object, ...]:
    """What the pages that list or name an exercise show of it."""
    return tuple(getattr(exercise, name) for name in LISTED)


def _same_outline(old: Catalog, new: Catalog) -> bool:
    """Whether only exercises' and routines' contents can differ: the same ids, the same everything else."""
    return (
        old.exercises.keys() == new.exercises.keys()
        and old.routines.keys() == new.routines.keys()
        and old.untranslated == new.untranslated
        and all(getattr(old, part) == getattr(new, part) for part in _SHARED)
    )


def _routines_of(exercise_id: str, *catalogs: Catalog) -> set[str]:
    return {routine_id for catalog in catalogs for routine_id in catalog.exercise_routines.get(exercise_id, [])}


def _exercises_in(routine_id: str, *catalogs: Catalog) -> set[str]:
    return {
        exercise_id
        for catalog in catalogs
        if routine_id in catalog.plans
        for exercise_id in catalog.plans[routine_id].exercise_ids
    }


def _vocabulary_of(exercise_id: str, *catalogs: Catalog) -> Iterable[tuple[str, set[str]]]:
    """The muscles, joints and equipment an exercise's old and new data name."""
    for catalog in catalogs:
        exercise = catalog.exercises[exercise_id]
        yield "muscles", {*exercise.muscles.primary, *exercise.muscles.secondary}
        yield "joints", {joint.id for joint in exercise.joints}
        yield "equipment", {item.id for item in exercise.equipment}
