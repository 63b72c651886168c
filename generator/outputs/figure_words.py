"""Each figure's text alternative: sentences naming the view, the position, what works and what moves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.outputs.messages import N_, SOURCE_LANGUAGE, Messages

if TYPE_CHECKING:
    from generator.outputs.figures import Movement

SIDED_POINT_NAMES = {
    ("left", "shoulder"): N_("left shoulder"),
    ("left", "elbow"): N_("left elbow"),
    ("left", "wrist"): N_("left wrist"),
    ("left", "hand"): N_("left hand"),
    ("left", "hip"): N_("left hip"),
    ("left", "knee"): N_("left knee"),
    ("left", "ankle"): N_("left ankle"),
    ("left", "heel"): N_("left heel"),
    ("left", "midfoot"): N_("left foot"),
    ("left", "toe"): N_("left toe"),
    ("right", "shoulder"): N_("right shoulder"),
    ("right", "elbow"): N_("right elbow"),
    ("right", "wrist"): N_("right wrist"),
    ("right", "hand"): N_("right hand"),
    ("right", "hip"): N_("right hip"),
    ("right", "knee"): N_("right knee"),
    ("right", "ankle"): N_("right ankle"),
    ("right", "heel"): N_("right heel"),
    ("right", "midfoot"): N_("right foot"),
    ("right", "toe"): N_("right toe"),
}
"""The points of one side of the body an arrow can follow, as a sentence names them."""
POINT_NAMES = {
    "hip": N_("hips"),
    "shoulder": N_("shoulders"),
    "mid-back": N_("middle of the back"),
    "head": N_("head"),
    "neck": N_("neck"),
}
DIRECTIONS = ((N_("forward"), N_("back")), (N_("up"), N_("down")), (N_("to the right"), N_("to the left")))


@dataclass(frozen=True)
class FigureWords:
    start: str
    end: str
    movement: str


def describe(movement: Movement, messages: Messages | None = None) -> FigureWords:
    """Each figure's text alternative: sentences naming the view, the position, what works and what moves."""
    words = messages or Messages(SOURCE_LANGUAGE)
    view = words._(movement.camera.words)
    muscles = _listed(words, movement.muscle_words())
    working = (
        " "
        + words.ngettext(
            "The %(muscles)s does the work.", "The %(muscles)s do the work.", len(movement.muscles), muscles=muscles
        )
        if muscles
        else ""
    )
    moving = _motion_sentence(movement, words)
    start, end = _clause(movement.start.description), _clause(movement.end.description)
    return FigureWords(
        start=words._("The start, seen %(view)s: %(position)s.", view=view, position=start) + working,
        end=words._("The end, seen %(view)s: %(position)s.", view=view, position=end) + working,
        movement=words._(
            "Seen %(view)s, the body moves from the start (%(start)s) to the end (%(end)s) and back.",
            view=view,
            start=start,
            end=end,
        )
        + moving,
    )


def _clause(description: str) -> str:
    return description.strip().rstrip(".")


def _listed(words: Messages, items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return words._("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])


def _motion_sentence(movement: Movement, words: Messages) -> str:
    """Which way the arrow's point travels, in the body's own terms: up, forward, out to the right …"""
    point = movement.illustration.arrow
    start, end = movement.frames[0].points[point], movement.frames[-1].points[point]
    change = tuple(b - a for a, b in zip(start, end, strict=True))
    largest = max(abs(value) for value in change)
    if largest < 5:
        return ""
    directions = [
        words._(pair[0] if value > 0 else pair[1])
        for value, pair in zip(change, DIRECTIONS, strict=True)
        if abs(value) >= 0.4 * largest
    ]
    side, _, part = point.partition("-")
    named = SIDED_POINT_NAMES.get((side, part)) if part else POINT_NAMES.get(point)
    shown = words._(named) if named else point.replace("-", " ")
    return " " + words._(
        "The arrow follows the %(part)s as it moves %(directions)s.", part=shown, directions=_listed(words, directions)
    )
