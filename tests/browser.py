"""Browsing a built site in Debian's Chromium, driven by Playwright: imported by the browser tests alone."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A built site served on a free local port; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def new_page(launched: Browser) -> Iterator[Page]:
    context = launched.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
