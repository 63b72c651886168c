"""Props in one frame as shapes: platforms, rollers, balls, a mat and a wall, bars and plates, and bands
and cables with the posts and columns they are tied to."""

from __future__ import annotations

import math

from generator.catalog.body import Vector
from generator.catalog.poses import BALL_RADIUS, PLATFORMS, ROLLER_HALF_LENGTH, ROLLER_RADIUS, PlacedFigure, PlacedProp
from generator.outputs.camera import Camera
from generator.outputs.figure_shapes import Box, Shape, convex_hull, extremes, middle, page_point


def prop_shapes(
    frame: PlacedFigure, start: PlacedFigure, camera: Camera, box: Box, drawn: dict[tuple[int, PlacedProp], list[Shape]]
) -> list[Shape]:
    """The props of one frame, each with its depth; a wall between the reader and the body is left out.

    A mat and a wall are placed by the body at the `start` and stay there. A prop placed as it was in
    another frame of the same movement is drawn once and kept in `drawn`.
    """
    shapes: list[Shape] = []
    for index, prop in enumerate(frame.props):
        if prop.kind == "barbell":
            shapes += _barbell(f"prop-{index}", prop, frame, camera, box)
            continue
        if prop.kind in {"mat", "wall"}:
            prop = start.props[index]
        if (index, prop) not in drawn:
            drawn[index, prop] = _prop_shape(f"prop-{index}", prop, start, camera, box)
        shapes += drawn[index, prop]
    return shapes


HELD = frozenset({"kettlebell", "dumbbell", "cable-handle"})


def _prop_shape(key: str, prop: PlacedProp, start: PlacedFigure, camera: Camera, box: Box) -> list[Shape]:
    if prop.kind == "band" or prop.kind in HELD:
        return _tied_or_held(key, prop, camera, box)
    if prop.kind == "stability-ball":
        centre = (prop.x, BALL_RADIUS, prop.z)
        geometry = page_point(box, camera, centre)
        return [Shape(key, "circle", "exguide-figure__prop", camera.depth(centre), geometry, BALL_RADIUS)]
    outline = prop_outline(prop, start)
    depth = -1e6 if prop.kind == "mat" else camera.depth(middle(*extremes(outline, camera)))
    if prop.kind == "wall" and camera.facing((1.0, 0.0, 0.0)) ** 2 > 0.5:
        if depth > camera.depth(start.points["hip"]):
            return []
        depth = -1e5
    classes = "exguide-figure__prop" + (f" exguide-figure__prop--{prop.kind}" if prop.kind in {"mat", "wall"} else "")
    hull = convex_hull([camera.screen(corner) for corner in outline])
    return [Shape(key, "path", classes, depth, "M" + "L".join(box.point(p) for p in hull) + "Z")]


def _tied_or_held(key: str, prop: PlacedProp, camera: Camera, box: Box) -> list[Shape]:
    """A band or a held weight or handle: the line to a band's or cable's other end, with the post or
    column it is tied to, and what the hand or foot holds."""
    at = (prop.x, prop.y, prop.z)
    shapes = []
    if prop.anchor is not None:
        outline = post_outline(prop)
        hull = convex_hull([camera.screen(corner) for corner in outline])
        depth = camera.depth(middle(*extremes(outline, camera)))
        post = "M" + "L".join(box.point(p) for p in hull) + "Z"
        shapes.append(Shape(f"{key}-post", "path", "exguide-figure__prop", depth, post))
    other_end = prop.to if prop.to is not None else prop.anchor
    if other_end is not None:
        classes = "exguide-figure__band" if prop.kind == "band" else "exguide-figure__cable"
        line = f"M{box.point(camera.screen(at))}L{box.point(camera.screen(other_end))}"
        shapes.append(Shape(key, "path", classes, camera.depth(middle(at, other_end)) + 6, line))
    if prop.kind in HELD:
        shapes.append(Shape(f"{key}-held", "glyph", prop.kind, camera.depth(at) + 7, box.point(camera.screen(at))))
    return shapes


BAR_HALF_LENGTH, PLATE_RADIUS, PLATE_FROM_MIDDLE = 100.0, 22.5, 60.0
"""An Olympic bar is 2.2 m long with 45 cm plates; the plates sit just outside a wide grip."""


