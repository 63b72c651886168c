"""Routes: every link, address and QR code right with directory URLs on or off, under a sub-path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import segno
from helpers import FIXTURES, exguide_build, make_project, write

from generator.guide import build_catalog
from generator.outputs.pdf import PrintSettings, print_documents
from generator.outputs.routes import Routes, page_path

SUB_PATH_SITE = "https://club.example/guides/"


@pytest.mark.parametrize(
    ("routes", "exercise", "index"),
    [
        (Routes(), "exercises/bridge/", "exercises/"),
        (Routes(directory_urls=False), "exercises/bridge.html", "exercises/index.html"),
    ],
)
def test_a_page_s_url_follows_the_directory_url_setting(routes: Routes, exercise: str, index: str) -> None:
    assert routes.url("exercises", "bridge") == exercise
    assert routes.url("exercises") == index
    assert routes.address("exercises", "bridge") is None
    assert Routes(routes.directory_urls, SUB_PATH_SITE).address("exercises", "bridge") == SUB_PATH_SITE + exercise


def test_an_unknown_section_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown section 'exercise'"):
        page_path("exercise", "bridge")


def test_the_qr_code_holds_the_address_the_sheet_prints(data_dir: Path) -> None:
    routes = Routes(directory_urls=False, site_url=SUB_PATH_SITE)
    [sheet] = [d for d in print_documents(build_catalog(data_dir), PrintSettings("Club", routes)) if d.chapters is None]
    address = "https://club.example/guides/routines/starter.html"
    expected_qr = segno.make(address, error="m").svg_inline(scale=2, border=0, omitsize=True)
    footer = sheet.html[sheet.html.index('<div class="sheet-footer">') : sheet.html.index("<h1>")]
    assert expected_qr in footer
    assert f'<div class="address">{address}</div>' in footer


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture guide built without directory URLs, published under a sub-path."""
    tmp = tmp_path_factory.mktemp("flat")
    project = make_project(tmp, FIXTURES / "data")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false")
    config.write_text(f"site_url: {SUB_PATH_SITE}\n{text}", encoding="utf-8")
    write(project / "content" / "index.md", "# Home\n\nStart with the [routines](routines/index.md).\n")
    site = tmp / "site"
    result = exguide_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_without_directory_urls_every_link_between_pages_reaches_a_file(flat_site: Path) -> None:
    broken = []
    for page in flat_site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if urlsplit(href).scheme or href.startswith(("/", "mailto:")):
                continue
            target = (page.parent / unquote(href)).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(flat_site)} -> {href}")
    assert broken == []
    chain = (flat_site / "joints" / "index.html").read_text(encoding="utf-8")
    assert '<a href="hip.html">' in chain


def test_without_directory_urls_open_data_and_pdfs_point_at_html_pages(flat_site: Path) -> None:
    exercises = json.loads((flat_site / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    assert exercises[0]["url"] == "https://club.example/guides/exercises/bridge.html"
    from helpers import pdf_text

    assert "https://club.example/guides/routines/starter.html" in pdf_text(flat_site / "pdf" / "starter.pdf").replace(
        " ", ""
    )
