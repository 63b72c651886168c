"""Whatever a data folder holds, `exguide validate` answers with exit status 0 or 1 and lines a person can use.

Each property changes a copy of the fixture data (bytes, a value at some field, the shape of the files) and
runs the command as a user runs it. These tests are run by tests/test_properties.py, as an ordinary user
when the suite runs as root, so that unreadable files really are unreadable.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from helpers import FIXTURES, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.outputs.site_folder import remove_tree

settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("EXGUIDE_PROPERTY_PROFILE", "ci"))

PROBLEM_LINE = re.compile(
    r"(?P<file>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<path>\S.*?): (?P<message>\S.*)"
)
SUMMARY_LINE = re.compile(r"[1-9]\d* problems? found; nothing was built\.")
DATA_FILES = sorted(path.relative_to(FIXTURES / "data").as_posix() for path in (FIXTURES / "data").rglob("*.yaml"))


@dataclass(frozen=True)
class Answer:
    status: int
    out: str
    err: str


def validate(data: Path) -> Answer:
    """`exguide validate --data data`, run in the folder that holds the data."""
    return run_in(data.parent, ["validate", "--data", "data"])


def run_in(folder: Path, arguments: list[str]) -> Answer:
    """The exguide command run in a folder as the command line runs it: its exit status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(arguments)
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else 2
    finally:
        os.chdir(previous)
    return Answer(status, out.getvalue(), err.getvalue())


def assert_usable(answer: Answer, file_prefix: str = "data") -> None:
    """Exit status 0 with a one-line summary, or 1 with one located line per problem and a count."""
    assert "Traceback" not in answer.out + answer.err
    assert answer.status in (0, 1), answer
    if answer.status == 0:
        assert answer.err == ""
        summary, *languages = answer.out.rstrip("\n").split("\n")
        assert summary.endswith("no problems found"), answer
        assert all(re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?: .* translated.*", line) for line in languages), answer
        return
    *problems, summary = answer.err.rstrip("\n").split("\n")
    assert SUMMARY_LINE.fullmatch(summary), answer.err
    assert problems, answer.err
    for line in problems:
        assert PROBLEM_LINE.fullmatch(line), line
        assert line.isprintable(), line
        assert PROBLEM_LINE.fullmatch(line)["file"].startswith(file_prefix), line  # type: ignore[index]
    assert int(summary.split()[0]) == len(problems)


@contextlib.contextmanager
def data_copy() -> Iterator[Path]:
    """A fresh copy of the fixture data in a folder of its own, removed afterwards whatever was done to it."""
    root = Path(tempfile.mkdtemp(prefix="exguide-property-"))
    try:
        shutil.copytree(FIXTURES / "data", root / "data")
        yield root / "data"
    finally:
        remove_tree(root)


# Bytes: appended, inserted or substituted anywhere in any data file.

EDITS = st.sampled_from(["append", "insert", "substitute"])


@given(name=st.sampled_from(DATA_FILES), edit=EDITS, where=st.floats(0, 1), added=st.binary(min_size=1, max_size=24))
def test_any_bytes_anywhere_in_a_data_file(name: str, edit: str, where: float, added: bytes) -> None:
    with data_copy() as data:
        path = data / name
        path.write_bytes(edited(path.read_bytes(), edit, where, added))
        assert_usable(validate(data))


def edited(original: bytes, edit: str, where: float, added: bytes) -> bytes:
    """The bytes with others appended, or inserted or written over them at a point (0 the start, 1 the end)."""
    at = round(where * len(original))
    return {
        "append": original + added,
        "insert": original[:at] + added + original[at:],
        "substitute": original[:at] + added + original[at + len(added) :],
    }[edit]


# Values: any YAML value at any field of any data file, and any key.

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**14, max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates()
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
)


def field_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a document a value can be put: the document itself, each mapping value, each list item."""
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from field_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from field_paths(inner, (*path, index))


def put(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    holder = document
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return document


def rename(document: Any, path: tuple[Any, ...], key: Any) -> Any:
    """The document with the key that leads to path renamed (a mapping keeps its order)."""
    if not path or not isinstance(path[-1], str):
        return document
    holder = document
    for step in path[:-1]:
        holder = holder[step]
    items = [(key if name == path[-1] else name, inner) for name, inner in holder.items()]
    holder.clear()
    holder.update(items)
    return document


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, document: Any) -> None:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


@given(name=st.sampled_from(DATA_FILES), choice=st.floats(0, 1), value=VALUES)
def test_any_value_at_any_field(name: str, choice: float, value: Any) -> None:
    with data_copy() as data:
        document = read_yaml(data / name)
        paths = list(field_paths(document))
        write_yaml(data / name, put(document, paths[min(int(choice * len(paths)), len(paths) - 1)], value))
        assert_usable(validate(data))


@given(name=st.sampled_from(DATA_FILES), choice=st.floats(0, 1), key=SCALARS)
def test_any_key_in_place_of_a_field_name(name: str, choice: float, key: Any) -> None:
    with data_copy() as data:
        document = read_yaml(data / name)
        paths = [path for path in field_paths(document) if path and isinstance(path[-1], str)]
        chosen = paths[min(int(choice * len(paths)), len(paths) - 1)]
        with contextlib.suppress(TypeError):  # a key YAML can write but Python cannot hash is not a case
            write_yaml(data / name, rename(document, chosen, key))
        assert_usable(validate(data))


# A club's settings: any bytes, and any value at any field, of club.yml.


@functools.cache
def _club_template() -> Path:
    """A club folder as `exguide init` makes it, made once and copied for each example."""
    folder = Path(tempfile.mkdtemp(prefix="exguide-property-club-")) / "club"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["init", str(folder)]) == 0
    return folder


@contextlib.contextmanager
def club_copy() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="exguide-property-"))
    try:
        shutil.copytree(_club_template(), root / "club", symlinks=True)
        yield root / "club"
    finally:
        remove_tree(root)


def validate_club(club: Path) -> Answer:
    """`exguide validate`, run in a club's folder."""
    return run_in(club, ["validate"])


