"""Worker processes for the stages that draw (figures and PDFs), which leave Ctrl+C to the build."""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor


def worker_pool(workers: int, fork: bool = False) -> ProcessPoolExecutor:
    """Worker processes that ignore Ctrl+C: the build stops, and waits for what they are drawing.

    A worker interrupted while it sends back a result could leave the pool's pipe half-written and
    the build waiting for ever. `fork` starts workers as copies of this process, so they find what
    to draw in memory rather than being sent it.
    """
    context = multiprocessing.get_context("fork") if fork else None
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
