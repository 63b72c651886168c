"""Write stage: one owner for every output path, refusing collisions and paths that leave the output."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.outputs.render import put_drawings_in


class OutputCollision(Exception):
    """Two outputs claim the same path, or a path points outside the output folder."""


@dataclass(frozen=True)
class Output:
    """One file of the site's source: content made by the build, or a file taken as it is (`source`)."""

    path: str
    content: str | bytes | None = None
    source: Path | None = None
    in_nav: bool = False
    """Whether the site's navigation lists the page."""
    drawings: dict[str, str] = field(default_factory=dict)
    """A page's inline SVGs, waiting outside its Markdown as placeholders (see render.GeneratedPage)."""
    replaceable: bool = False
    """A bundled page, which a page of the site's own content at the same path replaces."""

    def data(self) -> bytes:
        """The file as a plain folder holds it: a page with its drawings in place, a source file's bytes."""
        if self.source is not None:
            return self.source.read_bytes()
        if isinstance(self.content, bytes):
            return self.content
        return put_drawings_in(self.content or "", self.drawings).encode("utf-8")


def collect_outputs(outputs: Iterable[Output]) -> dict[str, Output]:
    """Index outputs by path, refusing duplicates and any path that could escape the output folder."""
    collected: dict[str, Output] = {}
    for output in outputs:
        key = output.path if _PLAIN_PATH.fullmatch(output.path) else _checked_path(output.path)
        if key in collected:
            raise OutputCollision(f"two outputs would be written to {key}")
        collected[key] = output
    return collected


_PLAIN_PATH = re.compile(r"(?!\.{1,2}(?:/|$))[^/\0]+(?:/(?!\.{1,2}(?:/|$))[^/\0]+)*")
"""A relative path as PurePosixPath writes it already: names with no `.`, `..` or empty part between slashes."""


def _checked_path(path: str) -> str:
    """Any other path, written as PurePosixPath writes it, unless it leads outside the output folder."""
    parts = PurePosixPath(path)
    if parts.is_absolute() or ".." in parts.parts or not parts.parts:
        raise OutputCollision(f"refusing to write outside the output folder: {path}")
    return parts.as_posix()


def write_outputs(outputs: Iterable[Output], folder: Path) -> list[str]:
    """Write outputs under folder, touching only files whose content changed; returns what was written."""
    written = []
    for output in sorted(outputs, key=lambda output: output.path):
        target = folder / output.path
        data = output.data()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(output.path)
    return written
