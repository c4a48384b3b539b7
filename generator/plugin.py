"""The MkDocs plugin `briefings`: a thin adapter from MkDocs events to the core.

Configure it in `mkdocs.yml`:

    plugins:
      - briefings:
          briefings_dir: briefings      # the YAML files, relative to mkdocs.yml
          templates: theme/markdown     # the Jinja templates of the generated Markdown
          now: 2024-09-10T12:00:00Z     # optional: judge embargoes at this instant

Without `now`, the build uses SOURCE_DATE_EPOCH when it is set (reproducible builds), else
the clock. The plugin also indexes the built site for search (`generator.search`), so Material's
own `search` plugin is left out.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .archive import load_archive
from .render import render_site
from .search import index_site

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class BriefingsConfig(base.Config):
    briefings_dir = c.Type(str, default="briefings")
    templates = c.Type(str, default="theme/markdown")
    now = c.Optional(c.Type(str))


def build_instant(option: str | None, environ: dict[str, str] | os._Environ[str]) -> datetime:
    """'Now' for the publication rules: the option, else SOURCE_DATE_EPOCH, else the clock."""
    if option:
        try:
            instant = datetime.fromisoformat(option)
        except ValueError:
            raise PluginError(f"briefings: 'now' is not an ISO 8601 instant: {option!r}") from None
        if instant.tzinfo is None:
            raise PluginError(f"briefings: 'now' needs a timezone, e.g. {option}Z")
        return instant
    if epoch := environ.get("SOURCE_DATE_EPOCH"):
        if not epoch.isdigit():
            raise PluginError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}")
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return Path(config.config_file_path or ".").parent / option

    # The pages link to each other by the directory URLs of SPEC 5a (/briefings/<id>/).
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("briefings: set use_directory_urls: true (the site's URLs need it)")
        return config

    # Runs before MkDocs empties site/, so invalid input leaves the previous site untouched.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        now = build_instant(self.config.now, os.environ)
        archive = load_archive(self._path(config, self.config.briefings_dir), now)
        if archive.errors:
            for error in archive.errors:
                log.error(str(error))
            count = len(archive.errors)
            raise PluginError(f"{count} problem{'s' * (count != 1)} in the briefings; see above")
        self.pages = render_site(archive, self._path(config, self.config.templates))
        log.info(f"{len(archive.public)} public of {len(archive.briefings)} briefings")

    # Pages are added in memory and left out of the automatic navigation: readers reach
    # briefings through index pages (mkdocs.yml's nav lists those), and a nav of every
    # briefing would be repeated on every page.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src_uri, content in self.pages.items():
            if files.get_file_from_path(src_uri) is not None:
                clash = Path(config.docs_dir) / src_uri
                raise PluginError(f"briefings: {clash} clashes with a generated page")
            inclusion = InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        return files

    # Runs once every page is written: the search index is built from the final HTML.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        pages = index_site(Path(config.site_dir))
        log.info(f"Search index built from {pages} pages")

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self._path(config, self.config.briefings_dir)))
        server.watch(str(self._path(config, self.config.templates)))
        return server
