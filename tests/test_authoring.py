"""`exguide new`: starting files that validate as written and explain every field, and the pre-commit hook."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from yaml.nodes import MappingNode, Node, SequenceNode

from generator.authoring.new_files import configure_new_parser, run_new, slugify
from generator.guide import build_catalog
from generator.reading.models import (
    Block,
    Dosage,
    EquipmentUse,
    Exercise,
    JointUse,
    Mistake,
    MuscleTargets,
    Range,
    Routine,
    RoutineItem,
)


def new(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="exguide new")
    configure_new_parser(parser)
    return run_new(parser.parse_args(argv))


def key_lines(node: Node | None) -> list[tuple[str, int]]:
    """Every key in a YAML file, nested ones too, with its 1-based line."""
    if isinstance(node, MappingNode):
        return [
            pair for key, value in node.value for pair in [(str(key.value), key.start_mark.line + 1), *key_lines(value)]
        ]
    if isinstance(node, SequenceNode):
        return [pair for item in node.value for pair in key_lines(item)]
    return []


def uncommented_keys(text: str) -> list[str]:
    """Keys with neither a comment after them on their line nor a comment line just above."""
    lines = text.splitlines()
    return [
        key
        for key, line in key_lines(yaml.compose(text, Loader=yaml.SafeLoader))
        if " # " not in lines[line - 1] and not lines[line - 2].lstrip().startswith("#")
    ]


def test_new_exercise_validates_as_written(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new("exercise", "Skater Hop") == 0
    assert capsys.readouterr().out == (
        "data/exercises/skater-hop.yaml: written; replace its placeholders, then run `exguide validate`\n"
    )
    text = (data_dir / "exercises" / "skater-hop.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/exercise.schema.json"
    exercise = build_catalog(data_dir).exercises["skater-hop"]
    assert exercise.name == "Skater Hop"
    assert exercise.setup == "Describe where and how to start."


def test_new_routine_validates_as_written_and_names_the_easiest_exercise(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new("routine", "Morning Starter") == 0
    assert capsys.readouterr().out == (
        "data/routines/morning-starter.yaml: written; replace its placeholders, then run `exguide validate`\n"
    )
    text = (data_dir / "routines" / "morning-starter.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/routine.schema.json"
    catalog = build_catalog(data_dir)
    routine = catalog.routines["morning-starter"]
    assert (routine.name, routine.difficulty) == ("Morning Starter", "beginner")
    assert catalog.plans["morning-starter"].exercise_ids == ["bridge"]


def test_a_routine_is_as_hard_as_the_easiest_exercise_it_can_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "exercises").mkdir(parents=True)
    (tmp_path / "data" / "exercises" / "pistol-squat.yaml").write_text("difficulty: advanced\n", encoding="utf-8")
    (tmp_path / "data" / "exercises" / "step-up.yaml").write_text("difficulty: intermediate\n", encoding="utf-8")
    assert new("routine", "Legs") == 0
    lines = (tmp_path / "data" / "routines" / "legs.yaml").read_text(encoding="utf-8").splitlines()
    assert "difficulty: intermediate" in lines
    assert "      - exercise: step-up" in lines


def test_a_routine_needs_an_exercise_to_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    assert new("routine", "Legs") == 1
    assert capsys.readouterr().err == (
        "data/routines/legs.yaml: no exercise for a routine to name yet (start one with `exguide new exercise`)\n"
    )
    assert list(Path("data").iterdir()) == []


def test_new_files_validate_against_the_bundled_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert new("exercise", "Skater Hop") == 0
    assert new("routine", "Morning Starter") == 0
    catalog = build_catalog(tmp_path / "data")
    assert catalog.exercises["skater-hop"].category == "strength"
    assert catalog.plans["morning-starter"].minutes >= 1


def club_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, club_yml: str) -> Path:
    """A club's folder, the working folder, with club.yml and an empty data/ overlay."""
    club = tmp_path / "club"
    (club / "data").mkdir(parents=True)
    (club / "club.yml").write_text(club_yml, encoding="utf-8")
    monkeypatch.chdir(club)
    return club


def test_new_files_in_a_club_folder_validate_on_top_of_the_bundled_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    club = club_folder(tmp_path, monkeypatch, "name: Riverside Runners\n")
    assert new("exercise", "Skater Hop") == 0
    assert new("routine", "Club Night") == 0
    catalog = build_catalog(REPO / "data", overlay=club / "data")
    assert catalog.exercises["skater-hop"].name == "Skater Hop"
    assert catalog.plans["club-night"].exercise_ids == ["ankle-dorsiflexion-rock"]


def test_a_club_routine_names_no_exercise_the_club_hides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    club = club_folder(
        tmp_path, monkeypatch, "name: Riverside Runners\nhide:\n  exercises: [ankle-dorsiflexion-rock]\n"
    )
    assert new("routine", "Club Night") == 0
    assert "      - exercise: arm-circles" in (club / "data" / "routines" / "club-night.yaml").read_text("utf-8")


def test_a_club_exercise_does_not_silently_replace_a_bundled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    club = club_folder(tmp_path, monkeypatch, "name: Riverside Runners\n")
    assert new("exercise", "Glute Bridge") == 1
    bundled = REPO / "generator" / "bundled" / "data" / "exercises" / "glute-bridge.yaml"
    assert capsys.readouterr().err == (
        "data/exercises/glute-bridge.yaml: would replace the bundled guide's exercise 'glute-bridge'"
        f" (to change that one, copy {bundled} there; for a new one, choose another name)\n"
    )
    assert list((club / "data").iterdir()) == []


