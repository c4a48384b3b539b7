"""The site's plan: which pages and files exist, in which order, and how they are made.

`page_tasks`, `briefing_tasks` and `language_tasks` list every page of the public archive,
each as a task that renders its page objects (`pages`) through its template (`render`);
`site_output` runs the tasks on every core the build may use (`parallel`) and adds what
`publish` writes for machines from the same objects: the JSON API, the feed, the schema, and
the JSON-LD that each briefing page carries in its front matter. An engine (the MkDocs plugin,
`briefings render` for any other) only places what `SiteOutput` holds. Where each page lives
is `urls`'.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from . import cards, pictures
from .archive import Archive, collector_paused
from .cards import Card, Cards, card_for
from .locale import DEFAULT, languages, locale_for
from .pagecache import SourceCache
from .pages import (
    BriefingPage,
    HomePage,
    actor_items,
    alternates,
    briefing_page,
    listed,
    record,
)
from .pages import Card as SharedCard
from .parallel import Stream, run_all, workers_for
from .progress import MAKING, SILENT, Progress
from .publish import (
    API_INDEX,
    FEED,
    FEED_STYLE,
    ROBOTS,
    SCHEMA,
    SEARCH_WORDS,
    SiteInfo,
    api_briefing,
    api_file,
    api_index,
    dump_json,
    feed_style,
    feed_xml,
    published_schema,
    robots_txt,
    script_json,
    structured_data,
)
from .render import PageTask, Renderer
from .structure import SiteIndex, runs
from .translations import one_per_work
from .urls import (
    ACTORS,
    API,
    BRIEFINGS,
    COUNTRIES,
    HOME,
    LIST_SIZE,
    STATES,
    STORIES,
    TAGS,
    TIMELINE,
    Pager,
    list_page,
    parts,
)
from .views import BriefingView, Views

# --- Pages -------------------------------------------------------------------------------------


def page_tasks(
    index: SiteIndex,
    template_dir: Path,
    *,
    list_size: int = LIST_SIZE,
    language: str = DEFAULT,
    languages: Sequence[str] = (),
) -> dict[str, PageTask]:
    """Every page of the site in `language` but the briefings', by its path under the docs
    folder, in the site's order, as a task that renders it. Public briefings only; lists are
    cut into pages of `list_size`. The briefings' pages are `briefing_tasks`'; a site also
    read in other `languages` has the pages of `language_tasks` too, whose versions in
    the site's language list them as alternates. The lists, like a language's own, hold each
    briefing once, in `language` when it has been translated into it: its other versions are a
    link away on its page."""
    index = index.in_language(language)
    renderer = Renderer(index, template_dir, language)
    tasks: dict[str, PageTask] = {}
    locale = locale_for(language)

    def add(at: str, template: str, **context: Any) -> None:
        tasks[at] = renderer.page(at, template, **context)

    def add_parts(first: str, views: Sequence[BriefingView], template: str, **context: Any) -> None:
        for part in parts(first, listed(index, views), list_size):
            add(part.page, template, part=part, **context)

    _add_tree(tasks, index, renderer, list_size=list_size, languages=(language, *languages))
    add(TAGS, "tags.md", groups=index.by_tag)
    for group in index.by_tag:
        add_parts(group.page, group.briefings, "tag.md", group=group)
    add(COUNTRIES, "countries.md", groups=index.by_country)
    for group in index.by_country:
        add_parts(group.page, group.briefings, "country.md", group=group)
    add(ACTORS, "actors.md", actors=index.actors)
    for entry in index.actors:
        # Statements and briefings go on in step: page 2 has the next of each.
        items = actor_items(index, entry.statements)
        said = parts(entry.page, items, list_size)
        shown = parts(entry.page, listed(index, entry.briefings), list_size)
        count = max(len(said), len(shown))
        for n in range(count):
            add(list_page(entry.page, n + 1), "actor.md", entry=entry, number=n + 1,
                pager=Pager(entry.page, n + 1, count),
                chart=pictures.actor_chart(entry.counted, locale) if n == 0 else None,
                record=record(index, items) if n == 0 else (),
                said=said[n] if n < len(said) else None,
                listed=shown[n] if n < len(shown) else None)  # fmt: skip
    timeline = parts(TIMELINE, index.timeline_entries, list_size)
    years: dict[str, str] = {}  # the page where each year starts, for links to it
    for part in timeline:
        for group, _ in part.items:
            years.setdefault(group.title if group.key == "undated" else group.key[:4], part.page)
    for part in timeline:
        months = [(group, listed(index, views)) for group, views in runs(part.items)]
        add(part.page, "timeline.md", part=part, years=years, months=months)
    for stories in parts(STORIES, index.stories.stories, list_size):
        add(stories.page, "stories.md", part=stories)
    for story in index.stories.stories:
        add(story.page, "story.md", story=story,
            follows=tuple(index.stories.follows(view) for view in story.views))  # fmt: skip
    add(API, "api.md")
    return tasks


def language_tasks(
    index: SiteIndex,
    template_dir: Path,
    *,
    list_size: int = LIST_SIZE,
    language: str = DEFAULT,
    languages: Sequence[str] = (),
) -> dict[str, PageTask]:
    """The pages of each of the other `languages` the site is read in, under `<language>/`
    (`urls.in_tree`), as tasks that render them."""
    tasks: dict[str, PageTask] = {}
    for other in languages:
        tree = Renderer(index.in_language(other), template_dir, other, f"{other}/")
        _add_tree(tasks, tree.index, tree, list_size=list_size, languages=(language, *languages))
    return tasks


def _add_tree(
    tasks: dict[str, PageTask],
    index: SiteIndex,
    renderer: Renderer,
    *,
    list_size: int,
    languages: Sequence[str],
) -> None:
    """The pages every language of the site has (`urls.in_tree`), each with its versions in
    the others (`alternates`: the sitemap's hreflang, the home page's links): in the site's
    language (`languages[0]`), or in the renderer's, under its tree (`Renderer.tree`)."""
    site, *others = languages
    locale = locale_for(renderer.language)

    def add(at: str, template: str, **context: Any) -> None:
        path = renderer.tree + at
        versions = [(site, at), *((other, f"{other}/{at}") for other in others)]
        tasks[path] = renderer.page(
            at, template, alternates=alternates(path, versions) if others else (),
            page_lang=renderer.language if renderer.tree else None, **context,
        )  # fmt: skip

    def add_parts(first: str, views: Sequence[BriefingView], template: str, **context: Any) -> None:
        for part in parts(first, listed(index, views), list_size):
            add(part.page, template, part=part, **context)

    # Counts and charts take a briefing and its translations once (`translations.Count`).
    add(HOME, "home.md", page=HomePage(
        latest=listed(index, index.briefings[:10]),
        total=index.count,
        by_state=index.by_state,
        charts=pictures.archive_charts(
            [group.counted for group in index.by_state],
            index.today,
            locale,
            published=[
                v.briefing.published for v in one_per_work(index.briefings) if v.briefing.published
            ],
        ),
        active=index.most_active(8),
        has_stories=bool(index.stories.stories),
    ))  # fmt: skip
    add_parts(BRIEFINGS, index.briefings, "briefings.md", count=index.count)
    add(STATES, "states.md", groups=index.by_state)
    for group in index.by_state:
        charts = pictures.archive_charts([group.counted], index.today, locale)
        add_parts(group.page, group.briefings, "state.md", group=group, charts=charts)


