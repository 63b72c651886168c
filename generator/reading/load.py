"""Load stage: every data file of a guide, and of a club's overlay, read into documents (see `datafile`).

Each file's last read is kept while its bytes stay the same, so `mkdocs serve` parses only edited files;
a large catalogue's files are parsed in worker processes.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.reading.datafile import MAX_FILE_BYTES, Document, display_path, parse_data_file
from generator.workers import Workers, workers_for

DATA_SUFFIXES = (".yaml", ".yml")


def iter_data_files(folder: Path) -> Iterator[Path]:
    """Every entry of a folder named as a data file, in a stable order so the same data gives the same output.

    Names starting with a dot are left alone: hidden files and editors' lock files (`.#bridge.yaml`).
    Whatever else is named `*.yaml` or `*.yml` is a data file, and `shape_problem` reports one that is
    not a file that can be read. An unreadable folder is read as empty; `folder_problem` reports it.
    """
    if folder_problem(folder) is not None:
        return
    try:
        # By name, which is the order of their paths, as they share the folder.
        names = sorted(os.listdir(folder)) if folder.is_dir() else []
    except OSError:
        return
    yield from (folder / name for name in names if name.endswith(DATA_SUFFIXES) and not name.startswith("."))


def folder_problem(folder: Path) -> Problem | None:
    """A data folder that exists but cannot be listed, or whose entries cannot be reached."""
    try:
        if folder.is_dir():
            os.stat(os.path.join(folder, "."))
            next(folder.iterdir(), None)
    except OSError as error:
        return Problem(display_path(folder), 1, 1, "(folder)", f"cannot be read: {_reason(error)}", _ACCESS_HINT)
    return None


def shape_problem(path: Path) -> Problem | None:
    """Why an entry named as a data file cannot be read as one: a link to nothing, a folder, a device."""
    display = display_path(path, path.absolute())
    try:
        if path.is_symlink():
            path.resolve(strict=True)
        if path.is_dir():
            return Problem(display, 1, 1, "(file)", "is a folder, not a file", "rename it, or move it out of the data")
        if not path.is_file():
            return Problem(display, 1, 1, "(file)", "is not a regular file", "replace it with a plain text file")
    except (OSError, RuntimeError):
        message = "is a link that leads nowhere (its target is missing, or the links go round in a loop)"
        return Problem(display, 1, 1, "(file)", message, "point it at a file in the data folder, or delete it")
    return None


def read_problem(path: Path, display: str, error: OSError) -> Problem:
    """A data file that exists but cannot be read."""
    return Problem(display, 1, 1, "(file)", f"cannot be read: {_reason(error)}", _ACCESS_HINT)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


_ACCESS_HINT = "give the user running exguide permission to read it"


KINDS = ("exercises", "routines")
VOCABULARY_NAMES = ("muscles", "equipment", "joints", "categories", "patterns", "sources", "goals", "poses", "weeks")
OPTIONAL_VOCABULARIES = frozenset({"weeks"})
"""Vocabularies a guide may go without: without weeks.yaml, it has no week-plan page."""


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
    unread_kinds: set[str] = field(default_factory=set)
    """Vocabularies, and `exercises` or `routines`, that could not be read at all: references to them are
    not checked, so one unreadable file or folder is one problem, not one for every reference to it."""


def load_data_folder(
    data_dir: Path, overlay: Path | None = None, reads: ReadCache | None = None
) -> tuple[DataDocuments, list[Problem]]:
    """Read the vocabularies, exercises and routines, collecting problems instead of stopping.

    With `reads`, files unchanged since they were last read there are not parsed again, and afterwards
    it remembers only the files read this time.
    """
    reads = reads or ReadCache()
    documents = DataDocuments()
    problems: list[Problem] = []
    read: set[str] = set()
    folders = [data_dir] if overlay is None else [data_dir, overlay]
    unreadable_folders = [found for found in map(folder_problem, folders) if found]
    if unreadable_folders:
        return documents, unreadable_folders
    inside = dict(_files_inside(folders))
    raws = reads.read_ahead(list(inside.items()))
    for name in VOCABULARY_NAMES:
        documents.vocabularies[name] = []
        for folder in folders:
            path = folder / f"{name}.yaml"
            if not os.path.lexists(path):
                if folder == data_dir and name not in OPTIONAL_VOCABULARIES:
                    problems.append(
                        Problem(display_path(path), 1, 1, "(file)", "vocabulary file is missing", "create it")
                    )
                continue
            document, found = _load_inside(path, inside, raws, read, reads)
            problems += found
            if document is not None:
                documents.vocabularies[name].append(document)
            else:
                documents.unread_kinds.add(name)
    for folder in folders:
        for kind in KINDS:
            unlisted = folder_problem(folder / kind)
            if unlisted is not None:
                problems.append(unlisted)
                documents.unread_kinds.add(kind)
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
                document, found = _load_inside(path, inside, raws, read, reads)
                problems += found
                if document is None:
                    documents.unreadable.add(path.stem)
                else:
                    by_id[path.stem] = document
        collected += [by_id[key] for key in sorted(by_id)]
    reads.keep_only(read)
    return documents, problems


def _files_inside(folders: list[Path]) -> Iterator[tuple[Path, str]]:
    """Every data file in these folders that load_data_folder reads, with the name messages give it:
    plain files, and links to plain files inside their data folder."""
    for folder in folders:
        real_folder = folder.resolve()
        in_folders: list[tuple[Path, Iterable[Path]]] = [(folder, [folder / f"{n}.yaml" for n in VOCABULARY_NAMES])]
        in_folders += [(folder / kind, iter_data_files(folder / kind)) for kind in KINDS]
        for parent, paths in in_folders:
            real_parent = parent.resolve()
            plain, shown = _plain_files(parent), os.path.relpath(parent)
            plain_inside = real_parent.is_relative_to(real_folder)
            for path in paths:
                if path.name in plain:  # the common case, decided from one listing of the folder
                    if plain_inside:
                        yield path, _display_in(shown, real_parent, path.name)
                    continue
                if shape_problem(path) is not None or not (path.is_file() or path.is_symlink()):
                    continue
                real = path.resolve() if path.is_symlink() else real_parent / path.name
                if real.is_relative_to(real_folder):
                    yield path, display_path(path, real)


def _plain_files(folder: Path) -> set[str]:
    """The names of the regular files in a folder (not links, folders or devices); none if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_file(follow_symlinks=False)}
    except OSError:
        return set()


