"""Drawing PDFs, in worker processes: WeasyPrint turns HTML into a PDF, and pypdf joins a booklet from its
front matter and its chapters' own PDFs.

WeasyPrint and pypdf are imported where they are used, so builds without PDFs do not pay for loading them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from markupsafe import Markup

FRONT_MATTER_PAGES = 3
"""The booklet's cover, contents and joint-by-joint view, while the contents fit on one page."""
CSS_PX = 0.75
"""PDF points in a CSS pixel."""

_MARK = re.compile(r"<!--exguide:(?:page:(\d+)|pages)-->")
_CHAPTER_ANCHOR = re.compile(r"chapter-(\d+)")


def page_mark(chapter: int | None = None) -> Markup:
    """Stands in a booklet's front matter for a page number known only once its chapters are drawn."""
    return Markup("<!--exguide:pages-->" if chapter is None else f"<!--exguide:page:{chapter}-->")


def chapter_anchor(chapter: int) -> str:
    return f"chapter-{chapter}"


def draw_pdf(html: str) -> bytes:
    """In a worker process: HTML to PDF."""
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=refuse_fetching).write_pdf(pdf_identifier=b"exguide")
    return pdf


def refuse_fetching(url: str) -> dict[str, Any]:
    """WeasyPrint's fetcher: printing fetches nothing, as figures, QR codes and styles are inline."""
    raise ValueError(f"printing fetches nothing, but the document asked for {url}")


@dataclass(frozen=True)
class BookletJob:
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


def draw_booklet(job: BookletJob) -> bytes:
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
        document = weasyprint.HTML(string=filled_in, url_fetcher=refuse_fetching).render()
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
