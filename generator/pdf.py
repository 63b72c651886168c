"""Printable PDFs: a sheet per routine, and a booklet of them all.

WeasyPrint draws each sheet, in parallel worker processes. The booklet is its own cover, contents and
joint-by-joint view, drawn by WeasyPrint, followed by the sheets' PDFs as they are, joined with pypdf.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import segno
from markupsafe import Markup

from generator.figures import render_print_figure
from generator.link import Catalog
from generator.markup import markup_environment
from generator.render import render_joint_chain
from generator.routines import RoutinePlan

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
LOG_COLUMNS = 18
"""At most this many sessions fit across the log grid; longer plans print their first weeks."""
BOOKLET = "pdf/routines-booklet.pdf"
FRONT_MATTER_PAGES = 3
"""The booklet's cover, contents and joint-by-joint view, while the contents fit on one page."""
BOOKLET_ASSEMBLY = "1"
"""Part of a booklet's cache key: change it whenever the way booklets are put together changes."""
CSS_PX = 0.75
"""PDF points in a CSS pixel."""

_MARK = re.compile(r"<!--exguide:(?:page:(\d+)|pages)-->")
_CHAPTER_ANCHOR = re.compile(r"chapter-(\d+)")
_CACHE_FILE = re.compile(r"[0-9a-f]{64}\.pdf")
T = TypeVar("T")


@dataclass(frozen=True)
class PrintSettings:
    """What every printed page carries: whose guide it is, where it lives online, and its paper."""

    site_name: str
    site_url: str
    language: str = "en"
    paper: str = "a4"
    """A key of PAPER_SIZES."""
    brand_colour: str = "#000000"
    """Titles and rules in the club's colour (checked for contrast against white)."""

    @property
    def paper_css(self) -> str:
        return PAPER_SIZES[self.paper]

    def address(self, path: str) -> str:
        """The web address of a page of the site, for the footer and its QR code."""
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else path


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


def page_mark(chapter: int | None = None) -> Markup:
    """Stands in a booklet's front matter for a page number known only once its chapters are drawn."""
    return Markup("<!--exguide:pages-->" if chapter is None else f"<!--exguide:page:{chapter}-->")


def chapter_anchor(chapter: int) -> str:
    return f"chapter-{chapter}"


def routine_pdf_path(routine_id: str) -> str:
    return f"pdf/{routine_id}.pdf"


