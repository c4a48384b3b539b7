"""The briefing format (SPEC §2-3) as pydantic models.

Each model checks the shape of one object: field names, types, closed vocabularies and the
constraints of a single value. Rules that relate several fields or files (references, date
order, publication) live in `validate.py`, where each problem can point at its own line.

No I/O here: the models validate plain data, whatever it was read from.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

import langcodes
import pycountry
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    PlainSerializer,
    Tag,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
)

FORMAT_VERSION = 2
"""The version of the briefing format that `schema:` names (SPEC §2a)."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(-(?P<month>\d{2})(-(?P<day>\d{2}))?)?$")


# --- Closed vocabularies -------------------------------------------------------------------


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Tlp(StrEnum):
    """Traffic Light Protocol 2.0 labels: only CLEAR reaches the public site; GREEN, AMBER and
    AMBER+STRICT reach the desk's internal site when published; RED never reaches any."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    STATE = "state"
    MEDIA = "media"
    GROUP = "group"


class SourceKind(StrEnum):
    NEWS_REPORT = "news-report"
    OFFICIAL_STATEMENT = "official-statement"
    PRESS_BRIEFING = "press-briefing"
    DOCUMENT = "document"
    SOCIAL_MEDIA = "social-media"
    DATASET = "dataset"
    OTHER = "other"


class Reliability(StrEnum):
    """Admiralty scale, source reliability."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class VerificationState(StrEnum):
    UNVERIFIED = "unverified"
    PARTIALLY_VERIFIED = "partially-verified"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    MISLEADING = "misleading"
    UNFOUNDED = "unfounded"
    FALSE = "false"
    RETRACTED = "retracted"


VERDICTS = frozenset(
    {
        VerificationState.VERIFIED,
        VerificationState.PARTIALLY_VERIFIED,
        VerificationState.MISLEADING,
        VerificationState.UNFOUNDED,
        VerificationState.FALSE,
    }
)
"""The states that are a verdict on the claim (each gets a ClaimReview). Unverified and
disputed claims have none yet, and a retracted claim was withdrawn by whoever made it, which
says nothing of its truth."""


