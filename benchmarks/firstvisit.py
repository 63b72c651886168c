"""What a first visit to a page transfers: load it in Debian's Chromium (as tests/conftest.py does) and
add up, gzip-compressed, every file the local server sent; then open search and count what that adds."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GZIP_LEVEL = 6
"""What a web server compressing on the fly typically uses (Apache's default, nginx's common setting)."""
SETTLE_S = 1.5


COMPRESSED_ALREADY = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff", ".woff2", ".pdf"}
"""Servers send these as they are: compressing them again gains nothing."""


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def transfer_size(path: Path, data: bytes) -> int:
    """Bytes on the wire: gzip for text (HTML, CSS, JS, JSON, SVG), as is for images."""
    return len(data) if path.suffix.lower() in COMPRESSED_ALREADY else gzip_size(data)


class _LoggingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and records each path it sends, whoever asked (the page or a web worker)."""

    served: list[str]

    def do_GET(self) -> None:
        self.served.append(unquote(urlsplit(self.path).path))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _file_for(site: Path, path: str) -> Path | None:
    target = site / path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _summarise(site: Path, paths: list[str]) -> dict[str, Any]:
    files = []
    for path in dict.fromkeys(paths):
        target = _file_for(site, path)
        if target is None:
            files.append({"path": path, "raw": 0, "gzip": 0, "missing": True})
            continue
        data = target.read_bytes()
        files.append({"path": path, "raw": len(data), "gzip": transfer_size(target, data)})
    return {
        "requests": len(files),
        "raw": sum(entry["raw"] for entry in files),
        "gzip": sum(entry["gzip"] for entry in files),
        "files": sorted(files, key=lambda entry: -entry["gzip"]),
    }


def first_visit(site: Path, page_path: str) -> dict[str, Any]:
    """Bytes a fresh browser fetches to show `page_path` (e.g. /exercises/x/), then to open search."""
    served: list[str] = []
    handler = functools.partial(type("Handler", (_LoggingHandler,), {"served": served}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + page_path, wait_until="load")
            page.wait_for_load_state("networkidle")
            time.sleep(SETTLE_S)
            on_load = list(served)
            page.locator(".md-search__input").click()
            page.wait_for_load_state("networkidle")
            time.sleep(SETTLE_S)
            after_search = served[len(on_load) :]
            context.close()
            browser.close()
    finally:
        server.shutdown()
    loaded = _summarise(site, on_load)
    searched = _summarise(site, [path for path in after_search if path not in on_load])
    index_on_load = any(path.endswith("search/search_index.json") for path in on_load)
    return {
        "page": page_path,
        "on_load": loaded,
        "search_added": searched,
        "search_index_on_load": index_on_load,
        "with_search_gzip": loaded["gzip"] + searched["gzip"],
    }
