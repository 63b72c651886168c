"""Figures: exercise positions drawn as SVG, with text alternatives, the same bytes every time."""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import REPO, exguide
from test_render import GOLDEN

from generator.guide import build_catalog
from generator.outputs import catalog_figures as drawing
from generator.outputs.camera import CAMERAS
from generator.outputs.catalog_figures import FigureCache, render_all_figures
from generator.outputs.figure_words import describe
from generator.outputs.figures import exercise_movement, render_exercise_figures
from generator.outputs.markup import render_markup

SVG = "{http://www.w3.org/2000/svg}"


def bridge_figures(data_dir: Path):  # type: ignore[no-untyped-def]
    catalog = build_catalog(data_dir)
    figures = render_exercise_figures("bridge", catalog.exercises["bridge"], catalog.poses)
    assert figures is not None
    return figures


def test_still_positions_match_the_golden_files(data_dir: Path) -> None:
    figures = bridge_figures(data_dir)
    for name, svg in (("bridge-start.svg", figures.start), ("bridge-animated.svg", figures.animated)):
        golden = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(str(svg) + "\n", encoding="utf-8")
        assert str(svg) + "\n" == golden.read_text(encoding="utf-8"), name


def test_another_view_matches_its_golden_file(data_dir: Path) -> None:
    """Seen from the front and to one side: the projection, the order of the parts and the muscles shown."""
    path = data_dir / "exercises" / "bridge.yaml"
    path.write_text(path.read_text().replace("  arrow: hip\n", "  arrow: hip\n  view: three-quarter\n", 1))
    figures = bridge_figures(data_dir)
    golden = GOLDEN / "bridge-three-quarter-end.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(str(figures.end) + "\n", encoding="utf-8")
    assert str(figures.end) + "\n" == golden.read_text(encoding="utf-8")
    assert "seen from the front and to one side" in str(figures.end)


def test_figures_are_svg_with_a_text_alternative_from_the_data(data_dir: Path) -> None:
    figures = bridge_figures(data_dir)
    start = ElementTree.fromstring(str(figures.start))
    assert start.get("role") == "img"
    assert start.findtext(f"{SVG}title") == "Bridge: start"
    assert start.findtext(f"{SVG}desc") == (
        "The start, seen from the side: lying on the back with the knees bent and the feet flat."
        " The gluteus maximus does the work."
    )
    end = ElementTree.fromstring(str(figures.end))
    assert end.findtext(f"{SVG}desc", "").startswith("The end, seen from the side: hips lifted so that shoulders")
    animated = ElementTree.fromstring(str(figures.animated))
    assert animated.findtext(f"{SVG}desc") == (
        "Seen from the side, the body moves from the start (lying on the back with the knees bent and the feet"
        " flat) to the end (hips lifted so that shoulders, hips and knees make one straight line) and back."
        " The arrow follows the hips as it moves up."
    )
    assert len(animated.findall(f".//{SVG}animate")) > 10


def test_the_working_muscles_and_the_arrow_are_drawn(data_dir: Path) -> None:
    start = ElementTree.fromstring(str(bridge_figures(data_dir).start))
    muscles = [p for p in start.iter(f"{SVG}path") if p.get("class") == "exguide-figure__muscle"]
    assert len(muscles) == 1  # the near side's gluteus maximus: the far one faces away, behind the body
    arrows = [p for p in start.iter(f"{SVG}path") if p.get("class") == "exguide-figure__arrow"]
    assert len(arrows) == 1
    assert arrows[0].get("marker-end") == "url(#bridge-start-head)"


def test_near_parts_are_drawn_over_far_ones(data_dir: Path) -> None:
    """Seen from the side, the body's right side faces the reader: its limbs come last, its left ones first."""
    start = ElementTree.fromstring(str(bridge_figures(data_dir).start))
    classes = [
        element.get("class", "") for element in start.iter() if "exguide-figure__part" in element.get("class", "")
    ]
    first_near = next(i for i, c in enumerate(classes) if "--near" in c)
    last_far = max(i for i, c in enumerate(classes) if "--far" in c)
    trunk = classes.index("exguide-figure__part exguide-figure__part--trunk")
    assert last_far < trunk < first_near