def _barbell(key: str, prop: PlacedProp, frame: PlacedFigure, camera: Camera, box: Box) -> list[Shape]:
    """A bar across the body at the hands, with a plate near each end, each at its own depth."""
    middle_z = (frame.points["right-hand"][2] + frame.points["left-hand"][2]) / 2
    ends = [(prop.x, prop.y, middle_z + sign * BAR_HALF_LENGTH) for sign in (-1, 1)]
    bar = "M" + "L".join(box.point(camera.screen(end)) for end in ends)
    shapes = [Shape(f"{key}-bar", "path", "exguide-figure__handle", camera.depth(middle(*ends)), bar)]
    for sign in (-1, 1):
        z = middle_z + sign * PLATE_FROM_MIDDLE
        rim = [
            (prop.x + PLATE_RADIUS * math.cos(a), prop.y + PLATE_RADIUS * math.sin(a), z + offset)
            for a in (math.pi * step / 12 for step in range(24))
            for offset in (-2.5, 2.5)
        ]
        hull = convex_hull([camera.screen(point) for point in rim])
        outline = "M" + "L".join(box.point(p) for p in hull) + "Z"
        shapes.append(
            Shape(f"{key}-plate-{sign}", "path", "exguide-figure__prop", camera.depth((prop.x, prop.y, z)), outline)
        )
    return shapes


def prop_outline(prop: PlacedProp, frame: PlacedFigure) -> list[Vector]:
    """Points on a prop's surface whose outline on the page is the prop's outline."""
    if prop.kind in PLATFORMS:
        height, half_x, half_z = PLATFORMS[prop.kind]
        return _block(prop.x, prop.z, half_x, half_z, 0.0, height)
    if prop.kind == "wall":
        toward = 1 if prop.x > frame.points["hip"][0] + 5 else -1
        x = prop.x + (3 if toward > 0 else -3)
        return _block(x, frame.points["hip"][2], 3.0, 70.0, 0.0, 200.0)
    if prop.kind == "mat":
        xs = [x for x, _, _ in frame.points.values()]
        zs = [z for _, _, z in frame.points.values()]
        middle_x, middle_z = (min(xs) + max(xs)) / 2, (min(zs) + max(zs)) / 2
        half_x, half_z = (max(xs) - min(xs)) / 2 + 8, max(30.0, (max(zs) - min(zs)) / 2 + 8)
        return _block(middle_x, middle_z, half_x, half_z, 0.0, 1.5)
    if prop.kind == "foam-roller":
        return [
            (prop.x + ROLLER_RADIUS * math.cos(angle), ROLLER_RADIUS + ROLLER_RADIUS * math.sin(angle), prop.z + end)
            for angle in (math.pi * step / 8 for step in range(16))
            for end in (-ROLLER_HALF_LENGTH, ROLLER_HALF_LENGTH)
        ]
    if prop.kind == "stability-ball":
        return [(prop.x + dx, BALL_RADIUS + dy, prop.z + dz) for dx, dy, dz in _SPHERE]
    if prop.kind == "barbell":
        middle_z = (frame.points["right-hand"][2] + frame.points["left-hand"][2]) / 2
        return [
            (prop.x + dx * PLATE_RADIUS, prop.y + dy * PLATE_RADIUS, middle_z + dz * BAR_HALF_LENGTH)
            for dx, dy, dz in _SPHERE
        ]
    return [(prop.x + dx * 10, prop.y + dy * 10, prop.z + dz * 10) for dx, dy, dz in _SPHERE]


_SPHERE: list[Vector] = [
    (math.cos(a) * math.cos(b), math.sin(b), math.sin(a) * math.cos(b))
    for a in (math.pi * step / 6 for step in range(12))
    for b in (-math.pi / 3, 0.0, math.pi / 3)
] + [(0.0, 1.0, 0.0), (0.0, -1.0, 0.0)]


POST_HALF_WIDTH, CABLE_COLUMN_HALF_WIDTH, CABLE_COLUMN_HEIGHT = 2.5, 8.0, 210.0
"""A band's post is 5 cm square, reaching a little above the band; a cable machine's column is 16 cm wide."""


def post_outline(prop: PlacedProp) -> list[Vector]:
    """The post a band is tied to, or the column a cable runs from, standing on the floor at its anchor."""
    assert prop.anchor is not None
    x, y, z = prop.anchor
    if prop.kind == "band":
        return _block(x, z, POST_HALF_WIDTH, POST_HALF_WIDTH, 0.0, y + 8)
    half = CABLE_COLUMN_HALF_WIDTH
    return _block(x, z, half, half, 0.0, CABLE_COLUMN_HEIGHT)


def _block(x: float, z: float, half_x: float, half_z: float, low: float, high: float) -> list[Vector]:
    return [(x + sx * half_x, y, z + sz * half_z) for sx in (-1, 1) for sz in (-1, 1) for y in (low, high)]
