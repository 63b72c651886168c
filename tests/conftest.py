"""Shared fixtures: a copy of the fixture data, the default guide and a club built once, and a browser.

Playwright is imported only when a browser fixture is used, by the browser tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import FIXTURES, REPO, exguide, exguide_build, make_club

from generator.outputs.site_folder import remove_tree

collect_ignore = [] if os.environ.get("EXGUIDE_PROPERTY_RUN") else ["properties"]
"""The property tests run in a process of their own, as an ordinary user: see test_properties.py."""

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture data, with the working folder set so messages read `data/...`."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture
def ordinary_tmp() -> Iterator[Path]:
    """A folder that the ordinary user of `as_ordinary_user` can reach, outside root's private temporary folders."""
    folder = Path(tempfile.mkdtemp(prefix="exguide-test-"))
    folder.chmod(0o755)
    yield folder
    remove_tree(folder)


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("default") / "site"
    result = exguide_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def club_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_club(tmp_path_factory.mktemp("clubs") / "riverside")
    result = exguide(folder, "build")
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="session")
def site_url(default_site: Path) -> Iterator[str]:
    from browser import serving

    with serving(default_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    from browser import new_page

    yield from new_page(browser)
