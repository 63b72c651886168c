"""Pages rendered ahead: a full build renders its pages in a forked process while the engine works.

MkDocs spends most of a build on one core, converting each page's Markdown and writing its HTML. exguide's
render (templates, figures, thumbnails, open data, the app's icons) needs nothing of that, so a full build checks the
catalogue (all but the drawings, which the render checks as it draws them), lists every path the render will make
(`planned_pages`), and renders in a process of its own
while MkDocs goes through the pages: each page's Markdown is handed over as soon as it is written and
waited for only if MkDocs comes to it first; the files that are not pages follow once the figures are
drawn, before MkDocs writes any of them. The drawings, the bulk of a site's bytes, go to a temporary file
that the build reads each page's from as it writes the page: neither process holds them all.

    ahead = RenderAhead.start(catalog, routes, pdfs, messages, app, recheck)
    ahead.plan                 every page's path and whether the nav lists it, in order
    ahead.file_paths           the other files' paths: the open data, the app's manifest and icons
    ahead.content(path)        one page's Markdown (or a thumbnail's SVG), waiting for it if need be
    ahead.finish()             the other files, and every page's content and drawings not taken yet
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from generator.catalog.link import Catalog
from generator.errors import DataError
from generator.outputs.catalog_figures import UncheckedDrawingFails
from generator.outputs.messages import Messages
from generator.outputs.offline import AppSettings, app_file_paths, app_files
from generator.outputs.opendata import OPEN_DATA_FILES, open_data_files
from generator.outputs.render import GeneratedPage, planned_pages, render_site_pages
from generator.outputs.routes import Routes
from generator.workers import can_fork, cores

RENDER_NICENESS = 10
"""The render process and its figure workers give way to the engine's process, which is the one a build
waits for: they run on what the machine has spare, and keep ahead of the engine all the same."""


PIPE_BYTES = 1 << 20
"""The pipe from the render process holds this much (Linux's usual most for a user), not 64 KB."""

BATCH_ITEMS = 32
BATCH_BYTES = 1 << 20
"""The render process sends its pages and files in batches of up to this many, or about this many bytes."""


def render_ahead_possible() -> bool:
    """Whether a build can render ahead: a fork is possible and there is a second core to render on."""
    return can_fork() and cores() > 1


class DrawingsFile(Mapping[str, dict[str, str]]):
    """Each page's drawings, by the page's path, kept in a temporary file until the build has written the
    pages; the render process writes them, the build reads one page's at a time."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="exguide-drawings-")  # noqa: SIM115 - closed by close()
        self.places: dict[str, tuple[int, int]] = {}
        """Where each page's drawings are in the file: offset and size."""
        self._written = 0

    def write(self, path: str, drawings: dict[str, str]) -> tuple[int, int]:
        """In the render process: add a page's drawings at the end of the file; where they are."""
        data = pickle.dumps(drawings, protocol=pickle.HIGHEST_PROTOCOL)
        place = (self._written, len(data))
        os.pwrite(self._file.fileno(), data, self._written)
        self._written += len(data)
        return place

    def __getitem__(self, path: str) -> dict[str, str]:
        offset, size = self.places[path]
        drawings: dict[str, str] = pickle.loads(os.pread(self._file.fileno(), size, offset))
        return drawings

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def close(self) -> None:
        self._file.close()


@dataclass
class Rendered:
    """What the render process has sent so far."""

    drawings: DrawingsFile
    contents: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    done: bool = False
    failure: BaseException | None = None


class RenderAhead:
    """The pages of one full build, rendered in a forked process (see the module's docstring)."""

    def __init__(
        self,
        plan: list[tuple[str, bool]],
        process: Any,
        receiving: Connection,
        drawings: DrawingsFile,
        recheck: Callable[[], object],
    ) -> None:
        self.plan = plan
        self._recheck = recheck
        self.file_paths = _file_paths()
        self._process = process
        self._receiving = receiving
        self._rendered = Rendered(drawings)
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="exguide-render-ahead", daemon=True)
        self._reader.start()

    @classmethod
    def start(
        cls,
        catalog: Catalog,
        routes: Routes,
        pdfs: bool,
        messages: Messages,
        app: AppSettings,
        recheck: Callable[[], object],
    ) -> RenderAhead:
        """Fork the render process; every path it will make is known as this returns.

        A catalogue may leave its drawings unchecked (Catalog.drawings_checked), as checking them all takes
        the engine's process a while: the render checks each before drawing it, once the pages are sent,
        and should one fail, `recheck` checks the whole catalogue again, raising DataError with every
        problem."""
        plan = planned_pages(catalog)
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        with contextlib.suppress(OSError):  # a wider pipe: fewer turns of the reading thread
            fcntl.fcntl(sending.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        drawings = DrawingsFile()
        # The job reaches the copy in memory; this process lets go of it once the copy has started.
        job: list[Any] = [receiving, sending, drawings, catalog, routes, pdfs, messages, app, plan]
        process = context.Process(target=_render_job, args=(job,), name="exguide-render")
        gc.freeze()  # the copy's collector leaves the catalogue's pages of memory shared with this process
        try:
            process.start()
        finally:
            gc.unfreeze()
            job.clear()
        sending.close()
        return cls(plan, process, receiving, drawings, recheck)

    def _read(self) -> None:
        rendered = self._rendered
        try:
            ended = False
            while not ended:
                batch = self._receiving.recv()
                with self._arrived:
                    for kind, path, value in batch:
                        if kind == "page":
                            rendered.contents[path] = value
                        elif kind == "drawings":
                            rendered.drawings.places[path] = value
                        elif kind == "file":
                            rendered.files[path] = value
                        elif kind == "failed":
                            rendered.failure = value
                        ended = ended or kind in ("done", "failed")
                    self._arrived.notify_all()
        except (EOFError, OSError):
            with self._arrived:
                rendered.failure = RuntimeError(f"exguide's render process ended early ({self._process.exitcode})")
                self._arrived.notify_all()
            return
        with self._arrived:
            rendered.done = rendered.failure is None
            self._arrived.notify_all()

    def content(self, path: str) -> str:
        """One planned path's content, once rendered, taken from here (raises DataError for the data's
        problems the render found, RuntimeError if it failed)."""
        with self._arrived:
            self._arrived.wait_for(lambda: path in self._rendered.contents or self._ended())
            self._raise_failure()
            if path not in self._rendered.contents:
                raise RuntimeError(f"exguide's render made no {path}")
            return self._rendered.contents.pop(path)

    def finish(self) -> Rendered:
        """Everything not taken yet, once the render is done; the process has ended. Close the drawings
        once the pages are written."""
        with self._arrived:
            self._arrived.wait_for(self._ended)
            self._raise_failure()
        self._stop()
        return self._rendered

    def close(self) -> None:
        """Stop the render if it still runs, and let go of the drawings (a build that failed elsewhere)."""
        self._stop()
        self._rendered.drawings.close()

    def _stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiving.close()
        self._reader.join()

    def _ended(self) -> bool:
        return self._rendered.done or self._rendered.failure is not None

    def _raise_failure(self) -> None:
        failure = self._rendered.failure
        if isinstance(failure, UncheckedDrawingFails):
            self._recheck()
            failure = RuntimeError(f"exguide's drawing of {failure} fails its check, which the catalogue's passes")
        if failure is not None:
            raise failure


def _file_paths() -> list[str]:
    return [*OPEN_DATA_FILES, *app_file_paths()]


def _render_job(job: list[Any]) -> None:
    receiving, *rest = job
    receiving.close()  # the build's end of the pipe: held here too, a render whose build died would wait forever
    _render(*rest)


def _render(
    sending: Connection,
    drawings: DrawingsFile,
    catalog: Catalog,
    routes: Routes,
    pdfs: bool,
    messages: Messages,
    app: AppSettings,
    plan: list[tuple[str, bool]],
) -> None:
    """The render process: each page as it is written, then each page's drawings, then the other files."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the build, which stops this process
    os.nice(RENDER_NICENESS)

    batch = _Batch(sending)

    def announce(page: GeneratedPage) -> GeneratedPage:
        batch.add("page", page.path, page.content)
        return dataclasses.replace(page, content="")  # sent: this process need not keep it

    def drawings_done(path: str, page_drawings: dict[str, str]) -> None:
        batch.add("drawings", path, drawings.write(path, page_drawings))
        page_drawings.clear()  # written: this process need not keep them

    try:
        # The figures are drawn here once the pages are written, one exercise's at a time: no workers,
        # each with a copy of the catalogue, and never every figure at once.
        pages = render_site_pages(
            catalog, routes, pdfs, None, messages, None, None, announce, figure_workers=0, drawings_done=drawings_done
        )
        made = [(page.path, page.in_nav) for page in pages]
        if made != plan:
            raise RuntimeError(f"exguide rendered other pages than it planned: {sorted(set(made) ^ set(plan))[:5]}")
        for page in pages:
            if page.drawings:
                batch.add("drawings", page.path, drawings.write(page.path, page.drawings))
        del pages
        files = {**open_data_files(catalog, routes), **app_files(app)}
        if list(files) != _file_paths():
            raise RuntimeError(f"exguide made other files than it planned: {sorted(files)}")
        for path, data in files.items():
            batch.add("file", path, data)
        batch.add("done", "", None)
    except (DataError, UncheckedDrawingFails) as error:
        batch.add("failed", "", error)
    except Exception as error:
        batch.add("failed", "", RuntimeError(f"exguide's render failed: {error!r}\n{traceback.format_exc()}"))
    finally:
        batch.send()
        sending.close()


class _Batch:
    """What the render process sends, a batch at a time: each message costs the build's process a turn
    of its reading thread, which waits for the engine to let go of the interpreter."""

    def __init__(self, sending: Connection) -> None:
        self._sending = sending
        self._items: list[tuple[str, str, Any]] = []
        self._size = 0

    def add(self, kind: str, path: str, value: Any) -> None:
        self._items.append((kind, path, value))
        self._size += len(value) if isinstance(value, str | bytes) else 0
        if len(self._items) >= BATCH_ITEMS or self._size >= BATCH_BYTES:
            self.send()

    def send(self) -> None:
        if self._items:
            self._sending.send(self._items)
        self._items, self._size = [], 0