def briefing_tasks(
    index: SiteIndex, template_dir: Path, *, language: str = DEFAULT
) -> dict[str, Callable[[], str]]:
    """The page of every public briefing, by its path under the docs folder, as a task that
    renders it (without JSON-LD or share card, which need the site's address: `site_output`)."""
    render = Renderer(index, template_dir, language).briefing()
    return {view.page: partial(_render_briefing, render, index, view) for view in index.briefings}


def _render_briefing(
    render: Callable[[BriefingPage], str], index: SiteIndex, view: BriefingView
) -> str:
    return render(briefing_page(index, view))


def render_site(
    archive: Archive,
    template_dir: Path,
    *,
    index: SiteIndex | None = None,
    list_size: int = LIST_SIZE,
    language: str = DEFAULT,
) -> dict[str, str]:
    """Every generated page, by its path under the docs folder. Public briefings only, and
    without their JSON-LD, which needs the site's address (`site_output`). The pages are
    rendered on every core the build may use (`generator.parallel`)."""
    index = index or SiteIndex(archive, language)
    tasks: dict[str, Callable[[], str]] = {}
    tasks.update(page_tasks(index, template_dir, list_size=list_size, language=language))
    tasks.update(briefing_tasks(index, template_dir, language=language))
    return dict(zip(tasks, run_all(list(tasks.values())), strict=True))


