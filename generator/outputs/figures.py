"""Figures: an exercise's key positions drawn as SVG, still and animated, from its illustration data."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

from markupsafe import Markup

from generator.catalog.poses import (
    HEAD_RADIUS,
    PLATFORMS,
    ROUND,
    PlacedFigure,
    Point,
    ResolvedPose,
    anchor_point,
    interpolate,
    place_figure,
    resolve_pose,
)
from generator.outputs.markup import render_markup
from generator.reading.models import Exercise, Illustration, Pose

MARGIN = 12.0
FRAMES = 8
SECONDS_PER_LOOP = 4
LIMBS = {
    "upper-arm": (("shoulder", "{side}-elbow"), 7),
    "forearm": (("{side}-elbow", "{side}-hand"), 6),
    "thigh": (("hip", "{side}-knee"), 12),
    "shank": (("{side}-knee", "{side}-ankle"), 9),
    "foot": (("{side}-heel", "{side}-ankle", "{side}-toe"), 5),
}
"""Each limb: the points its stroke runs through, and its width in centimetres."""
SEGMENT_NAMES = {
    "head": "head",
    "trunk": "trunk",
    "upper-arm": "upper arm",
    "forearm": "forearm",
    "thigh": "thigh",
    "shank": "lower leg",
    "foot": "foot",
}


def _layer_order() -> list[tuple[str, str, int | None, tuple[str, ...]]]:
    """The body's layers back to front: far limbs, then trunk, neck and head, then near limbs.

    Each is (segment, side, stroke width or None for the head, the points it runs through).
    """
    order: list[tuple[str, str, int | None, tuple[str, ...]]] = []
    for side in ("far", "near"):
        for part, (through, width) in LIMBS.items():
            order.append((f"{side}-{part}", side, width, tuple(name.format(side=side) for name in through)))
        if side == "far":
            order += [
                ("trunk", "body", 15, ("hip", "shoulder")),
                ("neck", "body", 6, ("shoulder", "neck")),
                ("head", "body", None, ("head",)),
            ]
    return order


LAYERS = _layer_order()


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
    """An exercise's movement placed in its scene: frames from start to end, and the box that holds them all."""

    exercise_id: str
    name: str
    illustration: Illustration
    start: ResolvedPose
    end: ResolvedPose
    frames: list[PlacedFigure]
    box: Box
    _bodies: dict[tuple[tuple[int, ...], bool], Markup] = field(default_factory=dict, repr=False, compare=False)

    @property
    def working(self) -> str:
        return ", ".join(_segment_name(segment) for segment in self.illustration.working)

    @functools.cached_property
    def _drawn(self) -> list[tuple[str, ...]]:
        """Each frame's layers as SVG numbers (path data, or a head's centre), worked out once per movement."""
        return [_draw_frame(frame, self.box) for frame in self.frames]

    @functools.cached_property
    def _layer_classes(self) -> list[str]:
        working: set[str] = set(self.illustration.working)
        return [Markup(_classes(segment, side, working)) for segment, side, _, _ in LAYERS]

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
            arrow=_arrow(self.frames, self.illustration.arrow, self.box) if arrow else None,
            style=style,
        )

    def _body(self, frame_numbers: tuple[int, ...], there_and_back: bool) -> Markup:
        """The ground, props and body of some frames; figures of the same frames share one drawing."""
        key = (frame_numbers, there_and_back)
        if key not in self._bodies:
            if there_and_back:
                frame_numbers = frame_numbers + frame_numbers[-2::-1]
            drawn = [self._drawn[number] for number in frame_numbers]
            scenes = [self.frames[number] for number in frame_numbers]
            self._bodies[key] = render_markup(
                "figure_body.svg.j2",
                geometry=True,
                layers=_layers(drawn, self._layer_classes),
                props=_props(scenes, self.box),
                ground=_ground(scenes[0], self.box),
                duration=SECONDS_PER_LOOP,
            )
        return self._bodies[key]


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
    return Movement(exercise_id, exercise.name, illustration, start, end, frames, _view_box(frames))


