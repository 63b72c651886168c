"""The follow-along player's data for a routine: its session steps and what each screen shows, as JSON
that the player page carries and exguide-player.js reads.

The JSON stands in a <script type="application/json"> element, which browsers never run; "<", ">" and
"&" are written as \\u escapes, so no text from data can end that element or start another.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.catalog.link import Catalog
from generator.catalog.session import session_steps
from generator.outputs.markup import template_environment

CUES_SHOWN = 2


@functools.cache
def _text_environment() -> Environment:
    """Plain text: the JSON encoder escapes what the page needs escaped."""
    return template_environment(autoescape=False)


def session_data(catalog: Catalog, routine_id: str) -> dict[str, Any]:
    """Everything the player needs for one routine: its steps in order, and each item's screen."""
    routine, plan = catalog.routines[routine_id], catalog.plans[routine_id]
    dose = _text_environment().get_template("_dose.j2").module
    items: dict[str, dict[str, Any]] = {}
    for _, groups in plan.blocks:
        for group in groups:
            for item in group.items:
                exercise = catalog.exercises[item.exercise_id]
                words = dose.dose_in_circuit(item.dosage) if group.circuit else dose.dosage_text(item.dosage)  # type: ignore[attr-defined]
                items[item.label] = {
                    "exercise": item.exercise_id,
                    "name": exercise.name,
                    "dose": str(words).strip(),
                    "cues": [item.note] if item.note else exercise.cues[:CUES_SHOWN],
                    "circuit": group.circuit.name if group.circuit else "",
                }
    steps = [
        {
            "kind": step.kind,
            "seconds": round(step.seconds, 1),
            "counted": step.counted,
            "label": step.label,
            "set": step.set_number,
            "sets": step.sets,
            "side": step.side,
        }
        for step in session_steps(plan)
    ]
    return {"routine": routine_id, "name": routine.name, "total": plan.total_s, "steps": steps, "items": items}


def session_json(catalog: Catalog, routine_id: str) -> Markup:
    """The player's data as JSON safe to stand inside a script element of a page."""
    text = json.dumps(session_data(catalog, routine_id), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
