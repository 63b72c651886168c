"""On a phone, in Debian's Chromium: what a runner at the track sees first, what they can tap, and the
way on from every exercise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO
from playwright.sync_api import Browser, Page

from generator.guide import build_catalog

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return build_catalog(REPO / "data")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone: 390 x 844, a touch screen, a coarse pointer."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


def _pages(site: Path) -> list[str]:
    """Every page of the built site, as its path from the site's root."""
    folders = (index.parent.relative_to(site).as_posix() for index in site.rglob("index.html"))
    return sorted("/" if folder == "." else f"/{folder}/" for folder in folders if not folder.startswith("assets"))


def _exercise_ids(site: Path) -> list[str]:
    return sorted(path.name for path in (site / "exercises").iterdir() if (path / "index.html").is_file())


FIRST_SCREEN = """() => {
    const inView = element => {
        if (element === null) return null;
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.top + 16 <= window.innerHeight;
    };
    const visible = [...document.querySelectorAll(".exguide-figures figure")]
        .filter(figure => figure.getBoundingClientRect().height > 0);
    return {
        name: inView(document.querySelector(".md-content h1")),
        dose: inView(document.querySelector(".md-content .exguide-dose")),
        figures: visible.length,
        figure: visible.length === 0 ? null : inView(visible[0].querySelector("svg")),
        steps: inView(document.getElementById("steps")),
        map_after_steps: document.querySelector(".exguide-map-figure").getBoundingClientRect().top
            > document.getElementById("steps").getBoundingClientRect().top,
    };
}"""


def test_an_exercise_shows_its_name_dose_figure_and_steps_on_the_first_screen(
    phone: Page, site_url: str, default_site: Path
) -> None:
    for exercise_id in _exercise_ids(default_site):
        phone.goto(f"{site_url}/exercises/{exercise_id}/")
        seen = phone.evaluate(FIRST_SCREEN)
        expected = {"name": True, "dose": True, "figures": 1, "figure": True, "steps": True, "map_after_steps": True}
        if seen["figures"] == 0:  # an exercise without an illustration
            expected.update(figures=0, figure=None)
        assert seen == expected, exercise_id


def test_the_figure_stops_on_the_start_or_the_end_when_asked(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/exercises/glute-bridge/")
    drawing = phone.locator(".exguide-figures__motion svg")
    assert drawing.evaluate("svg => svg.animationsPaused()") is False
    phone.get_by_role("button", name="End").tap()
    assert drawing.evaluate("svg => svg.animationsPaused()") is True
    assert drawing.evaluate("svg => svg.getCurrentTime()") == pytest.approx(2.0, abs=0.01)
    phone.get_by_role("button", name="Start").tap()
    assert drawing.evaluate("svg => svg.getCurrentTime()") == pytest.approx(0.0, abs=0.01)
    phone.get_by_role("button", name="Pause").tap()  # pressed: plays again
    assert drawing.evaluate("svg => svg.animationsPaused()") is False


def test_without_scripts_the_two_positions_show_side_by_side(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/exercises/glute-bridge/")
    stills = page.locator(".exguide-figures__still svg")
    boxes = [stills.nth(index).bounding_box() for index in range(2)]
    assert all(box is not None and box["width"] > 100 for box in boxes)
    assert boxes[0]["y"] == pytest.approx(boxes[1]["y"], abs=40)  # type: ignore[index]  # one row
    assert page.locator(".exguide-figures__motion").is_visible() is False
    context.close()


OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


SMALL_TARGETS = """() => {
    const small = [];
    const shown = element => element.getClientRects().length > 0
        && getComputedStyle(element).visibility !== "hidden";
    const block = element => element.parentElement
        .closest("p, li, td, th, dd, dt, div, nav, figcaption, h1, h2, h3, h4");
    for (const target of document.querySelectorAll(".md-content button, .md-content a[href]")) {
        if (!shown(target)) continue;
        if (target.tagName === "A") {
            const parent = block(target);
            const alone = parent !== null && parent.textContent.trim() === target.textContent.trim();
            const listed = parent !== null && (["LI", "TD"].includes(parent.tagName)
                || (parent.tagName === "P" && parent.parentElement.tagName === "LI"));
            if (!alone && !listed) continue;  // a link in a sentence (WCAG 2.5.8's inline exception)
        }
        const box = target.getBoundingClientRect();
        if (box.width < 44 || box.height < 44) {
            const name = target.textContent.trim().slice(0, 30);
            small.push(`${target.tagName} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
        }
    }
    return small;
}"""


def test_no_page_scrolls_sideways_at_320_px_and_every_button_and_standalone_link_is_44_px(
    browser: Browser, site_url: str, default_site: Path
) -> None:
    """Every page of the site, in each language, on the narrowest phone: one visit checks both."""
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide, small = {}, {}
    for path in _pages(default_site):
        page.goto(f"{site_url}{path}")
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            wide[path] = overflow
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[path] = found[:3]
    context.close()
    assert len(_pages(default_site)) > 100
    assert wide == {}, "pages wider than the screen"
    assert small == {}, "targets under 44 px"


def test_every_exercise_leads_back_to_the_library_and_on_in_its_order(
    phone: Page, site_url: str, default_site: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    order = catalog.library_order()
    for index, exercise_id in enumerate(order):
        phone.goto(f"{site_url}/exercises/{exercise_id}/")
        links = phone.locator(".exguide-library-steps a").evaluate_all(
            "links => links.map(link => [link.className, new URL(link.href).pathname])"
        )
        by_kind = {kind.split("--")[-1]: path for kind, path in links}
        assert by_kind["up"] == "/exercises/", exercise_id
        if index > 0:
            assert by_kind["previous"] == f"/exercises/{order[index - 1]}/", exercise_id
        else:
            assert "previous" not in by_kind
        if index + 1 < len(order):
            assert by_kind["next"] == f"/exercises/{order[index + 1]}/", exercise_id
        else:
            assert "next" not in by_kind
        for path in by_kind.values():
            assert (default_site / path.strip("/") / "index.html").is_file(), path


def test_following_a_routine_goes_through_its_exercises_in_order(phone: Page, site_url: str, catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id, plan in catalog.plans.items():
        phone.goto(f"{site_url}/routines/{routine_id}/")
        with phone.expect_navigation():
            phone.locator(".exguide-routine-block td a").first.tap()
        visited = []
        for _ in range(len(plan.items) + 1):
            visited.append(phone.url.split("/exercises/")[1].split("/")[0])
            bar = phone.locator(".exguide-routine-step:visible")
            assert bar.count() == 1, (routine_id, visited)
            next_link = bar.locator(".exguide-step-link--next")
            done = next_link.inner_text().startswith("Done")
            with phone.expect_navigation():
                next_link.tap()
            if done:
                break
        assert visited == [item.exercise_id for item in plan.items], routine_id
        assert phone.url == f"{site_url}/routines/{routine_id}/"


def test_an_exercise_opened_from_elsewhere_shows_no_routine_bar(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/exercises/glute-bridge/")
    assert phone.locator(".exguide-routine-step:visible").count() == 0
