"""A briefing in Persian, read in a real browser: right to left, in Persian, in both palettes,
on a phone and a desktop, with no serious accessibility violation; and search typed in each
language of the site, on an English page and on a Persian one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .test_accessibility import audit
from .test_reader import _search

pytestmark = pytest.mark.slow

PERSIAN = "briefings/sample-briefing-fa/"


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_no_serious_violation_on_a_persian_page(
    request: pytest.FixtureRequest, persian_site: str, palette: str
) -> None:
    assert audit(request, persian_site + PERSIAN, "persian-briefing", palette) == []


def test_a_persian_page_reads_right_to_left_on_a_phone(phone: Page, persian_site: str) -> None:
    phone.goto(persian_site + PERSIAN)
    banner = phone.locator(".briefing-answer__who")
    box = banner.bounding_box()
    words = phone.locator(".briefing-answer__facts").inner_text()

    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert box is not None
    # Who made the claim ("ادعاکننده: …") is said from the right-hand edge.
    text = banner.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    )
    assert box["x"] + box["width"] - text[1] < text[0] - box["x"]
    assert "ارزیابی در ۱۲ سپتامبر ۲۰۲۴" in words
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_site_name_is_cut_at_its_end_in_a_persian_header(
    phone: Page, persian_site: str
) -> None:
    phone.goto(persian_site + PERSIAN)
    name = phone.locator(".md-header__topic:first-child .md-ellipsis")

    # The English name does not fit beside the buttons at 375 px: its first letters show, and
    # its last ones give way to the ellipsis, as on an English page.
    first, last, box = name.evaluate(
        "e => { const text = e.firstChild; const at = (i) => { const r = document.createRange();"
        " r.setStart(text, i); r.setEnd(text, i + 1); const b = r.getBoundingClientRect();"
        " return [b.left, b.right]; };"
        " const start = text.data.search(/\\S/), end = text.data.trimEnd().length - 1;"
        " const b = e.getBoundingClientRect(); return [at(start), at(end), [b.left, b.right]]; }"
    )
    assert name.evaluate("e => e.scrollWidth > e.clientWidth")  # it is cut
    assert box[0] <= first[0]  # "V" shows
    assert first[1] <= box[1]
    assert last[1] > box[1]  # "s" does not


def test_the_english_page_beside_it_reads_left_to_right(page: Page, persian_site: str) -> None:
    page.goto(persian_site + "briefings/sample-briefing/")

    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize(
    "briefing",
    ["kramatorsk-fake-bbc-video", "irib-strike-no-missile-claim", "kramatorsk-fake-bbc-video-en"],
)
def test_no_serious_violation_on_a_real_briefing_and_its_translation(
    request: pytest.FixtureRequest, multilingual_site: str, briefing: str, palette: str
) -> None:
    url = f"{multilingual_site}briefings/{briefing}/"

    assert audit(request, url, briefing, palette) == []


def test_a_reader_follows_a_translation_into_its_language(
    page: Page, multilingual_site: str
) -> None:
    page.goto(multilingual_site + "briefings/kramatorsk-fake-bbc-video/")
    page.locator(".briefing-translations").get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/briefings/kramatorsk-fake-bbc-video-en/$"))
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator(".briefing-translations")).to_contain_text("Translated from Russian.")
    page.locator(".briefing-translations").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/briefings/kramatorsk-fake-bbc-video/$"))
    assert page.evaluate("document.documentElement.lang") == "ru"


def test_an_actors_name_keeps_its_count_after_it_on_an_english_page(
    page: Page, multilingual_site: str
) -> None:
    page.goto(multilingual_site)
    item = page.locator(".briefing-actors li", has=page.locator('a[href$="actors/factnameh/"]'))

    # Where the name ends and the count begins, left to right: the text after the link, from
    # its separator to its count, lies wholly to the right of the name.
    name, count = item.evaluate(
        "li => { const a = li.querySelector('a').getBoundingClientRect();"
        " const r = document.createRange(); r.setStartAfter(li.querySelector('a'));"
        " r.setEnd(li, li.childNodes.length); const b = r.getBoundingClientRect();"
        " return [[a.left, a.right], [b.left, b.right]]; }"
    )
    assert item.inner_text() == "FactNameh · 2 statements"  # its English name (`names`)
    assert name[1] <= count[0] + 0.5


# --- Search in every language --------------------------------------------------------------------

SEED = "U.S. warns of a firm response to a reported Iranian ballistic-missile transfer to Russia"
KRAMATORSK = "Видео «BBC News» о вине Украины в ударе по вокзалу Краматорска — подделка"
IRIB = "ادعای «هیچ موشکی وارد خاک ایران نشده» درباره‌ی حمله به ساختمان صداوسیما نادرست است"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # "of the Kremlin": the alias Кремль, on the seed's actor and briefing pages in English.
        ("Кремля", ["Kremlin", SEED]),
        # "to Peskov": his name in Russian, a name whose cases Russian stems apart.
        ("Пескову", ["Dmitry Peskov", SEED, KRAMATORSK]),
        # "IRIB", in Persian, written as one word and as three.
        ("صداوسیما", ["Islamic Republic of Iran Broadcasting (IRIB)", IRIB]),
        ("صدا و سیما", ["Islamic Republic of Iran Broadcasting (IRIB)", IRIB]),
        # Israel Katz, by his surname alone and in full.
        ("کاتس", ["Israel Katz", IRIB]),
        ("یسرائیل کاتس", ["Israel Katz", IRIB]),
        # English finds what it found before, and the English translations.
        ("ballistic", [SEED]),
        (
            "Kramatorsk",
            ['The "BBC News" video blaming Ukraine for the strike on Kramatorsk station is a fake'],
        ),
    ],
)
@pytest.mark.parametrize("start", ["", "briefings/irib-strike-no-missile-claim/"])
def test_a_query_in_any_language_finds_its_pages(
    page: Page, multilingual_site: str, start: str, query: str, found: list[str]
) -> None:
    page.goto(multilingual_site + start)

    titles = _search(page, query)

    assert set(found) <= set(titles), titles


def test_the_search_box_counts_in_the_pages_language(page: Page, multilingual_site: str) -> None:
    page.goto(multilingual_site + "briefings/irib-strike-no-missile-claim/")
    _search(page, "کاتس")
    meta = page.locator(".md-search-result__meta")

    expect(meta).to_have_text(re.compile(r"^[۰-۹]+ صفحه پیدا شد$"))
    page.goto(multilingual_site + "briefings/kramatorsk-fake-bbc-video/")
    _search(page, "Пескову")
    expect(meta).to_have_text(re.compile(r"^Найден[аоы] \d+ страниц[аы]?$"))
    _search(page, "qqqzzz")
    expect(meta).to_have_text("Ничего не найдено")
