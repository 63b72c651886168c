"""The MkDocs adapter: it hands MkDocs exguide's outputs, detects serving itself, and watches the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, make_club, make_project, write
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.adapters.mkdocs_plugin import ExguidePlugin, guide_settings
from generator.guide import Guide, GuideSettings


class RecordingServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_data_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    plugin = ExguidePlugin()
    plugin.guide = Guide(GuideSettings(tmp_path / "data", "Guide"))
    server = RecordingServer()
    plugin.on_serve(server, config=None, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path / "data")]


def test_serve_watches_a_club_s_data_and_settings_but_not_its_built_site(tmp_path: Path) -> None:
    folder = make_club(tmp_path / "riverside")
    from generator.authoring.club import write_club_config

    config = load_config(str(write_club_config(folder)))
    plugin = config.plugins["exguide"]
    plugin.on_config(config)
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert str(folder.resolve() / "data") in server.watched
    assert str(folder.resolve() / "club.yml") in server.watched
    assert not any(Path(path) in {folder.resolve(), folder.resolve() / "site"} for path in server.watched)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = make_project(tmp_path, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [routines](routines/index.md).\n")
    monkeypatch.chdir(project)
    return project


@pytest.mark.parametrize(("command", "pdfs"), [("build", True), ("serve", False)])
def test_serving_is_detected_from_mkdocs_and_leaves_the_pdfs_out(project: Path, command: str, pdfs: bool) -> None:
    config = load_config("mkdocs.yml")
    plugin = config.plugins["exguide"]
    plugin.on_startup(command=command, dirty=False)
    plugin.on_config(config)
    assert plugin.guide is not None and plugin.guide.settings.pdfs is pdfs


def test_a_page_of_the_site_s_own_at_a_generated_path_is_refused(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(project / "content" / "exercises" / "bridge.md", "# Mine\n")
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="serve", dirty=False)
    with pytest.raises(Abort):
        build(config)
    assert "content/exercises/bridge.md would hide a generated file: rename or remove it" in caplog.text


def test_an_adopted_guide_is_built_as_it_was_checked(project: Path) -> None:
    config = load_config("mkdocs.yml")
    plugin = config.plugins["exguide"]
    settings = guide_settings(config, plugin.config)
    guide = Guide(GuideSettings(settings.data_dir, "Adopted", pdfs=False))
    plugin.adopt(guide)
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    assert plugin.guide is guide
