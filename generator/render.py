"""Briefings to Markdown pages, through the Jinja templates in `theme/markdown/`.

Python prepares each page's objects (`generator.pages`: numbers, counts, groupings, links,
the pictures' geometry); the templates only read and place them. Every value from YAML is
escaped for the context it lands in, by one filter each:

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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import urls
from . import vocabulary as words
from .archive import Archive
from .locale import DEFAULT, Locale, locale_for
from .markdown_fields import one_line, render_markdown
from .model import Actor, Briefing, VerificationState
from .pages import PAGES, BriefingPage, SiteFacts, briefing_page
from .search import searched_as
from .structure import SiteIndex
from .views import BriefingView
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


# --- Words -------------------------------------------------------------------------------------

# Every reader-facing word comes from the page's locale (`generator.locale`), which `_render`
# puts in the context: the environment is shared by the pages of every language.


def _in_locale(function: Callable[..., str]) -> Callable[..., str]:
    """A filter that gives `function` the page's locale."""

    @jinja2.pass_context
    def filter_(context: jinja2.runtime.Context, value: Any) -> str:
        return function(value, context["locale"])

    return filter_


@jinja2.pass_context
def _word(context: jinja2.runtime.Context, key: str, **values: Any) -> Markup:
    """`{{ t("key", name=value) }}`: the catalogue's words are the package's own HTML; the
    values filled in are escaped."""
    locale: Locale = context["locale"]
    return _filled(locale, locale.word(key), values)


def _filled(locale: Locale, text: str, values: dict[str, Any]) -> Markup:
    """The catalogue's `text` with its placeholders filled: whole numbers in the language's
    digits, every value escaped for HTML unless it is HTML already (Markup), as
    `Markup.format` would, at a tenth of its cost (pages fill some ten thousand of these)."""
    if not values:
        return Markup(text)
    return Markup(
        text.format(
            **{
                name: locale.number(value) if type(value) is int else escape(value)
                for name, value in values.items()
            }
        )
    )


@jinja2.pass_context
def _count(context: jinja2.runtime.Context, key: str, n: int, **values: Any) -> Markup:
    """`{{ n("sources", 3) }}`: '3 sources', in the form the number takes in the language;
    escaped like `t`."""
    locale: Locale = context["locale"]
    return _filled(locale, locale.count_form(key, n), {"n": n, **values})


def _capitalized(text: Markup, capital: bool) -> Markup:
    """`text` as the catalogue writes it, to begin a sentence, else with its first letter
    in lower case, to go on one."""
    return text if capital else text[:1].lower() + text[1:]


# Text in another language than the page's carries its own `lang`, so that screen readers
# pronounce it and browsers shape it. When that language is searched in another bundle than
# the page's (`generator.search`), the text is left out of the page's and searched there.


def _attributes(context: jinja2.runtime.Context, tag: str) -> str:
    site = context["site"].language
    apart = searched_as(tag, site) != searched_as(context["language"], site)
    return f' lang="{escape(tag)}" dir="{words.direction(tag)}"' + (
        " data-pagefind-ignore" if apart else ""
    )


@jinja2.pass_context
def _in_language(context: jinja2.runtime.Context, tag: str | None) -> Markup:
    """`<q{{ in_language(st.lang) }}>`: the attributes of text in language `tag` (none for
    no tag)."""
    return Markup(_attributes(context, tag) if tag else "")


@jinja2.pass_context
def _name(context: jinja2.runtime.Context, text: str) -> Markup:
    """`{{ name(alias) }}`: a name, marked with its language when written in another script
    than the page's ('Кремль' on an English page)."""
    language = words.language_of_name(text, context["language"])
    if language is None:
        return escape(text)
    return Markup(f"<span{_attributes(context, language)}>{escape(text)}</span>")


