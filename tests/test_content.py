"""The bundled guide's content: in our own words, free of the scraped pages' advertising."""

from __future__ import annotations

import subprocess

import yaml
from helpers import REPO, shared_file

ADVERTISING = ["commission", "affiliate", "hearst digital media.", "special offer", "newsletter", "sign up", "see also"]


def test_no_sentence_is_copied_from_the_seed_articles() -> None:
    seed_overlap = shared_file("tools", "seed-overlap")
    result = subprocess.run([str(seed_overlap)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 shared run(s) of 10+ words")


def test_no_advertising_reaches_the_data() -> None:
    for path in sorted((REPO / "data" / "exercises").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").lower()
        assert [phrase for phrase in ADVERTISING if phrase in text] == [], path.name


def test_every_exercise_has_at_least_three_steps() -> None:
    for path in sorted((REPO / "data" / "exercises").glob("*.yaml")):
        exercise = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(exercise["steps"]) >= 3, path.name


def test_the_bundled_guide_fills_in_what_the_format_leaves_optional() -> None:
    """Imported data may be sparse; the guide's own exercises carry everything a coach would give."""
    for path in sorted((REPO / "data" / "exercises").glob("*.yaml")):
        exercise = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in ("pattern", "joints", "cues", "mistakes", "safety", "illustration"):
            assert exercise.get(field), (path.name, field)
