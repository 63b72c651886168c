"""A guide and its build: the whole pipeline, from the data to every file of the site's source.

    load → validate → link          build_catalog
    pages, figures, thumbnails      render_site_pages
    open data                       open_data_files
      (a full build renders both in a process of its own while the engine works: start_outputs)
    PDFs                            print_documents, render_pdfs
    club stylesheet and logo, bundled pages
    one owner for every path        collect_outputs

An engine adapter (the MkDocs plugin, or `exguide export` for any engine) turns the outputs into a site.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.club import ClubConfig, branding_css, club_logo_path
from generator.catalog.link import Catalog, DrawingChecks, HiddenIds, drawing_problems, link_catalog
from generator.errors import DataError
from generator.outputs.app_icons import IconSource
from generator.outputs.browser_words import WORDS_SCRIPT, words_script
from generator.outputs.catalog_figures import FigureCache
from generator.outputs.languages import pages_in_language
from generator.outputs.messages import SOURCE_LANGUAGE, Messages, guide_catalogues, load_messages
from generator.outputs.offline import AppSettings, app_file_paths, app_files
from generator.outputs.opendata import OPEN_DATA_FILES, OpenDataMemory, open_data_files
from generator.outputs.page_dependencies import RenderMemory
from generator.outputs.pdf import PrintSettings, print_documents, render_pdfs
from generator.outputs.render import render_site_pages
from generator.outputs.render_ahead import RenderAhead
from generator.outputs.routes import Routes
from generator.outputs.write import Output, collect_outputs
from generator.reading.load import ReadCache, load_data_folder
from generator.reading.translations import DataFolder, translate_documents
from generator.reading.validate import ValidationCache, validate_documents

CLUB_STYLESHEET = "assets/stylesheets/club.css"
DEFAULT_THEME_COLOUR = "#009485"
"""The bundled guide's header colour (Material's teal), for the installed app's bar and default icon."""


def build_catalog(
    data_dir: Path,
    overlay: Path | None = None,
    hidden: HiddenIds | None = None,
    reads: ReadCache | None = None,
    language: str | None = None,
    folder_languages: tuple[str, str] = (SOURCE_LANGUAGE, SOURCE_LANGUAGE),
    checked: tuple[ValidationCache, DrawingChecks] | None = None,
    check_drawings: bool = True,
) -> Catalog:
    """Read and check all data, a club's overlay on top, raising one DataError that lists every problem.

    Without `check_drawings`, the exercises' illustrations are checked only when another problem is found,
    for the list to be whole; otherwise whoever draws them checks each first (see Catalog.drawings_checked).

    In a `language` other than a folder's (`folder_languages`: the data folder's, then the overlay's),
    its texts come from its translations (see reading/translations.py)."""
    documents, problems = load_data_folder(data_dir, overlay, reads)
    untranslated: frozenset[tuple[str, str]] = frozenset()
    if language is not None and not problems:
        folders = [DataFolder(data_dir, folder_languages[0])]
        if overlay is not None:
            folders.append(DataFolder(overlay, folder_languages[1]))
        documents, untranslated, found = translate_documents(documents, language, folders)
        problems += found
    validations, drawing_checks = checked or (None, None)
    validated, found = validate_documents(documents, validations)
    problems += found
    catalog, found = link_catalog(validated, hidden, drawing_checks, check_drawings)
    problems += found
    if problems and not check_drawings:
        problems += drawing_problems(catalog, validated, drawing_checks)
    if problems:
        raise DataError(problems)
    return dataclasses.replace(catalog, untranslated=untranslated) if untranslated else catalog


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
    languages: tuple[str, ...] = ()
    """Every language the site is built in, its default (at the site's root) first; () for `language` alone."""
    data_language: str = SOURCE_LANGUAGE
    """The language data_dir's files are written in; a club's own files are in its first language."""

    @property
    def site_languages(self) -> tuple[str, ...]:
        return self.languages or (self.language,)

    @property
    def folder_languages(self) -> tuple[str, str]:
        """The languages of the data folder's files and of a club's overlay."""
        return self.data_language, self.site_languages[0] if self.club else self.data_language

    def data_folders(self) -> list[Path]:
        return [self.data_dir, *([self.club.folder / "data"] if self.club else [])]

    def messages(self) -> Messages:
        """The words around the data in this build's language (raises DataError for a broken catalogue)."""
        return load_messages(self.language, guide_catalogues(self.data_folders(), self.language))

    def catalogues_state(self) -> tuple[tuple[str, int | None], ...]:
        """The guide's message catalogues of this language as they are now: a changed one changes pages."""
        return tuple(
            (str(path), path.stat().st_mtime_ns if path.is_file() else None)
            for path in guide_catalogues(self.data_folders(), self.language)
        )

    def app_settings(self) -> AppSettings:
        """How the guide looks installed on a phone: its name, the club's colour and logo."""
        club = self.club
        colour = club.config.colours.primary if club and club.config.colours else DEFAULT_THEME_COLOUR
        logo = club.folder / club.config.logo if club and club.config.logo else None
        return AppSettings(self.site_name, self.description, self.language, colour, IconSource(colour, logo))

    def print_settings(self, messages: Messages | None = None) -> PrintSettings:
        colours = self.club.config.colours if self.club else None
        return PrintSettings(
            self.site_name,
            self.routes,
            self.language,
            self.paper,
            colours.primary if colours else "#000000",
            messages or self.messages(),
        )


