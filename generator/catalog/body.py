"""The body in 3D: segment lengths, joint angles with their real degrees of freedom, forward kinematics.

Units are centimetres on a 175 cm adult; lengths are the Drillis and Contini proportions of height.
The body's own axes, standing: x forward, y up, z to the body's right. The world uses the same axes
before the body is turned, so a body lying on its back with the head to the left has `lean: -90`.
Angles are degrees; 0 everywhere is standing tall with the arms hanging and the feet forward.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import NamedTuple

HEIGHT = 175.0
TRUNK = 0.288 * HEIGHT
"""From the middle of the hip joints to the base of the neck, between the shoulders."""
LUMBAR = TRUNK / 2
"""From the hips to the mid-back; the thoracic spine takes the rest."""
NECK = 0.052 * HEIGHT
HEAD_RADIUS = 0.065 * HEIGHT
UPPER_ARM, FOREARM, HAND = 0.186 * HEIGHT, 0.146 * HEIGHT, 0.05 * HEIGHT
"""HAND runs from the wrist to the middle of the palm, the point a hand rests on."""
THIGH, SHANK = 0.245 * HEIGHT, 0.246 * HEIGHT
ANKLE_HEIGHT = 0.039 * HEIGHT
HEEL_BACK, TOE_FORWARD = 0.032 * HEIGHT, 0.12 * HEIGHT
SHOULDER_HALF_WIDTH = 0.106 * HEIGHT
"""From the spine to each shoulder joint: the shoulder breadth (0.259 of height) less the arm's
own half-thickness on each side."""
SHOULDER_DROP = 3.0
"""How far the shoulder joints sit below the base of the neck."""
HIP_HALF_WIDTH = 0.05 * HEIGHT
"""From the middle of the pelvis to each hip joint."""

SIDES = ("right", "left")

Vector = tuple[float, float, float]
Matrix = tuple[Vector, Vector, Vector]
"""A rotation as its three rows."""

IDENTITY: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


class TurnAngles(NamedTuple):
    """A ball joint (hip or shoulder): flex swings the limb forward (negative: back), abduct out to the
    side (negative: across the body), rotate turns it outwards about its own length (negative: inwards)."""

    flex: int = 0
    abduct: int = 0
    rotate: int = 0


class SpineAngles(NamedTuple):
    """One part of the spine: flex bends forward (negative: back), side bends towards the right side
    (negative: left), twist turns the part above to the right (negative: left)."""

    flex: int = 0
    side: int = 0
    twist: int = 0


class ScapulaAngles(NamedTuple):
    """Protract draws the shoulder forward round the ribs (negative: squeezes the blades together);
    elevate lifts it towards the ear (negative: draws it down)."""

    protract: int = 0
    elevate: int = 0


class PelvisAngles(NamedTuple):
    """Tilt turns the pelvis forward under a still trunk (negative: tucks it under); drop lowers its
    left side (negative: the right side), as when standing on one leg."""

    tilt: int = 0
    drop: int = 0


class NeckAngles(NamedTuple):
    """Flex nods the head forward (negative: back); turn looks to the right (negative: left)."""

    flex: int = 0
    turn: int = 0


class LimbAngles(NamedTuple):
    """One side's joints."""

    scapula: ScapulaAngles = ScapulaAngles()
    shoulder: TurnAngles = TurnAngles()
    elbow: int = 0
    hip: TurnAngles = TurnAngles()
    knee: int = 0
    ankle: int = 0
    """Positive lifts the toes towards the shin (dorsiflexion); negative points them."""


class BodyAngles(NamedTuple):
    """Every angle of one body position.

    lean, roll and turn place the whole body: lean tips it forward about its side-to-side axis (90 is
    face down, -90 on the back), roll tips it onto its right side (90 lies on the right side, -90 on
    the left), and turn faces it to the right when seen from above.
    """

    lean: int = 0
    roll: int = 0
    turn: int = 0
    pelvis: PelvisAngles = PelvisAngles()
    lumbar: SpineAngles = SpineAngles()
    thoracic: SpineAngles = SpineAngles()
    neck: NeckAngles = NeckAngles()
    right: LimbAngles = LimbAngles()
    left: LimbAngles = LimbAngles()


JOINT_RANGES: dict[str, tuple[int, int]] = {
    "pelvis.tilt": (-25, 25),
    "pelvis.drop": (-25, 25),
    "lumbar.flex": (-30, 60),
    "lumbar.side": (-25, 25),
    "lumbar.twist": (-15, 15),
    "thoracic.flex": (-25, 45),
    "thoracic.side": (-20, 20),
    "thoracic.twist": (-50, 50),
    "neck.flex": (-60, 70),
    "neck.turn": (-80, 80),
    "scapula.protract": (-25, 30),
    "scapula.elevate": (-10, 35),
    "shoulder.flex": (-70, 185),
    "shoulder.abduct": (-45, 185),
    "shoulder.rotate": (-90, 100),
    "elbow": (0, 155),
    "hip.flex": (-40, 140),
    "hip.abduct": (-30, 50),
    "hip.rotate": (-45, 60),
    "knee": (0, 160),
    "ankle": (-55, 40),
}
"""The range of each joint in degrees, a healthy adult's active range with a little to spare."""


