"""What a publisher relies on, checked on real builds: nothing private leaks into any file of
the site, the machine-readable files are there and readable, builds are reproducible, and a
failed build leaves the previous site in place."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import extruct
import feedparser
import pytest
import yaml

from generator.yamlio import load

from .building import build, built_site, copy_project, page_of, site_digests
from .conftest import FIXTURES, ROOT
from .positions import location

pytestmark = pytest.mark.slow

SAMPLE = FIXTURES / "valid" / "sample-briefing.yaml"
SITE_URL = "https://briefings.example.org/"

# --- Planting a marker in every field ------------------------------------------------------------

TEXT = {"title", "summary", "location", "name", "role", "outlet", "text", "note",
        "attribution", "methodology", "description", "translation", "quantity", "unit"}  # fmt: skip
SLUGS = {"id", "actor", "affiliation", "derived_from", "in_reply_to", "translated_by", "source",
         "claim"}  # fmt: skip
SLUG_LISTS = {"sources", "would_change", "tags", "evidence"}


def _marked(value: Any, marker: str, key: str = "") -> Any:
    """A copy of briefing data with `marker` in every text, URL, alias, id and reference.

    Ids and the references to them change together, so the briefing stays valid; registry
    ids (plain strings under `actors`) are left as they are, since they name shared actors.
    """
    slug = marker.lower()
    if isinstance(value, dict) and key == "about":  # claim id -> stance
        return {f"{claim}-{slug}": stance for claim, stance in value.items()}
    if isinstance(value, dict):
        return {k: _marked(v, marker, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in SLUG_LISTS and all(isinstance(item, str) for item in value):
            return [f"{item}-{slug}" for item in value]
        if key == "aliases":
            return [f"{item} {marker}" for item in value]
        return [_marked(item, marker, key) for item in value]
    if isinstance(value, str):
        if key in TEXT:
            return f"{value} {marker}"
        if key in SLUGS:
            return f"{value}-{slug}"
        if key in {"url", "archived_url"}:
            return f"{value}?{slug}"
    return value


def _write(folder: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")


def _site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of the site, lowercased, with gzip-compressed files (the search index, the
    sitemap) read through."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            if content[:2] == b"\x1f\x8b":
                content = gzip.decompress(content)
            found[str(path.relative_to(site))] = content.lower()
    return found


PRIVATE = {
    "draft": {"status": "draft"},
    "embargoed": {"embargo_until": "2999-01-01T00:00:00Z"},
    "green": {"status": "draft", "tlp": "GREEN"},
    "amber": {"status": "draft", "tlp": "AMBER"},
    "amber-strict": {"status": "draft", "tlp": "AMBER+STRICT"},
    "red": {"status": "draft", "tlp": "RED"},
    "embargoed-amber": {"tlp": "AMBER", "embargo_until": "2999-01-01T00:00:00Z"},
}
RESTRICTED = {
    "published-green": {"tlp": "GREEN"},
    "published-amber": {"tlp": "AMBER"},
    "published-amber-strict": {"tlp": "AMBER+STRICT"},
}
"""Published, but for the desk only: on the internal site, and on no public one."""


LANGUAGES = ["ru", "fa", "uk", "ar", "de", "he", "fr", "zh", "ja", "hy"]
"""One for each private briefing, which is a translation of the public one, in another script
than English's for most: its words must be in no language's search bundle either."""


def _marker(kind: str) -> bytes:
    return f"zq7{kind.replace('-', '')}".encode()


@pytest.fixture(scope="module")
def marked_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private desk's folder: one public briefing, linking to each of the others."""
    folder = tmp_path_factory.mktemp("marked") / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    document, _ = load(SAMPLE)
    registry, _ = load(folder / "actors.yaml")
    assert document is not None
    assert registry is not None
    # Registry actors written inline, so that their names and ids carry the marker too.
    shared = {actor["id"]: actor for actor in registry.data["actors"]}
    inline = [shared[a] if isinstance(a, str) else a for a in document.data["actors"]]
    document.data["actors"] = inline
    # A control: the public briefing carries a marker too, which must be found, so that the
    # scan below is known to see every file, the compressed search index included.
    public = _marked(document.data, "Xk9Public")
    # Links to each other briefing, which must show as their text and name nothing.
    public["summary"] += "".join(
        f"\n\nSee [the {kind} one](briefing:private-{kind})." for kind in {**PRIVATE, **RESTRICTED}
    )
    _write(folder, {**public, "id": "sample-briefing"})
    for (kind, changes), language in zip({**PRIVATE, **RESTRICTED}.items(), LANGUAGES, strict=True):
        data = {
            **_marked(document.data, _marker(kind).decode()),
            **changes,
            "id": f"private-{kind}",
        }
        # Each continues the story of the public one: its page must say nothing of them.
        data["follows"] = "sample-briefing"
        data["claims"][0]["continues"] = f"sample-briefing/{public['claims'][0]['id']}"
        # And each translates it, into a language of its own: nor must it name them.
        data["lang"] = language
        data["translation_of"] = "sample-briefing"
        _write(folder, data)
    return folder


