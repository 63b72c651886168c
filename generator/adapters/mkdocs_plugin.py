"""The MkDocs adapter: hands MkDocs the outputs of exguide's build as files, and watches the data.

It builds nothing of its own: every file comes from `guide.build_outputs`, which `exguide export` writes
to a folder just the same for any engine.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Literal

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

from generator.authoring.club import CLUB_FILE, load_club
from generator.catalog.link import HiddenIds
from generator.errors import DataError
from generator.guide import CLUB_STYLESHEET, BuildCaches, Club, Guide, GuideSettings, build_outputs
from generator.outputs.offline import write_retired_worker, write_service_worker
from generator.outputs.render import put_drawings_in
from generator.outputs.routes import Routes
from generator.outputs.write import Output

SERVE_PDFS = "EXGUIDE_SERVE_PDFS"
"""`mkdocs serve` leaves the PDFs out for quick previews, unless this is set to 1 (`exguide serve --pdfs`)."""


class ExguideConfig(base.Config):
    data_dir = options.Type(str, default="data")
    club = options.Optional(options.Type(str))
    """A club's club.yml: its data/ folder overlays data_dir, its settings brand the site."""
    bundled_content = options.Optional(options.Type(str))
    """Pages that show unless the site's own docs_dir has a page at the same path."""
    pdfs = options.Type(bool, default=True)
    paper = options.Choice(("a4", "letter"), default="a4")
    cache_dir = options.Type(str, default=".cache/exguide")
    offline = options.Type(bool, default=True)
    """Whether the built site can be saved for offline use; a club's club.yml can turn it off too."""


def guide_settings(config: MkDocsConfig, plugin: ExguideConfig, serving: bool = False) -> GuideSettings:
    """What a build of the site's guide depends on, read from its MkDocs config (raises DataError)."""
    project = Path(config.config_file_path).parent
    data_dir = project / plugin.data_dir
    club = None
    if plugin.club is not None:
        folder = Path(plugin.club).parent
        club_config, document = load_club(folder)
        club = Club(club_config, folder, HiddenIds(club_config.hide.exercises, club_config.hide.routines, document))
        project = folder
    return GuideSettings(
        data_dir=data_dir,
        site_name=html.unescape(config.site_name),
        routes=Routes(config.use_directory_urls, config.site_url or ""),
        language=config.theme.get("language", "en"),
        paper=plugin.paper,
        pdfs=plugin.pdfs and (not serving or os.environ.get(SERVE_PDFS) == "1"),
        pdf_cache=project / plugin.cache_dir / "pdf",
        club=club,
        bundled_content=Path(plugin.bundled_content) if plugin.bundled_content else None,
        description=config.site_description or "",
        offline=plugin.offline and (club.config.offline if club else True),
    )


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory; Jinja recompiles any whose source has changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class ExguidePlugin(BasePlugin[ExguideConfig]):
    """Adds exguide's outputs to each MkDocs build. Having `on_startup`, it is kept across the rebuilds of
    `mkdocs serve`, and so are its guide's caches and the theme's compiled templates."""

    def __init__(self) -> None:
        self.serving = False
        self.guide: Guide | None = None
        self._adopted: Guide | None = None
        self.theme_templates = CompiledTemplates()
        self.drawings: dict[str, dict[str, str]] = {}
        """Each page's drawings by its path in the site's source, put in after Markdown and the search index."""

    def adopt(self, guide: Guide) -> None:
        """Build the next time from this guide, whose data `exguide build` has checked already."""
        self._adopted = guide

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._adopted is not None:
            self.guide, self._adopted = self._adopted, None
        else:
            try:
                settings = guide_settings(config, self.config, self.serving)
            except DataError as error:
                raise PluginError(error.report()) from None
            self.guide = Guide(settings, self.guide.caches if self.guide else BuildCaches())
        if self.guide.settings.club is not None and CLUB_STYLESHEET not in config.extra_css:
            config.extra_css.append(CLUB_STYLESHEET)
        config.extra["exguide_offline"] = self.offline
        return config

    @property
    def offline(self) -> bool:
        """Whether this build's pages register the service worker: a build that allows it, never a preview."""
        return self.guide is not None and self.guide.settings.offline and not self.serving

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The service worker, listing the built site's files; a preview's removes what a build saved."""
        site = Path(config.site_dir)
        if self.offline:
            assert self.guide is not None, "on_config comes first"
            write_service_worker(site, (self.guide.settings.language.split("-")[0],))
        else:
            write_retired_worker(site)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.guide is not None, "on_config comes first"
        try:
            outputs = build_outputs(self.guide)
        except DataError as error:
            raise PluginError(error.report()) from None
        self.drawings = {path: output.drawings for path, output in outputs.items() if output.drawings}
        for output in outputs.values():
            if files.get_file_from_path(output.path) is not None:
                if output.replaceable:
                    continue
                raise PluginError(f"{config.docs_dir}/{output.path} would hide a generated file: rename or remove it")
            files.append(_mkdocs_file(output, config))
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates for the next build in this process (a `mkdocs serve` rebuild)."""
        env.bytecode_cache = self.theme_templates
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put a generated page's drawings in, after Markdown and the search index have read it."""
        return put_drawings_in(output, self.drawings.get(page.file.src_uri, {}))

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        assert self.guide is not None, "on_config comes first"
        settings = self.guide.settings
        watched = [settings.data_dir, settings.bundled_content]
        if settings.club is not None:
            watched += [settings.club.folder / "data", settings.club.folder / CLUB_FILE]
        for path in watched:
            if path is not None and path.exists():
                server.watch(str(path))
        return server


def _mkdocs_file(output: Output, config: MkDocsConfig) -> File:
    if output.source is not None:
        return File.generated(config, output.path, abs_src_path=str(output.source))
    inclusion = InclusionLevel.UNDEFINED if output.in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, output.path, content=output.content or "", inclusion=inclusion)
