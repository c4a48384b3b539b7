"""'Now': the instant at which embargoes are judged and new briefings are dated.

Every entry point (`briefings check`, `render` and `new`, and the MkDocs plugin) takes it from
here, so that two outputs of one commit agree on which embargoes have lifted: an instant given
explicitly, else `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else the clock.
The core never reads it itself: it is an argument of `load_archive` and `write_scaffold`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


class InstantError(ValueError):
    """An instant that cannot be used, with what to write instead."""


def parse_instant(text: str) -> datetime:
    """An ISO 8601 date and time with a timezone, e.g. 2024-09-10T12:00:00Z."""
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise InstantError(
            f"{text!r} is not an ISO 8601 date and time, e.g. 2024-09-10T12:00:00Z"
        ) from None
    if instant.tzinfo is None:
        # The same instant written in full, which a date alone with Z is not.
        raise InstantError(f"{text!r} needs a timezone, e.g. {instant.isoformat()}Z")
    return instant


def now(explicit: datetime | None, environ: Mapping[str, str]) -> datetime:
    """The instant given, else `SOURCE_DATE_EPOCH` from `environ`, else the clock."""
    if explicit is not None:
        return explicit
    if epoch := environ.get(EPOCH_VARIABLE):
        if not epoch.isdigit():
            raise InstantError(f"{EPOCH_VARIABLE} must be whole seconds since 1970, not {epoch!r}")
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)
