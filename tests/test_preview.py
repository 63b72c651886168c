"""The preview's rebuilds (`exguide serve` runs `mkdocs serve --dirty`; see adapters/preview.py): after each
kind of edit, the site a rebuild leaves is byte for byte the site a fresh full build of the same data makes,
and a data error keeps the last good site until a save fixes it."""

from __future__ import annotations

import contextlib
import gzip
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, edit, make_club, make_project, write
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from generator.adapters.mkdocs_plugin import ExguidePlugin
from generator.adapters.theme_files import list_theme_files_quickly
from generator.authoring.club import write_club_config
from generator.guide import build_catalog
from generator.outputs.catalog_figures import FigureCache
from generator.outputs.page_dependencies import RenderMemory
from generator.outputs.render import GeneratedPage, render_site_pages
from generator.outputs.routes import Routes, page_path

SERVE_URL = "http://127.0.0.1:8000/"
_PLUGINS = dict(MkDocsConfig._schema)["plugins"]


@contextlib.contextmanager
def _own_plugins(kept: dict[str, object]) -> Iterator[None]:
    """MkDocs keeps the plugins that have `on_startup` for the rest of the process, as `mkdocs serve` does
    across its rebuilds; each preview here keeps its own, so a fresh build starts from nothing."""
    before = _PLUGINS.plugin_cache
    _PLUGINS.plugin_cache = kept
    try:
        yield
    finally:
        _PLUGINS.plugin_cache = before


def _saved_state(folder: Path) -> dict[Path, tuple[int, int]]:
    return {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in folder.rglob("*")}


class Preview:
    """One `exguide serve` session, built as its builder builds: the config loaded again for each build,
    the plugin told which files under `folder` (the config's folder unless given) were saved since."""

    def __init__(self, config_file: Path, site: Path, dirty: bool = True, folder: Path | None = None) -> None:
        self.config_file, self.site, self.dirty = config_file, site, dirty
        self.folder = folder or config_file.parent
        self.plugins: dict[str, object] = {}
        self.started = False
        self.state: dict[Path, tuple[int, int]] = {}

    def build(self) -> None:
        """Build as after a save; when the build rewrites the config (a club's), build again, as MkDocs,
        watching the config, does."""
        for _ in range(3):
            before = self.config_file.read_bytes()
            self._build_once()
            if self.config_file.read_bytes() == before:
                return
        raise AssertionError(f"{self.config_file} kept changing")

    def _build_once(self) -> None:
        with _own_plugins(self.plugins):
            config = load_config(str(self.config_file), strict=True, site_dir=str(self.site))
            if self.dirty:  # as `exguide serve` loads it; the fresh full build lists the theme as MkDocs does
                list_theme_files_quickly(config.theme)
            state = _saved_state(self.folder)
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=self.dirty)
                self.started = True
            else:
                saved = {path for path in state.keys() | self.state.keys() if state.get(path) != self.state.get(path)}
                plugin = config.plugins["exguide"]
                assert isinstance(plugin, ExguidePlugin)
                plugin.files_saved(str(path) for path in saved)
            self.state = state
            config.site_url = SERVE_URL
            build(config, serve_url=SERVE_URL, dirty=self.dirty)


def test_the_preview_copies_the_same_theme_files_as_mkdocs_without_walking_hidden_folders() -> None:
    config = load_config(str(REPO / "generator" / "bundled" / "mkdocs.yml"))
    as_mkdocs_lists = Files([])
    as_mkdocs_lists.add_files_from_theme(config.theme.get_env(), config)
    list_theme_files_quickly(config.theme)
    environment = config.theme.get_env()
    as_the_preview_lists = Files([])
    as_the_preview_lists.add_files_from_theme(environment, config)
    assert [(file.src_uri, file.abs_src_path) for file in as_the_preview_lists] == [
        (file.src_uri, file.abs_src_path) for file in as_mkdocs_lists
    ]
    assert "assets/javascripts/exguide-player.js" in as_the_preview_lists.src_uris
    assert not any(name.startswith(".icons/") for name in environment.list_templates())
    assert environment.get_template(".icons/material/run-fast.svg") is not None  # the icons still load


