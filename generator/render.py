"""Briefings to Markdown pages, through the Jinja templates in `theme/markdown/`.

Python prepares a view of each page (numbers, counts, groupings, words); the templates only
place it. Every value from YAML is escaped for the context it lands in, by one filter each:

- HTML text and attributes: Jinja autoescape (the templates emit raw HTML blocks, which
  Python-Markdown passes through untouched, so Markdown syntax in data stays literal);
- Markdown (headings, the only places data meets Markdown syntax): `md_inline`;
- Markdown fields (summary, notes, methodology): `markdown` (`generator.markdown_fields`),
  which renders them with raw HTML switched off, makes `briefing:`/`actor:` links relative to
  the page (or plain text when the target is not public), then sanitizes the HTML with nh3.

Nothing here imports MkDocs: the plugin hands the pages to MkDocs, tests call this directly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import structure
from . import vocabulary as words
from .archive import Archive
from .markdown_fields import one_line, render_markdown
from .model import Briefing, VerificationState
from .parallel import run_all
from .structure import SiteIndex
from .yamlio import quoted

# --- Escaping ----------------------------------------------------------------------------------

# Every ASCII character that means something to Markdown, its extensions, HTML or Jinja.
_MARKDOWN_SIGNIFICANT = re.compile(r"""[\\`*_{}\[\]()<>#+\-.!|~:=^"'&$%@]""")


def md_inline(text: str) -> Markup:
    """Plain text made safe for a Markdown line: every significant character becomes an
    HTML character reference, which Markdown leaves alone and the browser shows as written."""
    flat = " ".join(text.split())
    return Markup(_MARKDOWN_SIGNIFICANT.sub(lambda m: f"&#{ord(m.group())};", flat))


@jinja2.pass_context
def _markdown_filter(context: jinja2.runtime.Context, text: str) -> Markup:
    """`{{ field | markdown }}`: links to the site's pages are made relative to the page."""
    return render_markdown(text, context.get("link_to"))


# --- Templates ---------------------------------------------------------------------------------


@cache
def environment(template_dir: Path) -> jinja2.Environment:
    """The Jinja environment of the Markdown templates; undefined values are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md_inline=md_inline,
        markdown=_markdown_filter,
        one_line=one_line,
        # Front matter is YAML, not HTML: the value is escaped for HTML before it is quoted.
        yaml_quoted=lambda text: Markup(quoted(str(text))),
        partial_date=words.partial_date,
        full_date=words.full_date,
        country_name=words.country_name,
        label=words.label,
        credibility=words.CREDIBILITY.__getitem__,
        state_words=words.STATES.__getitem__,
        figure=words.figure,
        language_name=words.language_name,
        direction=words.direction,
    )
    env.globals.update(
        structure=structure,
        states=words.STATES,
        tlp_words=words.TLP,
    )
    return env


Fragments = dict[tuple[object, ...], Markup]
"""Pieces of HTML made once and placed on many pages, by a key that determines them."""


def _fragment(made: Fragments, *key: object, caller: Callable[[], Markup]) -> Markup:
    """`{% call fragment(*key) %}…{% endcall %}`: the block's HTML, made on the first call
    with this key. The key must name everything the block depends on, its links included."""
    try:
        return made[key]
    except KeyError:
        made[key] = html = caller()
        return html


class TemplateProblem(Exception):
    """A template that cannot make a page: 'theme/markdown/actor.md:5: <what> (making <page>)'.
    Plain text, so that it reaches the build from a worker process intact."""


def _where(error: BaseException, template_dir: Path) -> str:
    """The template file and line the error was raised at, from the traceback: Jinja gives
    each template's frames the template's own file name and line numbers."""
    place = ""
    frame = error.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code
        if Path(code.co_filename).resolve().is_relative_to(template_dir):
            place = f"{os.path.relpath(code.co_filename)}:{frame.tb_lineno}"
        frame = frame.tb_next
    return place or str(template_dir)


def _compiled(env: jinja2.Environment, name: str, template_dir: Path) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        where = f"{os.path.relpath(error.filename or template_dir / name)}:{error.lineno}"
        raise TemplateProblem(f"{where}: {error.message}") from None
    except jinja2.TemplateNotFound:
        raise TemplateProblem(f"{os.path.relpath(template_dir / name)}: no such template") from None


def _render(
    template_dir: Path,
    template: str,
    page: str,
    fragments: Fragments,
    index: SiteIndex,
    **context: Any,
) -> str:
    href: Callable[..., str] = partial(structure.link, page)
    fragment = partial(_fragment, fragments)
    link_to = partial(index.site_link, page)
    try:
        return (
            environment(template_dir)
            .get_template(template)
            .render(
                page=page, href=href, fragment=fragment, link_to=link_to, index=index, **context
            )
        )
    except jinja2.TemplateError as error:
        where = _where(error, template_dir.resolve())
        raise TemplateProblem(f"{where}: {error.message} (making {page})") from None


def render_briefing(archive: Archive, briefing: Briefing, template_dir: Path) -> str:
    """The Markdown page of one public briefing."""
    index = SiteIndex(archive)
    return _briefing(index, index.by_id[briefing.id], template_dir, {})


def _briefing(
    index: SiteIndex, view: structure.BriefingView, template_dir: Path, fragments: Fragments
) -> str:
    older, newer = index.neighbours(view)
    return _render(
        template_dir, "briefing.md", view.page, fragments, index,
        view=view, related=index.related(view), older=older, newer=newer,
    )  # fmt: skip


def page_tasks(
    index: SiteIndex, template_dir: Path, list_size: int = structure.LIST_SIZE
) -> dict[str, Callable[[], str]]:
    """Every generated page, by its path under the docs folder, as a task that renders it.
    Public briefings only; lists are cut into pages of `list_size`. The tasks share one
    store of fragments and need nothing else."""
    env = environment(template_dir)
    fragments: Fragments = {}
    tasks: dict[str, Callable[[], str]] = {}

    def add(page: str, template: str, **context: Any) -> None:
        _compiled(env, template, template_dir)  # once, here, rather than in every worker
        render = partial(_render, template_dir, template, page, fragments, index)
        tasks[page] = partial(render, **context)

    def add_parts(first: str, items: Sequence[Any], template: str, **context: Any) -> None:
        for part in structure.parts(first, items, list_size):
            add(part.page, template, part=part, **context)

    add(structure.HOME, "home.md")
    add_parts(structure.BRIEFINGS, index.briefings, "briefings.md")
    add(structure.STATES, "states.md")
    for group in index.by_state:
        state = words.STATES[VerificationState(group.key)]
        add_parts(group.page, group.briefings, "state.md", group=group, state=state)
    add(structure.TAGS, "tags.md")
    for group in index.by_tag:
        add_parts(group.page, group.briefings, "tag.md", group=group)
    add(structure.COUNTRIES, "countries.md")
    for group in index.by_country:
        add_parts(group.page, group.briefings, "country.md", group=group)
    add(structure.ACTORS, "actors.md")
    for entry in index.actors:
        # Statements and briefings go on in step: page 2 has the next of each.
        said = structure.parts(entry.page, entry.statements, list_size)
        listed = structure.parts(entry.page, entry.briefings, list_size)
        count = max(len(said), len(listed))
        for n in range(count):
            page = structure.list_page(entry.page, n + 1)
            add(page, "actor.md", entry=entry, number=n + 1, count=count,
                said=said[n] if n < len(said) else None,
                listed=listed[n] if n < len(listed) else None)  # fmt: skip
    timeline = structure.parts(structure.TIMELINE, index.timeline_entries, list_size)
    years: dict[str, str] = {}  # the page where each year starts, for links to it
    for part in timeline:
        for group, _ in part.items:
            years.setdefault(group.title if group.key == "undated" else group.key[:4], part.page)
    for part in timeline:
        add(part.page, "timeline.md", part=part, years=years)
    add(structure.API, "api.md")
    _compiled(env, "briefing.md", template_dir)
    for view in index.briefings:
        tasks[view.page] = partial(_briefing, index, view, template_dir, fragments)
    return tasks


def render_site(
    archive: Archive,
    template_dir: Path,
    index: SiteIndex | None = None,
    list_size: int = structure.LIST_SIZE,
) -> dict[str, str]:
    """Every generated page, by its path under the docs folder. Public briefings only.
    The pages are rendered on every core the build may use (`generator.parallel`)."""
    tasks = page_tasks(index or SiteIndex(archive), template_dir, list_size)
    return dict(zip(tasks, run_all(list(tasks.values())), strict=True))
