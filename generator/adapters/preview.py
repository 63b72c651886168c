"""The preview's rebuilds: after a save, MkDocs reads and renders only the pages whose source changed, and
the site it leaves is the one a fresh full build of the same data makes.

`exguide serve` runs `mkdocs serve --dirty`, where MkDocs skips every page and file whose `File` says it
is not modified. For each language's site, `SitePreview` decides that for every page and generated file
by comparing its source with what the last build read (`mark_changes`, before MkDocs reads the pages):

- a file is written again when its source (a page's Markdown and drawings, a generated file's bytes)
  changed or its output is missing (neither left in the site by the last build nor found there);
- everything is read and rendered again when something every page shows changed: the site's settings,
  the set of pages, the theme's templates;
- a page that is not read again gets back what the last build read from it (`restore_pages`, before any
  page is rendered), so the navigation, footer links and anchors of the pages that are rendered are a
  full build's; when the navigation's titles changed, every page is rendered again;
- the search index is put together from each page's entries in a full build's order
  (`write_search_index`), and files the last build wrote and this one does not are removed
  (`remove_stale`).

A site in several languages is one MkDocs build per language. After a save, a language whose build would
read nothing new is not built again at all (`built_as_before`): every file saved since lies in the
guide's data, and exguide makes the same outputs in that language (a German page that shows its own
translation does not change when the English text does).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from generator.outputs.write import Output

SEARCH_INDEX = "search/search_index.json"
_IN_SERVE: Callable[[InclusionLevel], bool] = InclusionLevel.is_in_serve
"""The files a preview builds: drafts too."""
_UNSTABLE_SETTINGS = {"config_file_path", "site_dir", "plugins", "dev_addr", "watch"}


@dataclass
class PageReading:
    """What MkDocs read and rendered from one page, for the builds that do not read it again."""

    markdown: str | None
    meta: MutableMapping[str, Any]
    content: str | None
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[File, dict[str, str]] | None

    @classmethod
    def of(cls, page: Page) -> PageReading:
        return cls(
            page.markdown,
            page.meta,
            page.content,
            page.toc,
            page._title_from_render,
            getattr(page, "present_anchor_ids", None),
            getattr(page, "links_to_anchors", None),
        )

    def put_back(self, page: Page) -> None:
        page.markdown, page.meta, page.content, page.toc = self.markdown, self.meta, self.content, self.toc
        page._title_from_render = self.title_from_render
        if self.present_anchor_ids is not None:
            page.present_anchor_ids = self.present_anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = self.links_to_anchors


class _Modified:
    """A File's `is_modified`, decided by the preview rather than by the files' times."""

    def __init__(self, modified: bool) -> None:
        self.modified = modified

    def __call__(self) -> bool:
        return self.modified


@dataclass
class SitePreview:
    """What the last preview build of one language's site left for the next."""

    site_key: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    """Each page's and generated file's source fingerprint, by its path in the site's source."""
    readings: dict[str, PageReading] = field(default_factory=dict)
    search_entries: dict[str, str] = field(default_factory=dict)
    """Each page's entries in the search index, as JSON between the brackets of a list, by the page's URL."""
    nav_titles: list[Any] = field(default_factory=list)
    written: set[str] = field(default_factory=set)
    """Every file of the site that the last build wrote or kept, by its path in the site."""
    _marks: dict[str, _Modified] = field(default_factory=dict)
    _pages: tuple[Files | None, Sequence[File]] = (None, ())
    """The documentation pages of the build's files, listed once for the build's three steps."""
    _read_now: set[str] = field(default_factory=set)
    _made: dict[str, tuple[object, object, str]] = field(default_factory=dict)
    """Each generated file's content and drawings as the last build made them, with their fingerprint: a
    page kept from the last render is the same object, and is not read through again."""

    def mark_changes(self, files: Files, config: MkDocsConfig, outputs: Mapping[str, Output], settings: object) -> None:
        """Tell MkDocs which pages to read and which files to write again (see the module's docstring)."""
        pages = documentation_pages(files)
        self._pages = files, pages
        site_key = _fingerprint(
            json.dumps(
                [
                    repr(settings),
                    {key: value for key, value in config.items() if key not in _UNSTABLE_SETTINGS},
                    [(file.src_uri, file.dest_uri, file.inclusion.name) for file in pages],
                    _templates_state(config),
                ],
                default=repr,
                sort_keys=True,
            )
        )
        everything = site_key != self.site_key
        self.site_key = site_key
        sources: dict[str, str] = {}
        self._marks = {}
        made, self._made = self._made, {}
        for file in files:
            if not (file.is_documentation_page() or file.abs_src_path is None):
                continue
            output = outputs.get(file.src_uri)
            if output is not None and output.source is None and file.generated_by is not None:
                last = made.get(file.src_uri)
                if last is not None and last[0] is output.content and last[1] is output.drawings:
                    source = last[2]
                else:
                    source = _fingerprint(output.content or "", *_drawing_parts(output.drawings))
                self._made[file.src_uri] = (output.content, output.drawings, source)
            else:
                source = _fingerprint(file.content_bytes)
            sources[file.src_uri] = source
            changed = everything or self.sources.get(file.src_uri) != source or not self._in_site(file)
            mark = self._marks[file.src_uri] = _Modified(changed)
            file.is_modified = mark  # type: ignore[method-assign]
        self.sources = sources
        self._read_now = {file.src_uri for file in pages if self._marks[file.src_uri].modified}

    def _in_site(self, file: File) -> bool:
        """Whether the file's output is in the site: written or kept by the last build, which `finish`
        recorded, or else found there."""
        return file.dest_uri in self.written or os.path.exists(file.abs_dest_path)

    def restore_pages(self, files: Files, nav: Navigation) -> None:
        """Give the pages MkDocs did not read what the last build read from them; keep what it read now.

        When the navigation's titles changed, every page is rendered again."""
        pages = self._pages_of(files)
        for file in pages:
            if file.page is None:
                continue
            if file.src_uri in self._read_now:
                self.readings[file.src_uri] = PageReading.of(file.page)
            else:
                self.readings[file.src_uri].put_back(file.page)
        kept = {file.src_uri for file in pages}
        self.readings = {path: reading for path, reading in self.readings.items() if path in kept}
        titles = _nav_titles(nav.items)
        if titles != self.nav_titles:
            for file in pages:
                self._marks[file.src_uri].modified = True
        self.nav_titles = titles

    def finish(self, files: Files, site_dir: Path) -> None:
        """After MkDocs has written the site: the whole search index, and no file a full build would not write."""
        pages = self._pages_of(files)
        self.write_search_index(site_dir, pages)
        written = {file.dest_uri for file in files if _IN_SERVE(file.inclusion)}
        remove_stale(site_dir, self.written - written)
        self.written = written

    def _pages_of(self, files: Files) -> Sequence[File]:
        listed, pages = self._pages
        return pages if listed is files else documentation_pages(files)

    def write_search_index(self, site_dir: Path, pages: Sequence[File]) -> None:
        """The search index with every page's entries, in the order a full build writes them: MkDocs indexed
        only the pages it rendered. Each page's entries are kept as JSON, as Material writes them (compact,
        `str` for what JSON cannot hold), and joined."""
        path = site_dir / SEARCH_INDEX
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        new: dict[str, list[dict[str, Any]]] = {}
        for entry in index["docs"]:
            new.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
        rendered = {_page_url(file) for file in pages if self._marks[file.src_uri].modified}
        entries = {}
        for file in pages:
            url = _page_url(file)
            entries[url] = _search_json(new.get(url, [])) if url in rendered else self.search_entries.get(url, "")
        self.search_entries = entries
        docs = ",".join(page_entries for page_entries in entries.values() if page_entries)
        path.write_bytes(f'{{"config":{_search_json(index["config"])},"docs":[{docs}]}}'.encode())


