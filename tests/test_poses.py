"""Poses: forward kinematics worked by hand, and the checks that keep a figure humanly possible."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import problems_for, replace_in

from generator.catalog.poses import body_points, check_placement, check_pose, place_figure, resolve_pose
from generator.reading.models import LimbAngles, Pose, Prop

STANDING = Pose(description="standing", trunk=0, support=["near-heel", "near-toe", "far-heel", "far-toe"])


def rounded(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 1), round(point[1], 1)


def test_standing_tall_by_hand() -> None:
    points = body_points(resolve_pose("standing", {"standing": STANDING}))
    # trunk 52 up from the hip; neck 9 and a head of radius 11 above the shoulder
    assert rounded(points["shoulder"]) == (0, 52)
    assert rounded(points["head"]) == (0, 72)
    # thigh 44 and shank 43 straight down; the sole 7 below the ankle, heel 5 behind, toes 19 ahead
    assert rounded(points["near-knee"]) == (0, -44)
    assert rounded(points["near-ankle"]) == (0, -87)
    assert rounded(points["near-heel"]) == (-5, -94)
    assert rounded(points["near-toe"]) == (19, -94)
    # upper arm 30, forearm 26 and hand 8 hang down from the shoulder
    assert rounded(points["near-hand"]) == (0, -12)


def test_placing_lifts_the_feet_onto_the_floor() -> None:
    figure = place_figure(resolve_pose("standing", {"standing": STANDING}), [])
    assert rounded(figure.points["hip"]) == (0, 94)
    assert rounded(figure.points["head"])[1] + 11 == 177
    assert check_placement(figure) == []


def test_angles_turn_the_limbs() -> None:
    hinge = STANDING.model_copy(update={"trunk": 90, "near": LimbAngles(hip=90, knee=90, shoulder=90, elbow=90)})
    points = body_points(resolve_pose("hinge", {"hinge": hinge}))
    assert rounded(points["shoulder"]) == (52, 0)  # the trunk leans fully forward
    assert rounded(points["near-knee"]) == (0, -44)  # hip flexed 90 against a level trunk: thigh still down
    assert rounded(points["near-ankle"]) == (-43, -44)  # knee bent 90: shank points back
    assert rounded(points["near-elbow"]) == (52, -30)  # shoulder flexed 90 against the trunk: arm down
    assert rounded(points["near-hand"]) == (86, -30)  # elbow bent 90: forearm and hand point forward


def test_joint_angles_beyond_human_range_are_named() -> None:
    pose = resolve_pose("odd", {"odd": STANDING.model_copy(update={"neck": 80, "near": LimbAngles(knee=175)})})
    assert check_pose(pose) == [
        ("neck", "80° is beyond a neck's range (-60 to 70°)"),
        ("near.knee", "175° is beyond a knee's range (0 to 160°)"),
    ]


def test_a_support_that_floats_and_a_body_inside_a_prop_are_found() -> None:
    floating = STANDING.model_copy(update={"support": ["near-heel", "head"]})
    assert check_placement(place_figure(resolve_pose("p", {"p": floating}), [])) == [
        "head should rest on the floor but is 155 cm above it"  # 166 up, less its 11 cm radius
    ]
    on_step = place_figure(resolve_pose("p", {"p": STANDING}), [Prop(kind="step", at="near-heel")])
    assert rounded(on_step.points["hip"]) == (0, 114)  # both feet stand on the 20 cm step, centred under them
    assert check_placement(on_step) == []
    on_step.points["far-knee"] = (7.0, 10.0)
    assert check_placement(on_step) == ["far-knee is inside the step"]


def test_pose_problems_in_exercise_data_point_at_the_field(data_dir: Path) -> None:
    path = data_dir / "exercises" / "bridge.yaml"
    replace_in(path, "end: bridge-top", "end: {pose: bridge-top, near: {knee: 175}}")
    replace_in(path, "start: supine-knees-bent", "start: supine-knees-bnet")
    assert problems_for(data_dir) == [
        "data/exercises/bridge.yaml:31:10: illustration.start: unknown pose 'supine-knees-bnet'"
        " (did you mean 'supine-knees-bent'?)",
        "data/exercises/bridge.yaml:32:8: illustration.end: near-heel should rest on the floor but is 32 cm above it"
        " (adjust the pose's angles)",
        "data/exercises/bridge.yaml:32:8: illustration.end: near-toe should rest on the floor but is 11 cm above it"
        " (adjust the pose's angles)",
        "data/exercises/bridge.yaml:32:40: illustration.end.near.knee: 175° is beyond a knee's range (0 to 160°)"
        " (change the angle)",
    ]


@pytest.mark.parametrize("kind", ["kettlebell", "band"])
def test_props_need_their_points(data_dir: Path, kind: str) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "- {kind: mat}", f"- {{kind: {kind}}}")
    problems = problems_for(data_dir)
    assert problems[0] == (
        f"data/exercises/bridge.yaml:36:7: illustration.props[0]: a {kind} needs 'at': the body point it belongs to"
        " (add it)"
    )
