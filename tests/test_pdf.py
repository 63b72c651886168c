"""Printable PDFs, read back as a person's PDF reader would: text, pages, metadata and links."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from helpers import FIXTURES, REPO, make_project, pdf_text, write

from generator.guide import build_catalog
from generator.outputs import pdf
from generator.outputs.pdf import Chapter, PrintDocument, PrintSettings, print_documents, render_pdfs
from generator.outputs.pdf_drawing import chapter_anchor, page_mark
from generator.outputs.routes import BOOKLET, Routes

SITE_NAME = "Hip Extension for Runners"
SITE_URL = "https://exguide.example/hip-extension/"
SETTINGS = PrintSettings(SITE_NAME, Routes(site_url=SITE_URL))


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return build_catalog(REPO / "data")


def test_every_routine_has_a_one_page_pdf_with_its_exercises(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id, routine in catalog.routines.items():
        path = default_site / "pdf" / f"{routine_id}.pdf"
        reader = pypdf.PdfReader(path)
        assert reader.metadata is not None
        assert reader.metadata.title == f"{routine.name} \u2013 {SITE_NAME}"
        assert _language(reader) == "en"
        plan = catalog.plans[routine_id]
        if len(plan.exercise_ids) <= 8:
            _assert_one_sheet(reader, catalog, routine_id)
        text = pdf_text(path)
        assert routine.name in text
        assert f"about {plan.minutes} min" in text
        for exercise_id in plan.exercise_ids:
            assert catalog.exercises[exercise_id].name in text, (routine_id, exercise_id)
        assert "Training log" in text
        # The bundled guide configures no address, so no sheet prints one that leads nowhere.
        assert "http" not in text and f"routines/{routine_id}/" not in text.replace(" ", ""), routine_id


def _assert_one_sheet(reader: pypdf.PdfReader, catalog, routine_id: str) -> None:  # type: ignore[no-untyped-def]
    """A routine of up to eight exercises is one sheet of paper: every exercise on the first page, and the
    log beside them, or on the back when it would shrink the figures below a readable size."""
    names = [catalog.exercises[exercise_id].name for exercise_id in catalog.plans[routine_id].exercise_ids]
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert all(name in pages[0] for name in names), routine_id
    assert len(pages) == 1 or (len(pages) == 2 and pages[1].startswith("Training log")), (routine_id, len(pages))


def test_a_routine_is_one_sheet_on_letter_paper_too(catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = PrintSettings(SITE_NAME, Routes(site_url=SITE_URL), paper="letter")
    documents = [d for d in print_documents(catalog, settings) if d.chapters is None]
    for path, drawn in render_pdfs(documents, None).items():
        routine_id = Path(path).stem
        reader = pypdf.PdfReader(_write(tmp_path / "letter.pdf", drawn))
        assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (
            612,
            792,
        )
        if len(catalog.plans[routine_id].exercise_ids) <= 8:
            _assert_one_sheet(reader, catalog, routine_id)


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


def test_the_booklet_contents_outline_and_links_lead_to_each_routine(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    reader = pypdf.PdfReader(default_site / "pdf" / "routines-booklet.pdf")
    assert _language(reader) == "en"
    contents = reader.pages[1].extract_text()
    outline = _outline(reader)
    links = _link_targets(reader, reader.pages[1])
    for routine_id, routine in catalog.routines.items():
        found = re.search(rf"{re.escape(routine.name)} · {routine.difficulty.capitalize()} \.+ +(\d+)", contents)
        assert found is not None, routine_id
        first_page = int(found[1]) - 1
        assert reader.pages[first_page].extract_text().startswith(routine.name), routine_id
        assert outline[routine.name] == first_page
        assert first_page in links
        sheet = pypdf.PdfReader(default_site / "pdf" / f"{routine_id}.pdf")
        assert reader.pages[first_page].extract_text() == sheet.pages[0].extract_text()
    assert len(links) == len(catalog.routines) + 2, "every routine, the joint-by-joint view and the week plans"


def _language(reader: pypdf.PdfReader) -> object:
    return reader.root_object.get("/Lang")


def _outline(reader: pypdf.PdfReader) -> dict[str, int | None]:
    """The top level of a PDF's outline: each entry's title and the page it opens, from 0."""
    return {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if isinstance(item, pypdf.generic.Destination) and item.title is not None
    }


def _link_targets(reader: pypdf.PdfReader, page: pypdf.PageObject) -> set[int | None]:
    """The pages, from 0, that the links on a page lead to, whether by page or by named destination."""
    targets = set()
    for annotation in page.get("/Annots", []):
        destination = annotation.get_object()["/Dest"]
        if isinstance(destination, str):
            targets.add(reader.get_destination_page_number(reader.named_destinations[destination]))
        else:
            targets.add(reader.get_page_number(destination[0]))
    return targets


def test_routine_pages_and_the_index_link_to_the_pdfs(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    index = (default_site / "routines" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/routines-booklet.pdf"' in index
    for routine_id in catalog.routines:
        html = (default_site / "routines" / routine_id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/{routine_id}.pdf"' in html
        assert f'href="../pdf/{routine_id}.pdf"' in index


def test_letter_paper_and_the_render_cache(catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = PrintSettings(SITE_NAME, Routes(site_url=SITE_URL), paper="letter")
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
    html = next(d.html for d in print_documents(catalog, SETTINGS) if "hill-power" in d.path)
    footer = html[html.index('<div class="sheet-footer">') : html.index("<h1>")]
    assert footer.count("<svg") == 1
    assert f"{SITE_URL}routines/hill-power/" in footer


def test_without_a_site_address_no_sheet_or_booklet_prints_an_address_or_a_qr_code(catalog) -> None:  # type: ignore[no-untyped-def]
    documents = print_documents(catalog, PrintSettings(SITE_NAME))
    for document in documents:
        if document.chapters is None:
            footer = document.html[document.html.index('<div class="sheet-footer">') : document.html.index("<h1>")]
            assert "<svg" not in footer and 'class="address"' not in footer, document.path
            assert SITE_NAME in footer
        else:
            assert 'class="address"' not in document.html


def test_a_routine_longer_than_a_page_runs_over_with_its_footer_on_every_page(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    exercise_ids = sorted(path.stem for path in (data / "exercises").glob("*.yaml"))[:20]
    items = "".join(f"      - {{exercise: {exercise_id}}}\n" for exercise_id in exercise_ids)
    (data / "routines" / "long-session.yaml").write_text(
        "name: Long Session\nsummary: Twenty exercises in a row.\ndifficulty: advanced\ngoal: strength\n"
        "per_week: {min: 1, max: 2}\nweeks: {min: 4, max: 6}\nblocks:\n  - name: Main\n    items:\n" + items,
        encoding="utf-8",
    )
    catalog = build_catalog(data)
    documents = print_documents(catalog, SETTINGS)
    pdf = render_pdfs([d for d in documents if d.path == "pdf/long-session.pdf"], None)["pdf/long-session.pdf"]
    pages = [
        re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(_write(tmp_path / "l.pdf", pdf)).pages
    ]
    assert len(pages) >= 2
    names = [catalog.exercises[exercise_id].name for exercise_id in exercise_ids]
    assert names[0] in pages[0]
    assert all(name in " ".join(pages) for name in names)
    for number, text in enumerate(pages, start=1):
        assert f"{SITE_URL}routines/long-session/" in text.replace(" ", ""), number
        assert f"Long Session · page {number} of {len(pages)}" in text


def test_a_preview_without_pdfs_has_no_broken_links(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "data")
    write(project / "content" / "index.md", "# Home\n\nSee the [routines](routines/index.md).\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdfs: true", "pdfs: false"), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "pdf").exists()
    assert ".pdf" not in (tmp_path / "site" / "routines" / "starter" / "index.html").read_text(encoding="utf-8")


def test_the_cache_keeps_only_the_pdfs_of_current_documents(catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    documents = [d for d in print_documents(catalog, SETTINGS) if "hill-power" in d.path]
    render_pdfs(documents, tmp_path)
    (old,) = tmp_path.iterdir()
    others = ["notes.txt", "mine.pdf", f"{'0' * 64}.txt", f"{'0' * 63}.pdf"]
    for name in others:
        (tmp_path / name).write_bytes(b"not the cache's")
    edited = [PrintDocument(d.path, d.html.replace("Hill Power", "Hill Power, edited")) for d in documents]
    render_pdfs(edited, tmp_path)
    pdfs = [p for p in tmp_path.iterdir() if p.name not in others]
    assert len(pdfs) == 1 and pdfs[0] != old
    assert "Hill Power, edited" in pdf_text(pdfs[0])
    assert sorted(p.name for p in tmp_path.iterdir() if p.name in others) == sorted(others)


def test_a_booklet_numbers_links_and_caches_its_chapters(tmp_path: Path) -> None:
    """A contents list longer than a page, chapters of one to three pages: the numbers still match."""
    lengths = [1 + number % 3 for number in range(24)]
    chapters = [
        PrintDocument(
            f"pdf/c{number}.pdf",
            "".join(f'<p style="break-before: page">Chapter {number}, part {part}</p>' for part in range(length)),
        )
        for number, length in enumerate(lengths)
    ]
    entries = "".join(
        f'<li><a href="#{chapter_anchor(number)}">Chapter {number}</a> on page {page_mark(number)}</li>'
        for number in range(len(chapters))
    )
    front_matter = (
        '<html lang="de"><head><title>All chapters</title><style>li { font: 30pt/2.5 serif }</style></head>'
        f"<body><h1>Cover</h1><ol style='break-before: page'>{entries}</ol><p>of {page_mark()} pages</p></body></html>"
    )
    booklet = PrintDocument(BOOKLET, front_matter, tuple(Chapter(c.path, f"Title {n}") for n, c in enumerate(chapters)))
    pdfs = render_pdfs([*chapters, booklet], tmp_path / "cache", jobs=2)
    reader = pypdf.PdfReader(_write(tmp_path / "booklet.pdf", pdfs[BOOKLET]))
    assert reader.metadata is not None and reader.metadata.title == "All chapters"
    assert _language(reader) == "de"
    text = pdf_text(tmp_path / "booklet.pdf")
    front_pages = len(reader.pages) - sum(lengths)
    assert front_pages > 3, "the contents take more than the pages first assumed"
    assert f"of {len(reader.pages)} pages" in text
    outline = _outline(reader)
    links = {target for page in reader.pages[:front_pages] for target in _link_targets(reader, page)}
    first_pages = []
    for number in range(len(chapters)):
        found = re.search(rf"Chapter {number} on page (\d+)", text)
        assert found is not None
        first_pages.append(int(found[1]) - 1)
        assert reader.pages[first_pages[-1]].extract_text().strip() == f"Chapter {number}, part 0"
        assert outline[f"Title {number}"] == first_pages[-1]
        assert first_pages[-1] in links

    cached = {p.name: p.read_bytes() for p in (tmp_path / "cache").iterdir()}
    assert len(cached) == len(chapters) + 1
    booklet_file = next(name for name, pdf in cached.items() if pdf == pdfs[BOOKLET])
    (tmp_path / "cache" / booklet_file).write_bytes(b"from the cache")
    assert render_pdfs([*chapters, booklet], tmp_path / "cache")[BOOKLET] == b"from the cache"
    assert render_pdfs([*chapters, booklet], None) == pdfs, "the same documents make the same bytes"

    chapters[5] = PrintDocument(chapters[5].path, chapters[5].html.replace("part 0", "part zero"))
    again = render_pdfs([*chapters, booklet], tmp_path / "cache")[BOOKLET]
    page = pypdf.PdfReader(_write(tmp_path / "again.pdf", again)).pages[first_pages[5]]
    assert page.extract_text().strip() == "Chapter 5, part zero"
    assert len(list((tmp_path / "cache").iterdir())) == len(chapters) + 1, "the replaced PDFs are gone"


def test_a_booklet_needs_its_chapters_among_the_documents(tmp_path: Path) -> None:
    booklet = PrintDocument(BOOKLET, "<p>Contents</p>", (Chapter("pdf/missing.pdf", "Missing"),))
    with pytest.raises(ValueError, match=r"pdf/missing\.pdf"):
        render_pdfs([booklet], tmp_path)


def _drawn_by(job: object) -> bytes:
    return str(os.getpid()).encode()


def test_the_booklet_is_drawn_by_a_new_worker_not_one_that_drew_sheets(
    catalog, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf, "draw_pdf", _drawn_by)
    monkeypatch.setattr(pdf, "draw_booklet", _drawn_by)
    drawn = render_pdfs(print_documents(catalog, SETTINGS), None, jobs=2)
    sheets = {by for path, by in drawn.items() if path != BOOKLET}
    assert len(drawn) == len(catalog.routines) + 1
    assert drawn[BOOKLET] not in sheets
    assert str(os.getpid()).encode() not in sheets


def test_every_pdf_names_its_author_embeds_its_fonts_and_keeps_its_text(default_site: Path) -> None:
    for path in sorted((default_site / "pdf").glob("*.pdf")):
        reader = pypdf.PdfReader(path)
        assert reader.metadata is not None and reader.metadata.author == SITE_NAME, path.name
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = (
                    font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                    if "/DescendantFonts" in font
                    else font.get("/FontDescriptor")
                )
                fonts[str(font["/BaseFont"])] = descriptor is not None and any(
                    key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
        assert fonts and all(fonts.values()), (path.name, fonts)
        # text is text, not drawn outlines: a reader can select and search it
        assert sum(len(page.extract_text().split()) for page in reader.pages) > 100, path.name
