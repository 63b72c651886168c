"""Worker processes leave Ctrl+C to the build, which stops and waits for them instead of hanging."""

from __future__ import annotations

import multiprocessing
import signal
from pathlib import Path

import pytest

from generator import figures
from generator.pipeline import build_catalog
from generator.workers import worker_pool


@pytest.mark.parametrize("fork", [False, True])
def test_workers_ignore_ctrl_c(fork: bool) -> None:
    with worker_pool(1, fork=fork) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler


def test_an_interrupted_build_leaves_no_figure_workers_behind(data_dir: Path) -> None:
    catalog = build_catalog(data_dir)
    with pytest.raises(KeyboardInterrupt), figures.FigureDrawing(catalog.exercises, catalog.poses, workers=2):
        assert len(multiprocessing.active_children()) == 2
        raise KeyboardInterrupt
    assert multiprocessing.active_children() == []
