"""The plugin uses MkDocs' private names only where its docstring says why (issue: MkDocs 1.x
is unmaintained, and a private name is the first thing a successor may change)."""

from __future__ import annotations

import inspect
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import plugin

from .conftest import ROOT

DOCUMENTED = {"_content", "_inject_js_into_html", "_visible_epoch"}
"""The private MkDocs names the plugin's docstring lists, with why no public way exists."""

MKDOCS = (MkDocsConfig, LiveReloadServer, BasePlugin, File, Files, Navigation, Page)


def test_every_private_mkdocs_name_the_plugin_uses_is_documented() -> None:
    source = (ROOT / "generator" / "plugin.py").read_text(encoding="utf-8")
    used = set(re.findall(r"\.(_[a-z]\w*)", source))
    # A name MkDocs' own classes define or set, as methods or in __init__.
    mkdocs = "\n".join(inspect.getsource(kind) for kind in MKDOCS)
    of_mkdocs = {name for name in used if re.search(rf"(\.|def ){name}\b", mkdocs)}

    assert of_mkdocs == DOCUMENTED
    assert plugin.__doc__ is not None
    for name in DOCUMENTED:
        assert f"{name}`" in plugin.__doc__, name
