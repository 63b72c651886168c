"""A guide in two languages: the bundled guide in English at the root and German under /de/, every page
in both with a language menu that leads to the same page, German search, plurals, the fallback note for
what is not yet translated, German PDFs with their QR code's address, the German player, and a club that
adds a third language with files alone."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from browser import search
from helpers import REPO, edit, exguide, exguide_build, make_club, make_project, pdf_text, write
from playwright.sync_api import Page

from generator.authoring.catalogue import TEMPLATE, extract_messages, missing_messages
from generator.catalog.link import alphabetical
from generator.outputs.messages import load_messages

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"


class _Links(HTMLParser):
    """The language menu's links and the hreflang links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.menu: dict[str, str] = {}
        self.alternates: dict[str, str] = {}
        self.language = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.language = found.get("lang") or ""
        if tag == "a" and "md-select__link" in (found.get("class") or ""):
            self.menu[found["hreflang"] or ""] = found["href"] or ""
        if tag == "link" and found.get("rel") == "alternate" and found.get("hreflang"):
            self.alternates[found["hreflang"] or ""] = found["href"] or ""


def _links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link from a page of the site leads to."""
    url = urljoin("http://site/" + page.relative_to(site).as_posix(), href)
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("de/"))


def test_every_page_is_in_both_languages_and_its_menu_leads_to_the_same_page(default_site: Path) -> None:
    english = _pages(default_site)
    german = sorted((default_site / "de").rglob("index.html"))
    assert len(english) > 100 and len(german) == len(english)
    for page in [*english, *german]:
        links = _links(page)
        assert set(links.menu) == {"en", "de"} == set(links.alternates), page
        inside = page.relative_to(default_site).as_posix().removeprefix("de/")
        for language, href in links.menu.items():
            target = _target(default_site, page, href)
            expected = default_site / ("de/" if language == "de" else "") / inside
            assert target == expected and target.is_file(), (page, language, href)
            assert _target(default_site, page, links.alternates[language]) == expected
        assert links.language == ("de" if page.is_relative_to(default_site / "de") else "en")


def test_the_german_pages_are_in_german(default_site: Path) -> None:
    page = (default_site / "de" / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Beckenheben<", page)
    for german in ("Schritte", "Typische Fehler", "3 Sätze", "Wiederholungen", "Übungen", "Hüftstreckung für"):
        assert german in page, german
    assert "Not yet translated" not in page and "Noch nicht übersetzt" not in page
    home = (default_site / "de" / "index.html").read_text(encoding="utf-8")
    assert "Übungen" in home and "Startseite" in home
    index = json.loads((default_site / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["de"]
    assert any(doc["location"] == "exercises/glute-bridge/" and doc["title"] == "Beckenheben" for doc in index["docs"])
    english = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and not any(doc["location"].startswith("de/") for doc in english["docs"])


def test_plural_forms_follow_each_language() -> None:
    german, english = load_messages("de"), load_messages("en")
    assert german.ngettext("%(num)s set", "%(num)s sets", 1) == "1 Satz"
    assert german.ngettext("%(num)s set", "%(num)s sets", 3) == "3 Sätze"
    assert english.ngettext("%(num)s set", "%(num)s sets", 1) == "1 set"
    assert english.ngettext("%(num)s set", "%(num)s sets", 3) == "3 sets"
    assert german.number(1.5) == "1,5" and english.number(1.5) == "1.5"
    assert german.number(12500) == "12.500" and english.number(12500) == "12,500"
    failed = (
        "%(num)s file could not be saved: check the connection and press Save again.",
        "%(num)s files could not be saved: check the connection and press Save again.",
    )
    words = json.loads(german.browser_words([failed]))
    forms = next(iter(words["words"].values()))
    assert len(forms) == 2 and "Datei " in forms[0] and "Dateien" in forms[1]


def test_every_message_of_exguide_is_in_german() -> None:
    """The shipped template lists every message the templates and code use, and German translates each."""
    with TEMPLATE.open("rb") as file:
        shipped = {message.id for message in read_po(file) if message.id}
    assert shipped == {message.id for message in extract_messages() if message.id}
    assert missing_messages("de") == []


@pytest.fixture(scope="module")
def partly_translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture guide in English and German, with one exercise and one content page translated and a
    site address, so that its PDFs print their pages' addresses."""
    tmp_path = tmp_path_factory.mktemp("languages")
    project = make_project(tmp_path, FIXTURE_DATA, languages=True)
    edit(project / "mkdocs.yml", "# site_url: where", "site_url: https://example.org/guide/\n# where")
    for translated in (project / "content").glob("*.de.md"):
        translated.unlink()
    write(project / "content" / "index.md", "# Home\n\nStart with [Starter](routines/starter.md).\n")
    write(project / "content" / "index.de.md", "# Start\n\nFang mit [Starter](routines/starter.md) an.\n")
    write(
        project / "data" / "i18n" / "de" / "exercises" / "bridge.yaml",
        """\
        name: Beckenheben
        aliases: [Hüftbrücke, Schulterbrücke]
        summary: Das Becken vom Boden heben.
        setup: Auf den Rücken legen, Knie gebeugt.
        steps: [Die Füße in den Boden drücken., Das Becken heben.]
        cues: [Das Gesäß anspannen.]
        mistakes:
          - {mistake: Hohlkreuz., fix: Weniger hoch heben.}
        safety: [Bei Schmerzen aufhören.]
        variations:
          - {name: Halten, description: Oben 30 Sekunden halten.}
        notes: Der Ausgangspunkt.
        """,
    )
    result = exguide_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def test_a_page_not_yet_translated_shows_a_note_and_its_own_language(partly_translated: Path) -> None:
    translated = (partly_translated / "de" / "exercises" / "bridge" / "index.html").read_text(encoding="utf-8")
    assert "Beckenheben" in translated and "Noch nicht übersetzt" not in translated
    other = (partly_translated / "de" / "exercises" / "single-leg-bridge" / "index.html").read_text(encoding="utf-8")
    assert "Noch nicht übersetzt" in other and re.search(r"<h1[^>]*>Single-Leg Bridge<", other)
    assert "Schritte" in other
    content = (partly_translated / "de" / "how-to-use" / "index.html").read_text(encoding="utf-8")
    assert "Noch nicht übersetzt" in content and "How to use this guide" in content
    home = (partly_translated / "de" / "index.html").read_text(encoding="utf-8")
    assert "Noch nicht übersetzt" not in home
    english = (partly_translated / "exercises" / "single-leg-bridge" / "index.html").read_text(encoding="utf-8")
    assert "Not yet translated" not in english and "Noch nicht" not in english