def _search_json(value: Any) -> str:
    """JSON as Material's search plugin writes its index; a list's items without the brackets around them."""
    text = json.dumps(value, separators=(",", ":"), default=str)
    return text[1:-1] if isinstance(value, list) else text


def built_as_before(
    saved: Collection[Path],
    data_folders: Sequence[Path],
    catalogues: Collection[Path],
    outputs: Callable[[], Mapping[str, Output] | None],
    last: Mapping[str, Output],
) -> bool:
    """Whether a language's site would come out of a build as it is: every path `saved` since its last build
    lies in the guide's `data_folders` and is none of the language's message `catalogues`, and `outputs()`,
    exguide's outputs in that language now (None for the data's problems), are the `last` build's, with no
    file they are taken from saved."""
    folders = [folder.resolve() for folder in data_folders]
    words = {path.resolve() for path in catalogues}
    for path in saved:
        if path in words or not any(path.is_relative_to(folder) for folder in folders):
            return False
    now = outputs()
    if now is None or now != last:
        return False
    taken = {output.source.resolve() for output in now.values() if output.source is not None}
    return not taken.intersection(saved)


def documentation_pages(files: Files) -> Sequence[File]:
    return files.documentation_pages(inclusion=_IN_SERVE)


def _page_url(file: File) -> str:
    """The page's URL as the search index has it (the home page's is empty)."""
    return file.page.url if file.page is not None else file.url


def remove_stale(site_dir: Path, stale: set[str]) -> None:
    """Remove files of the site that are no longer built, and the folders they leave empty."""
    for path in sorted(stale):
        target = site_dir / path
        if target.is_file():
            target.unlink()
        for folder in _parents_within(target, site_dir):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _parents_within(path: Path, top: Path) -> Iterator[Path]:
    for folder in path.parents:
        if folder == top or not folder.is_relative_to(top):
            return
        yield folder


def _fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _drawing_parts(drawings: dict[str, str]) -> list[str]:
    return [part for placeholder, svg in sorted(drawings.items()) for part in (placeholder, svg)]


def _templates_state(config: MkDocsConfig) -> list[tuple[str, float]]:
    """The site's own theme templates, by their times: an edited template changes every page."""
    folder = config.theme.custom_dir
    if not folder or not os.path.isdir(folder):
        return []
    return sorted((str(path), path.stat().st_mtime) for path in Path(folder).rglob("*") if path.is_file())


def _nav_titles(items: Sequence[Any], title: Callable[[Any], Any] = lambda item: item.title) -> list[Any]:
    """The navigation as every page shows it: each entry's title and where it leads."""
    shown: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            shown.append([title(item), _nav_titles(item.children)])
        else:
            shown.append([title(item), getattr(item, "url", None)])
    return shown


class IdleCollection:
    """A preview's rebuilds run without Python's cyclic garbage collector, which would otherwise walk every
    object the caches keep between builds, at moments no one chooses, on the way from a save to the
    reload; the garbage is collected once the preview has been idle for `delay` seconds."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self._timer: threading.Timer | None = None

    def pause(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        gc.disable()

    def resume_soon(self) -> None:
        self._timer = threading.Timer(self.delay, self._collect)
        self._timer.daemon = True
        self._timer.start()

    def _collect(self) -> None:
        gc.collect()
        gc.enable()
