"""Figures: an exercise's key positions drawn as SVG, still and animated, from its illustration data."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.markup import render_markup
from generator.models import Exercise, Illustration, Pose
from generator.poses import (
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


@dataclass(frozen=True)
class ExerciseFigures:
    """The SVGs an exercise page shows: its start and end positions, and the movement between them."""

    start: Markup
    end: Markup
    animated: Markup
    thumbnail: Markup
    """Decorative (its link names the exercise) and on one line, so it can sit in a table cell."""


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

    @property
    def working(self) -> str:
        return ", ".join(_segment_name(segment) for segment in self.illustration.working)

    def draw(
        self,
        kind: str,
        scenes: list[PlacedFigure],
        title: str = "",
        description: str = "",
        arrow: bool = False,
        style: str = "",
        there_and_back: bool = False,
    ) -> Markup:
        """One SVG of some of the frames: one frame is a still, several an animation.

        `there_and_back` plays the frames forwards then backwards, reusing the forward frames' drawing.
        """
        layers, props = _layers(scenes, self.illustration, self.box), _props(scenes, self.box)
        if there_and_back:
            for entry in layers + props:
                for key in ("d", "cx", "cy", "moves"):
                    if key in entry:
                        entry[key] = entry[key] + entry[key][-2::-1]
        return render_markup(
            "figure.svg.j2",
            one_line=kind == "thumbnail",
            uid=f"{self.exercise_id}-{kind}",
            kind=kind,
            title=title,
            description=description,
            box=self.box,
            layers=layers,
            props=props,
            ground=_ground(scenes[0], self.box),
            arrow=_arrow(self.frames, self.illustration.arrow, self.box) if arrow else None,
            duration=SECONDS_PER_LOOP,
            style=style,
        )


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
    first, last, name = movement.frames[0], movement.frames[-1], movement.name
    start, end, working = movement.start.description, movement.end.description, movement.working
    return ExerciseFigures(
        start=movement.draw("start", [first], f"{name}: start", f"Start: {start}. Working: {working}.", True),
        end=movement.draw("end", [last], f"{name}: end", f"End: {end}. Working: {working}.", True),
        animated=movement.draw(
            "animated",
            movement.frames,
            f"{name}: the movement",
            f"Moving from {start} to {end} and back, again and again.",
            there_and_back=True,
        ),
        thumbnail=movement.draw("thumbnail", [last]),
    )


def render_print_figure(exercise_id: str, exercise: Exercise, library: dict[str, Pose], style: str) -> Markup | None:
    """The end position with its arrow, styled from within for PDFs, where page CSS does not reach."""
    movement = exercise_movement(exercise_id, exercise, library)
    if movement is None:
        return None
    description = f"From {movement.start.description} to {movement.end.description}. Working: {movement.working}."
    return movement.draw("print", [movement.frames[-1]], movement.name, description, True, style)


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


def _layers(scenes: list[PlacedFigure], illustration: Illustration, box: Box) -> list[dict[str, Any]]:
    """The body as strokes, back to front: far limbs, then trunk, neck and head, then near limbs."""
    working: set[str] = set(illustration.working)
    layers: list[dict[str, Any]] = []
    for side in ("far", "near"):
        for part, (through, width) in LIMBS.items():
            points = tuple(name.format(side=side) for name in through)
            layers.append(_stroke(scenes, f"{side}-{part}", side, width, working, points, box))
        if side == "far":
            layers.append(_stroke(scenes, "trunk", "body", 15, working, ("hip", "shoulder"), box))
            layers.append(_stroke(scenes, "neck", "body", 6, working, ("shoulder", "neck"), box))
            layers.append(
                {
                    "shape": "head",
                    "class": _classes("head", "body", working),
                    "cx": [box.x(scene.points["head"][0]) for scene in scenes],
                    "cy": [box.y(scene.points["head"][1]) for scene in scenes],
                    "r": HEAD_RADIUS,
                }
            )
    return layers


def _stroke(
    scenes: list[PlacedFigure],
    segment: str,
    side: str,
    width: int,
    working: set[str],
    through: tuple[str, ...],
    box: Box,
) -> dict[str, Any]:
    return {
        "shape": "stroke",
        "class": _classes(segment, side, working),
        "width": width,
        "d": [_path(box, *(scene.points[name] for name in through)) for scene in scenes],
    }


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
            entry |= {
                "d": [_path(box, (s.props[index].x, s.props[index].y), s.props[index].to or (0, 0)) for s in scenes]
            }
        drawn.append(entry)
    return drawn


def _ground(scene: PlacedFigure, box: Box) -> str:
    left, right = box.left, box.left + box.width
    low = box.bottom
    return _path(box, (left, scene.ground(left)), (right, scene.ground(right)), (right, low), (left, low)) + "Z"


def _arrow(frames: list[PlacedFigure], point: str, box: Box) -> str | None:
    """An arrow along the point's real path: a curve from start to end through where it is mid-way."""
    (x0, y0), (xm, ym), (x1, y1) = (frames[i].points[point] for i in (0, len(frames) // 2, -1))
    if math.dist((x0, y0), (x1, y1)) < 6:
        return None
    control_x, control_y = 2 * xm - (x0 + x1) / 2, 2 * ym - (y0 + y1) / 2
    return f"M{box.x(x0)} {box.y(y0)}Q{box.x(control_x)} {box.y(control_y)} {box.x(x1)} {box.y(y1)}"
