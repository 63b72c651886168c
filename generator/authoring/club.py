"""Club sites: a club's settings, its colours checked for contrast, and the site config built from them.

A club folder holds `club.yml`, a `data/` overlay and a `content/` overlay. Building it writes
`.exguide/mkdocs.yml`, which inherits the bundled guide's config and layers the club on top.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from jinja2 import Environment
from pydantic import Field, StringConstraints

from generator.errors import DataError, Problem
from generator.outputs.languages import translated_page
from generator.outputs.markup import template_environment
from generator.reading.datafile import Document, display_path
from generator.reading.load import load_document
from generator.reading.models import Id, Strict, Text
from generator.reading.validate import validate_model

CLUB_FILE = "club.yml"
GENERATED_CONFIG = Path(".exguide") / "mkdocs.yml"
LOGO_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
WCAG_AA_TEXT = 4.5

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/]+(/\S*)?/$")]


class Colours(Strict):
    """The club's colours: the header and links, and the highlights."""

    primary: HexColour = Field(description="Header background and link colour, as #rrggbb.")
    accent: HexColour = Field(description="Highlights: hovered links, worked muscles, working limbs.")


class Contact(Strict):
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Hidden(Strict):
    """Bundled exercises and routines the club does not want on its site."""

    exercises: list[Id] = Field(default_factory=list)
    routines: list[Id] = Field(default_factory=list)


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]


class ClubConfig(Strict):
    """Everything a club sets about its site, in `club.yml`."""

    name: Text = Field(description="The site's name, shown in the header, the tab title and the PDFs.")
    site_url: WebAddress | None = Field(default=None, description="Where the site is published, ending in /.")
    language: LanguageCode = "en"
    languages: list[LanguageCode] = Field(
        default_factory=list,
        description="The site's languages, its default first, e.g. [de, en]: each other one is built under "
        "/<language>/. Left out: `language` alone. The club's own data files are in the first.",
    )
    paper: Literal["a4", "letter"] = "a4"
    logo: Text | None = Field(default=None, description="An image file in the club folder: svg, png, jpg or webp.")
    colours: Colours | None = None
    contact: Contact | None = None
    footer: Text | None = Field(default=None, description="A line at the foot of every page.")
    hide: Hidden = Field(default_factory=Hidden)
    offline: bool = Field(
        default=True, description="Whether readers can save the site on their phone to use it with no connection."
    )


def club_languages(club: ClubConfig) -> list[str]:
    """A club site's languages, its default first."""
    return club.languages or [club.language]


def load_club(folder: Path) -> tuple[ClubConfig, Document]:
    """Read and check `club.yml`, raising one DataError with every problem in it."""
    document, problems = load_document(folder / CLUB_FILE)
    if document is None:
        raise DataError(problems)
    club, found = validate_model(document, ClubConfig)
    problems += found
    if club is not None:
        problems += _check_logo(club, document, folder) + check_contrast(club, document)
    if problems or club is None:
        raise DataError(problems)
    return club, document


def _check_logo(club: ClubConfig, document: Document, folder: Path) -> list[Problem]:
    if club.logo is None:
        return []
    path = (folder / club.logo).resolve()
    if not path.is_relative_to(folder.resolve()):
        return [document.problem(("logo",), "the logo must be inside the club folder", "copy it there")]
    if path.suffix.lower() not in LOGO_SUFFIXES:
        return [
            document.problem(("logo",), f"'{club.logo}' is not an image exguide can use", "use svg, png, jpg or webp")
        ]
    if not path.is_file():
        return [document.problem(("logo",), f"no file '{club.logo}' in the club folder", "check the name")]
    return []


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or near-black, whichever reads better on the background."""
    return "#ffffff" if contrast_ratio(background, "#ffffff") >= contrast_ratio(background, "#1b1b1b") else "#1b1b1b"


def darkened_to_pass(colour: str, against: str = "#ffffff") -> str:
    """The same hue, darkened step by step until it passes WCAG AA against the background."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(101):
        factor = 1 - step / 100
        candidate = f"#{round(red * factor):02x}{round(green * factor):02x}{round(blue * factor):02x}"
        if contrast_ratio(candidate, against) >= WCAG_AA_TEXT:
            return candidate
    return "#000000"