@jinja2.pass_context
def _named(context: jinja2.runtime.Context, actor: Actor) -> Markup:
    """`{{ actor | named }}`: the actor's name in the page's language where it has one
    (`names`), else its name, marked with its language when in another script."""
    return _name(context, words.name_in(actor, context["language"]))


@jinja2.pass_context
def _briefing_title(context: jinja2.runtime.Context, view: BriefingView) -> Markup:
    """`{{ view | briefing_title }}`: another briefing's title where a page names it, marked
    with its language when that is not the page's (an English title on a Russian page)."""
    tag = view.briefing.lang or context["site"].language
    if tag == context["language"]:
        return escape(view.briefing.title)
    return Markup(f"<span{_attributes(context, tag)}>{escape(view.briefing.title)}</span>")


@jinja2.pass_context
def _name_text(context: jinja2.runtime.Context, actor: Actor) -> str:
    """`{{ actor | name_text }}`: the same name as plain text, for a heading or a title."""
    return words.name_in(actor, context["language"])


@jinja2.pass_context
def _role(context: jinja2.runtime.Context, actor: Actor) -> str | None:
    return words.role_in(actor, context["language"])


@jinja2.pass_context
def _other_names(context: jinja2.runtime.Context, actor: Actor) -> tuple[str, ...]:
    return words.other_names(actor, context["language"])


@jinja2.pass_context
def _state_words(context: jinja2.runtime.Context, state: str) -> words.StateWords:
    return words.state_words(VerificationState(state), context["locale"])


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
        partial_date=_in_locale(words.partial_date),
        full_date=_in_locale(words.full_date),
        period=_in_locale(words.period),
        country_name=_in_locale(words.country_name),
        named=_named,
        briefing_title=_briefing_title,
        name_text=_name_text,
        role=_role,
        other_names=_other_names,
        label=_in_locale(words.label),
        meaning=_in_locale(words.meaning),
        credibility=_in_locale(words.credibility),
        state_words=_state_words,
        figure=_in_locale(words.figure),
        number=_in_locale(words.number),
        language_name=_in_locale(words.language_name),
        direction=words.direction,
        autonym=words.autonym,
    )
    env.globals.update(
        pages=PAGES,
        t=_word,
        n=_count,
        capitalized=_capitalized,
        in_language=_in_language,
        name=_name,
    )
    return env


Fragments = dict[tuple[object, ...], Markup]
"""Pieces of HTML made once and placed on many pages, by a key that determines them."""


def _fragment(made: Fragments, language: str, *key: object, caller: Callable[[], Markup]) -> Markup:
    """`{% call fragment(*key) %}…{% endcall %}`: the block's HTML, made on the first call
    with this key in the page's language. The key must name everything else the block depends
    on, its links included."""
    try:
        return made[(language, *key)]
    except KeyError:
        made[(language, *key)] = html = caller()
        return html


_PERMALINK = re.compile(r'(<a class="headerlink" href="[^"]*" title=")[^"]*"')
"""The link Python-Markdown's table of contents puts beside every heading."""


def permalinks_in(html: str, language: str | None, site_language: str) -> str:
    """A page's HTML with the links beside its headings titled in its `language`, when that
    is not the site's. The site's `toc` options title them all alike, in its own language
    ("Permanent link"), and a screen reader would read that out on a Russian page too."""
    if language is None or language == site_language:
        return html
    word = escape(locale_for(language).word("page.permalink"))
    return _PERMALINK.sub(lambda found: f'{found[1]}{word}"', html)


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
    path: str,
    fragments: Fragments,
    index: SiteIndex,
    language: str,
    tree: str = "",
    **context: Any,
) -> str:
    """`template` made as the page at `path`, in `language`, with `context`: the page's
    objects (`generator.pages`), which the template only reads."""
    locale = locale_for(language)
    href: Callable[..., str] = (
        partial(urls.tree_link, path, tree=tree) if tree else partial(urls.link, path)
    )
    fragment = partial(_fragment, fragments, f"{tree}{language}")
    link_to = partial(index.site_link, path, language=language)
    try:
        return (
            environment(template_dir)
            .get_template(template)
            .render(
                path=path,
                href=href,
                fragment=fragment,
                link_to=link_to,
                site=SiteFacts.of(index),
                locale=locale,
                language=language,
                tree=tree,
                **context,
            )
        )
    except jinja2.TemplateError as error:
        where = _where(error, template_dir.resolve())
        raise TemplateProblem(f"{where}: {error.message} (making {path})") from None


