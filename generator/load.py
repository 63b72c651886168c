"""Load stage: every data file of a guide, and of a club's overlay, read into documents (see `datafile`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.datafile import Document, display_path, forget_reads_except, read_ahead, read_data_file
from generator.errors import Problem


def iter_data_files(folder: Path) -> Iterator[Path]:
    """The YAML files in a folder, in a stable order so the same data gives the same output."""
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


KINDS = ("exercises", "routines")
VOCABULARY_NAMES = ("muscles", "equipment", "joints", "categories", "patterns", "sources", "goals", "poses")


@dataclass
class DataDocuments:
    """Every data file of a guide, read but not yet checked against the models.

    With an overlay, a vocabulary has one document per folder (bundled first), and an exercise or
    routine file in the overlay replaces the bundled file of the same id.
    """

    vocabularies: dict[str, list[Document]] = field(default_factory=dict)
    exercises: list[Document] = field(default_factory=list)
    routines: list[Document] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    """Ids of files that could not be read: references to them are not reported a second time."""


def load_data_folder(data_dir: Path, overlay: Path | None = None) -> tuple[DataDocuments, list[Problem]]:
    """Read the vocabularies, exercises and routines, collecting problems instead of stopping.

    Afterwards only the files read this time are remembered for the next read (see `read_data_file`).
    """
    documents = DataDocuments()
    problems: list[Problem] = []
    read: set[str] = set()
    folders = [data_dir] if overlay is None else [data_dir, overlay]
    inside = dict(_files_inside(folders))
    read_ahead(list(inside.items()))
    for name in VOCABULARY_NAMES:
        documents.vocabularies[name] = []
        for folder in folders:
            path = folder / f"{name}.yaml"
            if not path.is_file():
                if folder == data_dir:
                    problems.append(
                        Problem(display_path(path), 1, 1, "(file)", "vocabulary file is missing", "create it")
                    )
                continue
            document, found = _load_inside(path, inside, read)
            problems += found
            if document is not None:
                documents.vocabularies[name].append(document)
    for kind, collected in zip(KINDS, (documents.exercises, documents.routines), strict=True):
        by_id: dict[str, Document] = {}
        for folder in folders:
            in_folder: dict[str, Path] = {}
            for path in iter_data_files(folder / kind):
                if path.stem in in_folder:
                    first = display_path(in_folder[path.stem])
                    problems.append(
                        Problem(
                            display_path(path),
                            1,
                            1,
                            "(file)",
                            f"'{path.stem}' is already defined by {first}",
                            "keep one",
                        )
                    )
                    continue
                in_folder[path.stem] = path
                document, found = _load_inside(path, inside, read)
                problems += found
                if document is None:
                    documents.unreadable.add(path.stem)
                else:
                    by_id[path.stem] = document
        collected += [by_id[key] for key in sorted(by_id)]
    forget_reads_except(read)
    return documents, problems


def _files_inside(folders: list[Path]) -> Iterator[tuple[Path, str]]:
    """Every data file in these folders that load_data_folder reads, with the name messages give it:
    those that are not links to somewhere outside their data folder."""
    for folder in folders:
        real_folder = folder.resolve()
        in_folders: list[tuple[Path, Iterable[Path]]] = [(folder, [folder / f"{n}.yaml" for n in VOCABULARY_NAMES])]
        in_folders += [(folder / kind, iter_data_files(folder / kind)) for kind in KINDS]
        for parent, paths in in_folders:
            real_parent = parent.resolve()
            for path in paths:
                real = path.resolve() if path.is_symlink() else real_parent / path.name
                if path.is_file() and real.is_relative_to(real_folder):
                    yield path, display_path(path, real)


def _load_inside(path: Path, inside: dict[Path, str], read: set[str]) -> tuple[Document | None, list[Problem]]:
    """Load a data file, refusing one that is a link to somewhere outside its data folder.

    The name the file is read under is added to `read`.
    """
    display = inside.get(path)
    if display is None:
        problem = Problem(
            display_path(path), 1, 1, "(file)", "links to a file outside the data folder", "copy the file in instead"
        )
        return None, [problem]
    read.add(display)
    return read_data_file(path, display)
