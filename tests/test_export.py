"""The export adapter: the default guide exported, then built by plain MkDocs with no exguide plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO, exguide, make_club

ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exported")
    result = exguide(REPO, "export", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def exported_site(exported: Path) -> Path:
    """The export built as any engine would: `mkdocs build --strict`, exguide's plugin nowhere in the config;
    the German project builds into the same site, under de/."""
    for project in (exported, exported / "de"):  # each language is a project of its own, the default's first
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        )
        assert result.returncode == 0, result.stderr
    return exported / "site"


def test_the_exported_config_needs_no_exguide_plugin(exported: Path) -> None:
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in config["plugins"]] == [
        "search",
        "macros",
    ]
    assert (config["docs_dir"], config["theme"]["custom_dir"]) == ("docs", "overrides")
    assert (exported / "overrides" / "main.html").is_file()


def test_every_page_of_the_plugin_build_is_built_from_the_export_with_the_same_text_and_figures(
    default_site: Path, exported_site: Path
) -> None:
    pages = sorted(path.relative_to(default_site) for path in default_site.rglob("*.html"))
    assert pages == sorted(path.relative_to(exported_site) for path in exported_site.rglob("*.html"))
    for page in pages:
        plugin_html = (default_site / page).read_text(encoding="utf-8")
        exported_html = (exported_site / page).read_text(encoding="utf-8")
        [plugin_article] = ARTICLE.findall(plugin_html) or [""]
        [exported_article] = ARTICLE.findall(exported_html) or [""]
        assert exported_article == plugin_article, page
    assert (exported_site / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8").count("<svg") > 3


def test_the_export_carries_open_data_pdfs_and_thumbnails(default_site: Path, exported_site: Path) -> None:
    for name in ("exercises.json", "routines.json"):
        assert (exported_site / name).read_bytes() == (default_site / name).read_bytes()
    plugin_pdfs = sorted(path.name for path in (default_site / "pdf").iterdir())
    assert plugin_pdfs and plugin_pdfs == sorted(path.name for path in (exported_site / "pdf").iterdir())
    assert (exported_site / "exercises" / "thumbnails" / "glute-bridge.svg").is_file()


def test_a_club_s_export_carries_its_pages_stylesheet_and_logo(tmp_path: Path) -> None:
    folder = make_club(tmp_path / "riverside")
    result = exguide(folder, "export", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "out" / "docs"
    assert (docs / "index.md").read_text(encoding="utf-8").startswith("# Riverside Runners")
    assert (docs / "meeting-times.md").is_file() and (docs / "how-to-use.md").is_file()
    assert (docs / "assets" / "stylesheets" / "club.css").is_file() and (docs / "assets" / "club-logo.svg").is_file()
    assert (docs / "exercises" / "club-bridge-hold.md").is_file()
    assert not (docs / "routines" / "hill-power.md").exists(), "the club hides it"
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "assets/stylesheets/club.css" in config["extra_css"]
