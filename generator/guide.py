"""A guide and its build: the whole pipeline, from the data to every file of the site's source.

    load → validate → link          build_catalog
    pages, figures, thumbnails      render_site_pages
    open data                       open_data_files
    PDFs                            print_documents, render_pdfs
    club stylesheet and logo, bundled pages
    one owner for every path        collect_outputs

An engine adapter (the MkDocs plugin, or `exguide export` for any engine) turns the outputs into a site.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.club import ClubConfig, branding_css, club_logo_path
from generator.catalog.link import Catalog, HiddenIds, link_catalog
from generator.errors import DataError
from generator.outputs.app_icons import IconSource
from generator.outputs.catalog_figures import FigureCache
from generator.outputs.offline import AppSettings, app_files
from generator.outputs.opendata import open_data_files
from generator.outputs.pdf import PrintSettings, print_documents, render_pdfs
from generator.outputs.render import render_site_pages
from generator.outputs.routes import Routes
from generator.outputs.write import Output, collect_outputs
from generator.reading.load import ReadCache, load_data_folder
from generator.reading.validate import validate_documents

CLUB_STYLESHEET = "assets/stylesheets/club.css"
DEFAULT_THEME_COLOUR = "#009485"
"""The bundled guide's header colour (Material's teal), for the installed app's bar and default icon."""


def build_catalog(
    data_dir: Path, overlay: Path | None = None, hidden: HiddenIds | None = None, reads: ReadCache | None = None
) -> Catalog:
    """Read and check all data, a club's overlay on top, raising one DataError that lists every problem."""
    documents, problems = load_data_folder(data_dir, overlay, reads)
    validated, found = validate_documents(documents)
    problems += found
    catalog, found = link_catalog(validated, hidden)
    problems += found
    if problems:
        raise DataError(problems)
    return catalog


@dataclass(frozen=True)
class Club:
    """A club's site: its settings, its folder (its data/ overlays the guide's), and what it hides."""

    config: ClubConfig
    folder: Path
    hidden: HiddenIds


@dataclass(frozen=True)
class GuideSettings:
    """Everything a build of one guide depends on besides its data."""

    data_dir: Path
    site_name: str
    routes: Routes = field(default_factory=Routes)
    language: str = "en"
    paper: str = "a4"
    pdfs: bool = True
    pdf_cache: Path | None = None
    """Where drawn PDFs are kept, to be drawn again only when what goes into them changes."""
    club: Club | None = None
    bundled_content: Path | None = None
    """Pages that show unless the site's own content has a page at the same path."""
    description: str = ""
    offline: bool = True
    """Whether the built site can be saved for offline use (its service worker; see outputs/offline.py)."""

    def app_settings(self) -> AppSettings:
        """How the guide looks installed on a phone: its name, the club's colour and logo."""
        club = self.club
        colour = club.config.colours.primary if club and club.config.colours else DEFAULT_THEME_COLOUR
        logo = club.folder / club.config.logo if club and club.config.logo else None
        return AppSettings(self.site_name, self.description, self.language, colour, IconSource(colour, logo))

    def print_settings(self) -> PrintSettings:
        colours = self.club.config.colours if self.club else None
        return PrintSettings(
            self.site_name, self.routes, self.language, self.paper, colours.primary if colours else "#000000"
        )


@dataclass
class BuildCaches:
    """What one build leaves for the next in the same process, so `mkdocs serve` redoes only what changed."""

    reads: ReadCache = field(default_factory=ReadCache)
    figures: FigureCache = field(default_factory=FigureCache)


@dataclass
class Guide:
    """One guide: its settings, and the caches its builds share."""

    settings: GuideSettings
    caches: BuildCaches = field(default_factory=BuildCaches)

    def catalog(self) -> Catalog:
        """The checked catalogue (raises DataError)."""
        club = self.settings.club
        overlay, hidden = (club.folder / "data", club.hidden) if club else (None, None)
        return build_catalog(self.settings.data_dir, overlay, hidden, self.caches.reads)


def build_outputs(guide: Guide, catalog: Catalog | None = None) -> dict[str, Output]:
    """Every file of the site's source that exguide makes, by its path (raises DataError)."""
    settings = guide.settings
    catalog = catalog or guide.catalog()
    pages = render_site_pages(catalog, settings.routes, settings.pdfs, guide.caches.figures)
    open_data = open_data_files(catalog, settings.routes)
    pdfs = render_pdfs(print_documents(catalog, settings.print_settings()), settings.pdf_cache) if settings.pdfs else {}
    return collect_outputs(
        [
            *(Output(page.path, page.content, in_nav=page.in_nav, drawings=page.drawings) for page in pages),
            *(Output(path, data) for path, data in open_data.items()),
            *(Output(path, pdf) for path, pdf in pdfs.items()),
            *(Output(path, data) for path, data in app_files(settings.app_settings()).items()),
            *_club_files(settings.club),
            *_bundled_pages(settings.bundled_content),
        ]
    )


def _club_files(club: Club | None) -> Iterator[Output]:
    if club is None:
        return
    yield Output(CLUB_STYLESHEET, branding_css(club.config))
    logo = club_logo_path(club.config)
    if logo is not None and club.config.logo is not None:
        yield Output(logo, source=club.folder / club.config.logo)


def _bundled_pages(folder: Path | None) -> Iterator[Output]:
    if folder is None:
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield Output(path.relative_to(folder).as_posix(), source=path, replaceable=True)
