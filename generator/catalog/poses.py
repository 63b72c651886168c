"""Poses: resolve named positions into body angles, place the body in its scene, and check it is possible.

The body's kinematics are in `body`. Here a pose from the data becomes `BodyAngles`, the posed body is
put on the floor or its props, and what no body could do is reported: a joint past its range, a part
in the floor or inside a prop, a support that does not touch what it rests on. Units are centimetres;
y points up and the floor is y = 0 (or rises with a slope along x).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator.catalog.body import (
    HEAD_RADIUS,
    BodyAngles,
    LimbAngles,
    Matrix,
    TurnAngles,
    Vector,
    body_points,
    range_problems,
)
from generator.errors import did_you_mean
from generator.reading.models import BallJoint, Illustration, Limb, Pose, PoseChange, Prop

PLATFORMS: dict[str, tuple[float, float, float]] = {"step": (20.0, 15.0, 22.0), "bench": (42.0, 20.0, 55.0)}
"""Props that carry the body on a flat top: (height, half its size front to back, half its size side to side)."""
BALL_RADIUS = 30.0
ROLLER_RADIUS, ROLLER_HALF_LENGTH = 7.5, 45.0
STEP_EDGE_INSIDE = 6.0
"""A step or bench under one foot reaches this far inside that foot and on outwards, so the other leg
can hang beside it."""
ROUND: dict[str, float] = {"stability-ball": BALL_RADIUS, "foam-roller": ROLLER_RADIUS}
CONTACT_TOLERANCE = 4.0
THICKNESS: dict[str, float] = {"hip": 9.0, "shoulder": 8.0, "mid-back": 9.0, "neck": 5.0, "head": HEAD_RADIUS}
"""How far a point sits above whatever it rests on: the body's half-thickness there."""
THICKNESS |= {
    f"{side}-{part}": depth
    for side in ("right", "left")
    for part, depth in (("shoulder", 5.0), ("hip", 11.0), ("knee", 5.0), ("elbow", 4.0), ("wrist", 2.0), ("hand", 2.0))
}


def thickness(point: str) -> float:
    return THICKNESS.get(point, 0.0)


class ResolvedPose(NamedTuple):
    """A pose with every angle known: a named pose with an exercise's changes applied."""

    description: str
    angles: BodyAngles
    support: list[str]


def resolve_pose(reference: str | PoseChange, library: dict[str, Pose]) -> ResolvedPose:
    """Apply an exercise's changes to a named pose (the caller has checked the name exists)."""
    name = reference if isinstance(reference, str) else reference.pose
    base = library[name]
    angles = apply_pose_data(BodyAngles(), base)
    if isinstance(reference, str):
        return ResolvedPose(base.description, angles, list(base.support))
    return ResolvedPose(
        reference.description or base.description,
        apply_pose_data(angles, reference),
        list(reference.support if reference.support is not None else base.support),
    )


def apply_pose_data(angles: BodyAngles, data: Pose | PoseChange) -> BodyAngles:
    """The angles with every one the data gives replaced; what it leaves out stays as it was."""
    neck = data.neck
    neck_angles = angles.neck._replace(flex=neck) if isinstance(neck, int) else _merged(angles.neck, neck)
    return BodyAngles(
        lean=angles.lean if data.lean is None else data.lean,
        roll=angles.roll if data.roll is None else data.roll,
        turn=angles.turn if data.turn is None else data.turn,
        pelvis=_merged(angles.pelvis, data.pelvis),
        lumbar=_merged(angles.lumbar, data.lumbar),
        thoracic=_merged(angles.thoracic, data.thoracic),
        neck=neck_angles,
        right=_limb(angles.right, data.right),
        left=_limb(angles.left, data.left),
    )


def _merged(base: Any, data: Any) -> Any:
    """A named tuple of angles with those the data gives (not None) put in."""
    if data is None:
        return base
    given = {name: value for name in base._fields if (value := getattr(data, name)) is not None}
    return base._replace(**given) if given else base


def _limb(base: LimbAngles, data: Limb) -> LimbAngles:
    return LimbAngles(
        scapula=_merged(base.scapula, data.scapula),
        shoulder=_ball(base.shoulder, data.shoulder),
        elbow=base.elbow if data.elbow is None else data.elbow,
        hip=_ball(base.hip, data.hip),
        knee=base.knee if data.knee is None else data.knee,
        ankle=base.ankle if data.ankle is None else data.ankle,
    )


def _ball(base: TurnAngles, data: int | BallJoint | None) -> TurnAngles:
    if data is None:
        return base
    if isinstance(data, int):
        return base._replace(flex=data)
    merged: TurnAngles = _merged(base, data)
    return merged


def interpolate(start: ResolvedPose, end: ResolvedPose, t: float) -> ResolvedPose:
    """A pose part-way between two, angle by angle, so limbs keep their length in between."""
    if t <= 0 or t >= 1:
        return start if t <= 0 else end
    chosen = start if t < 0.5 else end
    return ResolvedPose(chosen.description, _mix(start.angles, end.angles, t), chosen.support)


