"""Printable PDFs, read back as a person's PDF reader would: text, pages, metadata and links."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import FIXTURES, REPO, make_project, write

from generator.pdf import PrintSettings, print_documents, render_pdfs
from generator.pipeline import build_catalog

SITE_NAME = "Hip Extension for Runners"
SITE_URL = "https://exguide.example/hip-extension/"


def pdf_text(path: Path) -> str:
    """All text of a PDF with line breaks joined, as a search in a PDF reader sees it."""
    reader = pypdf.PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return build_catalog(REPO / "data")


def test_every_routine_has_a_one_page_pdf_with_its_exercises(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id, routine in catalog.routines.items():
        path = default_site / "pdf" / f"{routine_id}.pdf"
        reader = pypdf.PdfReader(path)
        assert reader.metadata is not None
        assert reader.metadata.title == f"{routine.name} \u2013 {SITE_NAME}"
        assert reader.trailer["/Root"]["/Lang"] == "en"
        plan = catalog.plans[routine_id]
        if len(plan.exercise_ids) <= 8:
            assert len(reader.pages) == 1, routine_id
        text = pdf_text(path)
        assert routine.name in text
        assert f"about {plan.minutes} min" in text
        for exercise_id in plan.exercise_ids:
            assert catalog.exercises[exercise_id].name in text, (routine_id, exercise_id)
        assert f"{SITE_URL}routines/{routine_id}/" in text.replace(" ", ""), routine_id
        assert "Training log" in text


def test_pages_are_a4_by_default(default_site: Path) -> None:
    page = pypdf.PdfReader(default_site / "pdf" / "beginner-hip-strength.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_the_booklet_has_a_cover_contents_the_joint_view_and_every_routine(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    path = default_site / "pdf" / "routines-booklet.pdf"
    reader = pypdf.PdfReader(path)
    assert reader.metadata is not None and reader.metadata.title == f"Routines \u2013 {SITE_NAME}"
    assert len(reader.pages) >= 3 + len(catalog.routines)
    text = pdf_text(path)
    assert "Contents" in text and "The joint-by-joint view" in text
    for routine in catalog.routines.values():
        assert routine.name in text
    for joint in catalog.joints.values():
        assert joint.name in text


def test_routine_pages_and_the_index_link_to_the_pdfs(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    index = (default_site / "routines" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/routines-booklet.pdf"' in index
    for routine_id in catalog.routines:
        html = (default_site / "routines" / routine_id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/{routine_id}.pdf"' in html
        assert f'href="../pdf/{routine_id}.pdf"' in index


def test_letter_paper_and_the_render_cache(catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = PrintSettings(SITE_NAME, SITE_URL, paper="letter")
    documents = [d for d in print_documents(catalog, settings) if d.path == "pdf/trunk-stability.pdf"]
    first = render_pdfs(documents, tmp_path)
    cached = list(tmp_path.iterdir())
    assert len(cached) == 1
    cached[0].write_bytes(b"from the cache")
    assert render_pdfs(documents, tmp_path) == {"pdf/trunk-stability.pdf": b"from the cache"}
    page = pypdf.PdfReader(_write(tmp_path / "t.pdf", first["pdf/trunk-stability.pdf"])).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_the_sheet_carries_a_qr_code_for_the_page(catalog) -> None:  # type: ignore[no-untyped-def]
    html = next(d.html for d in print_documents(catalog, PrintSettings(SITE_NAME, SITE_URL)) if "hill-power" in d.path)
    footer = html[html.index('<div class="sheet-footer">') :]
    assert footer.count("<svg") == 1
    assert f"{SITE_URL}routines/hill-power/" in footer


def test_a_preview_without_pdfs_has_no_broken_links(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [routines](routines/index.md).\n")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    environment = {**os.environ, "EXGUIDE_PDFS": "false"}
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "pdf").exists()
    assert ".pdf" not in (tmp_path / "site" / "routines" / "starter" / "index.html").read_text(encoding="utf-8")