def render_briefing(archive: Archive, briefing: Briefing, template_dir: Path) -> str:
    """The Markdown page of one public briefing."""
    index = SiteIndex(archive)
    page = briefing_page(index, index.by_id[briefing.id])
    return _briefing(index, template_dir, {}, DEFAULT, page)


class Renderer:
    """Makes tasks that render pages of one index through the templates. The tasks share one
    store of fragments and need nothing else, so that workers can run them (`parallel`).
    Pages are made in `language`, or in the nearest one that has a catalogue."""

    def __init__(
        self, index: SiteIndex, template_dir: Path, language: str = DEFAULT, tree: str = ""
    ) -> None:
        self.index, self.template_dir, self.language = index, template_dir, language
        self.tree = tree
        """'ru/' for the pages of a language's own tree (`urls.in_tree`), else ''."""
        self._fragments: Fragments = {}

    def _compile(self, template: str) -> None:
        # Once, here, rather than in every worker; a broken template stops the build early.
        _compiled(environment(self.template_dir), template, self.template_dir)

    def page(self, path: str, template: str, **context: Any) -> PageTask:
        """A task that renders `template` as the page at `path` (under the renderer's tree)
        with `context`, the page's objects."""
        self._compile(template)
        return PageTask(self, template, self.tree + path, context)

    def render(self, template: str, path: str, *, language: str, context: dict[str, Any]) -> str:
        return _render(
            self.template_dir, template, path, self._fragments, self.index, language, self.tree,
            **context,
        )  # fmt: skip

    def inputs(
        self, template: str, path: str, *, language: str, context: dict[str, Any]
    ) -> tuple[object, ...]:
        """Everything a page is made from besides the templates and the generator: what
        `_render` gives its template, but the links of its Markdown fields to the site's
        pages, which the index resolves (`SiteIndex.site_link`)."""
        return (template, path, language, self.tree, SiteFacts.of(self.index),
                tuple(sorted(context.items())))  # fmt: skip

    def briefing(self) -> Callable[[BriefingPage], str]:
        """A task that renders a briefing's page (`pages.briefing_page`)."""
        self._compile("briefing.md")
        return partial(_briefing, self.index, self.template_dir, self._fragments, self.language)

    def briefing_inputs(self, page: BriefingPage) -> tuple[object, ...]:
        """What `briefing()` makes `page` from, as `inputs` says."""
        language = page.view.briefing.lang or self.language
        return self.inputs("briefing.md", page.view.page, language=language, context={"page": page})


@dataclass(frozen=True)
class PageTask:
    """A page to make: `template` as the page at `path`, with `context`, the page's objects.
    Calling it renders the page."""

    renderer: Renderer
    template: str
    path: str
    context: dict[str, Any]

    def __call__(self) -> str:
        language, context = self.renderer.language, self.context
        return self.renderer.render(self.template, self.path, language=language, context=context)

    @property
    def inputs(self) -> tuple[object, ...]:
        language, context = self.renderer.language, self.context
        return self.renderer.inputs(self.template, self.path, language=language, context=context)


def _briefing(
    index: SiteIndex, template_dir: Path, fragments: Fragments, language: str, page: BriefingPage
) -> str:
    # A briefing written in another language than the site's is shown in its own.
    return _render(
        template_dir, "briefing.md", page.view.page, fragments, index,
        page.view.briefing.lang or language, page=page,
    )  # fmt: skip
