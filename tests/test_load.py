"""Load stage: values keep their positions, and unreadable files become problems, not tracebacks."""

from __future__ import annotations

import os
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, write

from generator import workers
from generator.guide import build_catalog
from generator.reading import load
from generator.reading.datafile import Location, display_path
from generator.reading.load import ReadCache, load_data_folder, load_document


def test_every_value_remembers_its_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.yaml",
        """
        name: Bridge
        muscles:
          primary: [gluteus-maximus, hamstrings]
        """,
    )
    document, problems = load_document(path)
    assert problems == []
    assert document is not None
    assert document.data == {"name": "Bridge", "muscles": {"primary": ["gluteus-maximus", "hamstrings"]}}
    assert document.locate(("name",)) == Location(1, 7)
    assert document.locate(("muscles", "primary", 1)) == Location(3, 30)
    assert document.locate(("muscles", "secondary")) == Location(3, 3)
    assert document.locate(("muscles", "primary"), at_key=True) == Location(3, 3)


def test_duplicate_keys_are_refused(data_dir: Path) -> None:
    path = write(data_dir / "exercises" / "twice.yaml", "name: One\nsummary: x\nname: Two\n")
    _, problems = load_document(path)
    assert [str(p) for p in problems] == ["data/exercises/twice.yaml:3:1: name: key appears twice (keep one of them)"]


def test_tab_indentation_is_explained(data_dir: Path) -> None:
    path = write(data_dir / "exercises" / "tabs.yaml", "name: One\nmuscles:\n\tprimary: [x]\n")
    document, problems = load_document(path)
    assert document is None
    assert [str(p) for p in problems] == [
        "data/exercises/tabs.yaml:3:1: (file): YAML syntax error: a tab is used for indentation"
        " (indent with spaces, not tabs)"
    ]


def test_empty_and_non_utf8_files_are_problems(data_dir: Path) -> None:
    write(data_dir / "exercises" / "empty.yaml", "# nothing here\n")
    (data_dir / "exercises" / "latin.yaml").write_bytes(b"name: Caf\xe9\n")
    _, problems = load_data_folder(data_dir)
    assert [str(p) for p in problems] == [
        "data/exercises/empty.yaml:1:1: (file): file is empty (add the fields it needs or delete the file)",
        "data/exercises/latin.yaml:1:1: (file): file is not UTF-8 text (save it with UTF-8 encoding)",
    ]


def test_a_missing_vocabulary_is_reported(data_dir: Path) -> None:
    (data_dir / "joints.yaml").unlink()
    documents, problems = load_data_folder(data_dir)
    assert [str(p) for p in problems] == ["data/joints.yaml:1:1: (file): vocabulary file is missing (create it)"]
    assert len(documents.exercises) == 2


def test_scalars_keep_their_yaml_types_without_the_yaml_1_1_number_forms(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.yaml",
        """
        text: [plain, 'quoted', 010, 1:30, 0x1F, 1_000, 1e3, !!str 12]
        numbers: [12, -3, +4, 0, 1.5, .5, 1.5e3, 2., !!int 010, !!float 1]
        other: [yes, No, off, ~, null, '', 2024-01-02]
        1: one
        """,
    )
    document, problems = load_document(path)
    assert problems == []
    assert document is not None
    assert document.data == {
        "text": ["plain", "quoted", "010", "1:30", "0x1F", "1_000", "1e3", "12"],
        "numbers": [12, -3, 4, 0, 1.5, 0.5, 1500.0, 2.0, 8, 1.0],
        "other": [True, False, False, None, None, "", date(2024, 1, 2)],
        1: "one",
    }
    assert [type(value) for value in document.data["numbers"]] == [int] * 4 + [float] * 4 + [int, float]


def test_an_aliased_value_is_located_at_its_anchor(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "first: &shared\n  reps: 8\nsecond: *shared\n")
    document, _ = load_document(path)
    assert document is not None
    assert document.data == {"first": {"reps": 8}, "second": {"reps": 8}}
    assert document.data["first"] is not document.data["second"]
    assert document.locate(("second", "reps")) == Location(2, 9)
    assert document.locate(("second",), at_key=True) == Location(3, 1)


