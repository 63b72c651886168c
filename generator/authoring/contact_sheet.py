"""`exguide figures`: every exercise's start and end figures on one page, in the light and the dark palette.

Editors and reviewers see the whole set at once, as readers will: the page uses the site's own
stylesheet, so what looks wrong here looks wrong on the site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from markupsafe import Markup

from generator.authoring.club import bundled_guide
from generator.errors import EXIT_OK
from generator.guide import build_catalog
from generator.outputs.figures import exercise_movement
from generator.outputs.markup import markup_environment

STYLESHEET = Path("site_overrides", "assets", "stylesheets", "exguide.css")


def configure_figures_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    parser.add_argument("-o", "--output", type=Path, default=Path("figures.html"), help="the page to write")


def run_figures(args: argparse.Namespace) -> int:
    """Write the contact sheet of every illustrated exercise (raises DataError for bad data)."""
    catalog = build_catalog(args.data)
    sheets = []
    for exercise_id in catalog.sorted_by_name(catalog.exercises):
        movement = exercise_movement(exercise_id, catalog.exercises[exercise_id], catalog.poses)
        if movement is None:
            continue
        sheets.append(
            {
                "id": exercise_id,
                "name": movement.name,
                "view": movement.illustration.view,
                "start": movement.start_figure(),
                "end": movement.end_figure(),
                "words": movement.words,
            }
        )
    stylesheet = Markup((bundled_guide() / STYLESHEET).read_text(encoding="utf-8"))  # shipped with exguide: trusted
    page = markup_environment().get_template("contact_sheet.html.j2").render(sheets=sheets, stylesheet=stylesheet)
    args.output.write_text(page, encoding="utf-8")
    print(f"{args.output}: {len(sheets)} exercises drawn", file=sys.stdout)
    return EXIT_OK
