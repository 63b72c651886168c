"""The follow-along player's data for a routine: its session steps and what each screen shows, as JSON
that the player page carries and exguide-player.js reads.

The JSON stands in a <script type="application/json"> element, which browsers never run; "<", ">" and
"&" are written as \\u escapes, so no text from data can end that element or start another.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.catalog.link import Catalog
from generator.catalog.session import session_steps
from generator.outputs.messages import SOURCE_LANGUAGE, Messages

CUES_SHOWN = 2


def session_data(catalog: Catalog, routine_id: str, messages: Messages | None = None) -> dict[str, Any]:
    """Everything the player needs for one routine: its steps in order, and each item's screen."""
    routine, plan = catalog.routines[routine_id], catalog.plans[routine_id]
    words = messages or Messages(SOURCE_LANGUAGE)
    items: dict[str, dict[str, Any]] = {}
    for _, groups in plan.blocks:
        for group in groups:
            for item in group.items:
                exercise = catalog.exercises[item.exercise_id]
                dose = words.dose_in_circuit(item.dosage) if group.circuit else words.dosage(item.dosage)
                items[item.label] = {
                    "exercise": item.exercise_id,
                    "name": exercise.name,
                    "dose": dose,
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


def session_json(catalog: Catalog, routine_id: str, messages: Messages | None = None) -> Markup:
    """The player's data as JSON safe to stand inside a script element of a page."""
    text = json.dumps(session_data(catalog, routine_id, messages), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