def test_an_edited_file_is_read_again(data_dir: Path) -> None:
    path = write(data_dir / "exercises" / "edited.yaml", "name: One\nsummary: x\n")
    reads = ReadCache()
    first, _ = load_document(path, reads)
    stat = path.stat()
    path.write_text("name: Two\nsummary: x\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second, _ = load_document(path, reads)
    assert first is not None and second is not None
    assert (first.data["name"], second.data["name"]) == ("One", "Two")
    path.write_text("name: Two\nname: Three\n", encoding="utf-8")
    third, problems = load_document(path, reads)
    assert third is not None and third.data == {"name": "Two"}
    assert [str(p) for p in problems] == ["data/exercises/edited.yaml:2:1: name: key appears twice (keep one of them)"]


def test_an_unchanged_file_read_again_gives_the_same_answer_in_values_of_its_own(data_dir: Path) -> None:
    path = write(data_dir / "exercises" / "same.yaml", "name: One\nname: Two\nsteps: [a, b]\n")
    reads = ReadCache()
    first, first_problems = load_document(path, reads)
    assert first is not None
    first.data["steps"].append("changed by a later stage")
    second, second_problems = load_document(path, reads)
    assert second is not None and second is not first
    assert second.data == {"name": "One", "steps": ["a", "b"]}
    assert second_problems == first_problems and len(second_problems) == 1
    assert second.locate(("steps", 1)) == Location(3, 12)
    path.write_text("name: [\n", encoding="utf-8")
    for _ in range(2):
        document, problems = load_document(path, reads)
        assert document is None and [p.message for p in problems] == [
            "YAML syntax error: did not find expected node content"
        ]


def test_a_preview_s_read_cache_hands_back_the_same_documents_which_no_stage_changes() -> None:
    """A preview keeps each unchanged file's document from build to build; that is safe only while no stage
    of a build changes a document's values, translating them into another language included."""
    reads = ReadCache(keep_documents=True)
    for language in ("de", "en"):
        build_catalog(REPO / "data", reads=reads, language=language)
    kept = {path: reads._reads[path].document for path in reads.names()}
    assert all(document is not None for document in kept.values())
    for document in kept.values():
        assert document is not None and pickle.dumps(document.data, pickle.HIGHEST_PROTOCOL) == document.pickled
    glute_bridge = next(path for path in kept if path.endswith("exercises/glute-bridge.yaml"))
    documents, _ = load_data_folder(REPO / "data", reads=reads)
    assert next(d for d in documents.exercises if d.stem == "glute-bridge") is kept[glute_bridge]


def test_a_preview_told_what_was_saved_reads_again_only_those_files_and_any_whose_time_or_size_changed(
    data_dir: Path,
) -> None:
    path = write(data_dir / "exercises" / "edited.yaml", "name: One\nsummary: x\n")
    reads = ReadCache(keep_documents=True)
    assert load_document(path, reads)[0] is not None
    stat = path.stat()

    def rewrite(text: str, saved: set[Path], same_time: bool = True) -> str:
        path.write_text(text, encoding="utf-8")
        if same_time:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        reads.saved = frozenset(str(p.absolute()) for p in saved)
        document, _ = load_document(path, reads)
        assert document is not None
        return str(document.data["name"])

    assert rewrite("name: Two\nsummary: x\n", saved=set()) == "One"  # unreported, same time and size
    assert rewrite("name: Two\nsummary: x\n", saved={path}) == "Two"
    assert rewrite("name: Six\nsummary: x\n", saved=set(), same_time=False) == "Six"
    assert rewrite("name: Three\nsummary: x\n", saved=set()) == "Three"  # the size changed
    reads.saved = None
    path.write_text("name: Four\nsummary: x\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, stat.st_mtime_ns))
    assert load_document(path, reads)[0].data["name"] == "Four"  # type: ignore[union-attr]


def test_files_read_ahead_in_worker_processes_are_remembered_with_their_time_and_size(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build of a large catalogue reads its files in workers; the preview's first rebuild after
    it need not read every file again."""
    monkeypatch.setattr(workers, "WORKERS_FROM", 2)
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    path = write(data_dir / "exercises" / "edited.yaml", "name: One\nsummary: x\n")
    reads = ReadCache(keep_documents=True)
    load_data_folder(data_dir, reads=reads)
    stat = path.stat()
    path.write_text("name: Two\nsummary: x\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    monkeypatch.setattr(workers, "can_fork", lambda: False)  # the server's threads run during rebuilds
    reads.saved = frozenset()
    documents, _ = load_data_folder(data_dir, reads=reads)
    assert next(d.data["name"] for d in documents.exercises if d.stem == "edited") == "One"
    reads.saved = frozenset({str(path.absolute())})
    documents, _ = load_data_folder(data_dir, reads=reads)
    assert next(d.data["name"] for d in documents.exercises if d.stem == "edited") == "Two"


def test_the_data_folder_remembers_only_the_files_it_read_last(data_dir: Path) -> None:
    gone = write(data_dir / "exercises" / "gone.yaml", "name: Gone\nsummary: x\n")
    reads = ReadCache()
    load_data_folder(data_dir, reads=reads)
    assert "data/exercises/gone.yaml" in reads.names()
    gone.unlink()
    load_data_folder(data_dir, reads=reads)
    assert reads.names() == {display_path(path) for path in data_dir.rglob("*.yaml")}


def test_many_files_are_parsed_in_worker_processes_with_the_same_result(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(data_dir / "exercises" / "twice.yaml", "name: One\nsummary: x\nname: Two\n")
    write(data_dir / "exercises" / "tabs.yaml", "name: One\nmuscles:\n\tprimary: [x]\n")
    (data_dir / "exercises" / "latin.yaml").write_bytes(b"name: Caf\xe9\n")
    here, here_problems = load_data_folder(data_dir)
    monkeypatch.setattr(workers, "WORKERS_FROM", 2)
    monkeypatch.setattr(workers, "can_fork", lambda: True)  # the browser tests' server thread is harmless here
    parsed_here: list[str] = []
    parse = load.parse_data_file

    def counted(path: Path, display: str, raw: bytes) -> Any:
        parsed_here.append(display)  # in this process only: a worker appends to its own copy
        return parse(path, display, raw)

    monkeypatch.setattr(load, "parse_data_file", counted)
    in_workers, worker_problems = load_data_folder(data_dir)
    assert parsed_here == []
    assert worker_problems == here_problems and len(here_problems) == 3
    for kind in ("exercises", "routines"):
        assert [(d.display, d.data) for d in getattr(in_workers, kind)] == [
            (d.display, d.data) for d in getattr(here, kind)
        ]
    assert {name: [d.data for d in docs] for name, docs in in_workers.vocabularies.items()} == {
        name: [d.data for d in docs] for name, docs in here.vocabularies.items()
    }


def test_a_large_catalogue_reads_each_file_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "WORKERS_FROM", 2)
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads.append(path)  # in this process only: the workers are handed the bytes
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    documents, problems = load_data_folder(data_dir)
    assert problems == [] and documents.exercises
    assert len(reads) == len(set(reads)) == len(list(data_dir.rglob("*.yaml")))


@pytest.mark.parametrize("working_folder", ["above", "inside", "elsewhere"])
def test_a_problem_names_its_file_as_seen_from_the_working_folder(
    data_dir: Path, tmp_path: Path, working_folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Short and relative inside the working folder, in full outside it, for files in every data folder."""
    exercise = write(data_dir / "exercises" / "broken.yaml", "name: [unclosed\n")
    vocabulary = data_dir / "equipment.yaml"
    vocabulary.write_text("- id: [unclosed\n", encoding="utf-8")
    cwd = {"above": data_dir.parent, "inside": data_dir, "elsewhere": tmp_path / "elsewhere"}[working_folder]
    cwd.mkdir(exist_ok=True)
    monkeypatch.chdir(cwd)
    _, problems = load_data_folder(Path(os.path.relpath(data_dir)))
    files = {problem.file for problem in problems}
    expected = {
        "above": {f"{data_dir.name}/exercises/broken.yaml", f"{data_dir.name}/equipment.yaml"},
        "inside": {"exercises/broken.yaml", "equipment.yaml"},
        "elsewhere": {str(exercise.resolve()), str(vocabulary.resolve())},
    }[working_folder]
    assert files == expected
    assert files == {display_path(exercise), display_path(vocabulary)}
