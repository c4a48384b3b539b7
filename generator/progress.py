"""How far the long stages of a check or a build have got.

A large archive takes minutes to check and build. Each long stage of the core (briefings
checked, Markdown pages made, share cards drawn, the site indexed for search) counts what it
has done on a `Tally` that `Progress.stage` gives it; the CLI and the MkDocs plugin decide
where the lines go (standard error, MkDocs' log). A stage says nothing until it has run
`QUIET` seconds, nor ever when it has fewer than `FEW` things to do, so that a small archive
prints what it printed before, even on a busy machine; then a line at most every `INTERVAL`
seconds, and a last line with its count and time when it ends:

    Checking briefings: 4,210 of 10,000 after 15 s
    Checked 10,000 briefings in 36.2 s

The clock is an argument (a fake one in the tests), and a tally is called from whichever
thread receives the results: a page made in a worker process is counted when it comes back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

QUIET = 2.5
"""Seconds a stage runs before it says anything: the stages of a small archive never do."""
INTERVAL = 5.0
"""Seconds at least between two lines of one stage: a calm log, on a terminal or a CI runner."""
FEW = 100
"""A stage with fewer things to do than this (pages, briefings, cards) says nothing: it is
slow only when the machine is, and a small site's log stays as it was."""


@dataclass(frozen=True)
class Stage:
    """What a stage says while it runs, and when it ends."""

    doing: str
    """'Checking briefings', followed by ': 4,210 of 10,000 after 15 s' (or, for a stage
    that counts nothing, ': 15 s so far')."""
    done: str | None
    """'Checked {count} briefings', followed by ' in 36.2 s'; None when the caller says the
    last word itself (the plugin's line about the search index)."""
    counted: bool = True
    """Whether the stage counts what it has done: Pagefind says nothing until it ends."""

    def running(self, count: int, total: int | None, elapsed: float) -> str:
        """Its line while it runs."""
        if not self.counted:
            return f"{self.doing}: {elapsed:.0f} s so far"
        of = f" of {total:,}" if total is not None else ""
        return f"{self.doing}: {count:,}{of} after {elapsed:.0f} s"

    def ended(self, count: int, elapsed: float) -> str | None:
        """Its last line, if it says one."""
        if self.done is None:
            return None
        return f"{self.done.format(count=f'{count:,}')} in {elapsed:.1f} s"


CHECKING = Stage("Checking briefings", "Checked {count} briefings")
MAKING = Stage("Making Markdown pages", "Made {count} Markdown pages")
DRAWING = Stage("Drawing share cards", "Drew {count} share cards")


class Tally:
    """The count of one stage. This one says nothing: every core function's default."""

    def advance(self, count: int = 1) -> None:
        """`count` more things done (0: none, but time has passed)."""

    def finish(self) -> None:
        """The stage is over (it also ends when its count reaches its total)."""


class Reporter(Tally):
    """A stage that says how far it has got, by `say`, at the pace of the module's docstring."""

    def __init__(
        self,
        stage: Stage,
        total: int | None,
        say: Callable[[str], None],
        *,
        clock: Callable[[], float],
        quiet: float,
        interval: float,
    ) -> None:
        self.stage, self.total, self.count = stage, total, 0
        self._say, self._clock, self._quiet, self._interval = say, clock, quiet, interval
        self._start = clock()
        self._said = float("-inf")
        self._over = False
        self._lock = threading.Lock()

    def advance(self, count: int = 1) -> None:
        with self._lock:
            if self._over:
                return
            self.count += count
            now = self._clock()
            if self.total is not None and self.count >= self.total:
                self._end(now)
                return
            elapsed = now - self._start
            if elapsed < self._quiet or now - self._said < self._interval:
                return
            self._said = now
        self._say(self.stage.running(self.count, self.total, elapsed))

    def finish(self) -> None:
        with self._lock:
            if not self._over:
                self._end(self._clock())

    def _end(self, now: float) -> None:
        self._over = True
        elapsed = now - self._start
        last = self.stage.ended(self.count, elapsed)
        if last is not None and elapsed >= self._quiet:
            self._say(last)


class Progress:
    """Where the stages of one check or build say how far they have got: `say` takes each
    line (None: nowhere). The pace is the module's `QUIET`, `INTERVAL` and `FEW` unless
    given."""

    def __init__(
        self,
        say: Callable[[str], None] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        quiet: float | None = None,
        interval: float | None = None,
        few: int | None = None,
    ) -> None:
        self.say, self.clock = say, clock
        self.quiet = QUIET if quiet is None else quiet
        self.interval = INTERVAL if interval is None else interval
        self.few = FEW if few is None else few

    def stage(self, stage: Stage, total: int | None = None) -> Tally:
        """The tally of a stage that starts now, with `total` things to do if known."""
        if self.say is None or (total is not None and total < self.few):
            return Tally()
        return Reporter(
            stage, total, self.say, clock=self.clock, quiet=self.quiet, interval=self.interval
        )


SILENT = Progress()
"""Says nothing: what the core reports to unless its caller asks for more."""
