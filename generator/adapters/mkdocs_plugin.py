"""The MkDocs adapter: hands MkDocs the outputs of exguide's build as files, and watches the data.

It builds nothing of its own: every file comes from `guide.build_outputs`, which `exguide export` writes
to a folder just the same for any engine.
"""

from __future__ import annotations

import dataclasses
import gc
import html
import logging
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.adapters.preview import IdleCollection, SitePreview, built_as_before
from generator.adapters.theme_files import list_theme_files_quickly
from generator.authoring.club import CLUB_FILE, club_languages, load_club, write_club_config
from generator.catalog.link import HiddenIds
from generator.errors import DataError
from generator.guide import CLUB_STYLESHEET, BuildCaches, Club, Guide, GuideSettings, build_outputs, start_outputs
from generator.outputs.languages import (
    LANGUAGE_CODE,
    language_links,
    language_root,
    pages_in_language,
)
from generator.outputs.markup import CompiledTemplates
from generator.outputs.messages import Messages, guide_catalogues
from generator.outputs.offline import write_retired_worker, write_service_worker
from generator.outputs.preview_problems import PROBLEMS_SCRIPT, problems_script
from generator.outputs.render import put_drawings_in
from generator.outputs.render_ahead import DrawingsFile, RenderAhead, render_ahead_possible
from generator.outputs.routes import Routes
from generator.outputs.write import Output

log = logging.getLogger("mkdocs.plugins.exguide")

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
    languages = options.ListOfItems(options.Type(str), default=[])
    """The site's languages, the default first (it must be theme.language); each other one is built
    under /<language>/. Empty: theme.language alone. A club's club.yml sets them for its site."""
    data_language = options.Type(str, default="en")
    """The language data_dir's files are written in."""


def guide_settings(
    config: MkDocsConfig, plugin: ExguideConfig, serving: bool = False, language: str | None = None
) -> GuideSettings:
    """What a build of the site's guide depends on, read from its MkDocs config (raises DataError).

    `language` is the language of this build when it is one of the site's other languages."""
    project = Path(config.config_file_path).parent
    data_dir = project / plugin.data_dir
    club = None
    if plugin.club is not None:
        folder = Path(plugin.club).parent
        club_config, document = load_club(folder)
        club = Club(club_config, folder, HiddenIds(club_config.hide.exercises, club_config.hide.routines, document))
        project = folder
    languages = tuple(club_languages(club.config) if club else plugin.languages) or (config.theme["language"],)
    if language is None:
        _check_languages(config, languages, club_languages(club.config) if club else None)
    settings = GuideSettings(
        data_dir=data_dir,
        site_name=html.unescape(config.site_name),
        routes=Routes(config.use_directory_urls, config.site_url or ""),
        language=language or languages[0],
        languages=languages,
        data_language=plugin.data_language,
        paper=plugin.paper,
        pdfs=plugin.pdfs and (not serving or os.environ.get(SERVE_PDFS) == "1"),
        # Each language's PDFs are cached apart: a build keeps only its own PDFs in its cache.
        pdf_cache=project / plugin.cache_dir / ("pdf" if language is None else f"pdf-{language}"),
        club=club,
        bundled_content=Path(plugin.bundled_content) if plugin.bundled_content else None,
        description=config.site_description or "",
        offline=plugin.offline and (club.config.offline if club else True),
    )
    if len(languages) == 1:
        return settings
    messages = settings.messages()
    return dataclasses.replace(
        settings, site_name=messages._(settings.site_name), description=messages._(settings.description)
    )


def _check_languages(config: MkDocsConfig, languages: tuple[str, ...], from_club: list[str] | None) -> None:
    where = "club.yml: languages" if from_club is not None else "mkdocs.yml: plugins.exguide.languages"
    for code in languages:
        if not LANGUAGE_CODE.match(code):
            raise PluginError(f"{where}: '{code}' is not a language code (two letters, such as en or de)")
    if len(set(languages)) != len(languages):
        raise PluginError(f"{where}: a language is listed twice")
    if from_club is None and len(languages) > 1 and config.theme["language"] != languages[0]:
        raise PluginError(
            f"mkdocs.yml: theme.language is '{config.theme['language']}' but the first of the site's languages is"
            f" '{languages[0]}' (make them the same: the first language is the site's default)"
        )


