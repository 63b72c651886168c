"""Peak memory of a process and every process it starts, as the sum of their proportional set sizes.

A forked worker shares its parent's pages until either writes to them; the resident set of each
process counts shared pages in full, so adding those up would count them twice, while the largest
alone misses the workers. Each process's PSS counts a shared page in proportion, so their sum is what
the whole build takes from the machine.
"""

from __future__ import annotations

import threading
from pathlib import Path

SAMPLE_EVERY_S = 0.05


def _tree(pid: int) -> list[int]:
    """The process and its descendants, whichever of its threads started them; none once it has ended (a
    worker may end between its parent's listing and its own)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    children = []
    for task in tasks:
        try:
            children += (task / "children").read_text().split()
        except OSError:
            continue
    return [pid, *(descendant for child in children for descendant in _tree(int(child)))]


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree every SAMPLE_EVERY_S until stopped; `peak_kb` is the most."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._stopped = threading.Event()
        self._failure: Exception | None = None

    def run(self) -> None:
        try:
            while not self._stopped.is_set():
                self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.pid)))
                self._stopped.wait(SAMPLE_EVERY_S)
        except Exception as failure:  # reported by stop(): a peak sampled only in part is no figure
            self._failure = failure

    def stop(self) -> int:
        """The peak; raises what stopped the sampling early, if anything did."""
        self._stopped.set()
        self.join()
        if self._failure is not None:
            raise RuntimeError(f"memory sampling of process {self.pid} stopped early") from self._failure
        return self.peak_kb
