"""Printable PDFs: a sheet per routine, and a booklet of them all.

This module says what is printed and when it must be drawn again; `pdf_drawing` draws it, in parallel
worker processes, and joins the booklet from the sheets' own PDFs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup

from generator.catalog.link import Catalog
from generator.catalog.weeks import weeks_by_level
from generator.outputs.markup import markup_environment
from generator.outputs.messages import SOURCE_LANGUAGE, Messages
from generator.outputs.pdf_drawing import BookletJob, chapter_anchor, draw_booklet, draw_pdf, page_mark
from generator.outputs.print_sheet import routine_sheet
from generator.outputs.render import render_joint_chain
from generator.outputs.routes import BOOKLET, Routes, pdf_path
from generator.workers import Workers, cores, process_running

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
BOOKLET_ASSEMBLY = "1"
"""Part of a booklet's cache key: change it whenever the way booklets are put together changes."""
_CACHE_FILE = re.compile(r"[0-9a-f]{64}\.pdf")
_CACHE_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.(?P<pid>\d+)\.tmp")
"""A cached PDF being written; one whose process has ended was left by a build that was killed."""
T = TypeVar("T")


@dataclass(frozen=True)
class PrintSettings:
    """What every printed page carries: whose guide it is, where it lives online, and its paper."""

    site_name: str
    routes: Routes = field(default_factory=Routes)
    """The site's URLs; without a site address, no page prints an address or a QR code."""
    language: str = "en"
    paper: str = "a4"
    """A key of PAPER_SIZES."""
    brand_colour: str = "#000000"
    """Titles and rules in the club's colour (checked for contrast against white)."""
    messages: Messages = field(default_factory=lambda: Messages(SOURCE_LANGUAGE), compare=False)
    """The words around the data, in the language of the pages (`language`)."""

    @property
    def paper_css(self) -> str:
        return PAPER_SIZES[self.paper]


@dataclass(frozen=True)
class Chapter:
    """A document whose PDF a booklet includes, and its title in the booklet's outline."""

    path: str
    title: str


@dataclass(frozen=True)
class PrintDocument:
    """An HTML document to print, and where its PDF goes in the site.

    A booklet has chapters: its HTML is only the front matter, and the chapters' own PDFs follow it.
    The front matter shows page_mark(n) where chapter n's first page number goes (counting chapters
    from 0) and page_mark() where the booklet's page count goes; a link to "#" + chapter_anchor(n)
    takes the reader to chapter n's first page.
    """

    path: str
    html: str
    chapters: tuple[Chapter, ...] | None = None
    """None for a document printed as it is."""


def print_documents(catalog: Catalog, settings: PrintSettings) -> list[PrintDocument]:
    """One document per routine, then the booklet, whose chapters are the routines in the same order."""
    environment = markup_environment(settings.messages)
    css = _template_text("print/print.css")
    figure_css = _template_text("print/figure.css")
    in_order = [routine_id for ids in catalog.routines_by_difficulty().values() for routine_id in ids]
    sheets = [_sheet(catalog, routine_id, settings, figure_css) for routine_id in in_order]
    documents = [
        PrintDocument(
            pdf_path(sheet["routine_id"]),
            environment.get_template("print/routine.html.j2").render(sheet=sheet, settings=settings, css=css),
        )
        for sheet in sheets
    ]
    joints = [catalog.joints[joint_id] for joint_id in catalog.joints_in_order()]
    front_matter = environment.get_template("print/booklet.html.j2").render(
        contents=[
            {"routine": sheet["routine"], "anchor": chapter_anchor(number), "page": page_mark(number)}
            for number, sheet in enumerate(sheets)
        ],
        pages=page_mark(),
        settings=settings,
        css=css,
        joints=joints,
        chain=render_joint_chain(catalog, settings.routes, style=figure_css, in_print=True, messages=settings.messages),
        weeks=[catalog.weeks[week_id] for week_id in weeks_by_level(catalog.weeks)],
        routine_names={routine_id: routine.name for routine_id, routine in catalog.routines.items()},
    )
    chapters = tuple(
        Chapter(document.path, sheet["routine"].name) for document, sheet in zip(documents, sheets, strict=True)
    )
    return [*documents, PrintDocument(BOOKLET, front_matter, chapters)]


def _template_text(name: str) -> Markup:
    """A stylesheet shipped with exguide: trusted, so it goes into <style> unescaped."""
    return Markup(resources.files("generator").joinpath("templates", name).read_text(encoding="utf-8"))


