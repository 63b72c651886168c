"""Figures: an exercise's key positions drawn as SVG, still and animated, from its illustration data.

The body is posed in 3D (catalog.body), placed in its scene (catalog.poses) and seen through the camera
its illustration names (camera). Each frame is a set of shapes with a depth (figure_body for the body
and its working muscles, figure_props for the props, figure_shapes for the geometry they share); shapes
are drawn back to front, so near limbs cover far ones, and a shape that changes between frames is
animated. Colours come from CSS classes, so the palettes and print work. figure_words writes each
figure's text alternative.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from markupsafe import Markup

from generator.catalog.body import HEAD_RADIUS
from generator.catalog.poses import (
    PlacedFigure,
    PlacedProp,
    ResolvedPose,
    anchor_point,
    interpolate,
    place_figure,
    resolve_pose,
)
from generator.outputs.camera import CAMERAS, Camera, Point
from generator.outputs.figure_body import body_shapes, muscle_layer, muscle_shapes
from generator.outputs.figure_props import post_outline, prop_outline, prop_shapes
from generator.outputs.figure_shapes import Box, Seen, Shape, seen_by
from generator.outputs.figure_words import FigureWords, describe
from generator.outputs.markup import PathData, render_markup
from generator.outputs.messages import SOURCE_LANGUAGE, Messages
from generator.reading.models import Exercise, Illustration, Pose

MARGIN = 10.0
PART_REACH = 8.0
"""How far a body part reaches past its point: the thickest limb's radius."""
FRAMES = 3
"""Steps from start to end, eased (0, ¼, ¾, 1 of the way): enough for the animation, which the browser
smooths between them, and for the arrow's curve through them."""
SECONDS_PER_LOOP = 4


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
    messages: Messages = field(default_factory=lambda: Messages(SOURCE_LANGUAGE), compare=False)
    muscle_names: dict[str, str] = field(default_factory=dict, compare=False)
    """The muscles' names in the figures' language; without them, the ids' words (the data's own language)."""
    _bodies: dict[tuple[tuple[int, ...], bool], Markup] = field(default_factory=dict, repr=False, compare=False)
    _props_drawn: dict[tuple[int, PlacedProp], list[Shape]] = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def working_sides(self) -> tuple[str, ...]:
        sides = tuple(side for side in ("right", "left") if any(s.startswith(side) for s in self.illustration.working))
        return sides or ("right", "left")

    def muscle_words(self) -> list[str]:
        """The primary muscles as a sentence names them."""
        return [self.muscle_names.get(muscle, muscle.replace("-", " ")) for muscle in self.muscles]

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
            outline = prop_outline(prop, self.frames[0]) + (post_outline(prop) if prop.anchor is not None else [])
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

    @functools.cached_property
    def words(self) -> FigureWords:
        return describe(self, self.messages)

    def start_figure(self) -> Markup:
        """The start position with the arrow of the movement, as the exercise page and contact sheet show it."""
        title = self.messages._("%(exercise)s: start", exercise=self.name)
        return self.draw("start", [0], title, self.words.start, arrow=True)

    def end_figure(self) -> Markup:
        """The end position with the arrow of the movement."""
        title = self.messages._("%(exercise)s: end", exercise=self.name)
        return self.draw("end", [len(self.frames) - 1], title, self.words.end, arrow=True)

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
        """The arrow along the moving point's real path: a smooth curve through where it is in every frame."""
        point = self.illustration.arrow
        path = [self.camera.screen(frame.points[point]) for frame in self.frames]
        if math.dist(path[0], path[-1]) < 6 and max(math.dist(path[0], p) for p in path) < 8:
            return None
        return "M" + self.box.point(path[0]) + "".join(_curve_through(path, self.box))

    def travel(self) -> float:
        """How far the arrow's point moves on the page from start to end, at its furthest, in centimetres."""
        point = self.illustration.arrow
        path = [self.camera.screen(frame.points[point]) for frame in self.frames]
        return max(math.dist(path[0], p) for p in path)


def exercise_movement(
    exercise_id: str,
    exercise: Exercise,
    library: dict[str, Pose],
    messages: Messages | None = None,
    muscle_names: dict[str, str] | None = None,
) -> Movement | None:
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
    return Movement(
        exercise_id,
        exercise.name,
        illustration,
        exercise.muscles.primary,
        start,
        end,
        frames,
        camera,
        messages or Messages(SOURCE_LANGUAGE),
        muscle_names or {},
    )


def render_exercise_figures(
    exercise_id: str,
    exercise: Exercise,
    library: dict[str, Pose],
    messages: Messages | None = None,
    muscle_names: dict[str, str] | None = None,
) -> ExerciseFigures | None:
    """The figures of an exercise page; None when the exercise has no illustration."""
    movement = exercise_movement(exercise_id, exercise, library, messages, muscle_names)
    if movement is None:
        return None
    last, words = len(movement.frames) - 1, movement.messages
    return ExerciseFigures(
        start=movement.start_figure(),
        end=movement.end_figure(),
        animated=movement.draw(
            "animated",
            list(range(last + 1)),
            words._("%(exercise)s: the movement", exercise=movement.name),
            movement.words.movement,
            there_and_back=True,
        ),
        thumbnail=movement.draw("thumbnail", [last], style=_thumbnail_style()),
        thumbnail_size=movement.box.pixels,
    )


def render_print_figure(
    exercise_id: str,
    exercise: Exercise,
    library: dict[str, Pose],
    style: str,
    messages: Messages | None = None,
    muscle_names: dict[str, str] | None = None,
) -> Markup | None:
    """The end position with its arrow, styled from within for PDFs, where page CSS does not reach."""
    movement = exercise_movement(exercise_id, exercise, library, messages, muscle_names)
    if movement is None:
        return None
    return movement.draw("print", [len(movement.frames) - 1], movement.name, movement.words.movement, True, style)


@functools.cache
def _thumbnail_style() -> Markup:
    """The stylesheet a thumbnail carries: shipped with exguide, so trusted."""
    return Markup(resources.files("generator").joinpath("templates", "thumbnail.css").read_text(encoding="utf-8"))


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


def _curve_through(path: list[Point], box: Box) -> list[str]:
    """Cubic Bézier segments through every point of `path` (a Catmull-Rom spline, which passes through
    its points and turns no sharper than they do), each one's end named last."""
    ends = [path[0], *path, path[-1]]
    segments = []
    for before, a, b, after in zip(ends, ends[1:], ends[2:], ends[3:], strict=False):
        out = (a[0] + (b[0] - before[0]) / 6, a[1] + (b[1] - before[1]) / 6)
        into = (b[0] - (after[0] - a[0]) / 6, b[1] - (after[1] - a[1]) / 6)
        segments.append(f"C{box.point(out)} {box.point(into)} {box.point(b)}")
    return segments


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
