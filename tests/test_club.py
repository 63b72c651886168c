"""Club sites: `exguide init`, then a build with an overlay that adds, replaces and hides."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
from helpers import CLUB_NAME, REPO, edit, exguide, make_club, shared_file


def test_init_writes_a_club_folder_that_validates(tmp_path: Path) -> None:
    result = exguide(tmp_path, "init", "club", "--name", CLUB_NAME)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "club"
    for name in ["club.yml", "README.md", ".pre-commit-config.yaml", ".gitignore", "data/exercises", "content"]:
        assert (folder / name).exists(), name
    assert 'name: "Riverside Runners: A&B"' in (folder / "club.yml").read_text(encoding="utf-8")
    validated = exguide(folder, "validate")
    assert validated.returncode == 0, validated.stderr
    assert "no problems found\n" in validated.stdout
    again = exguide(tmp_path, "init", "club")
    assert again.returncode == 1
    assert again.stderr == "club: already exists and is not empty; choose a new folder\n"


def test_the_overlay_adds_replaces_and_hides(club_site: Path) -> None:
    assert "Club Bridge Hold" in (club_site / "exercises" / "club-bridge-hold" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<h1 id="club-clamshell">Club Clamshell' in (club_site / "exercises" / "clamshell" / "index.html").read_text()
    )
    assert not (club_site / "exercises" / "cable-kickback").exists()
    assert not (club_site / "routines" / "hill-power").exists()
    assert not (club_site / "pdf" / "hill-power.pdf").exists()
    assert "cable-kickback" not in (club_site / "exercises" / "hip-kickback" / "index.html").read_text(encoding="utf-8")
    assert "steep-hill-sprints" in (club_site / "exercises" / "strides" / "index.html").read_text(encoding="utf-8")
    home = (club_site / "index.html").read_text(encoding="utf-8")
    assert "Start with our" in home and "Tuesdays" not in home
    assert "Tuesdays at the track" in (club_site / "meeting-times" / "index.html").read_text(encoding="utf-8")
    assert (club_site / "how-to-use" / "index.html").is_file()


def test_branding_reaches_pages_and_pdfs(club_site: Path) -> None:
    html = (club_site / "routines" / "index.html").read_text(encoding="utf-8")
    assert "<title>Routines - Riverside Runners: A&amp;B</title>" in html
    assert 'src="../assets/club-logo.svg"' in html
    assert "mailto:coach@club.example" in html
    assert html.count('href="../assets/stylesheets/club.css"') == 1
    css = (club_site / "assets" / "stylesheets" / "club.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #00695c;" in css
    assert "--md-accent-fg-color: #bf360c;" in css
    assert 'content: "Riverside Runners\\3a  A&B";' in css
    reader = pypdf.PdfReader(club_site / "pdf" / "beginner-hip-strength.pdf")
    text = reader.pages[0].extract_text()
    assert CLUB_NAME in text
    assert "https://club.example/guides/routines/beginner-hip-strength/" in text.replace("\n", "")


def test_problems_in_club_files_point_at_them(tmp_path: Path) -> None:
    folder = make_club(tmp_path / "club")
    edit(folder / "data" / "exercises" / "club-bridge-hold.yaml", "primary: [gluteus-maximus]", "primary: [glutes-max]")
    edit(folder / "club.yml", "exercises: [cable-kickback]", "exercises: [cable-kickbak, hip-thrust]")
    edit(folder / "club.yml", 'primary: "#00695c"', 'primary: "#ffeb3b"')
    result = exguide(folder, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:1] == [
        "club.yml:27:12: colours.primary: #ffeb3b on white has a contrast of 1.2:1, below the 4.5:1 that WCAG AA"
        " asks of text (try #82781e)"
    ]
    edit(folder / "club.yml", 'primary: "#ffeb3b"', 'primary: "#00695c"')
    result = exguide(folder, "validate")
    bundled = REPO / "data" / "routines" / "intermediate-hip-strength.yaml"
    lines = bundled.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "exercise: hip-thrust" in text)
    assert result.stderr.splitlines() == [
        f"{bundled}:{line}:20: blocks[1].items[1].exercise: exercise 'hip-thrust' is hidden by the club"
        " (hide this routine too, or put your own version of it in the club's data/routines/)",
        "club.yml:41:15: hide.exercises[0]: no exercise 'cable-kickbak' to hide (did you mean 'cable-kickback'?)",
        "data/exercises/club-bridge-hold.yaml:15:13: muscles.primary[0]: unknown muscle 'glutes-max'"
        " (did you mean 'gluteus-maximus'?)",
        "3 problems found; nothing was built.",
    ]
    assert os.path.isfile(bundled)


def test_the_free_exercise_db_set_imports_into_a_club_and_builds_strictly(tmp_path: Path) -> None:
    source = shared_file("data", "free-exercise-db", "exercises.json")
    assert exguide(tmp_path, "init", "club").returncode == 0
    folder = tmp_path / "club"
    imported = exguide(folder, "import", "free-exercise-db", str(source), "--into", "data")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "imported 858 exercises into data (15 skipped)\n"
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--no-pdfs"], cwd=folder, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert (folder / "site" / "exercises" / "barbell-full-squat" / "index.html").is_file()
