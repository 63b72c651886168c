"""Translation files beside the data: which fields are texts, how a wrong file is reported, what a
language has left to translate, and a translation laid over its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import exguide, write

from generator.authoring.translate import translation_status
from generator.errors import DataError
from generator.reading.load import load_data_folder
from generator.reading.models import Exercise, Routine
from generator.reading.translations import TEXT, load_translations, text_shape, translated_data

BRIDGE_DE = """\
name: Beckenheben
aliases: [Hüftbrücke]
summary: Das Becken vom Boden heben.
setup: Auf den Rücken legen, Knie gebeugt.
steps:
  - Die Füße in den Boden drücken.
  - Das Becken heben.
mistakes:
  - {mistake: Hohlkreuz., fix: Weniger hoch heben.}
"""


def test_the_texts_are_read_from_the_models() -> None:
    exercise = text_shape(Exercise)
    assert exercise["name"] == TEXT and exercise["steps"] == [TEXT]
    assert exercise["mistakes"] == [{"mistake": TEXT, "fix": TEXT}]
    assert "difficulty" not in exercise and "progressions" not in exercise and "dosage" not in exercise
    routine = text_shape(Routine)
    assert routine["blocks"] == [{"name": TEXT, "items": [{"note": TEXT, "name": TEXT, "circuit": [{"note": TEXT}]}]}]


def _problems(data_dir: Path) -> list[str]:
    documents, _ = load_data_folder(data_dir)
    _, problems = load_translations(data_dir, "de", documents)
    return [str(problem) for problem in problems]


def test_a_good_translation_has_no_problems(data_dir: Path) -> None:
    write(data_dir / "i18n" / "de" / "exercises" / "bridge.yaml", BRIDGE_DE)
    write(data_dir / "i18n" / "de" / "muscles.yaml", "gluteus-maximus: {name: Großer Gesäßmuskel}\n")
    assert _problems(data_dir) == []


def test_every_wrong_translation_is_reported_with_its_place(data_dir: Path) -> None:
    write(
        data_dir / "i18n" / "de" / "exercises" / "bridge.yaml",
        BRIDGE_DE.replace("  - Das Becken heben.\n", "")
        .replace("name: Beckenheben", "name: Beckenheben\ndifficulty: leicht\nsumary: x")
        .replace("aliases: [Hüftbrücke]", "aliases: [Hüftbrücke, Brücke, '']"),
    )
    write(data_dir / "i18n" / "de" / "exercises" / "bridj.yaml", "name: Brücke\n")
    write(data_dir / "i18n" / "de" / "muscles.yaml", "gluteus-maximus:\n  name: Gesäß\n  role: x\nglutes: {name: G}\n")
    write(data_dir / "i18n" / "de" / "musles.yaml", "{}\n")
    assert _problems(data_dir) == [
        "data/i18n/de/exercises/bridge.yaml:2:1: difficulty: 'difficulty' is not a text that can be translated "
        "(texts that translate here: name, aliases, summary, setup, steps, cues, mistakes, safety, variations, "
        "notes, illustration)",
        "data/i18n/de/exercises/bridge.yaml:3:1: sumary: 'sumary' is not a text that can be translated "
        "(did you mean 'summary'?)",
        "data/i18n/de/exercises/bridge.yaml:4:31: aliases[2]: must be a text (write the translation, or leave the "
        "field out)",
        "data/i18n/de/exercises/bridge.yaml:8:3: steps: has 1 where the source has 2 entries "
        "(translate each entry, in the same order)",
        "data/i18n/de/exercises/bridj.yaml:1:1: (file): no exercise 'bridj' to translate (did you mean 'bridge'?)",
        "data/i18n/de/muscles.yaml:3:3: gluteus-maximus.role: 'role' is not a text that can be translated "
        "(texts that translate here: name, description, aliases)",
        "data/i18n/de/muscles.yaml:4:1: glutes: no entry 'glutes' in muscles (did you mean 'gluteus-maximus'?)",
        "data/i18n/de/musles.yaml:1:1: (file): 'musles.yaml' translates no vocabulary (did you mean 'muscles'?)",
    ]


def test_a_translation_replaces_only_texts(data_dir: Path) -> None:
    write(data_dir / "i18n" / "de" / "exercises" / "bridge.yaml", BRIDGE_DE)
    documents, _ = load_data_folder(data_dir)
    translations, _ = load_translations(data_dir, "de", documents)
    source = next(document for document in documents.exercises if document.stem == "bridge")
    merged = translated_data(source.data, translations.exercises["bridge"].data, text_shape(Exercise))
    exercise = Exercise.model_validate(merged)
    assert exercise.name == "Beckenheben" and exercise.steps[1] == "Das Becken heben."
    assert exercise.mistakes[0].fix == "Weniger hoch heben."
    assert exercise.cues == ["Squeeze the seat."], "an untranslated text falls back to the source"
    assert exercise.dosage == Exercise.model_validate(source.data).dosage


def test_the_status_lists_what_is_left(data_dir: Path) -> None:
    write(data_dir / "i18n" / "de" / "exercises" / "bridge.yaml", BRIDGE_DE)
    (status,) = translation_status(data_dir)
    assert status.language == "de" and 0 < status.translated < status.texts
    assert status.missing["exercises/bridge.yaml"][:2] == [("cues", 0), ("safety", 0)]
    assert "exercises/single-leg-bridge.yaml" in status.missing
    assert ("gluteus-maximus", "name") in status.missing["muscles.yaml"]
    assert status.summary().startswith(f"de: {status.translated} of {status.texts} texts translated; ")


def test_a_bad_translation_stops_validate_with_its_line(data_dir: Path) -> None:
    write(data_dir / "i18n" / "de" / "exercises" / "bridge.yaml", "steps: [Nur einer.]\n")
    with pytest.raises(DataError):
        translation_status(data_dir)
    result = exguide(data_dir.parent, "validate", "--data", "data")
    assert result.returncode == 1
    assert "data/i18n/de/exercises/bridge.yaml:1:8: steps: has 1 where the source has 2 entries" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_and_translate_status_report_each_language(data_dir: Path) -> None:
    write(data_dir / "i18n" / "de" / "exercises" / "bridge.yaml", BRIDGE_DE)
    result = exguide(data_dir.parent, "validate", "--data", "data")
    assert result.returncode == 0, result.stderr
    assert "de: " in result.stdout and "texts translated" in result.stdout
    status = exguide(data_dir.parent, "translate", "status", "--data", "data")
    assert status.returncode == 0, status.stderr
    assert "data/i18n/de/exercises/bridge.yaml: cues[0], safety[0], variations[0].name" in status.stdout


def test_a_new_translation_starts_with_every_text_empty_under_its_source(data_dir: Path) -> None:
    result = exguide(data_dir.parent, "new", "translation", "de", "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    skeleton = (data_dir / "i18n" / "de" / "exercises" / "bridge.yaml").read_text(encoding="utf-8")
    assert "# Lift the hips from the floor.\nsummary:\n" in skeleton
    assert "steps:\n  # Press the feet down.\n  -\n  # Lift the hips.\n  -\n" in skeleton
    assert _problems(data_dir) == []
    (status,) = translation_status(data_dir)
    assert status.translated == 0 and status.texts > 20
    write(
        data_dir / "i18n" / "de" / "exercises" / "bridge.yaml", skeleton.replace("\nsummary:\n", "\nsummary: Hoch.\n")
    )
    (status,) = translation_status(data_dir)
    assert status.translated == 1
    again = exguide(data_dir.parent, "new", "translation", "de", "--data", str(data_dir))
    assert "every file is there already" in again.stdout
