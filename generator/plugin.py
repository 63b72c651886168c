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
from generator.pipeline import generate_pages


class ExguideConfig(base.Config):
    data_dir = options.Type(str, default="data")


class ExguidePlugin(BasePlugin[ExguideConfig]):
    """Runs load → validate → link → render once per build and hands MkDocs the pages."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.data_dir = Path(config.config_file_path).parent / self.config.data_dir
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            pages = generate_pages(self.data_dir, config.use_directory_urls)
        except DataError as error:
            raise PluginError(error.report()) from None
        for path, page in pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} would hide a generated page: rename or remove it")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=page.content, inclusion=inclusion))
        return files

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self.data_dir))
        return server
