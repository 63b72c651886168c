"""Shared fixtures: a small copy of guide data in a temporary folder, and the repository paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture data, with the working folder set so messages read `data/...`."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    monkeypatch.chdir(tmp_path)
    return target


def write(path: Path, text: str) -> Path:
    """Write a dedented file, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_project(tmp_path: Path, data: Path) -> Path:
    """A guide folder with the repository's site config, content and theme, and the given data."""
    project = tmp_path / "project"
    project.mkdir(exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, project / name)
    for name in ("content", "site_overrides"):
        shutil.copytree(REPO / name, project / name, dirs_exist_ok=True)
    if data != project / "data":
        shutil.copytree(data, project / "data", dirs_exist_ok=True)
    return project


def exguide_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("default") / "site"
    result = exguide_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site