# --- Files and the whole output ----------------------------------------------------------------


def site_files(index: SiteIndex, site: SiteInfo) -> dict[str, bytes]:
    """The files about the whole archive: feed (and its stylesheet for browsers), API index,
    schema, robots.txt and the search box's words in every language. An internal site has no
    feed: it is read by the desk, not followed from outside."""
    files = {} if index.internal else {FEED: feed_xml(index, site), FEED_STYLE: feed_style(site)}
    files[API_INDEX] = dump_json(api_index(index, site))
    files[SCHEMA] = dump_json(published_schema(site))
    files[ROBOTS] = robots_txt(site, internal=index.internal)
    files[SEARCH_WORDS] = dump_json(
        {language: locale_for(language).search_words() for language in languages()}
    )
    return files


@dataclass(frozen=True)
class SiteOutput:
    """Everything the core makes of an archive; an engine (MkDocs, Zensical...) builds it."""

    pages: Mapping[str, str]
    """Markdown pages, by their path under the docs folder."""
    files: Mapping[str, bytes]
    """Feed, JSON API and schema, by their path under the site root."""
    cards: Mapping[str, bytes] = field(default_factory=dict)
    """Each public briefing's share card (PNG), by its path under the site root, drawn in the
    background (`cards.Cards`): an engine asks for them once the pages are built."""


@dataclass
class _Made:
    """What one task of `site_output` makes: a page, and for a briefing its API file, from
    the figures of the same view. The page is handed over once (`_handed_over`)."""

    page: str | None
    file: bytes = b""


def _handed_over(made: _Made) -> str:
    """The page `made`, let go of here: its reader (an engine's file, or a dict) keeps it, and
    lets go of it in turn once converted (a build of 10,000 briefings held every page twice)."""
    page = made.page
    if page is None:
        raise RuntimeError("a generated page is read once, and this one was read already")
    made.page = None
    return page


def _list_page(task: PageTask, sources: SourceCache | None) -> _Made:
    return _source(sources, task.inputs, task.renderer.index, lambda: _Made(task()))


def _briefing_page(
    renderer: Renderer,
    index: SiteIndex,
    view: BriefingView,
    *,
    site: SiteInfo,
    card: Card | None,
    sources: SourceCache | None,
) -> _Made:
    """A briefing's page and API file, from one `BriefingPage`."""
    shared = None
    if card is not None:
        shared = SharedCard(site.absolute(card.name), cards.WIDTH, cards.HEIGHT, card.alt)
    page = briefing_page(index, view, card=shared)

    def made() -> _Made:
        # The JSON-LD goes into the page's front matter, where the theme reads it in any engine.
        full = replace(page, structured_data=script_json(structured_data(page, site)))
        return _Made(renderer.briefing()(full), api_file(view))

    # The JSON-LD and the API file are made from the page and the site alone.
    return _source(sources, (*renderer.briefing_inputs(page), site), index, made)