def print_documents(catalog: Catalog, settings: PrintSettings) -> list[PrintDocument]:
    """One document per routine, then the booklet, whose chapters are the routines in the same order."""
    environment = markup_environment()
    css = _template_text("print/print.css")
    figure_css = _template_text("print/figure.css")
    in_order = [routine_id for ids in catalog.routines_by_difficulty().values() for routine_id in ids]
    sheets = [_sheet(catalog, routine_id, settings, figure_css) for routine_id in in_order]
    documents = [
        PrintDocument(
            routine_pdf_path(sheet["routine_id"]),
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
        chain=render_joint_chain(catalog, style=figure_css),
    )
    chapters = tuple(
        Chapter(document.path, sheet["routine"].name) for document, sheet in zip(documents, sheets, strict=True)
    )
    return [*documents, PrintDocument(BOOKLET, front_matter, chapters)]


def _template_text(name: str) -> Markup:
    """A stylesheet shipped with exguide: trusted, so it goes into <style> unescaped."""
    return Markup(resources.files("generator").joinpath("templates", name).read_text(encoding="utf-8"))


def _sheet(catalog: Catalog, routine_id: str, settings: PrintSettings, figure_css: str) -> dict[str, Any]:
    """Everything one printed routine shows, worked out from its plan."""
    routine, plan = catalog.routines[routine_id], catalog.plans[routine_id]
    address = settings.address(f"routines/{routine_id}/")
    figures = {
        exercise_id: render_print_figure(exercise_id, catalog.exercises[exercise_id], catalog.poses, figure_css)
        for exercise_id in plan.exercise_ids
    }
    per_week = routine.per_week.max
    weeks_shown = max(1, min(routine.weeks.max, LOG_COLUMNS // per_week))
    return {
        "routine_id": routine_id,
        "routine": routine,
        "plan": plan,
        "goal": catalog.goals[routine.goal].name,
        "equipment": [catalog.equipment[item].name for item in plan.equipment_required],
        "optional": [catalog.equipment[item].name for item in plan.equipment_optional],
        "blocks": _blocks(catalog, plan, figures),
        "log_rows": [catalog.exercises[exercise_id].name for exercise_id in plan.exercise_ids],
        "log_weeks": list(range(1, weeks_shown + 1)),
        "log_per_week": min(per_week, LOG_COLUMNS),
        "site_name": settings.site_name,
        "address": address,
        "qr": Markup(segno.make(address, error="m").svg_inline(scale=2, border=0, omitsize=True)),
    }


def _blocks(catalog: Catalog, plan: RoutinePlan, figures: dict[str, Markup | None]) -> list[dict[str, Any]]:
    blocks = []
    for name, groups in plan.blocks:
        items = []
        for group in groups:
            circuit = group.circuit
            rounds = (
                f"{circuit.rounds} {'round' if circuit.rounds == 1 else 'rounds'} of {circuit.name}" if circuit else ""
            )
            for item in group.items:
                exercise = catalog.exercises[item.exercise_id]
                items.append(
                    {
                        "number": item.label,
                        "name": exercise.name,
                        "dosage": item.dosage,
                        "circuit": rounds,
                        "cues": [item.note] if item.note else exercise.cues[:2],
                        "figure": figures[item.exercise_id],
                    }
                )
        blocks.append({"name": name, "exercises": items})
    return blocks


def render_pdfs(documents: list[PrintDocument], cache_dir: Path | None, jobs: int | None = None) -> dict[str, bytes]:
    """Every document's PDF, keyed by its path, drawn in parallel worker processes.

    Documents printed as they are come first; then each booklet's front matter is drawn and its
    chapters' PDFs appended. With a cache folder, a PDF is taken from it when nothing that goes into it
    has changed (for a booklet: its front matter and its chapters' PDFs), and after rendering the folder
    keeps only the PDFs of these documents.
    """
    cache = _PdfCache(cache_dir)
    pdfs: dict[str, bytes] = {}
    with _Workers(jobs) as workers:
        sheets = [document for document in documents if document.chapters is None]
        _draw(pdfs, cache, workers, _render_pdf, [(d.path, _sheet_key(d.html), d.html) for d in sheets])
        booklets = []
        for document in documents:
            if document.chapters is not None:
                job = _BookletJob(
                    document.html,
                    tuple(chapter.title for chapter in document.chapters),
                    tuple(_chapter_pdf(pdfs, document, chapter) for chapter in document.chapters),
                )
                booklets.append((document.path, _booklet_key(job), job))
        _draw(pdfs, cache, workers, _render_booklet, booklets)
    cache.prune()
    return {document.path: pdfs[document.path] for document in documents}


def _chapter_pdf(pdfs: dict[str, bytes], booklet: PrintDocument, chapter: Chapter) -> bytes:
    if chapter.path not in pdfs:
        raise ValueError(f"{booklet.path} includes {chapter.path}, which is not among the documents to print")
    return pdfs[chapter.path]


def _draw(
    pdfs: dict[str, bytes],
    cache: _PdfCache,
    workers: _Workers,
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


class _Workers:
    """Worker processes, started when there is first something to draw, as many as that needs (up to jobs)."""

    def __init__(self, jobs: int | None) -> None:
        self._most = jobs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[[T], bytes], items: list[T]) -> Iterator[bytes]:
        if not items:
            return iter(())
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=max(1, min(self._most, len(items))))
        return self._pool.map(function, items)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=error is not None)


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
        except FileNotFoundError:
            return None

    def put(self, key: str, pdf: bytes) -> None:
        """Save a PDF by way of a temporary file, so a build stopped halfway leaves no half-written PDF."""
        if self._folder is None:
            return
        self._folder.mkdir(parents=True, exist_ok=True)
        temporary = self._folder / f".{key}.{os.getpid()}.tmp"
        try:
            temporary.write_bytes(pdf)
            temporary.replace(self._folder / f"{key}.pdf")
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def prune(self) -> None:
        """Remove the cached PDFs this render did not use: those of documents since changed or removed."""
        if self._folder is None or not self._folder.is_dir():
            return
        for path in self._folder.iterdir():
            if _CACHE_FILE.fullmatch(path.name) and path.name not in self._used:
                path.unlink(missing_ok=True)


def _sheet_key(html: str) -> str:
    return hashlib.sha256(f"{version('weasyprint')}\0{html}".encode()).hexdigest()


def _booklet_key(job: _BookletJob) -> str:
    key = hashlib.sha256(
        f"booklet {BOOKLET_ASSEMBLY}\0{version('weasyprint')}\0{version('pypdf')}\0{job.html}".encode()
    )
    for title, pdf in zip(job.titles, job.chapters, strict=True):
        key.update(f"\0{title}\0".encode())
        key.update(hashlib.sha256(pdf).digest())
    return key.hexdigest()


def _render_pdf(html: str) -> bytes:
    """In a worker process: HTML to PDF.

    WeasyPrint is imported here, not at the top, so builds without PDFs do not pay for loading it.
    """
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf(pdf_identifier=b"exguide")
    return pdf


def _refuse(url: str) -> dict[str, Any]:
    """WeasyPrint's fetcher: printing fetches nothing, as figures, QR codes and styles are inline."""
    raise ValueError(f"printing fetches nothing, but the document asked for {url}")


@dataclass(frozen=True)
class _BookletJob:
    html: str
    """The front matter, with page marks."""
    titles: tuple[str, ...]
    chapters: tuple[bytes, ...]
    """Each chapter's PDF."""


@dataclass(frozen=True)
class _ChapterLink:
    page: int
    """The front matter page the link is on, from 0."""
    chapter: int
    rectangle: tuple[float, float, float, float]
    """Left, bottom, right and top, in PDF points."""


@dataclass(frozen=True)
class _FrontMatter:
    pdf: bytes
    pages: int
    """Pages counted for the front matter: the pages of its PDF, or a few more to be left blank."""
    first_pages: list[int]
    """Each chapter's first page in the booklet, from 0."""
    links: list[_ChapterLink]


def _render_booklet(job: _BookletJob) -> bytes:
    """In a worker process: the front matter drawn with every chapter's page number, then the chapters'
    pages, an outline entry per chapter, and the contents entries linked to their chapter's first page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link

    chapters = [PdfReader(BytesIO(pdf)) for pdf in job.chapters]
    front = _render_front_matter(job.html, [len(chapter.pages) for chapter in chapters])
    booklet = PdfWriter(clone_from=PdfReader(BytesIO(front.pdf)))
    while len(booklet.pages) < front.pages:
        booklet.add_blank_page()
    for chapter in chapters:
        for page in chapter.pages:
            booklet.add_page(page)
    for title, first_page in zip(job.titles, front.first_pages, strict=True):
        booklet.add_outline_item(title=title, page_number=first_page)
    for link in front.links:
        booklet.add_annotation(link.page, Link(rect=link.rectangle, target_page_index=front.first_pages[link.chapter]))
    output = BytesIO()
    booklet.write(output)
    return output.getvalue()


def _render_front_matter(html: str, chapter_pages: list[int]) -> _FrontMatter:
    """Lay out the front matter with the page numbers it shows, until it has the number of pages they assume.

    The first layout counts its pages; later ones may only add pages (a longer number can push an entry
    onto a new page), and a front matter that comes out shorter than counted is padded with blank pages.
    """
    import weasyprint

    pages, counted = FRONT_MATTER_PAGES, False
    while True:
        first_pages = _first_pages(pages, chapter_pages)
        filled_in = _fill_in(html, [page + 1 for page in first_pages], pages + sum(chapter_pages))
        document = weasyprint.HTML(string=filled_in, url_fetcher=_refuse).render()
        if len(document.pages) == pages or (counted and len(document.pages) < pages):
            break
        pages, counted = len(document.pages), True
    links = _take_chapter_links(document)
    pdf: bytes = document.write_pdf(pdf_identifier=b"exguide")
    return _FrontMatter(pdf, pages, first_pages, links)


def _first_pages(front_matter_pages: int, chapter_pages: list[int]) -> list[int]:
    first_pages, page = [], front_matter_pages
    for length in chapter_pages:
        first_pages.append(page)
        page += length
    return first_pages


def _fill_in(html: str, page_numbers: list[int], page_count: int) -> str:
    """The front matter with each page mark replaced by its chapter's page number, or the page count."""
    return _MARK.sub(lambda mark: str(page_numbers[int(mark[1])] if mark[1] else page_count), html)


def _take_chapter_links(document: Any) -> list[_ChapterLink]:
    """The links to chapters, taken out of a laid-out WeasyPrint document: their targets are not in it."""
    links = []
    for number, page in enumerate(document.pages):
        kept = []
        for link in page.links:
            kind, target, (left, top, right, bottom), _ = link
            chapter = _CHAPTER_ANCHOR.fullmatch(target) if kind == "internal" else None
            if chapter is None:
                kept.append(link)
                continue
            rectangle = (left * CSS_PX, (page.height - bottom) * CSS_PX, right * CSS_PX, (page.height - top) * CSS_PX)
            links.append(_ChapterLink(number, int(chapter[1]), rectangle))
        page.links[:] = kept
    return links