def _mix(a: BodyAngles, b: BodyAngles, t: float) -> BodyAngles:
    def angle(x: int, y: int) -> int:
        return round(x + (y - x) * t)

    def group(x: Any, y: Any) -> Any:
        return type(x)(*map(angle, x, y))

    def limb(x: LimbAngles, y: LimbAngles) -> LimbAngles:
        return LimbAngles(
            group(x.scapula, y.scapula),
            group(x.shoulder, y.shoulder),
            angle(x.elbow, y.elbow),
            group(x.hip, y.hip),
            angle(x.knee, y.knee),
            angle(x.ankle, y.ankle),
        )

    return BodyAngles(
        angle(a.lean, b.lean),
        angle(a.roll, b.roll),
        angle(a.turn, b.turn),
        group(a.pelvis, b.pelvis),
        group(a.lumbar, b.lumbar),
        group(a.thoracic, b.thoracic),
        group(a.neck, b.neck),
        limb(a.right, b.right),
        limb(a.left, b.left),
    )


# The scene.


@dataclass(frozen=True)
class PlacedProp:
    """A prop in the scene: `x, y, z` is the body point it belongs to, `to` a band's other end on the body,
    `anchor` the fixed post or pulley a band or cable is tied to."""

    kind: str
    at: str | None
    x: float
    y: float
    z: float
    to: Vector | None = None
    anchor: Vector | None = None

    @property
    def carries(self) -> bool:
        return self.kind in PLATFORMS or self.kind in ROUND

    @property
    def top(self) -> float:
        return PLATFORMS[self.kind][0] if self.kind in PLATFORMS else 2 * ROUND.get(self.kind, 0.0)

    def over(self, x: float, z: float) -> bool:
        """Whether a spot is over the part of the prop that carries: a round one only near its top."""
        dx, dz = abs(x - self.x), abs(z - self.z)
        if self.kind in PLATFORMS:
            _, half_x, half_z = PLATFORMS[self.kind]
            return dx <= half_x and dz <= half_z
        if self.kind == "stability-ball":
            return math.hypot(dx, dz) <= BALL_RADIUS / 2
        if self.kind == "foam-roller":
            return dx <= ROLLER_RADIUS / 2 and dz <= ROLLER_HALF_LENGTH
        return False

    def depth_inside(self, point: Vector) -> float:
        """How deep a point sits inside the prop (0 when outside)."""
        x, y, z = point
        if self.kind in PLATFORMS:
            height, half_x, half_z = PLATFORMS[self.kind]
            inside = (half_x - abs(x - self.x), half_z - abs(z - self.z), height - y)
            return min(inside) if min(inside) > 0 else 0.0
        if self.kind == "stability-ball":
            return max(0.0, BALL_RADIUS - math.dist(point, (self.x, BALL_RADIUS, self.z)))
        if self.kind == "foam-roller" and abs(z - self.z) <= ROLLER_HALF_LENGTH:
            return max(0.0, ROLLER_RADIUS - math.dist((x, y), (self.x, ROLLER_RADIUS)))
        return 0.0


@dataclass
class PlacedFigure:
    """A body placed in the scene: on the floor, a prop or a slope, with the props beside it."""

    pose: ResolvedPose
    points: dict[str, Vector]
    frames: dict[str, Matrix]
    props: list[PlacedProp] = field(default_factory=list)
    slope: float = 0.0

    def ground(self, x: float) -> float:
        return self.slope * x

    def carrier(self, x: float, z: float) -> PlacedProp | None:
        """The highest prop whose top is over this spot, if any."""
        over = [prop for prop in self.props if prop.carries and prop.over(x, z)]
        return max(over, key=lambda prop: prop.top, default=None)

    def surface(self, x: float, z: float) -> float:
        """The height something resting at this spot rests at: a prop's top, or the ground."""
        carrier = self.carrier(x, z)
        return self.ground(x) if carrier is None else carrier.top


def anchor_point(start: ResolvedPose, end: ResolvedPose) -> str:
    """The point that stays put while the body moves: a support both positions share, else the hip."""
    return next((point for point in start.support if point in end.support), "hip")


def place_figure(pose: ResolvedPose, props: list[Prop], slope_percent: int = 0, anchor: str = "hip") -> PlacedFigure:
    """Put the anchor point over the origin, lift the body so no support sinks into what carries it,
    and place the props."""
    posed = body_points(pose.angles)
    ax, _, az = posed.points[anchor]
    local = {name: (x - ax, y, z - az) for name, (x, y, z) in posed.points.items()}
    figure = PlacedFigure(pose, local, posed.frames, [_place_prop(prop, local) for prop in props], slope_percent / 100)
    lift = max(figure.surface(local[p][0], local[p][2]) + thickness(p) - local[p][1] for p in pose.support)
    if lift:
        figure.points = {name: (x, y + lift, z) for name, (x, y, z) in local.items()}
        figure.props = [_lifted(prop, lift) for prop in figure.props]
    return figure


