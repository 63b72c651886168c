"""A real `mkdocs build --strict` of the default guide and of a catalogue full of hostile text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, exguide_build, make_project, write

REQUIRED_EXERCISES = [
    "hip-kickback", "glute-bridge", "single-leg-glute-bridge", "marching-bridge", "glute-bridge-walkout",
    "hip-thrust", "kettlebell-deadlift", "kickstand-deadlift", "barbell-romanian-deadlift", "bodyweight-squat",
    "single-leg-squat", "step-up", "standing-side-leg-lift", "lying-side-leg-lift", "clamshell",
    "banded-side-step", "hip-abduction-on-step", "heel-drop", "hip-hike", "quadruped-hip-extension",
    "cable-kickback", "banded-knee-drive", "standing-hip-hinge-with-rotation", "stability-ball-leg-curl",
    "couch-stretch", "half-kneeling-hip-flexor-stretch", "foam-roll-quads-and-hip-flexors",
    "banded-hip-distraction", "leg-swings", "walking-lunge", "strides", "steep-hill-sprints",
]  # fmt: skip

EXTERNAL_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*?\bsrc=["'](?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|modulepreload|preconnect|dns-prefetch|icon))"""
    r"""[^>]*?\bhref=["'](?:https?:)?//"""
)
"""Tags that make the browser fetch something; a canonical link or an ordinary link is not a request."""


def test_strict_build_has_no_warnings(default_site: Path) -> None:
    assert (default_site / "index.html").is_file()


@pytest.mark.parametrize("exercise_id", REQUIRED_EXERCISES)
def test_every_catalogue_exercise_has_a_page(default_site: Path, exercise_id: str) -> None:
    html = (default_site / "exercises" / exercise_id / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2[^>]* id="steps"[^>]*>Steps', html)


def test_index_pages_exist(default_site: Path) -> None:
    for page in ["exercises", "muscles", "joints", "equipment", "how-to-use"]:
        assert (default_site / page / "index.html").is_file(), page
    library = (default_site / "exercises" / "index.html").read_text(encoding="utf-8")
    assert [level in library for level in ('id="beginner"', 'id="intermediate"', 'id="advanced"')] == [True] * 3


def test_the_site_requests_nothing_from_other_hosts(default_site: Path) -> None:
    offenders = []
    for path in default_site.rglob("*"):
        if path.suffix == ".html" and EXTERNAL_RESOURCE.search(path.read_text(encoding="utf-8")):
            offenders.append(path.relative_to(default_site))
        if path.suffix in {".css", ".js"} and "fonts.googleapis" in path.read_text(encoding="utf-8"):
            offenders.append(path.relative_to(default_site))
    assert offenders == []


def test_exercise_pages_do_not_carry_the_whole_catalogue(default_site: Path) -> None:
    html = (default_site / "exercises" / "clamshell" / "index.html").read_text(encoding="utf-8")
    links_to_exercises = set(re.findall(r'href="\.\./([a-z0-9-]+)/"', html))
    assert len(links_to_exercises) < 10


def test_search_index_holds_aliases_and_muscles(default_site: Path) -> None:
    index = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    for words in ["Donkey Kick", "RDL", "Gluteus medius", "Two-Leg Hip Bridge"]:
        assert words in text, words


def test_search_index_holds_each_exercise_s_dose_once(default_site: Path) -> None:
    """The dose shows at the top of the page and in "About it"; the index that the first search downloads
    holds it once, from "About it"."""
    index = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    page = [doc for doc in index["docs"] if doc["location"].split("#")[0] == "exercises/glute-bridge/"]
    with_dose = [doc["location"] for doc in page if re.search(r"\d+ sets of \d+", doc["text"])]
    assert with_dose == ["exercises/glute-bridge/#about-it"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    project = make_project(tmp, FIXTURES / "data")
    path = project / "data" / "exercises" / "bridge.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: Lift the hips from the floor.", "summary: 'Seven sevens are {{ 7*7 }} {% raw %}'")
    text = text.replace("- Lift the hips.", "- '<script>alert(1)</script> [click](javascript:alert(1)) <b>bold</b>'")
    path.write_text(text, encoding="utf-8")
    write(project / "content" / "index.md", "# Home\n\nSix sevens are {{ 6 * 7 }}.\n")
    site = tmp / "site"
    result = exguide_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_template_syntax_in_data_is_shown_not_run(hostile_site: Path) -> None:
    html = (hostile_site / "exercises" / "bridge" / "index.html").read_text(encoding="utf-8")
    assert "Seven sevens are {{ 7*7 }} {% raw %}" in html
    assert "Seven sevens are 49" not in html


def test_html_in_data_is_escaped(hostile_site: Path) -> None:
    html = (hostile_site / "exercises" / "bridge" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(1)) &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html


def test_macros_still_work_in_content_pages(hostile_site: Path) -> None:
    assert "Six sevens are 42." in (hostile_site / "index.html").read_text(encoding="utf-8")


def test_a_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "data")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    (project / "data" / "exercises" / "bridge.yaml").write_text("name: [\n", encoding="utf-8")
    result = exguide_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_each_difficulty_has_at_least_two_routines(default_site: Path) -> None:
    from generator.guide import build_catalog

    catalog = build_catalog(REPO / "data")
    assert {level: len(ids) >= 2 for level, ids in catalog.routines_by_difficulty().items()} == {
        "beginner": True,
        "intermediate": True,
        "advanced": True,
    }
    index = (default_site / "routines" / "index.html").read_text(encoding="utf-8")
    for routine_id in catalog.routines:
        assert f'href="{routine_id}/"' in index, routine_id
        assert (default_site / "routines" / routine_id / "index.html").is_file()


