"""Cameras: the view each figure is drawn from, and the projection of the 3D scene onto the page.

A camera looks at the body from far away (a parallel projection, as in a technical drawing), so sizes
do not shrink with distance and a figure's parts keep their true proportions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.catalog.body import Vector
from generator.outputs.messages import N_

Point = tuple[float, float]


@dataclass(frozen=True)
class Camera:
    """A view: the scene directions that point right and up on the page, and the one towards the reader."""

    view: str
    right: Vector
    up: Vector
    toward: Vector
    words: str
    """How a sentence names the view: "from the side"."""

    def screen(self, point: Vector) -> Point:
        """Where a point of the scene lands on the page, in centimetres, y up."""
        return _dot(point, self.right), _dot(point, self.up)

    def seen(self, point: Vector) -> Vector:
        """Across and up the page, and how near the reader."""
        return _dot(point, self.right), _dot(point, self.up), _dot(point, self.toward)

    def depth(self, point: Vector) -> float:
        """How near the reader a point is: larger is nearer, drawn later."""
        return _dot(point, self.toward)

    def facing(self, direction: Vector) -> float:
        """How much a direction points at the reader, from -1 (away) to 1 (straight at them)."""
        return _dot(direction, self.toward)

    @property
    def has_ground(self) -> bool:
        """Whether the floor shows as a line: in every view but the one from above."""
        return self.up == (0.0, 1.0, 0.0)


def _dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


_HALF = math.sqrt(0.5)
CAMERAS: dict[str, Camera] = {
    "side": Camera("side", (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0), N_("from the side")),
    "front": Camera("front", (0.0, 0.0, -1.0), (0.0, 1.0, 0.0), (1.0, 0.0, 0.0), N_("from the front")),
    "back": Camera("back", (0.0, 0.0, 1.0), (0.0, 1.0, 0.0), (-1.0, 0.0, 0.0), N_("from behind")),
    "three-quarter": Camera(
        "three-quarter",
        (_HALF, 0.0, -_HALF),
        (0.0, 1.0, 0.0),
        (_HALF, 0.0, _HALF),
        N_("from the front and to one side"),
    ),
    "top": Camera("top", (1.0, 0.0, 0.0), (0.0, 0.0, -1.0), (0.0, 1.0, 0.0), N_("from above")),
}
"""side sees the body's right side with the body facing right; front sees its face, its right side on the
page's left; three-quarter is half-way between the two; top looks down with the body facing right."""