def full_build(config_file: Path, site: Path) -> Path:
    """A fresh preview build of the same data, with nothing kept from before."""
    shutil.rmtree(site, ignore_errors=True)
    Preview(config_file, site, dirty=False).build()
    return site


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, the sitemap's build dates aside."""
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == "sitemap.xml.gz":
            data = gzip.decompress(data)
        if path.name.startswith("sitemap.xml"):
            data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
        files[path.relative_to(site).as_posix()] = data
    return files


def assert_same_site(preview: Path, full: Path, after: str) -> None:
    shown, expected = site_files(preview), site_files(full)
    assert sorted(shown) == sorted(expected), after
    differing = [path for path in expected if shown[path] != expected[path]]
    assert differing == [], after


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled guide in English and German, in a folder the tests edit."""
    return make_project(tmp_path_factory.mktemp("preview"), REPO / "data", languages=True)


def _add(model: Path, new: Path) -> None:
    text = re.sub(r"(?m)^aliases: .*$", "aliases: []", model.read_text(encoding="utf-8"))
    new.write_text(text.replace("name: Side Clam", "name: Wall Clamshell"), encoding="utf-8")


def _rename(old: Path, new: Path, name: str) -> None:
    new.write_text(old.read_text(encoding="utf-8").replace("name: Wall Clamshell", f"name: {name}"), encoding="utf-8")
    old.unlink()


EDITS = [
    ("an exercise's summary", lambda g: edit(g / "data/exercises/glute-bridge.yaml", "summary: ", "summary: Edited ")),
    ("an exercise's name", lambda g: edit(g / "data/exercises/clamshell.yaml", "name: Clamshell", "name: Side Clam")),
    ("an exercise's level", lambda g: edit(g / "data/exercises/banded-knee-drive.yaml", "intermediate", "advanced")),
    (
        "an exercise's muscles and progressions",
        lambda g: (
            edit(g / "data/exercises/banded-knee-drive.yaml", ", abdominals, calves]", "]")
            or edit(g / "data/exercises/bird-dog.yaml", "progressions: []", "progressions: [banded-knee-drive]")
        ),
    ),
    (
        "an exercise added",
        lambda g: _add(g / "data/exercises/clamshell.yaml", g / "data/exercises/wall-clam.yaml"),
    ),
    (
        "an exercise renamed",
        lambda g: _rename(g / "data/exercises/wall-clam.yaml", g / "data/exercises/door-clamshell.yaml", "Door"),
    ),
    ("an exercise deleted", lambda g: (g / "data/exercises/door-clamshell.yaml").unlink()),
    ("a vocabulary", lambda g: edit(g / "data/equipment.yaml", "name: Mini band", "name: Mini loop band")),
    ("a routine", lambda g: edit(g / "data/routines/ankle-and-knee.yaml", "name: ", "name: Track ")),
    ("a content page", lambda g: edit(g / "content/how-to-use.md", "\n\n", "\n\nRead this at the track.\n\n")),
    (
        "a translation",
        lambda g: edit(g / "data/i18n/de/exercises/glute-bridge.yaml", "summary: ", "summary: Bearbeitet "),
    ),
]


def test_after_every_kind_of_edit_the_preview_is_the_full_build(guide: Path, tmp_path: Path) -> None:
    config_file = guide / "mkdocs.yml"
    preview = Preview(config_file, tmp_path / "preview")
    preview.build()
    assert_same_site(preview.site, full_build(config_file, tmp_path / "full"), "the first build")
    for what, change in EDITS:
        change(guide)
        preview.build()
        assert_same_site(preview.site, full_build(config_file, tmp_path / "full"), f"after editing {what}")


def test_a_data_error_keeps_the_last_site_and_a_good_save_recovers(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file = guide / "mkdocs.yml"
    preview = Preview(config_file, tmp_path / "preview")
    preview.build()
    before = site_files(preview.site)
    exercise = guide / "data/exercises/side-plank.yaml"
    good = exercise.read_text(encoding="utf-8")
    edit(exercise, "difficulty: ", "difficulty: hardest-ever-")
    capsys.readouterr()
    preview.build()

    terminal = capsys.readouterr().err
    assert re.search(r"side-plank\.yaml:\d+:\d+: difficulty: ", terminal), terminal
    after = site_files(preview.site)
    notice = "assets/javascripts/exguide-problems.js"
    changed = sorted(path for path in before if after.get(path) != before[path])
    assert changed == [notice, f"de/{notice}"], "only the notice of problems changed"
    assert b"side-plank.yaml" in after[notice] and b"side-plank.yaml" in after[f"de/{notice}"]
    assert b"side-plank.yaml" not in before[notice]

    exercise.write_text(good.replace("name: ", "name: Fixed ", 1), encoding="utf-8")
    preview.build()
    assert b"Fixed " in (preview.site / "exercises/side-plank/index.html").read_bytes()
    assert_same_site(preview.site, full_build(config_file, tmp_path / "full"), "after the fix")


def test_a_club_s_settings_edited_while_previewing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    club = make_club(tmp_path / "club")
    monkeypatch.chdir(club)
    config_file = write_club_config(club)
    preview = Preview(config_file, tmp_path / "preview", folder=club)
    preview.build()
    for old, new in [
        ('name: "Riverside Runners', 'name: "Riverside Harriers'),
        ('primary: "#00695c"', 'primary: "#1a237e"'),
        ("exercises: [cable-kickback]", "exercises: [cable-kickback, banded-knee-drive]"),
    ]:
        edit(club / "club.yml", old, new)
        preview.build()
        assert_same_site(preview.site, full_build(config_file, tmp_path / "full"), f"after {new}")
    assert b"Riverside Harriers" in (preview.site / "index.html").read_bytes()


def test_a_rebuild_after_one_edit_writes_only_the_pages_it_changes(guide: Path, tmp_path: Path) -> None:
    preview = Preview(guide / "mkdocs.yml", tmp_path / "preview")
    preview.build()
    files = {path: path.stat().st_mtime_ns for path in preview.site.rglob("*") if path.is_file()}
    edit(guide / "data/exercises/strides.yaml", "summary: ", "summary: Quick ")
    preview.build()
    rewritten = sorted(
        path.relative_to(preview.site).as_posix() for path, time in files.items() if path.stat().st_mtime_ns != time
    )
    assert "exercises/strides/index.html" in rewritten
    assert "exercises/glute-bridge/index.html" not in rewritten
    assert len([path for path in rewritten if path.endswith(".html")]) < len(files) / 40, rewritten
    assert [path for path in rewritten if path.startswith("de/")] == [], "the German site shows the translation"


def test_a_language_whose_site_an_edit_changes_is_built_again(guide: Path, tmp_path: Path) -> None:
    preview = Preview(guide / "mkdocs.yml", tmp_path / "preview")
    preview.build()
    german = preview.site / "de/exercises/strides/index.html"
    assert "<td>Fortgeschrittene</td>" in german.read_text(encoding="utf-8")
    edit(guide / "data/exercises/strides.yaml", "difficulty: intermediate", "difficulty: beginner")
    preview.build()
    assert "<td>Einsteiger</td>" in german.read_text(encoding="utf-8"), "the German page shows the English file's level"
    edit(guide / "data/i18n/de/messages.po", 'msgstr "Hüftstreckung für', 'msgstr "Die Hüftstreckung für')
    preview.build()
    assert "Die Hüftstreckung für" in (preview.site / "de/index.html").read_text(encoding="utf-8")
    edit(guide / "data/exercises/strides.yaml", "difficulty: beginner", "difficulty: intermediate")
    preview.build()
    assert_same_site(preview.site, full_build(guide / "mkdocs.yml", tmp_path / "full"), "after the edits")


RENDER_EDITS = {
    "summary": ("exercises/glute-bridge.yaml", "summary: ", "summary: Edited "),
    "name": ("exercises/clamshell.yaml", "name: Clamshell", "name: Side Clam"),
    "level": ("exercises/banded-knee-drive.yaml", "intermediate", "advanced"),
    "muscles": ("exercises/banded-knee-drive.yaml", ", abdominals, calves]", "]"),
    "progressions": ("exercises/bird-dog.yaml", "progressions: []", "progressions: [banded-knee-drive]"),
    "dose in a routine": ("exercises/glute-bridge.yaml", "sets: 3, reps: 15", "sets: 2, reps: 12"),
    "routine": ("routines/ankle-and-knee.yaml", "name: ", "name: Track "),
}


def _shown(pages: list[GeneratedPage]) -> dict[str, tuple[str, dict[str, str]]]:
    return {page.path: (page.content, page.drawings) for page in pages}


@pytest.mark.parametrize("kind", RENDER_EDITS)
def test_pages_rendered_again_after_an_edit_are_those_a_fresh_render_makes(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    memory, figures = RenderMemory(), FigureCache()
    first = {page.path: page for page in render_site_pages(build_catalog(data), Routes(), False, figures, None, memory)}
    path, old, new = RENDER_EDITS[kind]
    edit(data / path, old, new)
    again = render_site_pages(build_catalog(data), Routes(), False, figures, None, memory)
    fresh = render_site_pages(build_catalog(data), Routes(), False, FigureCache())
    assert _shown(again) == _shown(fresh)
    assert [page.path for page in again] == [page.path for page in fresh]
    kept = [page.path for page in again if page is first.get(page.path)]
    assert len(kept) > len(first) / 2, "most pages are kept from the last render"
    if kind == "summary":
        assert page_path("exercises") in kept, "the library shows no summary"
        assert page_path("exercises", "glute-bridge") not in kept


class ServeProcess:
    """`exguide serve` running in a folder, its terminal read line by line as it goes."""

    def __init__(self, folder: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command, cwd=folder, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip())

    def wait_for(self, text: str, timeout: float = 120) -> list[str]:
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                seen.append(self.lines.get(timeout=1))
                if text in seen[-1]:
                    return seen
            if self.process.poll() is not None and self.lines.empty():
                break
        raise AssertionError(f"no '{text}' from exguide serve:\n" + "\n".join(seen))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def test_exguide_serve_shows_each_save_and_the_data_s_problems(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [exercises](exercises/index.md).\n")
    exercise = project / "data/exercises/bridge.yaml"
    serve = ServeProcess(project)
    try:
        serve.wait_for("Serving on")
        assert '<h1 id="bridge">Bridge<' in serve.get("exercises/bridge/")
        edit(exercise, "name: Bridge\n", "name: Floor Bridge\n")
        serve.wait_for("Reloading browsers")
        assert '<h1 id="floor-bridge">Floor Bridge<' in serve.get("exercises/bridge/")

        edit(exercise, "difficulty: ", "difficulty: hardest-")
        terminal = serve.wait_for("Reloading browsers")
        assert any(re.search(r"bridge\.yaml:\d+:\d+: difficulty: ", line) for line in terminal), terminal
        assert '<h1 id="floor-bridge">Floor Bridge<' in serve.get("exercises/bridge/"), "the last good page stays"
        notice = serve.get("assets/javascripts/exguide-problems.js")
        assert "bridge.yaml" in notice and "difficulty" in notice
        assert "exguide-problems.js" in serve.get("exercises/bridge/")

        edit(exercise, "difficulty: hardest-", "difficulty: ")
        serve.wait_for("Reloading browsers")
        assert "bridge.yaml" not in serve.get("assets/javascripts/exguide-problems.js")
    finally:
        serve.stop()