def _built_site(folder: Path, root: Path, **options: str) -> dict[str, bytes]:
    project = copy_project(root / "project", folder, repository="private", **options)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return _site_bytes(project / "site")


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory: pytest.TempPathFactory, marked_folder: Path) -> dict[str, bytes]:
    return _built_site(marked_folder, tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def internal_site(
    tmp_path_factory: pytest.TempPathFactory, marked_folder: Path
) -> dict[str, bytes]:
    return _built_site(marked_folder, tmp_path_factory.mktemp("internal"), audience="internal")


def test_the_scan_finds_a_public_marker_in_pages_search_feed_and_api(
    marked_site: dict[str, bytes],
) -> None:
    found = {path for path, content in marked_site.items() if b"xk9public" in content}

    assert "briefings/sample-briefing/index.html" in found
    assert "feed.xml" in found
    assert "api/briefings.json" in found
    assert "api/briefings/sample-briefing.json" in found
    assert any(path.startswith("pagefind/fragment/") for path in found)
    assert any(path.startswith("pagefind/index/") for path in found)
    # Its alias in Cyrillic is searched as Russian, in a bundle of its own.
    assert any(path.startswith("pagefind-ru-passages/fragment/") for path in found)


@pytest.mark.parametrize("kind", sorted({**PRIVATE, **RESTRICTED}))
def test_a_private_briefings_marker_is_in_no_file_of_the_public_site(
    marked_site: dict[str, bytes], kind: str
) -> None:
    leaks = sorted(path for path, content in marked_site.items() if _marker(kind) in content)

    assert leaks == []
    assert not any(f"private-{kind}".encode() in content for content in marked_site.values())
    page = marked_site["briefings/sample-briefing/index.html"].decode()
    assert f"<p>see the {kind} one.</p>" in page  # the link's text, as plain text
    assert "since then" not in page  # every follow-up is private
    assert "briefing-translations" not in page  # and every translation
    # Nor is there a story: its only public briefing tells none.
    assert [path for path in marked_site if path.startswith("stories/")] == ["stories/index.html"]


@pytest.mark.parametrize("kind", sorted(RESTRICTED))
def test_a_published_restricted_briefing_is_on_every_part_of_the_internal_site(
    internal_site: dict[str, bytes], kind: str
) -> None:
    found = {path for path, content in internal_site.items() if _marker(kind) in content}

    assert f"briefings/private-{kind}/index.html" in found
    assert f"api/briefings/private-{kind}.json" in found
    # Searched in its language's bundle (`pagefind-<lang>/`) where Pagefind has one for it.
    assert any(re.match(r"pagefind(-[\w-]+)?/fragment/", path) for path in found)
    page = internal_site["briefings/sample-briefing/index.html"].decode()
    assert f'<a href="../private-{kind}/" rel="noopener noreferrer">the {kind} one</a>' in page
    assert "<strong>since then:</strong>" in page  # the desk's follow-ups are shown to it
    assert f"private-{kind}".encode() in internal_site["stories/sample-briefing/index.html"]


@pytest.mark.parametrize("kind", sorted(PRIVATE))
def test_drafts_embargoes_and_red_are_in_no_file_of_the_internal_site(
    internal_site: dict[str, bytes], kind: str
) -> None:
    leaks = sorted(path for path, content in internal_site.items() if _marker(kind) in content)

    assert leaks == []
    page = internal_site["briefings/sample-briefing/index.html"].decode()
    assert f"<p>see the {kind} one.</p>" in page


def test_the_internal_site_has_no_feed_and_keeps_search_engines_out(
    internal_site: dict[str, bytes], marked_site: dict[str, bytes]
) -> None:
    pages = [path for path in internal_site if path.endswith(".html")]

    assert "feed.xml" not in internal_site
    assert internal_site["robots.txt"] == b"user-agent: *\ndisallow: /\n"
    assert all(
        b'<meta name="robots" content="noindex, nofollow">' in internal_site[p] for p in pages
    )
    assert not any(b"application/atom+xml" in internal_site[p] for p in pages)
    assert "feed.xml" in marked_site
    assert not any(b'name="robots"' in c for p, c in marked_site.items() if p.endswith(".html"))


def test_a_published_red_briefing_fails_the_build_at_its_tlp_line(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    text = SAMPLE.read_text(encoding="utf-8").replace("tlp: CLEAR", "tlp: RED")
    (folder / "sample-briefing.yaml").write_text(text, encoding="utf-8")
    project = copy_project(tmp_path / "project", folder)

    result = build(project)

    assert result.returncode == 1
    assert (
        f"briefings/sample-briefing.yaml:{location(text, 'tlp: RED', 'RED')}: a published "
        "briefing cannot be TLP:RED"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_an_amber_draft_fails_the_build_of_a_public_repository_at_its_tlp_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    text = SAMPLE.read_text(encoding="utf-8").replace("status: published", "status: draft")
    text = text.replace("tlp: CLEAR", "tlp: AMBER")
    (folder / "sample-briefing.yaml").write_text(text, "utf-8")
    public = copy_project(tmp_path / "public", folder)

    in_public = build(public)

    assert in_public.returncode == 1
    assert (
        f"briefings/sample-briefing.yaml:{location(text, 'tlp: AMBER', 'AMBER')}: TLP:AMBER in "
        "a public repository: anyone can read this file on GitHub, and it stays in the history "
        "even once deleted; keep briefings that are not TLP:CLEAR in a private repository"
    ) in in_public.stderr
    assert not (public / "site").exists()
    # With repository: private, restricted drafts build: marked_site holds one of each.


def test_a_repository_option_that_means_nothing_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "valid", repository="secret")

    result = build(project)

    assert result.returncode == 1
    assert "briefings: mkdocs.yml: repository must be public or private, not 'secret'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


# --- The machine-readable files of a built site --------------------------------------------------


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("sample"), FIXTURES / "valid")


def test_every_page_links_the_feed_for_feed_readers(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))

    missing = [
        str(page.relative_to(sample_site))
        for page in pages
        if 'rel="alternate" type="application/atom+xml"' not in page.read_text(encoding="utf-8")
    ]

    assert len(pages) > 10
    assert missing == []


