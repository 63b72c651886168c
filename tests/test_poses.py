"""Poses: 3D forward kinematics worked by hand, and the checks that keep a figure humanly possible.

Hand-worked numbers use the body's lengths (Drillis and Contini, 175 cm): trunk 50.4 from the middle of
the hips to the base of the neck, thigh 42.9, shank 43.1, ankle 6.8 above the sole, hip joints 8.75
either side of the middle, shoulder joints 18.55 either side and 3 below the base of the neck.
x is forward, y up, z to the body's right.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from helpers import problems_for, replace_in

from generator.catalog.body import (
    HIP_HALF_WIDTH,
    SHANK,
    THIGH,
    TRUNK,
    BodyAngles,
    LimbAngles,
    PelvisAngles,
    SpineAngles,
    TurnAngles,
    body_points,
)
from generator.catalog.poses import check_placement, check_pose, place_figure, resolve_pose
from generator.reading.models import Pose, Prop

STANDING = Pose(description="standing", support=["right-heel", "right-toe", "left-heel", "left-toe"])


def at(angles: BodyAngles, point: str) -> tuple[float, float, float]:
    x, y, z = body_points(angles).points[point]
    return round(x, 1), round(y, 1), round(z, 1)


def test_standing_tall_by_hand() -> None:
    standing = BodyAngles()
    assert at(standing, "shoulder") == (0, 50.4, 0)
    assert at(standing, "head") == (0, 50.4 + 9.1 + 11.4, 0)  # neck 9.1 and a head of radius 11.4 above it
    assert at(standing, "right-shoulder") == (0, 47.4, 18.6)
    assert at(standing, "left-hip") == (0, 0, -8.8)
    assert at(standing, "right-knee") == (0, -42.9, 8.8)
    assert at(standing, "right-ankle") == (0, -85.9, 8.8)
    assert at(standing, "right-heel") == (-5.6, -92.8, 8.8)  # the sole 6.8 below the ankle, the heel 5.6 behind
    assert at(standing, "right-toe") == (21.0, -92.8, 8.8)  # and the toes 21 ahead
    assert at(standing, "left-hand") == (0, -19.4, -18.6)  # 47.4 less the arm: 32.55 + 25.55 + 8.75


def test_the_hip_moves_in_all_three_planes() -> None:
    out = BodyAngles(right=LimbAngles(hip=TurnAngles(abduct=90)))
    assert at(out, "right-knee") == (0, 0, round(HIP_HALF_WIDTH + THIGH, 1))  # thigh straight out to the side
    across = BodyAngles(left=LimbAngles(hip=TurnAngles(abduct=30)))
    assert at(across, "left-knee") == (0, round(-THIGH * math.cos(math.radians(30)), 1), -30.2)  # 8.75 + 42.9 sin 30
    # Hip and knee bent to right angles, the thigh turned out 90°: the shin points across the body, as in a
    # figure-four stretch.
    figure_four = BodyAngles(right=LimbAngles(hip=TurnAngles(flex=90, rotate=90), knee=90))
    assert at(figure_four, "right-knee") == (42.9, 0, 8.8)
    assert at(figure_four, "right-ankle") == (42.9, 0, round(HIP_HALF_WIDTH - SHANK, 1))


def test_a_pelvic_drop_lowers_one_side_and_carries_the_legs() -> None:
    dropped = BodyAngles(pelvis=PelvisAngles(drop=20))
    sine, cosine = math.sin(math.radians(20)), math.cos(math.radians(20))
    assert at(dropped, "left-hip") == (0, round(-HIP_HALF_WIDTH * sine, 1), round(-HIP_HALF_WIDTH * cosine, 1))
    assert at(dropped, "right-hip") == (0, round(HIP_HALF_WIDTH * sine, 1), round(HIP_HALF_WIDTH * cosine, 1))
    assert at(dropped, "shoulder") == (0, 50.4, 0)  # the trunk stays upright over a dropping pelvis
    # Standing straight on the right leg (hip drawn in 20°) while the left side drops: the right leg stays
    # upright and the left foot ends lower than the right.
    on_one_leg = dropped._replace(right=LimbAngles(hip=TurnAngles(abduct=-20)))
    right_ankle = at(on_one_leg, "right-ankle")
    assert right_ankle[2] == round(HIP_HALF_WIDTH * cosine, 1)
    assert at(on_one_leg, "left-hip")[1] < 0 < at(on_one_leg, "right-hip")[1]


def test_the_trunk_leans_rolls_bends_and_twists() -> None:
    assert at(BodyAngles(lean=90), "shoulder") == (50.4, 0, 0)  # leaning fully forward
    assert at(BodyAngles(lean=-90), "head")[0] < -60  # lying on the back, head to the left
    lying_on_the_right_side = BodyAngles(roll=90)
    assert at(lying_on_the_right_side, "shoulder") == (0, 0, 50.4)
    assert at(lying_on_the_right_side, "right-hip")[1] == round(-HIP_HALF_WIDTH, 1)  # the right side is down
    twisted = BodyAngles(thoracic=SpineAngles(twist=90))
    assert at(twisted, "right-shoulder") == (-18.6, 47.4, 0)  # shoulders turned to the right: right one back
    bent = BodyAngles(lumbar=SpineAngles(side=90), thoracic=SpineAngles(side=0))
    assert at(bent, "shoulder") == (0, 0, TRUNK)


def test_the_shoulder_rotates_so_the_forearm_points_up() -> None:
    """The wall slide's start: upper arm out to the side, elbow bent, turned out so the hand points up."""
    w = BodyAngles(right=LimbAngles(shoulder=TurnAngles(abduct=90, rotate=90), elbow=90))
    elbow, wrist = at(w, "right-elbow"), at(w, "right-wrist")
    assert elbow == (0, 47.4, 51.1)  # 18.55 + 32.55
    assert wrist == (0, 72.9, elbow[2])  # 47.35 + 25.55


