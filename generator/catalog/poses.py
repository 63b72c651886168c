"""Poses: resolve named positions, place the body by forward kinematics, and check it is humanly possible.

Units are centimetres on a 175 cm adult seen from the side, facing right; y points up, the floor is y=0.
Angles are degrees. A direction is measured clockwise from straight up: 0 up, 90 forward, 180 down.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.errors import did_you_mean
from generator.reading.models import Illustration, LimbAngles, PartialLimbAngles, Pose, PoseChange, Prop

Point = tuple[float, float]

# Segment lengths in centimetres, for a 175 cm adult.
TRUNK, NECK, HEAD_RADIUS = 52.0, 9.0, 11.0
UPPER_ARM, FOREARM, HAND = 30.0, 26.0, 8.0
THIGH, SHANK = 44.0, 43.0
ANKLE_HEIGHT, HEEL_BACK, TOE_FORWARD = 7.0, 5.0, 19.0

JOINT_RANGES: dict[str, tuple[int, int]] = {
    "shoulder": (-70, 185),
    "elbow": (0, 155),
    "hip": (-40, 140),
    "knee": (0, 160),
    "ankle": (-55, 40),
}
NECK_RANGE = (-60, 70)

# Props that carry the body: (height of the top surface, half its width); a ball and a roller are round.
PLATFORMS: dict[str, tuple[float, float]] = {"step": (20.0, 18.0), "bench": (42.0, 22.0)}
ROUND: dict[str, float] = {"stability-ball": 30.0, "foam-roller": 7.5}
CONTACT_TOLERANCE = 4.0
# How far a point sits above whatever it rests on: the body's half-thickness there.
THICKNESS: dict[str, float] = {"hip": 9.0, "shoulder": 8.0, "mid-back": 9.0, "head": HEAD_RADIUS}
THICKNESS |= {
    f"{side}-{part}": depth
    for side in ("near", "far")
    for part, depth in (("knee", 5.0), ("elbow", 4.0), ("hand", 2.0))
}


def thickness(point: str) -> float:
    return THICKNESS.get(point, 0.0)


@functools.lru_cache(maxsize=4096)
def direction(angle: float) -> Point:
    """The unit vector of a direction measured clockwise from straight up; poses use whole degrees, so a
    few hundred remembered serve every figure."""
    radians = math.radians(angle)
    return math.sin(radians), math.cos(radians)


def along(start: Point, angle: float, length: float) -> Point:
    dx, dy = direction(angle)
    return start[0] + dx * length, start[1] + dy * length


class Limb(NamedTuple):
    """One side's joint angles once known, as LimbAngles describes them."""

    shoulder: int
    elbow: int
    hip: int
    knee: int
    ankle: int

    @classmethod
    def of(cls, angles: LimbAngles) -> Limb:
        return cls(angles.shoulder, angles.elbow, angles.hip, angles.knee, angles.ankle)


class ResolvedPose(NamedTuple):
    """A pose with every angle known: a named pose with an exercise's changes applied."""

    description: str
    trunk: int
    neck: int
    near: Limb
    far: Limb
    support: list[str]


def resolve_pose(reference: str | PoseChange, library: dict[str, Pose]) -> ResolvedPose:
    """Apply an exercise's changes to a named pose (the caller has checked the name exists)."""
    if isinstance(reference, str):
        base = library[reference]
        return ResolvedPose(
            base.description, base.trunk, base.neck, Limb.of(base.near), Limb.of(base.far), list(base.support)
        )
    base = library[reference.pose]
    return ResolvedPose(
        description=reference.description or base.description,
        trunk=base.trunk if reference.trunk is None else reference.trunk,
        neck=base.neck if reference.neck is None else reference.neck,
        near=_changed(base.near, reference.near),
        far=_changed(base.far, reference.far),
        support=list(reference.support if reference.support is not None else base.support),
    )


def _changed(angles: LimbAngles, changes: PartialLimbAngles) -> Limb:
    return Limb.of(angles)._replace(**{k: v for k, v in changes.model_dump().items() if v is not None})


