"""In a real browser: Debian's Chromium, driven by Playwright, searches the built guide."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pypdf
import pytest
from browser import QuietHandler, search
from playwright.sync_api import Browser, Page


def test_searching_donkey_kick_finds_the_hip_kickback(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/exercises/glute-bridge/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    assert f"{site_url}/exercises/hip-kickback/" in search(page, "donkey kick")


@pytest.mark.parametrize(
    ("words", "expected"),
    [("RDL", "/exercises/barbell-romanian-deadlift/"), ("gluteus medius", "/muscles/gluteus-medius/")],
)
def test_search_finds_aliases_and_muscles(page: Page, site_url: str, words: str, expected: str) -> None:
    page.goto(f"{site_url}/")
    page.locator(".md-search__input").click()
    assert f"{site_url}{expected}" in search(page, words)


def test_pages_make_no_request_to_other_hosts(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/exercises/hip-kickback/")
    page.wait_for_load_state("networkidle")
    assert requested
    assert [url for url in requested if not url.startswith(site_url)] == []


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_exercise_page_shows_its_figures(
    browser: Browser, site_url: str, motion: Literal["no-preference", "reduce"], tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion=motion)
    page = context.new_page()
    page.goto(f"{site_url}/exercises/glute-bridge/")
    stills = page.locator(".exguide-figures__still svg")
    assert stills.count() == 2
    for index in range(2):
        box = stills.nth(index).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 30
    assert stills.nth(0).get_attribute("aria-labelledby") == "glute-bridge-start-title glute-bridge-start-desc"
    # the movement shows once its script can stop it; asked for less motion, it stands still on the start
    drawing = page.locator(".exguide-figures__motion svg")
    assert drawing.is_visible()
    assert drawing.evaluate("svg => svg.animationsPaused()") is (motion == "reduce")
    screenshot = page.locator(".exguide-figures").screenshot(path=str(tmp_path / f"figures-{motion}.png"))
    assert len(screenshot) > 2_000
    context.close()


def test_printing_a_page_hides_the_site_chrome(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/routines/beginner-hip-strength/")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible()
    assert page.locator(".md-typeset table").first.is_visible()


@pytest.fixture(scope="session")
def club_url(club_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The club's site served from a sub-path, as it would be at https://club.example/guides/."""
    root = tmp_path_factory.mktemp("webroot")
    (root / "guides").symlink_to(club_site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/guides"
    server.shutdown()


def test_a_club_site_works_from_a_sub_path(page: Page, club_url: str) -> None:
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(f"{club_url}/")
    assert page.locator(".md-header__topic").first.inner_text() == "Riverside Runners: A&B"
    page.locator(".md-nav__link", has_text="Routines").first.click()
    page.wait_for_url(f"{club_url}/routines/")
    link = page.locator('a[href$="beginner-hip-strength.pdf"]')
    address = link.evaluate("a => a.href")
    assert address == f"{club_url}/pdf/beginner-hip-strength.pdf"
    pdf = page.request.get(address)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert f"{club_url}/exercises/hip-kickback/" in search(page, "donkey kick")
    page.goto(f"{club_url}/exercises/club-bridge-hold/")
    assert page.locator("h1").inner_text().startswith("Club Bridge Hold")
    assert failed == []


def test_the_animation_can_be_paused_and_resumed(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/exercises/glute-bridge/")
    button = page.locator(".exguide-figures__motion .exguide-pause")
    drawing = page.locator(".exguide-figures__motion svg")
    assert drawing.evaluate("svg => svg.animationsPaused()") is False
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert drawing.evaluate("svg => svg.animationsPaused()") is True
    button.press("Enter")
    assert button.get_attribute("aria-pressed") == "false"
    assert drawing.evaluate("svg => svg.animationsPaused()") is False


def test_every_printed_exercise_page_is_one_sheet_with_what_the_gym_floor_needs(
    page: Page, site_url: str, default_site: Path, tmp_path: Path
) -> None:
    page.emulate_media(media="print")
    folders = (default_site / "exercises").iterdir()
    exercise_ids = sorted(path.name for path in folders if (path / "index.html").is_file())
    assert len(exercise_ids) >= 40
    for exercise_id in exercise_ids:
        page.goto(f"{site_url}/exercises/{exercise_id}/")
        path = tmp_path / f"{exercise_id}.pdf"
        path.write_bytes(page.pdf(format="A4", print_background=True))
        reader = pypdf.PdfReader(path)
        text = " ".join(sheet.extract_text() for sheet in reader.pages)
        assert len(reader.pages) == 1, exercise_id
        for heading in ["Set-up", "Steps", "Cues", "Common mistakes", "Safety", "Start", "End"]:
            assert heading in text, (exercise_id, heading)
        assert re.search(r"\d+ sets? of", text), exercise_id  # the dose
        for heading in ["About it", "Muscles worked", "Joints trained", "Easier and harder", "Sources"]:
            assert heading not in text, (exercise_id, heading)
        for control in ["The movement", "All exercises"]:
            assert control not in text, (exercise_id, control)
