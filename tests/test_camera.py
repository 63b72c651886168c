"""Cameras: each view puts the scene on the page as a reader standing there would see it."""

from __future__ import annotations

import math

import pytest

from generator.catalog.body import BodyAngles, body_points
from generator.outputs.camera import CAMERAS

POINT = (10.0, 20.0, 30.0)  # 10 forward, 20 up, 30 to the body's right
HALF = math.sqrt(0.5)


@pytest.mark.parametrize(
    ("view", "on_page", "depth"),
    [
        ("side", (10.0, 20.0), 30.0),  # from the body's right: forward is to the right of the page
        ("front", (-30.0, 20.0), 10.0),  # facing the body: its right is on the page's left
        ("back", (30.0, 20.0), -10.0),  # behind it: its right is on the page's right
        ("three-quarter", ((10 - 30) * HALF, 20.0), (10 + 30) * HALF),
        ("top", (10.0, -30.0), 20.0),  # from above: forward to the right, the body's right at the bottom
    ],
)
def test_each_view_projects_the_scene_as_seen_from_there(view: str, on_page: tuple[float, float], depth: float) -> None:
    camera = CAMERAS[view]
    x, y = camera.screen(POINT)
    assert (round(x, 6), round(y, 6)) == (round(on_page[0], 6), round(on_page[1], 6))
    assert round(camera.depth(POINT), 6) == round(depth, 6)


def test_the_near_shoulder_is_the_one_towards_the_reader() -> None:
    points = body_points(BodyAngles()).points
    side, back = CAMERAS["side"], CAMERAS["back"]
    assert side.depth(points["right-shoulder"]) > side.depth(points["left-shoulder"])
    assert back.depth(points["right-shoulder"]) == back.depth(points["left-shoulder"])
    front = CAMERAS["front"]
    assert front.screen(points["right-shoulder"])[0] < front.screen(points["left-shoulder"])[0]


def test_the_floor_shows_as_a_line_except_from_above() -> None:
    assert [view for view, camera in CAMERAS.items() if not camera.has_ground] == ["top"]
