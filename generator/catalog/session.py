"""A routine as a session to follow, step by step: each set, side, rest and change of exercise, with
how long it takes.

The steps are timed with the same rules as the routine's total time (catalog.routines), so the time a
player counts through a whole session is the time its page gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.catalog.routines import (
    SECONDS_PER_METRE,
    SECONDS_PER_REP,
    SIDE_SWITCH_S,
    TRANSITION_S,
    PlannedGroup,
    PlannedItem,
    RoutinePlan,
)
from generator.reading.models import Dosage

StepKind = Literal["ready", "work", "switch", "rest"]


@dataclass(frozen=True)
class SessionStep:
    """One screen of the session.

    `kind`: "ready" (moving to the next exercise and setting up, counted down), "work" (a set, or one
    side of it), "switch" (changing sides within a set) or "rest" (between sets or rounds).
    """

    kind: StepKind
    seconds: float
    """How long the step takes: counted down for everything but a set of repetitions, which ends when
    the reader says it is done, and is counted at the routine's pace for the session's time."""
    label: str
    """The item's running number ("4a"), or "" for a rest between rounds."""
    exercise_id: str
    set_number: int = 0
    sets: int = 0
    """The set (or round, in a circuit) this step belongs to, counted from 1, out of `sets`."""
    side: str = ""
    """"right" or "left" for one side of a per-side set; "" otherwise."""
    counted: bool = True
    """Counted down by the clock; False for a set of repetitions, ended with a tap."""


def session_steps(plan: RoutinePlan) -> list[SessionStep]:
    """Every step of a routine in the order it is done: blocks, circuits and their rounds as planned."""
    steps: list[SessionStep] = []
    for _, groups in plan.blocks:
        for group in groups:
            steps += _group_steps(group)
    return steps


def session_seconds(steps: list[SessionStep]) -> float:
    return sum(step.seconds for step in steps)


def _group_steps(group: PlannedGroup) -> list[SessionStep]:
    if group.circuit is None:
        item = group.items[0]
        dosage = item.dosage
        steps = [_ready(item)]
        for number in range(1, dosage.sets + 1):
            steps += _set_steps(item, number, dosage.sets)
            if number < dosage.sets and dosage.rest_s:
                steps.append(SessionStep("rest", dosage.rest_s, item.label, item.exercise_id, number, dosage.sets))
        return steps
    rounds = group.circuit.rounds
    steps = []
    for number in range(1, rounds + 1):
        for item in group.items:
            steps.append(_ready(item, number, rounds))
            steps += _set_steps(item, number, rounds)
        if number < rounds and group.circuit.rest_s:
            last = group.items[-1]
            steps.append(SessionStep("rest", group.circuit.rest_s, "", last.exercise_id, number, rounds))
    return steps


def _ready(item: PlannedItem, number: int = 1, sets: int = 0) -> SessionStep:
    return SessionStep("ready", TRANSITION_S, item.label, item.exercise_id, number, sets or item.dosage.sets)


def _set_steps(item: PlannedItem, number: int, sets: int) -> list[SessionStep]:
    """One set of an item: its work, on each side in turn with a switch between when done per side."""
    dosage = item.dosage
    seconds, counted = _side_seconds(dosage)

    def work(side: str) -> SessionStep:
        return SessionStep("work", seconds, item.label, item.exercise_id, number, sets, side, counted)

    if not dosage.per_side:
        return [work("")]
    switch = SessionStep("switch", SIDE_SWITCH_S, item.label, item.exercise_id, number, sets)
    return [work("right"), switch, work("left")]


def _side_seconds(dosage: Dosage) -> tuple[float, bool]:
    """One side's working time (the whole set's when not per side), and whether a clock counts it."""
    if dosage.reps is not None:
        return dosage.reps * (SECONDS_PER_REP + (dosage.hold_s or 0)), False
    if dosage.duration_s is not None:
        return float(dosage.duration_s), True
    return (dosage.distance_m or 0) * SECONDS_PER_METRE, False
