"""The whole pipeline in one place: load, validate, link, render, in that order."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.link import Catalog, HiddenIds, link_catalog
from generator.errors import DataError
from generator.outputs.pdf import PrintSettings, print_documents, render_pdfs
from generator.outputs.render import GeneratedPage, render_site_pages
from generator.outputs.routes import Routes
from generator.outputs.write import collect_pages
from generator.reading.load import load_data_folder
from generator.reading.validate import validate_documents


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


def generate_pages(catalog: Catalog, routes: Routes | None = None, pdfs: bool = False) -> dict[str, GeneratedPage]:
    """Every generated page of the guide, keyed by its path in the site's source tree."""
    return collect_pages(render_site_pages(catalog, routes, pdfs))


def generate_pdfs(catalog: Catalog, settings: PrintSettings, cache_dir: Path | None) -> dict[str, bytes]:
    """Every routine's PDF and the booklet, keyed by their path in the site."""
    return render_pdfs(print_documents(catalog, settings), cache_dir)
