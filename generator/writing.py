"""Which script a text is written in, and which scripts a language is written in.

A text's script is counted over its letters by their Unicode Script property (fontTools' copy
of the Unicode Character Database); digits, punctuation and marks, shared by every script,
do not count. A language's scripts come from CLDR: the script its tag names, or else its
likely script (langcodes' likely subtags: `ru` is Cyrillic, `fa` Arabic) with every other
script CLDR has a locale for it in (Babel's locale data: Serbian is also written in Latin,
Punjabi also in Arabic).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

import langcodes
from babel.localedata import locale_identifiers
from fontTools import unicodedata as ucd

# ISO 15924 codes that name a writing system of several Unicode scripts: a language's likely
# script may be one of these, a character's never is.
_COMBINED = {
    "Hans": ("Hani",),
    "Hant": ("Hani",),
    "Hanb": ("Hani", "Bopo"),
    "Jpan": ("Hani", "Hira", "Kana"),
    "Kore": ("Hang", "Hani"),
    "Hrkt": ("Hira", "Kana"),
}
_NO_SCRIPT = frozenset({"Zyyy", "Zinh", "Zzzz"})
"""Common (shared by every script), inherited (from the letter before) and unknown."""
_ASCII_LETTERS = re.compile("[A-Za-z]+")
_ASCII = re.compile("[\x00-\x7f]+")


@cache
def _locale_scripts() -> dict[str, frozenset[str]]:
    """The scripts CLDR has a locale in, by language: `sr` -> Cyrl, Latn."""
    found: dict[str, set[str]] = {}
    for identifier in locale_identifiers():
        parts = identifier.split("_")
        if len(parts) >= 2 and len(parts[1]) == 4 and parts[1].istitle():
            found.setdefault(parts[0], set()).add(parts[1])
    return {language: frozenset(scripts) for language, scripts in found.items()}


def _unicode_scripts(scripts: set[str]) -> frozenset[str]:
    return frozenset(unicode for script in scripts for unicode in _COMBINED.get(script, (script,)))


def _script(language: langcodes.Language) -> str | None:
    """The script a language tag names, or else the language's likely script."""
    return language.script or language.maximize().script


@cache
def language_scripts(tag: str) -> frozenset[str]:
    """The Unicode scripts (ISO 15924 codes) the language of `tag` is written in: the script
    the tag names, or else every script CLDR knows it in; empty when CLDR knows none."""
    language = langcodes.Language.get(tag)
    script = _script(language)
    written = {script} if script else set()
    if not language.script:
        written |= _locale_scripts().get(language.language or "", frozenset())
    return _unicode_scripts(written)


@cache
def written_in(tag: str) -> str:
    """The script the language of `tag` is usually written in, as a message names it:
    Latin for English, "Han, Hiragana or Katakana" for Japanese."""
    script = _script(langcodes.Language.get(tag))
    names = sorted(script_name(code) for code in _unicode_scripts({script} if script else set()))
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1] if names else "")))


def script_name(code: str) -> str:
    """The English name of a Unicode script: Latn -> Latin."""
    return str(ucd.script_name(code, default=code)).replace("_", " ")


@cache
def language_name(tag: str) -> str:
    """The English name of the language of `tag`: ru -> Russian."""
    return str(langcodes.Language.get(tag).display_name())


def foreign_script(text: str, scripts: frozenset[str]) -> str | None:
    """The script most letters of `text` are in, when more than half its letters are in
    scripts other than `scripts`; None when the text fits them (a name or a word in another
    script inside it is normal), has no letters, or `scripts` is empty (nothing is known)."""
    if not scripts or (text.isascii() and "Latn" in scripts):
        return None
    # ASCII letters are Latin: counted at once, so that only the rest is looked up one by one.
    counts: Counter[str] = Counter({"Latn": sum(map(len, _ASCII_LETTERS.findall(text)))})
    counts.update(
        str(ucd.script(char))
        for char in _ASCII.sub("", text)
        if unicodedata.category(char).startswith("L")
    )
    letters = sum(count for script, count in counts.items() if script not in _NO_SCRIPT)
    foreign = {
        script: count
        for script, count in sorted(counts.items())
        if script not in scripts and script not in _NO_SCRIPT
    }
    if sum(foreign.values()) * 2 <= letters:
        return None
    return max(foreign, key=lambda script: foreign[script])