def angle_values(angles: BodyAngles) -> list[tuple[str, int]]:
    """Every angle with the field path its range is checked under: `right.hip.flex`, `lumbar.twist`."""
    values: list[tuple[str, int]] = []
    for part in ("pelvis", "lumbar", "thoracic", "neck"):
        group = getattr(angles, part)
        values += [(f"{part}.{name}", value) for name, value in group._asdict().items()]
    for side in SIDES:
        limb: LimbAngles = getattr(angles, side)
        for joint in ("scapula", "shoulder", "hip"):
            group = getattr(limb, joint)
            values += [(f"{side}.{joint}.{name}", value) for name, value in group._asdict().items()]
        values += [(f"{side}.{joint}", getattr(limb, joint)) for joint in ("elbow", "knee", "ankle")]
    return values


def range_problems(angles: BodyAngles) -> list[tuple[str, str]]:
    """Angles a body cannot reach, as (field path, message) pairs."""
    problems = []
    for path, value in angle_values(angles):
        joint = path.split(".", 1)[1] if path.startswith(SIDES) else path
        low, high = JOINT_RANGES[joint]
        if not low <= value <= high:
            problems.append((path, f"{value}° is beyond the range of a {_joint_words(joint)} ({low} to {high}°)"))
    return problems


def _joint_words(joint: str) -> str:
    part, _, movement = joint.partition(".")
    return f"{part}'s {movement}" if movement else part


# Rotations. Each is a matrix acting on column vectors; `rotation_*` take whole degrees and are cached.


@functools.lru_cache(maxsize=8192)
def _rotation(axis: int, degrees: float) -> Matrix:
    if degrees == 0:
        return IDENTITY
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == 0:
        return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))
    if axis == 1:
        return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def multiply(a: Matrix, b: Matrix) -> Matrix:
    """The rotation b then a, written out: this is most of the work of drawing a figure."""
    (a00, a01, a02), (a10, a11, a12), (a20, a21, a22) = a
    (b00, b01, b02), (b10, b11, b12), (b20, b21, b22) = b
    return (
        (a00 * b00 + a01 * b10 + a02 * b20, a00 * b01 + a01 * b11 + a02 * b21, a00 * b02 + a01 * b12 + a02 * b22),
        (a10 * b00 + a11 * b10 + a12 * b20, a10 * b01 + a11 * b11 + a12 * b21, a10 * b02 + a11 * b12 + a12 * b22),
        (a20 * b00 + a21 * b10 + a22 * b20, a20 * b01 + a21 * b11 + a22 * b21, a20 * b02 + a21 * b12 + a22 * b22),
    )


def apply(matrix: Matrix, vector: Vector) -> Vector:
    x, y, z = vector
    (m00, m01, m02), (m10, m11, m12), (m20, m21, m22) = matrix
    return (m00 * x + m01 * y + m02 * z, m10 * x + m11 * y + m12 * z, m20 * x + m21 * y + m22 * z)


def add(a: Vector, b: Vector) -> Vector:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def chain(first: Matrix, *rest: Matrix) -> Matrix:
    """Rotations applied one after the other; most joint angles are 0, so no turn is skipped cheaply."""
    result = first
    for matrix in rest:
        if matrix is not IDENTITY:
            result = matrix if result is IDENTITY else multiply(result, matrix)
    return result


def forward(degrees: float) -> Matrix:
    """Tip the up axis towards the front: a lean, a trunk bending forward, a pelvis tilting forward."""
    return _rotation(2, -degrees)


def swing_forward(degrees: float) -> Matrix:
    """Swing a hanging limb (pointing down) towards the front: flexion of a hip, shoulder or elbow."""
    return _rotation(2, degrees)


def swing_out(degrees: float) -> Matrix:
    """Swing a hanging right limb out to the right: abduction (the left side is mirrored)."""
    return _rotation(0, -degrees)


def tip_right(degrees: float) -> Matrix:
    """Tip the up axis towards the right side: a roll, a side bend to the right."""
    return _rotation(0, degrees)


def turn_right(degrees: float) -> Matrix:
    """Turn about the up axis so the front faces more to the right."""
    return _rotation(1, -degrees)


def turn_out(degrees: float) -> Matrix:
    """Turn a right limb about its length so its front faces outwards: external rotation."""
    return _rotation(1, -degrees)


# Forward kinematics.


@dataclass(frozen=True)
class Posed:
    """Every named point of a posed body, with the middle of the hips at the origin, and the directions a
    figure needs: where the face looks, and each segment's frame for the muscles drawn on it."""

    points: dict[str, Vector]
    frames: dict[str, Matrix]
    """Each segment's rotation: `pelvis`, `lumbar`, `thoracic`, `head`, `right-thigh`, `left-forearm` …"""

    @property
    def face(self) -> Vector:
        return apply(self.frames["head"], (1.0, 0.0, 0.0))


