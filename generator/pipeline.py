"""The whole pipeline in one place: load, validate, link, render, in that order."""

from __future__ import annotations

from pathlib import Path

from generator.errors import DataError
from generator.link import Catalog, HiddenIds, link_catalog
from generator.load import load_data_folder
from generator.pdf import PrintSettings, print_documents, render_pdfs
from generator.render import GeneratedPage, render_site_pages
from generator.validate import validate_documents
from generator.write import collect_pages


def build_catalog(data_dir: Path, overlay: Path | None = None, hidden: HiddenIds | None = None) -> Catalog:
    """Read and check all data, a club's overlay on top, raising one DataError that lists every problem."""
    documents, problems = load_data_folder(data_dir, overlay)
    validated, found = validate_documents(documents)
    problems += found
    catalog, found = link_catalog(validated, hidden)
    problems += found
    if problems:
        raise DataError(problems)
    return catalog


def generate_pages(catalog: Catalog, directory_urls: bool = True, pdfs: bool = False) -> dict[str, GeneratedPage]:
    """Every generated page of the guide, keyed by its path in the site's source tree."""
    return collect_pages(render_site_pages(catalog, directory_urls, pdfs))


def generate_pdfs(catalog: Catalog, settings: PrintSettings, cache_dir: Path | None) -> dict[str, bytes]:
    """Every routine's PDF and the booklet, keyed by their path in the site."""
    return render_pdfs(print_documents(catalog, settings), cache_dir)
