"""A runner's week at each level: routines placed around runs, checked against the routines' own plans."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.catalog.routines import RoutinePlan
from generator.errors import Problem, did_you_mean
from generator.reading.datafile import Document
from generator.reading.models import DIFFICULTIES, PlanDay, Routine, WeekPlan

SLOTS = ("before_run", "after_run", "apart")
"""Where a routine sits in a day, in the order a day is told."""


@dataclass(frozen=True)
class DayTime:
    """The minutes a day of a week plan takes, worked out from its run and its routines' doses."""

    run_minutes: int
    routine_minutes: int

    @property
    def total(self) -> int:
        return self.run_minutes + self.routine_minutes


@dataclass(frozen=True)
class WeekTime:
    """The minutes of every day of a week plan, and the week's totals."""

    days: tuple[DayTime, ...]

    @property
    def run_minutes(self) -> int:
        return sum(day.run_minutes for day in self.days)

    @property
    def routine_minutes(self) -> int:
        return sum(day.routine_minutes for day in self.days)

    @property
    def total(self) -> int:
        return self.run_minutes + self.routine_minutes

    @property
    def runs(self) -> int:
        return sum(1 for day in self.days if day.run_minutes)


def day_routines(day: PlanDay) -> list[str]:
    """A day's routines in the order they are done: before the run, after it, then apart from it."""
    return [routine_id for slot in SLOTS for routine_id in getattr(day, slot)]


def week_time(week: WeekPlan, plans: dict[str, RoutinePlan]) -> WeekTime:
    return WeekTime(
        tuple(
            DayTime(
                day.run.minutes if day.run else 0,
                sum(plans[routine_id].minutes for routine_id in day_routines(day)),
            )
            for day in week.days
        )
    )


def weeks_by_level(weeks: dict[str, WeekPlan]) -> list[str]:
    """Week plan ids, easiest level first, then by name."""
    return sorted(weeks, key=lambda week_id: (DIFFICULTIES.index(weeks[week_id].level), weeks[week_id].name))


def check_week_plans(
    weeks: dict[str, WeekPlan],
    routines: dict[str, Routine],
    sources: set[str],
    documents: dict[str, Document],
    invalid_ids: set[str],
    hidden_ids: set[str],
    unread_kinds: frozenset[str] = frozenset(),
) -> tuple[dict[str, WeekPlan], list[Problem]]:
    """The week plans with the routines a club hid left out, and every problem in them.

    A routine must exist, be no harder than the week's level, and appear on as many days as its own
    `per_week` allows, so the week never asks for more sessions than the routine's page does.
    """
    checked: dict[str, WeekPlan] = {}
    problems: list[Problem] = []
    for week_id, week in weeks.items():
        document = documents[week_id]
        week = _without(week, hidden_ids)
        counts: Counter[str] = Counter()
        for index, day in enumerate(week.days):
            for slot in SLOTS:
                for position, routine_id in enumerate(getattr(day, slot)):
                    where = (week_id, "days", index, slot, position)
                    routine = routines.get(routine_id)
                    if routine is None:
                        if routine_id not in invalid_ids and "routines" not in unread_kinds:
                            hint = did_you_mean(routine_id, routines)
                            problems.append(document.problem(where, f"unknown routine '{routine_id}'", hint))
                        continue
                    counts[routine_id] += 1
                    if DIFFICULTIES.index(routine.difficulty) > DIFFICULTIES.index(week.level):
                        problems.append(
                            document.problem(
                                where,
                                f"routine '{routine_id}' is {routine.difficulty}, harder than this {week.level} week",
                                "choose a routine of this level or below",
                            )
                        )
        for routine_id, count in counts.items():
            wanted = routines[routine_id].per_week
            if not wanted.min <= count <= wanted.max:
                problems.append(
                    document.problem(
                        (week_id, "days"),
                        f"routine '{routine_id}' is on {count} {'day' if count == 1 else 'days'}, but it asks for "
                        f"{wanted.min} to {wanted.max} a week",
                        "place it on more or fewer days, or change the routine's per_week",
                    )
                )
        for index, source_id in enumerate(week.sources):
            if source_id not in sources and source_id not in invalid_ids and "sources" not in unread_kinds:
                problems.append(
                    document.problem(
                        (week_id, "sources", index), f"unknown source '{source_id}'", did_you_mean(source_id, sources)
                    )
                )
        checked[week_id] = week
    return checked, problems


def _without(week: WeekPlan, hidden_ids: set[str]) -> WeekPlan:
    """The week without the routines a club hid: the rest of each day stands."""
    if not hidden_ids:
        return week
    days = [
        day.model_copy(update={slot: [r for r in getattr(day, slot) if r not in hidden_ids] for slot in SLOTS})
        for day in week.days
    ]
    return week.model_copy(update={"days": days})