def test_the_thumbnail_is_a_decorative_svg_file_that_styles_itself(data_dir: Path) -> None:
    figures = bridge_figures(data_dir)
    root = ElementTree.fromstring(str(figures.thumbnail))
    assert root.get("aria-hidden") == "true"
    assert root.find(f"{SVG}title") is None
    style = root.findtext(f"{SVG}style") or ""
    assert ".exguide-figure__muscle { fill: #ff6e40; stroke: none; }" in style
    assert (int(root.get("width", "0")), int(root.get("height", "0"))) == figures.thumbnail_size


def test_figures_are_small_and_the_same_every_time(data_dir: Path) -> None:
    first, second = bridge_figures(data_dir), bridge_figures(data_dir)
    assert first == second
    assert len(str(first.start)) < 4_000
    assert len(str(first.animated)) < 16_000


def test_text_in_figures_is_escaped(data_dir: Path) -> None:
    path = data_dir / "exercises" / "bridge.yaml"
    path.write_text(path.read_text().replace("name: Bridge\n", "name: '<script>alert(1)</script> & co'\n", 1))
    start = str(bridge_figures(data_dir).start)
    assert "<script>" not in start
    assert ElementTree.fromstring(start).findtext(f"{SVG}title") == "<script>alert(1)</script> & co: start"


def test_every_exercise_in_the_guide_is_illustrated_without_a_pose_problem() -> None:
    catalog = build_catalog(REPO / "data")  # raises on any pose problem
    missing = [exercise_id for exercise_id, exercise in catalog.exercises.items() if exercise.illustration is None]
    assert missing == []
    for exercise_id, exercise in catalog.exercises.items():
        figures = render_exercise_figures(exercise_id, exercise, catalog.poses)
        assert figures is not None
        ElementTree.fromstring(str(figures.animated))


def test_a_rebuild_redraws_only_the_exercises_whose_drawing_changed(data_dir: Path) -> None:
    single_leg = data_dir / "exercises" / "single-leg-bridge.yaml"
    single_leg.write_text(
        single_leg.read_text()
        + "illustration: {start: supine-knees-bent, end: bridge-top, working: [trunk], arrow: hip}\n"
    )
    catalog, cache = build_catalog(data_dir), FigureCache()
    first = render_all_figures(catalog.exercises, catalog.poses, cache=cache)
    assert first["single-leg-bridge"] is not None, "both exercises are drawn, so the check below can fail"
    path = data_dir / "exercises" / "bridge.yaml"
    path.write_text(path.read_text().replace("name: Bridge\n", "name: Floor bridge\n", 1))
    catalog = build_catalog(data_dir)
    second = render_all_figures(catalog.exercises, catalog.poses, cache=cache)
    assert second["single-leg-bridge"] is first["single-leg-bridge"]
    assert second["bridge"] is not first["bridge"]
    redrawn = second["bridge"]
    assert redrawn is not None
    assert '<title id="bridge-start-title">Floor bridge: start</title>' in redrawn.start
    assert second == {
        exercise_id: render_exercise_figures(exercise_id, exercise, catalog.poses)
        for exercise_id, exercise in catalog.exercises.items()
    }


