"""The body in one frame as shapes: tapered limbs, feet, the trunk with its width, neck, head and the nose
that shows where the face looks; and the working muscles on the segments that carry them."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import yaml

from generator.catalog.body import HEAD_RADIUS, Matrix, Vector, add, apply
from generator.catalog.poses import PlacedFigure
from generator.outputs.camera import Camera
from generator.outputs.figure_shapes import Box, Seen, Shape, capsule, page_point

LIMBS: dict[str, tuple[str, str, float, float]] = {
    "upper-arm": ("{side}-shoulder", "{side}-elbow", 4.8, 3.8),
    "forearm": ("{side}-elbow", "{side}-hand", 3.6, 2.4),
    "thigh": ("{side}-hip", "{side}-knee", 8.0, 5.2),
    "shank": ("{side}-knee", "{side}-ankle", 5.2, 3.4),
}
"""Each limb: the points it runs between and its radius at each end, in centimetres."""
# The stylesheets draw the feet 5 cm wide and the trunk 20 cm thick round its four corners, with an
# outline 22 wide under it (exguide.css, thumbnail.css, print/figure.css).
TORSO_CORNERS: tuple[tuple[str, Vector], ...] = (
    ("thoracic", (0.0, -4.0, 11.0)),
    ("thoracic", (0.0, -4.0, -11.0)),
    ("pelvis", (0.0, 1.0, -7.0)),
    ("pelvis", (0.0, 1.0, 7.0)),
)
"""The trunk's corners inside its outline: the shoulders, from the base of the neck, and the hips."""
NOSE_RADIUS = 2.6
MUSCLE_FRAMES = {
    "pelvis": ("pelvis", "{side}-hip"),
    "thigh": ("{side}-thigh", "{side}-hip"),
    "shank": ("{side}-shank", "{side}-knee"),
    "upper-arm": ("{side}-upper-arm", "{side}-shoulder"),
    "forearm": ("{side}-forearm", "{side}-elbow"),
    "lumbar": ("lumbar", "hip"),
    "thoracic": ("thoracic", "mid-back"),
}
"""Where a muscle shape's coordinates start, and the frame they are measured in (see muscle_shapes.yaml)."""


@dataclass(frozen=True)
class MuscleShape:
    start: tuple[str, Vector]
    end: tuple[str, Vector]
    radius: float
    face: Vector

    @property
    def on_trunk(self) -> bool:
        return self.start[0] in {"lumbar", "thoracic"}


@functools.cache
def muscle_shapes() -> dict[str, MuscleShape]:
    """Where each muscle is drawn (generator/assets/muscle_shapes.yaml)."""
    text = resources.files("generator").joinpath("assets/muscle_shapes.yaml").read_text(encoding="utf-8")
    shapes = {}
    for muscle, entry in yaml.safe_load(text).items():
        start, end = entry["from"], entry["to"]
        shapes[muscle] = MuscleShape(
            (start[0], tuple(map(float, start[1:]))),  # type: ignore[arg-type]
            (end[0], tuple(map(float, end[1:]))),  # type: ignore[arg-type]
            float(entry["radius"]),
            tuple(map(float, entry["face"])),  # type: ignore[arg-type]
        )
    return shapes


LIMB_SHAPES = [
    (side, f"{side}-{part}", start.format(side=side), end.format(side=side), start_radius, end_radius)
    for side in ("right", "left")
    for part, (start, end, start_radius, end_radius) in LIMBS.items()
]


