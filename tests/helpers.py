"""Helpers the tests share: repository paths, small guide projects, running exguide, reading problems."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pypdf
import pytest

from generator.errors import DataError
from generator.guide import build_catalog

REPO = Path(__file__).resolve().parents[1]


FIXTURES = Path(__file__).resolve().parent / "fixtures"


SHARED = REPO.parent / "shared"
"""Material kept beside the checkout: the seed articles and the free-exercise-db copy used as test data."""


def shared_file(*parts: str) -> Path:
    """A file from shared/: CI always has it, so there its absence fails; elsewhere the test is skipped."""
    path = SHARED.joinpath(*parts)
    if path.is_file():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: CI runs with shared/ beside the checkout")
    pytest.skip(f"{path} is not beside this checkout")


def write(path: Path, text: str) -> Path:
    """Write a dedented file, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_project(tmp_path: Path, data: Path, languages: bool = False) -> Path:
    """A guide folder with the repository's site config, content and theme, and the given data; in English
    alone unless `languages`, with the repository's languages and content translations."""
    project = tmp_path / "project"
    project.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not languages:
        config = re.sub(r"\n      languages: \[[^\]]*\][^\n]*", "", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    ignored = shutil.ignore_patterns("*.de.md") if not languages else None
    for name in ("content", "site_overrides"):
        shutil.copytree(REPO / name, project / name, dirs_exist_ok=True, ignore=ignored)
    if data != project / "data":
        shutil.copytree(data, project / "data", dirs_exist_ok=True)
    return project


def exguide_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


CLUB_NAME = "Riverside Runners: A&B"


def exguide(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_club(folder: Path) -> Path:
    """A club that adds an exercise, replaces one, hides an exercise and a routine, and has a logo."""
    result = exguide(folder.parent, "init", folder.name, "--name", CLUB_NAME)
    assert result.returncode == 0, result.stderr
    club = folder / "club.yml"
    edit(club, "  exercises: []\n  routines: []", "  exercises: [cable-kickback]\n  routines: [hill-power]")
    edit(club, "# logo: logo.svg", "logo: logo.svg")
    edit(club, '# site_url: "https://yourclub.org/guides/"', 'site_url: "https://club.example/guides/"')
    write(
        folder / "logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle r="2" cx="2" cy="2"/></svg>',
    )
    bridge = (REPO / "data" / "exercises" / "glute-bridge.yaml").read_text(encoding="utf-8")
    write(
        folder / "data" / "exercises" / "club-bridge-hold.yaml",
        bridge.replace("name: Glute Bridge", "name: Club Bridge Hold").replace(
            "aliases: [Two-Leg Hip Bridge, Hip Bridge, Bridge]", "aliases: []"
        ),
    )
    clamshell = (REPO / "data" / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    write(
        folder / "data" / "exercises" / "clamshell.yaml", clamshell.replace("name: Clamshell", "name: Club Clamshell")
    )
    write(folder / "content" / "index.md", "# Riverside Runners\n\nStart with our [routines](routines/index.md).\n")
    write(folder / "content" / "meeting-times.md", "# Meeting times\n\nTuesdays at the track.\n")
    return folder


def problems_for(data_dir: Path) -> list[str]:
    """Every problem building the catalogue of a data folder reports, as the lines a person reads."""
    with pytest.raises(DataError) as caught:
        build_catalog(data_dir)
    return [str(problem) for problem in caught.value.problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pdf_text(path: Path) -> str:
    """All text of a PDF with line breaks joined, as a search in a PDF reader sees it."""
    reader = pypdf.PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


NOBODY = 65534
"""The user id of `nobody`, whom tests run as when the suite itself runs as root."""


def _reachable_by_others(path: Path) -> bool:
    return bool(path.stat().st_mode & stat.S_IROTH) and all(
        folder.stat().st_mode & stat.S_IXOTH for folder in (path, *path.parents)
    )


def ordinary_uid() -> int | None:
    """The user id that ordinary-user runs switch to: `nobody` as root, when it can read this checkout and its
    libraries with Debian's Python of the same version; None when no switch is needed or possible."""
    if os.geteuid() != 0:
        return None
    paths = [REPO, Path(sysconfig.get_paths()["purelib"])]
    return NOBODY if _debian_python().is_file() and all(_reachable_by_others(p) for p in paths) else None


def _debian_python() -> Path:
    return Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")


def as_ordinary_user(*args: str, home: Path) -> tuple[list[str], dict[str, str]]:
    """A Python command and its environment, run so that file permissions apply as they do to any user.

    Outside root it runs as it is. As root it runs as `nobody`, with Debian's Python reading exguide and its
    libraries from this checkout; where those are out of nobody's reach it stays root but without any of
    root's capabilities, which the kernel's permission checks then treat as an ordinary user.
    """
    environment = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    if os.geteuid() != 0:
        return [sys.executable, *args], environment
    if ordinary_uid() is None:
        drop = ["setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"]
        return [*drop, sys.executable, *args], environment
    environment["PYTHONPATH"] = os.pathsep.join([str(REPO), sysconfig.get_paths()["purelib"]])
    switch = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"]
    return [*switch, str(_debian_python()), *args], environment


def hand_to_ordinary_user(folder: Path) -> Path:
    """Give a folder and everything in it to the user `as_ordinary_user` runs as."""
    uid = ordinary_uid()
    if uid is not None:
        for path in (folder, *folder.rglob("*")):
            os.chown(path, uid, uid, follow_symlinks=False)
    return folder