def _source(
    sources: SourceCache | None,
    inputs: tuple[object, ...],
    index: SiteIndex,
    make: Callable[[], _Made],
) -> _Made:
    """What a task makes: kept by an earlier build from the same `inputs`, or made (and kept
    for the next)."""
    key = None if sources is None else sources.key(inputs, partial(_site_links, index))
    if key is None or sources is None:
        return make()
    kept = sources.get(key)
    if kept is not None:
        return _Made(*kept)
    made = make()
    assert made.page is not None  # made just now
    sources.put(key, made.page, made.file)
    return made


def _site_links(index: SiteIndex) -> tuple[object, ...]:
    """What the links of Markdown fields to the site's pages by id (`briefing:`, `actor:`)
    become (`SiteIndex.site_link`): which briefings are public, in which language and
    translating which, and which actors have a page."""
    views = sorted(index.by_id.values(), key=lambda view: view.briefing.id)
    briefings = tuple(
        (view.briefing.id, index.translations.language_of(view), view.briefing.translation_of)
        for view in views
    )
    return briefings, tuple(sorted(index.actor_by_id))


@dataclass(frozen=True)
class _Plan:
    """The tasks that make the site, one per page; and what is made without them."""

    pages: list[str]
    briefings: dict[str, str]
    """Briefing page -> its API file."""
    cards: list[Card]
    """The share cards, drawn apart from the pages (`cards.Cards`)."""
    tasks: list[Callable[[], _Made]]
    files: dict[str, bytes]


def _plan(
    archive: Archive,
    template_dir: Path,
    site: SiteInfo,
    list_size: int,
    sources: SourceCache | None = None,
    views: Views | None = None,
) -> _Plan:
    index = SiteIndex(archive, site.language, views=views)
    # A card is made to be shared: a restricted briefing (on an internal site) has none.
    shared = {
        view.page: card_for(view, index.stories.thread(view), site_name=site.name,
                            site_language=site.language)
        for view in index.briefings
        if view.restricted is None
    }  # fmt: skip
    renderer = Renderer(index, template_dir, site.language)
    renderer.briefing()  # its template compiled once, here
    site_pages = page_tasks(
        index, template_dir, list_size=list_size, language=site.language, languages=site.languages
    )
    tasks: dict[str, Callable[[], _Made]] = {
        page: partial(_list_page, task, sources) for page, task in site_pages.items()
    }
    for view in index.briefings:
        tasks[view.page] = partial(
            _briefing_page, renderer, index, view,
            site=site, card=shared.get(view.page), sources=sources,
        )  # fmt: skip
    other_pages = language_tasks(
        index, template_dir, list_size=list_size, language=site.language, languages=site.languages
    )
    tasks.update((page, partial(_list_page, task, sources)) for page, task in other_pages.items())
    return _Plan(
        pages=list(tasks),
        briefings={view.page: api_briefing(view.briefing.id) for view in index.briefings},
        cards=list(shared.values()),
        tasks=list(tasks.values()),
        files=site_files(index, site),
    )


def site_output(
    archive: Archive,
    template_dir: Path,
    site: SiteInfo,
    *,
    list_size: int = LIST_SIZE,
    workers: int | None = None,
    cache_dir: Path | None = None,
    sources: SourceCache | None = None,
    progress: Progress = SILENT,
    views: Views | None = None,
) -> SiteOutput:
    """Pages, files and cards of the public archive, made on every core the build may use
    (`generator.parallel`), or in `workers` processes (1: in this one, which keeps what it
    renders in its caches for the next time). Lists are cut into pages of `list_size`
    briefings. Share cards are kept in `cache_dir`, and taken from there when unchanged; with
    `sources`, so is each page's Markdown; with `views`, the briefings' views of an earlier
    build in this process. The pages made, and the cards drawn in the background, are counted
    on `progress`."""
    with collector_paused():
        plan = _plan(archive, template_dir, site, list_size, sources, views)
        made = run_all(plan.tasks, workers, progress.stage(MAKING, len(plan.tasks)))
    # After the pages: the processes that draw the cards are watched by a thread, and a fork
    # must copy none. On one core, they are drawn here.
    count = workers_for(len(plan.cards)) if workers is None else workers
    drawn = Cards(plan.cards, cache_dir, count if count > 1 else 0, progress)
    lazy = _output(plan, made.__getitem__, drawn)
    return SiteOutput(dict(lazy.pages), dict(lazy.files), lazy.cards)


