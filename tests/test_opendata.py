"""Open data: exercises.json and routines.json, exact for the fixture, the same bytes every time, and to schema."""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from helpers import REPO, replace_in

from generator.guide import build_catalog
from generator.outputs.opendata import ExercisesFile, RoutinesFile, open_data_files, open_data_schemas
from generator.outputs.routes import Routes

GOLDEN = Path(__file__).resolve().parent / "golden"
GENERATOR = f"exguide {metadata.version('exguide')}"


def open_data(data_dir: Path, site_url: str = "https://club.example/guides", **options: bool) -> dict[str, bytes]:
    return open_data_files(build_catalog(data_dir), Routes(site_url=site_url, **options))


def test_the_files_match_the_golden_files(data_dir: Path) -> None:
    """The whole format for the fixture: every key, its order, the indentation and the final newline."""
    for name, content in open_data(data_dir).items():
        text = content.decode("utf-8").replace(f'"generator": "{GENERATOR}"', '"generator": "exguide VERSION"')
        golden = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), name


def test_each_file_names_its_format_version_and_generator(data_dir: Path) -> None:
    files = {name: json.loads(content) for name, content in open_data(data_dir).items()}
    assert list(files) == ["exercises.json", "routines.json"]
    assert [list(document)[:3] for document in files.values()] == [["format", "version", "generator"]] * 2
    assert files["exercises.json"]["format"] == "exguide-exercises"
    assert files["routines.json"]["format"] == "exguide-routines"
    assert {document["version"] for document in files.values()} == {1}
    assert {document["generator"] for document in files.values()} == {GENERATOR}


def test_an_exercise_carries_names_derived_links_and_its_page(data_dir: Path) -> None:
    exercises = {entry["id"]: entry for entry in json.loads(open_data(data_dir)["exercises.json"])["exercises"]}
    assert list(exercises) == ["bridge", "single-leg-bridge"]
    bridge, single_leg = exercises["bridge"], exercises["single-leg-bridge"]
    assert bridge["url"] == "https://club.example/guides/exercises/bridge/"
    assert bridge["equipment"] == [{"id": "mat", "name": "Exercise mat", "optional": True}]
    assert bridge["joints"][1] == {"id": "lumbar-spine", "name": "Lumbar spine", "role": "stability"}
    assert bridge["sources"] == [
        {
            "id": "test-article",
            "name": "A test article",
            "title": "A test article",
            "author": None,
            "publisher": "Test Press",
            "published": None,
            "url": "https://example.org/article",
        }
    ]
    assert (bridge["progressions"], bridge["regressions"]) == (["single-leg-bridge"], [])
    assert (single_leg["progressions"], single_leg["regressions"]) == ([], ["bridge"])
    assert single_leg["pattern"] == {"id": "hip-extension", "name": "Hip extension"}
    assert single_leg["variations"] == [] and single_leg["notes"] is None


def test_a_routine_carries_computed_time_and_the_doses_it_asks_for(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    [starter] = json.loads(open_data_files(catalog, Routes())["routines.json"])["routines"]
    assert starter["url"] == "routines/starter/"
    assert starter["minutes"] == catalog.plans["starter"].minutes == 7
    assert starter["equipment"] == {"required": [], "optional": [{"id": "mat", "name": "Exercise mat"}]}
    [main] = starter["blocks"]
    single, circuit = main["items"]
    assert single["type"] == "exercise" and single["exercise"] == "bridge"
    assert single["dosage"] == {
        "sets": 2,
        "reps": 10,
        "hold_s": 2,
        "duration_s": None,
        "distance_m": None,
        "per_side": False,
        "rest_s": 30,
    }
    assert {key: circuit[key] for key in ("type", "name", "rounds", "rest_s")} == {
        "type": "circuit",
        "name": "Pair",
        "rounds": 2,
        "rest_s": 60,
    }
    assert [(item["exercise"], item["note"]) for item in circuit["items"]] == [
        ("single-leg-bridge", None),
        ("bridge", "Hold at the top."),
    ]
    assert circuit["items"][1]["dosage"] == {
        "sets": None,
        "reps": None,
        "hold_s": None,
        "duration_s": 20,
        "distance_m": None,
        "per_side": False,
        "rest_s": None,
    }


def test_urls_follow_the_site_address_and_its_url_style(data_dir: Path) -> None:
    def first_url(site_url: str, directory_urls: bool) -> str:
        exercises = json.loads(open_data(data_dir, site_url, directory_urls=directory_urls)["exercises.json"])
        url: str = exercises["exercises"][0]["url"]
        return url

    assert first_url("https://club.example/guides/", True) == "https://club.example/guides/exercises/bridge/"
    assert first_url("", True) == "exercises/bridge/"
    assert first_url("", False) == "exercises/bridge.html"


def test_the_same_data_gives_the_same_bytes(data_dir: Path) -> None:
    first, second = open_data(data_dir), open_data(data_dir)
    assert first == second
    for content in first.values():
        assert content.endswith(b"}\n") and not content.endswith(b"\n\n")


def test_text_from_data_round_trips_exactly(data_dir: Path) -> None:
    name = "Bridge </script><script>alert(\"x\")</script> \\ \u2028 'quoted'"
    replace_in(data_dir / "exercises" / "bridge.yaml", "name: Bridge", f"name: {json.dumps(name)}")
    content = open_data(data_dir)["exercises.json"]
    assert json.loads(content)["exercises"][0]["name"] == name
    assert b'alert(\\"x\\")' in content


def test_the_files_conform_to_their_models_and_schemas(data_dir: Path) -> None:
    files = open_data(data_dir)
    for model, name in ((ExercisesFile, "exercises.json"), (RoutinesFile, "routines.json")):
        document = json.loads(files[name])
        assert model.model_validate_json(files[name]).model_dump(mode="json") == document, name
    assert sorted(open_data_schemas()) == ["exercises.schema.json", "routines.schema.json"]


def test_every_field_is_always_written() -> None:
    """Readers need no defaults: every property of every object in the schemas is required."""

    def objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
        return [schema, *(definition for definition in schema.get("$defs", {}).values())]

    for name, schema in open_data_schemas().items():
        for definition in objects(schema):
            assert sorted(definition.get("required", [])) == sorted(definition["properties"]), (name, definition)


def test_the_committed_schemas_are_the_models() -> None:
    for name, schema in open_data_schemas().items():
        committed = json.loads((REPO / "schema" / "open-data" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"run `exguide schema` to refresh schema/open-data/{name}"


def test_the_bundled_guide_publishes_files_that_conform() -> None:
    files = open_data_files(build_catalog(REPO / "data"), Routes(site_url="https://exguide.example/hip-extension/"))
    exercises = ExercisesFile.model_validate_json(files["exercises.json"])
    routines = RoutinesFile.model_validate_json(files["routines.json"])
    assert [exercise.id for exercise in exercises.exercises] == sorted(
        path.stem for path in (REPO / "data" / "exercises").glob("*.yaml")
    )
    assert all(routine.minutes >= 1 for routine in routines.routines)