class Confidence(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class StatementKind(StrEnum):
    WARNING = "warning"
    CLAIM = "claim"
    DENIAL = "denial"
    CONFIRMATION = "confirmation"
    REPORT = "report"
    CALL = "call"
    QUESTION = "question"
    ANNOUNCEMENT = "announcement"
    ADMISSION = "admission"
    RETRACTION = "retraction"
    ASSESSMENT = "assessment"


class Stance(StrEnum):
    """What a statement says about one claim. One statement may support one claim and
    contradict another, so the stance is given per claim, never derived from the kind."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    QUESTIONS = "questions"
    MENTIONS = "mentions"


STANCE_TO_CHOOSE = "<stance>"
"""What `briefings upgrade` writes where format 1 did not say a statement's stance."""


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    SATELLITE_IMAGE = "satellite-image"
    DATASET = "dataset"
    OTHER = "other"


class Assessment(StrEnum):
    """What the desk found a piece of evidence to be: schema.org MediaReview's categories."""

    AUTHENTIC = "authentic"
    MISCAPTIONED = "miscaptioned"
    EDITED = "edited"
    STAGED = "staged"
    FABRICATED = "fabricated"
    UNASSESSED = "unassessed"


class StatementMode(StrEnum):
    QUOTE = "quote"
    PARAPHRASE = "paraphrase"


class UpdateKind(StrEnum):
    UPDATE = "update"
    CORRECTION = "correction"


def _one_of(vocabulary: type[StrEnum]) -> str:
    """A vocabulary's values as a description lists them: 'supports, contradicts, questions or
    mentions', so that the schema's descriptions never miss a value."""
    *others, last = (value.value for value in vocabulary)
    return f"{', '.join(others)} or {last}"


# --- Value types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, kept at the precision it was written."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not (match := _PARTIAL_DATE.match(value)):
            raise ValueError("write a date as YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        # The calendar check is the standard library's: it knows month lengths and leap years.
        date(year, month or 1, day or 1)
        return cls(year, month, day)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order; a less precise date sorts before the more precise ones in it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def earliest(self) -> date:
        """The first day the date can mean, for sorting and comparing."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day the date can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def undated_last(when: PartialDate | None) -> tuple[int, tuple[int, int, int]]:
    """A sort key: in date order, with what has no date after everything that has one."""
    return (0, when.sort_key) if when else (1, (0, 0, 0))


def _partial_date(value: object) -> PartialDate:
    return PartialDate.parse(value)


def _iso_date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("write a date as YYYY-MM-DD")
    return date.fromisoformat(value)


class InvalidValue(ValueError):
    """A value refused, with what to do about it (`hint`) and, when the problem is one
    character of it, that character's 0-based index (`at`), so that a check can point at it."""

    def __init__(self, message: str, *, hint: str | None = None, at: int | None = None) -> None:
        super().__init__(f"{message}; {hint}" if hint else message)
        self.message = message
        self.hint = hint
        self.at = at


def _meant_language(value: str) -> str | None:
    """What an invalid language tag was probably meant to be: the language of a country
    whose code was written instead (`ua` for Ukrainian, whose tag is `uk`), or the language
    a name names (`english`, `Persian`, `русский`)."""
    first, _, rest = value.replace("_", "-").partition("-")
    country = first.upper()
    if len(first) == 2 and first.isalpha() and pycountry.countries.get(alpha_2=country):
        likely = langcodes.Language.get(f"und-{country}").maximize()
        tag = "-".join(part for part in (likely.language, rest) if part)
        if likely.language and langcodes.tag_is_valid(tag):
            tag = langcodes.standardize_tag(tag)
            return (
                f"did you mean {tag!r} ({langcodes.Language.get(tag).language_name()})? "
                f"{first!r} is the country code of {likely.territory_name()}"
            )
    # Short tags are too often some rare language's name too ('ua' is one of Ua's).
    if len(value) > 3:
        try:
            found = langcodes.find(value)
        except LookupError:
            return None
        return f"did you mean {found.to_tag()!r} ({found.language_name()})?"
    return None


def _aware_datetime_text(value: object) -> object:
    # Numbers would otherwise be read as Unix timestamps; the format wants ISO 8601 text.
    if isinstance(value, int | float):
        raise ValueError(
            "write a date and time as ISO 8601 with a timezone, e.g. 2024-09-10T14:00:00Z"
        )
    return value


def _country_code(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None or value != value.upper():
        suggestion = value.upper()
        if pycountry.countries.get(alpha_2=suggestion) is not None:
            raise ValueError(f"country codes are written in capitals: {suggestion}")
        raise ValueError("expected an ISO 3166-1 alpha-2 country code such as US, IR or UA")
    return value


def _language_tag(value: str) -> str:
    if hidden := hidden_character(value, ids=True):
        raise hidden
    if not langcodes.tag_is_valid(value):
        raise InvalidValue(
            "expected a BCP 47 language tag such as en, pt-BR, fa or zh-Hant",
            hint=_meant_language(value),
        )
    written = langcodes.standardize_tag(value)
    if written != value:
        raise ValueError(f"write the language tag as {written}")
    return value


_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")


def _number(value: object) -> int | float:
    """A number as YAML text gives it: the loader keeps only whole numbers as numbers, so a
    decimal arrives as text and is read here, strictly."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _NUMBER.match(value):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9][0-9,. ]*", value):
        raise ValueError("write the number without separators, with a dot for decimals: 1200.5")
    raise ValueError("expected a number, e.g. 471 or 2.5")


def _state_word(value: object) -> object:
    # YAML reads an unquoted `false` as a boolean; as a state it can only mean the state false.
    return "false" if value is False else value


_HTTP_URL = TypeAdapter(HttpUrl)


def _http_url(value: str) -> str:
    """An absolute http(s) URL, kept exactly as written, refusing what browsers would read
    differently from a reviewer: parsers drop tabs and newlines, trim spaces, turn `\\` into
    `/`, and hide a real host behind `user@`."""
    for position, char in enumerate(value, 1):
        if char.isspace() or not char.isprintable():
            raise ValueError(
                f"a URL cannot contain spaces or invisible characters (U+{ord(char):04X} at "
                f"character {position}); remove it, or percent-encode it (a space is %20)"
            )
    if not value.startswith(("http://", "https://")):
        if value.lower().startswith(("http://", "https://")):
            raise ValueError("write the scheme in lowercase: http:// or https://")
        raise ValueError("expected an http:// or https:// URL")
    if "\\" in value:
        raise ValueError("a URL cannot contain a backslash; use /")
    authority = re.split(r"[/?#]", value.split("://", 1)[1], maxsplit=1)[0]
    if "@" in authority:
        raise ValueError("a URL cannot contain a user name or password; remove the part before @")
    # pydantic's parser checks the rest (host, port, percent-encoding).
    try:
        _HTTP_URL.validate_python(value)
    except ValidationError:
        raise ValueError("expected an http:// or https:// URL") from None
    return value


# Characters no reader can see, that no XML document (the feed) may contain, or that Markdown
# uses internally (U+0002, U+0003): control characters other than tab and line ends,
# surrogates, and the non-characters U+FFFE and U+FFFF.
_UNSHOWABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Embeddings, overrides and isolates: each changes the order in which the text after it is
shown, so that a title can read otherwise than it is stored. Pages set each text's direction
from its language themselves. The marks (U+200E, U+200F, U+061C) are allowed: they place
punctuation and digits beside right-to-left words, as Persian, Arabic and Hebrew text needs,
and cannot change the order of letters."""
ZERO_WIDTH = "\u200b\u2060\ufeff"
"""Zero-width space, word joiner and byte order mark: invisible, they split or hide what
a reader or a search would take for one word. The zero-width non-joiner and joiner
(U+200C, U+200D) are allowed in text: Persian spells many words with the one, emoji
sequences join with the other."""
REFUSED_IN_TEXT = re.compile(f"[{_UNSHOWABLE}{BIDI_CONTROLS}{ZERO_WIDTH}]")


def _character(char: str) -> str:
    """A character as a message names it: U+200B (ZERO WIDTH SPACE)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def hidden_character(value: str, *, ids: bool = False) -> InvalidValue | None:
    """Why `value` cannot be published as text, when a character of it is invisible or
    changes the order of what follows it; with `ids`, any invisible character counts (an
    id, a tag or a code is never more than letters, digits and hyphens)."""
    if ids:
        found = next(
            (i for i, char in enumerate(value) if unicodedata.category(char) in ("Cc", "Cf")),
            None,
        )
    else:
        match = REFUSED_IN_TEXT.search(value)
        found = match.start() if match else None
    if found is None:
        return None
    char = value[found]
    if ids:
        return InvalidValue(
            f"contains {_character(char)}, an invisible character, at character {found + 1}",
            hint="delete it",
            at=found,
        )
    if re.match(f"[{BIDI_CONTROLS}]", char):
        return InvalidValue(
            f"contains {_character(char)}, a control that changes the order in which text "
            f"is shown, at character {found + 1}",
            hint="delete it; the site sets the direction of each text itself, from its language",
            at=found,
        )
    return InvalidValue(
        f"contains {_character(char)}, an invisible character that cannot be published, "
        f"at character {found + 1}",
        hint="delete it",
        at=found,
    )


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if hidden := hidden_character(value):
        raise hidden
    return value


_COUNTRY_CODES = sorted(country.alpha_2 for country in pycountry.countries)

Text = Annotated[
    str,
    AfterValidator(_not_blank),
    Field(description="Plain text, shown exactly as written (never as Markdown or HTML)."),
]
MarkdownText = Annotated[
    str,
    AfterValidator(_not_blank),
    Field(description="Markdown; raw HTML and non-http(s) links are not rendered."),
]
CONCLUSION_LENGTH = 300
"""The most a conclusion may say: two sentences fit on a phone's first screen beside the
verdict."""

Conclusion = Annotated[
    str,
    AfterValidator(_not_blank),
    Field(
        max_length=CONCLUSION_LENGTH,
        description="Plain text, shown exactly as written; one or two sentences.",
    ),
]
Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN, description="Lowercase letters and digits joined by single hyphens."
    ),
]
ClaimRef = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN.removesuffix("$") + "/" + SLUG_PATTERN.removeprefix("^"),
        description="<briefing id>/<claim id>: a claim of another briefing.",
    ),
]
STATEMENT_REF_PATTERN = SLUG_PATTERN.removesuffix("$") + "(/" + SLUG_PATTERN[1:-1] + ")?$"
"""A statement of this briefing by its id, or of an earlier briefing of the story as
<briefing id>/<statement id>."""
StatementRef = Annotated[
    str,
    Field(
        pattern=STATEMENT_REF_PATTERN,
        description="<statement id> of this briefing, or <briefing id>/<statement id> of a "
        "briefing this one follows.",
    ),
]
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
PDate = Annotated[
    PartialDate,
    BeforeValidator(_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            # A year alone is read from YAML as a number.
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date that may be partial: YYYY, YYYY-MM or YYYY-MM-DD.",
        }
    ),
]
CountryCode = Annotated[
    str,
    AfterValidator(_country_code),
    WithJsonSchema({"type": "string", "enum": _COUNTRY_CODES}),
]
Url = Annotated[
    str,
    AfterValidator(_http_url),
    WithJsonSchema(
        {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/?#@\\]+([/?#][^\s\\]*)?$"}
    ),
]
LanguageTag = Annotated[
    str,
    AfterValidator(_language_tag),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
            "description": "A BCP 47 language tag, e.g. en, pt-BR, fa.",
        }
    ),
]
Number = Annotated[
    int | float,
    BeforeValidator(_number),
    WithJsonSchema({"type": "number"}),
]
Timestamp = Annotated[AwareDatetime, BeforeValidator(_aware_datetime_text)]
Credibility = Annotated[int, Field(ge=1, le=6, strict=True)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- The format ----------------------------------------------------------------------------


class Actor(Model):
    """A person, organization, government, state, outlet or group that speaks or acts."""

    id: Slug
    name: Text
    kind: ActorKind = Field(description="person, organization, government, state, media or group.")
    role: Text | None = Field(None, description='e.g. "Deputy spokesperson".')
    affiliation: Slug | None = Field(None, description="Id of the actor this one speaks for.")
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. RU.")
    aliases: tuple[Text, ...] = Field((), description="Other spellings and scripts of the name.")
    names: dict[LanguageTag, Text] = Field(
        default_factory=dict,
        description=(
            "The name in other languages, by BCP 47 tag ({ru: Дмитрий Песков}): a page names "
            "the actor in its own language where a name is given, else by `name`."
        ),
    )
    roles: dict[LanguageTag, Text] = Field(
        default_factory=dict,
        description="The role in other languages, by BCP 47 tag, as `names` gives the name.",
    )
    wikidata: Annotated[str, Field(pattern=WIKIDATA_PATTERN)] | None = Field(
        None, description="Wikidata item, e.g. Q42."
    )


class Source(Model):
    id: Slug
    title: Text | None = Field(None, description="Headline or title of the document, if any.")
    outlet: Text = Field(description="e.g. Bloomberg, U.S. Department of State.")
    kind: SourceKind = Field(description="What the source is, e.g. news-report.")
    url: Url | None = Field(None, description="http(s) address of the source, as published.")
    archived_url: Url | None = Field(
        None, description="A copy in a web archive, e.g. https://web.archive.org/..."
    )
    date: PDate | None = Field(
        None, description="When it was published: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    reliability: Reliability | None = Field(
        None, description="Admiralty scale: A reliable ... E unreliable, F cannot be judged."
    )
    derived_from: Slug | None = Field(
        None, description="Id of the source this one relays; relays do not count as independent."
    )
    lang: LanguageTag | None = Field(
        None, description="Language of the source (BCP 47), when not the briefing's."
    )


class Evidence(Model):
    """Material the desk examined: what a verification looks at, not what an actor said."""

    id: Slug
    kind: EvidenceKind = Field(
        description="photo, video, audio, document, satellite-image, dataset or other."
    )
    description: Text = Field(description="What it shows, as examined.")
    url: Url | None = Field(None, description="http(s) address where it was found.")
    archived_url: Url | None = Field(None, description="A copy in a web archive.")
    first_seen: PDate | None = Field(
        None,
        description="Earliest known appearance, YYYY, YYYY-MM or YYYY-MM-DD: a recycled video "
        "is caught by this.",
    )
    source: Slug | None = Field(None, description="Id of the source it was obtained from.")
    assessment: Assessment | None = Field(
        None,
        description=f"{_one_of(Assessment)} (schema.org MediaReview's categories).",
    )


def _or_false(schema: dict[str, Any]) -> None:
    """A state's JSON Schema, also accepting the boolean YAML reads `state: false` as."""
    schema["anyOf"] = [{"$ref": schema.pop("$ref")}, {"const": False}]


StateValue = Annotated[VerificationState, BeforeValidator(_state_word)]


class HistoryEntry(Model):
    date: IsoDate = Field(description="When this earlier assessment was made.")
    state: StateValue = Field(
        description="The state the claim was in then.", json_schema_extra=_or_false
    )
    note: MarkdownText | None = Field(None, description="Why, in Markdown.")


class Verification(Model):
    state: StateValue = Field(
        description="How well the claim is verified now.", json_schema_extra=_or_false
    )
    as_of: IsoDate = Field(description="When this assessment was made.")
    confidence: Confidence | None = Field(None, description="Confidence in this assessment.")
    credibility: Credibility | None = Field(
        None, description="Admiralty information credibility, 1 confirmed ... 6 cannot be judged."
    )
    conclusion: Conclusion | None = Field(
        None,
        description=(
            "What the desk found, in one or two sentences: shown beside the verdict at the top of "
            "the page, where a reader looks first. The note says why at length."
        ),
    )
    note: MarkdownText | None = Field(None, description="Why this state.")
    history: tuple[HistoryEntry, ...] = Field((), description="Earlier assessments, oldest first.")
    review_by: IsoDate | None = Field(
        None,
        description="When the desk means to assess the claim again; past it, the page says so.",
    )


class Appeared(Model):
    """Where a claim itself was made public: the post, the broadcast, the page; not a report
    or a fact-check about it."""

    url: Url = Field(description="http(s) address where the claim was made public.")
    date: PDate | None = Field(
        None, description="When it appeared there: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    archived_url: Url | None = Field(None, description="A copy in a web archive.")
    by: Slug | None = Field(
        None, description="Id of the actor who made it public there, listed under actors."
    )


class Claim(Model):
    id: Slug
    text: Text = Field(description="The claim, stated neutrally.")
    verification: Verification = Field(description="Its verification state and history.")
    sources: tuple[Slug, ...] = Field(
        min_length=1, description="Ids of the sources that make or test the claim."
    )
    evidence: tuple[Slug, ...] = Field((), description="Ids of the evidence examined for it.")
    continues: ClaimRef | None = Field(
        None,
        description="The same claim in an earlier briefing of the thread, as <briefing>/<claim>: "
        "the earlier page then says how it stands since.",
    )
    appeared: tuple[Appeared, ...] = Field(
        (),
        description="Where the claim itself was made public (the post, the broadcast), as "
        "opposed to the reports and fact-checks about it: the page says where it was first "
        "seen, and its ClaimReview names these as the claim's appearances.",
    )


class Figure(Model):
    """A number a statement gives: one value, or a range (min, max, or both)."""

    quantity: Text = Field(
        description='What is counted, e.g. "killed"; figures of one quantity are shown together.'
    )
    value: Number | None = Field(None, description="The figure, when one number is given.")
    min: Number | None = Field(None, description="The low end, when a range is given.")
    max: Number | None = Field(None, description="The high end, when a range is given.")
    unit: Text | None = Field(None, description='e.g. "people", "km", "USD".')
    claim: Slug | None = Field(
        None,
        description="Id of the claim of this briefing the figure is about, when it is not "
        "every claim the statement supports, contradicts or questions: the figure is shown "
        "under that claim alone. Without it, it is shown under each claim the statement "
        "supports, contradicts or questions, and under none it only mentions.",
    )


def _figures(value: object) -> object:
    # One figure may be written without the list around it.
    return [value] if isinstance(value, dict) else value


def _one_or_list(schema: dict[str, Any]) -> None:
    """The JSON Schema of a list that may be written as its one item, for editors."""
    items = schema.pop("items")
    del schema["type"]
    schema["anyOf"] = [items, {"type": "array", "items": items}]


class Statement(Model):
    id: Slug
    actor: Slug = Field(description="Id of the actor who said it, listed under actors.")
    date: PDate | None = Field(None, description="When it was said: YYYY, YYYY-MM or YYYY-MM-DD.")
    kind: StatementKind = Field(description="What kind of statement, e.g. denial.")
    mode: StatementMode = Field(description="A quote is shown as a quotation, a paraphrase never.")
    text: Text = Field(
        description="A quote: the words as said, in their own language; a paraphrase: the "
        "desk's words."
    )
    lang: LanguageTag | None = Field(
        None, description="Language of the text (BCP 47), when not the briefing's."
    )
    translation: Text | None = Field(
        None,
        description="The desk's translation of the text into the briefing's language; shown "
        "as a translation, never as the speaker's words.",
    )
    translated_by: Slug | None = Field(
        None,
        description="For a quote known only through a published translation: id of the "
        "source whose translation the text is.",
    )
    about: dict[Slug, Stance] = Field(
        {},
        description="What this statement says about each claim it concerns: claim id -> "
        f"{_one_of(Stance)}. The side-by-side view under each claim comes from this, never "
        "from the kind.",
    )
    in_reply_to: StatementRef | None = Field(
        None,
        description="The statement this one answers: its id, in this briefing; or "
        "<briefing id>/<statement id>, in a briefing this one follows (directly or further "
        "back in its story).",
    )
    figure: Annotated[tuple[Figure, ...], BeforeValidator(_figures)] = Field(
        (),
        description="Numbers the statement gives: one figure, or a list of them.",
        json_schema_extra=_one_or_list,
    )
    evidence: tuple[Slug, ...] = Field(
        (), description="Ids of the evidence the statement rests on or is about."
    )
    sources: tuple[Slug, ...] = Field(
        min_length=1, description="Ids of the sources that report the statement."
    )


class Event(Model):
    title: Text = Field(description="The event in a few words.")
    date: PDate | None = Field(None, description="When it began: YYYY, YYYY-MM or YYYY-MM-DD.")
    end: PDate | None = Field(None, description="When it ended, if it lasted.")
    location: Text | None = Field(None, description="Where it happened.")
    countries: tuple[CountryCode, ...] = Field(
        (), description="ISO 3166-1 alpha-2 codes of the countries involved."
    )


class OpenQuestion(Model):
    text: Text
    would_change: tuple[Slug, ...] = Field(
        (), description="Ids of the claims an answer would move."
    )
    review_by: IsoDate | None = Field(None, description="When to look at the question again.")


class Update(Model):
    date: IsoDate = Field(description="When the briefing was changed.")
    kind: UpdateKind = Field(description="A correction fixes an error; an update adds news.")
    note: MarkdownText = Field(description="What changed, in Markdown.")


def _actor_entry_tag(value: Any) -> str:
    return "id" if isinstance(value, str) else "actor"


ActorEntry = Annotated[
    Annotated[Slug, Tag("id")] | Annotated[Actor, Tag("actor")],
    Discriminator(_actor_entry_tag),
]


class Briefing(Model):
    """One news event: who said what, the claims at stake and how well they are verified."""

    model_config = ConfigDict(title="Briefing")

    schema_version: Literal[2] = Field(alias="schema", description="Format version: 2.")
    id: Slug = Field(description="Equals the file name without .yaml.")
    title: Text = Field(description="Plain-text headline.")
    status: Status = Field(description="draft or published; a draft is never public.")
    tlp: Tlp = Field(description="Traffic Light Protocol 2.0; only CLEAR is ever public.")
    published: IsoDate | None = Field(None, description="Required when status is published.")
    updated: IsoDate | None = Field(None, description="Date of the last change.")
    embargo_until: Timestamp | None = Field(
        None, description="ISO 8601 with timezone; not public before this instant."
    )
    lang: LanguageTag | None = Field(
        None, description="Language of the briefing's text (BCP 47); default: the site's."
    )
    translation_of: Slug | None = Field(
        None,
        description="Id of the briefing this one translates: the same event, in another "
        "language. Name the original, not another translation.",
    )
    summary: MarkdownText = Field(description="One to three paragraphs of Markdown.")
    event: Event = Field(description="The news event the briefing is about.")
    tags: tuple[Slug, ...] = Field((), description="Topics, e.g. sanctions.")
    follows: Slug | None = Field(
        None, description="Id of the earlier briefing this one continues: the story's thread."
    )
    actors: tuple[ActorEntry, ...] = Field(
        min_length=1, description="Ids from actors.yaml, or actors written out in full."
    )
    sources: tuple[Source, ...] = Field(
        min_length=1, description="Everything the statements and claims rest on."
    )
    evidence: tuple[Evidence, ...] = Field(
        (), description="Material examined: photos, videos, documents, satellite images..."
    )
    claims: tuple[Claim, ...] = Field(min_length=1, description="The first is the key claim.")
    statements: tuple[Statement, ...] = Field((), description="What each actor said.")
    attribution: Text = Field(description="One line on whose reporting this rests.")
    methodology: MarkdownText | None = Field(None, description="How it was verified.")
    open_questions: tuple[OpenQuestion, ...] = Field(
        (), description="What is not known yet, and which claims an answer would move."
    )
    updates: tuple[Update, ...] = Field(
        (), description="Changes after publication, corrections included."
    )

    @property
    def key_claim(self) -> Claim:
        return self.claims[0]


class ActorRegistry(Model):
    """`actors.yaml`: actors shared by many briefings."""

    model_config = ConfigDict(title="ActorRegistry")

    schema_version: Literal[1, 2] = Field(
        alias="schema", description="Format version: 2 (actors did not change since 1)."
    )
    actors: tuple[Actor, ...] = Field((), description="Actors that briefings list by id.")


def markdown_fields(briefing: Briefing) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every Markdown field of a briefing, with its path. A briefing salvaged from an invalid
    file (`validate.salvage`) may lack its summary: that is skipped."""
    if briefing.summary is not None:
        yield ("summary",), briefing.summary
    if briefing.methodology is not None:
        yield ("methodology",), briefing.methodology
    for i, claim in enumerate(briefing.claims):
        verification = claim.verification
        if verification.note is not None:
            yield ("claims", i, "verification", "note"), verification.note
        for k, entry in enumerate(verification.history):
            if entry.note is not None:
                yield ("claims", i, "verification", "history", k, "note"), entry.note
    for i, update in enumerate(briefing.updates):
        yield ("updates", i, "note"), update.note


def briefing_json_schema() -> dict[str, Any]:
    """The JSON Schema of a briefing file, for editors and for `briefing.schema.json`."""
    schema = Briefing.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def registry_json_schema() -> dict[str, Any]:
    schema = ActorRegistry.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
