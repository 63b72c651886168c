"""The guide on a phone with no connection: the manifest and icons, the service worker's files and
version, saving for offline in Chromium with the server then stopped, a new build replacing the saved
copy under a sub-path, and previews and clubs that turn it off."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from browser import search, serving
from helpers import REPO, edit, exguide_build, make_club, make_project, write
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from generator.authoring.club import write_club_config
from generator.outputs.app_icons import IconSource
from generator.outputs.offline import AppSettings, app_files, short_name, site_files, write_service_worker

SUB_PATH = "/club/guide/"


def _settings(logo: Path | None = None) -> AppSettings:
    return AppSettings("Hip Extension for Runners", "A guide.", "en", "#00695c", IconSource("#00695c", logo))


def test_the_manifest_names_the_guide_and_its_icons() -> None:
    files = app_files(_settings())
    manifest = json.loads(files["manifest.webmanifest"])
    assert manifest["name"] == "Hip Extension for Runners"
    assert manifest["short_name"] == "Hip Extension"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    assert manifest["theme_color"] == "#00695c"
    for icon in manifest["icons"]:
        with Image.open(io.BytesIO(files[icon["src"]])) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    assert [icon.get("purpose") for icon in manifest["icons"]] == [None, None, "maskable"]


def test_the_default_icon_is_a_white_runner_on_the_site_colour() -> None:
    with Image.open(io.BytesIO(app_files(_settings())["assets/icons/icon-512.png"])) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(512 * 512) or []}
    assert (0x00, 0x69, 0x5C) in colours and (255, 255, 255) in colours
    assert app_files(_settings()) == app_files(_settings()), "the same settings give the same bytes"


def test_a_club_s_raster_logo_becomes_its_icon(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(logo)
    with Image.open(io.BytesIO(app_files(_settings(logo))["assets/icons/icon-192.png"])) as image:
        assert image.convert("RGB").getpixel((96, 96)) == (200, 30, 30)
        assert image.convert("RGB").getpixel((2, 2)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Riverside", "Riverside"),
        ("Hip Extension for Runners", "Hip Extension"),
        ("Abcdefghijklmnopqr", "Abcdefghijklmno"),
    ],
)
def test_the_name_under_the_icon_fits(name: str, short: str) -> None:
    assert short_name(name) == short


def test_the_worker_lists_what_a_reader_needs_and_leaves_out_the_rest(default_site: Path) -> None:
    listed = {saved.url: saved for saved in site_files(default_site, ("en",))}
    assert "index.html" in listed and "exercises/glute-bridge/index.html" in listed
    assert "routines/hill-power/play/index.html" in listed and "search/search_index.json" in listed
    assert "exercises/thumbnails/glute-bridge.svg" in listed and "manifest.webmanifest" in listed
    assert listed["pdf/hill-power.pdf"].download and listed["exercises.json"].download
    assert not listed["index.html"].download and not listed["search/search_index.json"].download
    assert not [url for url in listed if url.endswith(".map") or url.startswith(("sitemap", "sw.js"))]
    assert not [url for url in listed if url.startswith("assets/javascripts/lunr/")], "English needs no stemmers"
    saved = (default_site / "offline-files.json").read_text(encoding="utf-8")
    assert '"exercises/glute-bridge/index.html"' in saved
    assert "exercises/glute-bridge" not in (default_site / "sw.js").read_text(encoding="utf-8")


def test_the_worker_s_version_changes_with_any_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.html", "<h1>One</h1>")
    write(site / "exercises" / "index.html", "<h1>Exercises</h1>")

    def version() -> str:
        found = re.search(r'const VERSION = "([0-9a-f]+)";', write_service_worker(site, ("en",)).read_text())
        assert found is not None
        return found.group(1)

    first = version()
    assert version() == first
    write(site / "exercises" / "index.html", "<h1>Exercises, changed</h1>")
    assert version() != first


@pytest.fixture
def phone(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context  # type: ignore[misc]
    context.close()


def _save_for_offline(page: Page, base: str) -> None:
    page.goto(base + "offline/")
    status = page.locator('[data-part="status"]')
    expect(status).to_contain_text(re.compile(r"Not saved yet\. Saving takes \d+(\.\d)? MB"), timeout=20_000)
    remove = page.get_by_role("button", name="Remove the saved copy", include_hidden=True)
    expect(remove).to_be_hidden()
    page.get_by_role("button", name=re.compile("^Save for offline")).click()
    expect(status).to_contain_text("Saved on this device", timeout=60_000)
    expect(remove).to_be_visible()


def _served_under_sub_path(site: Path, root: Path) -> Path:
    folder = root / SUB_PATH.strip("/")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(site, folder)
    return folder


def test_a_saved_guide_works_with_the_server_gone(phone: BrowserContext, default_site: Path, tmp_path: Path) -> None:
    _served_under_sub_path(default_site, tmp_path / "www")
    page = phone.new_page()
    with serving(tmp_path / "www") as host:
        base = host + SUB_PATH
        _save_for_offline(page, base)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == base, "the worker serves the guide's own path and nothing above it"
    # the server is gone: nothing can come from the network
    page.goto(base + "exercises/glute-bridge/")
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name("Glute Bridge")
    page.goto(base + "routines/hill-power/?routine=hill-power&at=1")
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name("Hill Power")
    page.goto(base + "routines/pre-run-warm-up/play/")
    expect(page.locator('[data-part="name"]')).not_to_be_empty()
    page.set_viewport_size({"width": 1280, "height": 900})  # the search box in the header, no overlay
    assert any(link.endswith("/exercises/hip-kickback/") for link in search(page, "donkey kick"))


def test_a_page_read_once_can_be_read_again_offline(phone: BrowserContext, default_site: Path, tmp_path: Path) -> None:
    _served_under_sub_path(default_site, tmp_path / "www")
    page = phone.new_page()
    with serving(tmp_path / "www") as host:
        base = host + SUB_PATH
        page.goto(base)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
        page.goto(base + "routines/hill-power/")
    page.goto(base + "routines/hill-power/")
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name("Hill Power")
    styled = "getComputedStyle(document.querySelector('.md-header')).position"
    assert page.evaluate(styled) == "sticky", "the theme's stylesheet was kept with the page"


def test_a_new_build_replaces_the_saved_copy(phone: BrowserContext, tmp_path: Path) -> None:
    project = make_project(tmp_path, REPO / "data")
    edit(project / "mkdocs.yml", "pdfs: true ", "pdfs: false")
    first = tmp_path / "first"
    assert exguide_build(project, first).returncode == 0
    summary = project / "data" / "exercises" / "glute-bridge.yaml"
    edit(summary, "summary: >-\n  Lying on your back,", "summary: >-\n  Rebuilt guide. Lying on your back,")
    second = tmp_path / "second"
    assert exguide_build(project, second).returncode == 0
    new_version = re.search(r'const VERSION = "([0-9a-f]+)";', (second / "sw.js").read_text())
    assert new_version is not None

    page = phone.new_page()
    folder = _served_under_sub_path(first, tmp_path / "www")
    with serving(tmp_path / "www") as host:
        base = host + SUB_PATH
        _save_for_offline(page, base)
        _served_under_sub_path(second, tmp_path / "www")
        assert folder.exists()
        page.goto(base + "offline/")  # a visit with a connection finds the new worker
        own_caches = (
            """() => caches.keys().then(names => names.filter(name => name.startsWith("exguide /club/guide/ ")))"""
        )
        for _ in range(120):  # the new worker saves the new build, then removes the old one's cache
            if page.evaluate(own_caches) == [f"exguide /club/guide/ {new_version.group(1)}"]:
                break
            page.wait_for_timeout(500)
        assert page.evaluate(own_caches) == [f"exguide /club/guide/ {new_version.group(1)}"]
    page.goto(base + "exercises/glute-bridge/")
    expect(page.locator(".md-content")).to_contain_text("Rebuilt guide.")


def test_a_preview_registers_no_worker_and_retires_a_saved_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, REPO / "data")
    edit(project / "mkdocs.yml", "pdfs: true ", "pdfs: false")
    monkeypatch.chdir(project)
    config = load_config("mkdocs.yml", site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    page = (tmp_path / "preview" / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8")
    assert "exguide-offline.js" in page and "data-service-worker" not in page
    worker = (tmp_path / "preview" / "sw.js").read_text(encoding="utf-8")
    assert "self.registration.unregister()" in worker and "FILES" not in worker


def test_a_club_can_turn_offline_use_off(tmp_path: Path) -> None:
    folder = make_club(tmp_path / "riverside")
    edit(folder / "club.yml", "offline: true", "offline: false")
    config = load_config(str(write_club_config(folder)), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["exguide"]
    plugin.on_config(config)
    assert config.extra["exguide_offline"] is False
    (tmp_path / "site").mkdir()
    plugin.on_post_build(config=config)
    assert "self.registration.unregister()" in (tmp_path / "site" / "sw.js").read_text(encoding="utf-8")


def test_the_default_guide_registers_its_worker(default_site: Path) -> None:
    page = (default_site / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8")
    assert 'data-service-worker="../../sw.js"' in page
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in page
