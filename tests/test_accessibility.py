"""Accessibility in a real browser: axe-core finds no WCAG 2.2 AA problem on each kind of page, in the
light and the dark palette, and the keyboard reaches everything with a focus you can see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import search
from playwright.sync_api import Browser, Page

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "home": "/",
    "exercise library": "/exercises/",
    "exercise": "/exercises/glute-bridge/",
    "exercise opened from a routine": "/exercises/marching-bridge/?routine=hip-extension-sequence&at=4a",
    "exercise on a phone": "/exercises/glute-bridge/",
    "routine": "/routines/beginner-hip-strength/",
    "routine on a phone": "/routines/hip-extension-sequence/",
    "routines": "/routines/",
    "player on a phone": "/routines/hip-extension-sequence/play/",
    "session log": "/log/",
    "save for offline on a phone": "/offline/",
    "week plans": "/plan/",
    "equipment": "/equipment/mini-band/",
    "joint": "/joints/hip/",
    "muscle": "/muscles/gluteus-maximus/",
    "search results": "/",
    "German exercise on a phone": "/de/exercises/glute-bridge/",
    "German routine": "/de/routines/beginner-hip-strength/",
    "German player on a phone": "/de/routines/hip-extension-sequence/play/",
}
SCHEMES = {"light": "default", "dark": "slate"}
"""Material picks its palette from prefers-color-scheme and names it on <body>."""

Palette = Literal["light", "dark"]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} WCAG 2.2 AA violation(s):"]
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.fixture
def palette_page(browser: Browser, palette: Palette, name: str) -> Iterator[Page]:
    """A wide screen, or a phone (390 x 844, touch) for the pages named "on a phone"."""
    if name.endswith("on a phone"):
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, color_scheme=palette
        )
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=palette)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("palette", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_violations(palette_page: Page, site_url: str, axe: Axe, name: str, palette: Palette) -> None:
    page = palette_page
    page.goto(f"{site_url}{PAGES[name]}")
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[palette]
    if name == "search results":
        assert page.get_by_role("dialog", name="Search", include_hidden=True).count() == 1
        page.locator(".md-search__input").click()
        assert f"{site_url}/exercises/glute-bridge/" in search(page, "bridge")
        assert page.locator(".md-search-result__item").first.is_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert violations == [], describe(violations)


FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const regions = [
        [".md-skip", "skip link"], [".md-search", "search"], [".md-header", "header"],
        [".md-sidebar--primary", "navigation"], [".md-sidebar--secondary", "contents"],
        [".md-content", "content"], [".md-footer", "footer"],
    ];
    const found = regions.find(([selector]) => element.closest(selector));
    const box = element.getBoundingClientRect();
    return {
        region: found ? found[1] : element.tagName.toLowerCase(),
        text: element.textContent.trim(),
        outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
        shadow: style.boxShadow,
        top: box.top,
        left: box.left,
    };
}"""


def tab(page: Page, times: int, key: str = "Tab") -> list[dict[str, Any]]:
    stops = []
    for _ in range(times):
        page.keyboard.press(key)
        stops.append(page.evaluate(FOCUSED))
    return stops


def focus_is_visible(stop: dict[str, Any]) -> bool:
    return stop["outline"] > 0 or stop["shadow"] != "none"


def test_tab_goes_from_the_skip_link_through_search_and_navigation_to_the_content(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/exercises/glute-bridge/")
    stops = tab(page, 30)
    regions = [stop["region"] for stop in stops]
    assert regions[0] == "skip link"
    assert regions.index("skip link") < regions.index("search") < regions.index("navigation") < regions.index("content")
    content_links = [stop for stop in stops if stop["region"] == "content" and stop["text"] != "¶"]
    assert content_links, regions
    for stop in [stops[0], *[stop for stop in stops if stop["region"] == "navigation"], *content_links]:
        assert focus_is_visible(stop), stop


def test_the_skip_link_takes_the_keyboard_to_the_content(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/exercises/glute-bridge/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert tab(page, 1)[0]["region"] == "content"


def test_focus_is_not_hidden_under_the_sticky_header_when_tabbing_back(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/exercises/glute-bridge/")
    page.locator(".md-content a").last.focus()
    header = page.locator(".md-header").bounding_box()
    assert header is not None
    stops = [stop for stop in tab(page, 40, "Shift+Tab") if stop["region"] == "content"]
    assert len(stops) > 20
    for stop in stops:
        assert stop["top"] >= header["y"] + header["height"], stop


def test_on_a_phone_the_navigation_slides_in_while_it_has_focus(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    page.goto(f"{site_url}/exercises/glute-bridge/")
    drawer_closed = (
        "() => document.querySelector('.md-sidebar--primary .md-nav__link').getBoundingClientRect().right <= 0"
    )
    assert page.evaluate(drawer_closed)
    page.locator(".md-sidebar--primary .md-nav__link").first.focus()
    for _ in range(3):
        page.wait_for_function("() => document.activeElement.getBoundingClientRect().left >= 0", timeout=2_000)
        page.keyboard.press("Tab")
    page.locator(".md-content a").first.focus()
    page.wait_for_function(drawer_closed, timeout=2_000)
    context.close()
