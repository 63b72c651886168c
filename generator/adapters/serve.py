"""`exguide serve`: a preview of the site that rebuilds on every save, on MkDocs' own live-reload server.

It is `mkdocs serve` with three differences, all for the time from a save to the browser's reload:

- every rebuild is a dirty build, which exguide's plugin makes both quick and exact (adapters/preview.py);
- saves are noticed through the system's file events (inotify on Linux) as they happen, where
  `mkdocs serve` looks for changes every half second;
- the theme's template environments list its files without walking the hidden folders MkDocs leaves
  out of the site anyway, and keep what they compile for the next rebuild (adapters/theme_files.py).

`python -m generator.adapters.serve CONFIG ADDRESS` runs it; `exguide serve` starts it so.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.observers
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import ObservedWatch

from generator.adapters.mkdocs_plugin import ExguidePlugin
from generator.adapters.theme_files import list_theme_files_quickly
from generator.outputs.markup import CompiledTemplates

log = logging.getLogger("mkdocs.commands.serve")

QUIET_BEFORE_REBUILD_S = 0.05
"""How long a save must be followed by no other change before the rebuild starts (an editor's save can
write a file in several steps)."""


CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""The events that change what a build reads; the system also reports files opened and read, which a
build itself does."""


class ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The system's file events (inotify on Linux), changes only; it keeps the paths saved since it was last
    asked (`take_saved`)."""

    def __init__(self) -> None:
        super().__init__()
        self._saved: set[str] = set()
        self._saved_lock = threading.Lock()

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, **options: Any) -> ObservedWatch:
        recording = _Recording(event_handler, self._record)
        watch: ObservedWatch = super().schedule(recording, path, **{**options, "event_filter": CHANGES})
        return watch

    def _record(self, event: FileSystemEvent) -> None:
        with self._saved_lock:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self._saved.add(os.fsdecode(path))

    def take_saved(self) -> set[str]:
        """The paths created, changed, moved or deleted since the last call."""
        with self._saved_lock:
            saved, self._saved = self._saved, set()
        return saved


class _Recording(FileSystemEventHandler):
    """Hands each event to `record`, then to the handler it stands in for."""

    def __init__(self, handler: FileSystemEventHandler, record: Callable[[FileSystemEvent], None]) -> None:
        super().__init__()
        self._handler, self._record = handler, record

    def dispatch(self, event: FileSystemEvent) -> None:
        self._record(event)
        self._handler.dispatch(event)


class PromptReloadServer(LiveReloadServer):
    """MkDocs' live-reload server, told of each change by the system as it happens."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.changes = ChangeObserver()
        self.observer = self.changes
        self.build_delay = QUIET_BEFORE_REBUILD_S


def serve(config_file: Path, dev_addr: str) -> None:
    """Build the site into a temporary folder, serve it, and rebuild what each save changes until stopped."""
    site_dir = tempfile.mkdtemp(prefix="exguide-preview-")

    compiled = CompiledTemplates()

    def load() -> MkDocsConfig:
        config = load_config(str(config_file), site_dir=site_dir, dev_addr=dev_addr)
        list_theme_files_quickly(config.theme, compiled)
        return config

    config = load()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = "/" + urlsplit(config.site_url or "/").path.strip("/")
    serve_url = f"http://{host}:{port}{mount_path.rstrip('/')}/"
    config.site_url = serve_url

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:  # a rebuild after a save
            config = load()
            config.site_url = serve_url
            plugin = config.plugins.get("exguide")
            if isinstance(plugin, ExguidePlugin):
                plugin.files_saved(server.changes.take_saved())
        build(config, serve_url=serve_url, dirty=True)

    server = PromptReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        served = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:
            served.watch(path)
        try:
            served.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            served.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _log_as_mkdocs_does() -> None:
    """MkDocs' messages on the terminal as `mkdocs serve` shows them: level, then the message."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)


def main(config_file: str, dev_addr: str) -> int:
    _log_as_mkdocs_does()
    try:
        serve(Path(config_file), dev_addr)
    except (Abort, ConfigurationError) as error:  # MkDocs has said what is wrong, as its own commands do
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
