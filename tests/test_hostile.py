"""Hostile text stays text: a catalogue whose every field tries to run script is built and read in Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from browser import QuietHandler, search
from helpers import FIXTURES, exguide_build, make_project, write
from playwright.sync_api import Browser

PAYLOAD = (
    '<script>window.pwned=1;alert(1)</script><img src=x onerror="window.pwned=2">'
    " [click](javascript:alert(3)) ![pic](data:text/html,x) <b>bold</b> {{ 7*7 }} {% raw %} & 'q' \"dq\""
    " <!--exguide-drawing-0-->"
)
TEXT_FIELDS = {
    "name", "aliases", "summary", "setup", "steps", "cues", "mistake", "fix", "safety", "description", "notes",
    "title", "publisher", "author", "note", "for_runners", "signs", "compensation",
}  # fmt: skip


def poison(value: Any, key: str = "") -> Any:
    """Prefix the payload to every text value people read, keeping ids and numbers intact."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, str) and key in TEXT_FIELDS:
        return f"{PAYLOAD} {value}"
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-catalogue")
    project = make_project(root, FIXTURES / "data")
    for path in sorted((project / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name in {"exercises", "routines"}:
            data = poison(data)
        else:
            data = {entry_id: poison(entry) for entry_id, entry in data.items()}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write(project / "content" / "index.md", "# Home\n\n[Exercises](exercises/index.md)\n")
    result = exguide_build(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


PAGES = [
    "/exercises/bridge/",
    "/exercises/",
    "/routines/starter/",
    "/routines/",
    "/muscles/gluteus-maximus/",
    "/joints/hip/",
    "/joints/",
    "/equipment/mat/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_and_the_text_shows_as_written(browser: Browser, hostile_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_url}{path}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.locator("a[href^='javascript:'], a[href^='data:'], img[src='x']").count() == 0
    assert page.locator("article script").count() == 0
    assert "<script>window.pwned=1;alert(1)</script>" in page.locator("article").inner_text()
    assert "{{ 7*7 }} {% raw %}" in page.locator("article").inner_text()
    assert "<!--exguide-drawing-0-->" in page.locator("article").inner_text(), "a placeholder in data stays text"
    context.close()


def test_search_results_show_the_text_without_running_it(browser: Browser, hostile_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_url}/")
    page.locator(".md-search__input").click()
    assert search(page, "bridge")
    page.wait_for_timeout(500)
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert "<script>" in page.locator(".md-search-result").inner_text()
    context.close()


def test_the_title_and_description_cannot_break_out_of_the_head(hostile_site: Path) -> None:
    html = (hostile_site / "exercises" / "bridge" / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "<script>window.pwned" not in head
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    assert title is not None and "&lt;script&gt;" in title.group(1)


def test_exports_and_pdfs_carry_the_text_literally(hostile_site: Path) -> None:
    exported = json.loads((hostile_site / "exercises.json").read_text(encoding="utf-8"))
    assert exported["exercises"][0]["name"].startswith(PAYLOAD)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(hostile_site / "pdf" / "starter.pdf").pages)
    assert "<script>window.pwned=1;alert(1)</script>" in re.sub(r"\s+", " ", text)
