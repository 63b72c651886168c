"""Write stage: one owner for each output path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.outputs.render import GeneratedPage
from generator.outputs.write import OutputCollision, collect_pages, write_pages


def test_two_pages_at_one_path_are_refused() -> None:
    with pytest.raises(OutputCollision, match=r"two pages would be written to exercises/a\.md"):
        collect_pages([GeneratedPage("exercises/a.md", "1", False), GeneratedPage("exercises/./a.md", "2", False)])


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "exercises/../../x.md", ""])
def test_paths_that_leave_the_output_are_refused(path: str) -> None:
    with pytest.raises(OutputCollision):
        collect_pages([GeneratedPage(path, "x", False)])


def test_only_changed_files_are_written(tmp_path: Path) -> None:
    pages = collect_pages([GeneratedPage("a/one.md", "one", True), GeneratedPage("two.md", "two", True)])
    assert write_pages(pages, tmp_path) == ["a/one.md", "two.md"]
    assert write_pages(pages, tmp_path) == []
    changed = collect_pages([GeneratedPage("a/one.md", "ONE", True), GeneratedPage("two.md", "two", True)])
    assert write_pages(changed, tmp_path) == ["a/one.md"]
    assert (tmp_path / "a" / "one.md").read_text() == "ONE"