def _display_in(shown_folder: str, real_folder: Path, name: str) -> str:
    """`display_path` of a regular file in a folder, from the folder's own path relative to the working folder."""
    if shown_folder.startswith(".."):
        return str(real_folder / name)
    return name if shown_folder == "." else os.path.join(shown_folder, name)


def _load_inside(
    path: Path, inside: dict[Path, str], raws: dict[str, bytes], read: set[str], reads: ReadCache
) -> tuple[Document | None, list[Problem]]:
    """Load a data file, refusing one that is a link to somewhere outside its data folder.

    `raws` holds the bytes of files read already, by display name. The name the file is read under is
    added to `read`.
    """
    display = inside.get(path)
    if display is None:  # not a plain file inside the data folder: say what it is instead
        shape = shape_problem(path)
        if shape is not None:
            return None, [shape]
        problem = Problem(
            display_path(path), 1, 1, "(file)", "links to a file outside the data folder", "copy the file in instead"
        )
        return None, [problem]
    read.add(display)
    try:
        return reads.read(path, display, raws.get(display))
    except OSError as error:
        return None, [read_problem(path, display, error)]


@dataclass(frozen=True)
class _Read:
    """The last read of one file: its bytes, its values pickled (None if it could not be read), its problems,
    the document read, when the cache keeps documents, and the file's time and size as it was read.

    Pickled values take little memory and unpickle quickly into values the caller may change freely.
    """

    raw: bytes
    values: bytes | None
    problems: tuple[Problem, ...]
    document: Document | None = None
    stat: tuple[int, int] | None = None


