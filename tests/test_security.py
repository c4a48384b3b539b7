"""The Content-Security-Policy of a page allows its own inline scripts, by hash, and nothing
else inline; data in <script> elements (JSON-LD, the theme's configuration) needs no hash."""

from __future__ import annotations

import base64
import hashlib

from generator.security import content_security_policy, with_policy

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8">'
    "<script>var a = 1;</script>"
    '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="bundle.js"></script>'
    "</head><body><script>document.body.dataset.x = '<b>'</script></body></html>"
)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_the_policy_allows_the_pages_own_inline_scripts_by_hash_and_no_other() -> None:
    policy = content_security_policy(PAGE)

    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert script_src.split() == [
        "script-src",
        "'self'",
        *sorted([_hash("var a = 1;"), _hash("document.body.dataset.x = '<b>'")]),
    ]
    assert "unsafe-inline" not in policy
    assert "default-src 'self'" in policy


def test_the_policy_is_placed_right_after_the_charset_before_any_script() -> None:
    placed = with_policy(PAGE)

    head = placed.split("<script")[0]
    assert '<meta http-equiv="Content-Security-Policy" content="default-src' in head
    assert '<meta name="referrer" content="no-referrer">' in head
    assert head.startswith('<!doctype html><html><head><meta charset="utf-8">')
