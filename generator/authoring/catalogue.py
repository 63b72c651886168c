"""exguide's message catalogue: every message its templates and code write, gathered with Babel into
generator/locale/exguide.pot, and each language's generator/locale/<language>.po brought up to date
with it (`exguide translate messages`). A guide's own catalogue starts from the same template
(`exguide new translation <language>` writes data/i18n/<language>/messages.po)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator.outputs.messages import LOCALE_FOLDER

PACKAGE = Path(__file__).parent.parent
TEMPLATE = LOCALE_FOLDER / "exguide.pot"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "Nn_": (1, 2)}
"""_ and ngettext, as Babel knows them, and N_ for messages translated where they are used."""
METHODS = [("templates/**.j2", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.j2": {"trim_blocks": "true", "lstrip_blocks": "true"}}


def extract_messages() -> Catalog:
    """Every message in exguide's templates and code, with where each is used."""
    catalog = _catalog(None)
    for filename, line, message, comments, context in extract_from_dir(
        PACKAGE, METHODS, OPTIONS, KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return catalog


HEADER = """\
# The messages exguide writes around a guide's data{language}.
# Each msgstr is the translation of the msgid above it; %(name)s stands for a value and stays as it is.
# An empty msgstr is written in English until it is translated."""


def _catalog(language: str | None) -> Catalog:
    named = f", in {language}" if language else ""
    return Catalog(
        locale=language,
        project="exguide",
        header_comment=HEADER.format(language=named),
        msgid_bugs_address="",
        copyright_holder="",
        fuzzy=False,
    )


def write_catalogue(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)


def update_catalogues() -> list[Path]:
    """Write the template, and bring every language's catalogue up to date with it (new messages empty,
    changed ones marked fuzzy, removed ones kept as obsolete); returns the files written."""
    template = extract_messages()
    write_catalogue(template, TEMPLATE)
    written = [TEMPLATE]
    for path in sorted(LOCALE_FOLDER.glob("*.po")):
        with path.open("rb") as file:
            catalog = read_po(file, locale=path.stem)
        catalog.update(template, update_header_comment=False)
        write_catalogue(catalog, path)
        written.append(path)
    return written


def new_catalogue(language: str) -> str:
    """A catalogue for a language, every message from the template with an empty translation."""
    with TEMPLATE.open("rb") as file:
        template = read_po(file)
    catalog = _catalog(language.replace("-", "_"))
    catalog.update(template)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False)
    return buffer.getvalue().decode("utf-8")


def missing_messages(language: str = "de") -> list[str]:
    """The messages of the template that exguide's own catalogue of a language leaves untranslated."""
    with (LOCALE_FOLDER / f"{language}.po").open("rb") as file:
        catalog = read_po(file, locale=language)
    return [str(message.id) for message in catalog if message.id and (not message.string or message.fuzzy)]
