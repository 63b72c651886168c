"""Time exguide's own stages in this process, called directly, and print the figures as JSON.

Run by run.py in a fresh process per measurement, so each pass pays what one `mkdocs build` pays:
    python benchmarks/stages.py DATA [--overlay DIR] [--export DOCS] [--export-text DOCS] [--pdfs CACHE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.catalog.link import link_catalog
from generator.errors import DataError
from generator.outputs import catalog_figures, muscle_map
from generator.outputs.muscle_map import render_muscle_map
from generator.outputs.opendata import open_data_files
from generator.outputs.pdf import PrintSettings, print_documents, render_pdfs
from generator.outputs.render import render_site_pages
from generator.outputs.routes import Routes
from generator.outputs.write import Output, collect_outputs, write_outputs
from generator.reading.load import load_data_folder
from generator.reading.validate import validate_documents

T = TypeVar("T")
SITE_URL = "https://exguide.example/hip-extension/"


def timed(times: dict[str, float], name: str, call: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = call()
    times[name] = time.perf_counter() - start
    return result


def measure_stages(data: Path, overlay: Path | None, export: Path | None, text: Path | None) -> dict[str, Any]:
    """One cold pass of load → validate → link → render → collect → open data, then figures and maps alone."""
    times: dict[str, float] = {}
    documents, problems = timed(times, "load", lambda: load_data_folder(data, overlay))
    validated, found = timed(times, "validate", lambda: validate_documents(documents))
    catalog, more = timed(times, "link", lambda: link_catalog(validated))
    if problems + found + more:
        raise DataError(problems + found + more)
    rendered = timed(times, "render", lambda: render_site_pages(catalog, Routes(), False))
    pages = timed(
        times, "collect", lambda: collect_outputs(Output(p.path, p.content, drawings=p.drawings) for p in rendered)
    )
    open_data = timed(times, "open_data", lambda: open_data_files(catalog, Routes(site_url=SITE_URL)))
    # timed cold: a cache of its own, as the render stage above drew them into another
    timed(times, "figures", lambda: catalog_figures.render_all_figures(catalog.exercises, catalog.poses))

    def maps() -> None:
        muscle_map._views.cache_clear()  # timed cold, as the render stage above drew them
        for exercise in catalog.exercises.values():
            title = f"Muscles worked: {exercise.name}"
            render_muscle_map(catalog.muscles, exercise.muscles.primary, exercise.muscles.secondary, title)
        for muscle_id, muscle in catalog.muscles.items():
            render_muscle_map(catalog.muscles, [muscle_id], [], f"Where the {muscle.name} is")

    timed(times, "muscle_maps", maps)
    if export is not None:
        write_outputs(pages.values(), export)
        for path, content in open_data.items():
            (export / path).write_bytes(content)
    if text is not None:
        for key, page in pages.items():
            (text / key).parent.mkdir(parents=True, exist_ok=True)
            (text / key).write_text(str(page.content), encoding="utf-8")
        for path, content in open_data.items():
            (text / path).write_bytes(content)
    return {
        "times": times,
        "exercises": len(catalog.exercises),
        "routines": len(catalog.routines),
        "illustrated": sum(1 for exercise in catalog.exercises.values() if exercise.illustration is not None),
        "pages": len(pages),
    }


def measure_pdfs(data: Path, overlay: Path | None, cache: Path) -> dict[str, Any]:
    """Print documents and render every PDF with an empty cache, as a first `mkdocs build` does."""
    shutil.rmtree(cache, ignore_errors=True)
    documents, problems = load_data_folder(data, overlay)
    validated, found = validate_documents(documents)
    catalog, more = link_catalog(validated)
    if problems + found + more:
        raise DataError(problems + found + more)
    settings = PrintSettings(site_name="Benchmark Guide", routes=Routes(site_url=SITE_URL))
    times: dict[str, float] = {}
    printed = timed(times, "print_documents", lambda: print_documents(catalog, settings))
    pdfs = timed(times, "render_pdfs", lambda: render_pdfs(printed, cache))
    booklet = [document for document in printed if document.path.endswith("booklet.pdf")]
    return {
        "times": times,
        "documents": len(printed),
        "pdf_bytes": sum(len(pdf) for pdf in pdfs.values()),
        "booklet_html_bytes": sum(len(document.html) for document in booklet),
        "exercises": len(catalog.exercises),
        "routines": len(catalog.routines),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--overlay", type=Path)
    parser.add_argument("--export", type=Path, help="also write the generated pages and open data here")
    parser.add_argument("--export-text", type=Path, help="also write the pages without their drawings here")
    parser.add_argument("--pdfs", type=Path, metavar="CACHE", help="time the PDFs instead, with this cache folder")
    args = parser.parse_args()
    if args.pdfs is not None:
        result = measure_pdfs(args.data, args.overlay, args.pdfs)
    else:
        result = measure_stages(args.data, args.overlay, args.export, args.export_text)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