def check_contrast(club: ClubConfig, document: Document) -> list[Problem]:
    """Both colours are used as text on the white page (links, hovered links): each must reach AA."""
    if club.colours is None:
        return []
    problems = []
    for name in ("primary", "accent"):
        colour = getattr(club.colours, name)
        ratio = contrast_ratio(colour, "#ffffff")
        if ratio < WCAG_AA_TEXT:
            problems.append(
                document.problem(
                    ("colours", name),
                    f"{colour} on white has a contrast of {ratio:.1f}:1, below the 4.5:1 that WCAG AA asks of text",
                    f"try {darkened_to_pass(colour)}",
                )
            )
    return problems


def bundled_guide() -> Path:
    """The guide that ships with exguide: its config, data, content and theme overrides."""
    return Path(str(resources.files("generator").joinpath("bundled"))).resolve()


def _yaml_value(value: Any) -> Any:
    """Every value written into the generated config is a YAML scalar or flow collection (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _config_environment() -> Environment:
    """Values become YAML scalars; `|html` escapes those the theme writes into pages unescaped."""
    environment = template_environment(autoescape=False, finalize=_yaml_value, keep_trailing_newline=True)
    environment.filters["html"] = html.escape
    return environment


def write_club_config(folder: Path) -> Path:
    """Check `club.yml` and write the MkDocs config that builds the club's site; returns its path.

    The file is written only when its text changes: `exguide serve` watches it, and rebuilds on a change."""
    club, _ = load_club(folder)
    folder = folder.resolve()
    guide = bundled_guide()
    own = [page.relative_to(folder / "content").as_posix() for page in sorted((folder / "content").rglob("*.md"))]
    bundled = [page.relative_to(guide / "content").as_posix() for page in (guide / "content").rglob("*.md")]
    extra_pages = [
        page
        for page in own
        if not (guide / "content" / page).exists() and translated_page(page, [*own, *bundled]) is None
    ]
    text = (
        _config_environment()
        .get_template("club/mkdocs.yml.j2")
        .render(
            club=club,
            languages=club_languages(club),
            folder=str(folder),
            guide=str(guide),
            nav=_bundled_nav(guide / "mkdocs.yml")
            + [{Path(page).stem.replace("-", " ").capitalize(): page} for page in extra_pages],
            logo=club_logo_path(club),
        )
    )
    target = folder / GENERATED_CONFIG
    target.parent.mkdir(exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def _bundled_nav(config: Path) -> list[Any]:
    """The bundled guide's navigation, read without running MkDocs' own tags such as !ENV."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    nav: list[Any] = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)["nav"]
    return nav


def is_club_folder(folder: Path) -> bool:
    return (folder / CLUB_FILE).is_file()


def club_display(folder: Path) -> str:
    return display_path(folder / CLUB_FILE)


class CssString(str):
    """Text already quoted and escaped as a CSS string."""


def css_string(text: str) -> CssString:
    """Quote text for CSS `content:`, escaping everything but letters, digits and plain punctuation."""
    safe = " .,-_'()&"
    return CssString('"' + "".join(c if c.isalnum() or c in safe else f"\\{ord(c):x} " for c in text) + '"')


def _css_value(value: Any) -> str:
    """Only escaped strings and #rrggbb colours may reach a stylesheet."""
    if isinstance(value, CssString) or (isinstance(value, str) and _HEX.match(value)):
        return str(value)
    raise ValueError(f"refusing to write {value!r} into a stylesheet")


def club_logo_path(club: ClubConfig) -> str | None:
    """Where a club's logo goes in the site."""
    return f"assets/club-logo{Path(club.logo).suffix.lower()}" if club.logo else None


def branding_css(club: ClubConfig) -> str:
    """The club's stylesheet: its colours on every page, its name on every printed page."""
    environment = template_environment(autoescape=False, finalize=_css_value)
    colours = club.colours
    return environment.get_template("club/branding.css.j2").render(
        colours=colours,
        primary_text=text_colour_on(colours.primary) if colours else "#ffffff",
        accent_text=text_colour_on(colours.accent) if colours else "#ffffff",
        name_css=css_string(club.name),
    )


def init_club(folder: Path, name: str) -> list[Path]:
    """Create a club folder from the templates in templates/club/; returns the files written."""
    environment = _config_environment()
    files = {
        CLUB_FILE: environment.get_template("club/club.yml.j2").render(name=name),
        "README.md": (resources.files("generator") / "templates" / "club" / "README.md").read_text(encoding="utf-8"),
        ".gitignore": "site/\n.site-*\n.cache/\n.exguide/\n",
        ".pre-commit-config.yaml": (
            resources.files("generator") / "templates" / "club" / "pre-commit-config.yaml"
        ).read_text(encoding="utf-8"),
        "data/exercises/.gitkeep": "",
        "data/routines/.gitkeep": "",
        "content/.gitkeep": "",
    }
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
