"""The follow-along player, in Debian's Chromium with Playwright's clock: a whole routine, reloads,
sides, and the log on the device."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO
from playwright.sync_api import Browser, Page, expect

from generator.guide import build_catalog

START = datetime.datetime(2026, 6, 1, 7, 0, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return build_catalog(REPO / "data")


@pytest.fixture
def player(browser: Browser) -> Iterator[Page]:
    """A phone whose clock stands still until the test moves it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.clock.install(time=START)
    page.clock.pause_at(START + datetime.timedelta(seconds=1))
    yield page
    context.close()


def _session(page: Page) -> dict[str, Any]:
    return page.evaluate("() => JSON.parse(document.getElementById('exguide-session').textContent)")  # type: ignore[no-any-return]


def _step(page: Page) -> int:
    return int(page.locator(".exguide-player").get_attribute("data-step") or -1)


def _follow(page: Page, steps: list[dict[str, Any]], first: int, last: int, now_ms: float) -> float:
    """Follow steps first..last-1 as a runner would: wait out counted steps, tap Done at the end of a set
    of repetitions exactly when its time is up. Returns the clock's time, in ms from the start."""
    end = now_ms
    for index in range(first, last):
        assert _step(page) == index, (index, steps[index])
        end += steps[index]["seconds"] * 1000
        page.clock.run_for(round(end - now_ms))
        now_ms = round(end)
        if not steps[index]["counted"]:
            page.get_by_role("button", name="Done").click()
        elif index + 1 < len(steps):
            page.clock.run_for(250)  # the next tick notices the step is over
            now_ms += 250
    return now_ms


def test_a_whole_routine_takes_the_time_its_page_gives(player: Page, site_url: str, catalog) -> None:  # type: ignore[no-untyped-def]
    routine_id = "hip-extension-sequence"
    plan = catalog.plans[routine_id]
    player.goto(f"{site_url}/routines/{routine_id}/play/")
    session = _session(player)
    steps = session["steps"]
    assert session["total"] == plan.total_s
    total = sum(step["seconds"] for step in steps)
    assert round(total) == plan.total_s
    minutes, seconds = divmod(math.ceil(total), 60)
    assert player.locator("[data-part=remaining]").inner_text() == f"{minutes}:{seconds:02d} left"
    _follow(player, steps, 0, len(steps), 0)
    player.clock.run_for(500)
    shown = player.locator(".exguide-player")
    assert shown.get_attribute("data-finished") == "true"
    assert int(shown.get_attribute("data-elapsed") or 0) == plan.total_s
    log = player.evaluate("() => JSON.parse(localStorage.getItem('exguide-log'))")
    assert [(entry["routine"], entry["seconds"]) for entry in log] == [(routine_id, plan.total_s)]
    player.goto(f"{site_url}/log/")
    minutes, seconds = divmod(plan.total_s, 60)
    cells = player.locator(".exguide-log tbody td").all_inner_texts()
    assert cells[1:] == [catalog.routines[routine_id].name, f"{minutes} min {seconds:02d} s"]


def test_the_log_exports_csv_that_keeps_text_as_text(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/log/")
    assert page.get_by_text("No sessions yet").is_visible()
    entry = {
        "date": "2026-06-01T07:30:00Z",
        "routine": "r",
        "name": '=HYPERLINK("x"),\nEvil',
        "seconds": 65,
        "steps": 9,
    }
    page.evaluate("entry => localStorage.setItem('exguide-log', JSON.stringify([entry]))", entry)
    page.reload()
    assert page.locator(".exguide-log tbody tr").count() == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8")
    assert text == (
        '"date","routine","name","seconds","steps"\r\n'
        '"2026-06-01T07:30:00Z","r","\'=HYPERLINK(""x""),\nEvil","65","9"\r\n'
    )


def test_a_reload_carries_on_at_the_same_step(player: Page, site_url: str) -> None:
    player.goto(f"{site_url}/routines/hip-extension-sequence/play/")
    steps = _session(player)["steps"]
    _follow(player, steps, 0, 4, 0)
    assert _step(player) == 4
    name = player.locator("[data-part=name]").inner_text()
    assert name == "2 Couch Stretch"
    player.reload()
    assert _step(player) == 4
    assert player.locator("[data-part=name]").inner_text() == name


def test_work_on_each_side_prompts_the_switch(player: Page, site_url: str) -> None:
    player.goto(f"{site_url}/routines/hip-extension-sequence/play/")
    steps = _session(player)["steps"]
    switch = next(index for index, step in enumerate(steps) if step["kind"] == "switch")
    assert steps[switch - 1]["side"] == "right" and steps[switch + 1]["side"] == "left"
    for _ in range(switch):
        player.get_by_role("button", name="Skip").click()
    assert player.locator("[data-part=stage]").inner_text().lower() == "switch sides"
    assert "switch sides" in player.locator("[data-part=announce]").inner_text().lower()
    player.get_by_role("button", name="Skip").click()
    assert player.locator("[data-part=stage]").inner_text().lower().endswith("left side")


def test_pause_stops_the_clock_and_back_returns_a_step(player: Page, site_url: str) -> None:
    player.goto(f"{site_url}/routines/hip-extension-sequence/play/")
    clock = player.locator("[data-part=clock]")
    assert clock.inner_text() == "0:20"
    player.get_by_role("button", name="Pause").click()
    player.clock.run_for(10_000)
    assert clock.inner_text() == "0:20"
    player.get_by_role("button", name="Pause").click()
    player.clock.run_for(5_000)
    assert clock.inner_text() == "0:15"
    player.get_by_role("button", name="Skip").click()
    assert _step(player) == 1
    player.get_by_role("button", name="Back", exact=True).click()
    assert _step(player) == 0


def test_the_routine_page_starts_the_player(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/routines/beginner-hip-strength/")
    page.get_by_role("link", name="Start: follow along with timers and sounds").click()
    assert page.url == f"{site_url}/routines/beginner-hip-strength/play/"
    expect(page.locator(".exguide-player")).to_be_visible()
