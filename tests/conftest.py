"""Shared fixtures: a small copy of guide data in a temporary folder, and the repository paths."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
"""Material kept beside the checkout: the seed articles and the free-exercise-db copy used as test data."""


def shared_file(*parts: str) -> Path:
    """A file from shared/: CI always has it, so there its absence fails; elsewhere the test is skipped."""
    path = SHARED.joinpath(*parts)
    if path.is_file():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: CI runs with shared/ beside the checkout")
    pytest.skip(f"{path} is not beside this checkout")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture data, with the working folder set so messages read `data/...`."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    monkeypatch.chdir(tmp_path)
    return target


def write(path: Path, text: str) -> Path:
    """Write a dedented file, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_project(tmp_path: Path, data: Path) -> Path:
    """A guide folder with the repository's site config, content and theme, and the given data."""
    project = tmp_path / "project"
    project.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, project / name)
    for name in ("content", "site_overrides"):
        shutil.copytree(REPO / name, project / name, dirs_exist_ok=True)
    if data != project / "data":
        shutil.copytree(data, project / "data", dirs_exist_ok=True)
    return project


def exguide_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("default") / "site"
    result = exguide_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


CLUB_NAME = "Riverside Runners: A&B"


def exguide(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_club(folder: Path) -> Path:
    """A club that adds an exercise, replaces one, hides an exercise and a routine, and has a logo."""
    result = exguide(folder.parent, "init", folder.name, "--name", CLUB_NAME)
    assert result.returncode == 0, result.stderr
    club = folder / "club.yml"
    edit(club, "  exercises: []\n  routines: []", "  exercises: [cable-kickback]\n  routines: [hill-power]")
    edit(club, "# logo: logo.svg", "logo: logo.svg")
    edit(club, '# site_url: "https://yourclub.org/guides/"', 'site_url: "https://club.example/guides/"')
    write(
        folder / "logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle r="2" cx="2" cy="2"/></svg>',
    )
    bridge = (REPO / "data" / "exercises" / "glute-bridge.yaml").read_text(encoding="utf-8")
    write(
        folder / "data" / "exercises" / "club-bridge-hold.yaml",
        bridge.replace("name: Glute Bridge", "name: Club Bridge Hold").replace(
            "aliases: [Two-Leg Hip Bridge, Hip Bridge, Bridge]", "aliases: []"
        ),
    )
    clamshell = (REPO / "data" / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    write(
        folder / "data" / "exercises" / "clamshell.yaml", clamshell.replace("name: Clamshell", "name: Club Clamshell")
    )
    write(folder / "content" / "index.md", "# Riverside Runners\n\nStart with our [routines](routines/index.md).\n")
    write(folder / "content" / "meeting-times.md", "# Meeting times\n\nTuesdays at the track.\n")
    return folder


@pytest.fixture(scope="session")
def club_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_club(tmp_path_factory.mktemp("clubs") / "riverside")
    result = exguide(folder, "build")
    assert result.returncode == 0, result.stderr
    return folder / "site"


# Browsing the built site in Debian's Chromium, driven by Playwright.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(default_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(default_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


SEARCH_READY = """() => {
    const meta = document.querySelector(".md-search-result__meta");
    return meta !== null && meta.textContent.trim() !== "Initializing search";
}"""


def search(page: Page, words: str) -> list[str]:
    """Click into the site's search (which fetches its index), type once it is ready, and list the hits."""
    page.locator(".md-search__input").click()
    page.wait_for_function(SEARCH_READY, timeout=30_000)
    page.locator("input.md-search__input").press_sequentially(words, delay=20)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    hrefs = results.evaluate_all("links => links.map(link => link.href)")
    return [href.split("?")[0].split("#")[0] for href in hrefs]
