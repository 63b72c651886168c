"""Every mistake YAML allows gets one exact line: file, line, column, field, what is wrong, what to do."""

from __future__ import annotations

import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, as_ordinary_user, hand_to_ordinary_user, problems_for, replace_in, write

BRIDGE = "exercises/bridge.yaml"


def _replace(old: str, new: str, path: str = BRIDGE) -> Callable[[Path], None]:
    return lambda data: replace_in(data / path, old, new)


def _write(relative: str, text: str) -> Callable[[Path], None]:
    return lambda data: write(data / relative, text) and None


def _write_bytes(relative: str, content: bytes) -> Callable[[Path], None]:
    return lambda data: (data / relative).write_bytes(content) and None


def _link_outside(data: Path) -> None:
    outside = write(data.parent / "elsewhere.yaml", "name: Elsewhere\n")
    (data / "exercises" / "linked.yaml").symlink_to(outside)


def _second_file_for_an_id(data: Path) -> None:
    (data / "exercises" / "bridge.yml").write_text((data / BRIDGE).read_text())


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
    f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(6)
)

CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "yaml syntax error": (
        _replace("name: Bridge", "name: [Bridge"),
        [
            "data/exercises/bridge.yaml:2:8: (file): YAML syntax error: did not find expected ',' or ']'"
            " (check the YAML syntax here)"
        ],
    ),
    "tab indentation": (
        _replace("  primary: [gluteus-maximus]", "\tprimary: [gluteus-maximus]"),
        [
            "data/exercises/bridge.yaml:11:1: (file): YAML syntax error: a tab is used for indentation"
            " (indent with spaces, not tabs)"
        ],
    ),
    "duplicate key": (
        _replace("laterality: bilateral", "laterality: bilateral\nlaterality: unilateral"),
        ["data/exercises/bridge.yaml:8:1: laterality: key appears twice (keep one of them)"],
    ),
    "unknown field with a typo": (
        _replace("muscles:", "muscels:"),
        [
            "data/exercises/bridge.yaml:1:1: (file): required field 'muscles' is missing (add it)",
            "data/exercises/bridge.yaml:10:1: muscels: unknown field (did you mean 'muscles'?)",
        ],
    ),
    "wrong type": (
        _replace("cues: [Squeeze the seat.]", "cues: Squeeze the seat."),
        [
            "data/exercises/bridge.yaml:21:7: cues: expected a list, got text 'Squeeze the seat.'"
            " (write it as [a, b] or one '- item' per line)"
        ],
    ),
    "yes and no read as true and false": (
        _replace("setup: Lie on your back, knees bent.", "setup: no"),
        [
            "data/exercises/bridge.yaml:17:8: setup: expected text, got false (a yes/no value)"
            " (YAML reads unquoted yes, no, on and off as true or false: put the text in quotes)"
        ],
    ),
    "a number where text is meant": (
        _replace("name: Bridge", "name: 1984"),
        ["data/exercises/bridge.yaml:1:7: name: expected text, got the number 1984 (put the text in quotes)"],
    ),
    "1:30 as a time": (
        _replace("hold_s: 2", "hold_s: 1:30"),
        [
            "data/exercises/bridge.yaml:16:37: dosage.hold_s: expected a whole number, got text '1:30'"
            " (write a time as whole seconds, e.g. 90 for a minute and a half)"
        ],
    ),
    "misspelled id": (
        _replace("{id: hip, role: mobility}", "{id: hips, role: mobility}"),
        ["data/exercises/bridge.yaml:14:10: joints[0].id: unknown joint 'hips' (did you mean 'hip'?)"],
    ),
    "dangling reference": (
        _replace("progressions: [single-leg-bridge]", "progressions: [single-leg-bridge, nordic-curl]"),
        [
            "data/exercises/bridge.yaml:25:35: progressions[1]: unknown exercise 'nordic-curl'"
            " (check the spelling or add it to the vocabulary)"
        ],
    ),
    "two files for one id": (
        _second_file_for_an_id,
        ["data/exercises/bridge.yml:1:1: (file): 'bridge' is already defined by data/exercises/bridge.yaml (keep one)"],
    ),
    "an alias shared by two exercises": (
        _replace(
            "summary: A bridge on one leg.",
            "aliases: [Hip Bridge]\nsummary: A bridge on one leg.",
            "exercises/single-leg-bridge.yaml",
        ),
        [
            "data/exercises/single-leg-bridge.yaml:2:11: aliases[0]: 'Hip Bridge' already names exercise 'bridge'"
            " (give each name to one exercise)"
        ],
    ),
    "a cycle in progressions": (
        _replace(
            "sources: [test-article]",
            "progressions: [bridge]\nsources: [test-article]",
            "exercises/single-leg-bridge.yaml",
        ),
        [
            "data/exercises/bridge.yaml:25:16: progressions[0]: progressions go round in a circle:"
            " bridge → single-leg-bridge → bridge (remove one link)"
        ],
    ),
    "empty file": (
        _write("exercises/empty.yaml", "\n# nothing yet\n"),
        ["data/exercises/empty.yaml:1:1: (file): file is empty (add the fields it needs or delete the file)"],
    ),
    "not UTF-8": (
        _write_bytes("exercises/latin.yaml", b"name: Caf\xe9\n"),
        ["data/exercises/latin.yaml:1:1: (file): file is not UTF-8 text (save it with UTF-8 encoding)"],
    ),
    "file name that is not an id": (
        _write("exercises/Side Plank.yaml", "name: Side Plank\n"),
        [
            "data/exercises/Side Plank.yaml:1:1: (file): file name 'Side Plank' is not a valid id"
            " (use lowercase words joined by hyphens, e.g. 'glute-bridge')"
        ],
    ),
    "a very large file": (
        _write("exercises/huge.yaml", "notes: " + "x" * 1_000_001 + "\n"),
        ["data/exercises/huge.yaml:1:1: (file): file is 1,000,009 bytes (data files are limited to 1,000,000)"],
    ),
    "an anchor and alias bomb": (
        _write("exercises/bomb.yaml", BOMB),
        [
            "data/exercises/bomb.yaml:1:1: (file): more than 50,000 values once anchors and aliases are expanded"
            " (write the values out, or use fewer anchors and aliases)"
        ],
    ),
    "an unknown tag": (
        _replace("laterality: bilateral", "laterality: !side bilateral"),
        [
            "data/exercises/bridge.yaml:7:13: laterality: unknown tag '!side'"
            " (remove it: data is plain text, numbers, lists and mappings)"
        ],
    ),
    "a merge key": (
        _replace("  primary: [gluteus-maximus]", "  <<: {primary: [gluteus-maximus]}"),
        [
            "data/exercises/bridge.yaml:11:3: muscles.<<: merge keys (<<) are not supported"
            " (write the values out in full)"
        ],
    ),
    "text its tag does not allow": (
        _replace("laterality: bilateral", "laterality: !!int bilateral"),
        [
            "data/exercises/bridge.yaml:7:13: laterality: 'bilateral' is not a valid int"
            " (remove the tag or fix the value)"
        ],
    ),
    "a link to a file outside the data folder": (
        _link_outside,
        ["data/exercises/linked.yaml:1:1: (file): links to a file outside the data folder (copy the file in instead)"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_data_gets_one_exact_line(data_dir: Path, case: str) -> None:
    break_data, expected = CASES[case]
    break_data(data_dir)
    assert problems_for(data_dir) == expected


def test_every_problem_in_every_file_is_reported_in_one_run(data_dir: Path) -> None:
    for case in ("duplicate key", "misspelled id", "empty file", "not UTF-8", "an anchor and alias bomb"):
        CASES[case][0](data_dir)
    assert len(problems_for(data_dir)) == 5


@pytest.mark.parametrize(
    ("appended", "expected"),
    [
        (b"notes: a\x00b\n", "U+0000 is a control character, which YAML does not allow"),
        (b"notes: \x1b[31mred\n", "U+001B is a control character, which YAML does not allow"),
        (b"Notes: x\n", "Notes: unknown field (did you mean 'notes'?)"),
        (b"int: x\n", "int: unknown field"),
    ],
)
def test_bytes_and_keys_the_reader_refuses_are_one_located_line(data_dir: Path, appended: bytes, expected: str) -> None:
    path = data_dir / "exercises" / "bridge.yaml"
    path.write_bytes(path.read_bytes() + appended)
    [line] = problems_for(data_dir)
    assert line.startswith("data/exercises/bridge.yaml:") and expected in line


def test_a_newline_in_a_value_cannot_forge_a_second_line(data_dir: Path) -> None:
    replace_in(data_dir / "exercises" / "bridge.yaml", "category: strength", 'category: "a\\n9:9:9: forged"')
    [line] = problems_for(data_dir)
    assert "\n" not in line and "'a\\n9:9:9: forged' is not a valid id" in line


def test_links_to_nothing_and_folders_named_as_data_files_are_reported(data_dir: Path) -> None:
    (data_dir / "exercises" / "dangling.yaml").symlink_to("nowhere.yaml")
    (data_dir / "exercises" / "folder.yaml").mkdir()
    (data_dir / "exercises" / ".#bridge.yaml").write_text("an editor's lock file\n")
    assert problems_for(data_dir) == [
        "data/exercises/dangling.yaml:1:1: (file): is a link that leads nowhere (its target is missing, or the links"
        " go round in a loop) (point it at a file in the data folder, or delete it)",
        "data/exercises/folder.yaml:1:1: (file): is a folder, not a file (rename it, or move it out of the data)",
    ]


def test_a_vocabulary_holding_one_number_and_a_huge_number_are_problems_not_tracebacks(data_dir: Path) -> None:
    (data_dir / "goals.yaml").write_text("42\n")
    replace_in(data_dir / "exercises" / "bridge.yaml", "sets: 3", "sets: " + "9" * 5000)
    problems = problems_for(data_dir)
    assert "data/goals.yaml:1:1: (file): expected entries of the form 'id: {name: …}' (see the schema)" in problems
    assert any("dosage.sets: this number is far too long (write at most 15 digits)" in line for line in problems)


def test_a_key_that_reads_as_a_space_is_shown_in_quotes(data_dir: Path) -> None:
    """Found by the property tests: a next-line character (U+0085) in a key is read as a space."""
    with (data_dir / "categories.yaml").open("a", encoding="utf-8") as categories:
        categories.write("? '\x85  '\n: name: x\n")
    assert problems_for(data_dir) == [
        "data/categories.yaml:4:3: ' ': ' ' is not a valid id (use lowercase words joined by hyphens, e.g."
        " 'glute-bridge')"
    ]


def test_a_vocabulary_that_cannot_be_parsed_is_one_problem_not_one_per_reference(data_dir: Path) -> None:
    with (data_dir / "muscles.yaml").open("a", encoding="utf-8") as muscles:
        muscles.write("  broken: [\n")
    [problem] = problems_for(data_dir)
    assert problem.startswith("data/muscles.yaml:") and "YAML syntax error" in problem


def _unreadable_folder(data: Path) -> None:
    data.chmod(0)


def _unsearchable_exercises(data: Path) -> None:
    (data / "exercises").chmod(stat.S_IRUSR | stat.S_IWUSR)


def _unreadable_files(data: Path) -> None:
    (data / "exercises" / "bridge.yaml").chmod(0)
    (data / "muscles.yaml").chmod(0)


ACCESS_HINT = "(give the user running exguide permission to read it)"


@pytest.mark.parametrize(
    ("take_away", "expected"),
    [
        (_unreadable_folder, [f"data:1:1: (folder): cannot be read: permission denied {ACCESS_HINT}"]),
        (_unsearchable_exercises, [f"data/exercises:1:1: (folder): cannot be read: permission denied {ACCESS_HINT}"]),
        (
            _unreadable_files,
            [
                f"data/exercises/bridge.yaml:1:1: (file): cannot be read: permission denied {ACCESS_HINT}",
                f"data/muscles.yaml:1:1: (file): cannot be read: permission denied {ACCESS_HINT}",
            ],
        ),
    ],
    ids=["data folder", "exercises folder without search permission", "a file and a vocabulary"],
)
def test_what_an_ordinary_user_cannot_read_is_one_line_each(
    ordinary_tmp: Path, take_away: Callable[[Path], None], expected: list[str]
) -> None:
    """Found by the property tests: run as a user without the right to read, each place is one problem, and
    what refers to it is not reported again."""
    shutil.copytree(FIXTURES / "data", ordinary_tmp / "data")
    hand_to_ordinary_user(ordinary_tmp)
    take_away(ordinary_tmp / "data")
    command, environment = as_ordinary_user("-m", "generator.cli", "validate", "--data", "data", home=ordinary_tmp)

    result = subprocess.run(command, cwd=ordinary_tmp, env=environment, capture_output=True, text=True, check=False)

    assert result.returncode == 1
    count = f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found; nothing was built."
    assert result.stderr.splitlines() == [*expected, count]
