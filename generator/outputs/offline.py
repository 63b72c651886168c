"""The guide on a phone without a connection: a web app manifest and icons (part of the site's source),
and a service worker written over the built site, listing every file it can save.

    app_files             manifest.webmanifest and assets/icons/*.png, from the site's settings
    write_service_worker  sw.js in a built site, with a version from its files' contents, and beside it
                          offline-files.json, its files and their sizes (fetched only to save)
    write_retired_worker  sw.js for a preview (`exguide serve`): removes what an earlier build saved

The worker is scoped to the folder it is served from, so a guide under a sub-path saves only its own
pages, and its caches are named after that scope, so two guides on one host never remove each other's.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.outputs.app_icons import ICON_SIZES, MASKABLE, IconSource, app_icons
from generator.outputs.markup import template_environment
from generator.outputs.opendata import OPEN_DATA_MODELS

MANIFEST = "manifest.webmanifest"
ICONS_FOLDER = "assets/icons"
SERVICE_WORKER = "sw.js"
FILE_LIST = "offline-files.json"
"""Beside sw.js: the files it saves, fetched only when the reader looks at saving or saves."""
SHORT_NAME_LENGTH = 15
"""About what a phone's home screen shows under an icon before it cuts the name off."""


def _is_download(relative: str) -> bool:
    """Saved only when the reader asks for the downloads too: printable routines and open data."""
    return relative.endswith(".pdf") or relative in {f"{name}.json" for name in OPEN_DATA_MODELS}


LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", SERVICE_WORKER, FILE_LIST)
MAPS = ".map"
SEARCH_LANGUAGES = "assets/javascripts/lunr/"
"""Material's search support for every language; a guide needs only its own."""


@dataclass(frozen=True)
class AppSettings:
    """What the installed guide is called and looks like."""

    name: str
    description: str
    language: str
    theme_colour: str
    """#rrggbb: the header's colour, which the phone uses for the app's bar."""
    icons: IconSource


def app_file_paths() -> list[str]:
    """The paths `app_files` makes, in its order."""
    return [MANIFEST, *(f"{ICONS_FOLDER}/{name}" for name in (*ICON_SIZES, MASKABLE))]


def app_files(settings: AppSettings) -> dict[str, bytes]:
    """The manifest and its icons, by their path in the site (`app_file_paths`)."""
    icons = {f"{ICONS_FOLDER}/{name}": png for name, png in app_icons(settings.icons).items()}
    manifest = {
        "name": settings.name,
        "short_name": short_name(settings.name),
        "description": settings.description,
        "lang": settings.language,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": settings.theme_colour,
        "icons": [
            *(
                {"src": f"{ICONS_FOLDER}/{name}", "sizes": f"{size}x{size}", "type": "image/png"}
                for name, size in ICON_SIZES.items()
                if name.startswith("icon-")
            ),
            {"src": f"{ICONS_FOLDER}/{MASKABLE}", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return {MANIFEST: text.encode("utf-8"), **icons}


def short_name(name: str) -> str:
    """The name under the icon: the site's name, or as many of its first words as fit."""
    if len(name) <= SHORT_NAME_LENGTH:
        return name
    words: list[str] = []
    for word in name.split():
        if len(" ".join([*words, word])) > SHORT_NAME_LENGTH:
            break
        words.append(word)
    return " ".join(words) or name[:SHORT_NAME_LENGTH]


@dataclass(frozen=True)
class SavedFile:
    """A file the worker can save: its address relative to the site's root, its size, and its group."""

    url: str
    size: int
    download: bool


def site_files(site: Path, languages: tuple[str, ...], other_sites: tuple[str, ...] = ()) -> list[SavedFile]:
    """Every file of a built site a reader may need offline, by its path in the site, in a stable order.
    (The worker keeps a page under its file's address, `routines/index.html`, whichever address a link uses.)
    The folders of `other_sites` (the guide in its other languages) have workers of their own."""
    files = []
    for relative, path in sorted(_files_under(site), key=lambda found: found[0].split("/")):
        if relative.startswith(other_sites):
            continue
        if relative in LEFT_OUT or relative.endswith(MAPS) or not _search_language_needed(relative, languages):
            continue
        files.append(SavedFile(relative, os.stat(path).st_size, _is_download(relative)))
    return files


def _files_under(site: Path) -> Iterator[tuple[str, str]]:
    """Every file in the site's folders: its path in the site, and its path."""
    for folder, _, names in os.walk(site):
        inside = os.path.relpath(folder, site).replace(os.sep, "/")
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                yield (name if inside == "." else f"{inside}/{name}"), path


def _search_language_needed(relative: str, languages: tuple[str, ...]) -> bool:
    if not relative.startswith(SEARCH_LANGUAGES):
        return True
    if languages == ("en",):
        return False
    name = relative.rsplit("/", 1)[-1]
    shared = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}
    return name in shared or any(name == f"lunr.{language}.min.js" for language in languages)


def content_version(site: Path, files: list[SavedFile]) -> str:
    """A version that changes whenever any saved file's contents or address does."""
    digest = hashlib.sha256()
    for saved in files:
        path = site / saved.url
        digest.update(saved.url.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site: Path, languages: tuple[str, ...], other_sites: list[str] | None = None) -> Path:
    """Write sw.js into a built site; returns its path. `other_sites` are the folders of the guide's other
    languages inside it, whose files their own workers save."""
    folders = tuple(f"{folder.strip('/')}/" for folder in other_sites or [])
    files = site_files(site, languages, folders)
    text = (
        template_environment(autoescape=False, finalize=_json_only)
        .get_template("offline/service-worker.js.j2")
        .render(
            version=_Json(json.dumps(content_version(site, files))),
            list=_Json(json.dumps(FILE_LIST)),
            other_sites=_Json(json.dumps(list(folders))),
        )
    )
    listed = "[\n" + ",\n".join(json.dumps([s.url, s.size, int(s.download)]) for s in files) + "\n]\n"
    (site / FILE_LIST).write_text(listed, encoding="utf-8")
    target = site / SERVICE_WORKER
    target.write_text(text, encoding="utf-8")
    return target


def write_retired_worker(site: Path) -> Path:
    """Write the sw.js a preview serves: it removes the caches of this scope and unregisters itself, so a
    browser that saved an earlier build never shows it in place of the preview."""
    template = template_environment(autoescape=False).get_template("offline/retired-worker.js.j2")
    target = site / SERVICE_WORKER
    target.write_text(template.render(), encoding="utf-8")
    return target


class _Json(str):
    """A value already written as JSON, which is also a JavaScript expression."""


def _json_only(value: object) -> object:
    """Only JSON made here reaches the worker's script."""
    if isinstance(value, _Json):
        return value
    raise ValueError(f"refusing to write {value!r} into a script")
