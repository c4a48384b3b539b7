"""Stories over time (SPEC §2, §5b): a briefing follows an earlier one and its claims continue
the earlier claims; the checks hold the thread together across files, and an earlier page says
how its claims stand since, from the newest public briefing of the thread only."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest

from generator.archive import Archive, load_archive
from generator.publish import API_INDEX, FEED, SiteInfo, api_briefing
from generator.site import render_site, site_output

from .conftest import FIXTURES, NOW, PRIVATE, TEMPLATES
from .positions import line_of, position
from .stories import STORY, briefing, story, write


def _load(folder: Path) -> Archive:
    return load_archive(folder, NOW, desk=PRIVATE)


def _messages(archive: Archive) -> list[str]:
    return [f"{Path(e.path).name}:{e.line}: {e.message}; {e.hint}" for e in archive.errors]


def test_a_thread_of_three_briefings_is_valid(tmp_path: Path) -> None:
    archive = _load(story(tmp_path))

    assert archive.errors == ()
    assert len(archive.shown) == 3


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The pages of the story of three public briefings, as written by `story`."""
    return render_site(_load(story(tmp_path_factory.mktemp("story"))), TEMPLATES)


def test_the_earlier_pages_say_how_the_claim_stands_since_in_the_newestbriefing(
    pages: dict[str, str],
) -> None:
    first = pages["briefings/bridge-closure.md"]
    middle = pages["briefings/bridge-closure-disputed.md"]
    newest = pages["briefings/bridge-closure-confirmed.md"]

    since = first.split('<div class="briefing-answer')[0]
    assert (
        '<p class="briefing-since briefing-since--key" role="note"><strong>Since then:</strong>'
        in since
    )
    assert "Verified</a> on 1 October 2024, in " in since
    assert (
        '<a href="../bridge-closure-confirmed/#claim-bridge-closed">'
        "Story: bridge-closure-confirmed</a>."
        ' <a href="../../stories/bridge-closure/">How the story developed</a>.'
    ) in since
    # The answer keeps the state as assessed then.
    answer = first.split('<div class="briefing-answer')[1].split("</div>")[0]
    verdict = answer.split('<p class="briefing-answer__verdict"')[1].split("</p>")[0]
    assert '<a class="briefing-state briefing-state--unverified"' in verdict
    assert "Verified</a> on 1 October 2024" in middle
    assert "Since then" not in newest


@pytest.mark.parametrize(
    "private", [{"status": "draft"}, {"embargo_until": "2999-01-01T00:00:00Z"}]
)
def test_a_private_follow_up_changes_nothing_and_leaks_nothing(
    tmp_path: Path, private: dict[str, Any]
) -> None:
    pages = render_site(_load(story(tmp_path, **{"bridge-closure-confirmed": private})), TEMPLATES)

    first = pages["briefings/bridge-closure.md"]
    assert "Disputed</a> on 20 September 2024, in " in first
    assert not any("bridge-closure-confirmed" in page for page in pages.values())


def test_a_private_middle_briefing_still_connects_the_thread(tmp_path: Path) -> None:
    folder = story(tmp_path, **{"bridge-closure-disputed": {"status": "draft"}})

    pages = render_site(_load(folder), TEMPLATES)

    first = pages["briefings/bridge-closure.md"]
    assert "Verified</a> on 1 October 2024, in " in first
    assert not any("bridge-closure-disputed" in page for page in pages.values())


def _steps(page: str) -> list[tuple[str, str, str]]:
    """The story page's first strip, in words: (state, date, briefing) for each step."""
    strip = page.split('<ol class="story-strip"', 1)[1].split("</ol>", 1)[0]
    return re.findall(
        r'<span aria-hidden="true">.</span> ([\w ]+)</span></span>\n'
        r'<span class="story-step__date">as of ([^<]+)</span>\n'
        r'<a class="story-step__briefing" href="[^"]+">([^<]+)</a>',
        strip,
    )


