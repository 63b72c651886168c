"""The default guide while it is edited: `mkdocs serve` rebuild time, and which PDFs a change redraws."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

from generator.guide import build_catalog

REPO = Path(__file__).resolve().parents[1]
SERVE_TIMEOUT_S = 600
EDITS = 5


def copy_guide(target: Path) -> Path:
    """A throwaway copy of the default guide: config, content, theme overrides and data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("content", "site_overrides", "data"):
        shutil.copytree(REPO / name, target / name, dirs_exist_ok=True)
    return target


def mkdocs_environment(pdfs: bool) -> dict[str, str]:
    """MkDocs' environment: `mkdocs serve` draws PDFs only with EXGUIDE_SERVE_PDFS=1 (`mkdocs build` always does)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EXGUIDE_SERVE_PDFS": "1" if pdfs else "0"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _edit_exercise(path: Path, field: str, suffix: str) -> None:
    """Change one field of an exercise file and save it in one step (write outside the guide, then rename
    into place), so the watcher never sees a half-written file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "".join(line for line in lines[:1] if line.startswith("#"))
    data = yaml.safe_load("".join(lines))
    data[field] = data[field] + suffix
    text = header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parents[3], delete=False) as saved:
        saved.write(text)
    os.replace(saved.name, path)


def serve_rebuild(project: Path, config: Path, exercise: Path) -> dict[str, Any]:
    """Start `exguide serve` on a project, as a user does, change one exercise's summary several times, and
    time each change: from the save, and from MkDocs noticing it ("Detected file changes"), until the
    server logs "Reloading browsers" and the browsers reload."""
    command = [
        sys.executable,
        "-m",
        "generator.cli",
        "serve",
        "--config-file",
        str(config),
        "--dev-addr",
        f"127.0.0.1:{_free_port()}",
    ]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=mkdocs_environment(False),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put((time.monotonic(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str) -> tuple[float, list[str]]:
        seen = []
        deadline = time.monotonic() + SERVE_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                stamp, line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    raise RuntimeError("exguide serve stopped:\n" + "\n".join(seen[-20:])) from None
                continue
            seen.append(line)
            if text in line:
                return stamp, seen
        raise RuntimeError(f"no '{text}' from exguide serve within {SERVE_TIMEOUT_S} s")

    started = time.monotonic()
    try:
        serving, _ = wait_for("Serving on")
        first_build = serving - started
        time.sleep(3)
        trials = []
        for number in range(EDITS):
            changed = time.monotonic()
            _edit_exercise(exercise, "summary", f" Edit {number}.")
            noticed, _ = wait_for("Detected file changes")
            done, log = wait_for("Reloading browsers")
            built = [line for line in log if "Documentation built in" in line]
            trials.append(
                {
                    "seconds": done - changed,
                    "rebuild_s": done - noticed,
                    "log_build": built[-1].split(" in ")[-1] if built else "",
                }
            )
            time.sleep(3)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return {
        "edited": exercise.relative_to(project).as_posix(),
        "first_build_s": first_build,
        "trials": trials,
        "median_s": statistics.median(trial["seconds"] for trial in trials),
        "median_rebuild_s": statistics.median(trial["rebuild_s"] for trial in trials),
    }


def default_guide_serve(workdir: Path) -> dict[str, Any]:
    """`exguide serve` on a copy of the default guide, in all its languages."""
    guide = copy_guide(workdir / "serve")
    exercise = sorted((guide / "data" / "exercises").glob("*.yaml"))[0]
    return serve_rebuild(guide, guide / "mkdocs.yml", exercise)


def _build(guide: Path, site: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(guide / "mkdocs.yml"), "-d", str(site)],
        cwd=guide,
        env=mkdocs_environment(True),
        check=True,
    )
    return time.monotonic() - started


def pdf_cache_check(workdir: Path) -> dict[str, Any]:
    """Build the default guide with PDFs three times: cold, after changing an exercise no routine uses,
    after renaming one a routine uses; each build's new cache files are the PDFs it drew again."""
    guide = copy_guide(workdir / "pdf-cache")
    cache = guide / ".cache" / "exguide" / "pdf"
    catalog = build_catalog(guide / "data")
    in_routines = {exercise_id for plan in catalog.plans.values() for exercise_id in plan.exercise_ids}
    outside = sorted(set(catalog.exercises) - in_routines)
    used = sorted(in_routines)[0]
    using = sorted(routine for routine, plan in catalog.plans.items() if used in plan.exercise_ids)
    documents = len(catalog.routines) + 1

    def cached() -> set[str]:
        return {path.name for path in cache.glob("*.pdf")} if cache.is_dir() else set()

    steps: list[dict[str, Any]] = []
    seconds = _build(guide, guide / "site")
    steps.append({"change": "none (cold cache)", "seconds": seconds, "redrawn": len(cached()), "expected": documents})
    if outside:
        before = cached()
        for field in ("summary", "name"):
            _edit_exercise(guide / "data" / "exercises" / f"{outside[0]}.yaml", field, " (edited)")
        seconds = _build(guide, guide / "site")
        steps.append(
            {
                "change": f"summary and name of '{outside[0]}', in no routine",
                "seconds": seconds,
                "redrawn": len(cached() - before),
                "expected": 0,
            }
        )
    before = cached()
    _edit_exercise(guide / "data" / "exercises" / f"{used}.yaml", "name", " (edited)")
    seconds = _build(guide, guide / "site")
    steps.append(
        {
            "change": f"name of '{used}', in {len(using)} routine(s): {', '.join(using)}",
            "seconds": seconds,
            "redrawn": len(cached() - before),
            "expected": len(using) + 1,
        }
    )
    return {
        "documents": documents,
        "steps": steps,
        "cache_files": len(cached()),
        "only_changed_redrawn": all(step["redrawn"] == step["expected"] for step in steps),
    }
