"""What of the site changes with time alone: its clock state, and the record of a published site.

One commit builds the same site at any two instants, byte for byte, except where a page
compares a date with the build's instant (`generator.instant`):

- which briefings are public: an embargo ends (`archive.is_shown`), and a briefing gets its
  page, its place in every list, the feed, the JSON API and the sitemap;
- which reviews the pages say are overdue: a `review_by` before the build's day
  (`theme/markdown/_macros.md`, `review`, against `SiteIndex.today`). The state counts every
  review of a shown briefing, also of a claim that a newer public briefing assessed again,
  whose page no longer names the review (`Thread.reviews`): one build more when such a date
  passes, never one less;
- the charts of the home and state pages (`pictures.archive_charts`): the last twelve months up
  to the build's month, counting the briefings published up to the build's day.

Nothing else reads the clock: the feed, the sitemap and the JSON API are dated by the briefings
themselves. The clock state holds exactly these, so that two instants with the same clock state
build the same site from one commit. The publishing workflow's hourly run compares it, and the
commit, with the record published beside the last site (`Record`), and builds only when either
moved.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, ValidationError

from .archive import Archive, is_cleared
from .desk import Audience, Repository

SHOWN_AT_MOST = 10
"""Ids named in one line of `changes`; the rest are counted."""


class ClockState(BaseModel):
    """What a build at one instant shows that another instant could show differently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    public: tuple[str, ...]
    """The briefings shown, by id: an embargo ending adds one."""
    overdue: tuple[str, ...]
    """The reviews a page says are overdue: `<briefing>/<claim>` and
    `<briefing>/open-question-<n>`, of the briefings shown."""
    month: str
    """The month of the build's day (YYYY-MM), the last the charts show."""
    dated_ahead: tuple[str, ...]
    """The briefings shown whose publication date is after the build's day: the charts count
    each from that day on."""

    @property
    def digest(self) -> str:
        """SHA-256 of the state: equal digests, equal states."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()


class ReviewDate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    what: str
    """The claim's id, or `open-question-<n>`."""
    by: date


class Cleared(BaseModel):
    """A briefing the site shows once its embargo, if it has one, has ended (`is_cleared`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    embargo_until: datetime | None
    published: date
    reviews: tuple[ReviewDate, ...]


class ClockFacts(BaseModel):
    """All the clock state of an archive depends on, and the same at every instant: each
    briefing cleared for the audience, with its embargo, publication day and review dates.
    Read from the briefings once a commit (`briefings clock-state --cache`), so that a run at a
    commit already seen need not read them again. Only an archive without problems is kept,
    and whether a file has problems does not depend on the clock, but for an embargo still
    ahead in a public repository: an archive with one is never kept."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    commit: str | None
    repository: Repository
    audience: Audience
    briefings: tuple[Cleared, ...]

    def state(self, now: datetime) -> ClockState:
        """The clock state of the site built at `now`."""
        today = now.date()  # the build's day, as `SiteIndex.today` takes it
        shown = [b for b in self.briefings if b.embargo_until is None or b.embargo_until <= now]
        overdue = (f"{b.id}/{r.what}" for b in shown for r in b.reviews if r.by < today)
        return ClockState(
            public=tuple(sorted(b.id for b in shown)),
            overdue=tuple(sorted(overdue)),
            month=f"{today:%Y-%m}",
            dated_ahead=tuple(sorted(b.id for b in shown if b.published > today)),
        )


def clock_facts(
    archive: Archive, *, commit: str | None = None, repository: Repository = Repository.PUBLIC
) -> ClockFacts:
    """What the clock state of `archive` is computed from, for `commit` and a desk whose
    briefings live in a `repository` of that visibility."""
    cleared = []
    for briefing in archive.briefings:
        # A cleared briefing has a publication day; the second test says so to the type checker.
        if not is_cleared(briefing, archive.audience) or briefing.published is None:
            continue
        reviews = [
            ReviewDate(what=claim.id, by=claim.verification.review_by)
            for claim in briefing.claims
            if claim.verification.review_by is not None
        ]
        reviews += (
            ReviewDate(what=f"open-question-{n}", by=question.review_by)
            for n, question in enumerate(briefing.open_questions, start=1)
            if question.review_by is not None
        )
        entry = Cleared(
            id=briefing.id,
            embargo_until=briefing.embargo_until,
            published=briefing.published,
            reviews=tuple(reviews),
        )
        cleared.append(entry)
    return ClockFacts(
        commit=commit,
        repository=repository,
        audience=archive.audience,
        briefings=tuple(sorted(cleared, key=lambda entry: entry.id)),
    )


def clock_state(archive: Archive) -> ClockState:
    """The clock state of the site built from `archive` at its instant, `archive.now`."""
    return clock_facts(archive).state(archive.now)


class RecordError(ValueError):
    """A file that is not the record of a published site, said in a few words."""


class Record(BaseModel):
    """What a published site was built from: the commit of the briefings, the address it was
    built for, the instant it judged at, and its clock state. Published beside the site as
    `clock-state.json` (`RECORD_FILE`) for the next run to compare with; it names only what the
    site itself shows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    commit: str | None
    site_url: str | None
    now: datetime
    digest: str
    """The clock state's digest, written out so that two records compare at a glance."""
    state: ClockState

    @classmethod
    def of(
        cls, state: ClockState, *, now: datetime, commit: str | None, site_url: str | None
    ) -> Record:
        return cls(commit=commit, site_url=site_url, now=now, digest=state.digest, state=state)

    @classmethod
    def parse(cls, text: str | bytes) -> Record:
        """The record in `text`; RecordError when it is not one."""
        try:
            record = cls.model_validate_json(text)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise RecordError(f"{where}: {first['msg']}" if where else first["msg"]) from None
        if record.digest != record.state.digest:
            raise RecordError("its digest is not that of its clock state")
        return record

    def text(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


RECORD_FILE = "clock-state.json"


def unchanged(published: Record, now: Record) -> bool:
    """Whether a build now would publish the same site as the one `published` records: the
    same commit (both known), the same address, the same clock state."""
    return (
        published.commit is not None
        and published.commit == now.commit
        and published.site_url == now.site_url
        and published.digest == now.digest
    )


def _ids(ids: list[str]) -> str:
    named = ", ".join(ids[:SHOWN_AT_MOST])
    more = len(ids) - SHOWN_AT_MOST
    return f"{named} and {more} more" if more > 0 else named


def changes(published: Record, now: Record) -> list[str]:
    """What differs between the published site and a build now, a line each, in words."""
    lines = []
    if published.commit != now.commit:
        lines.append(f"built from commit {published.commit or '(not recorded)'}, now {now.commit}")
    if published.site_url != now.site_url:
        lines.append(f"built for {published.site_url}, now for {now.site_url}")
    old, new = published.state, now.state
    said = (
        ("now public", new.public, old.public),
        ("no longer public", old.public, new.public),
        ("review now overdue", new.overdue, old.overdue),
        ("review no longer overdue", old.overdue, new.overdue),
        ("publication day come, now in the charts", old.dated_ahead, new.dated_ahead),
        ("publication day ahead, not in the charts yet", new.dated_ahead, old.dated_ahead),
    )
    for label, these, but_not in said:
        if found := sorted(set(these) - set(but_not)):
            lines.append(f"{label}: {_ids(found)}")
    if old.month != new.month:
        lines.append(f"the charts now end in {new.month}, not {old.month}")
    if not lines and published.digest != now.digest:
        lines.append("the clock state differs")
    return lines
