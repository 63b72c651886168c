"""Figures: exercise positions drawn as SVG, with text alternatives, the same bytes every time."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import REPO
from test_render import GOLDEN

from generator.guide import build_catalog
from generator.outputs import catalog_figures as drawing
from generator.outputs.catalog_figures import FigureCache, render_all_figures
from generator.outputs.figures import render_exercise_figures
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


def test_figures_are_svg_with_a_text_alternative_from_the_data(data_dir: Path) -> None:
    figures = bridge_figures(data_dir)
    start = ElementTree.fromstring(str(figures.start))
    assert start.get("role") == "img"
    assert start.findtext(f"{SVG}title") == "Bridge: start"
    assert start.findtext(f"{SVG}desc") == (
        "Start: lying on the back with the knees bent and the feet flat. Working: thigh (near side), trunk."
    )
    end = ElementTree.fromstring(str(figures.end))
    assert end.findtext(f"{SVG}desc", "").startswith("End: hips lifted so that shoulders, hips and knees")
    animated = ElementTree.fromstring(str(figures.animated))
    assert animated.findtext(f"{SVG}desc") == (
        "Moving from lying on the back with the knees bent and the feet flat to hips lifted so that shoulders,"
        " hips and knees make one straight line and back, again and again."
    )
    assert len(animated.findall(f".//{SVG}animate")) > 10


def test_working_segments_and_the_arrow_are_drawn(data_dir: Path) -> None:
    start = ElementTree.fromstring(str(bridge_figures(data_dir).start))
    working = [p for p in start.iter(f"{SVG}path") if "exguide-figure__part--working" in p.get("class", "")]
    assert len(working) == 2  # near thigh and trunk
    arrows = [p for p in start.iter(f"{SVG}path") if p.get("class") == "exguide-figure__arrow"]
    assert len(arrows) == 1
    assert arrows[0].get("marker-end") == "url(#bridge-start-head)"


def test_the_thumbnail_is_a_decorative_svg_file_that_styles_itself(data_dir: Path) -> None:
    figures = bridge_figures(data_dir)
    root = ElementTree.fromstring(str(figures.thumbnail))
    assert root.get("aria-hidden") == "true"
    assert root.find(f"{SVG}title") is None
    style = root.findtext(f"{SVG}style") or ""
    assert ".exguide-figure__part--working { stroke: #ff6e40; }" in style
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
    monkeypatch.setattr(drawing, "render_exercise_figures", lambda exercise_id, exercise, library: os.getpid())
    drawn_by = drawing.render_all_figures(catalog.exercises, catalog.poses, workers=2)
    assert set(drawn_by) == set(catalog.exercises)
    assert os.getpid() not in set(drawn_by.values())


def test_a_figure_body_refuses_text_it_would_not_escape() -> None:
    with pytest.raises(TypeError, match="geometry templates take numbers and markup, not text"):
        render_markup("figure_body.svg.j2", geometry=True, ground="M0 0<script>", props=[], layers=[], duration=4)
