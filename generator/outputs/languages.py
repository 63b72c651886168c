"""A guide in several languages: one site per language, the first at the site's root and each other
under /<language>/, every page at the same path in each (see README, "Languages").

    content pages       <page>.md in the default language, <page>.<language>.md beside it translated;
                        a page with no translation shows the default language's with a note
    navigation          titles translated through the message catalogues
    language menu       each page links to the same page in every other language (language_links)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.outputs.messages import N_, Messages
from generator.outputs.render import escape_markdown

NAV_TITLES = [
    N_("Home"),
    N_("How to use this guide"),
    N_("Exercises"),
    N_("Routines"),
    N_("Plan your week"),
    N_("Muscles"),
    N_("Joints"),
    N_("Equipment"),
    N_("Open data"),
]
"""The bundled guide's navigation, translated like any title a guide's own catalogue translates."""
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
_TRANSLATED_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3}(?:-[A-Z]{2})?)\.md$")


@dataclass(frozen=True)
class LanguageLink:
    """Another language's site, for the language menu and hreflang: its code, its own name, and the way
    from this site's root to its root ("de/" from the default language's site, "../" back to it)."""

    code: str
    name: str
    root: str


def language_root(language: str, languages: tuple[str, ...]) -> str:
    """Where a language's site sits under the site's root: "" for the default, else "<language>/"."""
    return "" if language == languages[0] else f"{language}/"


def language_links(current: str, languages: tuple[str, ...], messages: Messages) -> list[LanguageLink]:
    """Every language's site as seen from the current one, in the order the guide lists them."""
    up = "" if current == languages[0] else "../"
    return [
        LanguageLink(code, messages.language_name(code), "" if code == current else up + language_root(code, languages))
        for code in languages
    ]


def translated_page(path: str, pages: Iterable[str]) -> tuple[str, str] | None:
    """For a content page's translation (`how-to-use.de.md` beside `how-to-use.md`, among `pages`), the
    page it translates and its language, whether or not the site is built in that language."""
    match = _TRANSLATED_PAGE.match(path)
    if match is None:
        return None
    page = path[: match.start("language") - 1] + ".md"
    return (page, match.group("language")) if page in pages else None


def with_untranslated_note(page: str, messages: Messages) -> str:
    """A content page shown in the default language for want of a translation, with a note saying so at
    its top (after its front matter, if it has any)."""
    title = messages._("Not yet translated")
    text = messages._("This page is not yet translated: it is shown in its original language.")
    note = f'!!! note "{_admonition_text(title)}"\n\n    {_admonition_text(text)}\n\n'
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end != -1:
            return page[: end + 5] + "\n" + note + page[end + 5 :]
    return note + page


def pages_in_language(
    pages: dict[str, Path], language: str, languages: tuple[str, ...], messages: Messages
) -> dict[str, str | Path]:
    """A set of content pages (path → file) as the site in `language` shows them: each page's translation
    in its place, or the page with a note; translations are never pages of their own. A value is the file
    to show as it is, or the text to show."""
    shown: dict[str, str | Path] = {}
    translations: dict[str, Path] = {}
    for path, file in pages.items():
        found = translated_page(path, pages)
        if found is None:
            shown[path] = file
        elif found[1] == language:
            translations[found[0]] = file
    if language == languages[0]:
        return shown
    for path, page in list(shown.items()):
        if not path.endswith(".md") or not isinstance(page, Path):
            continue
        translation = translations.get(path)
        shown[path] = (
            translation
            if translation is not None
            else with_untranslated_note(page.read_text(encoding="utf-8"), messages)
        )
    return shown


def _admonition_text(text: str) -> str:
    return escape_markdown(text.replace('"', "\u201d"))


def content_pages(folder: Path) -> list[str]:
    """The Markdown pages of a content folder, by path inside it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if p.is_file())
