"""Where each generated file sits in the site's source tree, and the address it is published at.

A generated page is a Markdown file, `<section>/<id>.md`. The engine publishes it at `<section>/<id>/`
with directory URLs, or at `<section>/<id>.html` without; a section's index, `<section>/index.md`, at
`<section>/` or `<section>/index.html`. Every page, open-data record, PDF and QR code takes its paths
and addresses from here, so they agree however the site is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

SECTIONS = ("exercises", "routines", "plan", "log", "offline", "muscles", "joints", "equipment")
"""The folders of generated pages, one level below the site's root."""
BOOKLET = "pdf/routines-booklet.pdf"


def page_path(section: str, page_id: str = "index") -> str:
    """A generated page's path in the site's source tree."""
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}")
    return f"{section}/{page_id}.md"


def page_link(section: str, page_id: str = "index") -> Markup:
    """The Markdown link from a generated page to another: the engine checks it and turns it into a URL."""
    return Markup(f"../{page_path(section, page_id)}")


def player_path(routine_id: str) -> str:
    """A routine's follow-along player: beside its page, at routines/<id>/play/."""
    return f"routines/{routine_id}/play.md"


def pdf_path(name: str) -> str:
    """A routine's PDF (or the booklet's, `routines-booklet`) in the site."""
    return f"pdf/{name}.pdf"


def pdf_link(name: str) -> Markup:
    """The Markdown link from a generated page to a PDF."""
    return Markup(f"../{pdf_path(name)}")


def thumbnail_path(exercise_id: str) -> str:
    """An exercise's library thumbnail: beside the library page, which links it relatively."""
    return f"exercises/thumbnails/{exercise_id}.svg"


@dataclass(frozen=True)
class Routes:
    """The site's URLs: with directory URLs or without, and absolute under `site_url` when one is set."""

    directory_urls: bool = True
    site_url: str = ""
    """Where the site is published, a sub-path included; "" when no address is configured."""

    def url(self, section: str, page_id: str = "index") -> str:
        """A page's URL, relative to the site's root."""
        page_path(section, page_id)
        if page_id == "index":
            return f"{section}/" if self.directory_urls else f"{section}/index.html"
        return f"{section}/{page_id}/" if self.directory_urls else f"{section}/{page_id}.html"

    def url_from_index(self, section: str, page_id: str) -> str:
        """A page's URL relative to its section's index page, for links the engine does not rewrite (in SVG)."""
        return self.url(section, page_id).removeprefix(f"{section}/")

    def address(self, section: str, page_id: str = "index") -> str | None:
        """A page's full web address, for print and QR codes; None when the site has no address."""
        if not self.site_url:
            return None
        return f"{self.site_url.rstrip('/')}/{self.url(section, page_id)}"

    def address_or_url(self, section: str, page_id: str = "index") -> str:
        """The full address where there is one, else the URL relative to the site's root (open data)."""
        return self.address(section, page_id) or self.url(section, page_id)
