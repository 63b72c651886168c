"""The machine a benchmark runs on, and the state of the build's inputs as checked out, for BENCHMARKS.md."""

from __future__ import annotations

import datetime
import hashlib
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
BUILD_INPUTS = ("generator/", "site_overrides/", "content/", "data/", "mkdocs.yml", "pyproject.toml")
"""What a build reads: uncommitted changes here are named in the report."""
MB = 1024 * 1024


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return result.stdout.rstrip()


def tree_state() -> str:
    """A fingerprint of the build's inputs as checked out, to notice edits made while the benchmark ran.

    It covers their committed content and any uncommitted change, so a commit elsewhere leaves it alone.
    """
    committed = _git("ls-tree", "-r", "HEAD", "--", *BUILD_INPUTS)
    diff = _git("diff", "HEAD", "--", *BUILD_INPUTS) + _git("ls-files", "--others", "--exclude-standard", *BUILD_INPUTS)
    return hashlib.sha256((committed + diff).encode()).hexdigest()[:12]


def machine() -> dict[str, Any]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines() if "model name" in line), ""
    )
    memory = next((line.split()[1] for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal")), "0")
    versions = {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin")}
    versions |= {name: metadata.version(name) for name in ("Markdown", "Jinja2", "pydantic", "PyYAML", "weasyprint")}
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": int(memory) / MB,
        "python": platform.python_version(),
        "versions": versions,
        "libyaml": hasattr(yaml, "CSafeLoader"),
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "commit": _git("rev-parse", "--short", "HEAD").strip(),
        "modified": [
            line[3:]
            for line in _git("status", "--porcelain", "--untracked-files=no").splitlines()
            if line[3:].startswith(BUILD_INPUTS)
        ],
        "load_before": os.getloadavg(),
        "tree": tree_state(),
    }