def interpolate(start: ResolvedPose, end: ResolvedPose, t: float) -> ResolvedPose:
    """A pose part-way between two, angle by angle, so limbs keep their length in between."""

    def mix(a: float, b: float) -> int:
        return round(a + (b - a) * t)

    def limb(a: Limb, b: Limb) -> Limb:
        return Limb(
            mix(a.shoulder, b.shoulder),
            mix(a.elbow, b.elbow),
            mix(a.hip, b.hip),
            mix(a.knee, b.knee),
            mix(a.ankle, b.ankle),
        )

    chosen = start if t < 0.5 else end
    return ResolvedPose(
        chosen.description,
        mix(start.trunk, end.trunk),
        mix(start.neck, end.neck),
        limb(start.near, end.near),
        limb(start.far, end.far),
        chosen.support,
    )


def body_points(pose: ResolvedPose) -> dict[str, Point]:
    """Forward kinematics: every named point of the body, with the hip at the origin."""
    hip: Point = (0.0, 0.0)
    shoulder = along(hip, pose.trunk, TRUNK)
    head_direction = pose.trunk + pose.neck
    points: dict[str, Point] = {
        "hip": hip,
        "shoulder": shoulder,
        "mid-back": along(hip, pose.trunk, TRUNK / 2),
        "neck": along(shoulder, head_direction, NECK),
        "head": along(shoulder, head_direction, NECK + HEAD_RADIUS),
    }
    for side, angles in (("near", pose.near), ("far", pose.far)):
        arm = pose.trunk + 180 - angles.shoulder
        elbow = along(shoulder, arm, UPPER_ARM)
        forearm = arm - angles.elbow
        wrist = along(elbow, forearm, FOREARM)
        thigh = pose.trunk + 180 - angles.hip
        knee = along(hip, thigh, THIGH)
        shank = thigh + angles.knee
        ankle = along(knee, shank, SHANK)
        foot = shank - 90 - angles.ankle
        sole = along(ankle, foot + 90, ANKLE_HEIGHT)
        points |= {
            f"{side}-elbow": elbow,
            f"{side}-wrist": wrist,
            f"{side}-hand": along(wrist, forearm, HAND),
            f"{side}-knee": knee,
            f"{side}-ankle": ankle,
            f"{side}-heel": along(sole, foot, -HEEL_BACK),
            f"{side}-toe": along(sole, foot, TOE_FORWARD),
        }
    return points


@dataclass
class PlacedFigure:
    """A body placed in the scene: on the floor, a prop or a slope, with the props beside it."""

    pose: ResolvedPose
    points: dict[str, Point]
    props: list[PlacedProp] = field(default_factory=list)
    slope: float = 0.0

    def ground(self, x: float) -> float:
        return self.slope * x

    def carrier(self, x: float) -> PlacedProp | None:
        """The highest prop whose top is over this spot, if any."""
        over = [prop for prop in self.props if prop.carries and abs(x - prop.x) <= prop.half_width]
        return max(over, key=lambda prop: prop.top, default=None)

    def surface(self, x: float) -> float:
        """The height something resting at this spot rests at: a prop's top, or the ground."""
        carrier = self.carrier(x)
        return self.ground(x) if carrier is None else carrier.top


@dataclass(frozen=True)
class PlacedProp:
    """A prop in the scene: `x, y` is the body point it belongs to, `to` a band's other end."""

    kind: str
    at: str | None
    x: float
    y: float
    to: Point | None = None

    @property
    def carries(self) -> bool:
        return self.kind in PLATFORMS or self.kind in ROUND

    @property
    def top(self) -> float:
        return PLATFORMS[self.kind][0] if self.kind in PLATFORMS else 2 * ROUND.get(self.kind, 0.0)

    @property
    def half_width(self) -> float:
        """How far either side of its centre a prop carries: a round one only near its top."""
        return PLATFORMS[self.kind][1] if self.kind in PLATFORMS else ROUND.get(self.kind, 0.0) / 2


def anchor_point(start: ResolvedPose, end: ResolvedPose) -> str:
    """The point that stays put while the body moves: a support both positions share, else the hip."""
    return next((point for point in start.support if point in end.support), "hip")


