"""The icons a phone shows for the guide on its home screen: the club's logo when it is a raster image,
otherwise a runner drawn from the guide's own body model, white on the site's primary colour.

Drawn with Pillow at build time into PNG files, as phones require; the same inputs give the same bytes.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from generator.catalog.body import (
    HEAD_RADIUS,
    BodyAngles,
    LimbAngles,
    SpineAngles,
    TurnAngles,
    body_points,
)

ICON_SIZES = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180}
MASKABLE = "icon-maskable-512.png"
"""An icon whose picture stays inside the middle 80%, which a phone may crop to a circle or a squircle."""
RASTER_LOGOS = {".png", ".jpg", ".jpeg", ".webp"}
OVERSAMPLE = 4
"""Drawn this many times larger, then shrunk: smooth edges without an anti-aliasing renderer."""

RUNNER = BodyAngles(
    lean=8,
    lumbar=SpineAngles(),
    thoracic=SpineAngles(),
    right=LimbAngles(hip=TurnAngles(flex=-25), knee=70, ankle=10, shoulder=TurnAngles(flex=45), elbow=90),
    left=LimbAngles(hip=TurnAngles(flex=60), knee=80, ankle=0, shoulder=TurnAngles(flex=-35), elbow=90),
)
"""Mid-stride, seen from the side: the back leg driving the hip into extension, the front knee up."""
LIMBS = [
    ("shoulder", "{side}-shoulder"),
    ("{side}-shoulder", "{side}-elbow"),
    ("{side}-elbow", "{side}-hand"),
    ("{side}-hip", "{side}-knee"),
    ("{side}-knee", "{side}-ankle"),
    ("{side}-ankle", "{side}-toe"),
]


@dataclass(frozen=True)
class IconSource:
    """What the icons are made from: the site's colour, and the club's logo if it has one."""

    background: str
    """#rrggbb"""
    logo: Path | None = None


def app_icons(source: IconSource) -> dict[str, bytes]:
    """Every icon's PNG by its file name (see ICON_SIZES and MASKABLE).

    Drawn once per colour and logo in a process, so `mkdocs serve` does not draw them on every rebuild."""
    raster = source.logo is not None and source.logo.suffix.lower() in RASTER_LOGOS
    return dict(_drawn_icons(source.background, source.logo.read_bytes() if raster and source.logo else None))


@functools.lru_cache(maxsize=4)
def _drawn_icons(background: str, logo: bytes | None) -> dict[str, bytes]:
    icons = {}
    for name, size in ICON_SIZES.items():
        icons[name] = _png(_logo_icon(logo, size, 0.86) if logo else _runner_icon(background, size, 0.8))
    icons[MASKABLE] = _png(_logo_icon(logo, 512, 0.66) if logo else _runner_icon(background, 512, 0.62))
    return icons


def _runner_icon(background: str, size: int, fill: float) -> Image.Image:
    """The runner, white on `background`, its height `fill` of the icon's."""
    big = size * OVERSAMPLE
    image = Image.new("RGB", (big, big), background)
    draw = ImageDraw.Draw(image)
    points = {name: (x, y) for name, (x, y, _) in body_points(RUNNER).points.items()}
    xs, ys = [x for x, _ in points.values()], [y for _, y in points.values()]
    top = max(ys) + HEAD_RADIUS
    height = top - min(ys)
    scale = big * fill / max(height, max(xs) - min(xs))
    middle_x = (max(xs) + min(xs)) / 2

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return big / 2 + (point[0] - middle_x) * scale, big / 2 + (top - height / 2 - point[1]) * scale

    width = round(11 * scale)
    segments = [
        ("hip", "shoulder"),
        *((a.format(side=s), b.format(side=s)) for s in ("left", "right") for a, b in LIMBS),
    ]
    for start, end in segments:
        a, b = at(points[start]), at(points[end])
        draw.line([a, b], fill="white", width=width)
        for x, y in (a, b):
            draw.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill="white")
    x, y = at(points["head"])
    radius = HEAD_RADIUS * 1.2 * scale
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _logo_icon(logo: bytes, size: int, fill: float) -> Image.Image:
    """The club's logo, whole and centred on white, its longer side `fill` of the icon's."""
    with Image.open(io.BytesIO(logo)) as opened:
        picture = opened.convert("RGBA")
    picture.thumbnail((round(size * fill), round(size * fill)), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (size, size), "white")
    image.alpha_composite(picture, ((size - picture.width) // 2, (size - picture.height) // 2))
    return image.convert("RGB")


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
