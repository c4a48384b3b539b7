"""The MkDocs plugin `briefings`: a thin adapter from MkDocs events to the core.

Configure it in `mkdocs.yml`:

    plugins:
      - briefings:
          briefings_dir: briefings      # the YAML files, relative to mkdocs.yml
          templates: theme/markdown     # the Jinja templates of the generated Markdown
          now: 2024-09-10T12:00:00Z     # optional: judge embargoes at this instant
          publisher: Example Newsroom   # optional: who publishes (default: site_name)
          publisher_url: https://example.org/   # optional (default: site_url)
          list_size: 50                 # briefings or statements on one page of a list
          repository: public            # or private: where briefings not fit for everyone
                                        # may be committed (env: BRIEFINGS_REPOSITORY)
          audience: public              # or internal: a site for the desk alone, which also
                                        # shows GREEN and AMBER briefings (env: BRIEFINGS_AUDIENCE)
          languages: [ru, fa]           # other languages the site is read in
          cache_dir: .cache/briefings   # share cards, pages' Markdown and finished pages
                                        # kept between builds (generator.cards, pagecache)
          reuse: true                   # false makes every page again (env: BRIEFINGS_REUSE)

Without `now`, the build uses SOURCE_DATE_EPOCH when it is set (reproducible builds), else
the clock. The plugin also indexes the built site for search (`generator.search`), so Material's
own `search` plugin is left out.

`mkdocs build` and `gh-deploy` report every problem in the briefings and stop before writing
anything when there is one. They write the site to a staging folder beside `site_dir` and put
it in place only when the whole build succeeded, strict-mode warnings included; a failed build
leaves the previous site as it was (`generator.staging`).

`mkdocs serve` is a preview and keeps running: it reports the problems in the terminal, builds
the site from the valid briefings only, and puts a panel listing the problems at the top of
every page (`theme/partials/briefing-problems.html`). The next rebuild after the files are
fixed shows the site without it, in every open page: the 404 page, which is what the address
of a briefing with problems shows meanwhile, reloads with the others. Across the rebuilds of
one preview the plugin re-checks only the files whose bytes changed, and under
`mkdocs serve --dirty` MkDocs rebuilds only the pages whose generated content changed.

A build reuses what an earlier one made from the same inputs (`generator.pagecache`): a
page's Markdown, found by the digest of the objects its template is given, and its finished
HTML, found by the digest of its Markdown and of everything else MkDocs renders it with: the
configuration, the navigation, the theme's files, the installed packages and the generator.
A generated page whose HTML is kept is not converted: its Markdown is replaced by nothing and
its template by one that renders nothing, and the kept HTML is written in place of the output.

A build on several cores makes the pages in forked workers (`generator.parallel.Stream`)
while MkDocs reads and converts the first ones on its own core. A preview makes them in its
own process: its server runs threads, which a fork must not copy, and each rebuild then
finds the Markdown the last one rendered in the process's caches.

MkDocs internals the plugin relies on, each because MkDocs 1.6 (and ProperDocs 1.6, which
keeps its code) has no public way to do the same; `tests/test_plugin_internals.py` keeps this
list complete:

- `File._content` (`_Generated`): MkDocs reads a generated file's content from it when it
  copies the file (`File.copy_file`) and when it tells a page from a file on disk. Overriding
  it lets a page be made in a worker while MkDocs converts the ones before. Without it, every
  page would have to be made before `on_files`, with MkDocs idle meanwhile.
- `LiveReloadServer._inject_js_into_html` and `LiveReloadServer._visible_epoch`: the only way
  to put the live-reload script into the 404 page, which MkDocs serves without it. Without
  them, a browser left on a briefing that lost its page does not come back once it is fixed.
- `mkdocs serve --clean` is announced to plugins as `on_startup(command="build")`; the only
  sign that it is a preview is its `site_dir`, a `mkdocs_*` (ProperDocs: `properdocs_*`)
  folder that `serve` makes with `tempfile.mkdtemp` (`_served`). Without it, `serve --clean`
  would stage its site beside that folder, to be put in place only when the server stops,
  and serve an empty one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import hashlib
import json
import logging
import os
import re
import socket
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal

from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from . import instant, pagecache, parallel
from .archive import Archive, CheckCache, load_archive
from .cards import Cards
from .desk import Audience, Desk, DeskError, desk_of
from .errors import BriefingError, counted
from .locale import Locale, locale_for
from .pagecache import Fingerprints, Kept, PageCache, SourceCache, Store
from .pages import not_found_page
from .parallel import Stream, WorkerFailed
from .progress import FEW, SILENT, Progress, Stage, Tally
from .publish import SiteInfo, check_languages
from .render import TemplateProblem, permalinks_in
from .search import SearchIndexError, index_site
from .security import content_security_policy, with_policy
from .site import SiteOutput, site_output, site_stream, write_cards
from .sitemap import split_sitemap
from .staging import StagedSite
from .urls import LIST_SIZE
from .views import Views

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

CONVERTING = Stage("Converting pages to HTML", "Converted {count} pages to HTML")
"""MkDocs reading every page: its Markdown made into HTML (the longest stage of a build)."""
WRITING = Stage("Writing pages", "Wrote {count} pages")
"""MkDocs putting every page into the theme and writing it."""


class BuildProgress(Progress):
    """How far a build has got, in MkDocs' log: the core's stages (`generator.progress`), and
    MkDocs' two passes over the pages. Lines, not a bar, which MkDocs' other log lines would
    break and `mkdocs build -q` would not hide."""

    def __init__(self) -> None:
        super().__init__(log.info)
        self.pages = Tally()
        """The pages MkDocs has converted, then written, in this build."""
        self.count = 0

    def converting(self, files: Files, *, preview: bool) -> None:
        """MkDocs reads the pages of `files` next."""
        shown = InclusionLevel.is_in_serve if preview else InclusionLevel.is_included
        self.count = len(files.documentation_pages(inclusion=shown))
        self.pages = self.stage(CONVERTING, self.count)

    def writing(self) -> None:
        """MkDocs has read every page (a dirty preview, those that changed), and writes them
        next."""
        self.pages.finish()
        self.pages = self.stage(WRITING, self.count)


class BriefingsConfig(base.Config):
    briefings_dir = c.Type(str, default="briefings")
    templates = c.Type(str, default="theme/markdown")
    now = c.Optional(c.Type(str))
    publisher = c.Optional(c.Type(str))
    publisher_url = c.Optional(c.URL())
    list_size = c.Type(int, default=LIST_SIZE)
    """Briefings on one page of a list (all briefings, a tag, the timeline...)."""
    repository = c.Optional(c.Type(str))
    """public (the default) or private; see `generator.desk`."""
    audience = c.Optional(c.Type(str))
    """public (the default) or internal."""
    languages = c.ListOfItems(c.Type(str), default=[])
    """The other languages the site is read in (BCP 47): each gets its home page, list of
    briefings and verification states under /<language>/."""
    cache_dir = c.Type(str, default=".cache/briefings")
    """Where the share cards and finished pages are kept between builds, relative to
    mkdocs.yml (`cards`, `pagecache`)."""
    reuse = c.Type(bool, default=True)
    """Whether a build reuses the pages an earlier one made from the same inputs (env:
    BRIEFINGS_REUSE=false makes every page again)."""


@dataclass(frozen=True)
class PreviewProblems:
    """The problems a `mkdocs serve` preview shows at the top of every page, in the site's
    language (the messages themselves are the checker's, as the terminal prints them)."""

    errors: tuple[BriefingError, ...]
    locale: Locale

    @property
    def headline(self) -> str:
        count = self.locale.count("problems", len(self.errors))
        return self.locale.word("problems.headline", count=count)

    @property
    def note(self) -> str:
        return self.locale.word("problems.note")


def build_instant(option: str | None, environ: Mapping[str, str]) -> datetime:
    """'Now' for the publication rules, as every entry point takes it (`generator.instant`):
    the option, else SOURCE_DATE_EPOCH, else the clock."""
    try:
        return instant.now(instant.parse_instant(option) if option else None, environ)
    except instant.InstantError as error:
        raise PluginError(f"briefings: now: {error}") from None


def _refuse_busy_address(host: str, port: int) -> None:
    """Stop a preview whose address is taken, in one line, before it builds anything: MkDocs
    would build first, then fail to listen with a traceback. The line names a port that is
    free now: the next one may be taken too, by a second preview."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError:
        return  # a name that does not resolve: MkDocs reports it in its own words
    taken = _bound(found, port)
    if not isinstance(taken, OSError) or taken.errno != errno.EADDRINUSE:
        return
    # The nearest free port above, which is easy to remember; else any the system has free.
    nearby = (_bound(found, other) for other in range(port + 1, min(port + 100, 65535) + 1))
    free = next((other for other in nearby if isinstance(other, int)), None) or _bound(found, 0)
    instead = free if isinstance(free, int) else "<port>"
    raise PluginError(
        f"briefings: {host}:{port} is already in use, perhaps by another preview; "
        f"stop it, or preview on another port: mkdocs serve -a {host}:{instead}"
    )


def _bound(found: tuple[Any, ...], port: int) -> int | OSError:
    """Whether a preview could listen on the resolved address `found` at `port` (0: one the
    system picks): the port it would get, or why not. The port is let go at once."""
    family, kind, protocol, _, address = found
    with socket.socket(family, kind, protocol) as probe:
        # As MkDocs' server does, so that a port left in TIME_WAIT still counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address[0], port, *address[2:]))
        except OSError as error:
            return error
        return int(probe.getsockname()[1])


def _served(config: MkDocsConfig) -> bool:
    """Whether this is `serve`, whose site_dir is a folder it made with mkdtemp: `mkdocs_*`,
    or `properdocs_*` under ProperDocs."""
    site_dir = Path(config.site_dir)
    return site_dir.name.startswith(("mkdocs_", "properdocs_")) and site_dir.parent == Path(
        tempfile.gettempdir()
    )


class _Generated(File):
    """A generated page or file. Under `--dirty`, one whose content is the same as in the
    last build of this process is not modified, so MkDocs does not build it again.

    Its content may be `made` later: MkDocs asks for it only when it reads the page, and a
    build makes the pages in other processes meanwhile (`generator.parallel.Stream`)."""

    unchanged = False
    made: Callable[[], str | bytes] | None = None
    _stored: str | bytes | None = None

    # MkDocs reads `_content` itself (to copy a file, to tell a page from a file on disk).
    @property
    def _content(self) -> str | bytes | None:
        if self.made is not None:
            self._stored, self.made = self.made(), None
        return self._stored

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._stored, self.made = value, None

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def _content_of(made: Mapping[str, str] | Mapping[str, bytes], src_uri: str) -> str | bytes:
    """A generated page or file, once made: what stops a worker stops the build, in a line."""
    try:
        return made[src_uri]
    except (TemplateProblem, WorkerFailed) as problem:
        raise PluginError(f"briefings: {problem}") from None


def _release(files: Files) -> None:
    """Drop the Markdown and HTML that MkDocs keeps of every page once the site is written,
    and hand the memory back to the system (with what the plugin let go before), before the
    search indexer (a second large process) starts: at 10,000 briefings the two together
    needed more than 4 GiB."""
    for file in files:
        if file.page is not None:
            file.page.markdown = file.page.content = None
        if file.generated_by is not None:
            file.content_string = ""
    gc.collect()
    # glibc keeps freed memory for reuse unless asked to return it; elsewhere, nothing to do.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _path(config: MkDocsConfig, option: str) -> Path:
    """A folder an option names, relative to mkdocs.yml."""
    return Path(config.config_file_path or ".").parent / option


def _site_info(config: MkDocsConfig, options: BriefingsConfig, language: str) -> SiteInfo:
    """The site as the core knows it, from mkdocs.yml and the plugin's options."""
    assert config.site_url  # required by on_config
    return SiteInfo(
        name=config.site_name,
        url=config.site_url.rstrip("/") + "/",
        description=config.site_description or "",
        publisher=options.publisher or "",
        publisher_url=options.publisher_url or "",
        language=language,
        languages=tuple(options.languages),
    )


def _error_page_that_reloads(server: LiveReloadServer) -> Callable[[int], bytes | None]:
    """The server's error pages, with the live-reload script MkDocs puts into every other."""
    error_page = server.error_handler

    def error_page_that_reloads(code: int) -> bytes | None:
        content = error_page(code)
        if content is None:
            return None
        reloading: bytes = server._inject_js_into_html(content, server._visible_epoch)
        return reloading

    return error_page_that_reloads


def _index_for_search(site_dir: Path, language: str, reuse: _Reuse, progress: Progress) -> None:
    """Index a built site for search, and say how many pages in how long."""
    start = time.monotonic()
    try:
        pages = reuse.index(site_dir, language, progress)
    except SearchIndexError as error:
        raise PluginError(f"briefings: {error}") from None
    log.info(f"Search index built from {pages} pages in {time.monotonic() - start:.1f} s")


def _sitemap_index(sitemap: str, config: MkDocsConfig) -> str:
    """The sitemap MkDocs made, as an index of the parts written beside it (`split_sitemap`)."""
    assert config.site_url  # required by on_config
    index, parts = split_sitemap(sitemap, config.site_url.rstrip("/") + "/")
    for name, content in parts.items():
        (Path(config.site_dir) / name).write_text(content, encoding="utf-8")
    return index


def _index_quietly(site_dir: Path, language: str, reuse: _Reuse) -> None:
    try:
        pages = reuse.index(site_dir, language, behind=True)
    except SearchIndexError as error:
        log.warning(f"briefings: the preview's search index is not up to date: {error}")
        return
    except OSError:
        # The next preview build cleaned the site while this one was indexed: it indexes its own.
        log.debug("briefings: a newer preview build replaced the pages being indexed")
        return
    log.info(f"Search index of the preview rebuilt from {pages} pages")


# --- Pages reused from earlier builds (`generator.pagecache`) ----------------------------------

REUSED = "briefings-reused.html"
"""The template of a page whose finished HTML is reused: it renders nothing, and
`on_post_page` puts the kept page in its place."""

_MARKDOWN_LINK = re.compile(r"\]\(|\]:|\]\[")
"""A Markdown link or image, which MkDocs resolves against the other files of the site: a page
with one depends on more than its own Markdown, and is always made. The generated pages link
in HTML, which MkDocs leaves as it is; the guides written by hand are never reused."""


def _stable(value: object) -> object:
    """`value` (a setting of MkDocs' configuration) as plain data that says the same in every
    process: a plugin by its class and options, a function by its name. Anything else is
    written as Python writes it; one that names an address differs from build to build, so
    that no page is reused rather than a wrong one."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, BasePlugin):
        return {"plugin": _named(type(value)), "config": _stable(value.config)}
    if isinstance(value, Mapping):
        return {str(key): _stable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_stable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(json.dumps(_stable(item), sort_keys=True) for item in value)
    if isinstance(value, type) or callable(value):
        return _named(value)
    return repr(value)


def _named(value: Any) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


def _nav_parts(items: Iterable[Any]) -> Iterator[str]:
    """What the navigation shows on every page: each item's kind, title and address, in order.
    A page in the nav without a title of its own is named by its content: that too."""
    for item in items:
        yield type(item).__name__
        yield str(item.title)
        yield str(getattr(item, "url", ""))
        if item.title is None and getattr(item, "file", None) is not None:
            yield item.file.content_string
        yield from _nav_parts(getattr(item, "children", None) or ())
        yield "end"


class _Warnings(logging.Handler):
    """Counts what MkDocs logs as a warning or an error: a page made with one is not kept, so
    that a build that reuses it still reports it (and fails in strict mode) as a cold one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Finished:
    """The finished pages of one build that MkDocs may take from the cache (`PageCache`), and
    those it makes that the cache may keep. A generated page kept from an earlier build, from
    the same Markdown in the same setting, is not converted: its Markdown is replaced by
    nothing and its template by one that renders nothing (`REUSED`); its front matter is read
    as always, for the sitemap, and the kept HTML is written in its place."""

    def __init__(self, cache_dir: Path, setting: list[str | bytes], nav: Navigation) -> None:
        self.cache = PageCache(cache_dir, pagecache.digest([*setting, *_nav_parts(nav.items)]))
        self.reused: dict[str, Kept] = {}
        """The finished pages this build takes from the cache, by src_uri."""
        self.keys: dict[str, str] = {}
        """The key of each page this build makes and may keep, by src_uri."""
        self.warned: set[str] = set()
        """The pages MkDocs warned about while making them, which are not kept."""

    def markdown(self, page: Page, markdown: str) -> str:
        """The Markdown MkDocs is to convert: none for a page it takes from the cache."""
        file = page.file
        if not isinstance(file, _Generated) or _MARKDOWN_LINK.search(markdown):
            return markdown
        key = self.cache.key(file.src_uri, file.content_string)
        kept = self.cache.get(key)
        if kept is None:
            self.keys[file.src_uri] = key
            return markdown
        self.reused[file.src_uri] = kept
        page.meta["template"] = REUSED
        return ""

    def converted(self, page: Page, warned: bool) -> None:
        """After the page is converted: links from other pages to its anchors are checked
        against the page as kept."""
        kept = self.reused.get(page.file.src_uri)
        if kept is not None:
            page.present_anchor_ids = set(kept.anchors)
        if warned:
            self.warned.add(page.file.src_uri)

    def finished(self, page: Page, output: Callable[[], str], warned: bool) -> str:
        """The page as written: as kept, or as made now (and kept, unless MkDocs warned)."""
        src_uri = page.file.src_uri
        kept = self.reused.get(src_uri)
        if kept is not None:
            try:
                return kept.html
            except zlib.error:  # damaged outside the build since it was read
                raise PluginError(
                    f"briefings: the kept page of {src_uri} is damaged; build again with "
                    "BRIEFINGS_REUSE=false, or remove the cache"
                ) from None
        finished = output()
        key = self.keys.get(src_uri)
        if key is not None and not warned and src_uri not in self.warned:
            self.cache.put(key, finished, page.present_anchor_ids or ())
        return finished

    def environment(self, env: Environment) -> None:
        if self.reused and env.loader is not None:
            env.loader = ChoiceLoader([DictLoader({REUSED: ""}), env.loader])

    def forget_unused(self, files: Files, since: float) -> None:
        """Let the cache keep the pages of this build alone, those a preview left as they
        were (`--dirty`) included."""
        made = sum(1 for file in files if isinstance(file, _Generated) and file.page)
        said = log.info if made >= FEW else log.debug  # quiet on a small site, as progress is
        said(f"{len(self.reused)} of {made} pages reused from an earlier build")
        for file in files.documentation_pages():
            if isinstance(file, _Generated) and file.unchanged:
                self.cache.store.touch(self.cache.key(file.src_uri, file.content_string))
        self.cache.store.forget_unused(since)


def _converted(page: Page, finished: _Finished | None, warned: bool) -> None:
    """MkDocs has converted `page`, and keeps it until it has converted them all. It needs
    the Markdown no more, nor does the plugin: a generated page's source, which the page and
    its file both hold, as large as its HTML. (Empty, not None: a page with no Markdown has
    no title.)"""
    if finished is not None:
        finished.converted(page, warned)
    if isinstance(page.file, _Generated):
        page.markdown = page.file.content_string = ""


DEFLATED_PAGES = 3_000
"""Pages from which a build keeps each page's HTML compressed between converting it and
writing it (`_Deflated`): more memory than any other part of a large build, and a few seconds'
work for 10,000 briefings."""


class _Deflated:
    """A page's HTML, compressed, as MkDocs keeps it from converting every page to writing
    them (`page.content`): the theme only prints it and looks for a heading in it."""

    __slots__ = ("_data", "_empty")

    def __init__(self, html: str) -> None:
        self._data = zlib.compress(html.encode("utf-8"), 1)
        self._empty = not html

    def __str__(self) -> str:
        return zlib.decompress(self._data).decode("utf-8")

    __html__ = __str__

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __bool__(self) -> bool:
        return not self._empty


def _held(html: str, config: MkDocsConfig, files: Files, preview: bool) -> str:
    """The HTML of a page as MkDocs is to keep it until it writes the page: compressed in a
    build of `DEFLATED_PAGES` or more, when no other plugin, which could read it as text, is
    at work."""
    if preview or len(files) < DEFLATED_PAGES or not _alone(config):
        return html
    return _Deflated(html)  # type: ignore[return-value]  # what a template does with a str


def _alone(config: MkDocsConfig) -> bool:
    """Whether this plugin is the only one: no other could read or change a page."""
    return all(isinstance(plugin, BriefingsPlugin) for plugin in config.plugins.values())


def _setting(config: MkDocsConfig, shown: Mapping[str, object]) -> list[str | bytes]:
    """What every page is made with but the navigation: the configuration as resolved (but
    where the site is written), the theme's files (Material's icons are its version's), the
    packages and the generator, and what the plugin `shown` the theme."""
    options = {key: value for key, value in config.items() if key != "site_dir"}
    theme: list[str | bytes] = []
    for folder in config.theme.dirs:
        theme += [folder, *pagecache.files_of(Path(folder), skip=(".icons",))]
    if any(b"build_date_utc" in part for part in theme if isinstance(part, bytes)):
        theme.append(get_build_datetime().isoformat())  # the theme prints the build's date
    return [pagecache.installed(), json.dumps(_stable(options), sort_keys=True), *theme,
            json.dumps(shown, sort_keys=True)]  # fmt: skip


class _Policies:
    """Every finished page of a build gets a Content-Security-Policy allowing its own inline
    scripts by hash: the hashes can only be taken from the page as MkDocs wrote it. A preview
    gets none, since MkDocs injects its live-reload script after `on_post_page`.

    A generated page's only inline scripts are the theme's, which differ by the page's depth
    alone (they hold the way back to the site's root): content from the briefings is escaped
    or sanitized and can hold none. So the policy is read from the first generated page of
    each depth and given to the others, rather than parsed again on every page. A page
    written by hand (docs/) may hold scripts of its own and is always read."""

    def __init__(self, *, preview: bool) -> None:
        self.preview = preview
        self.by_depth: dict[int, str] = {}
        """The policy of a generated page, by its depth."""

    def page(self, output: str, page: Page) -> str:
        if self.preview:
            return output
        if page.file.generated_by is None:
            return with_policy(output)
        depth = page.url.count("/")
        if depth not in self.by_depth:
            self.by_depth[depth] = content_security_policy(output)
        return with_policy(output, self.by_depth[depth])

    def template(self, output: str, name: str) -> str:
        """A page of the theme's own (404.html)."""
        if self.preview or not name.endswith(".html"):
            return output
        return with_policy(output)


def _check_settings(config: MkDocsConfig, options: BriefingsConfig) -> None:
    """The pages link to each other by the directory URLs of SPEC 5a (/briefings/<id>/), and
    the feed and JSON-LD need absolute URLs, so both settings are required."""
    if not config.use_directory_urls:
        raise PluginError("briefings: set use_directory_urls: true (the site's URLs need it)")
    if options.list_size < 1:
        raise PluginError("briefings: list_size must be 1 or more")
    if not config.site_url:
        raise PluginError(
            "briefings: set site_url, e.g. https://example.github.io/briefings/ "
            "(the feed and the structured data need absolute URLs)"
        )


def _reported(
    errors: tuple[BriefingError, ...], preview: bool, language: str
) -> PreviewProblems | None:
    """The problems in the briefings, logged: they stop a build, but a preview shows them."""
    if errors and not preview:
        for error in errors:
            log.error(str(error))
        raise PluginError(f"{counted(len(errors), 'problem')} in the briefings; see above")
    if not errors:
        return None
    problems = PreviewProblems(errors, locale_for(language))
    # Strict mode aborts a build once anything is logged as a warning or an error under the
    # `mkdocs` logger, so the preview reports its problems as information.
    log.info(f"{problems.headline}:")
    for error in errors:
        log.info(str(error))
    return problems


CHECKS = "checks"
"""The entry of `cache_dir/checks/` that keeps the checks of every briefing file."""


def _checks_store(cache_dir: Path) -> Store:
    return Store(cache_dir / CHECKS, pagecache.installed())


class _Reuse:
    """What a build takes from earlier ones, from `cache_dir`: the checks of each briefing
    file, each page's Markdown (`SourceCache`) and each finished page (`_Finished`), unless
    told not to (the `reuse` option, BRIEFINGS_REUSE=false)."""

    def __init__(self) -> None:
        self.wanted = True
        self.started = 0.0
        self.sources: SourceCache | None = None
        self.fingerprints = Fingerprints()
        """Kept from build to build of a preview, with the briefings of unchanged files."""
        self.views = Views()
        """Kept from build to build of a preview too."""
        self.cards_shown: set[str] = set()
        """The share cards a preview's last build wrote."""
        self.search: Store | None = None
        """What the search indexer found on each page (`search.index_site`)."""
        self.setting: list[str | bytes] = []
        """What every page of this build is made with, but the navigation (`_setting`)."""
        self.finished: _Finished | None = None
        self.warnings = _Warnings()
        self._before = 0

    def configure(self, option: bool, environ: Mapping[str, str]) -> None:
        variable = environ.get("BRIEFINGS_REUSE", "").strip().lower()
        if variable not in ("", "true", "false"):
            raise PluginError(f"briefings: BRIEFINGS_REUSE must be true or false, not {variable!r}")
        self.wanted = variable == "true" if variable else option

    def load(
        self,
        folder: Path,
        now: datetime,
        cache_dir: Path,
        held: CheckCache | None,
        desk: Desk,
        progress: Progress,
    ) -> Archive:
        """`load_archive`, with the checks `held` in memory (a preview's, from build to build),
        or else with those kept on disk, which are kept again: a build lets go of the
        briefings once its pages are made."""
        checks = held if held is not None else self.checks(cache_dir)
        archive = load_archive(folder, now, cache=checks, desk=desk, progress=progress)
        if held is None:
            self.keep_checks(cache_dir, checks)
        return archive

    def environment(self, env: Environment, cache_dir: Path) -> None:
        """The theme's templates compiled once, not on every build (Jinja's own cache of them,
        which checks each against its source); and the finished pages' (`_Finished`)."""
        if self.wanted:
            (cache_dir / "templates").mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir / "templates"))
        if self.finished is not None:
            self.finished.environment(env)

    def show_cards(self, cards: Mapping[str, bytes], site_dir: Path) -> None:
        """A preview's cards, but those its last build wrote (`write_cards`)."""
        write_cards(cards, site_dir, skip=self.cards_shown)
        self.cards_shown = set(cards)

    def views_for(self, preview: bool) -> Views | None:
        """The views a preview keeps from one build to the next; a build keeps none."""
        return self.views if preview else None

    def checks(self, cache_dir: Path) -> CheckCache:
        """The checks an earlier build kept of each briefing file (`archive.CheckCache`)."""
        if not self.wanted:
            return CheckCache()
        return CheckCache.from_bytes(_checks_store(cache_dir).get(CHECKS))

    def keep_checks(self, cache_dir: Path, checks: CheckCache) -> None:
        if self.wanted and checks.changed:
            store, began = _checks_store(cache_dir), pagecache.now()
            store.put(CHECKS, checks.to_bytes())
            store.forget_unused(began)

    def begin(self, cache_dir: Path, templates: Path, *, preview: bool) -> bool:
        """Before the pages are made; whether most of them may be found made. A preview's
        build takes the Markdown its last build got or made from memory."""
        self.started = pagecache.now()
        self.fingerprints.next_build()
        earlier = None
        if preview:
            last = self.sources.used if self.sources is not None else None
            earlier = last if last is not None else {}
        self.sources = None
        if self.wanted:
            folder = cache_dir / "sources"
            self.sources = SourceCache(folder, templates, self.fingerprints, earlier)
        self.search = Store(cache_dir / "search", pagecache.installed()) if self.wanted else None
        self.finished, self.setting = None, []
        return self.sources is not None and self.sources.store.folder.is_dir()

    def pages(self, config: MkDocsConfig, shown: Mapping[str, object]) -> None:
        """Finished pages too, when no other plugin could change a page from anything but its
        Markdown; `shown` is what the plugin gives the theme."""
        if self.wanted and _alone(config):
            self.setting = _setting(config, shown)
        if self.warnings not in logging.getLogger("mkdocs").handlers:
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def with_nav(self, nav: Navigation, cache_dir: Path) -> None:
        if self.setting:
            self.finished = _Finished(cache_dir / "pages", self.setting, nav)

    # A page MkDocs warns about while making it is not kept: a build that reuses it would not
    # say so, nor fail in strict mode as a cold one does.
    def watch(self) -> None:
        """A page is about to be converted, or rendered."""
        self._before = self.warnings.count

    @property
    def warned(self) -> bool:
        return self.warnings.count != self._before

    def index(
        self, site_dir: Path, language: str, progress: Progress = SILENT, *, behind: bool = False
    ) -> int:
        """Index the site for search (`search.index_site`), with the bundles made before;
        the number of pages indexed. `behind`: at a lower priority than the next build."""
        search, started = self.search, self.started  # a preview's next build may begin
        pages = index_site(site_dir, language, cache=search, progress=progress, behind=behind)
        if search is not None:
            search.forget_unused(started)
        return pages

    def ended(self, files: Files | None) -> None:
        """The build wrote the site (`files`), or failed (None)."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if files is None:
            return
        if self.sources is not None:
            self.sources.store.forget_unused(self.started)
        if self.finished is not None:
            self.finished.forget_unused(files, self.started)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        # Kept from build to build of one `mkdocs serve`: MkDocs keeps a plugin that has an
        # on_startup hook.
        self.cache = CheckCache()
        self.digests: dict[str, bytes] = {}
        self.built_digests: dict[str, bytes] = {}
        self.dirty = False
        self.files = Files([])
        self.output = SiteOutput({}, {})
        self.stage = False
        self.staged: StagedSite | None = None
        self.mkdocs_config: MkDocsConfig | None = None
        self.preview = False
        self.problems: PreviewProblems | None = None
        self.stream: Stream[Any] | None = None
        self.address_checked = False
        self.desk = Desk()
        self.deploying = False
        self.language = "en"
        """The site's language (theme.language), that of its search index."""
        self.policies = _Policies(preview=False)
        self.reuse = _Reuse()
        self.progress = BuildProgress()

    # Only a full `mkdocs build` is staged: `serve` builds into its own temporary folder, and
    # a dirty build is meant to reuse what is already in site_dir. Only `serve` previews
    # despite problems. `serve --clean` announces itself as `build`; on_config tells it apart.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.stage = command in ("build", "gh-deploy") and not dirty
        self.deploying = command == "gh-deploy"
        self.preview = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _check_settings(config, self.config)
        self.language = config.theme.get("language") or "en"
        try:
            check_languages(self.language, self.config.languages)
            self.desk = desk_of(self.config, os.environ)
        except (ValueError, DeskError) as error:
            raise PluginError(f"briefings: {error}") from None
        self.reuse.configure(self.config.reuse, os.environ)
        if self.deploying and self.desk.audience is Audience.INTERNAL:
            raise PluginError(
                "briefings: audience: internal, but gh-deploy publishes to GitHub Pages, which "
                "anyone may read: serve the internal site only where the desk alone can"
            )
        if _served(config):
            self.stage, self.preview = False, True
        if self.preview and not self.address_checked:
            # Once: on a rebuild, the address is busy because the preview itself serves it.
            _refuse_busy_address(config.dev_addr.host, config.dev_addr.port)
            self.address_checked = True
        if self.stage:  # put in place by on_shutdown, if the build succeeds
            self.staged = StagedSite(Path(config.site_dir))
            config.site_dir = str(self.staged.begin())
            self.mkdocs_config = config
        return config

    # Runs before MkDocs empties site_dir, so invalid input stops the build before any file
    # is written. A preview goes on instead: a failed build would leave `mkdocs serve` showing
    # the last good pages, or exiting when it has none, with no word of the problem in the
    # browser.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        now, folder = build_instant(self.config.now, os.environ), self.config.briefings_dir
        cache_dir = _path(config, self.config.cache_dir)
        if self.preview and len(self.cache) == 0:  # kept in memory from then on
            self.cache = self.reuse.checks(cache_dir)
        held = self.cache if self.preview else None
        archive = self.reuse.load(
            _path(config, folder), now, cache_dir, held, self.desk, self.progress
        )
        for note in archive.notes:
            log.info(f"note: {note}")
        self.policies = _Policies(preview=self.preview)
        self.problems = _reported(archive.errors, self.preview, self.language)
        site = _site_info(config, self.config, self.language)
        templates = _path(config, self.config.templates)
        workers = parallel.workers_for(len(archive.shown))
        # A build that finds most pages made has little to do on this core but wait for
        # them: then the workers take every core.
        reusing = self.reuse.begin(cache_dir, templates, preview=self.preview)
        size, cards, sources = self.config.list_size, cache_dir / "cards", self.reuse.sources
        try:
            if self.preview or workers == 1:
                # In this process: a preview's next build finds the Markdown it rendered cached.
                self.output = site_output(
                    archive, templates, site, workers=1, list_size=size, cache_dir=cards,
                    sources=sources, progress=self.progress,
                    views=self.reuse.views_for(self.preview),
                )  # fmt: skip
            else:
                # MkDocs reads the pages on this core while the others make them, then the
                # cards while MkDocs writes the pages.
                self.output, self.stream = site_stream(
                    archive, templates, site, workers=workers if reusing else workers - 1,
                    list_size=size, cache_dir=cards, sources=sources, progress=self.progress,
                )  # fmt: skip
        except TemplateProblem as problem:
            raise PluginError(f"briefings: {problem}") from None
        where = "public" if self.desk.audience is Audience.PUBLIC else "on the internal site"
        log.info(f"{counted(len(archive.briefings), 'briefing')}: {len(archive.shown)} {where}")
        problems = [str(error) for error in self.problems.errors] if self.problems else []
        shown = {"preview": self.preview, "audience": self.desk.audience.value,
                 "language": self.language, "problems": problems}  # fmt: skip
        self.reuse.pages(config, shown)

    # Pages are added in memory and left out of the automatic navigation: readers reach
    # briefings through index pages (mkdocs.yml's nav lists those), and a nav of every
    # briefing would be repeated on every page.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.digests = {}
        for made in (self.output.pages, self.output.files):
            for src_uri in made:
                if files.get_file_from_path(src_uri) is not None:
                    clash = Path(config.docs_dir) / src_uri
                    raise PluginError(f"briefings: {clash} clashes with a generated page or file")
                inclusion = InclusionLevel.NOT_IN_NAV
                file = _Generated.generated(config, src_uri, content="", inclusion=inclusion)
                assert isinstance(file, _Generated)
                file.made = partial(_content_of, made, src_uri)
                if self.preview:  # only a preview builds again, and skips what is unchanged
                    content = file.content_bytes
                    self.digests[src_uri] = digest = hashlib.sha256(content).digest()
                    file.unchanged = self.dirty and self.built_digests.get(src_uri) == digest
                files.append(file)
        self.files = files
        self.progress.converting(files, preview=self.preview)
        return files

    # MkDocs renders every page with the whole navigation: it is part of every page's setting.
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.reuse.with_nav(nav, _path(config, self.config.cache_dir))
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.reuse.watch()
        finished = self.reuse.finished
        return markdown if finished is None else finished.markdown(page, markdown)

    # A page in another language titles the links beside its headings in that one. Counts
    # the pages MkDocs has read, for a long build to say how far it has got.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.progress.pages.advance()
        _converted(page, self.reuse.finished, self.reuse.warned)
        html = permalinks_in(html, page.meta.get("language"), self.language)
        return _held(html, config, files, self.preview)

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        self.reuse.watch()
        return context

    # Every finished page of a build gets a Content-Security-Policy (`_Policies`); one taken
    # from the cache has it already.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.progress.pages.advance()
        policed = partial(self.policies.page, output, page)
        if self.reuse.finished is None:
            return policed()
        return self.reuse.finished.finished(page, policed, self.reuse.warned)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if template_name == "sitemap.xml":
            return _sitemap_index(output_content, config)
        return self.policies.template(output_content, template_name)

    # A global rather than a page context, so that the 404 page, which a briefing with
    # problems leads to in a preview, lists them too; and has its own words.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.progress.writing()
        env.globals["briefing_problems"] = self.problems
        env.globals["briefing_not_found"] = not_found_page(self.language)
        env.globals["briefing_internal"] = self.desk.audience is Audience.INTERNAL
        self.reuse.environment(env, _path(config, self.config.cache_dir))
        return env

    # Runs once every page is written: the search index is built from the final HTML. The
    # share cards are written here rather than given to MkDocs as files, which it would copy
    # before writing the pages, waiting for them all to be drawn; a build indexes search
    # first, while the last cards are drawn.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.built_digests = self.digests
        self.reuse.ended(self.files)
        site_dir = Path(config.site_dir)
        if self.preview:
            self.reuse.show_cards(self.output.cards, site_dir)
            # The preview reloads without waiting for the search index, which follows.
            indexing = (site_dir, self.language, self.reuse)
            threading.Thread(target=_index_quietly, args=indexing).start()
        else:
            cards = self.output.cards
            # The pages are written: what made them, the checked briefings with it, is let go
            # before the indexer starts.
            self._stop_workers()
            self.output = SiteOutput({}, {})
            _release(self.files)
            _index_for_search(site_dir, self.language, self.reuse, self.progress)
            write_cards(cards, site_dir)
        if self.staged is not None:
            self.staged.succeeded()

    # Strict mode's warning count is checked after on_post_build: this hook is how the plugin
    # learns that the build failed after all.
    def on_build_error(self, *, error: Exception) -> None:
        self.reuse.ended(None)
        if self.staged is not None:
            self.staged.failed()
        if isinstance(self.output.cards, Cards):
            self.output.cards.cancel()
        self._stop_workers()

    def _stop_workers(self) -> None:
        if self.stream is not None:
            self.stream.close()
            log.debug(f"briefings: MkDocs waited {self.stream.waited:.2f} s for pages")
            self.stream = None

    # The one hook that runs after MkDocs' last word on the build, strict mode's included.
    def on_shutdown(self) -> None:
        if self.staged is None:
            return
        staged, self.staged = self.staged, None
        if not staged.finish():
            log.error(f"Build failed: {staged.site_dir} is left as it was")
            return
        # gh-deploy reads site_dir after this hook, to push what was built.
        if self.mkdocs_config is not None:
            self.mkdocs_config.site_dir = str(staged.site_dir)
        log.info(f"Site written to {staged.site_dir}")

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(_path(config, self.config.briefings_dir)))
        server.watch(str(_path(config, self.config.templates)))

        # MkDocs serves its 404 page without the live-reload script, so a browser left on a
        # briefing that gained a problem, and so lost its page, would not come back once the
        # file is fixed. Every other page gets the script this way.
        server.error_handler = _error_page_that_reloads(server)
        return server
