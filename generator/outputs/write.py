"""Write stage: one owner for every output path, refusing collisions and paths that leave the output."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from generator.outputs.render import GeneratedPage


class OutputCollision(Exception):
    """Two generated pages claim the same path, or a path points outside the output folder."""


def collect_pages(pages: Iterable[GeneratedPage]) -> dict[str, GeneratedPage]:
    """Index pages by path, refusing duplicates and any path that could escape the output folder."""
    collected: dict[str, GeneratedPage] = {}
    for page in pages:
        path = PurePosixPath(page.path)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise OutputCollision(f"refusing to write outside the output folder: {page.path}")
        key = path.as_posix()
        if key in collected:
            raise OutputCollision(f"two pages would be written to {key}")
        collected[key] = page
    return collected


def write_pages(pages: dict[str, GeneratedPage], folder: Path) -> list[str]:
    """Write pages under folder, touching only files whose content changed; returns what was written."""
    written = []
    for key, page in sorted(pages.items()):
        target = folder / key
        data = page.markdown.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(key)
    return written
