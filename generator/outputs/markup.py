"""Templates whose output is HTML or SVG: values escaped as markup, never as Markdown."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup, escape

from generator.outputs.messages import SOURCE_LANGUAGE, Messages


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory; Jinja compiles a template again when its source has changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@functools.cache
def package_templates(
    autoescape: bool, finalize: Callable[[Any], Any] | None, keep_trailing_newline: bool
) -> CompiledTemplates:
    """exguide's own templates, compiled once in a process for each kind of environment (what a template
    compiles to depends on these settings): each build makes environments of its language, and a
    preview's rebuild would otherwise compile every template again."""
    return CompiledTemplates()


def template_environment(
    *, autoescape: bool, finalize: Callable[[Any], Any] | None = None, keep_trailing_newline: bool = False
) -> Environment:
    """Every exguide template environment: the package's templates, no undefined names, tidy blocks.

    What differs is how values are made safe: `autoescape` for HTML and XML, or a `finalize`
    that every {{ value }} passes through (Markdown escaping, YAML scalars, CSS checks).
    Templates ship with the package, so a loaded template is not checked for changes again.
    """
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=autoescape,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        auto_reload=False,
        bytecode_cache=package_templates(autoescape, finalize, keep_trailing_newline),
    )


@functools.lru_cache(maxsize=8)
def markup_environment(messages: Messages | None = None) -> Environment:
    """Drawings and print documents: every value escaped for HTML and XML, messages in their language."""
    environment = template_environment(autoescape=True)
    install_messages(environment, messages or Messages(SOURCE_LANGUAGE), lambda text: str(escape(text)))
    return environment


def install_messages(environment: Environment, messages: Messages, escape: Callable[[str], str]) -> None:
    """Give templates their language: _() and ngettext() for messages (values put in escaped with
    `escape` when a value is markup), `words` for doses, times and dates, and level and weekday names."""
    environment.globals["_"] = lambda message, **values: messages.text(message, escape, values)
    environment.globals["ngettext"] = lambda singular, plural, num, **values: messages.ntext(
        singular, plural, num, escape, values
    )
    environment.globals["pgettext"] = lambda context, message, **values: messages.fill(
        messages.translations.pgettext(context, message), escape, values
    )
    environment.globals["words"] = messages
    environment.globals["level_name"] = messages.level
    environment.globals["day_name"] = messages.weekday
    environment.globals["language"] = messages.language


class PathData(str):
    """Numbers and SVG path commands made by exguide's own drawing code, never text from data.

    A plain subclass of str, so making one costs next to nothing; geometry templates let it through.
    """

    __slots__ = ()


def _geometry_only(value: Any) -> Any:
    """Applied to every {{ … }} of a geometry template: numbers and template-made markup pass, text does not."""
    if isinstance(value, str) and not isinstance(value, (Markup, PathData)):
        raise TypeError(f"geometry templates take numbers and markup, not text: {value!r}")
    return value


@functools.cache
def geometry_environment() -> Environment:
    """Drawings made of numbers alone (a figure's body): nothing to escape, and text is refused outright."""
    return template_environment(autoescape=False, finalize=_geometry_only)


def render_markup(
    template: str, one_line: bool = False, geometry: bool = False, messages: Messages | None = None, **context: Any
) -> Markup:
    """Render without blank lines, which would end a raw HTML block in Markdown.

    `geometry` renders with geometry_environment, for templates whose values are all numbers.
    """
    environment = geometry_environment() if geometry else markup_environment(messages)
    lines = [line for line in environment.get_template(template).render(**context).splitlines() if line.strip()]
    return Markup(("" if one_line else "\n").join(lines))
