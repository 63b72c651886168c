"""Worker processes for the stages that do much the same work many times over: reading data files,
drawing figures and printing PDFs.

One core count (`cores`), one threshold for cheap jobs (`WORKERS_FROM`), one kind of pool (`Workers`).
Workers ignore Ctrl+C and leave it to the build, which stops and waits for what they are doing: a worker
interrupted while it sends back a result could leave the pool's pipe half-written and the build waiting
for ever.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS_FROM = 200
"""With fewer cheap jobs than this (reading a file, drawing a figure), this process finishes them sooner
than worker processes start."""

CHUNKS_PER_WORKER = 16
"""A forked map's items are handed out in this many runs per worker, each sent back as it is done: no
worker holds, and no pipe carries, more than a sixteenth of its share of the results at once."""


def cores() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def process_running(pid: int) -> bool:
    """Whether a process with this number still runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def can_fork() -> bool:
    """Whether workers can start as copies of this process: only where fork exists and no other thread runs.

    `mkdocs serve` rebuilds while its server and watcher threads run, and a fork copies whatever locks
    they hold; there, the cheap jobs are done in this process.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


def workers_for(jobs: int) -> int:
    """How many forked workers `jobs` cheap jobs get: one per core from WORKERS_FROM jobs where forking is
    safe, else 1 (this process does them)."""
    return cores() if jobs >= WORKERS_FROM and can_fork() else 1


class Workers:
    """Worker processes, started when there is first something to do, at most `most` of them.

    `forked` workers are copies of this process: each map's function and items reach them in memory,
    not through a pipe, so each map starts workers of its own, and with one worker the map runs in
    this process. Otherwise workers start afresh and hold none of the build's memory, only the jobs
    they are sent: one set of them serves every map.
    """

    def __init__(self, most: int, *, forked: bool = False) -> None:
        self._most, self._forked = max(1, most), forked
        self._pools: list[ProcessPoolExecutor] = []

    def start_map(self, function: Callable[[T], R], items: list[T]) -> MapInProgress[R]:
        """`function` over `items`, started now so that this process can get on with other work."""
        count = min(self._most, len(items))
        if self._forked:
            if count < 2:
                return MapInProgress([function(item) for item in items])
            size = math.ceil(len(items) / (count * CHUNKS_PER_WORKER))
            pool = self._pool(count, initargs=(function, items))
            # The workers fork at the first submit: objects this process holds then are left out of their
            # garbage collector, which would otherwise touch, and so copy, every page those objects are on.
            gc.freeze()
            try:
                runs = [pool.submit(_forked_run, first, first + size) for first in range(0, len(items), size)]
            finally:
                gc.unfreeze()
            return MapInProgress(None, runs)
        if not items:
            return MapInProgress([])
        pool = self._pools[0] if self._pools else self._pool(count)
        return MapInProgress(None, [pool.submit(_as_run, function, item) for item in items])

    def map(self, function: Callable[[T], R], items: list[T]) -> list[R]:
        return self.start_map(function, items).result()

    def _pool(self, count: int, initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("fork" if self._forked else "spawn")
        initializer = _take_forked_work if self._forked else _ignore_interrupts
        pool = ProcessPoolExecutor(count, mp_context=context, initializer=initializer, initargs=initargs)
        self._pools.append(pool)
        return pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        for pool in self._pools:
            pool.shutdown(cancel_futures=error is not None)


class MapInProgress(Generic[R]):
    """The results of a map, in the items' order, once all are done: each future is a run of them."""

    def __init__(self, done: list[R] | None, runs: list[Future[list[R]]] | None = None) -> None:
        self._done, self._runs = done, runs or []

    def result(self) -> list[R]:
        if self._done is None:
            self._done = [item for run in self._runs for item in run.result()]
            self._runs = []
        return self._done


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _take_forked_work(function: Callable[[Any], Any], items: list[Any]) -> None:
    """In a forked worker, as it starts: keep the map's function and items, inherited in memory."""
    _ignore_interrupts()
    global _forked_work
    _forked_work = (function, items)


_forked_work: tuple[Callable[[Any], Any], list[Any]] | None = None
"""Set only inside a forked worker, by `_take_forked_work`: the map that worker serves."""


def _forked_run(first: int, end: int) -> list[Any]:
    """In a forked worker: the function over the map's items from `first` up to `end`."""
    assert _forked_work is not None, "forked workers receive their map as they start"
    function, items = _forked_work
    return [function(item) for item in items[first:end]]


def _as_run(function: Callable[[T], R], item: T) -> list[R]:
    """In a fresh worker: the function over one item, as a run of one."""
    return [function(item)]