def test_each_joint_has_three_exercises_and_a_routine(default_site: Path) -> None:
    from generator.guide import build_catalog

    catalog = build_catalog(REPO / "data")
    assert len(catalog.joints) == 7
    for joint_id, joint in catalog.joints.items():
        uses = catalog.joint_exercises.get(joint_id, {})
        assert sum(len(exercises) for exercises in uses.values()) >= 3, joint_id
        html = (default_site / "joints" / joint_id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../routines/{joint.routine}/"' in html, joint_id


def test_the_joint_chain_links_resolve_in_the_built_site(default_site: Path) -> None:
    html = (default_site / "joints" / "index.html").read_text(encoding="utf-8")
    start = html.index('<svg class="exguide-chain"')
    chain = html[start : html.index("</svg>", start)]
    hrefs = re.findall(r'<a href="([^"]+)"', chain)
    assert len(hrefs) == 7
    for href in hrefs:
        assert (default_site / "joints" / href / "index.html").is_file(), href


def test_routine_pages_show_computed_numbers(default_site: Path) -> None:
    from generator.guide import build_catalog

    catalog = build_catalog(REPO / "data")
    for routine_id, plan in catalog.plans.items():
        html = (default_site / "routines" / routine_id / "index.html").read_text(encoding="utf-8")
        assert f"about {plan.minutes} min" in html, routine_id


def test_a_rebuild_in_the_same_process_shows_the_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `mkdocs serve` does after a save: load the config again and build in the same process, where the
    plugin, kept across rebuilds, reuses what did not change."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = make_project(tmp_path, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [exercises](exercises/index.md).\n")
    monkeypatch.chdir(project)
    page = project / "site" / "exercises" / "bridge" / "index.html"
    config = load_config("mkdocs.yml", strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    plugin = config.plugins["exguide"]
    assert plugin.theme_templates.compiled, "the theme's compiled templates are kept for the next build"
    assert not (project / "site" / "pdf").exists(), "serving leaves the PDFs out"
    assert '<title id="bridge-start-title">Bridge: start</title>' in page.read_text(encoding="utf-8")
    data = project / "data" / "exercises" / "bridge.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Bridge\n", "name: Floor bridge\n", 1))
    config = load_config("mkdocs.yml", strict=True)
    assert config.plugins["exguide"] is plugin
    build(config)
    html = page.read_text(encoding="utf-8")
    assert '<title id="bridge-start-title">Floor bridge: start</title>' in html
    assert "exguide-drawing" not in html
    assert html.count('<svg class="exguide-figure') == 3


def test_every_drawing_is_in_place_in_the_built_pages(default_site: Path) -> None:
    pages = list(default_site.rglob("*.html"))
    assert [page for page in pages if "exguide-drawing" in page.read_text(encoding="utf-8")] == []
    library = (default_site / "exercises" / "index.html").read_text(encoding="utf-8")
    thumbnails = re.findall(r'<img class="exguide-thumb" src="(thumbnails/[a-z0-9-]+\.svg)" alt="" width="\d+" '
                            r'height="\d+" loading="lazy" decoding="async">', library)  # fmt: skip
    assert len(thumbnails) == len(set(thumbnails)) == len(REQUIRED_EXERCISES) + 15
    assert all((default_site / "exercises" / src).read_text(encoding="utf-8").startswith("<svg") for src in thumbnails)
    assert "<svg" not in library.split('<div class="md-content"', 1)[1].split("</article>", 1)[0]
    hip = (default_site / "muscles" / "gluteus-maximus" / "index.html").read_text(encoding="utf-8")
    assert hip.count('<svg class="exguide-map"') == 1
