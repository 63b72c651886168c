"""Render stage: a golden page, and data text that stays text whatever it contains."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

import markdown

from generator.guide import build_catalog
from generator.outputs.render import escape_markdown, render_joint_chain, render_site_pages
from generator.outputs.routes import Routes

GOLDEN = Path(__file__).resolve().parent / "golden"
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.escapeall"]


def rendered_pages(data_dir: Path) -> dict[str, str]:
    return {page.path: page.markdown for page in render_site_pages(build_catalog(data_dir))}


def test_exercise_page_matches_the_golden_file(data_dir: Path) -> None:
    page = rendered_pages(data_dir)["exercises/bridge.md"]
    golden = GOLDEN / "bridge.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


def test_every_page_kind_is_generated(data_dir: Path) -> None:
    assert sorted(rendered_pages(data_dir)) == [
        "equipment/index.md",
        "equipment/mat.md",
        "exercises/bridge.md",
        "exercises/index.md",
        "exercises/single-leg-bridge.md",
        "exercises/thumbnails/bridge.svg",
        "joints/hip.md",
        "joints/index.md",
        "joints/lumbar-spine.md",
        "log/index.md",
        "muscles/abdominals.md",
        "muscles/gluteus-maximus.md",
        "muscles/hamstrings.md",
        "muscles/index.md",
        "offline/index.md",
        "plan/index.md",
        "routines/index.md",
        "routines/starter.md",
        "routines/starter/play.md",
    ]


def test_regressions_link_back(data_dir: Path) -> None:
    page = rendered_pages(data_dir)["exercises/single-leg-bridge.md"]
    assert "**Easier\\:**\n\n- [Bridge](../exercises/bridge.md) · Beginner" in page


def test_markdown_html_and_template_syntax_in_data_shows_literally() -> None:
    hostile = "{{ 7*7 }} {% if x %} <script>alert(1)</script> [link](javascript:alert(1)) ![i](x.png) *em* `code` # h"
    html = markdown.markdown(escape_markdown(hostile), extensions=MARKDOWN_EXTENSIONS)
    assert html == (
        "<p>{{ 7*7 }} {% if x %} &lt;script&gt;alert(1)&lt;/script&gt; [link](javascript:alert(1))"
        " ![i](x.png) *em* `code` # h</p>"
    )


def test_line_starts_cannot_make_blocks() -> None:
    for text in ["# Heading", "- item", "1. item", "> quote", "    code", "<div>", "---", "!!! note"]:
        html = markdown.markdown(escape_markdown(text), extensions=MARKDOWN_EXTENSIONS)
        assert html.startswith("<p>"), (text, html)


def test_the_joint_chain_is_well_formed_svg_with_a_link_per_joint(data_dir: Path) -> None:
    svg = render_joint_chain(build_catalog(data_dir), Routes())
    root = ElementTree.fromstring(str(svg))
    namespace = {"svg": "http://www.w3.org/2000/svg"}
    assert root.find("svg:title", namespace).text == "The joint-by-joint chain"  # type: ignore[union-attr]
    assert root.find("svg:desc", namespace).text == (  # type: ignore[union-attr]
        "From the ground up: Hip needs mobility, Lumbar spine needs stability."
    )
    links = root.findall("svg:a", namespace)
    assert [link.get("href") for link in links] == ["hip/", "lumbar-spine/"]
    assert [len(link.findall("svg:circle", namespace)) for link in links] == [1, 0]
    assert [len(link.findall("svg:rect[@class='exguide-chain__node exguide-chain__node--stability']", namespace))
            for link in links] == [0, 1]  # fmt: skip
    # each joint's whole row is its link, tall enough for a finger on a phone: 44 px with the diagram
    # 288 px wide, as on a 320 px screen
    targets = [link.find("svg:rect[@class='exguide-chain__target']", namespace) for link in links]
    sizes = [(float(target.get("width")), float(target.get("height"))) for target in targets]  # type: ignore[arg-type, union-attr]
    assert [width for width, _ in sizes] == [float(root.get("viewBox").split()[2])] * 2  # type: ignore[union-attr]
    assert all(height * 288 / width >= 44 for width, height in sizes)
    assert "\n\n" not in svg, "a blank line would end the raw HTML block in Markdown"


def test_drawings_wait_outside_the_markdown_until_the_page_is_made(data_dir: Path) -> None:
    pages = {page.path: page for page in render_site_pages(build_catalog(data_dir))}
    exercise = pages["exercises/bridge.md"]
    assert "<svg" not in exercise.content
    assert list(exercise.drawings) == [f"<!--exguide-drawing-{number}-->" for number in range(4)]
    assert all(placeholder in exercise.content for placeholder in exercise.drawings)
    assert exercise.markdown.count("<svg") == 4
    assert "exguide-drawing" not in exercise.markdown
    assert pages["routines/index.md"].drawings == {}
