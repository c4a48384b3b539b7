"""The desk's internal site (`audience: internal`, SPEC §4a): published GREEN and AMBER
briefings appear, each labelled as FIRST's TLP 2.0 prescribes, and lists and counts say which
items are restricted; the public site of the same folder is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.desk import Audience, Desk, Repository
from generator.publish import FEED, ROBOTS, SiteInfo
from generator.site import site_output

from .conftest import FIXTURES, NOW, PRIVATE, TEMPLATES

INTERNAL = Desk(repository=Repository.PRIVATE, audience=Audience.INTERNAL)
SITE = SiteInfo(name="Desk", url="https://desk.example.org/")
TITLE = "Sample agency says the river bridge closed &lt;b&gt;today&lt;/b&gt; &amp; *tomorrow*"


def _folder(tmp_path: Path, tlp: str) -> Path:
    """The sample briefing marked `tlp`, beside a second, public one."""
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("tlp: CLEAR", f"tlp: {tlp}"), encoding="utf-8")
    other = text.replace("id: sample-briefing", "id: open-briefing")
    (folder / "open-briefing.yaml").write_text(other, encoding="utf-8")
    return folder


def _pages(folder: Path, desk: Desk) -> dict[str, str]:
    return dict(site_output(load_archive(folder, NOW, desk=desk), TEMPLATES, SITE).pages)


@pytest.mark.parametrize(
    ("tlp", "meaning"),
    [("GREEN", "recipients can spread this within their community."),
     ("AMBER", "on a need-to-know basis within their organization and its clients."),
     ("AMBER+STRICT", "on a need-to-know basis within their organization.")],
)  # fmt: skip
def test_a_restricted_briefing_carries_its_label_in_the_title_and_above_the_page(
    tmp_path: Path, tlp: str, meaning: str
) -> None:
    page = _pages(_folder(tmp_path, tlp), INTERNAL)["briefings/sample-briefing.md"]
    key = tlp.lower().replace("+", "-")

    front, body = page.split("\n---\n", 1)
    assert f'title: "TLP:{tlp} {TITLE}"' in front
    banner = body.split("\n# ", 1)[0]
    assert f'<strong class="briefing-tlp briefing-tlp--{key}">TLP:{tlp}</strong>' in banner
    assert meaning in banner
    # One label for the top of every printed page, one for the foot.
    assert banner.count(f'<span class="briefing-tlp briefing-tlp--{key}">TLP:{tlp}</span>') == 2


def test_a_restricted_briefing_has_no_share_card_and_a_clear_one_has(tmp_path: Path) -> None:
    archive = load_archive(_folder(tmp_path, "AMBER"), NOW, desk=INTERNAL)
    output = site_output(archive, TEMPLATES, SITE)

    assert [name.split("-")[0] for name in output.cards] == ["cards/open"]
    assert "card:" not in output.pages["briefings/sample-briefing.md"].split("\n---\n")[0]
    assert '"image"' not in output.pages["briefings/sample-briefing.md"]
    assert "card:" in output.pages["briefings/open-briefing.md"].split("\n---\n")[0]


def test_lists_and_counts_say_which_briefings_are_restricted(tmp_path: Path) -> None:
    pages = _pages(_folder(tmp_path, "AMBER"), INTERNAL)
    label = '<span class="briefing-tlp briefing-tlp--amber"'

    listing = pages["briefings/index.md"]
    restricted, public = (
        listing.split('href="sample-briefing/"')[1],
        listing.split('href="open-briefing/"')[1],
    )
    assert restricted.split("</a>", 1)[1].startswith(f" {label}")
    assert label not in public.split("</li>", 1)[0]
    assert "2 briefings (1 restricted)" in pages["tags/index.md"]
    assert "2 briefings (1 restricted)" in pages["countries/index.md"]
    assert "2 briefings (1 restricted)" in pages["verification/index.md"]
    assert label in pages["actors/jane-example.md"]


def test_a_clear_briefing_has_no_label_on_the_internal_site(tmp_path: Path) -> None:
    pages = _pages(_folder(tmp_path, "CLEAR"), INTERNAL)

    assert not any("briefing-tlp" in page for page in pages.values())
    assert "restricted" not in pages["tags/index.md"]


def test_the_public_site_of_the_same_folder_has_no_trace_of_the_restricted_one(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, "AMBER")

    internal = _pages(folder, INTERNAL)
    public = _pages(folder, PRIVATE)

    assert "briefings/sample-briefing.md" in internal
    assert "briefings/sample-briefing.md" not in public
    assert not any("TLP:" in page or "restricted" in page for page in public.values())


def test_the_internal_site_has_no_feed_and_its_data_page_says_why(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "AMBER")

    internal = site_output(load_archive(folder, NOW, desk=INTERNAL), TEMPLATES, SITE)
    public = site_output(load_archive(folder, NOW, desk=PRIVATE), TEMPLATES, SITE)

    assert FEED not in internal.files
    assert internal.files[ROBOTS] == b"User-agent: *\nDisallow: /\n"
    assert "it has no feed" in internal.pages["api.md"]
    assert "[feed.xml](feed.xml)" not in internal.pages["api.md"]
    assert FEED in public.files
    assert "[feed.xml](feed.xml)" in public.pages["api.md"]
