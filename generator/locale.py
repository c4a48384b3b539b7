"""The words, numbers and dates readers see, in each language the site speaks.

One catalogue per language, `locales/<language>.yaml`, holds every reader-facing word by key,
the CLDR plural forms of each count, the Babel (CLDR) date patterns, the direction of the
script and its digits. English is complete by definition; every other catalogue must give the
same keys (tests/test_locale.py), so a page in Russian or Persian never falls back to English
words unnoticed. Babel supplies what a catalogue should not repeat: month names with their
grammatical case (Russian "10 сентября" but "сентябрь 2024"), plural rules, number symbols.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import babel
from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from . import yamlio
from .model import PartialDate

LOCALES = Path(__file__).with_name("locales")
DEFAULT = "en"

Text = Annotated[str, StringConstraints(min_length=1)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatePatterns(Frozen):
    day: Text = Field(description="A full date, e.g. 'd MMMM y'.")
    month: Text = Field(description="A month of a year, the month standing alone: 'LLLL y'.")
    year: Text = Field(description="A year: 'y'.")


class PluralForms(Frozen):
    """A count in each CLDR plural category the language uses; {n} is the number."""

    zero: Text | None = None
    one: Text | None = None
    two: Text | None = None
    few: Text | None = None
    many: Text | None = None
    other: Text

    def form(self, category: str) -> str:
        return getattr(self, category) or self.other


class Catalogue(Frozen):
    """One language's file in `locales/`."""

    language: Text
    direction: Literal["ltr", "rtl"]
    digits: Annotated[str, StringConstraints(min_length=10, max_length=10)] = Field(
        description="The ten digits, 0 to 9, as the language writes them."
    )
    dates: DatePatterns
    words: dict[str, Any] = Field(description="Words by key; groups of keys nest.")
    counts: dict[str, PluralForms]


def _flat(words: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in words.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flat(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


class Locale:
    """A language's words, counts, numbers and dates."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.language = catalogue.language
        self.direction = catalogue.direction
        self.words = _flat(catalogue.words)
        self._babel = babel.Locale.parse(catalogue.language)

    def word(self, key: str, **values: Any) -> str:
        """The word or sentence of `key`, with its {placeholders} filled."""
        text = self.words[key]
        return text.format(**values) if values else text

    def count(self, key: str, n: int, **values: Any) -> str:
        """'1 source', '3 источника', '5 источников': the plural form the number takes,
        with {n} and any other {placeholders} filled."""
        return self.count_form(key, n).format(n=self.number(n), **values)

    def count_form(self, key: str, n: int) -> str:
        """The text of `key` in the plural form `n` takes, its placeholders unfilled."""
        return self.catalogue.counts[key].form(_category(n, self._babel))

    def number(self, value: float | int) -> str:
        """A number in the language's digits and separators: 1,200 in English, 1 200 in
        Russian, Persian digits with Persian separators in Persian."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return _number(value, self._babel, self.catalogue.digits)

    def search_words(self) -> dict[str, Any]:
        """What the search box says (theme/assets/javascripts/search.js), for the browser to
        fill in: it picks a count's form with Intl.PluralRules, the same CLDR rules as here."""
        counts = self.catalogue.counts
        return {
            "digits": self.catalogue.digits,
            "none": self.word("search.none"),
            "results": counts["search-results"].model_dump(exclude_none=True),
            "more": counts["search-more"].model_dump(exclude_none=True),
        }

    def territory(self, code: str) -> str | None:
        """A country's name by its ISO 3166-1 code, as CLDR writes it in the language."""
        name = self._babel.territories.get(code)
        return str(name) if name else None

    def full_date(self, value: date) -> str:
        """A full date: 10 September 2024, 10 сентября 2024."""
        return self._date(value, self.catalogue.dates.day)

    def partial_date(self, value: PartialDate) -> str:
        """A date at its own precision: 2024, September 2024, 10 September 2024."""
        if value.month is None:
            return self._date(date(value.year, 1, 1), self.catalogue.dates.year)
        if value.day is None:
            return self._date(date(value.year, value.month, 1), self.catalogue.dates.month)
        return self.full_date(date(value.year, value.month, value.day))

    def month(self, value: date) -> str:
        """The month of a date, with its year: September 2024, сентябрь 2024."""
        return self._date(value.replace(day=1), self.catalogue.dates.month)

    def short_period(self, value: date, by_year: bool) -> str:
        """A column's name in a chart over time: the month abbreviated as it stands alone
        (Sep, сент., سپتامبر), or the year."""
        return self._date(value, "y" if by_year else "LLL")

    def _date(self, value: date, pattern: str) -> str:
        return _formatted(value, pattern, self._babel, self.catalogue.digits)


# Pages repeat a few hundred numbers, counts and dates many times over: Babel works each out
# once.
@lru_cache(maxsize=8192)
def _category(n: int, where: babel.Locale) -> str:
    return str(where.plural_form(n))


@lru_cache(maxsize=8192)
def _number(value: float | int, where: babel.Locale, digits: str) -> str:
    formatted = format_decimal(value, locale=where, numbering_system=where.default_numbering_system)
    return formatted.translate(str.maketrans("0123456789", digits))


@lru_cache(maxsize=8192)
def _formatted(value: date, pattern: str, where: babel.Locale, digits: str) -> str:
    return format_date(value, pattern, locale=where).translate(str.maketrans("0123456789", digits))


def catalogue_file(language: str) -> Path:
    return LOCALES / f"{language}.yaml"


class CatalogueError(ValueError):
    """A catalogue of the package that cannot be read: a bug of the package, not of the input."""


def read_catalogue(path: Path) -> Catalogue:
    """A catalogue file, validated, read as strictly as a briefing (a key set twice is an
    error, not the second value silently winning)."""
    document, errors = yamlio.load(path)
    if errors or document is None:
        raise CatalogueError("; ".join(str(error) for error in errors))
    return Catalogue.model_validate(document.data)


def languages() -> list[str]:
    """The languages that have a catalogue."""
    return sorted(path.stem for path in LOCALES.glob("*.yaml"))


@cache
def locale_for(tag: str = DEFAULT) -> Locale:
    """The locale of a BCP 47 tag: its own catalogue, else its language's (pt-BR: pt), else
    English's."""
    for name in (tag, tag.split("-")[0], DEFAULT):
        path = catalogue_file(name)
        if path.is_file():
            return Locale(read_catalogue(path))
    raise FileNotFoundError(catalogue_file(DEFAULT))