def render_exercise_figures(exercise_id: str, exercise: Exercise, library: dict[str, Pose]) -> ExerciseFigures | None:
    """The figures of an exercise page; None when the exercise has no illustration."""
    movement = exercise_movement(exercise_id, exercise, library)
    if movement is None:
        return None
    last, name = len(movement.frames) - 1, movement.name
    start, end, working = movement.start.description, movement.end.description, movement.working
    return ExerciseFigures(
        start=movement.draw("start", [0], f"{name}: start", f"Start: {start}. Working: {working}.", True),
        end=movement.draw("end", [last], f"{name}: end", f"End: {end}. Working: {working}.", True),
        animated=movement.draw(
            "animated",
            list(range(len(movement.frames))),
            f"{name}: the movement",
            f"Moving from {start} to {end} and back, again and again.",
            there_and_back=True,
        ),
        thumbnail=movement.draw("thumbnail", [last], style=_thumbnail_style()),
        thumbnail_size=movement.box.pixels,
    )


@functools.cache
def _thumbnail_style() -> Markup:
    """The stylesheet a thumbnail carries: shipped with exguide, so trusted."""
    return Markup(resources.files("generator").joinpath("templates", "thumbnail.css").read_text(encoding="utf-8"))


def render_print_figure(exercise_id: str, exercise: Exercise, library: dict[str, Pose], style: str) -> Markup | None:
    """The end position with its arrow, styled from within for PDFs, where page CSS does not reach."""
    movement = exercise_movement(exercise_id, exercise, library)
    if movement is None:
        return None
    description = f"From {movement.start.description} to {movement.end.description}. Working: {movement.working}."
    return movement.draw("print", [len(movement.frames) - 1], movement.name, description, True, style)


def _segment_name(segment: str) -> str:
    side, _, part = segment.partition("-")
    if side in {"near", "far"}:
        return f"{SEGMENT_NAMES[part]} ({side} side)"
    return SEGMENT_NAMES[segment]


@dataclass(frozen=True)
class Box:
    """The drawing's extent in scene centimetres; SVG y grows downwards, so y is flipped."""

    left: float
    bottom: float
    width: float
    height: float

    @property
    def pixels(self) -> tuple[int, int]:
        """The drawing's size on screen, as its width and height attributes give it."""
        return round(self.width * 1.6), round(self.height * 1.6)

    def x(self, value: float) -> float:
        return round(value - self.left, 1)

    def y(self, value: float) -> float:
        return round(self.bottom + self.height - value, 1)


def _view_box(frames: list[PlacedFigure]) -> Box:
    xs = [x for frame in frames for x, _ in frame.points.values()]
    ys = [y for frame in frames for _, y in frame.points.values()] + [0.0]
    for frame in frames:
        for prop in frame.props:
            xs += [prop.x - 25, prop.x + 25]
            ys.append(prop.y + 25)
    left, right = min(xs) - MARGIN, max(xs) + MARGIN
    bottom, top = min(ys) - MARGIN, max(ys) + HEAD_RADIUS + MARGIN
    return Box(round(left, 1), round(bottom, 1), round(right - left, 1), round(top - bottom, 1))


def _path(box: Box, *points: Point) -> str:
    first, *rest = points
    return f"M{box.x(first[0])} {box.y(first[1])}" + "".join(f"L{box.x(x)} {box.y(y)}" for x, y in rest)


def _frame_format() -> tuple[str, tuple[str, ...]]:
    """One printf format for a whole frame's layers, separated by NUL, and the points it takes in order:
    a stroke's path data "Mx yLx y…", or the head's centre "cx cy"."""
    parts: list[str] = []
    names: list[str] = []
    for _, _, width, through in LAYERS:
        parts.append("%.1f %.1f" if width is None else "M" + "L".join("%.1f %.1f" for _ in through))
        names += through[:1] if width is None else through
    return "\0".join(parts), tuple(names)


_FRAME_FORMAT, _FRAME_POINTS = _frame_format()


def _draw_frame(frame: PlacedFigure, box: Box) -> tuple[str, ...]:
    """One frame's layers in drawing order: a stroke's path data, or the head's centre as "cx cy"."""
    left, top = box.left, box.bottom + box.height
    points = frame.points
    coordinates: list[float] = []
    for name in _FRAME_POINTS:
        x, y = points[name]
        coordinates += (x - left, top - y)
    return tuple((_FRAME_FORMAT % tuple(coordinates)).split("\0"))


