"""The property tests of tests/properties/, run as an ordinary user so that permissions apply to them.

As root every file can be read, so an unreadable data file would never be unreadable: the property tests
run in a process of their own, as `nobody` (or as root without root's capabilities) when the suite runs
as root. `EXGUIDE_PROPERTY_PROFILE=fuzz` (what `make fuzz` sets) runs many more examples.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import REPO, as_ordinary_user

PROPERTIES = REPO / "tests" / "properties"
PROFILE = "EXGUIDE_PROPERTY_PROFILE"


def test_the_property_tests_pass_as_an_ordinary_user(ordinary_tmp: Path) -> None:
    command, environment = as_ordinary_user(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
        "--rootdir",
        str(REPO),
        str(PROPERTIES),
        home=ordinary_tmp,
    )
    environment[PROFILE] = os.environ.get(PROFILE, "ci")
    environment["EXGUIDE_PROPERTY_RUN"] = "1"
    result = subprocess.run(command, cwd=ordinary_tmp, env=environment, capture_output=True, text=True, check=False)
    print(result.stdout[-6000:])
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert " passed" in result.stdout.splitlines()[-1] and "skipped" not in result.stdout.splitlines()[-1]