@dataclass
class BuildCaches:
    """What one build leaves for the next in the same process: files read, figures drawn, and for a preview
    (`BuildCaches.preview()`) what each stage made, so a rebuild redoes only what an edit changed."""

    reads: ReadCache = field(default_factory=ReadCache)
    figures: FigureCache = field(default_factory=FigureCache)
    preview: PreviewMemory | None = None

    @classmethod
    def for_preview(cls) -> BuildCaches:
        return cls(reads=ReadCache(keep_documents=True), preview=PreviewMemory())


@dataclass
class PreviewMemory:
    """What a preview's build made at each stage, by what it was made from (see page_dependencies.py)."""

    validations: ValidationCache = field(default_factory=ValidationCache)
    drawing_checks: DrawingChecks = field(default_factory=DrawingChecks)
    pages: RenderMemory = field(default_factory=RenderMemory)
    """The last render of the pages: the next renders again only what an edit changed."""
    open_data: OpenDataMemory = field(default_factory=OpenDataMemory)


@dataclass
class Guide:
    """One guide: its settings, and the caches its builds share."""

    settings: GuideSettings
    caches: BuildCaches = field(default_factory=BuildCaches)

    def catalog(self, check_drawings: bool = True) -> Catalog:
        """The checked catalogue (raises DataError); see build_catalog for `check_drawings`."""
        club = self.settings.club
        overlay, hidden = (club.folder / "data", club.hidden) if club else (None, None)
        settings = self.settings
        caches = self.caches
        return build_catalog(
            settings.data_dir,
            overlay,
            hidden,
            caches.reads,
            settings.language,
            settings.folder_languages,
            (caches.preview.validations, caches.preview.drawing_checks) if caches.preview else None,
            check_drawings,
        )


def build_outputs(guide: Guide, catalog: Catalog | None = None) -> dict[str, Output]:
    """Every file of the site's source that exguide makes, by its path (raises DataError)."""
    settings = guide.settings
    catalog = catalog or guide.catalog()
    messages = settings.messages()
    # The PDFs first: while their workers print, this process holds the catalogue, not yet every page.
    pdfs = _pdfs(catalog, settings, messages) if settings.pdfs else {}
    pages = render_site_pages(
        catalog,
        settings.routes,
        settings.pdfs,
        guide.caches.figures,
        messages,
        guide.caches.preview.pages if guide.caches.preview else None,
        settings.catalogues_state(),
    )
    memory = guide.caches.preview
    open_data = open_data_files(catalog, settings.routes, memory.open_data if memory else None)
    rendered = [Output(page.path, page.content, in_nav=page.in_nav, drawings=page.drawings) for page in pages]
    return _all_outputs(settings, messages, rendered, open_data, pdfs, app_files(settings.app_settings()))


def start_outputs(guide: Guide, catalog: Catalog | None = None) -> tuple[dict[str, Output], RenderAhead]:
    """`build_outputs` for a full build, with the pages and open data rendered in a process of their own
    (see outputs/render_ahead.py): every output is listed, and those the render makes are empty until
    the RenderAhead hands them over (raises DataError)."""
    settings = guide.settings
    # The render checks each drawing before it draws it, on the other core; the PDFs are printed here.
    catalog = catalog or guide.catalog(check_drawings=settings.pdfs)
    messages = settings.messages()
    pdfs = _pdfs(catalog, settings, messages) if settings.pdfs else {}
    ahead = RenderAhead.start(catalog, settings.routes, settings.pdfs, messages, settings.app_settings(), guide.catalog)
    try:
        pages = [Output(path, "", in_nav=in_nav) for path, in_nav in ahead.plan]
        open_data, app = dict.fromkeys(OPEN_DATA_FILES, b""), dict.fromkeys(app_file_paths(), b"")
        outputs = _all_outputs(settings, messages, pages, open_data, pdfs, app)
    except BaseException:
        ahead.close()
        raise
    return outputs, ahead


def _all_outputs(
    settings: GuideSettings,
    messages: Messages,
    pages: list[Output],
    open_data: dict[str, bytes],
    pdfs: dict[str, bytes],
    app: dict[str, bytes],
) -> dict[str, Output]:
    """Every output, in one order whichever way the pages and files were made."""
    return collect_outputs(
        [
            *pages,
            *(Output(path, data) for path, data in open_data.items()),
            *(Output(path, pdf) for path, pdf in pdfs.items()),
            *(Output(path, data) for path, data in app.items()),
            Output(WORDS_SCRIPT, words_script(messages)),
            *_club_files(settings.club),
            *_bundled_pages(settings, messages),
        ]
    )


def _pdfs(catalog: Catalog, settings: GuideSettings, messages: Messages) -> dict[str, bytes]:
    """Each routine's PDF and the booklet, by path; their print documents are let go once printed."""
    return render_pdfs(print_documents(catalog, settings.print_settings(messages)), settings.pdf_cache)


def _club_files(club: Club | None) -> Iterator[Output]:
    if club is None:
        return
    yield Output(CLUB_STYLESHEET, branding_css(club.config))
    logo = club_logo_path(club.config)
    if logo is not None and club.config.logo is not None:
        yield Output(logo, source=club.folder / club.config.logo)


def _bundled_pages(settings: GuideSettings, messages: Messages) -> Iterator[Output]:
    """The bundled guide's pages in a club's site, in the language of this build."""
    folder = settings.bundled_content
    if folder is None:
        return
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    for path, shown in pages_in_language(files, settings.language, settings.site_languages, messages).items():
        if isinstance(shown, Path):
            yield Output(path, source=shown, replaceable=True)
        else:
            yield Output(path, shown, replaceable=True)
