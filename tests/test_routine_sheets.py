"""Routine sheets as a runner reads them on the gym floor: in order, with figures to see and a log that
fits the work. PDFs are read back with pypdf."""

from __future__ import annotations

import itertools
import re
from html import unescape as html_unescape
from pathlib import Path

import pypdf
import pytest
from helpers import REPO, pdf_text

from generator.guide import build_catalog
from generator.outputs.print_sheet import (
    FIGURE_MM,
    LOG_LABELS_MM,
    PAGE_WIDTH_MM,
    SIDE_MARGINS_MM,
    TICKED_WEEK_MM,
    WRITTEN_WEEK_MM,
    log_entry,
    routine_sheet,
)


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return build_catalog(REPO / "data")


def _labels(catalog, routine_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    plan = catalog.plans[routine_id]
    return [item.label for _, groups in plan.blocks for group in groups for item in group.items]


def _names(catalog, routine_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    plan = catalog.plans[routine_id]
    return [
        catalog.exercises[item.exercise_id].name
        for _, groups in plan.blocks
        for group in groups
        for item in group.items
    ]


def test_one_running_number_through_a_routine(catalog) -> None:  # type: ignore[no-untyped-def]
    labels = _labels(catalog, "hip-extension-sequence")
    assert labels == ["1", "2", "3", "4a", "4b", "5", "6", "7"]
    for routine_id in catalog.routines:
        numbers = [int(re.match(r"\d+", label)[0]) for label in _labels(catalog, routine_id)]  # type: ignore[index]
        assert numbers[0] == 1
        assert all(b - a in (0, 1) for a, b in itertools.pairwise(numbers)), routine_id


def test_a_sheet_reads_in_the_routines_order(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id in catalog.routines:
        text = pdf_text(default_site / "pdf" / f"{routine_id}.pdf")
        exercises = text[: text.index("Training log")]
        at = 0
        for label, name in zip(_labels(catalog, routine_id), _names(catalog, routine_id), strict=True):
            found = exercises.find(f"{label} {name}", at)
            assert found >= at, (routine_id, label, name)
            at = found + len(name)
        blocks = [name for name, _ in catalog.plans[routine_id].blocks]
        bands = exercises[exercises.index("Equipment:") :]
        positions = [bands.find(name.upper()) for name in blocks]  # printed in capitals
        assert positions == sorted(positions) and -1 not in positions, routine_id


def test_the_log_has_a_row_per_exercise_and_a_column_per_week(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id, routine in catalog.routines.items():
        text = pdf_text(default_site / "pdf" / f"{routine_id}.pdf")
        log = text[text.index("Training log") :]
        weeks = []
        first_row = _labels(catalog, routine_id)[0]
        # each table's header: "Week", its weeks' numbers, then the first row's number ("1" or "1a")
        for header in re.findall(r"Write Week ((?:\d+ )+)", log):
            numbers = header.split()
            if first_row.isdigit():
                assert numbers.pop() == first_row, (routine_id, header)
            weeks += map(int, numbers)
        assert weeks == list(range(1, routine.weeks.max + 1)), routine_id
        at = 0
        for label, name in zip(_labels(catalog, routine_id), _names(catalog, routine_id), strict=True):
            found = log.find(f"{label} {name}", at)
            assert found >= at, (routine_id, name)
            at = found


def test_the_log_asks_for_what_each_exercise_needs(catalog) -> None:  # type: ignore[no-untyped-def]
    weights = {equipment_id for equipment_id, item in catalog.equipment.items() if item.weight}
    expected = {
        "half-kneeling-hip-flexor-stretch": ("✓", 3),
        "foam-roll-quads-and-hip-flexors": ("✓", 3),
        "kettlebell-deadlift": ("kg and reps", 0),
        "barbell-romanian-deadlift": ("kg and reps", 0),
        "glute-bridge": ("reps", 0),
        "easy-run": ("min or km", 0),
        "steep-hill-sprints": ("sets", 0),
        "strides": ("sets", 0),
    }
    for exercise_id, entry in expected.items():
        assert log_entry(catalog.exercises[exercise_id], weights, 3) == entry, exercise_id
    assert log_entry(catalog.exercises["leg-swings"], weights, 6) == ("✓", 0)  # six boxes would not fit


def test_stretches_and_rolling_have_no_weight_to_note(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(default_site / "pdf" / "post-run-cool-down.pdf")
    log = text[text.index("Training log") :]
    assert "kg" not in log
    assert "✓" in log or "☐" in log


def test_figures_are_large_enough_to_see_at_arms_length(catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id in catalog.routines:
        sheet = routine_sheet(catalog, routine_id, "Guide", "a4", "", "")
        # 25 mm tall: a standing body at about 1:70, its position plain at arm's length
        assert sheet["figure_mm"] >= 25 or len(sheet["log_rows"]) > 8, (routine_id, sheet["figure_mm"])
        assert FIGURE_MM[0] <= sheet["figure_mm"] <= FIGURE_MM[1]


def test_every_week_is_logged_in_cells_wide_enough_to_write_in(catalog) -> None:  # type: ignore[no-untyped-def]
    for paper in ("a4", "letter"):
        for routine_id, routine in catalog.routines.items():
            sheet = routine_sheet(catalog, routine_id, "Guide", paper, "", "")
            tables = sheet["log_tables"]
            assert [week for table in tables for week in table] == list(range(1, routine.weeks.max + 1))
            # shared evenly: no table left with a week or two
            assert max(map(len, tables)) - min(map(len, tables)) <= 1, (routine_id, tables)
            cell = (PAGE_WIDTH_MM[paper] - SIDE_MARGINS_MM - LOG_LABELS_MM) / max(map(len, tables))
            written = any(row.write != "✓" for row in sheet["log_rows"])
            assert cell >= (WRITTEN_WEEK_MM if written else TICKED_WEEK_MM), (routine_id, paper, cell)


def test_twelve_weeks_of_ticks_share_one_table(catalog) -> None:  # type: ignore[no-untyped-def]
    sheet = routine_sheet(catalog, "post-run-cool-down", "Guide", "a4", "", "")
    assert sheet["log_tables"] == [list(range(1, 13))]
    assert not sheet["log_apart"]


def test_the_booklet_carries_the_week_plans_with_a_contents_entry(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    reader = pypdf.PdfReader(default_site / "pdf" / "routines-booklet.pdf")
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert "Plan your week" in pages[1]  # the contents
    plan_pages = [number for number, text in enumerate(pages) if text.startswith("Plan your week")]
    assert plan_pages, "no page starts the week plans"
    text = " ".join(pages[plan_pages[0] :])
    for week in catalog.weeks.values():
        assert week.name in text
    # the contents give the page the week plans start on, counted from 1
    assert re.search(rf"Plan your week \.* ?{plan_pages[0] + 1}\b", pages[1]), pages[1]


def test_the_routine_page_lists_the_exercises_in_the_sheets_order(default_site: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    for routine_id in catalog.routines:
        html = (default_site / "routines" / routine_id / "index.html").read_text(encoding="utf-8")
        rows = re.findall(r"<tr>\s*<td>([0-9a-z]+)</td>\s*<td><a [^>]*>([^<]+)</a>", html)
        names = [html_unescape(name) for _, name in rows]
        labels = [label for label, _ in rows]
        assert labels == _labels(catalog, routine_id), routine_id
        assert names == _names(catalog, routine_id), routine_id
