"""Figures: an exercise's key positions drawn as SVG, still and animated, from its illustration data.

The body is posed in 3D (catalog.body), placed in its scene (catalog.poses) and seen through the camera
its illustration names (camera). Every part is a shape with a depth; shapes are drawn back to front, so
near limbs cover far ones. Limbs are tapered capsules, the trunk a rounded block with width, the head a
circle with a nose that shows where the face looks. The exercise's primary muscles are drawn on the
working segments in the accent colour. Colours come from CSS classes, so the palettes and print work.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

import yaml
from markupsafe import Markup

from generator.catalog.body import HEAD_RADIUS, Matrix, Vector, add, apply
from generator.catalog.poses import (
    BALL_RADIUS,
    PLATFORMS,
    ROLLER_HALF_LENGTH,
    ROLLER_RADIUS,
    PlacedFigure,
    PlacedProp,
    ResolvedPose,
    anchor_point,
    interpolate,
    place_figure,
    resolve_pose,
)
from generator.outputs.camera import CAMERAS, Camera, Point
from generator.outputs.markup import PathData, render_markup
from generator.reading.models import Exercise, Illustration, Pose

MARGIN = 10.0
PART_REACH = 8.0
"""How far a body part reaches past its point: the thickest limb's radius."""
FRAMES = 4
SECONDS_PER_LOOP = 4
PIXELS_PER_CM = 1.6

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
SEGMENT_NAMES = {
    "head": "head",
    "trunk": "trunk",
    "upper-arm": "upper arm",
    "forearm": "forearm",
    "thigh": "thigh",
    "shank": "lower leg",
    "foot": "foot",
    "midfoot": "foot",
}
POINT_NAMES = {"hip": "hips", "shoulder": "shoulders", "mid-back": "middle of the back", "head": "head", "neck": "neck"}
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


@dataclass(frozen=True)
class ExerciseFigures:
    """The SVGs an exercise page shows: its start and end positions, and the movement between them."""

    start: Markup
    end: Markup
    animated: Markup
    thumbnail: Markup
    """The end position as an SVG file of its own for the library, styled from within; decorative."""
    thumbnail_size: tuple[int, int] = (0, 0)
    """The thumbnail's width and height in CSS pixels, so its row keeps its size before it loads."""


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


