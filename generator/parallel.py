"""Run many small independent tasks on every core the build may use.

The workers are forked: each inherits the tasks, and the archive they close over, from this
process, so nothing is copied on the way in and only the results are pickled on the way back.
A fork is safe only where the process has a single thread, on Linux. Anywhere else (the MkDocs
preview server runs threads; macOS and Windows do not fork safely), or when one core is all
there is, the tasks run here, one after the other, with the same results.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

MAX_WORKERS = 8
"""More workers than this spend more on forking and pickling than they save."""

MIN_TASKS = 64
"""Fewer tasks than this (the seed archive, one edited briefing) run here: a fork costs more."""

_tasks: Sequence[Callable[[], object]] = ()
"""The tasks of the running `run_all`, inherited by its forked workers."""


def cores() -> int:
    """How many cores this process may run on (a container or CI runner may allow fewer)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def workers_for(tasks: int) -> int:
    """How many processes to run `tasks` tasks in: 1 means here, without forking."""
    forkable = sys.platform == "linux" and threading.active_count() == 1
    if not forkable or tasks < MIN_TASKS:
        return 1
    return max(1, min(cores(), MAX_WORKERS))


def _share(start: int, step: int) -> list[object]:
    return [task() for task in _tasks[start::step]]


def run_all(tasks: Sequence[Callable[[], T]], workers: int | None = None) -> list[T]:
    """The result of every task, in order. Tasks must not depend on each other's side effects:
    each worker starts from this process as it is now."""
    global _tasks
    count = workers_for(len(tasks)) if workers is None else workers
    if count <= 1:
        return [task() for task in tasks]
    results: list[T] = [None] * len(tasks)  # type: ignore[list-item]
    _tasks = tasks
    gc.freeze()  # objects shared with the workers stay untouched, so their pages stay shared
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            for start, share in enumerate(pool.map(_share, range(count), [count] * count)):
                results[start::count] = share  # type: ignore[assignment]
    finally:
        _tasks = ()
        gc.unfreeze()
    return results
