"""Routines: their computed time, equipment and muscles, and the mistakes a routine file can make."""

from __future__ import annotations

from pathlib import Path

from helpers import problems_for, replace_in

from generator.catalog.routines import effective_dosage, work_seconds
from generator.guide import build_catalog
from generator.reading.models import Dosage, RoutineItem


def test_time_is_worked_out_from_the_doses(data_dir: Path) -> None:
    plan = build_catalog(data_dir).plans["starter"]
    # bridge, 2 sets of 10 reps holding 2 s, rest 30 s:  2 x 10 x (3 + 2) + 30 + 20 to move on = 150 s
    # circuit of 2 rounds, rest 60 s between rounds, each round:
    #   single-leg bridge, 5 reps per side: 5 x 3 x 2 sides + 5 to switch = 35 s, + 20 to move on
    #   bridge held for 20 s (the hold replaces the reps):          20 s, + 20 to move on
    #   2 x 95 + 60 = 250 s
    assert plan.total_s == 150 + 250
    assert plan.minutes == 7


def test_a_new_measure_replaces_the_old_one() -> None:
    default = Dosage(sets=3, reps=15, hold_s=2, rest_s=45)
    assert effective_dosage(default, RoutineItem(exercise="x", reps=8)) == Dosage(sets=3, reps=8, hold_s=2, rest_s=45)
    assert effective_dosage(default, RoutineItem(exercise="x", duration_s=30, sets=1)) == Dosage(
        sets=1, duration_s=30, rest_s=45
    )
    assert work_seconds(Dosage(sets=1, distance_m=100)) == 30


def test_equipment_muscles_and_joints_are_gathered(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    plan = catalog.plans["starter"]
    assert plan.exercise_ids == ["bridge", "single-leg-bridge"]
    assert (plan.equipment_required, plan.equipment_optional) == ([], ["mat"])
    assert (plan.muscles_primary, plan.muscles_secondary) == (["gluteus-maximus"], ["hamstrings", "abdominals"])
    assert plan.joints == ["hip", "lumbar-spine"]
    assert catalog.exercise_routines == {"bridge": ["starter"], "single-leg-bridge": ["starter"]}
    assert catalog.routines_by_difficulty() == {"beginner": [], "intermediate": ["starter"], "advanced": []}


def test_a_routine_easier_than_its_exercises_is_reported(data_dir: Path) -> None:
    replace_in(data_dir / "routines" / "starter.yaml", "difficulty: intermediate", "difficulty: beginner")
    assert problems_for(data_dir) == [
        "data/routines/starter.yaml:15:24: blocks[0].items[1].circuit[0].exercise:"
        " 'single-leg-bridge' is intermediate but the routine is beginner"
        " (raise the routine's difficulty or choose an easier exercise)"
    ]


def test_routine_references_and_circuit_sets_are_checked(data_dir: Path) -> None:
    path = data_dir / "routines" / "starter.yaml"
    replace_in(path, "goal: strength", "goal: strenght")
    replace_in(path, "{exercise: single-leg-bridge, reps: 5}", "{exercise: single-leg-bridge, sets: 2}")
    replace_in(path, "{exercise: bridge, sets: 2", "{exercise: bridg, sets: 2")
    (path.parent / "starter.yaml").write_text(path.read_text() + "next: finisher\n")
    assert problems_for(data_dir) == [
        "data/routines/starter.yaml:4:7: goal: unknown goal 'strenght' (did you mean 'strength'?)",
        "data/routines/starter.yaml:10:20: blocks[0].items[0].exercise: unknown exercise 'bridg'"
        " (did you mean 'bridge'?)",
        "data/routines/starter.yaml:15:49: blocks[0].items[1].circuit[0].sets: sets inside a circuit"
        " (the circuit's rounds set how many)",
        "data/routines/starter.yaml:17:7: next: unknown routine 'finisher' (check the spelling or add it)",
    ]


def test_a_joint_must_name_a_routine_that_exists(data_dir: Path) -> None:
    replace_in(data_dir / "joints.yaml", "routine: starter", "routine: stater")
    assert problems_for(data_dir) == [
        "data/joints.yaml:9:12: hip.routine: unknown routine 'stater' (did you mean 'starter'?)"
    ]