def _sheet(catalog: Catalog, routine_id: str, settings: PrintSettings, figure_css: str) -> dict[str, Any]:
    address = settings.routes.address("routines", routine_id)
    return routine_sheet(
        catalog, routine_id, settings.site_name, settings.paper, address, figure_css, settings.messages
    )


def render_pdfs(documents: list[PrintDocument], cache_dir: Path | None, jobs: int | None = None) -> dict[str, bytes]:
    """Every document's PDF, keyed by its path, drawn in parallel worker processes.

    Documents printed as they are come first; then each booklet's front matter is drawn and its
    chapters' PDFs appended. With a cache folder, a PDF is taken from it when nothing that goes into it
    has changed (for a booklet: its front matter and its chapters' PDFs), and after rendering the folder
    keeps only the PDFs of these documents.
    """
    cache = _PdfCache(cache_dir)
    pdfs: dict[str, bytes] = {}
    with Workers(jobs or cores()) as workers:
        sheets = [document for document in documents if document.chapters is None]
        _draw(pdfs, cache, workers, draw_pdf, [(d.path, _sheet_key(d.html), d.html) for d in sheets])
    booklets = []
    for document in documents:
        if document.chapters is not None:
            job = BookletJob(
                document.html,
                tuple(chapter.title for chapter in document.chapters),
                tuple(_chapter_pdf(pdfs, document, chapter) for chapter in document.chapters),
            )
            booklets.append((document.path, _booklet_key(job), job))
    with Workers(jobs or cores()) as workers:  # new workers: those that drew the sheets hold on to what that took
        _draw(pdfs, cache, workers, draw_booklet, booklets)
    cache.prune()
    return {document.path: pdfs[document.path] for document in documents}


def _chapter_pdf(pdfs: dict[str, bytes], booklet: PrintDocument, chapter: Chapter) -> bytes:
    if chapter.path not in pdfs:
        raise ValueError(f"{booklet.path} includes {chapter.path}, which is not among the documents to print")
    return pdfs[chapter.path]


def _draw(
    pdfs: dict[str, bytes],
    cache: _PdfCache,
    workers: Workers,
    draw: Callable[[T], bytes],
    jobs: list[tuple[str, str, T]],
) -> None:
    """Fill in the PDF of each (path, cache key, job): from the cache, or drawn by the workers and cached."""
    missing = []
    for path, key, job in jobs:
        cached = cache.get(key)
        if cached is None:
            missing.append((path, key, job))
        else:
            pdfs[path] = cached
    drawn = workers.map(draw, [job for _, _, job in missing])
    for (path, key, _), pdf in zip(missing, drawn, strict=True):
        cache.put(key, pdf)
        pdfs[path] = pdf


class _PdfCache:
    """PDFs drawn before, each in a file of the cache folder named by a hash of everything that went into it."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._used: set[str] = set()

    def get(self, key: str) -> bytes | None:
        if self._folder is None:
            return None
        self._used.add(f"{key}.pdf")
        try:
            return (self._folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None

    def put(self, key: str, pdf: bytes) -> None:
        """Save a PDF by way of a temporary file, so a build stopped halfway leaves no half-written PDF.

        A cache that cannot be written (a read-only or full disk) is passed over: it only saves time.
        """
        if self._folder is None:
            return
        temporary = self._folder / f".{key}.{os.getpid()}.tmp"
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pdf)
            temporary.replace(self._folder / f"{key}.pdf")
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def prune(self) -> None:
        """Remove the cached PDFs this render did not use (those of documents since changed or removed) and
        half-written ones that killed builds left."""
        if self._folder is None or not self._folder.is_dir():
            return
        with contextlib.suppress(OSError):
            for path in list(self._folder.iterdir()):
                if self._unwanted(path.name):
                    path.unlink(missing_ok=True)

    def _unwanted(self, name: str) -> bool:
        if _CACHE_FILE.fullmatch(name):
            return name not in self._used
        temporary = _CACHE_TEMPORARY.fullmatch(name)
        return temporary is not None and not process_running(int(temporary["pid"]))


def _sheet_key(html: str) -> str:
    return hashlib.sha256(f"{version('weasyprint')}\0{html}".encode()).hexdigest()


def _booklet_key(job: BookletJob) -> str:
    key = hashlib.sha256(
        f"booklet {BOOKLET_ASSEMBLY}\0{version('weasyprint')}\0{version('pypdf')}\0{job.html}".encode()
    )
    for title, pdf in zip(job.titles, job.chapters, strict=True):
        key.update(f"\0{title}\0".encode())
        key.update(hashlib.sha256(pdf).digest())
    return key.hexdigest()