def body_points(angles: BodyAngles) -> Posed:
    """Forward kinematics: place every joint from the middle of the hips outwards."""
    root = chain(turn_right(angles.turn), tip_right(angles.roll), forward(angles.lean))
    pelvis = chain(root, tip_right(-angles.pelvis.drop), forward(angles.pelvis.tilt))
    lumbar = chain(root, _spine(angles.lumbar))
    thoracic = chain(lumbar, _spine(angles.thoracic))
    head = chain(thoracic, forward(angles.neck.flex), turn_right(angles.neck.turn))
    hip_middle: Vector = (0.0, 0.0, 0.0)
    mid_back = apply(lumbar, (0.0, LUMBAR, 0.0))
    neck_base = add(mid_back, apply(thoracic, (0.0, TRUNK - LUMBAR, 0.0)))
    points: dict[str, Vector] = {
        "hip": hip_middle,
        "mid-back": mid_back,
        "shoulder": neck_base,
        "neck": add(neck_base, apply(head, (0.0, NECK, 0.0))),
        "head": add(neck_base, apply(head, (0.0, NECK + HEAD_RADIUS, 0.0))),
    }
    frames: dict[str, Matrix] = {"pelvis": pelvis, "lumbar": lumbar, "thoracic": thoracic, "head": head}
    for side in SIDES:
        limb: LimbAngles = getattr(angles, side)
        for placed_points, placed_frames in (_arm(side, limb, thoracic, neck_base), _leg(side, limb, pelvis)):
            points |= placed_points
            frames |= placed_frames
    return Posed(points, frames)


def _spine(angles: SpineAngles) -> Matrix:
    return chain(forward(angles.flex), tip_right(angles.side), turn_right(angles.twist))


def _ball_joint(side: str, turn: TurnAngles) -> Matrix:
    """A shoulder or hip: the limb swung forward, then out to the side, then turned about its length.

    The left side is the right one mirrored across the body's middle (z to -z), which keeps a forward
    swing as it is and reverses the turns about the other two axes: out to the left, turning outwards.
    """
    sign = 1 if side == "right" else -1
    return chain(swing_forward(turn.flex), swing_out(sign * turn.abduct), turn_out(sign * turn.rotate))


def _outward(side: str, vector: Vector) -> Vector:
    return vector if side == "right" else (vector[0], vector[1], -vector[2])


Placed = tuple[dict[str, Vector], dict[str, Matrix]]


def _arm(side: str, limb: LimbAngles, thoracic: Matrix, neck_base: Vector) -> Placed:
    protract, elevate = math.radians(limb.scapula.protract), math.radians(limb.scapula.elevate)
    offset = (
        SHOULDER_HALF_WIDTH * math.sin(protract),
        -SHOULDER_DROP + SHOULDER_HALF_WIDTH * math.sin(elevate),
        SHOULDER_HALF_WIDTH * math.cos(protract) * math.cos(elevate),
    )
    shoulder = add(neck_base, apply(thoracic, _outward(side, offset)))
    turn = limb.shoulder
    upper = chain(thoracic, _ball_joint(side, turn))
    lower = chain(upper, swing_forward(limb.elbow))
    elbow = add(shoulder, apply(upper, (0.0, -UPPER_ARM, 0.0)))
    wrist = add(elbow, apply(lower, (0.0, -FOREARM, 0.0)))
    points = {
        f"{side}-shoulder": shoulder,
        f"{side}-elbow": elbow,
        f"{side}-wrist": wrist,
        f"{side}-hand": add(wrist, apply(lower, (0.0, -HAND, 0.0))),
    }
    return points, {f"{side}-upper-arm": upper, f"{side}-forearm": lower}


def _leg(side: str, limb: LimbAngles, pelvis: Matrix) -> Placed:
    hip = apply(pelvis, _outward(side, (0.0, 0.0, HIP_HALF_WIDTH)))
    turn = limb.hip
    thigh = chain(pelvis, _ball_joint(side, turn))
    shank = chain(thigh, swing_forward(-limb.knee))
    foot = chain(shank, forward(-limb.ankle))
    knee = add(hip, apply(thigh, (0.0, -THIGH, 0.0)))
    ankle = add(knee, apply(shank, (0.0, -SHANK, 0.0)))
    sole = add(ankle, apply(foot, (0.0, -ANKLE_HEIGHT, 0.0)))
    points = {
        f"{side}-hip": hip,
        f"{side}-knee": knee,
        f"{side}-ankle": ankle,
        f"{side}-heel": add(sole, apply(foot, (-HEEL_BACK, 0.0, 0.0))),
        f"{side}-midfoot": add(sole, apply(foot, ((TOE_FORWARD - HEEL_BACK) / 2, 0.0, 0.0))),
        f"{side}-toe": add(sole, apply(foot, (TOE_FORWARD, 0.0, 0.0))),
    }
    return points, {f"{side}-thigh": thigh, f"{side}-shank": shank, f"{side}-foot": foot}
