"""Muscle maps: front and back body outlines with the muscles an exercise works marked, as inline SVG."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml
from markupsafe import Markup

from generator.errors import Problem, did_you_mean
from generator.outputs.markup import render_markup
from generator.outputs.messages import Messages
from generator.reading.datafile import Document
from generator.reading.models import Muscle

View = Literal["front", "back"]
Role = Literal["primary", "secondary"]
VIEWS: tuple[View, ...] = ("front", "back")
# Marked regions are drawn last, so a deep muscle lying over another never hides the one being worked.
_LAYERS: dict[Role | None, int] = {None: 0, "secondary": 1, "primary": 2}


@dataclass(frozen=True)
class Region:
    """An area of one view that shows a muscle: one closed shape per side of the body."""

    id: str
    view: View
    paths: tuple[str, ...]


@dataclass(frozen=True)
class BodyMap:
    """The body outline of each view, and the regions drawn on them in the order the file lists them."""

    width: int
    height: int
    outlines: tuple[tuple[View, str], ...]
    regions: tuple[Region, ...]

    @property
    def region_ids(self) -> list[str]:
        return [region.id for region in self.regions]


@functools.cache
def load_body_regions() -> BodyMap:
    """The body map shipped with the package, read once."""
    text = resources.files("generator").joinpath("assets/body_regions.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    regions = tuple(
        Region(region_id, entry["view"], tuple(entry["paths"])) for region_id, entry in data["regions"].items()
    )
    stray = [region.id for region in regions if region.view not in VIEWS]
    if stray:
        raise ValueError(f"body map regions on no known view: {', '.join(stray)}")
    outlines = tuple((view, str(data["outlines"][view])) for view in VIEWS)
    return BodyMap(int(data["width"]), int(data["height"]), outlines, regions)


def check_muscle_regions(muscles: dict[str, Muscle], document: Document) -> list[Problem]:
    """Every region a muscle names must be on the body map, or its map would be silently blank."""
    known = load_body_regions().region_ids
    return [
        document.problem(
            (muscle_id, "regions", index), f"unknown body-map region '{region}'", did_you_mean(region, known)
        )
        for muscle_id, muscle in muscles.items()
        for index, region in enumerate(muscle.regions)
        if region not in known
    ]


def render_muscle_map(
    muscles: dict[str, Muscle], primary: list[str], secondary: list[str], title: str, messages: Messages | None = None
) -> Markup:
    """One SVG of both views; regions of the muscles worked carry their role as a class, colours come from CSS."""
    body = load_body_regions()
    primary = list(dict.fromkeys(primary))
    secondary = [muscle_id for muscle_id in dict.fromkeys(secondary) if muscle_id not in primary]
    by_role: tuple[tuple[Role, list[str]], ...] = (("secondary", secondary), ("primary", primary))
    roles: dict[str, Role] = {}
    for role, muscle_ids in by_role:
        for muscle_id in muscle_ids:
            roles.update(dict.fromkeys(muscles[muscle_id].regions, role))
    # Ids must differ between maps on one page and stay the same from build to build.
    key = hashlib.sha256(repr((title, primary, secondary)).encode()).hexdigest()[:8]
    return render_markup(
        "muscle_map.svg.j2",
        messages=messages,
        id=f"exguide-map-{key}",
        title=title,
        primary=[muscles[muscle_id].name for muscle_id in primary],
        secondary=[muscles[muscle_id].name for muscle_id in secondary],
        body=body,
        views=_views(tuple(sorted(roles.items())), messages),
    )


@functools.lru_cache(maxsize=1024)
def _views(roles: tuple[tuple[str, Role], ...], messages: Messages | None = None) -> Markup:
    """Both views with these regions marked; maps that mark the same regions share one drawing."""
    body = load_body_regions()
    marked = dict(roles)
    return render_markup(
        "muscle_map_views.svg.j2",
        messages=messages,
        body=body,
        regions=sorted(body.regions, key=lambda region: _LAYERS[marked.get(region.id)]),
        roles=marked,
    )
