"""The machine-readable site: feed, JSON API, schema and JSON-LD, read back by real parsers."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from lxml import etree, html

from generator.archive import load_archive
from generator.model import (
    VERDICTS,
    Briefing,
    EvidenceKind,
    Stance,
    StatementKind,
    briefing_json_schema,
)
from generator.pages import briefing_page
from generator.publish import (
    API_INDEX,
    FEED,
    FEED_STYLE,
    RATINGS,
    SCHEMA,
    SiteInfo,
    api_briefing,
    script_json,
    structured_data,
)
from generator.security import policy_allowing
from generator.site import site_output
from generator.structure import SiteIndex

from .conftest import FIXTURES, NOW, PRIVATE, TEMPLATES

SITE = SiteInfo(
    name="Example briefings",
    url="https://news.example.org/briefings/",
    description="Verified briefings",
    publisher="Example Newsroom",
    publisher_url="https://news.example.org/",
)
ARCHIVE = FIXTURES / "archive"


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    archive = load_archive(ARCHIVE, NOW, desk=PRIVATE)
    assert archive.errors == ()
    return SiteIndex(archive)


@pytest.fixture(scope="module")
def files(index: SiteIndex) -> dict[str, bytes]:
    return dict(site_output(index.archive, TEMPLATES, SITE).files)


def test_the_feed_is_valid_atom_with_the_newest_changes_first(
    index: SiteIndex, files: dict[str, bytes]
) -> None:
    feed = feedparser.parse(files[FEED])

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Example briefings"
    assert feed.feed.links[1].href == "https://news.example.org/briefings/feed.xml"
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert len(feed.entries) == len(index.briefings)  # fewer than the feed's length limit


def test_a_feed_entry_links_the_page_and_is_dated_by_its_last_change(
    files: dict[str, bytes],
) -> None:
    feed = feedparser.parse(files[FEED])
    entry = next(e for e in feed.entries if e.link.endswith("/synthetic-briefing-00/"))

    assert entry.link == "https://news.example.org/briefings/briefings/synthetic-briefing-00/"
    assert entry.id == entry.link
    assert entry.published.startswith("2025-01-01")
    assert entry.summary.startswith("Key claim ")
    assert entry.tags[0].term in {
        "unverified", "partially-verified", "verified", "disputed", "false", "retracted",
    }  # fmt: skip


def _as_a_browser_shows_it(files: dict[str, bytes]) -> html.HtmlElement:
    """The feed as a browser shows it: transformed by the stylesheet it names."""
    feed = etree.fromstring(files[FEED])
    instruction = feed.getprevious()
    assert isinstance(instruction, etree._XSLTProcessingInstruction)
    assert instruction.get("href") == FEED_STYLE  # beside the feed, wherever it is served
    page = etree.XSLT(etree.fromstring(files[FEED_STYLE]))(feed)
    return html.document_fromstring(str(page))


def test_the_feed_opens_in_a_browser_as_a_page_of_its_entries(
    index: SiteIndex, files: dict[str, bytes]
) -> None:
    page = _as_a_browser_shows_it(files)
    entries = page.find_class("briefing-feed__entry")
    first = index.briefings[0]

    assert page.findtext(".//title") == "Example briefings — Feed"
    assert page.get("lang") == "en"
    assert page.find_class("briefing-feed__site")[0].text_content() == "Example briefings"
    assert "This is the site's feed" in page.text_content()
    assert "copy this page's address into your feed reader" in page.text_content()
    assert page.find_class("briefing-feed__address")[0].text == SITE.absolute(FEED)
    assert len(entries) == len(feedparser.parse(files[FEED]).entries)
    link = next(e for e in entries if e.find(".//h3/a").get("href") == SITE.absolute(first.page))
    assert link.find(".//h3/a").text_content() == first.briefing.title
    assert link.find(".//time").text == first.changed.isoformat()
    assert link.findall(".//p")[-1].text_content().startswith("Key claim ")


def test_the_feed_page_runs_nothing_and_loads_only_the_sites_stylesheet(
    files: dict[str, bytes],
) -> None:
    page = _as_a_browser_shows_it(files)
    policy = page.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")

    assert policy == policy_allowing()
    assert "'unsafe-inline'" not in policy
    assert page.findall(".//script") == []
    assert page.find(".//style") is None
    assert [link.get("href") for link in page.findall(".//link")] == [
        "assets/images/favicon.png", "assets/stylesheets/feed.css",
    ]  # fmt: skip
    assert (TEMPLATES.parent / "assets" / "stylesheets" / "feed.css").is_file()


def test_markup_in_the_data_stays_text_on_the_feed_page() -> None:
    archive = load_archive(FIXTURES / "valid", NOW)
    files = dict(site_output(archive, TEMPLATES, SITE).files)

    page = _as_a_browser_shows_it(files)
    shown = etree.tostring(page, encoding="unicode")

    assert b"disable-output-escaping" not in files[FEED_STYLE]
    assert not feedparser.parse(files[FEED]).bozo
    assert "the river bridge closed &lt;b&gt;today&lt;/b&gt; &amp; *tomorrow*" in shown
    assert "<b>today</b>" not in shown


def test_the_feed_page_speaks_the_sites_language() -> None:
    archive = load_archive(FIXTURES / "valid", NOW)
    persian = SiteInfo(name="Desk", url="https://news.example.org/", language="fa")

    page = _as_a_browser_shows_it(dict(site_output(archive, TEMPLATES, persian).files))

    assert (page.get("lang"), page.get("dir")) == ("fa", "rtl")
    assert page.findtext(".//h1") == "خوراک"


def test_a_corrected_briefing_says_so_in_the_feed_and_the_json(
    index: SiteIndex, files: dict[str, bytes]
) -> None:
    corrected = next(view for view in index.briefings if view.corrections)
    last = corrected.corrections[0]
    feed = feedparser.parse(files[FEED])
    entry = next(e for e in feed.entries if e.id.endswith(f"/{corrected.briefing.id}/"))
    listed = json.loads(files[API_INDEX])["briefings"]
    item = next(i for i in listed if i["id"] == corrected.briefing.id)

    assert entry.title.endswith("(corrected)")
    assert entry.updated.startswith(corrected.changed.isoformat())
    assert corrected.changed >= last.date
    assert "Correction," in entry.content[0].value
    assert item["corrected"] is True
    assert item["last_correction"] == last.date.isoformat()


def test_the_api_index_lists_every_public_briefing_newest_first(
    index: SiteIndex, files: dict[str, bytes]
) -> None:
    listed = json.loads(files[API_INDEX])

    assert listed["count"] == len(index.briefings)
    assert [item["id"] for item in listed["briefings"]] == [
        view.briefing.id for view in index.briefings
    ]
    first = listed["briefings"][0]
    assert first["url"] == f"{SITE.url}briefings/{first['id']}/"
    assert first["json"] == f"{SITE.url}api/briefings/{first['id']}.json"
    assert set(first) >= {"title", "published", "updated", "state", "as_of", "corrected"}


def test_each_exported_briefing_validates_against_the_published_schema(
    index: SiteIndex, files: dict[str, bytes]
) -> None:
    schema = json.loads(files[SCHEMA])
    validator = jsonschema.Draft202012Validator(schema)

    assert {key: value for key, value in schema.items() if key != "$id"} == briefing_json_schema()
    for view in index.briefings:
        exported = json.loads(files[api_briefing(view.briefing.id)])
        errors = [error.message for error in validator.iter_errors(exported)]
        assert errors == [], view.briefing.id
        # Nothing is lost on the way: the export reads back as the same briefing, with the
        # registry's actors written out in full.
        again = Briefing.model_validate(exported)
        assert again.model_dump(exclude={"actors"}) == view.briefing.model_dump(exclude={"actors"})
        assert [a["name"] for a in exported["actors"]] == [a.name for a in view.actors]


def test_only_public_briefings_are_exported(index: SiteIndex, files: dict[str, bytes]) -> None:
    exported = {path for path in files if path.startswith("api/briefings/")}

    assert exported == {api_briefing(view.briefing.id) for view in index.briefings}
    assert len(index.archive.shown) < len(index.archive.briefings)


def _verdicts(view_data: list[dict[str, object]]) -> list[dict[str, object]]:
    return [item for item in view_data if item["@type"] == "ClaimReview"]


def test_a_verified_claim_gets_a_claim_review_rated_in_words(index: SiteIndex) -> None:
    view = next(
        v for v in index.briefings if v.key_claim.claim.verification.state.value == "verified"
    )

    data = structured_data(briefing_page(index, view), SITE)

    article, *reviews = data
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == view.briefing.title
    assert article["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "Example Newsroom",
        "url": "https://news.example.org/",
    }
    assert {m["name"] for m in article["mentions"]} == {a.name for a in view.actors}
    review = reviews[0]
    assert review["claimReviewed"] == view.key_claim.claim.text
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Verified",
    }
    assert review["url"].endswith(f"#claim-{view.key_claim.claim.id}")


def test_a_new_verdict_moves_every_date_of_its_briefing(
    index: SiteIndex, files: dict[str, bytes]
) -> None:
    """A re-assessment is a change: the article, the feed and the API say when it was made,
    and no ClaimReview is dated after the page it sits on."""
    feed = {entry.id: entry.updated[:10] for entry in feedparser.parse(files[FEED]).entries}
    api = {item["id"]: item["updated"] for item in json.loads(files[API_INDEX])["briefings"]}
    moved = 0

    for view in index.briefings:
        article, *reviews = structured_data(briefing_page(index, view), SITE)
        assessed = max(claim.verification.as_of for claim in view.briefing.claims)
        modified = article["dateModified"]
        assert all(review["datePublished"] <= modified for review in reviews), view.briefing.id
        assert modified >= assessed.isoformat()
        assert feed[SITE.absolute(view.page)] == api[view.briefing.id] == modified
        moved += modified == assessed.isoformat() and assessed > view.briefing.published

    assert moved >= 5  # the fixture archive has briefings re-assessed after publication


@pytest.mark.parametrize("state", ["unverified", "disputed", "retracted"])
def test_a_claim_without_a_verdict_gets_no_claim_review(index: SiteIndex, state: str) -> None:
    view = next(
        v
        for v in index.briefings
        if v.key_claim.claim.verification.state.value == state
        and all(c.claim.verification.state not in VERDICTS for c in v.claims)
    )

    assert _verdicts(structured_data(briefing_page(index, view), SITE)) == []


def test_the_claim_review_names_who_made_the_claim_and_where(index: SiteIndex) -> None:
    view, claim = next(
        (v, c)
        for v in index.briefings
        for c in v.claims
        if c.claim.verification.state in VERDICTS and c.taking(Stance.SUPPORTS)
    )
    supporting = claim.taking(Stance.SUPPORTS)

    data = structured_data(briefing_page(index, view), SITE)
    review = next(r for r in _verdicts(data) if r["url"].endswith(claim.anchor))

    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] in {said.actor.name for said in supporting}
    assert {a["publisher"]["name"] for a in item["appearance"]} == {
        ref.source.outlet for said in supporting for ref in said.sources
    }


def test_a_claim_only_contradicted_has_no_author_in_its_claim_review(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    text = text.replace("about: {bridge-reopens: supports}", "about: {bridge-reopens: mentions}")
    text = text.replace("      state: disputed\n", "      state: false\n")
    sample.write_text(text, encoding="utf-8")
    index = SiteIndex(load_archive(folder, NOW))

    reviews = _verdicts(structured_data(briefing_page(index, index.briefings[0]), SITE))

    reopening = next(r for r in reviews if r["url"].endswith("#claim-bridge-reopens"))
    # Two statements contradict the claim and one mentions it: none of them made it.
    assert "author" not in reopening["itemReviewed"]
    assert reopening["reviewRating"]["alternateName"] == "False"


@pytest.mark.parametrize(("state", "rating"), [("misleading", 2), ("unfounded", 2), ("false", 1)])
def test_misleading_and_unfounded_are_verdicts_rated_in_their_own_words(
    tmp_path: Path, state: str, rating: int
) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8").replace("state: disputed", f"state: {state}")
    sample.write_text(text, encoding="utf-8")
    index = SiteIndex(load_archive(folder, NOW))

    reviews = _verdicts(structured_data(briefing_page(index, index.briefings[0]), SITE))

    reopening = next(r for r in reviews if r["url"].endswith("#claim-bridge-reopens"))
    assert reopening["reviewRating"]["ratingValue"] == rating
    assert reopening["reviewRating"]["alternateName"] == state.capitalize()


@pytest.mark.parametrize("kind", list(EvidenceKind))
def test_only_media_the_desk_assessed_get_a_media_review(
    tmp_path: Path, kind: EvidenceKind
) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8").replace("    kind: photo\n", f"    kind: {kind}\n")
    sample.write_text(text, encoding="utf-8")
    index = SiteIndex(load_archive(folder, NOW))

    data = structured_data(briefing_page(index, index.briefings[0]), SITE)

    # schema.org's MediaReview reviews images, videos and audio; a document or a dataset the
    # desk assessed ("authentic") is no media, and gets none.
    media = {"photo", "satellite-image", "video", "audio"}
    reviews = [item for item in data if item["@type"] == "MediaReview"]
    assert len(reviews) == (kind in media)


def test_json_ld_cannot_close_its_script_element() -> None:
    text = script_json({"headline": "</script><script>alert(1)</script> & <!--"})

    assert set(text).isdisjoint("<>&")
    assert json.loads(text) == {"headline": "</script><script>alert(1)</script> & <!--"}


def test_the_site_url_must_be_absolute() -> None:
    with pytest.raises(ValueError, match="absolute"):
        SiteInfo(name="x", url="/briefings/")


def test_an_empty_archive_still_has_a_valid_feed_and_index(tmp_path: Path) -> None:
    (tmp_path / "briefings").mkdir()
    archive = load_archive(tmp_path / "briefings", datetime(2026, 1, 1, tzinfo=UTC))

    output = site_output(archive, TEMPLATES, SITE)

    feed = feedparser.parse(output.files[FEED])
    assert not feed.bozo
    assert feed.entries == []
    assert json.loads(output.files[API_INDEX])["briefings"] == []
    assert "\nupdated:" not in output.pages["index.md"]  # no day to date the lists by


def test_robots_txt_points_crawlers_at_the_sitemap(files: dict[str, bytes]) -> None:
    assert files["robots.txt"].decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        "Sitemap: https://news.example.org/briefings/sitemap.xml",
    ]


def test_the_published_schema_is_named_by_its_address(files: dict[str, bytes]) -> None:
    schema = json.loads(files[SCHEMA])

    assert schema["$id"] == "https://news.example.org/briefings/schema/briefing.schema.json"
    assert {k: v for k, v in schema.items() if k != "$id"} == briefing_json_schema()


def test_every_verdict_has_a_rating_and_nothing_else_does() -> None:
    assert set(RATINGS) == VERDICTS


def _reviewed(folder: Path, claim_id: str, site: SiteInfo = SITE) -> dict[str, Any]:
    """The claim a ClaimReview of the folder's first briefing reviews (`itemReviewed`)."""
    index = SiteIndex(load_archive(folder, NOW))
    reviews = _verdicts(structured_data(briefing_page(index, index.briefings[0]), site))
    review = next(r for r in reviews if str(r["url"]).endswith(f"#claim-{claim_id}"))
    item: dict[str, Any] = review["itemReviewed"]  # type: ignore[assignment]
    return item


