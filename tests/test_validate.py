"""Validate stage: every mismatch with the models becomes one line a volunteer can act on."""

from __future__ import annotations

from pathlib import Path

from helpers import problems_for, replace_in, write

from generator.guide import build_catalog
from generator.reading.load import load_data_folder
from generator.reading.validate import validate_documents


def test_the_fixture_data_is_valid(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    assert list(catalog.exercises) == ["bridge", "single-leg-bridge"]


def test_unknown_field_suggests_the_right_name(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "muscles:", "muscels:")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:1:1: (file): required field 'muscles' is missing (add it)",
        "data/exercises/bridge.yaml:10:1: muscels: unknown field (did you mean 'muscles'?)",
    ]


def test_nested_unknown_field_suggests_from_its_own_level(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "  secondary:", "  secondry:")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:12:3: muscles.secondry: unknown field (did you mean 'secondary'?)"
    ]


def test_wrong_types_and_yaml_booleans(data_dir: Path) -> None:
    path = data_dir / "exercises" / "bridge.yaml"
    replace_in(path, "name: Bridge", "name: no")
    replace_in(path, "sets: 3", "sets: three")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:1:7: name: expected text, got false (a yes/no value)"
        " (YAML reads unquoted yes, no, on and off as true or false: put the text in quotes)",
        "data/exercises/bridge.yaml:16:16: dosage.sets: expected a whole number, got text 'three' (see the schema)",
    ]


def test_misspelled_choice_gets_a_suggestion(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "difficulty: beginner", "difficulty: begginer")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:4:13: difficulty: 'begginer' is not one of: beginner, intermediate, advanced"
        " (did you mean 'beginner'?)"
    ]


def test_dosage_needs_a_measure(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "reps: 15, hold_s: 2, ", "")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:16:9: dosage: give reps, duration_s or distance_m (see the schema)"
    ]


def test_file_name_must_be_an_id(data_dir: Path) -> None:
    (data_dir / "exercises" / "bridge.yaml").rename(data_dir / "exercises" / "Glute_Bridge.yaml")
    assert problems_for(data_dir) == [
        "data/exercises/Glute_Bridge.yaml:1:1: (file): file name 'Glute_Bridge' is not a valid id"
        " (use lowercase words joined by hyphens, e.g. 'glute-bridge')",
        "data/routines/starter.yaml:10:20: blocks[0].items[0].exercise: unknown exercise 'bridge'"
        " (did you mean 'single-leg-bridge'?)",
        "data/routines/starter.yaml:16:24: blocks[0].items[1].circuit[1].exercise: unknown exercise 'bridge'"
        " (did you mean 'single-leg-bridge'?)",
    ]


def test_vocabulary_entries_are_checked(data_dir: Path) -> None:
    write(data_dir / "equipment.yaml", "mat:\n  name: Mat\nBig Band:\n  name: Band\n  description: x\n")
    assert problems_for(data_dir) == [
        "data/equipment.yaml:1:1: mat: required field 'description' is missing (add it)",
        "data/equipment.yaml:3:1: 'Big Band': 'Big Band' is not a valid id"
        " (use lowercase words joined by hyphens, e.g. 'glute-bridge')",
    ]


def test_all_problems_in_all_files_are_reported_together(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "laterality: bilateral", "laterality: both")
    replace_in(data_dir / "exercises" / "single-leg-bridge.yaml", "setup: As", "set_up: As")
    problems = problems_for(data_dir)
    assert len(problems) == 3
    assert problems[0].startswith("data/exercises/bridge.yaml:7:13: laterality: 'both' is not one of")
    assert (
        problems[1] == "data/exercises/single-leg-bridge.yaml:1:1: (file): required field 'setup' is missing (add it)"
    )
    assert problems[2] == ("data/exercises/single-leg-bridge.yaml:13:1: set_up: unknown field (did you mean 'setup'?)")


def test_validation_alone_makes_models_and_leaves_references_to_the_link_stage(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "primary: [gluteus-maximus]", "primary: [glutes-max]")
    documents, read_problems = load_data_folder(data_dir)
    validated, problems = validate_documents(documents)
    assert read_problems == [] and problems == []
    assert sorted(validated.exercises) == ["bridge", "single-leg-bridge"]
    assert validated.exercises["bridge"].muscles.primary == ["glutes-max"]  # an id, not yet checked
    assert validated.routines["starter"].per_week.max == 3
    assert validated.exercise_documents["bridge"].display == "data/exercises/bridge.yaml"


def test_validation_alone_reports_a_model_problem_where_it_is(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "difficulty: beginner", "difficulty: easy")
    validated, problems = validate_documents(load_data_folder(data_dir)[0])
    assert [str(problem) for problem in problems] == [
        "data/exercises/bridge.yaml:4:13: difficulty: 'easy' is not one of: beginner, intermediate, advanced (pick one)"
    ]
    assert "bridge" not in validated.exercises and "bridge" in validated.invalid_ids
