"""Run `mkdocs serve` on a copy of the project, read its pages over HTTP, and stop it; and the
mistakes an editor makes in the seed briefing while the preview runs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .building import PageText
from .conftest import ROOT
from .positions import location, position

TIMEOUT = 60.0
"""Seconds to wait for the server or a rebuild: a guard against a hang, not a speed check."""

SEED = "iran-russia-ballistic-missile-transfer"
SEED_PAGE = f"briefings/{SEED}/"
PANEL = "in the briefings — this preview is not publishable"
"""The headline of the panel of problems, after its count."""

# Mistakes in the seed briefing: (text as written, text with the mistake, the problem reported).
_SEED_TEXT = (ROOT / "briefings" / f"{SEED}.yaml").read_text(encoding="utf-8")
_STATE = "      state: unverified\n      as_of: 2026-11-25\n      note: |"
MISSPELLED_STATE = (
    _STATE,
    _STATE.replace("unverified", "unverifed"),
    f"briefings/{SEED}.yaml:{location(_SEED_TEXT, _STATE, 'unverified')}: state: 'unverifed' "
    "is not one of unverified, partially-verified, verified, disputed, misleading, unfounded, "
    "false, retracted; did you mean 'unverified'?",
)
_STATUS, _ = position(_SEED_TEXT, "\nstatus: published\n", "status")
TAB = (
    "\nstatus: published\n",
    "\n\tstatus: published\n",
    # The tab is read as the end of the plain scalar on the line above, the title.
    f"briefings/{SEED}.yaml:{_STATUS}:1: invalid YAML: found a tab character that violates "
    f"indentation (while scanning a plain scalar started on line {_STATUS - 1}); indent with "
    "spaces, not tabs",
)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old`, as an editor saving the file would."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Preview:
    """A `mkdocs serve` process on 127.0.0.1, started in `project`, its output kept in a file;
    or the same with `engine`, a drop-in continuation of MkDocs such as ProperDocs."""

    def __init__(self, project: Path, *options: str, engine: str = "mkdocs") -> None:
        self.project = project
        self.url = f"http://127.0.0.1:{free_port()}/"
        self._log = project.parent / f"{project.name}-serve.log"
        # MkDocs builds into a temporary folder that only a clean shutdown removes.
        temporary = project.parent / f"{project.name}-tmp"
        temporary.mkdir()
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": "1795608000",
            "TMPDIR": str(temporary),
        }
        with self._log.open("wb") as log:
            # Its own process group, so that stopping it stops everything it started.
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", engine, "serve", "-f", "mkdocs.yml"),
                    *("--dev-addr", self.url[7:-1], *options),
                ],
                cwd=project,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def output(self) -> str:
        """What the server printed in the terminal so far."""
        return self._log.read_text(encoding="utf-8", errors="replace")

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def get(self, path: str) -> tuple[int, str]:
        """The HTTP status and body of a page; 404 and other errors are answers too."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, seen: Callable[[int, PageText], bool]) -> PageText:
        """Ask for the page until `seen(status, page)` holds, as a reader reloading it would."""
        deadline = time.monotonic() + TIMEOUT
        status, page = 0, PageText()
        while time.monotonic() < deadline:
            if not self.running:
                raise AssertionError(f"mkdocs serve exited:\n{self.output}")
            try:
                status, body = self.get(path)
            except OSError:  # not listening yet
                time.sleep(0.2)
                continue
            page = PageText()
            page.feed(body)
            if seen(status, page):
                return page
            time.sleep(0.2)
        raise AssertionError(
            f"/{path} never showed what was expected; last answer {status}:\n"
            f"{page.words}\n--- server output ---\n{self.output}"
        )

    def stop(self) -> None:
        """Stop the server and anything it started (Pagefind), whatever it is doing.

        SIGTERM rather than Ctrl-C's SIGINT, which a process started in the background of a
        shell without job control inherits as ignored."""
        if not self.running:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
