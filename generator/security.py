"""The Content-Security-Policy of a finished page, computed from the page itself.

The theme (Material) puts a few scripts inline in every page, and one of them holds the page's
depth, so the scripts differ from page to page. Instead of allowing every inline script
(`'unsafe-inline'`), each page allows exactly its own, by their SHA-256 hashes; everything else
must come from the site itself. JSON-LD and the theme's JSON configuration are data, not
scripts, and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

import lxml.html

REFERRER = "no-referrer"
"""Readers follow links to the sources; the sources need not learn which briefing sent them."""

_DATA_TYPES = frozenset({"application/ld+json", "application/json"})
_CHARSET = '<meta charset="utf-8">'
POLICY_META = '<meta http-equiv="Content-Security-Policy"'


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run, exactly as written. libxml2's
    parser (lxml) reads a script's text raw, as a browser does, and reads a page ten times
    faster than the standard library's, which mattered on every page of the site."""
    root = lxml.html.document_fromstring(html)
    return [
        script.text or ""
        for script in root.iter("script")
        if script.get("src") is None and script.get("type") not in _DATA_TYPES
    ]


def content_security_policy(html: str) -> str:
    """The policy of a page: its own inline scripts by hash, everything else from the site."""
    return policy_allowing(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in inline_scripts(html)
    )


def policy_allowing(hashes: Iterable[str] = ()) -> str:
    """The policy of a page whose inline scripts have these hashes (none: a page with no
    script of its own, such as the feed as a browser shows it)."""
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *sorted(set(hashes))]),
            "style-src 'self'",
            "img-src 'self' data:",  # the theme's icons are SVG data in its stylesheet
            "connect-src 'self'",
            "worker-src 'self' blob:",  # Pagefind searches in a worker
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(html: str, policy: str | None = None) -> str:
    """The page with its Content-Security-Policy (`policy`, else the page's own) and referrer
    policy, right after its charset, before any script; a page without a charset declaration
    is returned unchanged."""
    if _CHARSET not in html:
        return html
    policy = policy or content_security_policy(html)
    tags = f'{POLICY_META} content="{policy}"><meta name="referrer" content="{REFERRER}">'
    return html.replace(_CHARSET, _CHARSET + tags, 1)