class ReadCache:
    """The last read of each data file, by the name messages give it: a file whose bytes are the same as
    at its last read is not parsed again. A guide keeps one across the builds of `mkdocs serve`.

    With `keep_documents` (a preview's), an unchanged file is the same Document as at its last read, whose
    values no stage changes: a rebuild neither unpickles them nor lets them go again."""

    def __init__(self, keep_documents: bool = False) -> None:
        self._reads: dict[str, _Read] = {}
        self.keep_documents = keep_documents
        self.saved: frozenset[str] | None = None
        """The absolute paths saved since the last build, when a preview is told them (`exguide serve`): a
        file remembered, not among them, and of the same time and size as at its last read, is not read
        again. None: every file is read."""

    def names(self) -> set[str]:
        """The display names of the files remembered."""
        return set(self._reads)

    def read(self, path: Path, display: str, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
        """One file, parsed unless its last read still holds; `raw` is its bytes when the caller has them."""
        last = self._reads.get(display)
        stat = None
        if raw is None:
            raw, stat = self._bytes(path, last)
        if last is not None and last.raw == raw:
            if stat is not None and stat != last.stat:
                last = self._reads[display] = dataclasses.replace(last, stat=stat)
            if last.values is None:
                return None, list(last.problems)
            if last.document is not None and last.document.path == path:
                return last.document, list(last.problems)
            kept = Document(path, display, pickle.loads(last.values), raw.decode("utf-8"))
            kept.pickled = last.values
            if self.keep_documents:
                self._reads[display] = dataclasses.replace(last, document=kept)
            return kept, list(last.problems)
        document, problems = parse_data_file(path, display, raw)
        if len(raw) > MAX_FILE_BYTES:
            self._reads.pop(display, None)
        else:
            remembered = dataclasses.replace(_remembered(raw, document, problems), stat=stat)
            if document is not None:
                document.pickled = remembered.values
                if self.keep_documents:
                    remembered = dataclasses.replace(remembered, document=document)
            self._reads[display] = remembered
        return document, problems

    def _bytes(self, path: Path, last: _Read | None) -> tuple[bytes, tuple[int, int]]:
        """The file's bytes, and its time and size before they were read (raises OSError)."""
        stat = _time_and_size(path)
        if (
            last is not None
            and last.stat == stat
            and self.saved is not None
            and os.path.abspath(path) not in self.saved
        ):
            return last.raw, stat
        return path.read_bytes(), stat

    def read_ahead(self, files: list[tuple[Path, str]]) -> dict[str, bytes]:
        """Parse many files at once, in worker processes, so that `read` finds them read; the bytes of every
        file read here, by display name, for `read` not to read them again.

        Each file is (its path, the name messages give it). Only files not read before with the same bytes
        are parsed; when there are few files, nothing is read here and `read` parses each in turn.
        """
        raws: dict[str, bytes] = {}
        if workers_for(len(files)) < 2:
            return raws  # a small guide, or a `mkdocs serve` rebuild
        waiting = []
        stats = {}
        for path, display in files:
            try:
                stat = stats[display] = _time_and_size(path)
                raw = raws[display] = path.read_bytes()
            except OSError:
                continue  # `read` tries again, and its error stops the build
            last = self._reads.get(display)
            if len(raw) <= MAX_FILE_BYTES and (last is None or last.raw != raw):
                waiting.append((path, display, raw))
            elif last is not None and last.stat != stat:
                self._reads[display] = dataclasses.replace(last, stat=stat)
        with Workers(workers_for(len(waiting)), forked=True) as workers:
            for (_, display, _), read in zip(waiting, workers.map(_parse_to_remember, waiting), strict=True):
                self._reads[display] = dataclasses.replace(read, stat=stats[display])
        return raws

    def keep_only(self, kept: set[str]) -> None:
        """Forget the last reads of every file but these (by display name): files no longer in the data."""
        for display in self.names() - kept:
            del self._reads[display]


def _time_and_size(path: Path) -> tuple[int, int]:
    """A file's modification time and size, taken before its bytes are read (raises OSError)."""
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size


def load_document(path: Path, reads: ReadCache | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; a file that cannot be read is a list of problems instead."""
    shape = shape_problem(path)
    if shape is not None:
        return None, [shape]
    display = display_path(path)
    try:
        return (reads or ReadCache()).read(path, display)
    except OSError as error:
        return None, [read_problem(path, display, error)]


def pickled_values(document: Document) -> bytes:
    """A document's values pickled as a ReadCache keeps them (see Document.pickled)."""
    return document.pickled if document.pickled is not None else pickle.dumps(document.data, pickle.HIGHEST_PROTOCOL)


def _remembered(raw: bytes, document: Document | None, problems: list[Problem]) -> _Read:
    values = None if document is None else pickled_values(document)
    return _Read(raw, values, tuple(problems))


def _parse_to_remember(job: tuple[Path, str, bytes]) -> _Read:
    """In a worker: one file parsed, as `ReadCache.read` remembers it."""
    path, display, raw = job
    return _remembered(raw, *parse_data_file(path, display, raw))
