"""A build that fails or is stopped leaves the previous site exactly as it was; the same data builds the same bytes."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import (
    FIXTURES,
    as_ordinary_user,
    exguide_build,
    hand_to_ordinary_user,
    make_project,
    replace_in,
    write,
)


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


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(".site"))


def test_a_build_killed_at_any_point_leaves_a_whole_site_and_the_next_build_clears_up(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    site = tmp_path / "site"
    started = time.monotonic()
    assert exguide_build(project, site).returncode == 0
    duration = time.monotonic() - started
    good = site_files(site)
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    for fraction in (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95, 1.0):
        build = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        build.kill()
        build.wait(timeout=60)
        assert site_files(site) == good, f"killed at {fraction:.0%} of a build"
    result = exguide_build(project, site)
    assert result.returncode == 0, result.stderr
    assert site_files(site) == good
    assert leftovers(tmp_path) == []
    assert [path.name for path in (project / ".cache").rglob(".*.tmp")] == []


def test_what_stopped_builds_left_is_cleared_and_a_site_moved_aside_is_put_back(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    write(tmp_path / ".site-previous" / "index.html", "the site that was there before")
    dead_build = write(tmp_path / ".site-building-4194305-abc123" / "index.html", "from a killed build")
    old_version_build = write(tmp_path / ".site-building-x1y2z3ab" / "index.html", "from a killed build")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(old_version_build.parent, (two_days_ago, two_days_ago))
    running_build = tmp_path / f".site-building-{os.getpid()}-running"
    running_build.mkdir()
    other_folder = tmp_path / ".site-notes"
    other_folder.mkdir()
    replace_in(project / "data" / "exercises" / "bridge.yaml", "category: strength", "category: strenght")

    result = exguide_build(project, tmp_path / "site")

    assert result.returncode == 1
    assert not dead_build.exists() and not old_version_build.exists()
    assert leftovers(tmp_path) == sorted([".site-notes", running_build.name])
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "the site that was there before"


def test_a_read_only_site_and_a_read_only_leftover_do_not_stop_the_next_build(ordinary_tmp: Path) -> None:
    project = fixture_project(ordinary_tmp)
    site = ordinary_tmp / "site"
    hand_to_ordinary_user(ordinary_tmp)
    build, environment = as_ordinary_user(
        "-m", "generator.cli", "build", "--no-pdfs", "--site-dir", str(site), home=ordinary_tmp
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(build, cwd=project, env=environment, capture_output=True, text=True, check=False)

    first = run()
    assert first.returncode == 0, first.stderr
    shutil.copytree(site, ordinary_tmp / ".site-previous")
    hand_to_ordinary_user(ordinary_tmp / ".site-previous")
    for folder in (site, ordinary_tmp / ".site-previous"):
        for path in sorted(folder.rglob("*"), reverse=True):
            path.chmod(0o444 if path.is_file() else 0o555)
        folder.chmod(0o555)

    second = run()

    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    assert (site / "index.html").is_file() and leftovers(ordinary_tmp) == []


def test_a_project_folder_the_user_cannot_write_to_is_one_line(ordinary_tmp: Path) -> None:
    project = fixture_project(ordinary_tmp)
    hand_to_ordinary_user(ordinary_tmp)
    project.chmod(0o555)
    build, environment = as_ordinary_user("-m", "generator.cli", "build", "--no-pdfs", home=ordinary_tmp)

    result = subprocess.run(build, cwd=project, env=environment, capture_output=True, text=True, check=False)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"{project}: Permission denied (the site is built in a new folder here first; build where you can write,"
        " or choose another place with --site-dir)"
    )
    assert "Traceback" not in result.stderr


def test_a_full_disk_names_the_site_and_the_next_build_works(tmp_path: Path) -> None:
    """A real file system that fills up: a small tmpfs, mounted in a mount namespace of the test's own."""
    project = fixture_project(tmp_path)
    area, good = tmp_path / "area", tmp_path / "good"
    area.mkdir()
    build = f"{sys.executable} -m generator.cli build --site-dir {area / 'site'}"
    script = f"""
        set -e
        mount -t tmpfs -o size=64m tmpfs {area}
        {build} > /dev/null 2>&1
        cp -a {area / "site"} {good}
        mount -o remount,size=$(( $(du -sk {area} | cut -f1) + 400 ))k {area}
        {build} > /dev/null 2> {tmp_path / "full.err"} || echo $? > {tmp_path / "full.rc"}
        diff -r {good} {area / "site"} > {tmp_path / "full.diff"}
        ls -A {area} > {tmp_path / "full.ls"}
        mount -o remount,size=64m {area}
        {build} > /dev/null 2> {tmp_path / "again.err"}
        ls -A {area} > {tmp_path / "again.ls"}
    """
    namespace = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user", "--mount"]
    result = subprocess.run([*namespace, "bash", "-c", script], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    def read(name: str) -> str:
        return (tmp_path / name).read_text(encoding="utf-8")

    assert read("full.rc").strip() == "1"
    failure, summary = read("full.err").strip().splitlines()[-2:]
    assert failure.startswith(f"{area / 'site'}: could not write ")
    assert failure.endswith(": No space left on device (free some space and build again)")
    assert summary == f"build failed; {area / 'site'} was left as it was"
    assert "Traceback" not in read("full.err")
    assert read("full.diff") == "" and read("full.ls").split() == ["site"]
    assert "Traceback" not in read("again.err") and read("again.ls").split() == ["site"]
