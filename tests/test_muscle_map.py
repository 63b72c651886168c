"""Muscle maps: every muscle is on the body map, and the SVG is accessible, escaped, stable and small."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

from helpers import REPO, replace_in
from test_render import GOLDEN

from generator.authoring.import_convert import import_vocabulary
from generator.outputs.muscle_map import VIEWS, check_muscle_regions, load_body_regions, render_muscle_map
from generator.reading.datafile import Document
from generator.reading.load import load_document
from generator.reading.models import Muscle
from generator.reading.validate import validate_vocabulary

SVG = "{http://www.w3.org/2000/svg}"
REGION = "exguide-map__region"


def load_muscles(path: Path) -> tuple[dict[str, Muscle], Document]:
    document, problems = load_document(path)
    assert document is not None and not problems
    muscles, problems = validate_vocabulary(document, Muscle)
    assert not problems, problems
    return muscles, document


def region_classes(svg: str) -> dict[str, set[str]]:
    """The classes of each region's path, keyed by region id (found through its view and path data)."""
    ids = {(region.view, " ".join(region.paths)): region.id for region in load_body_regions().regions}
    views = zip(VIEWS, ElementTree.fromstring(svg).iter(f"{SVG}g"), strict=True)
    return {
        ids[view, path.get("d", "")]: set(path.get("class", "").split())
        for view, group in views
        for path in group.iter(f"{SVG}path")
        if REGION in path.get("class", "")
    }


def test_every_muscle_is_on_the_body_map_and_every_region_shows_a_muscle() -> None:
    """Some regions serve no bundled muscle but one the free-exercise-db import adds to a club's data."""
    muscles, document = load_muscles(REPO / "data" / "muscles.yaml")
    assert check_muscle_regions(muscles, document) == []
    shown = {region for muscle in muscles.values() for region in muscle.regions}
    shown |= {region for entry in import_vocabulary()["muscles"].values() for region in entry["regions"]}
    assert shown == set(load_body_regions().region_ids)


def test_an_unknown_region_is_named_with_the_closest(data_dir: Path) -> None:
    replace_in(data_dir / "muscles.yaml", "regions: [hamstrings]", "regions: [hamstring]")
    muscles, document = load_muscles(data_dir / "muscles.yaml")
    assert [str(problem) for problem in check_muscle_regions(muscles, document)] == [
        "data/muscles.yaml:10:13: hamstrings.regions[0]: unknown body-map region 'hamstring'"
        " (did you mean 'hamstrings'?)"
    ]


def test_the_map_names_the_muscles_and_marks_their_regions_by_role() -> None:
    muscles, _ = load_muscles(REPO / "data" / "muscles.yaml")
    svg = render_muscle_map(
        muscles, ["gluteus-maximus"], ["hamstrings", "gluteus-maximus", "adductors"], "Muscles worked by the bridge"
    )
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title[@id='{title_id}']").text == "Muscles worked by the bridge"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc[@id='{desc_id}']").text == (  # type: ignore[union-attr]
        "Primary: Gluteus maximus. Secondary: Hamstrings, Adductors."
    )
    assert [text.text for text in root.iter(f"{SVG}text")] == ["Front", "Back"]
    marked = {region: classes - {REGION} for region, classes in region_classes(svg).items() if classes != {REGION}}
    assert marked == {
        "gluteus-maximus": {f"{REGION}--primary"},
        "hamstrings": {f"{REGION}--secondary"},
        "adductors-front": {f"{REGION}--secondary"},
        "adductors-back": {f"{REGION}--secondary"},
    }
    assert len(region_classes(svg)) == len(load_body_regions().regions)


def test_the_map_is_plain_inline_svg_that_matches_the_golden_file(data_dir: Path) -> None:
    muscles, _ = load_muscles(data_dir / "muscles.yaml")
    bridge = (muscles, ["gluteus-maximus"], ["hamstrings", "abdominals"], "Muscles worked by the bridge")
    svg = render_muscle_map(*bridge)
    assert svg.startswith("<svg ") and all(line.strip() for line in svg.splitlines())
    assert len(svg.encode("utf-8")) < 8 * 1024
    load_body_regions.cache_clear()
    assert render_muscle_map(*bridge) == svg
    golden = GOLDEN / "muscle_map.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == golden.read_text(encoding="utf-8")


def test_a_hostile_title_stays_text(data_dir: Path) -> None:
    muscles, _ = load_muscles(data_dir / "muscles.yaml")
    svg = render_muscle_map(muscles, ["hamstrings"], [], "<script>&")
    assert "<script>" not in svg and "&lt;script&gt;&amp;" in svg
    root = ElementTree.fromstring(svg)
    assert root.find(f"{SVG}title").text == "<script>&"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Primary: Hamstrings."  # type: ignore[union-attr]
