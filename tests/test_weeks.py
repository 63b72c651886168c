"""Week plans: routines placed around runs, checked against the routines, and the page that shows them."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import FIXTURES, REPO, problems_for

from generator.catalog.weeks import week_time
from generator.guide import build_catalog

WEEK = (FIXTURES / "data" / "weeks.yaml").read_text(encoding="utf-8")
"""The fixture guide's week: the starter routine after a Monday run and on Wednesday, three runs in all."""


def test_a_guide_without_week_plans_has_none(data_dir: Path) -> None:
    (data_dir / "weeks.yaml").unlink()
    assert build_catalog(data_dir).weeks == {}


def test_a_week_adds_up_its_runs_and_its_routines_from_their_doses(data_dir: Path) -> None:
    (data_dir / "weeks.yaml").write_text(WEEK, encoding="utf-8")
    catalog = build_catalog(data_dir)
    time = week_time(catalog.weeks["starter-week"], catalog.plans)
    # The starter routine takes 7 min (see test_routines); it is done twice.
    assert [day.total for day in time.days] == [37, 0, 7, 0, 30, 0, 60]
    assert (time.runs, time.run_minutes, time.routine_minutes, time.total) == (3, 120, 14, 134)


def test_a_week_that_asks_more_than_a_routine_allows_or_names_an_unknown_one_is_reported(data_dir: Path) -> None:
    week = WEEK.replace("{day: Tuesday}", "{day: Tuesday, apart: [starter]}")
    week = week.replace("{day: Thursday}", "{day: Thursday, apart: [starter]}")
    week = week.replace("{day: Saturday}", "{day: Saturday, apart: [startr]}")
    (data_dir / "weeks.yaml").write_text(week, encoding="utf-8")
    assert problems_for(data_dir) == [
        "data/weeks.yaml:6:5: starter-week.days: routine 'starter' is on 4 days, but it asks for 2 to 3 a week"
        " (place it on more or fewer days, or change the routine's per_week)",
        "data/weeks.yaml:14:31: starter-week.days[5].apart[0]: unknown routine 'startr' (did you mean 'starter'?)",
    ]


def test_a_week_may_not_ask_for_a_routine_harder_than_its_level(data_dir: Path) -> None:
    (data_dir / "weeks.yaml").write_text(WEEK.replace("level: intermediate", "level: beginner"), encoding="utf-8")
    assert problems_for(data_dir) == [
        "data/weeks.yaml:8:19: starter-week.days[0].after_run[0]: routine 'starter' is intermediate, harder than"
        " this beginner week (choose a routine of this level or below)",
        "data/weeks.yaml:10:32: starter-week.days[2].apart[0]: routine 'starter' is intermediate, harder than"
        " this beginner week (choose a routine of this level or below)",
    ]


def test_days_must_run_monday_to_sunday(data_dir: Path) -> None:
    (data_dir / "weeks.yaml").write_text(WEEK.replace("{day: Tuesday}", "{day: Thursday}", 1), encoding="utf-8")
    assert problems_for(data_dir) == [
        "data/weeks.yaml:2:3: starter-week: days must be Monday to Sunday, each once, in that order (see the schema)"
    ]


def test_a_routine_before_or_after_a_run_needs_the_run(data_dir: Path) -> None:
    week = WEEK.replace("{day: Saturday}", "{day: Saturday, before_run: [starter]}")
    (data_dir / "weeks.yaml").write_text(week, encoding="utf-8")
    assert problems_for(data_dir) == [
        "data/weeks.yaml:14:7: starter-week.days[5]: before_run and after_run need a run on the same day:"
        " give run, or use apart (see the schema)"
    ]


def test_the_bundled_weeks_keep_to_every_routine_s_sessions_a_week() -> None:
    catalog = build_catalog(REPO / "data")
    assert [catalog.weeks[week_id].level for week_id in catalog.weeks] == ["beginner", "intermediate", "advanced"]
    for week in catalog.weeks.values():
        runs = [day for day in week.days if day.run]
        assert 3 <= len(runs) <= 6, week.name


def test_the_plan_page_shows_each_week_with_times_worked_out(default_site: Path) -> None:
    catalog = build_catalog(REPO / "data")
    html = (default_site / "plan" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    for week_id, week in catalog.weeks.items():
        assert f'id="{week_id}"' in html
        assert week.name in text
        total = week_time(week, catalog.plans).total
        hours, minutes = divmod(total, 60)
        assert f"about {hours} h {minutes} min in all" in text or f"about {hours} h in all" in text, week_id
    assert 'href="../routines/beginner-hip-strength/"' in html