def test_a_german_pdf_reads_in_german_and_points_to_the_german_page(partly_translated: Path) -> None:
    text = pdf_text(partly_translated / "de" / "pdf" / "starter.pdf")
    assert "Beckenheben" in text and "Sätze" in text and "Trainingsprotokoll" in text
    assert "https://example.org/guide/de/routines/starter/" in text.replace("/ ", "/")
    assert "Seite 1 von 1" in text
    english = pdf_text(partly_translated / "pdf" / "starter.pdf")
    assert "Bridge" in english and "https://example.org/guide/routines/starter/" in english.replace("/ ", "/")
    assert "Sätze" not in english


def test_each_language_saves_its_own_files_for_offline(default_site: Path) -> None:
    root, german = (
        (default_site / "offline-files.json").read_text(),
        (default_site / "de" / "offline-files.json").read_text(),
    )
    assert '"de/' not in root and '"exercises/glute-bridge/index.html"' in german
    assert 'const OTHER_SITES = ["de/"];' in (default_site / "sw.js").read_text(encoding="utf-8")
    assert "const OTHER_SITES = [];" in (default_site / "de" / "sw.js").read_text(encoding="utf-8")
    words = (default_site / "de" / "assets" / "javascripts" / "exguide-words.js").read_text(encoding="utf-8")
    assert "Schritt %(number)s von %(count)s" in words
    offline = (default_site / "de" / "offline" / "index.html").read_text(encoding="utf-8")
    assert "Offline speichern" in offline


def test_german_search_finds_a_german_alias(page: Page, site_url: str) -> None:
    page.goto(site_url + "/de/")
    hits = search(page, "Eselstritt")
    assert hits and hits[0].endswith("/de/exercises/hip-kickback/")


def test_the_german_player_speaks_german(page: Page, site_url: str) -> None:
    page.goto(site_url + "/de/routines/beginner-hip-strength/play/")
    position = page.locator('[data-part="position"]')
    position.wait_for()
    assert re.fullmatch(r"Schritt 1 von \d+", position.inner_text())
    assert page.locator('[data-action="done"]').inner_text() == "Fertig"
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(site_url + "/routines/beginner-hip-strength/play/")
    assert re.fullmatch(r"Step 1 of \d+", page.locator('[data-part="position"]').inner_text())


def test_the_bundled_guide_builds_in_both_languages_with_no_warning(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr
    assert (tmp_path / "site" / "de" / "routines" / "hip-extension-sequence" / "index.html").is_file()


def test_a_club_adds_a_third_language_with_files(tmp_path: Path) -> None:
    club = make_club(tmp_path / "riverside")
    edit(club / "club.yml", "languages: [en, de]", "languages: [en, de, fr]")
    result = exguide(club, "new", "translation", "fr")
    assert result.returncode == 0, result.stderr
    skeleton = club / "data" / "i18n" / "fr" / "exercises" / "glute-bridge.yaml"
    assert skeleton.is_file() and (club / "data" / "i18n" / "fr" / "messages.po").is_file()
    edit(skeleton, "name:\n", "name: Pont fessier\n")
    catalogue = club / "data" / "i18n" / "fr" / "messages.po"
    edit(catalogue, 'msgid "Steps"\nmsgstr ""', 'msgid "Steps"\nmsgstr "Étapes"')
    result = exguide(club, "build", "--no-pdfs")
    assert result.returncode == 0, result.stderr
    page = (club / "site" / "fr" / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Pont fessier<", page) and "Étapes" in page and '<html lang="fr"' in page
    assert 'hreflang="de"' in page and 'hreflang="en"' in page
    german = (club / "site" / "de" / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Beckenheben<", german)
    own = (club / "site" / "de" / "exercises" / "club-bridge-hold" / "index.html").read_text(encoding="utf-8")
    assert "Noch nicht übersetzt" in own


def test_names_sort_with_their_letter_whatever_their_accents() -> None:
    names = ["Zehenstand", "Übung", "Apfel", "ähnlich", "Étape", "Straße", "eben"]
    assert sorted(names, key=alphabetical) == ["ähnlich", "Apfel", "eben", "Étape", "Straße", "Übung", "Zehenstand"]


def test_a_club_in_one_language_leaves_the_bundled_translations_out(tmp_path: Path) -> None:
    result = exguide(tmp_path, "init", "solo", "--name", "Solo Runners")
    assert result.returncode == 0, result.stderr
    club = tmp_path / "solo"
    edit(club / "club.yml", "languages: [en, de]", "languages: [en]")
    write(club / "content" / "meeting-times.md", "# Meeting times\n\nTuesdays.\n")
    result = exguide(club, "build", "--no-pdfs")
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr
    assert not (club / "site" / "de").exists() and not (club / "site" / "index.de").exists()
    assert "md-select" not in (club / "site" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="de"' not in (club / "site" / "exercises" / "glute-bridge" / "index.html").read_text()
