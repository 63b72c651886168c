"""The site folder: a build is made beside it and swapped in whole, and what a stopped build left is cleared.

A build writes into a staging folder named `.<site>-building-<pid>-<random>` next to the site. When it
succeeds the two folders are exchanged in one step where the system allows (Linux's `renameat2` with
RENAME_EXCHANGE), so the site is never missing, not even for a moment; elsewhere the old site is first
moved to `.<site>-previous`. A build killed at any point leaves at worst one of these folders behind:
the next build removes staging folders whose process has ended and recovers or removes `.<site>-previous`,
including folders a user made read-only.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from generator.errors import one_line
from generator.workers import process_running

LEGACY_STAGING_AGE = 24 * 60 * 60
"""Staging folders of older exguide versions carry no process number; they count as stale after a day."""

_RENAME_EXCHANGE = 2


class SiteFolderError(Exception):
    """A file-system failure around the site folder, said in one line that names the path."""


def staging_pattern(site_dir: Path) -> re.Pattern[str]:
    """Names of exguide's staging folders for this site: the building process's number, then a random part."""
    return re.compile(rf"\.{re.escape(site_dir.name)}-building-(?:(?P<pid>\d+)-)?[A-Za-z0-9_]+")


def retired_folder(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-previous")


def clear_leftovers(site_dir: Path) -> None:
    """Put back or remove what stopped builds left beside the site, before anything else is done."""
    if site_dir.parent.is_dir():
        recover_retired(site_dir)
        remove_stale_staging(site_dir)


def start_staging(site_dir: Path) -> Path:
    """Make the folder this build writes into, beside the site."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-{os.getpid()}-", dir=site_dir.parent))


def remove_stale_staging(site_dir: Path) -> list[Path]:
    """Remove staging folders of builds that are no longer running; returns what was removed."""
    pattern = staging_pattern(site_dir)
    removed = []
    for entry in site_dir.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        pid = match.group("pid")
        if process_running(int(pid)) if pid else _recently_changed(entry):
            continue
        remove_tree(entry)
        removed.append(entry)
    return removed


def recover_retired(site_dir: Path) -> None:
    """Put back a site that a stopped swap had moved aside, or remove the old one it left beside the new."""
    retired = retired_folder(site_dir)
    if retired.is_symlink() or not retired.exists():
        return
    if not site_dir.exists():
        retired.rename(site_dir)
    else:
        remove_tree(retired)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make the staging folder the site and remove the old site."""
    if site_dir.exists() and _exchange(staging, site_dir):
        remove_tree(staging)
        return
    retired = retired_folder(site_dir)
    remove_tree(retired)
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    remove_tree(retired)


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it, even where a user made parts of it read-only.

    Folders are made writable by their owner before their entries are removed, as `rm -rf` would need.
    """
    if path.is_symlink() or not path.exists():
        if path.is_symlink():
            path.unlink()
        return
    _make_folders_writable(path)
    shutil.rmtree(path)


def _make_folders_writable(top: Path) -> None:
    owner_rwx = stat.S_IRWXU
    with contextlib.suppress(OSError):
        top.chmod(top.stat().st_mode | owner_rwx)
    for folder, subfolders, _ in os.walk(top):
        for name in subfolders:
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if not os.path.islink(path):
                    os.chmod(path, os.stat(path).st_mode | owner_rwx)


def _recently_changed(folder: Path) -> bool:
    return time.time() - folder.stat().st_mtime < LEGACY_STAGING_AGE


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step; False where the system or the file system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


_OUT_OF_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def io_failure_line(error: OSError, site_dir: Path, staging: Path | None = None) -> str:
    """One line for a failed read or write during a build, naming the path exguide was writing.

    A file copied into the staging folder is named by its place in the site; running out of room names the
    site folder, whichever file the system blamed (a copy's error names the file it read from).
    """
    reason = one_line(error.strerror or str(error))
    names = [Path(os.fsdecode(name)) for name in (error.filename2, error.filename) if isinstance(name, str | bytes)]
    for path in names:
        if staging is not None and path.is_relative_to(staging):
            inside = one_line(path.relative_to(staging).as_posix())
            return f"{site_dir}: could not write {inside}: {reason}{_room_hint(error)}"
    if error.errno in _OUT_OF_ROOM or not names:
        return f"{site_dir}: {reason}{_room_hint(error)}"
    return f"{one_line(str(names[-1]))}: {reason}"


def _room_hint(error: OSError) -> str:
    return " (free some space and build again)" if error.errno in _OUT_OF_ROOM else ""
