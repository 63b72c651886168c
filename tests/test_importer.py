"""The free-exercise-db import: the mapping, the report a user reads, stable output, refusals, the full data set."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import FIXTURES, REPO, shared_file, write

from generator.authoring.free_exercise_db import CATEGORIES, EQUIPMENT, LEVELS, MUSCLES
from generator.authoring.import_convert import import_vocabulary, slug
from generator.authoring.importer import configure_import_parser, run_import
from generator.guide import build_catalog
from generator.outputs.muscle_map import load_body_regions


@pytest.fixture
def free_exercise_db() -> Path:
    """The folder of the free-exercise-db copy beside the checkout."""
    return shared_file("data", "free-exercise-db", "exercises.json").parent


NOT_THE_FORMAT = "(not free-exercise-db JSON: see its schema.json)"


@pytest.fixture
def guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding the bundled data (as `data`) and the fixture source (as `exercises.json`)."""
    (tmp_path / "data").symlink_to(REPO / "data")
    shutil.copy(FIXTURES / "free-exercise-db.json", tmp_path / "exercises.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def import_into(club: str | Path, source: str | Path = "exercises.json", data: str | Path = "data") -> int:
    parser = argparse.ArgumentParser(prog="exguide import")
    configure_import_parser(parser)
    return run_import(parser.parse_args(["free-exercise-db", str(source), "--into", str(club), "--data", str(data)]))


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_report_names_every_value_without_a_counterpart_and_every_skip(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_into("club") == 0
    out, err = capsys.readouterr()
    assert out == "imported 6 exercises into club (6 skipped)\n"
    assert err.splitlines() == [
        "exercises.json: level: value 'master' has no exguide counterpart in 1 exercise"
        " (skipped: exguide needs a difficulty)",
        "exercises.json: category: value 'yoga' has no exguide counterpart in 1 exercise"
        " (skipped: exguide needs a category)",
        "exercises.json: equipment: value 'other' has no exguide counterpart in 1 exercise"
        " (imported without equipment: add what they need by hand)",
        "exercises.json: equipment: value null has no exguide counterpart in 1 exercise"
        " (imported without equipment: add what they need by hand)",
        "exercises.json: secondaryMuscles: value 'hip flexors' has no exguide counterpart in 1 exercise"
        " (left out of the imported exercises)",
        "exercises.json: force: field has no exguide counterpart in 3 exercises"
        " (not imported: exguide describes the movement in its steps)",
        "exercises.json: mechanic: field has no exguide counterpart in 2 exercises"
        " (not imported: exguide describes the movement in its steps)",
        "exercises.json: images: field has no exguide counterpart in 2 exercises"
        " (not imported: exguide draws its own figures)",
        "exercises.json: [5].id: exercise id 'glute-bridge' is taken by data/exercises/glute-bridge.yaml"
        " (skipped: importing it would replace that exercise)",
        "exercises.json: [6].name: 'HIP BRIDGE' already names data/exercises/glute-bridge.yaml"
        " (skipped: exguide gives each name to one exercise)",
        "exercises.json: [7].instructions: 'Iron Cross' has no instructions (skipped: exguide needs at least one step)",
        "exercises.json: [11].name: '3/4 sit-up' already names exercises.json [0]"
        " (skipped: exguide gives each name to one exercise)",
    ]
    assert sorted(path.name for path in (guide / "club" / "exercises").iterdir()) == [
        "3-4-sit-up-2.yaml",
        "3-4-sit-up.yaml",
        "machine-curl.yaml",
        "neck-tilt.yaml",
        "power-clean.yaml",
        "sled-push.yaml",
    ]


def test_an_exercise_file_carries_the_mapped_values_in_the_bundled_files_style(guide: Path) -> None:
    import_into("club")
    assert (guide / "club" / "exercises" / "power-clean.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/exercise.schema.json\n"
        "name: Power Clean\n"
        "summary: An advanced weightlifting exercise for the hamstrings, using a barbell.\n"
        "difficulty: advanced\n"
        "category: strength\n"
        "laterality: bilateral\n"
        "equipment:\n"
        "  - {id: barbell}\n"
        "muscles:\n"
        "  primary: [hamstrings]\n"
        "  secondary: [gluteus-maximus, erector-spinae, trapezius, forearms]\n"
        "dosage: {sets: 3, reps: 3, rest_s: 120}\n"
        "setup: Stand with the bar over the middle of your feet. Grip it just outside your knees, back flat. This\n"
        "  will be your starting position.\n"
        "steps:\n"
        "  - Drive up through the floor and pull the bar onto your shoulders.\n"
        "  - Lower it under control.\n"
        "sources: [free-exercise-db]\n"
        "notes: Imported from free-exercise-db, where its id is Power_Clean. The dosage is exguide's default for\n"
        "  the source's olympic weightlifting category, not a dose the source gives; adjust it to the athlete.\n"
    )


def test_values_map_to_exguide_ids_and_the_dose_follows_the_category(guide: Path) -> None:
    import_into("club")
    exercises = {path.stem: read_yaml(path) for path in (guide / "club" / "exercises").iterdir()}
    sit_up, neck, sled, curl = (exercises[key] for key in ("3-4-sit-up", "neck-tilt", "sled-push", "machine-curl"))
    assert sit_up["summary"] == "A beginner strength exercise for the abdominals, with no equipment."
    assert "equipment" not in sit_up
    assert sit_up["setup"] == "The source gives no separate set-up; start as the first step describes."
    assert sit_up["steps"] == [
        "Lie on your back with your knees bent and your feet held down.",
        "Curl up until your trunk is upright, then lower three quarters of the way.",
    ]
    assert (neck["category"], neck["difficulty"], neck["dosage"]) == (
        "stretch",
        "intermediate",
        {"sets": 2, "duration_s": 30, "rest_s": 0},
    )
    assert neck["summary"] == "An intermediate stretch for the neck."
    assert sled["muscles"] == {"primary": ["quadriceps", "gluteus-medius"], "secondary": ["calves"]}
    assert sled["summary"] == "A beginner strongman exercise for the quadriceps and abductors."
    assert curl["equipment"] == [{"id": "machine"}]
    assert curl["steps"] == ["Curl the handles up to your shoulders, then lower them slowly."]
    assert exercises["3-4-sit-up-2"]["name"] == "3/4 Sit-Up With Feet Free"
    assert {exercise["laterality"] for exercise in exercises.values()} == {"bilateral"}


def test_only_the_vocabulary_the_guide_lacks_is_added_and_the_data_is_credited(guide: Path) -> None:
    import_into("club")
    club = guide / "club"
    assert list(read_yaml(club / "muscles.yaml")) == ["biceps", "forearms", "neck"]
    assert list(read_yaml(club / "equipment.yaml")) == ["machine"]
    assert read_yaml(club / "sources.yaml") == {
        "free-exercise-db": {
            "title": "Free Exercise DB",
            "publisher": "yuhonas on GitHub, released into the public domain (the Unlicense)",
            "url": "https://github.com/yuhonas/free-exercise-db",
        }
    }
    for name in ("muscles", "equipment", "sources"):
        first_line = (club / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schema/{name}.schema.json"
    assert build_catalog(guide / "data", overlay=club).muscles["neck"].regions == ["neck-front", "neck-back"]


def test_the_same_source_gives_the_same_bytes(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_into("first")
    import_into("second")
    assert snapshot(guide / "first") == snapshot(guide / "second")
    written = {path: path.stat().st_mtime_ns for path in (guide / "first").rglob("*.yaml")}
    import_into("first")
    assert snapshot(guide / "first") == snapshot(guide / "second")
    assert {path: path.stat().st_mtime_ns for path in written} == written


def test_the_clubs_own_files_are_kept_and_an_earlier_import_is_replaced(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    club = guide / "club"
    own_muscles = (
        "# Our muscles.\nbiceps:\n  name: Our biceps\n  region: arm\n  regions: [biceps]\n  description: Ours.\n"
    )
    write(club / "muscles.yaml", own_muscles)
    write(club / "exercises" / "sled-drive.yaml", "name: Sled Push\nsummary: The club's own.\n")
    write(club / "exercises" / "3-4-sit-up.yaml", "name: Old Import\nsources: [free-exercise-db]\n")
    import_into(club)
    muscles = (club / "muscles.yaml").read_text(encoding="utf-8")
    assert muscles.startswith(own_muscles) and muscles.count("biceps:") == 1
    assert list(read_yaml(club / "muscles.yaml")) == ["biceps", "forearms", "neck"]
    assert read_yaml(club / "exercises" / "3-4-sit-up.yaml")["name"] == "3/4 Sit-Up"
    assert read_yaml(club / "exercises" / "sled-drive.yaml")["summary"] == "The club's own."
    assert not (club / "exercises" / "sled-push.yaml").exists()
    assert (
        "exercises.json: [3].name: 'Sled Push' already names club/exercises/sled-drive.yaml"
        " (skipped: exguide gives each name to one exercise)"
    ) in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "exercises.json:1:1: (file): not JSON: Expecting value"),
        (b'{"id": "Sit_Up"}', f"exercises.json: (file): expected a list, got an object {NOT_THE_FORMAT}"),
        (b"[1]", f"exercises.json: [0]: expected an object, got a number {NOT_THE_FORMAT}"),
        (
            b'[{"id": "Sit_Up", "name": "Sit-Up"}]',
            f"exercises.json: [0].level: required field is missing {NOT_THE_FORMAT}",
        ),
        ("[]".encode("utf-16"), f"exercises.json: (file): not UTF-8 text {NOT_THE_FORMAT}"),
    ],
)
def test_a_file_that_is_not_free_exercise_db_json_is_one_line_and_exit_1(
    guide: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    (guide / "exercises.json").write_bytes(content)
    assert import_into("club") == 1
    assert capsys.readouterr() == ("", message + "\n")
    assert not (guide / "club").exists()


def test_a_wrong_type_names_the_field(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads((guide / "exercises.json").read_text(encoding="utf-8"))
    records[2]["primaryMuscles"] = "neck"
    (guide / "exercises.json").write_text(json.dumps(records), encoding="utf-8")
    assert import_into("club") == 1
    assert (
        capsys.readouterr().err == f"exercises.json: [2].primaryMuscles: expected a list, got text {NOT_THE_FORMAT}\n"
    )


def test_a_missing_file_or_a_broken_club_vocabulary_stops_before_writing(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_into("club", "missing.json") == 2
    assert capsys.readouterr().err == "missing.json: No such file or directory\n"
    write(guide / "club" / "equipment.yaml", "- machine\n")
    assert import_into("club") == 1
    assert capsys.readouterr().err == (
        "club/equipment.yaml: (file): is not a vocabulary of 'id: {name: …}' entries"
        " (fix it or move it away, then import again)\n"
    )
    assert sorted(path.name for path in (guide / "club").iterdir()) == ["equipment.yaml"]


def test_ids_are_slugs_of_the_source_ids() -> None:
    assert slug("3_4_Sit-Up") == "3-4-sit-up"
    assert slug("Back_Flyes_-_With_Bands") == "back-flyes-with-bands"
    assert slug("90_90_Hamstring") == "90-90-hamstring"


def test_every_mapped_id_is_in_the_bundled_vocabularies_or_added_by_the_import() -> None:
    added = import_vocabulary()
    known = {name: set(read_yaml(REPO / "data" / f"{name}.yaml")) | set(added[name]) for name in added}
    known["categories"] = set(read_yaml(REPO / "data" / "categories.yaml"))
    assert {rule.category for rule in CATEGORIES.values() if rule} <= known["categories"]
    assert {i for rule in EQUIPMENT.values() if rule for i in rule.ids} <= known["equipment"]
    assert {muscle for muscle in MUSCLES.values() if muscle} <= known["muscles"]
    assert set(LEVELS.values()) == {"beginner", "intermediate", "advanced"}
    regions = {region for entry in added["muscles"].values() for region in entry["regions"]}
    assert regions <= set(load_body_regions().region_ids)


def test_the_tables_cover_every_value_the_source_schema_allows(free_exercise_db: Path) -> None:
    properties = json.loads((free_exercise_db / "schema.json").read_text(encoding="utf-8"))["properties"]
    assert set(properties["level"]["enum"]) == set(LEVELS)
    assert set(properties["category"]["enum"]) == set(CATEGORIES)
    assert set(properties["equipment"]["enum"]) == set(EQUIPMENT)
    for name in ("primaryMuscles", "secondaryMuscles"):
        assert set(properties[name]["items"][0]["enum"]) == set(MUSCLES)


def test_the_whole_data_set_imports_and_validates_over_the_bundled_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], free_exercise_db: Path
) -> None:
    """The import and validation of all 873 exercises take about four seconds; the build is left to the CLI's test."""
    monkeypatch.chdir(tmp_path)
    assert import_into("club", free_exercise_db / "exercises.json", REPO / "data") == 0
    catalog = build_catalog(REPO / "data", overlay=tmp_path / "club")
    out, err = capsys.readouterr()
    assert out == "imported 858 exercises into club (15 skipped)\n"
    assert len(err.splitlines()) == 5 + 15
    assert len(catalog.exercises) == 858 + len(list((REPO / "data" / "exercises").glob("*.yaml")))
    assert {"biceps", "triceps", "forearms", "neck"} <= set(catalog.muscles)
    assert {"machine", "medicine-ball", "ez-curl-bar"} <= set(catalog.equipment)
