"""A full build renders its pages in a process of its own while MkDocs works (outputs/render_ahead.py): the
site is the one a build that renders first makes, and a render that fails stops the build with its reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, make_project
from test_preview import site_files

from generator.errors import DataError
from generator.guide import build_catalog
from generator.outputs import catalog_figures
from generator.outputs.render import GeneratedPage, planned_pages, render_site_pages
from generator.outputs.routes import Routes


@pytest.mark.parametrize("data", [REPO / "data", FIXTURES / "data"], ids=["bundled guide", "fixtures"])
def test_the_planned_pages_are_the_pages_rendered(data: Path) -> None:
    catalog = build_catalog(data)
    announced: list[str] = []

    def announce(page: GeneratedPage) -> GeneratedPage:
        announced.append(page.path)
        return page

    pages = render_site_pages(catalog, Routes(), True, announce=announce)
    assert planned_pages(catalog) == [(page.path, page.in_nav) for page in pages]
    assert sorted(announced) == sorted(page.path for page in pages), "every page is announced once"
    library = next(index for index, path in enumerate(announced) if path == "exercises/index.md")
    assert library == 0, "the library, first in the nav, is rendered first"


def test_the_render_process_draws_each_exercise_s_figures_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """It draws them itself, one exercise's as its page needs them: asking whether an exercise has figures
    must not draw them a second time."""
    catalog = build_catalog(REPO / "data")
    drawn: list[str] = []
    draw = catalog_figures.render_exercise_figures

    def counted(exercise_id: str, *args: object, **kwargs: object) -> object:
        drawn.append(exercise_id)
        return draw(exercise_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_figures, "render_exercise_figures", counted)
    pages = render_site_pages(catalog, Routes(), False, figure_workers=0)
    assert sorted(drawn) == sorted(catalog.exercises)
    thumbnails = [page for page in pages if page.path.startswith("exercises/") and page.path.endswith(".svg")]
    assert len(thumbnails) == len(catalog.exercises)


DRIVER = """
import atexit, sys
import mkdocs.__main__
import generator.adapters.mkdocs_plugin as plugin
import generator.outputs.render_ahead as render_ahead
started = []
start_outputs = plugin.start_outputs
def counted(*args, **kwargs):
    started.append(1)
    return start_outputs(*args, **kwargs)
plugin.start_outputs = counted
atexit.register(lambda: print(f"rendered ahead: {len(started)}"))
def broken(*args, **kwargs):
    raise ValueError("a template went wrong")
def dies(*args, **kwargs):
    import os
    os._exit(3)
how = sys.argv.pop(1)
if how == "first":
    plugin.render_ahead_possible = lambda: False
elif how != "ahead":
    render_ahead.render_site_pages = {"broken": broken, "dies": dies}[how]
sys.argv[0] = "mkdocs"
mkdocs.__main__.cli()
"""


def mkdocs_build(project: Path, site: Path, how: str = "ahead") -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a process of its own, as a user runs it; `how`: "ahead" as it is, "first" with
    the pages rendered before MkDocs goes on, "broken" or "dies" with a render that fails."""
    command = [sys.executable, "-c", DRIVER, how, "build", "--strict", "-q", "-d", str(site)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, check=False)


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    project = make_project(tmp_path, REPO / "data", languages=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdfs: true", "pdfs: false"), encoding="utf-8")
    return project


def test_a_build_that_renders_ahead_makes_the_site_a_build_that_renders_first_makes(
    guide: Path, tmp_path: Path
) -> None:
    built = mkdocs_build(guide, tmp_path / "ahead")
    assert built.returncode == 0, built.stderr
    assert "rendered ahead: 2" in built.stdout, "each language's build renders ahead"
    ahead = site_files(tmp_path / "ahead")

    built = mkdocs_build(guide, tmp_path / "first", "first")
    assert built.returncode == 0, built.stderr
    assert "rendered ahead: 0" in built.stdout
    first = site_files(tmp_path / "first")
    assert sorted(ahead) == sorted(first)
    assert [path for path in first if ahead[path] != first[path]] == []
    assert b"<svg" in ahead["exercises/glute-bridge/index.html"], "the drawings are in the page"
    assert ahead["exercises/thumbnails/glute-bridge.svg"].startswith(b"<svg")
    assert b'"glute-bridge"' in ahead["exercises.json"]


def test_a_render_that_fails_stops_the_build_with_its_reason(guide: Path, tmp_path: Path) -> None:
    built = mkdocs_build(guide, tmp_path / "site", "broken")
    assert built.returncode == 1
    assert "exguide's render failed: ValueError('a template went wrong')" in built.stderr


def test_a_render_process_that_dies_stops_the_build(guide: Path, tmp_path: Path) -> None:
    built = mkdocs_build(guide, tmp_path / "site", "dies")
    assert built.returncode == 1
    assert "exguide's render process ended early (3)" in built.stderr


def test_a_drawing_left_to_the_render_to_check_fails_the_build_as_the_catalogue_s_check_does(
    guide: Path, tmp_path: Path
) -> None:
    exercise = guide / "data" / "exercises" / "glute-bridge.yaml"
    exercise.write_text(exercise.read_text(encoding="utf-8").replace("end: bridge-top", "end: bridge-topp"))
    problem = "data/exercises/glute-bridge.yaml:66:8: illustration.end: unknown pose 'bridge-topp' (did you mean"

    first = mkdocs_build(guide, tmp_path / "first", "first")
    assert first.returncode == 1
    assert problem in first.stderr

    ahead = mkdocs_build(guide, tmp_path / "ahead")
    assert ahead.returncode == 1
    assert problem in ahead.stderr
    assert "Traceback" not in ahead.stderr
    assert [line for line in ahead.stderr.splitlines() if "glute-bridge" in line] == [
        line for line in first.stderr.splitlines() if "glute-bridge" in line
    ]


def test_a_catalogue_that_leaves_its_drawings_to_the_render_lists_them_among_its_other_problems(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    exercise = data / "exercises" / "glute-bridge.yaml"
    exercise.write_text(exercise.read_text(encoding="utf-8").replace("end: bridge-top", "end: bridge-topp"))
    other = data / "exercises" / "bird-dog.yaml"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("difficulty: beginner", "difficulty: easy"), encoding="utf-8")

    with pytest.raises(DataError) as raised:
        build_catalog(data, check_drawings=False)
    found = sorted((Path(problem.file).name, problem.field) for problem in raised.value.problems)
    assert found == [("bird-dog.yaml", "difficulty"), ("glute-bridge.yaml", "illustration.end")], (
        "every problem at once, the drawing's included"
    )

    other.write_text(text, encoding="utf-8")
    catalog = build_catalog(data, check_drawings=False)
    assert not catalog.drawings_checked, "alone, the drawing is left to whoever draws it"
    with pytest.raises(DataError):
        build_catalog(data)