def test_the_built_feed_is_valid_and_links_the_live_pages(sample_site: Path) -> None:
    feed = feedparser.parse((sample_site / "feed.xml").read_bytes())

    assert not feed.bozo
    assert [entry.link for entry in feed.entries] == [f"{SITE_URL}briefings/sample-briefing/"]
    # The data's markup reaches the feed as text, escaped by the XML writer.
    assert feed.entries[0].title == (
        "Sample agency says the river bridge closed <b>today</b> & *tomorrow* (corrected)"
    )


def test_the_briefing_page_carries_news_article_and_claim_review_json_ld(sample_site: Path) -> None:
    html = (sample_site / "briefings" / "sample-briefing" / "index.html").read_text("utf-8")

    data = extruct.extract(
        html, base_url=f"{SITE_URL}briefings/sample-briefing/", syntaxes=["json-ld", "opengraph"]
    )

    article, review, media = data["json-ld"]
    assert article["@type"] == "NewsArticle"
    assert (
        article["headline"]
        == "Sample agency says the river bridge closed <b>today</b> & *tomorrow*"
    )
    assert article["datePublished"] == "2024-09-10"
    assert article["dateModified"] == "2024-09-12"
    assert article["correction"][0]["text"] == "Corrected the closure date."
    assert article["about"]["startDate"] == "2024-09"
    assert {m["name"] for m in article["mentions"]} == {
        "Jane Example",
        "Example Ministry of Information",
        "Sample News",
    }
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The river bridge is closed to traffic."
    assert review["reviewRating"]["alternateName"] == "Verified"
    assert review["itemReviewed"]["author"]["name"] == "Jane Example"
    # What Google's fact-check markup recommends: when and where the claim first appeared.
    assert review["itemReviewed"]["datePublished"] == "2024-09-09"
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/notice"
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://example.org/notice"
    assert media["@type"] == "MediaReview"
    assert media["mediaAuthenticityCategory"] == "DecontextualizedContent"
    assert media["itemReviewed"]["mediaItemAppearance"] == [
        {
            "@type": "ImageObject",
            "description": "A photo of the barrier across the bridge, said to be from 9 September.",
            "contentUrl": "https://example.org/barrier.jpg",
            "archivedAt": "https://archive.example.org/barrier.jpg",
            "datePublished": "2023-06",
        }
    ]
    og = dict(data["opengraph"][0]["properties"])
    assert og["og:type"] == "article"
    assert og["og:url"] == f"{SITE_URL}briefings/sample-briefing/"
    assert og["og:title"] == "Sample agency says the river bridge closed <b>today</b> & *tomorrow*"


