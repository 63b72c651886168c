"""The words exguide itself writes around the data ("Steps", "3 sets of 15 reps"), in the site's language.

Every label in the templates and the player is a message of a gettext catalogue: exguide's own in
generator/locale/<language>.po, and a guide's in data/i18n/<language>/messages.po (for a language
exguide does not ship, or for the guide's own words such as its name and its navigation), which wins.
Babel reads the catalogues, gives each language its plural rules, and formats numbers and dates the
way the language writes them. A message with no translation is written as the English it is.

    _("Steps")                                      Schritte
    ngettext("%(num)s set", "%(num)s sets", 3)      3 Sätze
    number(1.5)                                     1,5
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_day_names
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from markupsafe import Markup

from generator.errors import DataError, Problem
from generator.reading.datafile import display_path
from generator.reading.models import Dosage, Range

LOCALE_FOLDER = Path(__file__).parent.parent / "locale"
"""exguide's own catalogues: `<language>.po`, and `exguide.pot`, the messages they translate."""
MESSAGES_FILE = "messages.po"
"""A guide's own catalogue, in data/i18n/<language>/."""
SOURCE_LANGUAGE = "en"
"""The language the messages are written in."""
FORMAT_LOCALES = {"en": "en_GB"}
"""How a language writes dates and numbers where it has more than one way: exguide's English is British."""
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def N_(message: str) -> str:
    """Marks a message to be translated where it is used, not where it is written (gettext_noop)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with plural forms to be translated where it is used."""
    return singular, plural


