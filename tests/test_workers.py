"""Worker processes: one pool for reading, drawing and printing, which leaves Ctrl+C to the build."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from pathlib import Path

import pytest

from generator import workers
from generator.guide import build_catalog
from generator.outputs import catalog_figures
from generator.workers import Workers, workers_for


@pytest.mark.parametrize("forked", [False, True])
def test_workers_ignore_ctrl_c(forked: bool) -> None:
    with Workers(2, forked=forked) as pool:
        assert pool.map(_interrupt_handler, [0, 1]) == [signal.SIG_IGN, signal.SIG_IGN]
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler


def _interrupt_handler(_: int) -> object:
    return signal.getsignal(signal.SIGINT)


def test_an_interrupted_build_leaves_no_figure_workers_behind(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    with pytest.raises(KeyboardInterrupt), catalog_figures.FigureDrawing(catalog.exercises, catalog.poses, workers=2):
        assert len(multiprocessing.active_children()) == 2
        raise KeyboardInterrupt
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("forked", [False, True])
def test_a_map_keeps_the_order_of_its_items_and_runs_in_other_processes(forked: bool) -> None:
    items = list(range(11))
    with Workers(3, forked=forked) as pool:
        results = pool.map(_square_and_pid if not forked else lambda item: (item * item, os.getpid()), items)
    assert [square for square, _ in results] == [item * item for item in items]
    assert os.getpid() not in {pid for _, pid in results}


@pytest.mark.parametrize("count", [2, 47, 1001])
def test_a_forked_map_sent_back_in_runs_keeps_every_item_in_order(count: int) -> None:
    items = list(range(count))
    with Workers(2, forked=True) as pool:
        results = pool.map(lambda item: (item, os.getpid()), items)
    assert [item for item, _ in results] == items
    assert os.getpid() not in {pid for _, pid in results}


def test_forked_workers_leave_what_this_process_held_out_of_their_garbage_collection() -> None:
    """So that their collector does not touch, and copy, the pages of the build's objects they inherit."""
    with Workers(2, forked=True) as pool:
        frozen = pool.map(lambda _: gc.get_freeze_count(), [1, 2])
    assert min(frozen) > 1000
    assert gc.get_freeze_count() == 0


def _square_and_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_a_forked_map_with_one_worker_runs_in_this_process() -> None:
    with Workers(1, forked=True) as pool:
        assert pool.map(lambda _: os.getpid(), [1, 2]) == [os.getpid(), os.getpid()]
    assert multiprocessing.active_children() == []


def test_cheap_work_goes_to_workers_only_when_there_is_enough_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    assert workers_for(workers.WORKERS_FROM - 1) == 1
    assert workers_for(workers.WORKERS_FROM) == len(os.sched_getaffinity(0))


def test_no_worker_is_forked_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers.can_fork() is False
        assert workers_for(10 * workers.WORKERS_FROM) == 1
    finally:
        stop.set()
        thread.join()