def test_placing_lifts_the_feet_onto_the_floor() -> None:
    figure = place_figure(resolve_pose("standing", {"standing": STANDING}), [])
    assert round(figure.points["hip"][1], 1) == 92.8
    assert round(figure.points["head"][1] + 11.4) == 175
    assert check_placement(figure) == []


def test_joint_angles_beyond_human_range_are_named() -> None:
    odd = Pose.model_validate({"description": "odd", "neck": 80, "right": {"knee": 175}, "support": ["head"]})
    assert check_pose(resolve_pose("odd", {"odd": odd})) == [
        ("neck.flex", "80° is beyond the range of a neck's flex (-60 to 70°)"),
        ("right.knee", "175° is beyond the range of a knee (0 to 160°)"),
    ]


def test_a_support_that_floats_and_a_body_inside_a_prop_are_found() -> None:
    floating = STANDING.model_copy(update={"support": ["right-heel", "head"]})
    assert check_placement(place_figure(resolve_pose("p", {"p": floating}), [])) == [
        "head should rest on the floor but is 152 cm above it"
    ]
    on_step = place_figure(resolve_pose("p", {"p": STANDING}), [Prop(kind="step", at="right-heel")])
    assert round(on_step.points["hip"][1], 1) == 112.8  # the right foot stands on the 20 cm step
    assert "left-heel should rest on the floor but is 20 cm above it" in check_placement(on_step)
    on_step.points["right-knee"] = (8.0, 10.0, 20.0)
    assert "right-knee is inside the step" in check_placement(on_step)


def test_pose_problems_in_exercise_data_point_at_the_field(data_dir: Path) -> None:
    path = data_dir / "exercises" / "bridge.yaml"
    replace_in(path, "end: bridge-top", "end: {pose: bridge-top, right: {knee: 175}}")
    replace_in(path, "start: supine-knees-bent", "start: supine-knees-bnet")
    problems = problems_for(data_dir)
    assert problems[0] == (
        "data/exercises/bridge.yaml:31:10: illustration.start: unknown pose 'supine-knees-bnet'"
        " (did you mean 'supine-knees-bent'?)"
    )
    assert problems[-1] == (
        "data/exercises/bridge.yaml:32:41: illustration.end.right.knee: 175° is beyond the range of a knee"
        " (0 to 160°) (change the angle)"
    )
    assert any("illustration.end: right-heel should rest on the floor" in line for line in problems)


@pytest.mark.parametrize("kind", ["kettlebell", "band"])
def test_props_need_their_points(data_dir: Path, kind: str) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "- {kind: mat}", f"- {{kind: {kind}}}")
    problems = problems_for(data_dir)
    assert problems[0] == (
        f"data/exercises/bridge.yaml:36:7: illustration.props[0]: a {kind} needs 'at': the body point it belongs to"
        " (add it)"
    )


@pytest.mark.parametrize(
    ("prop", "problem"),
    [
        ("{kind: band, at: right-knee}", "illustration.props[0]: a band needs one other end: 'to' (a body point)"
         " or 'anchor' (a post) (give one of them)"),
        ("{kind: band, at: right-knee, to: left-knee, anchor: {ahead: 50, up: 10}}",
         "illustration.props[0]: a band needs one other end"),
        ("{kind: step, at: right-heel, anchor: {ahead: 50, up: 10}}",
         "illustration.props[0].anchor: a step is not tied to anything (remove 'anchor')"),
        ("{kind: kettlebell, at: right-hand, to: left-hand}",
         "illustration.props[0].to: a kettlebell has no other end (remove 'to')"),
    ],
)  # fmt: skip
def test_a_band_or_cable_is_tied_to_one_other_end(data_dir: Path, prop: str, problem: str) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "- {kind: mat}", f"- {prop}")
    assert any(problem in line for line in problems_for(data_dir)), problems_for(data_dir)


def test_an_anchor_out_of_reach_is_a_problem_at_its_line(data_dir: Path) -> None:
    replace_in(
        data_dir / "exercises" / "bridge.yaml", "- {kind: mat}", "- {kind: band, at: hip, anchor: {ahead: 900, up: 10}}"
    )
    assert any(
        line.startswith("data/exercises/bridge.yaml:36:") and "illustration.props[0].anchor.ahead" in line
        for line in problems_for(data_dir)
    ), problems_for(data_dir)