class ExguidePlugin(BasePlugin[ExguideConfig]):
    """Adds exguide's outputs to each MkDocs build. Having `on_startup`, it is kept across the rebuilds of
    `mkdocs serve`, and so are its guides' caches (one guide per language) and the theme's compiled templates.

    A site in several languages is built in its default language at the root; after that build, the
    same configuration is built again for each other language into /<language>/ (on_post_build)."""

    def __init__(self) -> None:
        self.serving = False
        self.guide: Guide | None = None
        self.guides: dict[str, Guide] = {}
        """The guide of each language, kept with its caches for the next build in this process."""
        self.building_language: str | None = None
        """While a site's other language is built: that language."""
        self._adopted: Guide | None = None
        self.theme_templates = CompiledTemplates()
        self.drawings: Mapping[str, dict[str, str]] = {}
        """Each page's drawings by its path in the site's source, put in after Markdown and the search index."""
        self.incremental = False
        """`mkdocs serve --dirty`, which `exguide serve` runs: a rebuild reads and renders only what changed."""
        self.previews: dict[str, SitePreview] = {}
        """Each language's last preview build, which the next one compares with (see adapters/preview.py)."""
        self.last_good: dict[str, tuple[dict[str, Output], Messages]] = {}
        """Each language's outputs from its last build without problems, which a preview keeps on a data error."""
        self.problems: dict[str, DataError] = {}
        """The data's problems found by this build of each language, while the preview shows the last good one."""
        self.site_language: str | None = None
        self.saved: set[Path] | None = None
        """The paths saved since the last build, as `exguide serve` is told of them (`files_saved`); None
        when not known, as in `mkdocs serve`. Each build of the site takes them once."""
        self._saved_now: set[Path] | None = None
        self.collection = IdleCollection()
        self._files: Files | None = None
        self._outputs: dict[str, Output] = {}
        self._nav: Navigation | None = None
        self._ahead: RenderAhead | None = None
        """A full build's render, running while MkDocs reads the pages (see outputs/render_ahead.py)."""
        self._ahead_paths: set[str] = set()
        self._drawings_file: DrawingsFile | None = None

    def adopt(self, guide: Guide) -> None:
        """Build the next time from this guide, whose data `exguide build` has checked already."""
        self._adopted = guide

    def files_saved(self, paths: Iterable[str]) -> None:
        """Before a preview's rebuild: the paths created, changed, moved or deleted since the last build."""
        self.saved = {Path(os.path.abspath(path)) for path in paths}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_without_dirty_build_warning)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        language = self.building_language
        if language is None:
            self._saved_now, self.saved = self.saved, None
        if self._adopted is not None and language is None:
            guide, self._adopted = self._adopted, None
        else:
            self.problems.pop(language or self.site_language or "", None)
            try:
                if self.serving and language is None and self.config.club is not None:
                    # A save to club.yml rewrites the config MkDocs builds from, which MkDocs watches.
                    write_club_config(Path(self.config.club).parent)
                settings = guide_settings(config, self.config, self.serving, language)
            except DataError as error:
                guide = self._last_good_guide(language or self.site_language, error)
            else:
                previous = self.guides.get(settings.language)
                caches = BuildCaches.for_preview() if self.incremental else BuildCaches()
                guide = Guide(settings, previous.caches if previous else caches)
        self.guide = self.guides[guide.settings.language] = guide
        if language is None:
            self.site_language = guide.settings.language
            saved = self._saved_now if self.incremental else None
            for each in self.guides.values():  # every language's guide reads its data after this
                each.caches.reads.saved = None if saved is None else frozenset(map(str, saved))
        if guide.settings.club is not None and CLUB_STYLESHEET not in config.extra_css:
            config.extra_css.append(CLUB_STYLESHEET)
        config.extra["exguide_offline"] = self.offline
        config.extra["exguide_preview"] = self.serving
        if self.incremental:
            _index_search_whole(config)
            if language is None:
                self.collection.pause()
        if len(guide.settings.site_languages) > 1:
            self._set_language(config, guide.settings)
        return config

    def _set_language(self, config: MkDocsConfig, settings: GuideSettings) -> None:
        """Name, navigation and language menu in this build's language."""
        try:
            messages = settings.messages()
        except DataError as error:
            raise PluginError(error.report()) from None
        # The theme writes both into pages as they are: escaped here, as a club's config has them.
        config.site_name = html.escape(settings.site_name)
        if config.site_description:
            config.site_description = html.escape(settings.description)
        if config.nav is not None:
            config.nav = translated_nav(config.nav, messages)
        config.extra.update(language_menu(settings, messages))

    def _last_good_guide(self, language: str | None, error: DataError) -> Guide:
        """While previewing, a data error keeps the last good build of the language (raises PluginError)."""
        guide = self.guides.get(language or "")
        if not self.incremental or guide is None or guide.settings.language not in self.last_good:
            raise PluginError(error.report()) from None
        self._report(guide.settings.language, error)
        return guide

    def _report(self, language: str, error: DataError) -> None:
        self.problems[language] = error
        print(
            f"exguide: the preview ({language}) shows the last good build until these problems are fixed:\n{error}",
            file=sys.stderr,
            flush=True,
        )

    @property
    def offline(self) -> bool:
        """Whether this build's pages register the service worker: a build that allows it, never a preview."""
        return self.guide is not None and self.guide.settings.offline and not self.serving

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The site's other languages, then the service worker, listing the built site's files (a language's
        own, under its folder); a preview's removes what a build saved."""
        assert self.guide is not None, "on_config comes first"
        self._let_go_of_drawings()
        settings = self.guide.settings
        site = Path(config.site_dir)
        if self.incremental and self._files is not None:
            self._preview().finish(self._files, site)
        if self.building_language is None:
            for language in settings.site_languages[1:]:
                if self._built_as_before(language):
                    log.info(f"exguide: the site in '{language}' is as the last build left it")
                else:
                    self._build_language(config, language)
            self.guide = self.guides[settings.language]
            if self.incremental:
                self.collection.resume_soon()
        others = [code for code in settings.site_languages[1:] if code != settings.language]
        if self.offline:
            write_service_worker(site, (settings.language.split("-")[0],), others)
        else:
            write_retired_worker(site)

    def _built_as_before(self, language: str) -> bool:
        """In a preview's rebuild, whether the site in `language` would be built just as it was (see
        preview.built_as_before)."""
        guide, saved = self.guides.get(language), self._saved_now
        if not self.incremental or saved is None or guide is None or language not in self.last_good:
            return False
        if language in self.problems:
            return False
        folders = guide.settings.data_folders()

        def outputs() -> dict[str, Output] | None:
            try:
                return build_outputs(guide)
            except DataError:
                return None

        last, _ = self.last_good[language]
        return built_as_before(saved, folders, guide_catalogues(folders, language), outputs, last)

    def _build_language(self, config: MkDocsConfig, language: str) -> None:
        """Build the site again in another of its languages, into <site>/<language>/."""
        languages = self.guide.settings.site_languages if self.guide else (language,)
        other = load_config(
            config.config_file_path,
            site_dir=str(Path(config.site_dir) / language_root(language, languages)),
            strict=config.strict,
            use_directory_urls=config.use_directory_urls,
        )
        if self.serving:
            list_theme_files_quickly(other.theme, self.theme_templates)
        other.site_url = f"{config.site_url.rstrip('/')}/{language}/" if config.site_url else ""
        other.theme["language"] = language
        plugin = other.plugins.get("exguide")
        if not isinstance(plugin, ExguidePlugin):
            raise PluginError(f"{config.config_file_path}: the exguide plugin is not listed under plugins")
        plugin.serving, plugin.building_language = self.serving, language
        try:
            build(other, serve_url="/" if self.serving else None, dirty=self.incremental)
        finally:
            plugin.building_language = None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.guide is not None, "on_config comes first"
        settings = self.guide.settings
        language = settings.language
        try:
            if language in self.problems:
                raise self.problems[language]
            if not self.serving and render_ahead_possible():
                outputs, self._ahead = start_outputs(self.guide)
                self._ahead_paths = {path for path, _ in self._ahead.plan}
                # What this build holds now lives to its end: the collector need not walk it again.
                gc.freeze()
            else:
                outputs = build_outputs(self.guide)
            messages = settings.messages()
        except DataError as error:
            if not self.incremental or language not in self.last_good:
                raise PluginError(error.report()) from None
            if language not in self.problems:
                self._report(language, error)
            outputs, messages = self.last_good[language]
        else:
            if self.incremental:
                self.last_good[language] = outputs, messages
        if self.serving:
            problems = self.problems[language].problems if language in self.problems else []
            script = Output(PROBLEMS_SCRIPT, problems_script([str(problem) for problem in problems]))
            outputs = {**outputs, script.path: script}
        _content_in_language(files, config, settings, messages)
        self.drawings = {path: output.drawings for path, output in outputs.items() if output.drawings}
        existing = files.src_uris
        for path, output in outputs.items():  # by path as a File's src_uri has it (see write.collect_outputs)
            if path in existing:
                if output.replaceable:
                    continue
                raise PluginError(f"{config.docs_dir}/{output.path} would hide a generated file: rename or remove it")
            files.append(_mkdocs_file(output, config))
        self._files, self._outputs = files, outputs
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In a preview's rebuild, tell MkDocs which pages and files to read and write again."""
        if self.incremental:
            assert self.guide is not None, "on_config comes first"
            self._nav = nav
            self._preview().mark_changes(files, config, self._outputs, self.guide.settings)
        return nav

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """A page rendered ahead gets its Markdown as MkDocs comes to read it."""
        path = page.file.src_uri
        if self._ahead is not None and path in self._ahead_paths:
            try:
                page.file.content_string = self._ahead.content(path)
            except DataError as error:
                raise PluginError(error.report()) from None
        return page

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """The rest of what was rendered ahead, before MkDocs writes any file; and keep the theme's compiled
        templates for the next build in this process (a `mkdocs serve` rebuild)."""
        if self._ahead is not None:
            self._take_the_rest(self._ahead, files)
        env.bytecode_cache = self.theme_templates
        if self.incremental and self._nav is not None:
            self._preview().restore_pages(files, self._nav)
        return env

    def _take_the_rest(self, ahead: RenderAhead, files: Files) -> None:
        """The drawings, the thumbnails and the open data, once rendered."""
        self._ahead = None
        try:
            rendered = ahead.finish()
        except DataError as error:
            raise PluginError(error.report()) from None
        for path, content in rendered.contents.items():
            file = files.get_file_from_path(path)
            if file is not None:
                file.content_string = content
        for path, data in rendered.files.items():
            file = files.get_file_from_path(path)
            if file is not None:
                file.content_bytes = data
        self.drawings = self._drawings_file = rendered.drawings

    def _let_go_of_drawings(self) -> None:
        """Once the pages are written: the drawings' file, after a render ahead."""
        if self._drawings_file is not None:
            self._drawings_file.close()
            self._drawings_file = None
            self.drawings = {}

    def _preview(self) -> SitePreview:
        assert self.guide is not None, "on_config comes first"
        return self.previews.setdefault(self.guide.settings.language, SitePreview())

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put a generated page's drawings in, after Markdown and the search index have read it."""
        return put_drawings_in(output, self.drawings.get(page.file.src_uri, {}))

    def on_build_error(self, *, error: Exception) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None
        self._let_go_of_drawings()
        if self.incremental and self.building_language is None:
            self.collection.resume_soon()

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