@dataclass(frozen=True)
class Movement:
    """An exercise's movement placed in its scene: frames from start to end, seen through its camera."""

    exercise_id: str
    name: str
    illustration: Illustration
    muscles: list[str]
    start: ResolvedPose
    end: ResolvedPose
    frames: list[PlacedFigure]
    camera: Camera
    _bodies: dict[tuple[tuple[int, ...], bool], Markup] = field(default_factory=dict, repr=False, compare=False)
    _props_drawn: dict[tuple[int, PlacedProp], list[Shape]] = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def working_sides(self) -> tuple[str, ...]:
        sides = tuple(side for side in ("right", "left") if any(s.startswith(side) for s in self.illustration.working))
        return sides or ("right", "left")

    @functools.cached_property
    def drawn_muscles(self) -> list[str]:
        """The primary muscles with a shape, in the order the exercise lists them."""
        return [muscle for muscle in self.muscles if muscle in muscle_shapes()]

    @functools.cached_property
    def _seen(self) -> list[Seen]:
        """Each frame's points as the camera sees them, worked out once."""
        return [seen_by(self.camera, frame.points) for frame in self.frames]

    @functools.cached_property
    def box(self) -> Box:
        xs: list[float] = []
        ys: list[float] = [] if not self.camera.has_ground else [0.0]
        for seen in self._seen:
            xs += [x for x, _, _ in seen.values()]
            ys += [y for _, y, _ in seen.values()]
        xs, ys = [min(xs) - PART_REACH, max(xs) + PART_REACH], [min(ys) - PART_REACH, max(ys) + PART_REACH]
        for seen in self._seen:
            x, y, _ = seen["head"]
            xs += [x - HEAD_RADIUS, x + HEAD_RADIUS]
            ys += [y - HEAD_RADIUS, y + HEAD_RADIUS]
        for prop in self.frames[0].props:
            outline = _prop_outline(prop, self.frames[0]) + (_post_outline(prop) if prop.anchor is not None else [])
            for x, y in (self.camera.screen(corner) for corner in outline):
                xs.append(x)
                ys.append(y)
        left, right = min(xs) - MARGIN, max(xs) + MARGIN
        bottom, top = min(ys) - MARGIN, max(ys) + MARGIN
        return Box(round(left, 1), round(bottom, 1), round(right - left, 1), round(top - bottom, 1))

    @functools.cached_property
    def _shapes(self) -> list[dict[str, Shape]]:
        """Each frame's shapes by key, worked out once per movement."""
        return [self._frame_shapes(frame, seen) for frame, seen in zip(self.frames, self._seen, strict=True)]

    def _frame_shapes(self, frame: PlacedFigure, seen: Seen) -> dict[str, Shape]:
        camera, box = self.camera, self.box
        shapes = body_shapes(frame, seen, camera, box)
        shapes += muscle_layer(frame, camera, box, self.drawn_muscles, self.working_sides)
        shapes += prop_shapes(frame, self.frames[0], camera, box, self._props_drawn)
        return {shape.key: shape for shape in shapes}

    def draw(
        self,
        kind: str,
        frame_numbers: list[int],
        title: str = "",
        description: str = "",
        arrow: bool = False,
        style: str = "",
        there_and_back: bool = False,
    ) -> Markup:
        """One SVG of some of the frames: one frame is a still, several an animation.

        `there_and_back` plays the frames forwards then backwards.
        """
        return render_markup(
            "figure.svg.j2",
            one_line=kind == "thumbnail",
            uid=f"{self.exercise_id}-{kind}",
            kind=kind,
            title=title,
            description=description,
            box=self.box,
            body=self._body(tuple(frame_numbers), there_and_back),
            arrow=self.arrow() if arrow else None,
            style=style,
        )

    def _body(self, frame_numbers: tuple[int, ...], there_and_back: bool) -> Markup:
        """The ground, props and body of some frames; figures of the same frames share one drawing."""
        key = (frame_numbers, there_and_back)
        if key not in self._bodies:
            reference = self._shapes[frame_numbers[len(frame_numbers) // 2]]
            if there_and_back:
                frame_numbers = frame_numbers + frame_numbers[-2::-1]
            frames = [self._shapes[number] for number in frame_numbers]
            order = sorted((shape for shape in reference.values() if shape.visible), key=lambda s: s.depth)
            layers = [_layer(shape, [frame[shape.key].geometry for frame in frames]) for shape in order]
            self._bodies[key] = render_markup(
                "figure_body.svg.j2",
                geometry=True,
                layers=layers,
                ground=_ground(self.frames[0], self.camera, self.box) if self.camera.has_ground else None,
                duration=SECONDS_PER_LOOP,
            )
        return self._bodies[key]

    def arrow(self) -> str | None:
        """The arrow along the moving point's real path, through where it is in every frame."""
        point = self.illustration.arrow
        path = [self.camera.screen(frame.points[point]) for frame in self.frames]
        if math.dist(path[0], path[-1]) < 6 and max(math.dist(path[0], p) for p in path) < 8:
            return None
        return "M" + "L".join(self.box.point(p) for p in path)

    def travel(self) -> float:
        """How far the arrow's point moves on the page from start to end, at its furthest, in centimetres."""
        point = self.illustration.arrow
        path = [self.camera.screen(frame.points[point]) for frame in self.frames]
        return max(math.dist(path[0], p) for p in path)


def exercise_movement(exercise_id: str, exercise: Exercise, library: dict[str, Pose]) -> Movement | None:
    """Place an exercise's key positions and the eased frames between them; None without an illustration."""
    illustration = exercise.illustration
    if illustration is None:
        return None
    start, end = resolve_pose(illustration.start, library), resolve_pose(illustration.end, library)
    anchor = anchor_point(start, end)
    timings = [(1 - math.cos(math.pi * step / FRAMES)) / 2 for step in range(FRAMES + 1)]
    frames = [
        place_figure(interpolate(start, end, t), illustration.props, illustration.slope_percent, anchor)
        for t in timings
    ]
    camera = CAMERAS[illustration.view]
    return Movement(exercise_id, exercise.name, illustration, exercise.muscles.primary, start, end, frames, camera)


def render_exercise_figures(exercise_id: str, exercise: Exercise, library: dict[str, Pose]) -> ExerciseFigures | None:
    """The figures of an exercise page; None when the exercise has no illustration."""
    movement = exercise_movement(exercise_id, exercise, library)
    if movement is None:
        return None
    last, name = len(movement.frames) - 1, movement.name
    words = describe(movement)
    return ExerciseFigures(
        start=movement.draw("start", [0], f"{name}: start", words.start, True),
        end=movement.draw("end", [last], f"{name}: end", words.end, True),
        animated=movement.draw(
            "animated", list(range(len(movement.frames))), f"{name}: the movement", words.movement, there_and_back=True
        ),
        thumbnail=movement.draw("thumbnail", [last], style=_thumbnail_style()),
        thumbnail_size=movement.box.pixels,
    )


def render_print_figure(exercise_id: str, exercise: Exercise, library: dict[str, Pose], style: str) -> Markup | None:
    """The end position with its arrow, styled from within for PDFs, where page CSS does not reach."""
    movement = exercise_movement(exercise_id, exercise, library)
    if movement is None:
        return None
    words = describe(movement)
    return movement.draw("print", [len(movement.frames) - 1], movement.name, words.movement, True, style)


@functools.cache
def _thumbnail_style() -> Markup:
    """The stylesheet a thumbnail carries: shipped with exguide, so trusted."""
    return Markup(resources.files("generator").joinpath("templates", "thumbnail.css").read_text(encoding="utf-8"))


# Descriptions.


@dataclass(frozen=True)
class FigureWords:
    start: str
    end: str
    movement: str


def describe(movement: Movement) -> FigureWords:
    """Each figure's text alternative: sentences naming the view, the position, what works and what moves."""
    view = movement.camera.words
    muscles = _listed([muscle.replace("-", " ") for muscle in movement.muscles])
    working = f" The {muscles} {'does' if len(movement.muscles) == 1 else 'do'} the work." if muscles else ""
    moving = _motion_sentence(movement)
    start, end = _clause(movement.start.description), _clause(movement.end.description)
    return FigureWords(
        start=f"The start, seen {view}: {start}.{working}",
        end=f"The end, seen {view}: {end}.{working}",
        movement=f"Seen {view}, the body moves from the start ({start}) to the end ({end}) and back.{moving}",
    )


def _clause(description: str) -> str:
    return description.strip().rstrip(".")


def _listed(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _motion_sentence(movement: Movement) -> str:
    """Which way the arrow's point travels, in the body's own terms: up, forward, out to the right …"""
    point = movement.illustration.arrow
    start, end = movement.frames[0].points[point], movement.frames[-1].points[point]
    change = tuple(b - a for a, b in zip(start, end, strict=True))
    largest = max(abs(value) for value in change)
    if largest < 5:
        return ""
    names = (("forward", "back"), ("up", "down"), ("to the right", "to the left"))
    directions = [
        pair[0] if value > 0 else pair[1]
        for value, pair in zip(change, names, strict=True)
        if abs(value) >= 0.4 * largest
    ]
    side, _, part = point.partition("-")
    named = f"{side} {SEGMENT_NAMES.get(part, part)}" if part else POINT_NAMES.get(point, point)
    return f" The arrow follows the {named} as it moves {_listed(directions)}."


# Shapes.


LIMB_SHAPES = [
    (side, f"{side}-{part}", start.format(side=side), end.format(side=side), start_radius, end_radius)
    for side in ("right", "left")
    for part, (start, end, start_radius, end_radius) in LIMBS.items()
]
Seen = dict[str, tuple[float, float, float]]
"""Each point as the camera sees it: across and up the page, and how near the reader."""


def seen_by(camera: Camera, points: dict[str, Vector]) -> Seen:
    (rx, ry, rz), (ux, uy, uz), (tx, ty, tz) = camera.right, camera.up, camera.toward
    return {
        name: (x * rx + y * ry + z * rz, x * ux + y * uy + z * uz, x * tx + y * ty + z * tz)
        for name, (x, y, z) in points.items()
    }


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
              _capsule(box, seen[start], seen[end], start_radius, end_radius))
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
    shapes.append(Shape("neck", "path", "exguide-figure__part", neck_depth, _capsule(box, shoulder, neck, 4.5, 4.0)))
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
            _centre(box, camera, nose),
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
                    _capsule(box, a, b, shape.radius, shape.radius * 0.8),
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
        geometry = _centre(box, camera, centre)
        return [Shape(key, "circle", "exguide-figure__prop", camera.depth(centre), geometry, BALL_RADIUS)]
    outline = _prop_outline(prop, start)
    depth = -1e6 if prop.kind == "mat" else camera.depth(_middle(*_extremes(outline, camera)))
    if prop.kind == "wall" and camera.facing((1.0, 0.0, 0.0)) ** 2 > 0.5:
        if depth > camera.depth(start.points["hip"]):
            return []
        depth = -1e5
    classes = "exguide-figure__prop" + (f" exguide-figure__prop--{prop.kind}" if prop.kind in {"mat", "wall"} else "")
    hull = _hull([camera.screen(corner) for corner in outline])
    return [Shape(key, "path", classes, depth, "M" + "L".join(box.point(p) for p in hull) + "Z")]


def _tied_or_held(key: str, prop: PlacedProp, camera: Camera, box: Box) -> list[Shape]:
    """A band or a held weight or handle: the line to a band's or cable's other end, with the post or
    column it is tied to, and what the hand or foot holds."""
    at = (prop.x, prop.y, prop.z)
    shapes = []
    if prop.anchor is not None:
        outline = _post_outline(prop)
        hull = _hull([camera.screen(corner) for corner in outline])
        depth = camera.depth(_middle(*_extremes(outline, camera)))
        post = "M" + "L".join(box.point(p) for p in hull) + "Z"
        shapes.append(Shape(f"{key}-post", "path", "exguide-figure__prop", depth, post))
    other_end = prop.to if prop.to is not None else prop.anchor
    if other_end is not None:
        classes = "exguide-figure__band" if prop.kind == "band" else "exguide-figure__cable"
        line = f"M{box.point(camera.screen(at))}L{box.point(camera.screen(other_end))}"
        shapes.append(Shape(key, "path", classes, camera.depth(_middle(at, other_end)) + 6, line))
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
    shapes = [Shape(f"{key}-bar", "path", "exguide-figure__handle", camera.depth(_middle(*ends)), bar)]
    for sign in (-1, 1):
        z = middle_z + sign * PLATE_FROM_MIDDLE
        rim = [
            (prop.x + PLATE_RADIUS * math.cos(a), prop.y + PLATE_RADIUS * math.sin(a), z + offset)
            for a in (math.pi * step / 12 for step in range(24))
            for offset in (-2.5, 2.5)
        ]
        hull = _hull([camera.screen(point) for point in rim])
        outline = "M" + "L".join(box.point(p) for p in hull) + "Z"
        shapes.append(
            Shape(f"{key}-plate-{sign}", "path", "exguide-figure__prop", camera.depth((prop.x, prop.y, z)), outline)
        )
    return shapes


def _prop_outline(prop: PlacedProp, frame: PlacedFigure) -> list[Vector]:
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


def _post_outline(prop: PlacedProp) -> list[Vector]:
    """The post a band is tied to, or the column a cable runs from, standing on the floor at its anchor."""
    assert prop.anchor is not None
    x, y, z = prop.anchor
    if prop.kind == "band":
        return _block(x, z, POST_HALF_WIDTH, POST_HALF_WIDTH, 0.0, y + 8)
    half = CABLE_COLUMN_HALF_WIDTH
    return _block(x, z, half, half, 0.0, CABLE_COLUMN_HEIGHT)


def _block(x: float, z: float, half_x: float, half_z: float, low: float, high: float) -> list[Vector]:
    return [(x + sx * half_x, y, z + sz * half_z) for sx in (-1, 1) for sz in (-1, 1) for y in (low, high)]


def _extremes(points: list[Vector], camera: Camera) -> tuple[Vector, Vector]:
    ordered = sorted(points, key=camera.depth)
    return ordered[0], ordered[-1]


def _hull(points: list[Point]) -> list[Point]:
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


def _middle(a: Vector, b: Vector) -> Vector:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def _centre(box: Box, camera: Camera, point: Vector) -> str:
    return box.point(camera.screen(point))


def _capsule(box: Box, a: tuple[float, ...], b: tuple[float, ...], start_radius: float, end_radius: float) -> str:
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
    return _CAPSULE % (
        sx, sy, bx + r1 * wx, by + r1 * wy, r1, r1, bx + r1 * vx, by + r1 * vy,
        ax + r0 * vx, ay + r0 * vy, r0, r0, sx, sy,
    )  # fmt: skip


_CAPSULE = "M%.1f %.1fL%.1f %.1fA%.1f %.1f 0 0 0 %.1f %.1fL%.1f %.1fA%.1f %.1f 0 1 0 %.1f %.1fZ"


def _ground(scene: PlacedFigure, camera: Camera, box: Box) -> Markup:
    """The floor under the figure, as far as the drawing reaches; a slope rises where the body faces."""
    left, right = box.left, box.left + box.width
    rise = scene.slope * camera.right[0]
    low = box.bottom
    corners = [(left, rise * left), (right, rise * right), (right, low), (left, low)]
    return Markup("M" + "L".join(box.point(p) for p in corners) + "Z")


class Layer(NamedTuple):
    """A shape with its values per frame when animated (empty for a still).

    Every value is numbers and path commands made here, so it is passed as path data, never escaped.
    """

    kind: str
    classes: Markup
    """Class names made here, never from data."""
    size: float
    geometry: PathData
    values: PathData


def _layer(shape: Shape, values: list[str]) -> Layer:
    """`values` is the shape's geometry in each frame drawn: one for a still."""
    first = values[0]
    animated = any(value != first for value in values)
    return Layer(
        shape.kind,
        _class_markup(shape.classes),
        round(shape.size, 1),
        PathData(first),
        PathData(";".join(values)) if animated else _NO_VALUES,
    )


_NO_VALUES = PathData("")


@functools.cache
def _class_markup(classes: str) -> Markup:
    """Class names are made here from a few constants, so each is marked safe once."""
    return Markup(classes)
