"""The preview's notice of problems in the data: while `exguide serve` shows the last good build, each page
lists the problems at its top, as the terminal does, until a save fixes them."""

from __future__ import annotations

import json

from generator.outputs.markup import template_environment

PROBLEMS_SCRIPT = "assets/javascripts/exguide-problems.js"


def problems_script(problems: list[str]) -> str:
    """exguide-problems.js: the problems as JSON, which the script shows as text, never as markup."""
    template = template_environment(autoescape=False).get_template("browser/problems.js.j2")
    return template.render(problems=json.dumps(problems, ensure_ascii=False).replace("<", "\\u003c"))
