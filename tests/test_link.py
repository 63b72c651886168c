"""Link stage: references resolve, reverse links are derived, and broken ones are explained."""

from __future__ import annotations

from pathlib import Path

from helpers import problems_for, replace_in

from generator.catalog.link import link_catalog
from generator.guide import build_catalog
from generator.reading.load import load_data_folder
from generator.reading.validate import validate_documents


def test_regressions_and_reverse_links_are_derived(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    assert catalog.regressions == {"single-leg-bridge": ["bridge"]}
    assert catalog.primary_exercises == {"gluteus-maximus": ["bridge", "single-leg-bridge"]}
    assert catalog.secondary_exercises == {
        "hamstrings": ["bridge", "single-leg-bridge"],
        "abdominals": ["single-leg-bridge"],
    }
    assert catalog.joint_exercises["lumbar-spine"] == {"mobility": [], "stability": ["bridge"], "strength": []}
    assert catalog.equipment_exercises == {"mat": {"required": [], "optional": ["bridge"]}}
    assert catalog.by_difficulty() == {"beginner": ["bridge"], "intermediate": ["single-leg-bridge"], "advanced": []}


def test_unknown_ids_suggest_the_closest(data_dir: Path) -> None:
    path = data_dir / "exercises" / "bridge.yaml"
    replace_in(path, "primary: [gluteus-maximus]", "primary: [glute-maximus]")
    replace_in(path, "progressions: [single-leg-bridge]", "progressions: [single-leg-brige]")
    replace_in(path, "{id: mat, optional: true}", "{id: yoga-mat, optional: true}")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:9:10: equipment[0].id: unknown equipment 'yoga-mat' (did you mean 'mat'?)",
        "data/exercises/bridge.yaml:11:13: muscles.primary[0]: unknown muscle 'glute-maximus'"
        " (did you mean 'gluteus-maximus'?)",
        "data/exercises/bridge.yaml:25:16: progressions[0]: unknown exercise 'single-leg-brige'"
        " (did you mean 'single-leg-bridge'?)",
    ]


def test_a_reference_to_an_invalid_file_is_not_reported_twice(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "single-leg-bridge.yaml", "difficulty: intermediate", "difficulty: hard")
    problems = problems_for(data_dir)
    assert len(problems) == 1
    assert problems[0].startswith("data/exercises/single-leg-bridge.yaml:3:13: difficulty: 'hard' is not one of")


def test_progression_cycles_are_refused(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "single-leg-bridge.yaml", "sources:", "progressions: [bridge]\nsources:")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:25:16: progressions[0]: progressions go round in a circle:"
        " bridge → single-leg-bridge → bridge (remove one link)"
    ]


def test_a_name_may_belong_to_one_exercise_only(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "single-leg-bridge.yaml", "summary:", "aliases: [hip bridge]\nsummary:")
    assert problems_for(data_dir) == [
        "data/exercises/single-leg-bridge.yaml:2:11: aliases[0]: 'hip bridge' already names exercise 'bridge'"
        " (give each name to one exercise)"
    ]


def test_a_muscle_is_primary_or_secondary_not_both(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "secondary: [hamstrings]", "secondary: [gluteus-maximus]")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:12:15: muscles.secondary[0]: 'gluteus-maximus' is already a primary muscle"
        " (list it once)"
    ]


def test_a_reference_to_an_unreadable_file_is_not_reported_twice(data_dir: Path) -> None:
    (data_dir / "exercises" / "single-leg-bridge.yaml").write_text("name: [\n", encoding="utf-8")
    problems = problems_for(data_dir)
    assert len(problems) == 1
    assert problems[0].startswith("data/exercises/single-leg-bridge.yaml:2:1: (file): YAML syntax error")


def test_linking_alone_resolves_references_and_reports_those_that_do_not(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "primary: [gluteus-maximus]", "primary: [glutes-max]")
    validated, _ = validate_documents(load_data_folder(data_dir)[0])
    catalog, problems = link_catalog(validated)
    assert [str(problem) for problem in problems] == [
        "data/exercises/bridge.yaml:11:13: muscles.primary[0]: unknown muscle 'glutes-max'"
        " (did you mean 'gluteus-maximus'?)"
    ]
    assert catalog.plans["starter"].exercise_ids == ["bridge", "single-leg-bridge"]
    assert catalog.regressions == {"single-leg-bridge": ["bridge"]}
