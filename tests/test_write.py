"""Write stage: one owner for each output path."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.outputs.write import Output, OutputCollision, collect_outputs, write_outputs


def test_two_pages_at_one_path_are_refused() -> None:
    with pytest.raises(OutputCollision, match=r"two outputs would be written to exercises/a\.md"):
        collect_outputs([Output("exercises/a.md", "1"), Output("exercises/./a.md", "2")])


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "exercises/../../x.md", ""])
def test_paths_that_leave_the_output_are_refused(path: str) -> None:
    with pytest.raises(OutputCollision):
        collect_outputs([Output(path, "x")])


@given(st.text(alphabet="ab./", max_size=10))
def test_every_path_is_kept_or_refused_as_posix_paths_read_it(path: str) -> None:
    """Paths are indexed as PurePosixPath writes them (`a//b` and `./a/b` are `a/b`), and refused when they
    are absolute, empty or climb out with `..`."""
    parts = PurePosixPath(path)
    leaves = parts.is_absolute() or ".." in parts.parts or not parts.parts
    if leaves:
        with pytest.raises(OutputCollision):
            collect_outputs([Output(path, "x")])
    else:
        assert list(collect_outputs([Output(path, "x")])) == [parts.as_posix()]


def test_only_changed_files_are_written(tmp_path: Path) -> None:
    outputs = [Output("a/one.md", "one"), Output("two.md", "two")]
    assert write_outputs(outputs, tmp_path) == ["a/one.md", "two.md"]
    assert write_outputs(outputs, tmp_path) == []
    changed = [Output("a/one.md", "ONE"), Output("two.md", "two")]
    assert write_outputs(changed, tmp_path) == ["a/one.md"]
    assert (tmp_path / "a" / "one.md").read_text() == "ONE"
