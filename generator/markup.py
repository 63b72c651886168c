"""Templates whose output is HTML or SVG: values escaped as markup, never as Markdown."""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


@functools.cache
def markup_environment() -> Environment:
    """Drawings and print documents: every value escaped for HTML and XML."""
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_markup(template: str, one_line: bool = False, **context: Any) -> Markup:
    """Render without blank lines, which would end a raw HTML block in Markdown."""
    lines = [
        line for line in markup_environment().get_template(template).render(**context).splitlines() if line.strip()
    ]
    return Markup(("" if one_line else "\n").join(lines))