def test_where_the_claim_appeared_is_its_first_appearance_and_its_appearances(
    appeared_dir: Path,
) -> None:
    item = _reviewed(appeared_dir, "bridge-closed")

    # The earliest dated place first; the undated one after the dated ones.
    first = item["firstAppearance"]
    assert first["@type"] == "CreativeWork"
    assert first["url"] == "https://www.video.example/watch?v=bridge"
    assert first["datePublished"] == "2024-09-08"
    assert first["author"]["name"] == "Jane Example"
    assert first["archivedAt"].startswith("https://web.archive.org/")
    assert [(work["url"], work.get("datePublished")) for work in item["appearance"]] == [
        ("https://radio.example/2024/09/09/bridge", "2024-09-09"),
        ("https://social.example.net/@ministry/closed", None),
    ]
    assert item["appearance"][1]["author"]["name"] == "Example Ministry of Information"
    assert "author" not in item["appearance"][0]
    # Who made it and when: where it first appeared.
    assert item["author"]["name"] == "Jane Example"
    assert item["datePublished"] == "2024-09-08"


def test_no_fact_check_is_where_a_claim_appeared() -> None:
    """The Russian briefing's claim is made in a post known through Reuters' fact-check, which
    rated it: the fact-check reports the rating, and is never where the claim appeared."""
    archive = load_archive(FIXTURES / "multilingual", NOW)
    shown = SiteIndex(archive)
    view = shown.by_id["kramatorsk-fake-bbc-video"]
    checks = {
        ref.source.url
        for said in view.statements
        if said.statement.kind is StatementKind.ASSESSMENT
        for ref in said.sources
    }

    reviews = _verdicts(structured_data(briefing_page(shown, view), SITE))

    assert reviews
    for review in reviews:
        item: dict[str, Any] = review["itemReviewed"]  # type: ignore[assignment]
        places = [item.get("firstAppearance", {}), *item.get("appearance", [])]
        assert {place.get("url") for place in places} & checks == set()


def test_an_assessment_that_agrees_with_a_claim_never_made_it(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    # Only the Ministry's assessment supports the closure now; Jane's notice only mentions it.
    text = text.replace("about: {bridge-closed: supports}\n", "about: {bridge-closed: mentions}\n")
    sample.write_text(text, encoding="utf-8")

    item = _reviewed(folder, "bridge-closed")

    assert "author" not in item
    # With no statement making it, it first appeared with the photo it rests on.
    assert item["firstAppearance"]["contentUrl"] == "https://example.org/barrier.jpg"


def test_the_desks_own_page_is_never_where_a_claim_appeared(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    text = text.replace("kind: assessment\n", "kind: confirmation\n")
    sample.write_text(text, encoding="utf-8")
    desk = SiteInfo(name="Example", url="https://example.org/")

    item = _reviewed(folder, "bridge-closed", desk)

    # The Ministry's notice is the only source with an address, and it is on the desk's site.
    places = [item.get("firstAppearance", {}), *item.get("appearance", [])]
    assert [place.get("url") for place in places if place.get("url")] == []
    assert item["author"]["name"] == "Jane Example"
