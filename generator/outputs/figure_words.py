"""Each figure's text alternative: sentences naming the view, the position, what works and what moves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.outputs.figures import Movement

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
