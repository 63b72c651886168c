"""The exguide command: clear messages and meaningful exit codes, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, make_project, replace_in, write

from generator.cli import main
from generator.reading import load


def run_exguide(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_validate_reports_every_problem_and_exits_1(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "primary: [gluteus-maximus]", "primary: [glutes-maximus]")
    replace_in(data_dir / "exercises" / "single-leg-bridge.yaml", "name: Single", "nmae: Single")
    result = run_exguide("validate", "--data", "data", cwd=data_dir.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/exercises/bridge.yaml:11:13: muscles.primary[0]: unknown muscle 'glutes-maximus'"
        " (did you mean 'gluteus-maximus'?)",
        "data/exercises/single-leg-bridge.yaml:1:1: (file): required field 'name' is missing (add it)",
        "data/exercises/single-leg-bridge.yaml:1:1: nmae: unknown field (did you mean 'name'?)",
        "3 problems found; nothing was built.",
    ]


def test_validate_passes_on_the_default_guide() -> None:
    result = run_exguide("validate", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data: ")
    assert " routines, no problems found\n" in result.stdout
    assert re.search(r"\nde: all \d+ texts translated\n$", result.stdout)


def test_a_broken_yaml_file_is_one_line_not_a_traceback(data_dir: Path) -> None:
    (data_dir / "exercises" / "bridge.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = run_exguide("validate", "--data", "data", cwd=data_dir.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("data/exercises/bridge.yaml:2:1: (file): YAML syntax error:")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run_exguide("frobnicate", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


def test_committed_schemas_match_the_models() -> None:
    result = run_exguide("schema", "--check", cwd=REPO)
    assert result.returncode == 0, result.stderr + "\nrun `exguide schema` and commit the result"


def test_every_data_file_points_editors_at_its_schema() -> None:
    for path in sorted((REPO / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        folder = path.parent.name
        kind = {"exercises": "exercise", "routines": "routine"}.get(folder, path.stem)
        translation = "i18n" in path.relative_to(REPO / "data").parts
        prefix = "../" * (len(path.relative_to(REPO / "data").parts)) + ("schema/i18n/" if translation else "schema/")
        assert first == f"# yaml-language-server: $schema={prefix}{kind}.schema.json", path


def test_build_parses_each_data_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`exguide build` checks the data, then MkDocs builds from the same guide, whose files are parsed already."""
    project = make_project(tmp_path, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [exercises](exercises/index.md).\n")
    monkeypatch.chdir(project)
    parsed: list[str] = []
    real_parse = load.parse_data_file

    def counted_parse(path: Path, display: str, raw: bytes):  # type: ignore[no-untyped-def]
        parsed.append(display)
        return real_parse(path, display, raw)

    monkeypatch.setattr(load, "parse_data_file", counted_parse)
    assert main(["build", "--no-pdfs", "--site-dir", str(tmp_path / "site")]) == 0
    assert sorted(parsed) == sorted(set(parsed)) and "data/exercises/bridge.yaml" in parsed
    assert not (tmp_path / "site" / "pdf").exists()
    assert (tmp_path / "site" / "exercises" / "bridge" / "index.html").is_file()
