"""What a figure is drawn from: shapes with a depth on a page box, and the geometry that makes them.

Points are worked out in centimetres, y up, and written as SVG path data with one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from generator.catalog.body import Vector
from generator.outputs.camera import Camera, Point

PIXELS_PER_CM = 1.6


class Shape(NamedTuple):
    """One drawn part of one frame: `geometry` is path data, or a circle's "cx cy"."""

    key: str
    kind: str
    """"path" (filled, or a thick line as its class draws it), "circle", or "glyph" (a prop drawn at a point)."""
    classes: str
    depth: float
    geometry: str
    size: float = 0.0
    """A circle's radius."""
    visible: bool = True


@dataclass(frozen=True)
class Box:
    """The drawing's extent in page centimetres, y up; SVG y grows downwards, so y is flipped."""

    left: float
    bottom: float
    width: float
    height: float

    @property
    def pixels(self) -> tuple[int, int]:
        """The drawing's size on screen, as its width and height attributes give it."""
        return round(self.width * PIXELS_PER_CM), round(self.height * PIXELS_PER_CM)

    def x(self, value: float) -> float:
        return round(value - self.left, 1)

    def y(self, value: float) -> float:
        return round(self.bottom + self.height - value, 1)

    def point(self, point: Sequence[float]) -> str:
        return "%.1f %.1f" % (point[0] - self.left, self.bottom + self.height - point[1])  # noqa: UP031 (speed)


Seen = dict[str, tuple[float, float, float]]
"""Each point as the camera sees it: across and up the page, and how near the reader."""


def seen_by(camera: Camera, points: dict[str, Vector]) -> Seen:
    (rx, ry, rz), (ux, uy, uz), (tx, ty, tz) = camera.right, camera.up, camera.toward
    return {
        name: (x * rx + y * ry + z * rz, x * ux + y * uy + z * uz, x * tx + y * ty + z * tz)
        for name, (x, y, z) in points.items()
    }


def extremes(points: list[Vector], camera: Camera) -> tuple[Vector, Vector]:
    ordered = sorted(points, key=camera.depth)
    return ordered[0], ordered[-1]


def convex_hull(points: list[Point]) -> list[Point]:
    """The convex hull of points on the page, anticlockwise (Andrew's monotone chain)."""
    unique = sorted({(round(x, 2), round(y, 2)) for x, y in points})
    if len(unique) <= 2:
        return unique

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for point in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def middle(a: Vector, b: Vector) -> Vector:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def page_point(box: Box, camera: Camera, point: Vector) -> str:
    return box.point(camera.screen(point))


def capsule(box: Box, a: tuple[float, ...], b: tuple[float, ...], start_radius: float, end_radius: float) -> str:
    """A limb seen from anywhere: the outline of two circles and the lines that touch both, as path data
    of the same commands whatever the pose, so an animation can move between frames."""
    top, left = box.bottom + box.height, box.left
    ax, ay, bx, by = a[0] - left, top - a[1], b[0] - left, top - b[1]
    r0, r1 = start_radius, end_radius
    dx, dy = bx - ax, by - ay
    distance = math.hypot(dx, dy)
    if distance <= abs(r0 - r1) + 0.05:  # one circle inside the other: draw the larger one
        radius = max(r0, r1)
        cx, cy = (ax, ay) if r0 >= r1 else (bx, by)
        ax, ay, bx, by, r0, r1 = cx, cy, cx, cy, radius, radius
        ux, uy, sine = 1.0, 0.0, 0.0
    else:
        ux, uy, sine = dx / distance, dy / distance, (r0 - r1) / distance
    cosine = math.sqrt(1 - sine * sine)
    # where the touching lines meet each circle: the normal (-uy, ux) turned by the taper, on either side
    wx, wy = ux * sine - uy * cosine, uy * sine + ux * cosine
    vx, vy = ux * sine + uy * cosine, uy * sine - ux * cosine
    sx, sy = ax + r0 * wx, ay + r0 * wy
    return CAPSULE_PATH % (
        sx, sy, bx + r1 * wx, by + r1 * wy, r1, r1, bx + r1 * vx, by + r1 * vy,
        ax + r0 * vx, ay + r0 * vy, r0, r0, sx, sy,
    )  # fmt: skip


CAPSULE_PATH = "M%.1f %.1fL%.1f %.1fA%.1f %.1f 0 0 0 %.1f %.1fL%.1f %.1fA%.1f %.1f 0 1 0 %.1f %.1fZ"
