"""A full build renders its pages in a process of its own while MkDocs works (outputs/render_ahead.py): the
site is the one a build that renders first makes, and a render that fails stops the build with its reason."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, REPO, make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_preview import _own_plugins, site_files

import generator.adapters.mkdocs_plugin as mkdocs_plugin
import generator.outputs.render_ahead as render_ahead
from generator.guide import build_catalog
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


def mkdocs_build(project: Path, site: Path) -> Path:
    """`mkdocs build` as the command runs it, in this process, with its own plugins."""
    with _own_plugins({}):
        config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    return site


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    project = make_project(tmp_path, REPO / "data", languages=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdfs: true", "pdfs: false"), encoding="utf-8")
    return project


def test_a_build_that_renders_ahead_makes_the_site_a_build_that_renders_first_makes(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    start_outputs = mkdocs_plugin.start_outputs

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(args)
        return start_outputs(*args, **kwargs)

    monkeypatch.setattr(mkdocs_plugin, "start_outputs", counted)
    ahead = site_files(mkdocs_build(guide, tmp_path / "ahead"))
    assert len(started) == 2, "each language's build renders ahead"

    monkeypatch.setattr(mkdocs_plugin, "render_ahead_possible", lambda: False)
    first = site_files(mkdocs_build(guide, tmp_path / "first"))
    assert len(started) == 2
    assert sorted(ahead) == sorted(first)
    assert [path for path in first if ahead[path] != first[path]] == []
    assert b"<svg" in ahead["exercises/glute-bridge/index.html"], "the drawings are in the page"
    assert ahead["exercises/thumbnails/glute-bridge.svg"].startswith(b"<svg")
    assert b'"glute-bridge"' in ahead["exercises.json"]


def test_a_render_that_fails_stops_the_build_with_its_reason(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("a template went wrong")

    monkeypatch.setattr(render_ahead, "render_site_pages", broken)
    with pytest.raises(RuntimeError, match="exguide's render failed: ValueError\\('a template went wrong'\\)"):
        mkdocs_build(guide, tmp_path / "site")


def test_a_render_process_that_dies_stops_the_build(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(*args: Any, **kwargs: Any) -> Any:
        os._exit(3)

    monkeypatch.setattr(render_ahead, "render_site_pages", dies)
    with pytest.raises(RuntimeError, match="exguide's render process ended early \\(3\\)"):
        mkdocs_build(guide, tmp_path / "site")
