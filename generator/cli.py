"""`briefings`: the command line over the core. Each command is a few lines around one call.

Exit codes: 0 when the input is valid, 1 when it has problems, 2 on a usage error; and 3 from
`clock-state --since` when a build now would publish another site.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TextIO

import click

from . import clock, diff, instant
from .archive import REGISTRY_FILE, Archive, load_archive, write_scaffold
from .desk import (
    Audience,
    Desk,
    DeskError,
    config_file_in,
    desk_of,
    project_options,
    visibility_problem,
)
from .errors import counted, format_github, format_json, format_text, records
from .finish import SitemapError, finish_site
from .model import SLUG_PATTERN, STANCE_TO_CHOOSE, briefing_json_schema, registry_json_schema
from .progress import Progress, Stage, Tally
from .publish import SiteInfo
from .render import TemplateProblem
from .search import SearchIndexError
from .site import site_output, write_tree
from .upgrade import upgrade_text

FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


class _Instant(click.ParamType):  # type: ignore[type-arg]  # not generic before click 8.2
    name = "datetime"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return instant.parse_instant(str(value))
        except instant.InstantError as error:
            self.fail(str(error), param, ctx)


def _now(explicit: datetime | None) -> datetime:
    """'Now' as every entry point takes it: --now, else SOURCE_DATE_EPOCH, else the clock."""
    try:
        return instant.now(explicit, os.environ)
    except instant.InstantError as error:
        raise click.UsageError(str(error)) from None


def _desk(config_file: Path) -> Desk:
    """The repository and audience as the build takes them: the environment variables
    BRIEFINGS_REPOSITORY and BRIEFINGS_AUDIENCE, else the plugin's options in the engine's
    configuration."""
    try:
        return desk_of(project_options(config_file), os.environ)
    except DeskError as error:
        raise click.UsageError(str(error)) from None


class OnTerminal(Progress):
    """How far a stage has got, on a terminal: click's progress bar, drawn once the stage has
    run `progress.QUIET` seconds (a small folder's check shows none), then its last line."""

    def __init__(self, file: TextIO, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(partial(click.echo, file=file), clock=clock)
        self.file = file

    def stage(self, stage: Stage, total: int | None = None) -> Tally:
        if total is None or total < self.few or not stage.counted:
            return Tally()
        return _Bar(stage, total, self)


class _Bar(Tally):
    def __init__(self, stage: Stage, total: int, terminal: OnTerminal) -> None:
        self.stage, self.total, self.terminal = stage, total, terminal
        self.start = terminal.clock()
        self.count = 0
        self.shown = ExitStack()
        self.update: Callable[[int], None] | None = None
        self.over = False

    def advance(self, count: int = 1) -> None:
        if self.over:
            return
        self.count += count
        if self.update is None and self.terminal.clock() - self.start >= self.terminal.quiet:
            # No estimate of the time left: click's would count the things done before the
            # bar was shown as done in no time.
            bar = click.progressbar(
                length=self.total, label=self.stage.doing, file=self.terminal.file,
                show_pos=True, show_eta=False, update_min_steps=max(1, self.total // 200),
            )  # fmt: skip
            self.update = self.shown.enter_context(bar).update
            count = self.count
        if self.update is not None:
            self.update(count)
        if self.count >= self.total:
            self.finish()

    def finish(self) -> None:
        if self.over:
            return
        self.over = True
        if self.update is None:
            return
        self.shown.close()
        last = self.stage.ended(self.count, self.terminal.clock() - self.start)
        if last is not None and self.terminal.say is not None:
            self.terminal.say(last)


def _progress() -> Progress:
    """Where a long command says how far it has got: standard error (standard output holds
    its results), as a bar on a terminal, else as a line every few seconds."""
    if sys.stderr.isatty():
        return OnTerminal(sys.stderr)
    return Progress(partial(click.echo, err=True))


CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    callback=lambda context, parameter, value: value or config_file_in(Path()),
    help="The mkdocs.yml (or properdocs.yml) whose briefings plugin says whether the "
    "repository is public or private, and whom the site is for (env: BRIEFINGS_REPOSITORY, "
    "BRIEFINGS_AUDIENCE). Default: properdocs.yml, else mkdocs.yml, in this folder.",
)

NOW_OPTION = click.option(
    "--now",
    type=_Instant(),
    default=None,
    help="Judge embargoes as of this instant (ISO 8601 with timezone); otherwise "
    "SOURCE_DATE_EPOCH, else the clock.",
)


VISIBILITY_OPTION = click.option(
    "--visibility",
    type=click.Choice(["public", "private", "internal"]),
    default=None,
    help="The repository's visibility on GitHub: a problem when it is public and the desk "
    "is configured as private, or for an internal site.",
)


def _refuse_contradicted(desk: Desk, visibility: str | None, config_file: Path) -> None:
    """Exit 1 when the repository's visibility contradicts what the configuration says."""
    mismatch = visibility_problem(desk, visibility) if visibility else None
    if mismatch:
        click.echo(f"{config_file}: {mismatch}", err=True)
        sys.exit(1)


def _build_now(explicit: datetime | None, config_file: Path) -> datetime:
    """'Now' as the build takes it: --now, else the plugin's `now` option, else
    SOURCE_DATE_EPOCH, else the clock."""
    option = None if explicit is not None else project_options(config_file).get("now")
    try:
        given = explicit or (instant.parse_instant(str(option)) if option else None)
    except instant.InstantError as error:
        raise click.UsageError(f"{config_file}: now: {error}") from None
    return _now(given)


@click.group()
@click.version_option(package_name="briefing-site")
def main() -> None:
    """Validate and publish verified news briefings."""


@main.command()
@click.argument(
    "directory", default="briefings", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    help="How to print problems: text lines, GitHub annotations, or JSON.",
)
@NOW_OPTION
@CONFIG_OPTION
@VISIBILITY_OPTION
@click.option(
    "--due",
    is_flag=True,
    help="Also list the claims and open questions whose review_by has come, drafts included.",
)
def check(
    directory: Path,
    output_format: str,
    now: datetime | None,
    config_file: Path,
    visibility: str | None,
    due: bool,
) -> None:
    """Check every briefing in DIRECTORY (default: briefings) and report all problems.

    Exit codes: 0 valid, 1 problems, 2 usage. Reviews that are due do not change them."""
    desk = _desk(config_file)
    _refuse_contradicted(desk, visibility, config_file)
    archive = load_archive(directory, _now(now), desk=desk, progress=_progress())
    if output_format == "json" and due:
        both = {"problems": records(archive.errors), "due": records(archive.due)}
        click.echo(json.dumps(both, ensure_ascii=False, indent=2))
    elif archive.errors:
        click.echo(FORMATTERS[output_format](archive.errors))
    if due and archive.due and output_format != "json":
        github = output_format == "github"
        click.echo(format_github(archive.due, "notice") if github else format_text(archive.due))
    if archive.notes and output_format == "github":
        click.echo(format_github(archive.notes, "notice"))
    elif archive.notes:
        click.echo("\n".join(f"note: {note}" for note in archive.notes), err=True)
    summary = _summary(archive)
    problems = len(archive.errors)
    if due:
        summary += f"; {counted(len(archive.due), 'review')} due"
    click.echo(summary, err=output_format != "text")
    sys.exit(1 if problems else 0)


def _summary(archive: Archive) -> str:
    """'3 valid briefings: 2 public, 1 private; 1 problem found'. A briefing whose only
    problem is that the repository is public and it is not fit for everyone is valid, and
    counted apart: it is neither published nor kept private from here."""
    valid = len(archive.briefings) + len(archive.withheld)
    shown = len(archive.shown)
    where = "public" if archive.audience is Audience.PUBLIC else "on the internal site"
    summary = f"{counted(valid, 'valid briefing')}: {shown} {where}"
    summary += f", {len(archive.briefings) - shown} private"
    if archive.withheld:
        summary += f", {len(archive.withheld)} that cannot be in a public repository"
    if archive.errors:
        summary += f"; {counted(len(archive.errors), 'problem')} found"
    return summary


@main.command()
@click.argument("briefing_id", metavar="ID")
@click.option(
    "--dir",
    "directory",
    default="briefings",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the briefings.",
)
@NOW_OPTION
def new(briefing_id: str, directory: Path, now: datetime | None) -> None:
    """Start a new draft briefing, briefings/ID.yaml, from a commented template."""
    if not re.fullmatch(SLUG_PATTERN, briefing_id):
        raise click.BadParameter(
            "use lowercase letters, digits and single hyphens, e.g. iran-missile-transfer",
            param_hint="ID",
        )
    try:
        path = write_scaffold(directory, briefing_id, _now(now).date())
    except FileExistsError as exc:
        click.echo(f"{exc.filename}: already exists; choose another id", err=True)
        sys.exit(1)
    click.echo(f"{path}: new draft; replace every TODO, then run `briefings check`")


@main.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the generated Markdown pages, feed, JSON API, schema and share "
    "cards into.",
)
@click.option(
    "--dir",
    "directory",
    default="briefings",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the briefings.",
)
@click.option(
    "--templates",
    default="theme/markdown",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the page templates.",
)
@click.option(
    "--site-url",
    envvar="SITE_URL",
    default="https://briefings.example.org/",
    show_default=True,
    help="Absolute address of the site, for the feed and the JSON API (env: SITE_URL).",
)
@click.option("--site-name", default="Verified news briefings", show_default=True)
@click.option(
    "--cache",
    "cache_dir",
    default=".cache/briefings/cards",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder where share cards are kept between runs.",
)
@NOW_OPTION
@CONFIG_OPTION
def render(
    out: Path,
    directory: Path,
    templates: Path,
    site_url: str,
    site_name: str,
    cache_dir: Path,
    now: datetime | None,
    config_file: Path,
) -> None:
    """Write the site's generated pages and files to a folder, for any static site engine."""
    archive = load_archive(directory, _now(now), desk=_desk(config_file))
    if archive.errors:
        click.echo(format_text(archive.errors), err=True)
        sys.exit(1)
    # The other languages the site is read in, as the plugin's options in the configuration
    # say (already read once, without error, for the desk).
    listed = project_options(config_file).get("languages")
    languages = tuple(str(tag) for tag in listed) if isinstance(listed, list) else ()
    try:
        site = SiteInfo(name=site_name, url=site_url.rstrip("/") + "/", languages=languages)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        count = write_tree(site_output(archive, templates, site, cache_dir=cache_dir), out)
    except TemplateProblem as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    shown = len(archive.shown)
    click.echo(f"{out}: {count} pages and files from {shown} briefings")


@main.command()
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--site-url",
    envvar="SITE_URL",
    default="https://briefings.example.org/",
    show_default=True,
    help="Absolute address of the site, for the sitemap (env: SITE_URL).",
)
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="The site's language (theme.language), that of its search index.",
)
def finish(site_dir: Path, site_url: str, language: str) -> None:
    """Finish SITE_DIR, built from `briefings render` by an engine that runs no plugins
    (Zensical): each page's Content-Security-Policy, the sitemap index, the search index."""
    try:
        site = SiteInfo(name="", url=site_url.rstrip("/") + "/")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--site-url") from None
    try:
        done = finish_site(site_dir, site.url, language)
    except (SearchIndexError, SitemapError) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    sitemaps = f"{done.sitemaps} sitemap{'s' * (done.sitemaps != 1)}"
    click.echo(
        f"{site_dir}: {done.policies} pages given their security policy, {sitemaps} listed "
        f"in sitemap.xml, {done.indexed} pages indexed for search"
    )