def test_worker_processes_draw_the_same_figures_as_this_process(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = build_catalog(data_dir)
    here = drawing.render_all_figures(catalog.exercises, catalog.poses, workers=1)
    in_workers = drawing.render_all_figures(catalog.exercises, catalog.poses, workers=2)
    assert len(in_workers) >= 2  # a slice for each worker
    assert in_workers == here


def test_a_large_catalogue_is_drawn_in_worker_processes(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = build_catalog(data_dir)
    monkeypatch.setattr(drawing, "render_exercise_figures", lambda exercise_id, exercise, library, *words: os.getpid())
    drawn_by = drawing.render_all_figures(catalog.exercises, catalog.poses, workers=2)
    assert set(drawn_by) == set(catalog.exercises)
    assert os.getpid() not in set(drawn_by.values())


def test_a_figure_body_refuses_text_it_would_not_escape() -> None:
    with pytest.raises(TypeError, match="geometry templates take numbers and markup, not text"):
        render_markup("figure_body.svg.j2", geometry=True, ground="M0 0<script>", props=[], layers=[], duration=4)


MIN_TRAVEL_CM = 5.0
"""The least a figure's moving point travels on the page from start to end: 8 CSS pixels at full size."""


def test_every_bundled_exercise_shows_a_visible_movement_from_its_view() -> None:
    catalog = build_catalog(REPO / "data")
    for exercise_id, exercise in catalog.exercises.items():
        movement = exercise_movement(exercise_id, exercise, catalog.poses)
        assert movement is not None
        assert movement.travel() >= MIN_TRAVEL_CM, exercise_id


def test_every_description_reads_as_sentences() -> None:
    catalog = build_catalog(REPO / "data")
    views = sorted((camera.words for camera in CAMERAS.values()), key=len, reverse=True)
    seen = re.compile("seen (" + "|".join(views) + ")", re.IGNORECASE)
    for exercise_id, exercise in catalog.exercises.items():
        movement = exercise_movement(exercise_id, exercise, catalog.poses)
        assert movement is not None
        words = describe(movement)
        for text in (words.start, words.end, words.movement):
            assert text.endswith("."), (exercise_id, text)
            assert not re.search(r"\b(\w+) \1\b", text, re.IGNORECASE), (exercise_id, text)  # "the the"
            assert not re.search(r"\b(the|a|to|from|and|of)[.,:)]", text), (exercise_id, text)  # dangling words
            assert len(seen.findall(text)) == 1, (exercise_id, text)
            assert ".." not in text and "  " not in text, (exercise_id, text)


def test_the_contact_sheet_shows_every_exercise_in_both_palettes(tmp_path: Path) -> None:
    page = tmp_path / "figures.html"
    result = exguide(REPO, "figures", "--output", str(page))
    assert result.returncode == 0, result.stderr
    catalog = build_catalog(REPO / "data")
    assert result.stdout.strip() == f"{page}: {len(catalog.exercises)} exercises drawn"
    html = page.read_text(encoding="utf-8")
    palettes = re.findall(r'<section class="palette" data-md-color-scheme="(\w+)"', html)
    assert palettes == ["default", "slate"]
    assert '[data-md-color-scheme="slate"] {' in html  # the site's stylesheet, as written, for the dark colours
    assert html.count("<svg") == 2 * 2 * len(catalog.exercises)  # start and end, in each palette
    assert "://" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from elsewhere


def test_bands_and_cables_run_to_the_post_or_column_they_are_tied_to() -> None:
    catalog = build_catalog(REPO / "data")
    for exercise_id, kind in (("banded-hip-distraction", "band"), ("cable-kickback", "cable")):
        movement = exercise_movement(exercise_id, catalog.exercises[exercise_id], catalog.poses)
        assert movement is not None
        prop = next(prop for prop in movement.frames[0].props if prop.anchor is not None)
        shapes = movement._frame_shapes(movement.frames[0], movement._seen[0])
        line = next(shape for shape in shapes.values() if shape.classes == f"exguide-figure__{kind}")
        post = next(shape for key, shape in shapes.items() if key.endswith("-post"))
        # the line ends at the anchor, on the page, and the post stands on the floor under it
        end = movement.box.point(movement.camera.screen(prop.anchor))
        assert line.geometry.endswith(f"L{end}")
        floor_y = movement.box.y(0.0)
        post_ys = [float(y) for y in re.findall(r"[ML][\d.-]+ ([\d.-]+)", post.geometry)]
        assert max(post_ys) == pytest.approx(floor_y, abs=0.2)
        assert min(post_ys) < movement.box.y(prop.anchor[1])
        svg = render_exercise_figures(exercise_id, catalog.exercises[exercise_id], catalog.poses)
        assert svg is not None and f'class="exguide-figure__{kind}"' in svg.start
