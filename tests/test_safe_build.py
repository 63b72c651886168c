"""A build that fails or is stopped leaves the previous site exactly as it was; the same data builds the same bytes."""

from __future__ import annotations

import filecmp
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, exguide_build, make_project, write


def fixture_project(root: Path) -> Path:
    project = make_project(root, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [exercises](exercises/index.md).\n")
    return project


def previous_site(root: Path) -> Path:
    site = root / "site"
    write(site / "index.html", "the site that was there before")
    return site


def assert_untouched(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site that was there before"
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == []


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for name in ("first", "second"):
        project = fixture_project(tmp_path / name)
        result = exguide_build(project, tmp_path / name / "site")
        assert result.returncode == 0, result.stderr
        sites.append(tmp_path / name / "site")
    comparison = filecmp.dircmp(sites[0], sites[1])
    files = [p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files)
    _, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], [str(p) for p in files], shallow=False)
    assert (mismatch, errors, comparison.left_only, comparison.right_only) == ([], [], [], [])


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_keeps_the_previous_site(tmp_path: Path, stop: signal.Signals) -> None:
    project = fixture_project(tmp_path)
    site = previous_site(tmp_path)
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    build = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site-building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".site-building-*")), "the build never started"
    build.send_signal(stop)
    _, err = build.communicate(timeout=60)
    assert build.returncode != 0
    assert "Traceback" not in err
    assert err.strip().endswith("interrupted; nothing was changed")
    assert_untouched(site)


def test_a_full_disk_keeps_the_previous_site(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    site = previous_site(tmp_path)
    # No file may grow past 64 KiB: the theme's scripts cannot be copied, as on a full disk.
    command = f"ulimit -f 64; exec {sys.executable} -m generator.cli build --site-dir {site}"
    result = subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "build failed;" in result.stderr
    assert_untouched(site)
