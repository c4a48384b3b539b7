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
          cache_dir: .cache/briefings   # share cards kept between builds (generator.cards)

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
import logging
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import instant, parallel
from .archive import CheckCache, load_archive
from .cards import Cards
from .desk import Audience, Desk, DeskError, desk_of
from .errors import BriefingError
from .locale import Locale, locale_for
from .pages import not_found_page
from .parallel import Stream, WorkerFailed
from .progress import Progress, Stage, Tally
from .publish import SiteInfo, check_languages
from .render import TemplateProblem
from .search import SearchIndexError, index_site
from .security import content_security_policy, with_policy
from .site import SiteOutput, site_output, site_stream, write_files
from .sitemap import split_sitemap
from .staging import StagedSite
from .urls import LIST_SIZE

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
    """Where the share cards are kept between builds, relative to mkdocs.yml (`cards`)."""


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


def problem_count(count: int) -> str:
    return f"{count} problem{'s' * (count != 1)}"


def build_instant(option: str | None, environ: Mapping[str, str]) -> datetime:
    """'Now' for the publication rules, as every entry point takes it (`generator.instant`):
    the option, else SOURCE_DATE_EPOCH, else the clock."""
    try:
        return instant.now(instant.parse_instant(option) if option else None, environ)
    except instant.InstantError as error:
        raise PluginError(f"briefings: now: {error}") from None