def test_the_api_and_schema_are_published_at_their_urls(sample_site: Path) -> None:
    listed = json.loads((sample_site / "api" / "briefings.json").read_text("utf-8"))
    one = json.loads(
        (sample_site / "api" / "briefings" / "sample-briefing.json").read_text("utf-8")
    )
    schema = json.loads((sample_site / "schema" / "briefing.schema.json").read_text("utf-8"))

    assert [item["id"] for item in listed["briefings"]] == ["sample-briefing"]
    assert one["updates"][1] == {
        "date": "2024-09-12", "kind": "correction", "note": "Corrected the closure date."
    }  # fmt: skip
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_dates_each_briefing_by_its_last_change(sample_site: Path) -> None:
    index = ElementTree.parse(sample_site / "sitemap.xml").getroot()
    [listed] = index.findall(f"{SITEMAP}sitemap/{SITEMAP}loc")
    sitemap = ElementTree.parse(sample_site / str(listed.text).removeprefix(SITE_URL)).getroot()
    dated = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in sitemap.findall(f"{SITEMAP}url")
    }

    assert index.tag == f"{SITEMAP}sitemapindex"
    assert dated[f"{SITE_URL}briefings/sample-briefing/"] == "2024-09-12"
    assert dated[SITE_URL] == "2024-09-12"  # a list changes with the briefings it lists
    assert dated[f"{SITE_URL}about/"] is None  # written by hand: when it changed is not known
    assert len(dated) == len(list(sample_site.rglob("index.html")))
    assert gzip.decompress((sample_site / "sitemap.xml.gz").read_bytes()) == (
        (sample_site / "sitemap.xml").read_bytes()
    )


# --- Reproducible and atomic ---------------------------------------------------------------------


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "first", FIXTURES / "archive", repository="private")
    second = copy_project(
        tmp_path / "elsewhere" / "second", FIXTURES / "archive", repository="private"
    )

    assert build(first).returncode == 0
    assert build(second).returncode == 0

    assert site_digests(first / "site") == site_digests(second / "site")
    assert len(site_digests(first / "site")) > 100


def test_a_build_failing_in_strict_mode_leaves_the_previous_site_untouched(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path)
    assert build(project).returncode == 0
    before = site_digests(project / "site")
    # A broken link is only a warning, found while pages are written; strict mode then fails
    # the build after most of the site has been written.
    (project / "docs" / "about.md").write_text(
        "# About\n\nSee [the missing page](missing.md).\n", encoding="utf-8"
    )

    result = build(project)

    assert result.returncode == 1
    assert "Aborted with 1 warnings in strict mode" in result.stdout
    assert site_digests(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == [
        "briefings", "docs", "mkdocs.yml", "site", "theme",
    ]  # fmt: skip


def test_a_corrected_briefing_is_marked_on_its_page_and_in_lists(sample_site: Path) -> None:
    page = page_of(sample_site / "briefings" / "sample-briefing" / "index.html").words
    listing = page_of(sample_site / "briefings" / "index.html").words

    banner = page.split("The Sample agency said the bridge closed", 1)[0]
    assert "Corrected 12 September 2024: Corrected the closure date." in banner
    assert "corrected 12 September 2024" in listing


def test_the_data_page_documents_every_field_of_the_api_index(sample_site: Path) -> None:
    listed = json.loads((sample_site / "api" / "briefings.json").read_text("utf-8"))
    guide = (ROOT / "theme" / "markdown" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)? \|", guide, re.MULTILINE))

    fields = {name for pair in documented for name in pair if name}
    assert set(listed) - {"schema", "site"} <= {"count", "briefings"}
    assert set(listed["briefings"][0]) == fields | {"last_correction"}
    assert "`last_correction` then gives its date" in guide


def _gh_deploy(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`mkdocs gh-deploy` of the sample to a local bare repository, which it returns."""
    remote = tmp_path / "remote.git"
    project = copy_project(tmp_path / "project", FIXTURES / "valid")
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "Briefings"],
                    ["remote", "add", "origin", str(remote)]):  # fmt: skip
        subprocess.run([*git, *command], cwd=project, check=True)
    variables = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795608000"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history"],
        cwd=project, env={**variables, **env}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result, remote


def test_gh_deploy_refuses_to_publish_an_internal_site(tmp_path: Path) -> None:
    result, remote = _gh_deploy(tmp_path, BRIEFINGS_AUDIENCE="internal")

    assert result.returncode == 1
    assert "briefings: audience: internal, but gh-deploy publishes to GitHub Pages" in (
        result.stderr
    )
    branches = subprocess.run(
        ["git", "branch", "--list"], cwd=remote, capture_output=True, text=True, check=True
    )
    assert branches.stdout == ""


def test_gh_deploy_pushes_the_site_that_was_built(tmp_path: Path) -> None:
    # `mkdocs gh-deploy` reads site_dir after the build; the staged build must hand it back.
    result, remote = _gh_deploy(tmp_path)
    project = tmp_path / "project"

    assert result.returncode == 0, result.stderr
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert "briefings/sample-briefing/index.html" in listed
    assert "feed.xml" in listed
    assert not (project / ".site.building").exists()
