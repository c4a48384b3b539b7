"""Run many small independent tasks on every core the build may use.

`run_all` makes them all and returns; `Stream` makes them in the background and hands each
result over as soon as it is made, so that this process can go on with other work (MkDocs
reading and converting the pages made so far).

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
import pickle
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

from .progress import Tally

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


def run_all(
    tasks: Sequence[Callable[[], T]], workers: int | None = None, tally: Tally | None = None
) -> list[T]:
    """The result of every task, in order, each counted on `tally` as it is made here (or
    each worker's share as it comes back). Tasks must not depend on each other's side
    effects: each worker starts from this process as it is now."""
    global _tasks
    tally = tally or Tally()
    count = workers_for(len(tasks)) if workers is None else workers
    if count <= 1:
        made = []
        for task in tasks:
            made.append(task())
            tally.advance()
        return made
    results: list[T] = [None] * len(tasks)  # type: ignore[list-item]
    _tasks = tasks
    gc.freeze()  # objects shared with the workers stay untouched, so their pages stay shared
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            for start, share in enumerate(pool.map(_share, range(count), [count] * count)):
                results[start::count] = share  # type: ignore[assignment]
                tally.advance(len(share))
    finally:
        _tasks = ()
        gc.unfreeze()
    return results


class WorkerFailed(RuntimeError):
    """A worker stopped before making all its tasks, without an error of its own."""


def _sendable(error: BaseException) -> BaseException:
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)))
    return error


def _stream_share(out: Connection, start: int, step: int) -> None:
    try:
        for index in range(start, len(_tasks), step):
            out.send((index, _tasks[index]()))
    except BaseException as error:  # the parent raises it where the result is needed
        out.send((-1, _sendable(error)))
    finally:
        out.close()


class Stream(Generic[T]):
    """Tasks made in forked workers while this process goes on with other work, each result
    handed over as soon as it is made: `get(i)` waits only for a task not made yet.

    A build gives MkDocs the pages this way: MkDocs reads them one by one on one core while
    the workers make the next ones on the others. Start it only where `workers_for` allows
    a fork; `close` stops the workers. Each result is counted on `tally` as it comes back.
    """

    def __init__(
        self, tasks: Sequence[Callable[[], T]], workers: int, tally: Tally | None = None
    ) -> None:
        global _tasks
        self._tally = tally or Tally()
        self.waited = 0.0
        """Seconds `get` spent waiting for results."""
        self._results: dict[int, T] = {}
        self._failure: BaseException | None = None
        self._finished = False
        self._ready = threading.Condition()
        context = multiprocessing.get_context("fork")
        self._workers: list[multiprocessing.process.BaseProcess] = []
        readers: list[Connection] = []
        _tasks = tasks
        try:
            for start in range(workers):
                reader, writer = context.Pipe(duplex=False)
                worker = context.Process(
                    target=_stream_share, args=(writer, start, workers), daemon=True
                )
                worker.start()
                writer.close()
                readers.append(reader)
                self._workers.append(worker)
        finally:
            _tasks = ()
        # Started once every worker is forked: a fork copies no thread.
        threading.Thread(target=self._receive, args=(readers,), daemon=True).start()

    def _receive(self, readers: list[Connection]) -> None:
        while readers:
            for reader in wait(readers):
                assert isinstance(reader, Connection)
                try:
                    index, value = reader.recv()
                except EOFError:
                    readers.remove(reader)
                    continue
                with self._ready:
                    if index < 0:
                        self._failure = value
                    else:
                        self._results[index] = value
                        self._tally.advance()  # counted before it is handed over
                    self._ready.notify_all()
        with self._ready:
            self._finished = True
            self._ready.notify_all()

    def get(self, index: int) -> T:
        """The result of task `index`, waiting for it if need be; a worker's error is raised."""
        with self._ready:
            if index not in self._results:
                start = time.perf_counter()
                self._ready.wait_for(
                    lambda: index in self._results or self._failure is not None or self._finished
                )
                self.waited += time.perf_counter() - start
            if index in self._results:
                return self._results[index]
            if self._failure is not None:
                raise self._failure
        for worker in self._workers:
            worker.join(timeout=10)
        codes = ", ".join(str(worker.exitcode) for worker in self._workers)
        raise WorkerFailed(f"a worker stopped before making task {index} (exit codes {codes})")

    def close(self) -> None:
        """Stop the workers that are still running and wait for them."""
        for worker in self._workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