def _refuse_busy_address(host: str, port: int) -> None:
    """Stop a preview whose address is taken, in one line, before it builds anything: MkDocs
    would build first, then fail to listen with a traceback."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return  # a name that does not resolve: MkDocs reports it in its own words
    family, kind, protocol, _, address = found[0]
    with socket.socket(family, kind, protocol) as probe:
        # As MkDocs' server does, so that a port left in TIME_WAIT still counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                return
            raise PluginError(
                f"briefings: {host}:{port} is already in use, perhaps by another preview; "
                f"stop it, or preview on another port: mkdocs serve -a {host}:{port + 1}"
            ) from None


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


def _index_for_search(site_dir: Path, language: str, progress: Progress) -> None:
    """Index a built site for search, and say how many pages in how long."""
    start = time.monotonic()
    try:
        pages = index_site(site_dir, language, progress=progress)
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


def _index_quietly(site_dir: Path, language: str) -> None:
    try:
        pages = index_site(site_dir, language)
    except SearchIndexError as error:
        log.warning(f"briefings: the preview's search index is not up to date: {error}")
        return
    log.info(f"Search index of the preview rebuilt from {pages} pages")


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
        self.policies: dict[int, str] = {}
        """The Content-Security-Policy of a generated page, by its depth, for one build."""
        self.progress = BuildProgress()

    # Only a full `mkdocs build` is staged: `serve` builds into its own temporary folder, and
    # a dirty build is meant to reuse what is already in site_dir. Only `serve` previews
    # despite problems. `serve --clean` announces itself as `build`; on_config tells it apart.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.stage = command in ("build", "gh-deploy") and not dirty
        self.deploying = command == "gh-deploy"
        self.preview = command == "serve"
        self.dirty = dirty

    # The pages link to each other by the directory URLs of SPEC 5a (/briefings/<id>/), and
    # the feed and JSON-LD need absolute URLs, so both settings are required.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("briefings: set use_directory_urls: true (the site's URLs need it)")
        if self.config.list_size < 1:
            raise PluginError("briefings: list_size must be 1 or more")
        if not config.site_url:
            raise PluginError(
                "briefings: set site_url, e.g. https://example.github.io/briefings/ "
                "(the feed and the structured data need absolute URLs)"
            )
        self.language = config.theme.get("language") or "en"
        try:
            check_languages(self.language, self.config.languages)
        except ValueError as error:
            raise PluginError(f"briefings: {error}") from None
        try:
            self.desk = desk_of(self.config, os.environ)
        except DeskError as error:
            raise PluginError(f"briefings: {error}") from None
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
        now = build_instant(self.config.now, os.environ)
        folder = _path(config, self.config.briefings_dir)
        archive = load_archive(
            folder, now, cache=self.cache, desk=self.desk, progress=self.progress
        )
        for note in archive.notes:
            log.info(f"note: {note}")
        self.problems = None
        self.policies = {}
        if archive.errors and not self.preview:
            for error in archive.errors:
                log.error(str(error))
            raise PluginError(f"{problem_count(len(archive.errors))} in the briefings; see above")
        if archive.errors:
            self.problems = PreviewProblems(archive.errors, locale_for(self.language))
            # Strict mode aborts a build once anything is logged as a warning or an error under
            # the `mkdocs` logger, so the preview reports its problems as information.
            log.info(f"{self.problems.headline}:")
            for error in archive.errors:
                log.info(str(error))
        site = _site_info(config, self.config, self.language)
        templates = _path(config, self.config.templates)
        workers = parallel.workers_for(len(archive.shown))
        try:
            cache_dir = _path(config, self.config.cache_dir) / "cards"
            if self.preview or workers == 1:
                # In this process: a preview's next build finds the Markdown it rendered cached.
                self.output = site_output(
                    archive, templates, site, progress=self.progress,
                    list_size=self.config.list_size, workers=1, cache_dir=cache_dir,
                )  # fmt: skip
            else:
                # MkDocs reads the pages on this core while the others make them, then the
                # cards while MkDocs writes the pages.
                self.output, self.stream = site_stream(
                    archive, templates, site, progress=self.progress,
                    workers=workers - 1, list_size=self.config.list_size, cache_dir=cache_dir,
                )  # fmt: skip
        except TemplateProblem as problem:
            raise PluginError(f"briefings: {problem}") from None
        where = "public" if self.desk.audience is Audience.PUBLIC else "on the internal site"
        log.info(f"{len(archive.briefings)} briefings: {len(archive.shown)} {where}")

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

    # Counts the pages MkDocs has read, for a long build to say how far it has got.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.progress.pages.advance()
        return html

    # Every finished page of a build gets a Content-Security-Policy allowing its own inline
    # scripts by hash: the hashes can only be taken from the page as MkDocs wrote it. A preview
    # gets none, since MkDocs injects its live-reload script after this hook.
    #
    # A generated page's only inline scripts are the theme's, which differ by the page's depth
    # alone (they hold the way back to the site's root): content from the briefings is escaped
    # or sanitized and can hold none. So the policy is read from the first generated page of
    # each depth and given to the others, rather than parsed again on every page. A
    # page written by hand (docs/) may hold scripts of its own and is always read.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.progress.pages.advance()
        if self.preview:
            return output
        if page.file.generated_by is None:
            return with_policy(output)
        depth = page.url.count("/")
        if depth not in self.policies:
            self.policies[depth] = content_security_policy(output)
        return with_policy(output, self.policies[depth])

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if template_name == "sitemap.xml":
            return _sitemap_index(output_content, config)
        if self.preview or not template_name.endswith(".html"):  # 404.html
            return output_content
        return with_policy(output_content)

    # A global rather than a page context, so that the 404 page, which a briefing with
    # problems leads to in a preview, lists them too; and has its own words.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.progress.writing()
        env.globals["briefing_problems"] = self.problems
        env.globals["briefing_not_found"] = not_found_page(self.language)
        env.globals["briefing_internal"] = self.desk.audience is Audience.INTERNAL
        return env

    # Runs once every page is written: the search index is built from the final HTML. The
    # share cards are written here rather than given to MkDocs as files, which it would copy
    # before writing the pages, waiting for them all to be drawn; a build indexes search
    # first, while the last cards are drawn.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.built_digests = self.digests
        site_dir = Path(config.site_dir)
        if self.preview:
            write_files(self.output.cards, site_dir)
            # The preview reloads without waiting for the search index, which follows.
            threading.Thread(target=_index_quietly, args=(site_dir, self.language)).start()
        else:
            cards = self.output.cards
            # The pages are written: what made them, and the checked briefings a build keeps
            # no longer, are let go before the indexer starts.
            self._stop_workers()
            self.output = SiteOutput({}, {})
            self.cache = CheckCache()
            _release(self.files)
            _index_for_search(site_dir, self.language, self.progress)
            write_files(cards, site_dir)
        if self.staged is not None:
            self.staged.succeeded()

    # Strict mode's warning count is checked after on_post_build: this hook is how the plugin
    # learns that the build failed after all.
    def on_build_error(self, *, error: Exception) -> None:
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