@dataclass(frozen=True, eq=False)
class Messages:
    """One language's messages, plural rules and number formats. Equal only to itself, so template
    environments made for it can be kept per language."""

    language: str
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)

    @functools.cached_property
    def locale(self) -> Locale:
        return _locale(self.language)

    def _(self, message: str, **values: Any) -> str:
        """A message in this language, with each %(name)s filled in (numbers written the language's way)."""
        translated = self.translations.gettext(message)
        return translated % self._formatted(values) if values else translated

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        """A message that means one thing in one place and another elsewhere ("Back": a button, a view)."""
        translated = self.translations.pgettext(context, message)
        return translated % self._formatted(values) if values else translated

    def within_sentence(self, name: str) -> str:
        """A name (an easy run's) inside a sentence: English lowers its first letter; other languages,
        whose nouns may need their capitals, keep it as it is."""
        return name[:1].lower() + name[1:] if self.language.split("-")[0] == "en" else name

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        """The form of a message for `num` that the language's plural rules choose; %(num)s is the number."""
        translated = self.translations.ngettext(singular, plural, num)
        return translated % self._formatted({"num": num, **values})

    def number(self, value: float) -> str:
        """A number as the language writes it: 1,5 in German, 1.5 in English; thousands grouped."""
        return str(format_decimal(value, locale=self.locale))

    def long_date(self, iso: str) -> str:
        """A date (YYYY-MM-DD) written out: 5 March 2025, 5. März 2025."""
        day = datetime.date.fromisoformat(iso)
        return str(format_date(day, format="long", locale=self.locale))

    def language_name(self, language: str | None = None) -> str:
        """A language's name in that language, as a language menu lists it: Deutsch, English."""
        code = language or self.language
        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
        except (ValueError, UnknownLocaleError):
            name = code
        return name[:1].upper() + name[1:]

    def duration(self, seconds: int) -> str:
        """A time in minutes and seconds: 45 s, 2 min, 1 min 30 s."""
        minutes, rest = divmod(seconds, 60)
        if minutes and not rest:
            return self._("%(minutes)s min", minutes=minutes)
        if minutes:
            return self._("%(minutes)s min %(seconds)s s", minutes=minutes, seconds=rest)
        return self._("%(seconds)s s", seconds=seconds)

    def hours_and_minutes(self, minutes: int) -> str:
        """A longer time in hours and minutes: 50 min, 1 h, 1 h 20 min."""
        hours, rest = divmod(minutes, 60)
        if hours and not rest:
            return self._("%(hours)s h", hours=hours)
        if hours:
            return self._("%(hours)s h %(minutes)s min", hours=hours, minutes=rest)
        return self._("%(minutes)s min", minutes=minutes)

    def dosage(self, dosage: Dosage) -> str:
        """A prescribed dose in words: 3 sets of 15 reps per side, holding each for 2 s; rest 45 s between sets."""
        text = self._(
            "%(sets)s of %(amount)s",
            sets=self.ngettext("%(num)s set", "%(num)s sets", dosage.sets),
            amount=self._amount(dosage),
        )
        if dosage.per_side:
            text = self._("%(dose)s per side", dose=text)
        if dosage.hold_s:
            text = self._("%(dose)s, holding each for %(time)s", dose=text, time=self.duration(dosage.hold_s))
        if dosage.rest_s:
            text = self._("%(dose)s; rest %(time)s between sets", dose=text, time=self.duration(dosage.rest_s))
        return text

    def dose_in_circuit(self, dosage: Dosage) -> str:
        """One exercise's dose in a round of a circuit, where the rounds and the rest belong to the circuit."""
        text = self._amount(dosage)
        if dosage.per_side:
            text = self._("%(dose)s per side", dose=text)
        if dosage.hold_s:
            text = self._("%(dose)s, holding each for %(time)s", dose=text, time=self.duration(dosage.hold_s))
        return text

    def _amount(self, dosage: Dosage) -> str:
        parts = []
        if dosage.reps:
            parts.append(self.ngettext("%(num)s rep", "%(num)s reps", dosage.reps))
        if dosage.duration_s:
            parts.append(self.duration(dosage.duration_s))
        if dosage.distance_m:
            parts.append(self._("%(metres)s m", metres=dosage.distance_m))
        return " ".join(parts)

    def circuit(self, rounds: int, rest_s: int | None) -> str:
        """How a circuit is done: 3 rounds, one set of each in turn, rest 1 min after each round."""
        text = self.ngettext(
            "%(num)s round, one set of each in turn", "%(num)s rounds, one set of each in turn", rounds
        )
        if rest_s:
            text = self._("%(rounds)s, rest %(time)s after each round", rounds=text, time=self.duration(rest_s))
        return text

    def per_week(self, sessions: Range) -> str:
        """How often: 2 sessions a week, 2 to 3 sessions a week."""
        if sessions.min == sessions.max:
            return self.ngettext("%(num)s session a week", "%(num)s sessions a week", sessions.max)
        return self._("%(min)s to %(max)s sessions a week", min=sessions.min, max=sessions.max)

    def weeks(self, weeks: Range) -> str:
        """For how long: 4 weeks, 4 to 6 weeks."""
        if weeks.min == weeks.max:
            return self.ngettext("%(num)s week", "%(num)s weeks", weeks.max)
        return self._("%(min)s to %(max)s weeks", min=weeks.min, max=weeks.max)

    def text(self, message: str, escape: Callable[[str], str], values: dict[str, Any]) -> str | Markup:
        """A message for a page: plain text to be escaped where it lands, or, when a value is markup
        (a link the template made), the message escaped with `escape` around the markup put in as it is."""
        translated = self.translations.gettext(message)
        return self.fill(translated, escape, values)

    def ntext(
        self, singular: str, plural: str, num: int, escape: Callable[[str], str], values: dict[str, Any]
    ) -> str | Markup:
        """The plural form of a message for a page, as `text`."""
        return self.fill(self.translations.ngettext(singular, plural, num), escape, {"num": num, **values})

    def fill(self, translated: str, escape: Callable[[str], str], values: dict[str, Any]) -> str | Markup:
        formatted = self._formatted(values)
        if not any(isinstance(value, Markup) for value in formatted.values()):
            return translated % formatted if values else translated
        pieces = _PLACEHOLDER.split(translated)
        return Markup(
            "".join(
                (value if isinstance(value := formatted[piece], Markup) else escape(str(value)))
                if index % 2
                else escape(piece.replace("%%", "%"))
                for index, piece in enumerate(pieces)
            )
        )

    def level(self, difficulty: str) -> str:
        """A level's name, as a heading or in a table: Beginner, Intermediate, Advanced."""
        names = {"beginner": self._("Beginner"), "intermediate": self._("Intermediate"), "advanced": self._("Advanced")}
        return names.get(difficulty, difficulty)

    def weekday(self, day: str) -> str:
        """A weekday's name (given in English, as the data names it) in this language."""
        index = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday").index(day)
        return str(get_day_names("wide", locale=self.locale)[index])

    def _formatted(self, values: dict[str, Any]) -> dict[str, Any]:
        return {
            name: self.number(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
            for name, value in values.items()
        }

    @property
    def plural_expression(self) -> str:
        """The language's plural rule as gettext writes it, a C expression of n: "(n != 1)"."""
        return str(get_plural(self.locale)[1])

    def browser_words(self, messages: list[str | tuple[str, str]]) -> str:
        """These messages as JSON for the site's scripts: each message's forms, and the plural rule."""
        count, expression = get_plural(self.locale)
        words: dict[str, Any] = {}
        for message in messages:
            if isinstance(message, tuple):
                singular, plural = message
                words[singular] = [self.translations.ngettext(singular, plural, n) for n in _samples(expression, count)]
            else:
                words[message] = self.translations.gettext(message)
        return json.dumps({"language": self.language, "plural": expression, "words": words}, ensure_ascii=False)


def _samples(expression: str, count: int) -> list[int]:
    """For each plural form of a rule, in order, a number that takes it (for the browser's copy of the
    forms); a form no such number takes (French's for millions, say) shares the last one found."""
    found: dict[int, int] = {}
    rule = gettext.c2py(expression)
    for n in [*range(200), *(10**power for power in range(3, 10)), *(k * 10**6 for k in range(2, 5))]:
        found.setdefault(rule(n), n)
        if len(found) == count:
            break
    fallback = max(found.values())
    return [found.get(index, fallback) for index in range(count)]


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(FORMAT_LOCALES.get(language, language.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE)


def load_messages(language: str, guide_catalogues: tuple[Path, ...] = ()) -> Messages:
    """A language's messages: the guide's catalogues first (the last given wins), then exguide's own.

    Raises DataError, with the line, for a guide catalogue that cannot be read."""
    chain: gettext.NullTranslations | None = None
    problems: list[Problem] = []
    for path in (*reversed(guide_catalogues), _bundled_catalogue(language)):
        if path is None or not path.is_file():
            continue
        try:
            translations = _compiled(path, path.stat().st_mtime_ns, language)
        except PoFileError as error:
            line = getattr(error, "lineno", 1) or 1
            problems.append(Problem(display_path(path), line, 1, "(file)", str(error), "fix the catalogue's syntax"))
            continue
        if chain is None:
            chain = _copy(translations)
        else:
            chain.add_fallback(translations)
    if problems:
        raise DataError(problems)
    return Messages(language, chain or gettext.NullTranslations())


def _bundled_catalogue(language: str) -> Path | None:
    path = LOCALE_FOLDER / f"{language}.po"
    return path if path.is_file() else None


def _copy(translations: gettext.GNUTranslations) -> gettext.GNUTranslations:
    """A translations object of its own, so adding fallbacks to it never changes the cached one."""
    copied = gettext.GNUTranslations.__new__(gettext.GNUTranslations)
    copied.__dict__.update(translations.__dict__)
    copied._fallback = None  # type: ignore[attr-defined]
    return copied


@functools.lru_cache(maxsize=16)
def _compiled(path: Path, modified: int, language: str) -> gettext.GNUTranslations:
    """A .po catalogue read with Babel and compiled in memory (kept while the file is unchanged)."""
    with path.open("rb") as file:
        catalog: Catalog = read_po(file, locale=language.replace("-", "_"), abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def guide_catalogues(data_folders: list[Path], language: str) -> tuple[Path, ...]:
    """The guide's own catalogues of a language, bundled data first, a club's overlay after."""
    return tuple(folder / "i18n" / language / MESSAGES_FILE for folder in data_folders)