@main.command()
@click.argument(
    "directory", default="briefings", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def upgrade(directory: Path) -> None:
    """Move the briefings in DIRECTORY from format 1 to format 2, in place.

    Each statement's list of claims becomes a map of claim to stance, with every stance left
    as <stance> for you to choose: `briefings check` then points at each one."""
    upgraded = stances = 0
    for path in sorted(directory.glob("[!.]*.yaml")):
        if path.name == REGISTRY_FILE:
            continue  # actors.yaml did not change
        with path.open(encoding="utf-8", newline="") as file:  # line ends kept as written
            try:
                text = file.read()
            except UnicodeDecodeError:
                continue  # `briefings check` says where
        result = upgrade_text(text, str(path))
        if result is None:
            continue
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(result.text)
        upgraded += 1
        stances += result.stances
        click.echo(f"{path}: now format 2; {result.stances} stance(s) to choose")
    if upgraded:
        click.echo(
            f"{upgraded} briefing{'s' * (upgraded != 1)} upgraded; choose each of {stances} "
            f"stance(s) written {STANCE_TO_CHOOSE}, where `briefings check` points"
        )
    else:
        click.echo("nothing to upgrade: no briefing here is in format 1")


DIFF_FORMATS = {
    "text": diff.format_text,
    "markdown": diff.format_markdown,
    "json": diff.format_json,
}


@main.command(name="diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--dir",
    "directory",
    default="briefings",
    show_default=True,
    help="Folder of the briefings, relative to the repository's top.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(DIFF_FORMATS)),
    default="text",
    help="Plain text, Markdown (for a pull request's job summary), or JSON.",
)
@NOW_OPTION
@CONFIG_OPTION
def diff_command(
    base: str | None,
    head: str | None,
    directory: str,
    output_format: str,
    now: datetime | None,
    config_file: Path,
) -> None:
    """Say what a reader would see change between two versions of the briefings.

    BASE and HEAD are git revisions; by default BASE is where the work left main, and HEAD is
    the work tree as it is now. Claims whose state moved with no new history entry and no
    update are flagged."""
    repo = Path.cwd()
    try:
        base = base or diff.merge_base(repo)
        result = diff.diff_revisions(
            repo, base, head, folder=directory, now=_now(now), desk=_desk(config_file)
        )
    except diff.GitError as error:
        raise click.UsageError(f"git: {error}") from None
    click.echo(DIFF_FORMATS[output_format](result), nl=False)


CHANGED = 3
"""`briefings clock-state --since`: a build now would publish another site than the one recorded."""


def _kept_facts(cache_file: Path, commit: str | None, desk: Desk) -> clock.ClockFacts | None:
    """What `clock-state --cache` kept, when it was kept for this commit and desk."""
    try:
        facts = clock.ClockFacts.model_validate_json(cache_file.read_bytes())
    except (OSError, ValueError):
        return None  # not kept yet, or not by this version: read the briefings
    kept_for = (facts.commit, facts.repository, facts.audience)
    return facts if kept_for == (commit, desk.repository, desk.audience) else None


@main.command(name="clock-state")
@click.argument(
    "directory", default="briefings", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--now",
    type=_Instant(),
    default=None,
    help="Judge as of this instant (ISO 8601 with timezone); otherwise as the build does: the "
    "plugin's `now` option, else SOURCE_DATE_EPOCH, else the clock.",
)
@CONFIG_OPTION
@click.option(
    "--commit",
    default=None,
    help="The commit the briefings are at, recorded and compared: a site published from "
    "another commit is always built again.",
)
@click.option(
    "--site-url",
    envvar="SITE_URL",
    default=None,
    help="The address the site is built for (env: SITE_URL), recorded and compared.",
)
@click.option(
    "--since",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The record of the published site ({clock.RECORD_FILE}, this command's output "
    "published beside it): exit 0 when a build now would publish the same site, "
    f"{CHANGED} when it would not or when there is no such record.",
)
@click.option(
    "--cache",
    "cache_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A file keeping what the clock state is computed from, for the commit given: when "
    "it was written for --commit, the briefings are not read again; otherwise they are, "
    "and it is written.",
)
@VISIBILITY_OPTION
def clock_state(
    directory: Path,
    now: datetime | None,
    config_file: Path,
    commit: str | None,
    site_url: str | None,
    since: Path | None,
    cache_file: Path | None,
    visibility: str | None,
) -> None:
    """Print what of the site depends on the clock, as a record to publish beside it: which
    briefings are public (embargoes), which reviews the pages say are overdue, and the days
    the charts count up to. With --since, say whether the site that record describes would
    change if it were built now.

    Exit codes: 0 unchanged (always, without --since), 1 problems in the briefings, 2 usage,
    3 changed."""
    if since is not None and commit is None:
        raise click.UsageError(
            "--since needs --commit: a site published from another commit is built again "
            "whatever the clock says"
        )
    if cache_file is not None and commit is None:
        raise click.UsageError("--cache needs --commit: what it keeps holds for one commit")
    desk = _desk(config_file)
    _refuse_contradicted(desk, visibility, config_file)
    at = _build_now(now, config_file)
    facts = _clock_facts(directory, at, desk, commit=commit, cache_file=cache_file)
    record = clock.Record.of(facts.state(at), now=at, commit=commit, site_url=site_url)
    click.echo(record.text(), nl=False)
    if since is not None:
        sys.exit(_compare(since, record))


def _clock_facts(
    directory: Path, at: datetime, desk: Desk, *, commit: str | None, cache_file: Path | None
) -> clock.ClockFacts:
    """What the clock state is computed from: kept in `cache_file` for this commit, else read
    from the briefings (and kept there). Exits 1 when the briefings have problems."""
    kept = _kept_facts(cache_file, commit, desk) if cache_file is not None else None
    if kept is not None:
        return kept
    archive = load_archive(directory, at, desk=desk)
    if archive.errors:
        click.echo(format_text(archive.errors), err=True)
        sys.exit(1)
    facts = clock.clock_facts(archive, commit=commit, repository=desk.repository)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(facts.model_dump_json(), encoding="utf-8")
    return facts


def _compare(since: Path, record: clock.Record) -> int:
    """Say on standard error how a build now compares with the record in `since`; the exit
    code: 0 the same site, CHANGED another, or no record to compare with."""
    try:
        published = clock.Record.parse(since.read_bytes())
    except FileNotFoundError:
        click.echo(f"{since}: no record of a published site; build it", err=True)
        return CHANGED
    except (OSError, clock.RecordError) as error:
        click.echo(f"{since}: not the record of a published site ({error}); build it", err=True)
        return CHANGED
    if clock.unchanged(published, record):
        built = f"{published.commit} as of {published.now.isoformat()}"
        click.echo(f"{since}: unchanged since the site was built from {built}; nothing to build",
                   err=True)  # fmt: skip
        return 0
    for line in clock.changes(published, record):
        click.echo(f"{since}: {line}", err=True)
    click.echo(f"{since}: the site would change; build it", err=True)
    return CHANGED


SCHEMAS = {"briefing": briefing_json_schema, "actors": registry_json_schema}


def schema_text(kind: str) -> str:
    """The JSON Schema of a briefing file or of actors.yaml, as committed in generator/."""
    return json.dumps(SCHEMAS[kind](), indent=2, ensure_ascii=False) + "\n"


@main.command()
@click.argument("kind", type=click.Choice(sorted(SCHEMAS)), default="briefing")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of standard output.",
)
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of a briefing file or of actors.yaml (for editor autocompletion)."""
    text = schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