def _lifted(prop: PlacedProp, lift: float) -> PlacedProp:
    """A placed prop moved up with the body point it belongs to; one on the floor stays where it is."""
    to = None if prop.to is None else (prop.to[0], prop.to[1] + lift, prop.to[2])
    y = prop.y if prop.at is None or prop.carries or prop.kind == "wall" else prop.y + lift
    return PlacedProp(prop.kind, prop.at, prop.x, y, prop.z, to, prop.anchor)


def _place_prop(prop: Prop, points: dict[str, Vector]) -> PlacedProp:
    """Props go at their point; a step or bench under a foot is centred under the middle of the foot."""
    x, y, z = points[prop.at] if prop.at is not None else (0.0, 0.0, 0.0)
    side, _, part = (prop.at or "").partition("-")
    if prop.kind in PLATFORMS and part in {"heel", "ankle", "midfoot", "toe"}:
        heel, toe = points[f"{side}-heel"], points[f"{side}-toe"]
        x, z = (heel[0] + toe[0]) / 2, (heel[2] + toe[2]) / 2
        outward = 1.0 if z >= points["hip"][2] else -1.0
        z += outward * (PLATFORMS[prop.kind][2] - STEP_EDGE_INSIDE)
    if prop.kind in PLATFORMS or prop.kind in ROUND or prop.kind == "wall":
        y = 0.0
    to = points[prop.to] if prop.to is not None else None
    anchor = (
        None if prop.anchor is None else (float(prop.anchor.ahead), float(prop.anchor.up), float(prop.anchor.right))
    )
    return PlacedProp(prop.kind, prop.at, x, y, z, to, anchor)


def check_pose(pose: ResolvedPose) -> list[tuple[str, str]]:
    """Joint angles a body cannot reach, as (field path, message) pairs."""
    return range_problems(pose.angles)


def check_placement(figure: PlacedFigure) -> list[str]:
    """Body parts below the ground or inside a prop, and supports that do not touch their surface."""
    problems = []
    for name, point in sorted(figure.points.items()):
        x, y, _ = point
        depth = figure.ground(x) + thickness(name) - y
        if depth > CONTACT_TOLERANCE:
            problems.append(f"{name} is {depth:.0f} cm into the floor")
        problems += [
            f"{name} is inside the {prop.kind}" for prop in figure.props if prop.depth_inside(point) > CONTACT_TOLERANCE
        ]
    for name in figure.pose.support:
        x, y, z = figure.points[name]
        carrier = figure.carrier(x, z)
        gap = y - thickness(name) - figure.surface(x, z)
        if gap > CONTACT_TOLERANCE:
            where = "the floor" if carrier is None else f"the {carrier.kind}"
            problems.append(f"{name} should rest on {where} but is {gap:.0f} cm above it")
    return problems


def illustration_problems(
    illustration: Illustration, library: dict[str, Pose]
) -> list[tuple[tuple[str, ...], str, str]]:
    """Everything wrong with an exercise's drawing, as (field path, message, hint) triples."""
    found: list[tuple[tuple[str, ...], str, str]] = []
    for key in ("start", "end"):
        reference = getattr(illustration, key)
        name = reference if isinstance(reference, str) else reference.pose
        path = (key,) if isinstance(reference, str) else (key, "pose")
        if name not in library:
            found.append((path, f"unknown pose '{name}'", did_you_mean(name, library, "add it to data/poses.yaml")))
            continue
        pose = resolve_pose(reference, library)
        found += [((key, *field.split(".")), message, "change the angle") for field, message in check_pose(pose)]
        figure = place_figure(pose, illustration.props, illustration.slope_percent, _anchor(illustration, library))
        found += [((key,), message, "adjust the pose's angles") for message in check_placement(figure)]
    for index, prop in enumerate(illustration.props):
        if prop.at is None and prop.kind != "mat":
            found.append((("props", str(index)), f"a {prop.kind} needs 'at': the body point it belongs to", "add it"))
        where = ("props", str(index))
        if prop.kind == "band" and (prop.to is None) == (prop.anchor is None):
            found.append(
                (where, "a band needs one other end: 'to' (a body point) or 'anchor' (a post)", "give one of them")
            )
        if prop.anchor is not None and prop.kind not in {"band", "cable-handle"}:
            found.append(((*where, "anchor"), f"a {prop.kind} is not tied to anything", "remove 'anchor'"))
        if prop.to is not None and prop.kind != "band":
            found.append(((*where, "to"), f"a {prop.kind} has no other end", "remove 'to'"))
    return found


def _anchor(illustration: Illustration, library: dict[str, Pose]) -> str:
    """The anchor the figures use, so the checks see the body where it is drawn."""
    names = [ref if isinstance(ref, str) else ref.pose for ref in (illustration.start, illustration.end)]
    if any(name not in library for name in names):
        return "hip"
    return anchor_point(resolve_pose(illustration.start, library), resolve_pose(illustration.end, library))
