"""The export adapter: a site's whole source in one folder, with an mkdocs.yml that needs no exguide plugin.

Any engine that reads MkDocs configs can build the folder: MkDocs itself, a fork such as ProperDocs, or
a successor. It holds the site's own pages, exguide's outputs (generated pages with their drawings in
place, figures, open data, PDFs, a club's stylesheet and logo, bundled pages) and the theme overrides.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from generator.adapters.mkdocs_plugin import ExguidePlugin, guide_settings
from generator.guide import CLUB_STYLESHEET, Guide, build_outputs
from generator.outputs.write import Output, write_outputs

DOCS = "docs"
OVERRIDES = "overrides"
PLUGIN = "exguide"


class ExportError(Exception):
    """The site's config cannot be exported: one line saying why."""


def export_site(config_file: Path, folder: Path) -> list[str]:
    """Write the site's source under `folder` (raises DataError, ExportError); returns the files written."""
    config = load_config(str(config_file))
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, ExguidePlugin):
        raise ExportError(f"{config_file}: the exguide plugin is not listed under plugins")
    settings = guide_settings(config, plugin.config)
    outputs = build_outputs(Guide(settings))
    content = Path(config.docs_dir)
    own_pages = list(_own_pages(content))
    taken = {page.path for page in own_pages}
    written = write_outputs(
        [*own_pages, *(output for output in outputs.values() if output.path not in taken)], folder / DOCS
    )
    theme = config.theme.custom_dir
    if theme is not None:
        shutil.copytree(theme, folder / OVERRIDES, dirs_exist_ok=True)
    with config_file.open("rb") as source:
        site = yaml_load(source)
    exported = _plain_config(site, with_overrides=theme is not None, club=settings.club is not None)
    hidden_pages = [
        f"/{path}"
        for path, output in outputs.items()
        if path.endswith(".md") and output.source is None and not output.in_nav
    ]
    if hidden_pages:  # generated pages the navigation leaves out on purpose, as the plugin marks them
        exported["not_in_nav"] = "\n".join(sorted(hidden_pages))
    (folder / "mkdocs.yml").write_text(
        "# Written by `exguide export`: builds with any engine that reads MkDocs configs, no exguide plugin needed.\n"
        + yaml.safe_dump(exported, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return [*written, "mkdocs.yml"]


def _own_pages(content: Path) -> Iterator[Output]:
    """The site's hand-written pages and files, which replace bundled pages at the same path."""
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        yield Output(path.relative_to(content).as_posix(), source=path)


def _plain_config(site: dict[str, Any], *, with_overrides: bool, club: bool) -> dict[str, Any]:
    """The site's MkDocs settings for the exported folder: its own paths, and no exguide plugin."""
    exported = {key: value for key, value in site.items() if key not in {"docs_dir", "site_dir"}}
    exported["docs_dir"] = DOCS
    exported["site_dir"] = "site"
    theme = dict(exported.get("theme") or {})
    theme.pop("custom_dir", None)
    if with_overrides:
        theme["custom_dir"] = OVERRIDES
    exported["theme"] = theme
    exported["plugins"] = [plugin for plugin in exported.get("plugins", []) if _plugin_name(plugin) != PLUGIN]
    if club:
        exported["extra_css"] = [*exported.get("extra_css", []), CLUB_STYLESHEET]
    return exported


def _plugin_name(plugin: Any) -> str:
    return str(next(iter(plugin))) if isinstance(plugin, dict) else str(plugin)
