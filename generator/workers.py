"""Worker processes for the stages that do much the same work many times over: reading data files,
drawing figures and printing PDFs. Workers leave Ctrl+C to the build."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def worker_pool(workers: int, fork: bool = False) -> ProcessPoolExecutor:
    """Worker processes that ignore Ctrl+C: the build stops, and waits for what they are doing.

    A worker interrupted while it sends back a result could leave the pool's pipe half-written and
    the build waiting for ever. `fork` starts workers as copies of this process, which find their work
    in memory; otherwise they start afresh and hold none of the build's memory, only what they are sent.
    """
    context = multiprocessing.get_context("fork" if fork else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def workers_for(jobs: int, from_jobs: int) -> int:
    """One worker per core this process may use, when there are at least `from_jobs` jobs and workers
    can be forked (Linux); else 1, as fewer jobs are done sooner in this process than workers start."""
    if jobs < from_jobs or not hasattr(os, "sched_getaffinity"):  # Linux alone has both
        return 1
    return len(os.sched_getaffinity(0))


class ForkedMap(Generic[T, R]):
    """`function` over `items` in forked worker processes, started at once so that this process can
    get on with other work; the workers find the function and items in memory rather than in a pipe."""

    def __init__(self, function: Callable[[T], R], items: list[T], workers: int) -> None:
        global _forked
        self._workers = workers
        self._count = len(items)
        self._pool = worker_pool(workers, fork=True)
        _forked = (function, items)
        try:
            self._slices = [self._pool.submit(_map_slice, first, workers) for first in range(workers)]
        finally:
            _forked = None  # every worker has forked by the first submit

    def result(self) -> list[R]:
        """Every item's result, in the items' order, once all are done."""
        slices = [future.result() for future in self._slices]
        return [slices[index % self._workers][index // self._workers] for index in range(self._count)]

    def __enter__(self) -> ForkedMap[T, R]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._pool.shutdown(cancel_futures=True)


_forked: tuple[Callable[[Any], Any], list[Any]] | None = None
"""The function and items of the ForkedMap being started, inherited by its workers."""


def _map_slice(first: int, step: int) -> list[Any]:
    """In a worker: the function over every `step`th item, from `first`."""
    assert _forked is not None, "ForkedMap starts its workers by forking"
    function, items = _forked
    return [function(item) for item in items[first::step]]