def _without_dirty_build_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave navigation and links stale; exguide's preview decides what
    each rebuild reads again so that they are not, and strict mode would stop at the warning."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _index_search_whole(config: MkDocsConfig) -> None:
    """Material's search plugin, in a dirty build, merges the last index into the new one as it goes; the
    preview writes the whole index itself (SitePreview.write_search_index), from this build's entries."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev") and getattr(plugin, "is_dirty", False):
            plugin.is_dirty = False


def translated_nav(nav: Any, messages: Messages) -> Any:
    """The navigation with every title passed through the message catalogues."""
    if isinstance(nav, list):
        return [translated_nav(item, messages) for item in nav]
    if isinstance(nav, dict):
        return {messages._(str(title)): translated_nav(value, messages) for title, value in nav.items()}
    return nav


def language_menu(settings: GuideSettings, messages: Messages) -> dict[str, Any]:
    """The theme's `extra` settings for the language menu and hreflang links of a site in several languages
    (see site_overrides/partials/alternate.html): Material shows its menu when `alternate` is set; true,
    not a list, so that its own hreflang links (each to a language's home) give way to exguide's, each to
    the same page."""
    home = settings.routes.site_url
    if home and settings.language != settings.site_languages[0]:
        home = home.rstrip("/").rsplit("/", 1)[0] + "/"
    links = language_links(settings.language, settings.site_languages, messages)
    return {
        "alternate": True,
        "exguide_languages": [
            {
                "code": link.code,
                "name": link.name,
                "root": link.root,
                "current": link.code == settings.language,
                "address": home + language_root(link.code, settings.site_languages) if home else "",
            }
            for link in links
        ],
    }


def _content_in_language(files: Files, config: MkDocsConfig, settings: GuideSettings, messages: Messages) -> None:
    """The site's own content pages in this build's language (see languages.pages_in_language)."""
    own = {file.src_uri: file for file in files if file.generated_by is None and file.abs_src_path}
    shown = pages_in_language(
        {path: Path(file.abs_src_path or "") for path, file in own.items()},
        settings.language,
        settings.site_languages,
        messages,
    )
    for path, file in own.items():
        chosen = shown.get(path)
        if chosen is None:
            files.remove(file)
        elif isinstance(chosen, str) or chosen != Path(file.abs_src_path or ""):
            files.remove(file)
            content = chosen if isinstance(chosen, str) else chosen.read_text(encoding="utf-8")
            files.append(File.generated(config, path, content=content, inclusion=file.inclusion))


def _mkdocs_file(output: Output, config: MkDocsConfig) -> File:
    if output.source is not None:
        return File.generated(config, output.path, abs_src_path=str(output.source))
    inclusion = InclusionLevel.UNDEFINED if output.in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, output.path, content=output.content or "", inclusion=inclusion)
