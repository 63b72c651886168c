"""What every generated drawing shares: an XML-escaping template environment and compact output."""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


@functools.cache
def svg_environment() -> Environment:
    """Drawings are XML: values are escaped as markup, never as Markdown."""
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_svg(template: str, one_line: bool = False, **context: Any) -> Markup:
    """Render a drawing without blank lines, which would end a raw HTML block in Markdown."""
    lines = [line for line in svg_environment().get_template(template).render(**context).splitlines() if line.strip()]
    return Markup(("" if one_line else "\n").join(lines))
