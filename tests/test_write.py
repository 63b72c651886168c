"""Write stage: one owner for each output path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.outputs.write import Output, OutputCollision, collect_outputs, write_outputs


def test_two_pages_at_one_path_are_refused() -> None:
    with pytest.raises(OutputCollision, match=r"two outputs would be written to exercises/a\.md"):
        collect_outputs([Output("exercises/a.md", "1"), Output("exercises/./a.md", "2")])


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "exercises/../../x.md", ""])
def test_paths_that_leave_the_output_are_refused(path: str) -> None:
    with pytest.raises(OutputCollision):
        collect_outputs([Output(path, "x")])


def test_only_changed_files_are_written(tmp_path: Path) -> None:
    outputs = [Output("a/one.md", "one"), Output("two.md", "two")]
    assert write_outputs(outputs, tmp_path) == ["a/one.md", "two.md"]
    assert write_outputs(outputs, tmp_path) == []
    changed = [Output("a/one.md", "ONE"), Output("two.md", "two")]
    assert write_outputs(changed, tmp_path) == ["a/one.md"]
    assert (tmp_path / "a" / "one.md").read_text() == "ONE"
