"""Problems found in the data, and the one exception that carries them all to the user."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2
"""Exit statuses with a meaning: 1 a problem in the data or the files, 2 a mistake in the command itself."""


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one data file, pinned to the line and column where a person can fix it."""

    file: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """Always exactly one line: whatever a file name, key or value holds is shown escaped."""
        file, field, message, hint = (one_line(part) for part in (self.file, self.field, self.message, self.hint))
        text = f"{file}:{self.line}:{self.col}: {field}: {message}"
        return f"{text} ({hint})" if hint else text


def one_line(text: str) -> str:
    """Text with every control or line-separating character written as an escape, so it cannot start a
    line of its own or steer the terminal (a newline shows as \\n, an escape character as \\x1b)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}")


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class DataError(Exception):
    """Raised once, after every file has been checked, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def report(self) -> str:
        """The problems, one line each, then a count: what the command line prints."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{self}\n{count} {noun} found; nothing was built."


def did_you_mean(word: str, known: Iterable[str], otherwise: str = "check the spelling or add it") -> str:
    """The hint for a misspelt name: the closest known one, if any is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else otherwise
