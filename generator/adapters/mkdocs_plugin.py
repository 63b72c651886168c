"""The MkDocs side: a thin plugin that adds the generated pages to the build and watches the data."""

from __future__ import annotations

import html
from pathlib import Path

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.authoring.club import ClubConfig, branding_css, load_club
from generator.catalog.link import Catalog, HiddenIds
from generator.errors import DataError
from generator.outputs.opendata import open_data_files
from generator.outputs.pdf import PrintSettings
from generator.outputs.render import put_drawings_in
from generator.outputs.routes import Routes
from generator.pipeline import build_catalog, generate_pages, generate_pdfs

CLUB_STYLESHEET = "assets/stylesheets/club.css"


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory; Jinja recompiles any whose source has changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_THEME_TEMPLATES = CompiledTemplates()


class ExguideConfig(base.Config):
    data_dir = options.Type(str, default="data")
    club = options.Optional(options.Type(str))
    """A club's club.yml: its data/ folder overlays data_dir, its settings brand the site."""
    bundled_content = options.Optional(options.Type(str))
    """Pages that show unless the site's own docs_dir has a page at the same path."""
    pdfs = options.Type(bool, default=True)
    """Build the routine PDFs; `exguide serve` turns this off for quick previews."""
    paper = options.Choice(("a4", "letter"), default="a4")
    cache_dir = options.Type(str, default=".cache/exguide")


class ExguidePlugin(BasePlugin[ExguideConfig]):
    """Runs load → validate → link → render once per build and hands MkDocs the pages."""

    club: ClubConfig | None = None
    checked_catalog: Catalog | None = None
    """A catalogue `exguide build` has checked already: the next build uses it instead of reading the data again."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path).parent
        self.data_dir = self.project_dir / self.config.data_dir
        self.overlay: Path | None = None
        self.hidden: HiddenIds | None = None
        self.drawings: dict[str, dict[str, str]] = {}
        """Each generated page's drawings by its path in the site's source tree, put in after Markdown."""
        if self.config.club is not None:
            club_folder = Path(self.config.club).parent
            try:
                self.club, document = load_club(club_folder)
            except DataError as error:
                raise PluginError(error.report()) from None
            self.project_dir = club_folder
            self.overlay = club_folder / "data"
            self.hidden = HiddenIds(self.club.hide.exercises, self.club.hide.routines, document)
            if CLUB_STYLESHEET not in config.extra_css:  # `exguide build` checks the config before MkDocs builds
                config.extra_css.append(CLUB_STYLESHEET)
        return config

    def load_catalog(self) -> Catalog:
        """The checked catalogue this site builds from (raises DataError)."""
        return build_catalog(self.data_dir, self.overlay, self.hidden)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        catalog, self.checked_catalog = self.checked_catalog, None
        try:
            catalog = catalog or self.load_catalog()
        except DataError as error:
            raise PluginError(error.report()) from None
        routes = Routes(config.use_directory_urls, config.site_url or "")
        pages = generate_pages(catalog, routes, self.config.pdfs)
        self.drawings = {path: page.drawings for path, page in pages.items() if page.drawings}
        generated: dict[str, str | bytes] = {path: page.content for path, page in pages.items()}
        generated |= open_data_files(catalog, routes)
        if self.config.pdfs:
            generated |= generate_pdfs(
                catalog, self._print_settings(config, routes), self.project_dir / self.config.cache_dir / "pdf"
            )
        if self.club is not None:
            generated[CLUB_STYLESHEET] = branding_css(self.club)
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{config.docs_dir}/{path} would hide a generated file: rename or remove it")
            in_nav = path in pages and pages[path].in_nav
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        self._add_bundled_content(files, config)
        if self.club is not None and self.club.logo is not None:
            logo = self.project_dir / self.club.logo
            files.append(File.generated(config, f"assets/club-logo{logo.suffix.lower()}", abs_src_path=str(logo)))
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates for the next build in this process (a `mkdocs serve` rebuild)."""
        env.bytecode_cache = COMPILED_THEME_TEMPLATES
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put a generated page's drawings in, after Markdown and the search index have read it."""
        return put_drawings_in(output, self.drawings.get(page.file.src_uri, {}))

    def _add_bundled_content(self, files: Files, config: MkDocsConfig) -> None:
        """The bundled guide's pages, except those the club's own content replaces."""
        if self.config.bundled_content is None:
            return
        folder = Path(self.config.bundled_content)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            relative = path.relative_to(folder).as_posix()
            if files.get_file_from_path(relative) is None:
                files.append(File.generated(config, relative, abs_src_path=str(path)))

    def _print_settings(self, config: MkDocsConfig, routes: Routes) -> PrintSettings:
        return PrintSettings(
            site_name=html.unescape(config.site_name),
            routes=routes,
            language=config.theme.get("language", "en"),
            paper=self.config.paper,
            brand_colour=self.club.colours.primary if self.club and self.club.colours else "#000000",
        )

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        for watched in (self.data_dir, self.overlay, self.config.bundled_content, self.config.club):
            if watched is not None and Path(watched).exists():
                server.watch(str(watched))
        return server