def body_shapes(frame: PlacedFigure, seen: Seen, camera: Camera, box: Box) -> list[Shape]:
    """The body's parts in one frame (`seen` by the camera): limbs, feet, trunk, neck, head and nose, each with
    its depth."""
    points, frames = frame.points, frame.frames
    classes = {}
    for side in ("right", "left"):
        towards = seen[f"{side}-shoulder"][2] - seen["shoulder"][2] + seen[f"{side}-hip"][2] - seen["hip"][2]
        classes[side] = f"exguide-figure__part exguide-figure__part--{'far' if towards < -4 else 'near'}"
    shapes = [
        Shape(key, "path", classes[side], (seen[start][2] + seen[end][2]) / 2,
              capsule(box, seen[start], seen[end], start_radius, end_radius))
        for side, key, start, end, start_radius, end_radius in LIMB_SHAPES
    ]  # fmt: skip
    for side in ("right", "left"):
        heel, ankle, toe = seen[f"{side}-heel"], seen[f"{side}-ankle"], seen[f"{side}-toe"]
        shapes.append(
            Shape(
                f"{side}-foot",
                "path",
                f"{classes[side]} exguide-figure__part--foot",
                (heel[2] + toe[2]) / 2,
                f"M{box.point(heel)}L{box.point(ankle)}L{box.point(toe)}",
            )
        )
    corners = [add(points["shoulder" if frame_name == "thoracic" else "hip"], apply(frames[frame_name], offset))
               for frame_name, offset in TORSO_CORNERS]  # fmt: skip
    outline = "M" + "L".join(box.point(camera.screen(corner)) for corner in corners) + "Z"
    trunk_depth = seen["mid-back"][2]
    shapes += [
        Shape("trunk-outline", "path", "exguide-figure__outline", trunk_depth - 0.01, outline),
        Shape("trunk", "path", "exguide-figure__part exguide-figure__part--trunk", trunk_depth, outline),
    ]
    shoulder, neck, head = seen["shoulder"], seen["neck"], seen["head"]
    neck_depth = (shoulder[2] + neck[2]) / 2 - 0.5
    shapes.append(Shape("neck", "path", "exguide-figure__part", neck_depth, capsule(box, shoulder, neck, 4.5, 4.0)))
    face = frame_face(frames["head"])
    nose = add(
        points["head"], (HEAD_RADIUS * 0.92 * face[0], HEAD_RADIUS * 0.92 * face[1], HEAD_RADIUS * 0.92 * face[2])
    )
    shapes += [
        Shape("head", "circle", "exguide-figure__part", head[2], box.point(head), HEAD_RADIUS),
        Shape(
            "nose",
            "circle",
            "exguide-figure__part exguide-figure__part--nose",
            head[2] + 0.01,
            page_point(box, camera, nose),
            NOSE_RADIUS,
            visible=camera.facing(face) > -0.3,
        ),
    ]  # fmt: skip
    return shapes


def frame_face(head: Matrix) -> Vector:
    return apply(head, (1.0, 0.0, 0.0))


def muscle_layer(
    frame: PlacedFigure, camera: Camera, box: Box, muscles: Iterable[str], sides: tuple[str, ...]
) -> list[Shape]:
    """The working muscles in one frame, on the sides that work; only those facing the reader show."""
    shapes = []
    for muscle in muscles:
        shape = muscle_shapes()[muscle]
        for side in ("right", "left") if shape.on_trunk else sides:
            start, end, face = _muscle_places(muscle, side)
            a, b = (
                camera.seen(add(frame.points[origin], apply(frame.frames[frame_name], offset)))
                for frame_name, origin, offset in (start, end)
            )
            shapes.append(
                Shape(
                    f"muscle-{muscle}-{side}",
                    "path",
                    "exguide-figure__muscle",
                    (a[2] + b[2]) / 2 + 4.0,
                    capsule(box, a, b, shape.radius, shape.radius * 0.8),
                    visible=camera.facing(apply(frame.frames[start[0]], face)) > -0.2,
                )
            )
    return shapes


MusclePlace = tuple[str, str, Vector]
"""A segment's frame, the point an offset is measured from, and the offset in that frame."""


@functools.cache
def _muscle_places(muscle: str, side: str) -> tuple[MusclePlace, MusclePlace, Vector]:
    """Where a muscle shape's two ends are on one side, and the way it faces in its first end's frame."""
    shape = muscle_shapes()[muscle]

    def place(segment: str, offset: Vector) -> MusclePlace:
        frame_name, origin = MUSCLE_FRAMES[segment]
        return frame_name.format(side=side), origin.format(side=side), _outward(side, offset)

    return place(*shape.start), place(*shape.end), _outward(side, shape.face)


def _outward(side: str, vector: Vector) -> Vector:
    return vector if side == "right" else (vector[0], vector[1], -vector[2])
