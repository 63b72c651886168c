"""Load stage: values keep their positions, and unreadable files become problems, not tracebacks."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from generator.load import Location, load_data_folder, load_document


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
