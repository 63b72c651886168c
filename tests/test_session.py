"""A routine as a session to follow: its steps in order, timed as the routine page times it."""

from __future__ import annotations

import pytest
from helpers import REPO

from generator.catalog.session import session_seconds, session_steps
from generator.guide import build_catalog


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return build_catalog(REPO / "data")


def test_a_session_takes_the_time_its_routine_page_gives(catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id, plan in catalog.plans.items():
        assert round(session_seconds(session_steps(plan))) == plan.total_s, routine_id


def test_a_session_follows_the_routine_in_order(catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id, plan in catalog.plans.items():
        readied = [step.label for step in session_steps(plan) if step.kind == "ready"]
        labels = [item.label for item in plan.items]
        # each exercise is readied once, or once a round in a circuit, in the routine's order
        assert list(dict.fromkeys(readied)) == labels, routine_id


def test_sets_sides_rests_and_rounds(catalog) -> None:  # type: ignore[no-untyped-def]
    steps = session_steps(catalog.plans["hip-extension-sequence"])
    shown = [(step.kind, step.label, step.set_number, step.sets, step.side) for step in steps]
    # 2 sets of 1 min per side, no rest between: right, switch, left, right, switch, left
    distraction = [entry for entry in shown if entry[1] == "3"]
    assert distraction == [
        ("ready", "3", 1, 2, ""),
        ("work", "3", 1, 2, "right"),
        ("switch", "3", 1, 2, ""),
        ("work", "3", 1, 2, "left"),
        ("work", "3", 2, 2, "right"),
        ("switch", "3", 2, 2, ""),
        ("work", "3", 2, 2, "left"),
    ]
    # the bridge pair: 3 rounds of 4a then 4b, a rest after each round but the last
    pair = [entry for entry in shown if entry[1] in {"4a", "4b"} or entry[:2] == ("rest", "")]
    rounds = [entry[2] for entry in pair if entry[0] == "ready"]
    assert rounds == [1, 1, 2, 2, 3, 3]
    assert [entry for entry in pair if entry[0] == "rest"] == [("rest", "", 1, 3, ""), ("rest", "", 2, 3, "")]
    # 1 set of 2 min per side with rest: no rest after the last set
    assert [entry[0] for entry in shown if entry[1] == "2"] == ["ready", "work", "switch", "work"]
    # strides, 4 sets of 80 m with 1 min between: a rest after each set but the last
    assert [entry[0] for entry in shown if entry[1] == "7"] == ["ready"] + ["work", "rest"] * 3 + ["work"]
    timed = {step.counted for step in steps if step.kind == "work" and step.label == "3"}
    assert timed == {True}  # a timed hold is counted down
    assert {step.counted for step in steps if step.kind == "work" and step.label == "4a"} == {False}  # reps: a tap
