"""What a printed routine shows: its exercises in the order they are done, one running number through
them, figures sized to the page, and a log whose columns fit each exercise's work.

The page itself is laid out by templates/print/_sheet.html.j2 and print.css; this module works out
the values they need, so that sizes follow from the routine rather than from a fixed grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import segno
from markupsafe import Markup

from generator.catalog.link import Catalog
from generator.catalog.routines import PlannedGroup
from generator.outputs.figures import render_print_figure
from generator.outputs.messages import N_, SOURCE_LANGUAGE, Messages
from generator.reading.models import Exercise

PAGE_HEIGHT_MM = {"a4": 297.0, "letter": 279.4}
PAGE_WIDTH_MM = {"a4": 210.0, "letter": 215.9}
PAGE_MARGINS_MM = 11.0 + 20.0
"""Top and bottom, as print.css sets them; left and right are SIDE_MARGINS_MM."""
SIDE_MARGINS_MM = 12.0 + 12.0
HEADER_MM = 44.0
"""The title, summary and facts at the top of a sheet."""
BLOCK_BAND_MM = 9.0
CIRCUIT_LINE_MM = 6.0
LOG_ROW_MM = 8.0
LOG_HEAD_MM = 17.0
"""A log table's caption, header row and the space above it."""
LOG_LABELS_MM = 7.0 + 44.0 + 17.0
"""The log's number, exercise and what-to-write columns (print.css); the weeks share the rest."""
WRITTEN_WEEK_MM = 12.0
"""A week's cell where a figure is written: room for "22.5" or "3 x 12" in pencil."""
TICKED_WEEK_MM = 8.0
"""A week's cell left open for ticks."""
TICK_BOX_MM = 3.0
"""Each box to tick in a week's cell, with the cell's padding (CELL_PADDING_MM) round them."""
CELL_PADDING_MM = 2.5
EXERCISE_TEXT_MM = 17.0
"""An exercise's name, dose and a cue beside its figure: the least height a row takes."""
ROW_GAP_MM = 2.5
FIGURE_MM = (18.0, 42.0)
"""The smallest and largest height of an exercise's figure on paper."""
READABLE_MM = 27.0
"""The least height at which a figure's position reads at arm's length."""
MOST_TICK_BOXES = 4
"""Boxes that fit in a week's cell; with more sessions a week, the cell is left open for ticks."""
PER_LINE = 2
"""Exercises side by side in a block."""


@dataclass(frozen=True)
class LogRow:
    number: str
    name: str
    write: str
    """What to note each week: "kg and reps", "reps", "min or km", "sets", or "✓" to tick each session."""
    ticks: int
    """Boxes to tick in each week's cell (sessions a week); 0 where a figure is written instead."""


def log_entry(exercise: Exercise, weights: set[str], sessions: int) -> tuple[str, int]:
    """What the log asks for an exercise, and how many boxes to tick each week: a weight for loaded
    strength work, reps for strength done without one, time or distance for a run, the repeats done
    of sprints and strides, a tick for each session of everything else."""
    if exercise.dosage.distance_m is not None or exercise.category == "conditioning":
        return (N_("sets") if exercise.dosage.sets > 1 else N_("min or km")), 0
    if exercise.category in {"strength", "plyometric"} and exercise.dosage.reps is not None:
        loaded = any(use.id in weights for use in exercise.equipment)
        return (N_("kg and reps") if loaded else N_("reps")), 0
    return "✓", sessions if sessions <= MOST_TICK_BOXES else 0


def routine_sheet(
    catalog: Catalog,
    routine_id: str,
    site_name: str,
    paper: str,
    address: str | None,
    figure_css: str,
    messages: Messages | None = None,
) -> dict[str, Any]:
    """Everything one printed routine shows, worked out from its plan; `address` is its page online, if any."""
    routine, plan = catalog.routines[routine_id], catalog.plans[routine_id]
    messages = messages or Messages(SOURCE_LANGUAGE)
    muscle_names = {} if messages.language == SOURCE_LANGUAGE else {k: m.name for k, m in catalog.muscles.items()}
    figures = {
        exercise_id: render_print_figure(
            exercise_id, catalog.exercises[exercise_id], catalog.poses, figure_css, messages, muscle_names
        )
        for exercise_id in plan.exercise_ids
    }
    blocks: list[dict[str, Any]] = []
    for name, planned in plan.blocks:
        groups = [_group(catalog, group, figures) for group in planned]
        blocks.append({"name": name, "groups": groups, "lines": _lines(groups)})
    weights = {equipment_id for equipment_id, item in catalog.equipment.items() if item.weight}
    sessions = routine.per_week.max
    rows = []
    for _, planned in plan.blocks:
        for group in planned:
            for item in group.items:
                exercise = catalog.exercises[item.exercise_id]
                write, ticks = log_entry(exercise, weights, sessions)
                rows.append(LogRow(item.label, exercise.name, write, ticks))
    log_tables = log_weeks(rows, routine.weeks.max, paper)
    return {
        "routine_id": routine_id,
        "routine": routine,
        "plan": plan,
        "goal": catalog.goals[routine.goal].name,
        "equipment": [catalog.equipment[item].name for item in plan.equipment_required],
        "optional": [catalog.equipment[item].name for item in plan.equipment_optional],
        "blocks": blocks,
        "log_rows": rows,
        "log_tables": log_tables,
        **_figure_layout(blocks, len(log_tables) * (LOG_HEAD_MM + LOG_ROW_MM * len(rows)), paper),
        "site_name": site_name,
        "address": address,
        "qr": Markup(segno.make(address, error="m").svg_inline(scale=2, border=0, omitsize=True)) if address else None,
    }


