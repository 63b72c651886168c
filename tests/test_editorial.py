"""The bundled guide held to its editorial rules (docs/editorial-rules.md): honest sources, notes a
reader can follow, joint roles by the written rule, no wrong safety claim, metric units."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import REPO, shared_file

from generator.catalog.link import Catalog
from generator.guide import build_catalog

RECORD = yaml.safe_load((REPO / "tests" / "fixtures" / "content" / "source_record.yaml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((REPO / "data" / "sources.yaml").read_text(encoding="utf-8"))

RANGE_CATEGORIES = {"mobility", "stretch", "release"}
RANGE_PATTERNS = {
    "lengthening", "soft-tissue", "joint-mobilisation", "dynamic-mobility", "ankle-mobility",
    "thoracic-rotation", "shoulder-mobility",
}  # fmt: skip
UNNAMED_SOURCE = re.compile(
    r"\b(?:one|another|other|both|some|several|either|neither|each|a|two|three|four|five)\s+(?:of\s+the\s+)?"
    r"(?:sources?|articles?)\b|\bsources?\b",
    re.IGNORECASE,
)
EDITORS_WORDS = re.compile(r"\b(?:vocabulary|seed|the data|data says|editors?|ids?|field)\b", re.IGNORECASE)
WRONG_SAFETY = re.compile(
    r"loads? no joint|no load on the joints?|carr(?:y|ies) no (?:body ?)?weight|niggle|safe for (?:sore|bad|injured)"
    r"|ideal (?:for|if) .*(?:pain|discomfort|injur)|suitable for .*(?:pain|problem|injur)",
    re.IGNORECASE,
)
IMPERIAL = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:-\s*)?(?:inch(?:es)?|in\.|feet|foot|ft|miles?|lbs?|pounds?|yards?)\b")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(REPO / "data")


def reader_texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a data document with its field path: what the pages show."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "illustration":
                yield from reader_texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from reader_texts(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def data_documents() -> Iterator[tuple[str, dict[str, Any]]]:
    for folder in ("exercises", "routines"):
        for path in sorted((REPO / "data" / folder).glob("*.yaml")):
            yield f"{folder}/{path.name}", yaml.safe_load(path.read_text(encoding="utf-8"))
    weeks = yaml.safe_load((REPO / "data" / "weeks.yaml").read_text(encoding="utf-8"))
    for week_id, week in weeks.items():
        yield f"weeks.yaml:{week_id}", week


# Sources: only what each article shows.


def test_every_source_has_a_record_of_what_its_article_shows() -> None:
    assert set(SOURCES) == set(RECORD)


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_a_source_states_only_what_its_article_shows(source_id: str) -> None:
    shown = RECORD[source_id]["shows"]
    for field, value in SOURCES[source_id].items():
        if field in {"name", "url"}:
            continue
        assert field in shown, f"{source_id}.{field}: the article does not show it"
        assert value == shown[field]["value"], f"{source_id}.{field}"
    if "title" not in SOURCES[source_id]:
        # A description of the article, such as "Lisa's post on …", never words standing as a title.
        assert re.search(r"\b(?:article|post)\b", SOURCES[source_id]["name"]), source_id


@pytest.mark.parametrize("source_id", sorted(RECORD))
def test_the_record_quotes_the_article_word_for_word(source_id: str) -> None:
    seed = shared_file("seeds", RECORD[source_id]["seed"]).read_text(encoding="utf-8")
    for field, shown in RECORD[source_id]["shows"].items():
        assert shown["quote"] in seed, f"{source_id}.{field}"


def test_nothing_but_a_title_is_shared_with_the_articles_over_six_words() -> None:
    seed_overlap = shared_file("tools", "seed-overlap")
    result = subprocess.run([str(seed_overlap), "-n", "6"], cwd=REPO, capture_output=True, text=True, check=False)
    titles = " ".join(re.sub(r"[^a-z0-9 ]+", " ", str(entry.get("title", "")).lower()) for entry in SOURCES.values())
    titles = " ".join(titles.split())
    for line in result.stdout.splitlines()[:-1]:
        _, _, run = line.partition(" words shared with ")
        shared = run.split(": ", 1)[1].strip('"')
        assert shared in titles, line


# Notes: plain sentences that name the article.


def test_notes_name_the_articles_they_rely_on_and_only_those_cited() -> None:
    for where, document in data_documents():
        notes = document.get("notes") or ""
        assert not UNNAMED_SOURCE.search(notes), (where, UNNAMED_SOURCE.search(notes))
        cited = set(document.get("sources") or [])
        for source_id, record in RECORD.items():
            if any(called.lower() in notes.lower() for called in record["called"]):
                assert source_id in cited, f"{where}: the notes name {source_id}, which it does not cite"


def test_data_text_carries_no_markdown_meant_to_format_it() -> None:
    """Text from data shows literally, so asterisks or backticks for emphasis would show as typed."""
    for where, document in data_documents():
        for field, text in reader_texts(document):
            assert not re.search(r"\*\S[^*]*\*|`|__", text), (where, field)


def test_notes_use_no_words_meant_for_editors() -> None:
    for where, document in data_documents():
        for field, text in reader_texts(document):
            if field == "notes" or field.endswith(".note"):
                assert not EDITORS_WORDS.search(text), (where, field, EDITORS_WORDS.search(text))


def test_the_how_to_page_names_the_articles_its_figures_come_from() -> None:
    page = (REPO / "content" / "how-to-use.md").read_text(encoding="utf-8")
    for weekly_figure, source_id in (("two or three", "hip-extensions-for-runners"), ("three to six weeks",
                                     "twelve-hip-strengthening-exercises")):  # fmt: skip
        assert weekly_figure in page.lower(), weekly_figure
        assert any(called.lower() in page.lower() for called in RECORD[source_id]["called"]), source_id


# Joint roles: by the written rule.


def test_only_range_work_claims_a_joint_s_mobility(catalog: Catalog) -> None:
    for exercise_id, exercise in catalog.exercises.items():
        works_range = exercise.category in RANGE_CATEGORIES or exercise.pattern in RANGE_PATTERNS
        for use in exercise.joints:
            if use.role == "mobility":
                assert works_range, (
                    f"{exercise_id}: {use.id} mobility, but it is {exercise.category}/{exercise.pattern}"
                )
            if use.role == "strength":
                assert exercise.category not in RANGE_CATEGORIES, f"{exercise_id}: {use.id} strength in range work"


def test_the_hip_page_lists_no_loaded_or_running_exercise_for_mobility(catalog: Catalog) -> None:
    for exercise_id in catalog.joint_exercises["hip"]["mobility"]:
        assert catalog.exercises[exercise_id].category in RANGE_CATEGORIES | {"drill"}, exercise_id
    assert "barbell-romanian-deadlift" in catalog.joint_exercises["hip"]["strength"]


# Safety and wording.


def test_no_safety_note_claims_an_exercise_spares_the_joints_or_suits_the_injured() -> None:
    for where, document in data_documents():
        for field, text in reader_texts(document):
            assert not WRONG_SAFETY.search(text), (where, field, WRONG_SAFETY.search(text))


def test_every_measure_is_metric() -> None:
    texts = [(where, field, text) for where, document in data_documents() for field, text in reader_texts(document)]
    for path in sorted((REPO / "data").glob("*.yaml")) + sorted((REPO / "content").glob("*.md")):
        texts.append((path.name, "", path.read_text(encoding="utf-8")))
    for where, field, text in texts:
        assert not IMPERIAL.search(text), (where, field, IMPERIAL.search(text))


def test_a_routine_that_says_move_on_has_somewhere_to_go(catalog: Catalog) -> None:
    for routine_id, routine in catalog.routines.items():
        said = " ".join(text for _, text in reader_texts(routine.model_dump()))
        if re.search(r"(?<!nothing to )\bmove (?:on|up)\b", said, re.IGNORECASE):
            assert routine.next is not None, routine_id


def test_arm_and_trunk_exercises_are_not_called_leg_work(default_site: Path) -> None:
    html = (default_site / "exercises" / "band-pull-apart" / "index.html").read_text(encoding="utf-8")
    assert "Both sides at once" in html and "legs together" not in html