@settings(max_examples=max(settings().max_examples // 4, 10))
@given(edit=EDITS, where=st.floats(0, 1), added=st.binary(min_size=1, max_size=24))
def test_any_bytes_anywhere_in_club_settings(edit: str, where: float, added: bytes) -> None:
    with club_copy() as club:
        path = club / "club.yml"
        path.write_bytes(edited(path.read_bytes(), edit, where, added))
        assert_usable(validate_club(club), file_prefix="club.yml")


@settings(max_examples=max(settings().max_examples // 4, 10))
@given(choice=st.floats(0, 1), value=VALUES)
def test_any_value_at_any_field_of_club_settings(choice: float, value: Any) -> None:
    with club_copy() as club:
        document = read_yaml(club / "club.yml")
        paths = list(field_paths(document))
        write_yaml(club / "club.yml", put(document, paths[min(int(choice * len(paths)), len(paths) - 1)], value))
        assert_usable(validate_club(club), file_prefix="club.yml")


# Shapes: links, folders with data-file names, special files, odd names and entries no one may read.


def _dangling(data: Path, path: Path) -> None:
    _replace_with_link(path, "nowhere.yaml")


def _looping(data: Path, path: Path) -> None:
    _replace_with_link(path, path.name)


def _outside(data: Path, path: Path) -> None:
    _replace_with_link(path, REPO / "mkdocs.yml")


def _to_another(data: Path, path: Path) -> None:
    _replace_with_link(path, data / "exercises" / "bridge.yaml")


def _folder(data: Path, path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inner.yaml").write_text("name: hidden inside\n", encoding="utf-8")


def _pipe(data: Path, path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _unreadable(data: Path, path: Path) -> None:
    path.chmod(0)


def _unreadable_folder(data: Path, path: Path) -> None:
    path.parent.chmod(0)


def _unsearchable_folder(data: Path, path: Path) -> None:
    path.parent.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _empty(data: Path, path: Path) -> None:
    path.write_bytes(b"")


def _odd_name(data: Path, path: Path) -> None:
    path.rename(path.with_name("odd\nname\x1b[31m.yaml"))


def _undecodable_name(data: Path, path: Path) -> None:
    os.rename(os.fsencode(path), os.fsencode(path.parent) + b"/caf\xe9.yaml")


def _editor_files(data: Path, path: Path) -> None:
    lock = path.parent / f".#{path.name}"
    lock.unlink(missing_ok=True)
    lock.symlink_to(f"user@host.{os.getpid()}:1700000000")
    (path.parent / f".{path.name}.swp").write_bytes(b"\x00\x01binary swap")
    (path.parent / f"{path.name}~").write_text("name: a backup\n", encoding="utf-8")


def _replace_with_link(path: Path, target: str | Path) -> None:
    path.unlink()
    path.symlink_to(target)


SHAPES: dict[str, Callable[[Path, Path], None]] = {
    "dangling link": _dangling,
    "looping link": _looping,
    "link outside": _outside,
    "link to another file": _to_another,
    "folder": _folder,
    "named pipe": _pipe,
    "unreadable file": _unreadable,
    "unreadable folder": _unreadable_folder,
    "unsearchable folder": _unsearchable_folder,
    "empty file": _empty,
    "odd name": _odd_name,
    "undecodable name": _undecodable_name,
    "editor files": _editor_files,
}


@settings(max_examples=max(settings().max_examples // 2, 20))
@given(
    changes=st.lists(st.tuples(st.sampled_from(sorted(SHAPES)), st.sampled_from(DATA_FILES)), min_size=1, max_size=3)
)
def test_any_shape_of_the_data_files(changes: list[tuple[str, str]]) -> None:
    with data_copy() as data:
        for shape, name in changes:
            path = data / name
            if _can_change(path):
                SHAPES[shape](data, path)
        assert_usable(validate(data))


def _can_change(path: Path) -> bool:
    """Whether an earlier change left this file as a plain file in a folder that can still be changed."""
    try:
        return (
            os.access(path.parent, os.W_OK | os.X_OK)
            and os.access(path, os.R_OK | os.W_OK)
            and path.is_file()
            and not path.is_symlink()
        )
    except OSError:
        return False
