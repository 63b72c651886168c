"""The MkDocs side: a thin plugin that adds the generated pages to the build and watches the data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.errors import DataError
from generator.pdf import PrintSettings
from generator.pipeline import build_catalog, generate_pages, generate_pdfs


class ExguideConfig(base.Config):
    data_dir = options.Type(str, default="data")
    pdfs = options.Type(bool, default=True)
    """Build the routine PDFs; `exguide serve` turns this off for quick previews."""
    paper = options.Choice(("a4", "letter"), default="a4")
    cache_dir = options.Type(str, default=".cache/exguide")


class ExguidePlugin(BasePlugin[ExguideConfig]):
    """Runs load → validate → link → render once per build and hands MkDocs the pages."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path).parent
        self.data_dir = self.project_dir / self.config.data_dir
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            catalog = build_catalog(self.data_dir)
        except DataError as error:
            raise PluginError(error.report()) from None
        pages = generate_pages(catalog, config.use_directory_urls, self.config.pdfs)
        generated: dict[str, str | bytes] = {path: page.content for path, page in pages.items()}
        if self.config.pdfs:
            settings = PrintSettings(
                site_name=config.site_name,
                site_url=config.site_url or "",
                language=config.theme.get("language", "en"),
                paper=self.config.paper,
            )
            generated |= generate_pdfs(catalog, settings, self.project_dir / self.config.cache_dir / "pdf")
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} would hide a generated file: rename or remove it")
            in_nav = path in pages and pages[path].in_nav
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self.data_dir))
        return server
