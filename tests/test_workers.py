"""Worker processes leave Ctrl+C to the build, which stops and waits for them instead of hanging."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from generator.outputs import catalog_figures
from generator.pipeline import build_catalog
from generator.workers import ForkedMap, worker_pool, workers_for


@pytest.mark.parametrize("fork", [False, True])
def test_workers_ignore_ctrl_c(fork: bool) -> None:
    with worker_pool(1, fork=fork) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler


def test_an_interrupted_build_leaves_no_figure_workers_behind(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    with pytest.raises(KeyboardInterrupt), catalog_figures.FigureDrawing(catalog.exercises, catalog.poses, workers=2):
        assert len(multiprocessing.active_children()) == 2
        raise KeyboardInterrupt
    assert multiprocessing.active_children() == []


def test_a_forked_map_keeps_the_order_of_its_items() -> None:
    items = list(range(11))
    with ForkedMap(lambda item: (item * item, os.getpid()), items, 3) as mapped:
        results = mapped.result()
    assert [square for square, _ in results] == [item * item for item in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_work_goes_to_workers_only_when_there_is_enough_of_it() -> None:
    assert workers_for(199, 200) == 1
    assert workers_for(200, 200) == len(os.sched_getaffinity(0))