V = TypeVar("V")


class _MadeBy(Mapping[str, V]):
    """Part of what the tasks made, by key, after what is `ready`; a value is read from the
    task's result only when it is asked for (from a `Stream`, it waits until it is made)."""

    def __init__(
        self,
        made: Callable[[int], _Made],
        at: dict[str, int],
        part: Callable[[_Made], V],
        ready: Mapping[str, V] | None = None,
    ) -> None:
        self._made, self._at, self._part, self._ready = made, at, part, ready or {}

    def __getitem__(self, key: str) -> V:
        if key in self._ready:
            return self._ready[key]
        return self._part(self._made(self._at[key]))

    def __iter__(self) -> Iterator[str]:
        yield from self._ready
        yield from self._at

    def __len__(self) -> int:
        return len(self._ready) + len(self._at)


def site_stream(
    archive: Archive,
    template_dir: Path,
    site: SiteInfo,
    *,
    workers: int,
    list_size: int = LIST_SIZE,
    cache_dir: Path | None = None,
    sources: SourceCache | None = None,
    progress: Progress = SILENT,
) -> tuple[SiteOutput, Stream[_Made]]:
    """The output of `site_output`, made by `workers` forked workers while the caller goes
    on, and its cards drawn by as many processes of their own: reading a page, an API file
    or a card waits only until that one is made. Only where `parallel.workers_for` allows a
    fork; the caller closes the stream. Each page is counted on `progress` as it comes back
    from its worker, and each card once drawn."""
    with collector_paused():
        plan = _plan(archive, template_dir, site, list_size, sources)
        stream = Stream(plan.tasks, workers, progress.stage(MAKING, len(plan.tasks)))
    cards = Cards(plan.cards, cache_dir, workers, progress)
    return _output(plan, stream.get, cards), stream


def _output(plan: _Plan, made: Callable[[int], _Made], cards: Cards) -> SiteOutput:
    """The site's pages and files, read from the results of the plan's tasks (task `n`
    makes page `n`) as they are asked for."""
    at = {page: n for n, page in enumerate(plan.pages)}
    api = {plan.briefings[page]: n for page, n in at.items() if page in plan.briefings}
    return SiteOutput(
        pages=_MadeBy(made, at, _handed_over),
        files=_MadeBy(made, api, lambda result: result.file, plan.files),
        cards=cards,
    )


def write_tree(output: SiteOutput, directory: Path) -> int:
    """Write the pages, files and cards into `directory`, a docs folder for any static site
    engine; return how many were written."""
    written = 0
    for path, text in output.pages.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written + write_files(output.files, directory) + write_files(output.cards, directory)


def write_cards(cards: Mapping[str, bytes], directory: Path, skip: Container[str] = ()) -> None:
    """Put the share cards in `directory`, copied from the cache where they are kept (`Cards`;
    not linked, since a publishing step may well shrink a site's images in place), but those
    named in `skip` that are there already (a preview's, from an earlier build of it: a card's
    name says what it shows)."""
    for name in cards:
        target = directory / name
        if name in skip and target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        kept = cards.kept(name) if isinstance(cards, Cards) else None
        if kept is None:
            target.write_bytes(cards[name])
            continue
        shutil.copyfile(kept, target)


def write_files(files: Mapping[str, bytes], directory: Path) -> int:
    """Write `files` (path under `directory` -> bytes); return how many were written."""
    for path, content in files.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(files)
