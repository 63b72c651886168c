"""Printable PDFs: one sheet per routine and a booklet of them all, rendered with WeasyPrint in parallel."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

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
class PrintDocument:
    """An HTML document to print, and where its PDF goes in the site."""

    path: str
    html: str


def routine_pdf_path(routine_id: str) -> str:
    return f"pdf/{routine_id}.pdf"


def print_documents(catalog: Catalog, settings: PrintSettings) -> list[PrintDocument]:
    """One document per routine, then the booklet."""
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
    booklet = environment.get_template("print/booklet.html.j2").render(
        sheets=sheets,
        settings=settings,
        css=css,
        joints=joints,
        chain=render_joint_chain(catalog, style=figure_css),
    )
    return [*documents, PrintDocument(BOOKLET, booklet)]


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
    """Render every document, in parallel, reusing any PDF whose HTML has not changed since last time."""
    results: dict[str, bytes] = {}
    missing: list[tuple[PrintDocument, Path | None]] = []
    for document in documents:
        cached = _cache_path(cache_dir, document)
        if cached is not None and cached.is_file():
            results[document.path] = cached.read_bytes()
        else:
            missing.append((document, cached))
    if missing:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            rendered = pool.map(_render_pdf, [document.html for document, _ in missing])
            for (document, cached), pdf in zip(missing, rendered, strict=True):
                results[document.path] = pdf
                if cached is not None:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(pdf)
    return {document.path: results[document.path] for document in documents}


def _cache_path(cache_dir: Path | None, document: PrintDocument) -> Path | None:
    if cache_dir is None:
        return None
    key = hashlib.sha256(f"{version('weasyprint')}\0{document.html}".encode()).hexdigest()
    return cache_dir / f"{key}.pdf"


def _render_pdf(html: str) -> bytes:
    """In a worker process: HTML to PDF. Nothing is fetched: figures, QR codes and styles are inline.

    WeasyPrint is imported here, not at the top, so builds without PDFs do not pay for loading it.
    """
    import weasyprint

    def refuse(url: str) -> dict[str, Any]:
        raise ValueError(f"printing fetches nothing, but the document asked for {url}")

    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=refuse).write_pdf(pdf_identifier=b"exguide")
    return pdf