def test_the_story_page_shows_each_state_of_the_claim_in_order(pages: dict[str, str]) -> None:
    page = pages["stories/bridge-closure.md"]
    assert _steps(page) == [
        ("Unverified", "10 September 2024", "Story: bridge-closure"),
        ("Disputed", "20 September 2024", "Story: bridge-closure-disputed"),
        ("Verified", "1 October 2024", "Story: bridge-closure-confirmed"),
    ]
    assert "From Unverified to Verified, over 3 briefings." in page
    # Every briefing of the thread links to the story, and says where it stands in it.
    for n, (briefing_id, *_) in enumerate(STORY, start=1):
        page = pages[f"briefings/{briefing_id}.md"]
        assert (
            f'{n} of 3 in <a class="briefing-story" href="../../stories/bridge-closure/">' in page
        )
    assert 'Follows <a href="../bridge-closure/">' in pages["briefings/bridge-closure-disputed.md"]
    assert '<a class="briefing-item__title" href="bridge-closure/">' in pages["stories/index.md"]


def test_a_continued_key_claim_is_counted_once_at_its_newest_state(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    assert "<strong>Verified</strong>: 1 briefing</a>" in home
    assert "<strong>Unverified</strong>" not in home
    assert "<strong>Disputed</strong>" not in home
    assert "bridge-closure-confirmed/" in pages["verification/verified.md"]
    assert "Story: bridge-closure" not in pages["verification/unverified.md"]
    assert "Story: bridge-closure" not in pages["verification/disputed.md"]
    # Lists still show every briefing, each with its own state and where it went since.
    listed = pages["briefings/index.md"]
    assert listed.count('class="briefing-item__since"') == 2
    assert (
        '<a class="briefing-item__since" href="bridge-closure-confirmed/#claim-bridge-closed">'
        "since then verified</a>"
    ) in listed


def test_a_claim_continued_by_a_claim_that_is_not_key_is_counted_at_its_newest_state(
    tmp_path: Path,
) -> None:
    """When the newer briefing is about something else, the earlier one stands for the claim."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(FIXTURES / "valid" / "actors.yaml", folder)
    first = briefing("bridge-closure", None, "2024-09-10", "unverified")
    later = briefing("bridge-reopened", "bridge-closure", "2024-10-01", "verified")
    moved = {**first["claims"][0], "id": "bridge-was-closed"}
    moved["verification"] = {"state": "false", "as_of": "2024-10-01"}
    moved["continues"] = "bridge-closure/bridge-closed"
    later["claims"][0].pop("continues")
    later["claims"].append(moved)
    write(folder, first)
    write(folder, later)

    archive = _load(folder)
    assert archive.errors == ()
    pages = render_site(archive, TEMPLATES)

    assert "bridge-closure/" in pages["verification/false.md"]
    assert "bridge-reopened/" in pages["verification/verified.md"]
    assert "<strong>Unverified</strong>" not in pages["index.md"]


def test_a_follow_up_says_how_each_claim_stood_before_it(pages: dict[str, str]) -> None:
    newest = pages["briefings/bridge-closure-confirmed.md"]
    assert (
        '<p class="briefing-earlier"><strong>Earlier in the story:</strong> '
        '<a class="briefing-state briefing-state--disputed" href="../../verification/disputed/">'
        '<span aria-hidden="true">⇄</span> Disputed</a> on 20 September 2024, in '
        '<a href="../bridge-closure-disputed/#claim-bridge-closed">'
        "Story: bridge-closure-disputed</a>; now verified.</p>"
    ) in newest
    assert "Earlier in the story" not in pages["briefings/bridge-closure.md"]


def _feed(folder: Path) -> dict[str, Any]:
    site = SiteInfo(name="Desk", url="https://news.example.org/")
    feed = feedparser.parse(site_output(_load(folder), TEMPLATES, site).files[FEED])
    return {entry.link.split("/")[-2]: entry for entry in feed.entries}


def test_the_feed_says_what_moved_and_where_an_earlier_verdict_went(tmp_path: Path) -> None:
    entries = _feed(story(tmp_path))

    # The follow-up, newest of the three dated on one day, comes first.
    assert list(entries) == [id for id, *_ in reversed(STORY)]
    newest, first = entries["bridge-closure-confirmed"], entries["bridge-closure"]
    assert newest.summary.startswith("Key claim verified (was disputed): ")
    assert (
        "<strong>Assessed again:</strong> The river bridge is closed to traffic. — "
        "from Disputed to Verified (earlier: 20 September 2024, in "
        '<a href="https://news.example.org/briefings/bridge-closure-disputed/#claim-bridge-closed">'
    ) in newest.content[0].value
    assert first.summary.startswith("Key claim unverified, since then verified: ")
    assert (
        "<strong>Since then:</strong> The river bridge is closed to traffic. — "
        "Verified on 1 October 2024, in "
    ) in first.content[0].value
    assert first.updated.startswith("2024-10-01")


def test_the_feed_says_nothing_of_an_embargoed_follow_up(tmp_path: Path) -> None:
    later = {"embargo_until": "2999-01-01T00:00:00Z"}
    entries = _feed(story(tmp_path, **{"bridge-closure-confirmed": later}))

    assert list(entries) == ["bridge-closure-disputed", "bridge-closure"]
    assert "Disputed on 20 September 2024" in entries["bridge-closure"].content[0].value
    assert "confirmed" not in str(entries)


def test_a_story_starts_at_its_first_publicbriefing(tmp_path: Path) -> None:
    folder = story(tmp_path, **{"bridge-closure": {"status": "draft"}})

    pages = render_site(_load(folder), TEMPLATES)

    assert "stories/bridge-closure-disputed.md" in pages
    assert _steps(pages["stories/bridge-closure-disputed.md"])[0][0] == "Disputed"
    assert not any(
        "bridge-closure/" in page or "bridge-closure." in page for page in pages.values()
    )


def test_a_loop_is_told_to_each_briefing_in_it(tmp_path: Path) -> None:
    folder = story(tmp_path)
    loop = briefing("bridge-closure", "bridge-closure-confirmed", "2024-09-10", "unverified")
    write(folder, loop)

    messages = _messages(_load(folder))

    # Each briefing of a loop is told, since each is a place where it can be broken.
    loops = [m for m in messages if "follows makes a loop" in m]
    assert len(loops) == 3
    assert any(
        m.startswith("bridge-closure.yaml:")
        and "follows makes a loop: bridge-closure -> "
        "bridge-closure-confirmed -> bridge-closure-disputed -> bridge-closure"
        in m
        for m in loops
    ), loops


def test_a_follow_up_published_too_early_or_continuing_a_mistyped_claim_is_located(
    tmp_path: Path,
) -> None:
    folder = story(tmp_path)
    early = briefing("bridge-closure-disputed", "bridge-closure", "2024-09-01", "disputed")
    early["claims"][0]["continues"] = "bridge-closure/bridge-closd"
    write(folder, early)

    messages = _messages(_load(folder))

    assert any(
        ": bridge-closure-disputed is published 2024-09-01, "
        "before bridge-closure (2024-09-10), which it follows" in m
        for m in messages
    ), messages
    assert any(
        "bridge-closure has no claim 'bridge-closd'; did you mean 'bridge-closed'?" in m
        for m in messages
    ), messages


def test_a_claim_continues_only_a_claim_of_a_briefing_followed(tmp_path: Path) -> None:
    folder = story(tmp_path)
    stray = briefing("bridge-closure-confirmed", None, "2024-10-01", "verified")
    stray["claims"][0]["continues"] = "bridge-closure/bridge-closed"
    write(folder, stray)

    [message] = _messages(_load(folder))

    assert message.endswith(
        "claim 'bridge-closed' continues a claim of bridge-closure, which this briefing does "
        "not follow; add follows: bridge-closure"
    )


def _located(folder: Path, name: str, written: str) -> str:
    """`name.yaml:LINE`, where `written` is in that file of the folder, as `_messages` says."""
    return f"{name}.yaml:{line_of((folder / f'{name}.yaml').read_text('utf-8'), written)}"


def _follow_up(follows: str | None, **continues: str) -> dict[str, Any]:
    """The middle briefing of the story following `follows`, its claims continuing as given
    by claim id (bridge-closed, bridge-reopens)."""
    data = briefing("bridge-closure-disputed", "bridge-closure", "2024-09-20", "disputed")
    data.pop("follows")
    if follows is not None:
        data["follows"] = follows
    for claim in data["claims"]:
        claim.pop("continues", None)
        if claim["id"] in continues:
            claim["continues"] = continues[claim["id"]]
    return data


def test_a_mistyped_follows_is_one_error_not_one_more_per_continued_claim(
    tmp_path: Path,
) -> None:
    folder = story(tmp_path)
    write(
        folder,
        _follow_up(
            "bridge-closur",
            **{
                "bridge-closed": "bridge-closure/bridge-closed",
                "bridge-reopens": "bridge-closure/bridge-reopens",
            },
        ),
    )

    messages = _messages(_load(folder))

    where = _located(folder, "bridge-closure-disputed", "follows: bridge-closur\n")
    assert messages == [
        f"{where}: unknown briefing id 'bridge-closur' in follows; did you mean 'bridge-closure'?"
    ]


def test_a_continues_wrong_in_itself_is_told_beside_a_mistyped_follows(tmp_path: Path) -> None:
    folder = story(tmp_path)
    write(
        folder,
        _follow_up(
            "bridge-closur",
            **{
                "bridge-closed": "bridge-closure/bridge-closd",
                "bridge-reopens": "bridge-closur/bridge-reopens",
            },
        ),
    )

    messages = _messages(_load(folder))

    name = "bridge-closure-disputed"
    assert messages == [
        f"{_located(folder, name, 'bridge-closure/bridge-closd')}: bridge-closure has no "
        "claim 'bridge-closd'; did you mean 'bridge-closed'?",
        f"{_located(folder, name, 'bridge-closur/bridge-reopens')}: unknown briefing id "
        "'bridge-closur' in continues; did you mean 'bridge-closure'?",
        f"{_located(folder, name, 'follows: bridge-closur')}: unknown briefing id "
        "'bridge-closur' in follows; did you mean 'bridge-closure'?",
    ]


NAMES_NO_BRIEFING = (
    "continues {claim!r} names no briefing: the claim it continues is written "
    "<briefing id>/<claim id>"
)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("bridge-reopens", "write continues: bridge-closure/bridge-reopens"),
        ("bridge-reopen", "did you mean continues: bridge-closure/bridge-reopens?"),
        (
            "traffic-jam",
            "write continues: bridge-closure/<claim id>; claims of bridge-closure: "
            "bridge-closed, bridge-reopens",
        ),
    ],
)
def test_a_continues_without_its_briefing_names_the_claim_of_the_briefing_followed(
    tmp_path: Path, written: str, hint: str
) -> None:
    folder = story(tmp_path)
    write(folder, _follow_up("bridge-closure", **{"bridge-reopens": written}))

    messages = _messages(_load(folder))

    where = _located(folder, "bridge-closure-disputed", f"continues: {written}\n")
    assert messages == [f"{where}: {NAMES_NO_BRIEFING.format(claim=written)}; {hint}"]


@pytest.mark.parametrize(
    ("others", "hint"),
    [
        # The claim id is that of one other briefing: the one to follow.
        (
            ["bridge-closure"],
            "add follows: bridge-closure, then write continues: bridge-closure/bridge-reopens",
        ),
        (
            ["bridge-closure", "bridge-closure-confirmed"],
            "this briefing follows none: add follows: <briefing id>, naming the earlier "
            "briefing, then write continues: <briefing id>/bridge-reopens",
        ),
    ],
)
def test_a_continues_without_its_briefing_in_a_briefing_that_follows_none_asks_for_follows(
    tmp_path: Path, others: list[str], hint: str
) -> None:
    folder = story(tmp_path)
    for other in {"bridge-closure", "bridge-closure-confirmed"} - set(others):
        (folder / f"{other}.yaml").unlink()
    write(folder, _follow_up(None, **{"bridge-reopens": "bridge-reopens"}))

    messages = _messages(_load(folder))

    where = _located(folder, "bridge-closure-disputed", "continues: bridge-reopens")
    assert messages == [f"{where}: {NAMES_NO_BRIEFING.format(claim='bridge-reopens')}; {hint}"]


def _api(folder: Path) -> dict[str, dict[str, Any]]:
    site = SiteInfo(name="Desk", url="https://news.example.org/")
    files = site_output(_load(folder), TEMPLATES, site).files
    return {entry["id"]: entry for entry in json.loads(files[API_INDEX])["briefings"]}


def test_the_api_index_carries_the_public_thread(tmp_path: Path) -> None:
    api = _api(story(tmp_path))

    first, newest = api["bridge-closure"], api["bridge-closure-confirmed"]
    assert first["follows"] is None
    assert first["followed_by"] == ["bridge-closure-disputed"]
    assert first["since"] == {
        "bridge-closed": {
            "state": "verified", "as_of": "2024-10-01", "briefing": "bridge-closure-confirmed"
        }
    }  # fmt: skip
    assert newest["follows"] == "bridge-closure-disputed"
    assert newest["followed_by"] == []
    assert newest["since"] == {}
    assert first["story"] == newest["story"] == "https://news.example.org/stories/bridge-closure/"


def test_the_api_index_names_no_private_briefing_of_a_thread(tmp_path: Path) -> None:
    folder = story(tmp_path, **{"bridge-closure-disputed": {"status": "draft"}})

    api = _api(folder)

    assert "bridge-closure-disputed" not in json.dumps(api)
    # The thread holds across the draft, which is never named.
    assert api["bridge-closure"]["followed_by"] == ["bridge-closure-confirmed"]
    assert api["bridge-closure"]["since"]["bridge-closed"]["state"] == "verified"
    assert api["bridge-closure-confirmed"]["follows"] == "bridge-closure"


def test_an_earlier_briefing_is_dated_by_its_newest_public_follow_up(tmp_path: Path) -> None:
    public = _api(story(tmp_path / "public"))
    embargoed = _api(
        story(
            tmp_path / "embargoed",
            **{"bridge-closure-confirmed": {"embargo_until": "2999-01-01T00:00:00Z"}},
        )
    )

    # Its page now says how the claim stands since: a change its dates must show.
    assert public["bridge-closure"]["updated"] == "2024-10-01"
    assert public["bridge-closure-disputed"]["updated"] == "2024-10-01"
    assert embargoed["bridge-closure"]["updated"] == "2024-09-20"


def test_the_page_its_card_the_api_and_the_feed_tell_one_story(tmp_path: Path) -> None:
    """Through a draft in the middle of the thread, the first briefing's page, its share card,
    its API entry and its feed entry all say where its key claim went, and name no draft."""
    folder = story(tmp_path, **{"bridge-closure-disputed": {"status": "draft"}})
    site = SiteInfo(name="Desk", url="https://news.example.org/")
    output = site_output(_load(folder), TEMPLATES, site, workers=1)
    page = output.pages["briefings/bridge-closure.md"]
    api = {e["id"]: e for e in json.loads(output.files[API_INDEX])["briefings"]}
    feed = {e.link.split("/")[-2]: e for e in feedparser.parse(output.files[FEED]).entries}

    since = page.split('<div class="briefing-answer')[0]
    assert "Verified</a> on 1 October 2024, in " in since
    assert "Since then: Verified. Assessed 1 October 2024." in page.split("card:")[1]
    assert api["bridge-closure"]["since"]["bridge-closed"]["briefing"] == (
        "bridge-closure-confirmed"
    )
    assert api["bridge-closure-confirmed"]["follows"] == "bridge-closure"
    assert feed["bridge-closure"].summary.startswith("Key claim unverified, since then verified")
    assert "bridge-closure-disputed" not in page + output.files[API_INDEX].decode()


# --- Replies across a story ----------------------------------------------------------------------


def _replying(briefing_id: str, target: str, **changes: Any) -> dict[str, dict[str, Any]]:
    """Changes to the story that make the Ministry's denial in `briefing_id` reply to
    `target`, as `<briefing id>/<statement id>`; `changes` are made to that briefing too."""
    entry = next(entry for entry in STORY if entry[0] == briefing_id)
    statements = briefing(*entry)["statements"]
    denial = next(s for s in statements if s["id"] == "ministry-denial")
    denial["in_reply_to"] = target
    return {briefing_id: {"statements": statements, **changes}}


def _reply_error(tmp_path: Path, briefing_id: str, target: str) -> str:
    """The one error of the story when `briefing_id` replies to `target`, as check prints it
    after the file name: line:column: message; hint."""
    folder = story(tmp_path, **_replying(briefing_id, target))
    archive = _load(folder)
    text = (folder / f"{briefing_id}.yaml").read_text(encoding="utf-8")

    [error] = archive.errors
    assert Path(error.path).name == f"{briefing_id}.yaml"
    assert (error.line, error.column) == position(text, f"in_reply_to: {target}", target)
    assert briefing_id not in {b.id for b in archive.briefings}
    return f"{error.message}; {error.hint}"


def test_a_statement_replies_to_one_of_a_briefing_its_own_follows_even_further_back(
    tmp_path: Path,
) -> None:
    folder = story(tmp_path, **_replying("bridge-closure-confirmed", "bridge-closure/jane-closure"))

    archive = _load(folder)

    assert archive.errors == ()
    assert len(archive.shown) == 3


def test_a_reply_to_a_briefing_not_followed_names_the_closest_statement_it_may_answer(
    tmp_path: Path,
) -> None:
    message = _reply_error(
        tmp_path, "bridge-closure-disputed", "bridge-closure-confirmed/jane-closure"
    )

    assert message == (
        "statement 'ministry-denial' replies to a statement of bridge-closure-confirmed, which "
        "this briefing does not follow; did you mean 'bridge-closure/jane-closure'?"
    )


def test_a_reply_to_a_briefing_not_followed_by_a_first_briefing_says_to_follow_it(
    tmp_path: Path,
) -> None:
    message = _reply_error(tmp_path, "bridge-closure", "bridge-closure-disputed/jane-closure")

    assert message == (
        "statement 'ministry-denial' replies to a statement of bridge-closure-disputed, which "
        "this briefing does not follow; add follows: bridge-closure-disputed"
    )


def test_a_reply_to_an_unknown_briefing_names_the_form_and_the_briefings_followed(
    tmp_path: Path,
) -> None:
    mistyped = _reply_error(
        tmp_path / "a", "bridge-closure-confirmed", "bridge-closur/jane-closure"
    )
    unknown = _reply_error(tmp_path / "b", "bridge-closure-confirmed", "road-works/road-closed")

    assert mistyped == (
        "unknown briefing id 'bridge-closur' in in_reply_to; "
        "did you mean 'bridge-closure/jane-closure'?"
    )
    assert unknown == (
        "unknown briefing id 'road-works' in in_reply_to; write <briefing id>/<statement id>, "
        "naming a statement of a briefing this one follows: bridge-closure-disputed, "
        "bridge-closure"
    )


def test_a_reply_to_a_statement_the_earlier_briefing_lacks_names_its_closest_statement(
    tmp_path: Path,
) -> None:
    message = _reply_error(tmp_path, "bridge-closure-confirmed", "bridge-closure/jane-closur")

    assert message == "bridge-closure has no statement 'jane-closur'; did you mean 'jane-closure'?"


def test_a_statement_of_its_own_briefing_is_named_by_its_id_alone(tmp_path: Path) -> None:
    message = _reply_error(
        tmp_path, "bridge-closure-disputed", "bridge-closure-disputed/jane-closure"
    )

    assert message == (
        "a statement of this briefing is named by its id alone; write in_reply_to: jane-closure"
    )


def _statement(page: str, statement_id: str) -> str:
    """The HTML of one statement of a briefing page."""
    return page.split(f'id="statement-{statement_id}">')[1].split("</div>")[0]


@pytest.fixture(scope="module")
def replied(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The pages of the story when the newest briefing's denial answers the first briefing's
    announcement."""
    folder = story(
        tmp_path_factory.mktemp("replied"),
        **_replying("bridge-closure-confirmed", "bridge-closure/jane-closure"),
    )
    return render_site(_load(folder), TEMPLATES)


def test_a_reply_links_the_statement_it_answers_on_the_earlier_page(
    replied: dict[str, str],
) -> None:
    reply = _statement(replied["briefings/bridge-closure-confirmed.md"], "ministry-denial")

    assert (
        '<p class="briefing-statement__reply">In reply to '
        '<a href="../bridge-closure/#statement-jane-closure">'
        "Jane Example: announcement, 9 September 2024</a> — in "
        '<a href="../bridge-closure/">Story: bridge-closure</a></p>'
    ) in reply


def test_the_earlier_page_links_the_replies_of_later_briefings(replied: dict[str, str]) -> None:
    answered = _statement(replied["briefings/bridge-closure.md"], "jane-closure")

    assert (
        '<p class="briefing-statement__reply">Answered by '
        '<a href="../bridge-closure-confirmed/#statement-ministry-denial">'
        "Example Ministry of Information: denial</a> — in "
        '<a href="../bridge-closure-confirmed/">Story: bridge-closure-confirmed</a></p>'
    ) in answered
    # Only the statement answered says so.
    assert "bridge-closure-confirmed" not in _statement(
        replied["briefings/bridge-closure.md"], "ministry-denial"
    )


@pytest.mark.parametrize(
    "private", [{"status": "draft"}, {"embargo_until": "2999-01-01T00:00:00Z"}]
)
def test_a_reply_in_a_private_briefing_never_appears_on_the_public_page_it_answers(
    tmp_path: Path, private: dict[str, Any]
) -> None:
    changes = _replying("bridge-closure-confirmed", "bridge-closure/jane-closure", **private)
    archive = _load(story(tmp_path, **changes))
    assert archive.errors == ()

    pages = render_site(archive, TEMPLATES)

    assert "Answered by" not in _statement(pages["briefings/bridge-closure.md"], "jane-closure")
    assert not any("bridge-closure-confirmed" in page for page in pages.values())


def test_a_reply_to_a_private_briefing_shows_neither_a_link_nor_its_title(tmp_path: Path) -> None:
    private = {"status": "draft", "title": "Unpublished closure notes"}
    changes = _replying("bridge-closure-confirmed", "bridge-closure/jane-closure")
    folder = story(tmp_path, **{**changes, "bridge-closure": private})
    site = SiteInfo(name="Desk", url="https://news.example.org/")

    output = site_output(_load(folder), TEMPLATES, site, workers=1)

    reply = _statement(output.pages["briefings/bridge-closure-confirmed.md"], "ministry-denial")
    assert "In reply to" not in reply
    assert not any("Unpublished closure notes" in page for page in output.pages.values())
    api = json.loads(output.files[api_briefing("bridge-closure-confirmed")])
    denial = next(s for s in api["statements"] if s["id"] == "ministry-denial")
    assert "in_reply_to" not in denial
    assert "bridge-closure/" not in output.files[api_briefing("bridge-closure-confirmed")].decode()


def test_the_api_keeps_a_reply_to_a_public_briefing_as_written(tmp_path: Path) -> None:
    changes = _replying("bridge-closure-confirmed", "bridge-closure/jane-closure")
    site = SiteInfo(name="Desk", url="https://news.example.org/")

    files = site_output(_load(story(tmp_path, **changes)), TEMPLATES, site, workers=1).files

    api = json.loads(files[api_briefing("bridge-closure-confirmed")])
    denial = next(s for s in api["statements"] if s["id"] == "ministry-denial")
    assert denial["in_reply_to"] == "bridge-closure/jane-closure"
