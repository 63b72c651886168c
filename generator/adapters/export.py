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
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from generator.adapters.mkdocs_plugin import ExguidePlugin, guide_settings, language_menu, translated_nav
from generator.guide import CLUB_STYLESHEET, Guide, GuideSettings, build_outputs
from generator.outputs.languages import pages_in_language
from generator.outputs.messages import Messages
from generator.outputs.write import Output, write_outputs

DOCS = "docs"
OVERRIDES = "overrides"
PLUGIN = "exguide"


class ExportError(Exception):
    """The site's config cannot be exported: one line saying why."""


def export_site(config_file: Path, folder: Path) -> list[str]:
    """Write the site's source under `folder` (raises DataError, ExportError); returns the files written.

    A site in several languages is one project per language: the default's in `folder`, each other's in
    `folder/<language>/`, which builds into the default's site folder under <language>/."""
    config = load_config(str(config_file))
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, ExguidePlugin):
        raise ExportError(f"{config_file}: the exguide plugin is not listed under plugins")
    languages = guide_settings(config, plugin.config).site_languages
    written = []
    for language in languages:
        other = language != languages[0]
        target = folder / language if other else folder
        settings = guide_settings(config, plugin.config, language=language if other else None)
        files = _export_language(config_file, config, settings, target)
        written += [f"{language}/{path}" if other else path for path in files]
    return written


def _export_language(config_file: Path, config: MkDocsConfig, settings: GuideSettings, folder: Path) -> list[str]:
    """Write one language's project (see export_site)."""
    outputs = build_outputs(Guide(settings))
    messages = settings.messages()
    content = Path(config.docs_dir)
    own_pages = list(_own_pages(content, settings, messages))
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
    if len(settings.site_languages) > 1:
        _in_language(exported, settings, messages)
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


def _own_pages(content: Path, settings: GuideSettings, messages: Messages) -> Iterator[Output]:
    """The site's hand-written pages and files in the language, which replace bundled pages at the same path."""
    files = {p.relative_to(content).as_posix(): p for p in sorted(content.rglob("*")) if p.is_file()}
    for path, shown in pages_in_language(files, settings.language, settings.site_languages, messages).items():
        yield Output(path, source=shown) if isinstance(shown, Path) else Output(path, shown)


def _in_language(exported: dict[str, Any], settings: GuideSettings, messages: Messages) -> None:
    """A language's project settings: its theme language, name and navigation, its place in the site."""
    default = settings.language == settings.site_languages[0]
    exported["theme"]["language"] = settings.language
    exported["site_name"] = messages._(str(exported.get("site_name", "")))
    if exported.get("site_description"):
        exported["site_description"] = messages._(str(exported["site_description"]))
    if exported.get("nav") is not None:
        exported["nav"] = translated_nav(exported["nav"], messages)
    if not default:
        exported["site_dir"] = f"../site/{settings.language}"
        if exported.get("site_url"):
            exported["site_url"] = f"{str(exported['site_url']).rstrip('/')}/{settings.language}/"
    exported["extra"] = {**(exported.get("extra") or {}), **language_menu(settings, messages)}


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