def test_a_name_another_exercise_already_has_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new("exercise", "hip  BRIDGE") == 1
    assert capsys.readouterr().err == (
        "data/exercises/hip-bridge.yaml: 'hip BRIDGE' already names exercise 'bridge' (choose another name)\n"
    )
    assert not (data_dir / "exercises" / "hip-bridge.yaml").exists()


def test_every_field_is_present_and_explained(data_dir: Path) -> None:
    assert new("exercise", "Skater Hop") == 0
    assert new("routine", "Morning Starter") == 0
    exercise_text = (data_dir / "exercises" / "skater-hop.yaml").read_text(encoding="utf-8")
    routine_text = (data_dir / "routines" / "morning-starter.yaml").read_text(encoding="utf-8")
    exercise = yaml.safe_load(exercise_text)
    routine = yaml.safe_load(routine_text)
    assert list(exercise) == list(Exercise.model_fields)
    assert list(exercise["equipment"][0]) == list(EquipmentUse.model_fields)
    assert list(exercise["muscles"]) == list(MuscleTargets.model_fields)
    assert list(exercise["joints"][0]) == list(JointUse.model_fields)
    assert list(exercise["dosage"]) == list(Dosage.model_fields)
    assert list(exercise["mistakes"][0]) == list(Mistake.model_fields)
    assert list(routine) == list(Routine.model_fields)
    assert list(routine["per_week"]) == list(routine["weeks"]) == list(Range.model_fields)
    assert list(routine["blocks"][0]) == list(Block.model_fields)
    assert list(routine["blocks"][0]["items"][0]) == list(RoutineItem.model_fields)
    assert uncommented_keys(exercise_text) == []
    assert uncommented_keys(routine_text) == []


def test_the_comments_name_the_vocabulary_each_id_comes_from(data_dir: Path) -> None:
    assert new("exercise", "Skater Hop") == 0
    assert new("routine", "Morning Starter") == 0
    exercise_text = (data_dir / "exercises" / "skater-hop.yaml").read_text(encoding="utf-8")
    routine_text = (data_dir / "routines" / "morning-starter.yaml").read_text(encoding="utf-8")
    for vocabulary in ("categories", "patterns", "equipment", "muscles", "joints", "sources", "poses"):
        assert f"{vocabulary}.yaml" in exercise_text, vocabulary
    for vocabulary in ("goals", "sources"):
        assert f"{vocabulary}.yaml" in routine_text, vocabulary


@pytest.mark.parametrize(
    ("name", "file_id"),
    [
        ('Bob\'s "Best": Bridge', "bobs-best-bridge"),
        ("Bob\u2019s   Best #2 Bridge", "bobs-best-2-bridge"),
        ("Yes", "yes"),
        ("- [Kick] {Back} & *Hold*", "kick-back-hold"),
        ("Fente Arrière Sautée", "fente-arriere-sautee"),
    ],
)
def test_any_name_is_written_as_yaml_that_reads_back_exactly(data_dir: Path, name: str, file_id: str) -> None:
    assert slugify(name) == file_id
    assert new("exercise", name) == 0
    assert new("routine", name) == 0
    catalog = build_catalog(data_dir)
    assert catalog.exercises[file_id].name == " ".join(name.split())
    assert catalog.routines[file_id].name == " ".join(name.split())


@pytest.mark.parametrize("existing", ["bridge.yaml", "bridge.yml"])
def test_an_existing_file_is_never_overwritten(
    data_dir: Path, capsys: pytest.CaptureFixture[str], existing: str
) -> None:
    target = data_dir / "exercises" / existing
    if existing.endswith(".yml"):
        (data_dir / "exercises" / "bridge.yaml").rename(target)
    before = target.read_bytes()
    assert new("exercise", "Bridge") == 1
    assert capsys.readouterr().err == f"data/exercises/{existing}: already exists (edit it, or choose another name)\n"
    assert target.read_bytes() == before
    assert sorted(path.name for path in target.parent.iterdir()) == sorted([existing, "single-leg-bridge.yaml"])


@pytest.mark.parametrize("name", ["!!!", "   ", "日本"])
def test_a_name_without_letters_or_digits_is_a_usage_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert new("exercise", name) == 2
    assert (
        capsys.readouterr().err
        == f"exguide new: {name!r} makes an empty file name (use a name with letters or digits)\n"
    )
    assert sorted(path.name for path in (data_dir / "exercises").iterdir()) == ["bridge.yaml", "single-leg-bridge.yaml"]


def test_a_missing_data_folder_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new("routine", "Starter Two", "--data", "dta") == 2
    assert capsys.readouterr().err == "dta: no such folder (run exguide in the guide's folder, or give --data)\n"
    assert not Path("dta").exists()


def test_the_repository_offers_a_pre_commit_hook() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(hook["id"], hook["entry"], hook["language"], hook["pass_filenames"], hook["files"]) for hook in hooks] == [
        ("exguide-validate", "exguide validate", "python", False, r"\.ya?ml$")
    ]


def test_a_club_folder_can_run_validate_before_each_commit() -> None:
    config = yaml.safe_load((REPO / "generator" / "templates" / "club" / "pre-commit-config.yaml").read_text("utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["id"], hook["entry"], hook["pass_filenames"], hook["files"]) == (
        "exguide-validate",
        "exguide validate",
        False,
        r"\.ya?ml$",
    )