def log_weeks(rows: list[LogRow], weeks: int, paper: str) -> list[list[int]]:
    """The weeks of each log table: as many to a table as the page is wide for the cells the rows need,
    and the weeks shared evenly between tables, so that no table is left with a week or two."""
    cell = max((_week_cell_mm(row) for row in rows), default=TICKED_WEEK_MM)
    room = PAGE_WIDTH_MM[paper] - SIDE_MARGINS_MM - LOG_LABELS_MM
    tables = -(-weeks // max(1, int(room // cell)))
    per_table, longer = divmod(weeks, tables)
    log, first = [], 1
    for table in range(tables):
        size = per_table + (1 if table < longer else 0)
        log.append(list(range(first, first + size)))
        first += size
    return log


def _week_cell_mm(row: LogRow) -> float:
    if row.ticks:
        return max(TICKED_WEEK_MM, TICK_BOX_MM * row.ticks + CELL_PADDING_MM)
    return TICKED_WEEK_MM if row.write == "✓" else WRITTEN_WEEK_MM


def _figure_layout(blocks: list[dict[str, Any]], log_mm: float, paper: str) -> dict[str, Any]:
    """The figures' height, and whether the log (`log_mm` tall) takes a page of its own: it shares the
    first page when the figures can still be READABLE_MM tall beside it, and otherwise goes overleaf."""
    with_log = figure_height(blocks, log_mm, paper)
    if with_log >= READABLE_MM:
        return {"figure_mm": with_log, "log_apart": False}
    return {"figure_mm": figure_height(blocks, 0.0, paper), "log_apart": True}


def figure_height(blocks: list[dict[str, Any]], log_mm: float, paper: str) -> float:
    """How tall the figures can be to fill a page with the routine and `log_mm` of log under it.

    The figures share the height left by the header, the block bands, the circuits' lines and the log
    between the lines of exercises (`_lines`).
    """
    lines = [line for block in blocks for line in block["lines"]]
    rows = sum(len(line["pairs"]) if line["circuit"] else 1 for line in lines)
    bands = BLOCK_BAND_MM * len(blocks) + CIRCUIT_LINE_MM * sum(1 for line in lines if line["circuit"])
    free = PAGE_HEIGHT_MM[paper] - PAGE_MARGINS_MM - HEADER_MM - bands - log_mm
    per_row = free / max(rows, 1) - ROW_GAP_MM
    low, high = FIGURE_MM
    return round(max(low, min(high, per_row)), 1)


def _lines(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A block's exercises as lines of the page, PER_LINE to a line: single exercises share lines until
    a circuit, which takes lines of its own under its heading. A page can break between any two lines."""
    lines: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    for group in groups:
        if group["circuit"]:
            lines += [{"circuit": None, "exercises": single[i : i + PER_LINE]} for i in range(0, len(single), PER_LINE)]
            single = []
            items = group["exercises"]
            pairs = [items[i : i + PER_LINE] for i in range(0, len(items), PER_LINE)]
            lines.append({"circuit": group["circuit"], "pairs": pairs})
        else:
            single += group["exercises"]
    lines += [{"circuit": None, "exercises": single[i : i + PER_LINE]} for i in range(0, len(single), PER_LINE)]
    return lines


def _group(catalog: Catalog, group: PlannedGroup, figures: dict[str, Markup | None]) -> dict[str, Any]:
    items = []
    for item in group.items:
        exercise = catalog.exercises[item.exercise_id]
        items.append(
            {
                "number": item.label,
                "name": exercise.name,
                "dosage": item.dosage,
                "cues": [item.note] if item.note else exercise.cues[:1],
                "figure": figures[item.exercise_id],
            }
        )
    return {"circuit": group.circuit, "exercises": items}