def _values(frames: Sequence[str]) -> str:
    """An animation's values, one per frame; empty for a still."""
    return ";".join(frames) if len(frames) > 1 else ""


class Layer(NamedTuple):
    """A stroke or the head, with its values per frame when animated (empty for a still).

    Every value is numbers and spaces made here, so it is marked safe rather than escaped.
    """

    shape: str
    classes: str
    size: float
    """A stroke's width, or the head's radius."""
    d: Markup = Markup("")
    d_values: Markup = Markup("")
    cx: Markup = Markup("")
    cy: Markup = Markup("")
    cx_values: Markup = Markup("")
    cy_values: Markup = Markup("")


def _layers(drawn: list[tuple[str, ...]], classes: list[str]) -> list[Layer]:
    """The body as strokes and a head, back to front."""
    layers: list[Layer] = []
    for (_, _, width, _), per_frame, layer_classes in zip(LAYERS, zip(*drawn, strict=True), classes, strict=True):
        if width is None:
            xs, ys = zip(*(centre.split(" ") for centre in per_frame), strict=True)
            layers.append(
                Layer(
                    "head",
                    layer_classes,
                    HEAD_RADIUS,
                    cx=Markup(xs[0]),
                    cy=Markup(ys[0]),
                    cx_values=Markup(_values(xs)),
                    cy_values=Markup(_values(ys)),
                )
            )
        else:
            layers.append(Layer("stroke", layer_classes, width, Markup(per_frame[0]), Markup(_values(per_frame))))
    return layers


def _classes(segment: str, side: str, working: set[str]) -> str:
    classes = f"exguide-figure__part exguide-figure__part--{side}"
    return classes + " exguide-figure__part--working" if segment in working else classes


def _props(scenes: list[PlacedFigure], box: Box) -> list[dict[str, Any]]:
    """Props in scene order; those held in the hands move with them."""
    drawn: list[dict[str, Any]] = []
    first = scenes[0]
    for index, prop in enumerate(first.props):
        moves = [(box.x(scene.props[index].x), box.y(scene.props[index].y)) for scene in scenes]
        entry: dict[str, Any] = {"kind": prop.kind, "x": moves[0][0], "y": moves[0][1], "moves": moves}
        if prop.kind in PLATFORMS:
            height, half = PLATFORMS[prop.kind]
            entry |= {"x": box.x(prop.x - half), "y": box.y(height), "width": 2 * half, "height": height}
        elif prop.kind in ROUND:
            radius = ROUND[prop.kind]
            entry |= {"x": box.x(prop.x), "y": box.y(radius), "r": radius}
        elif prop.kind == "mat":
            xs = [x for x, _ in first.points.values()]
            entry |= {"x": box.x(min(xs) - 8), "y": box.y(1.5), "width": round(max(xs) - min(xs) + 16, 1)}
        elif prop.kind == "wall":
            toward = 1 if prop.x >= first.points["hip"][0] else -1
            entry |= {"x": box.x(prop.x + (0 if toward > 0 else -6)), "y": 0, "height": box.y(box.bottom)}
        elif prop.kind == "band" and prop.to is not None:
            paths = [_path(box, (s.props[index].x, s.props[index].y), s.props[index].to or (0, 0)) for s in scenes]
            entry |= {"d": Markup(paths[0]), "d_values": Markup(_values(paths))}
        drawn.append(entry)
    return drawn


def _ground(scene: PlacedFigure, box: Box) -> Markup:
    left, right = box.left, box.left + box.width
    low = box.bottom
    return Markup(_path(box, (left, scene.ground(left)), (right, scene.ground(right)), (right, low), (left, low)) + "Z")


def _arrow(frames: list[PlacedFigure], point: str, box: Box) -> str | None:
    """An arrow along the point's real path: a curve from start to end through where it is mid-way."""
    (x0, y0), (xm, ym), (x1, y1) = (frames[i].points[point] for i in (0, len(frames) // 2, -1))
    if math.dist((x0, y0), (x1, y1)) < 6:
        return None
    control_x, control_y = 2 * xm - (x0 + x1) / 2, 2 * ym - (y0 + y1) / 2
    return f"M{box.x(x0)} {box.y(y0)}Q{box.x(control_x)} {box.y(control_y)} {box.x(x1)} {box.y(y1)}"