def place_figure(pose: ResolvedPose, props: list[Prop], slope_percent: int = 0, anchor: str = "hip") -> PlacedFigure:
    """Put the anchor point at x=0, lift the body so no support sinks into what carries it, place the props."""
    points = body_points(pose)
    shift = points[anchor][0]
    local = {name: (x - shift, y) for name, (x, y) in points.items()}
    figure = PlacedFigure(pose, local, [_place_prop(prop, local) for prop in props], slope_percent / 100)
    lift = max(figure.surface(local[point][0]) + thickness(point) - local[point][1] for point in pose.support)
    lifted = {name: (x, y + lift) for name, (x, y) in local.items()}
    placed_props = [_lifted(prop, lift) for prop in figure.props]
    return PlacedFigure(pose, lifted, placed_props, figure.slope)


def _lifted(prop: PlacedProp, lift: float) -> PlacedProp:
    """A placed prop moved up with the body point it belongs to; one at no body point stays where it is."""
    to = None if prop.to is None else (prop.to[0], prop.to[1] + lift)
    return PlacedProp(prop.kind, prop.at, prop.x, prop.y + lift if prop.at is not None else prop.y, to)


def _place_prop(prop: Prop, points: dict[str, Point]) -> PlacedProp:
    """Props go at their point; a step or bench under a foot is centred under the middle of the foot."""
    x, y = points[prop.at] if prop.at is not None else (0.0, 0.0)
    side, _, part = (prop.at or "").partition("-")
    if prop.kind in PLATFORMS and part in {"heel", "ankle", "toe"}:
        x = (points[f"{side}-heel"][0] + points[f"{side}-toe"][0]) / 2
    to = points[prop.to] if prop.to is not None else None
    return PlacedProp(prop.kind, prop.at, x, y, to)


def check_pose(pose: ResolvedPose) -> list[tuple[str, str]]:
    """Joint angles a body cannot reach, as (field, message) pairs."""
    problems = []
    low, high = NECK_RANGE
    if not low <= pose.neck <= high:
        problems.append(("neck", f"{pose.neck}° is beyond a neck's range ({low} to {high}°)"))
    for side, angles in (("near", pose.near), ("far", pose.far)):
        for joint, (low, high) in JOINT_RANGES.items():
            value = getattr(angles, joint)
            if not low <= value <= high:
                problems.append((f"{side}.{joint}", f"{value}° is beyond a {joint}'s range ({low} to {high}°)"))
    return problems


def check_placement(figure: PlacedFigure) -> list[str]:
    """Body parts below the ground or inside a prop, and supports that do not touch their surface."""
    problems = []
    for name, (x, y) in sorted(figure.points.items()):
        depth = figure.ground(x) + thickness(name) - y
        if depth > CONTACT_TOLERANCE:
            problems.append(f"{name} is {depth:.0f} cm into the floor")
        problems += [
            f"{name} is inside the {prop.kind}" for prop in figure.props if _inside(prop, (x, y)) > CONTACT_TOLERANCE
        ]
    for name in figure.pose.support:
        x, y = figure.points[name]
        carrier = figure.carrier(x)
        gap = y - thickness(name) - figure.surface(x)
        if gap > CONTACT_TOLERANCE:
            where = "the floor" if carrier is None else f"the {carrier.kind}"
            problems.append(f"{name} should rest on {where} but is {gap:.0f} cm above it")
    return problems


def _inside(prop: PlacedProp, point: Point) -> float:
    """How deep a point sits inside a solid prop (0 when outside)."""
    x, y = point
    if prop.kind in PLATFORMS:
        height, half = PLATFORMS[prop.kind]
        inside_x = half - abs(x - prop.x)
        inside_y = height - y
        return min(inside_x, inside_y) if inside_x > 0 and inside_y > 0 else 0.0
    if prop.kind in ROUND:
        radius = ROUND[prop.kind]
        centre_y = radius
        return max(0.0, radius - math.dist((x, y), (prop.x, centre_y)))
    return 0.0


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
        if prop.kind == "band" and prop.to is None:
            found.append((("props", str(index)), "a band needs 'to': the point its other end is at", "add it"))
    return found


def _anchor(illustration: Illustration, library: dict[str, Pose]) -> str:
    """The anchor the figures use, so the checks see the body where it is drawn."""
    names = [ref if isinstance(ref, str) else ref.pose for ref in (illustration.start, illustration.end)]
    if any(name not in library for name in names):
        return "hip"
    return anchor_point(resolve_pose(illustration.start, library), resolve_pose(illustration.end, library))
