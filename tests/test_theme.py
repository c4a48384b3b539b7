"""The theme overrides stay in step with the installed Material for MkDocs."""

from __future__ import annotations

from pathlib import Path

import material

from .conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"

MATERIAL_SEARCH = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}"""

PAGEFIND_SEARCH = """    {#- briefing-site: an internal site's mark, and Pagefind's search box -#}
    {% include "partials/briefing-internal.html" -%}
    {% include "partials/pagefind.html" %}"""


def test_the_header_is_materials_own_but_for_the_search_box() -> None:
    ours = (ROOT / "theme" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")

    assert MATERIAL_SEARCH in theirs, "Material's header changed: update theme/partials/header.html"
    body = ours.split("-#}\n", 1)[1]
    assert body == theirs.split("-#}\n", 1)[1].replace(MATERIAL_SEARCH, PAGEFIND_SEARCH)


def test_the_search_dialog_uses_icons_that_material_ships() -> None:
    dialog = (ROOT / "theme" / "partials" / "pagefind.html").read_text(encoding="utf-8")

    for icon in ("magnify", "arrow-left", "close"):
        assert f'".icons/material/{icon}.svg"' in dialog
        assert (MATERIAL / ".icons" / "material" / f"{icon}.svg").is_file()


MATERIAL_LANGUAGE = """{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}
{% import "partials/languages/en.html" as fallback %}
{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}
"""


def test_the_language_partial_is_materials_own_but_for_a_page_in_another_language() -> None:
    """theme/partials/language.html was made from this Material file: when Material changes
    it, the override must be made again."""
    theirs = (MATERIAL / "partials" / "language.html").read_text(encoding="utf-8")

    assert theirs.split("-#}\n", 1)[1] == MATERIAL_LANGUAGE
