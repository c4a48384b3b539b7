"""Briefings written from real, public reporting (tests/fixtures/real/), built with MkDocs and
read back from the pages as a reader sees them.

Each fixture cites the articles it was written from in its `sources`. The expectations below
name, per claim, the people and bodies the source articles put on each side: they were
written from those articles, not from the pages, and the pages must agree with them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import extruct
import lxml.html
import pytest
import yaml

from generator.archive import load_archive
from generator.locale import locale_for

from .building import built_site
from .conftest import FIXTURES, NOW, ROOT

REAL = FIXTURES / "real"
STORIES = sorted(path.stem for path in REAL.glob("*.yaml"))

Sides = dict[str, set[str]]

# Per claim, the actors the sources put under each stance (by name, as the page shows them);
# under "mentions", those who refer to the claim and take no side on it anywhere.
EXPECTED: dict[str, dict[str, Sides]] = {
    # The desk's first briefing, the day after: what was said by 18 October 2023.
    "al-ahli-hospital-explosion-first-reports": {
        "israeli-air-strike-caused-explosion": {
            "supports": {
                "Ministry of Health in Gaza", "Ashraf al-Qidra", "Hamas",
                "Palestinian Islamic Jihad",
            },
            "contradicts": {"Daniel Hagari", "Adrienne Watson"},
            "questions": {"Israel Defense Forces"},
            "mentions": set(),
        },
        "misfired-palestinian-rocket-caused-explosion": {
            "supports": {"Daniel Hagari"},
            "contradicts": {"Palestinian Islamic Jihad"},
            "questions": set(),
            "mentions": set(),
        },
        "death-toll-471": {
            "supports": {"Ministry of Health in Gaza"},
            "contradicts": set(),
            "questions": set(),
            "mentions": {"Ashraf al-Qidra"},
        },
    },
    "al-ahli-hospital-explosion": {
        "israeli-air-strike-caused-explosion": {
            "supports": {
                "Ministry of Health in Gaza", "Ashraf al-Qidra", "Hamas",
                "Palestinian Islamic Jihad", "Basem Naim",
            },
            "contradicts": {
                "Daniel Hagari", "Joe Biden", "Adrienne Watson", "U.S. intelligence community",
                "French Directorate of Military Intelligence", "The Associated Press",
                "Human Rights Watch",
            },
            "questions": {"Israel Defense Forces"},
            "mentions": {"Ida Sawyer"},
        },
        "misfired-palestinian-rocket-caused-explosion": {
            "supports": {
                "Daniel Hagari", "Joe Biden", "French Directorate of Military Intelligence",
                "The Associated Press", "Human Rights Watch", "Emmanuel Nahshon",
            },
            "contradicts": {"Palestinian Islamic Jihad", "Basem Naim"},
            "questions": {"The New York Times", "Aric Toler", "Basem Naim"},
            "mentions": {"U.S. intelligence community", "Ida Sawyer"},
        },
        "death-toll-471": {
            "supports": {"Ministry of Health in Gaza"},
            "contradicts": {
                "U.S. intelligence community", "Daniel Hagari",
                "French Directorate of Military Intelligence",
            },
            "questions": {"Human Rights Watch"},
            "mentions": {"Ashraf al-Qidra"},
        },
    },
    "bolsonaro-ambassadors-voting-machines": {
        "hacker-could-alter-votes": {
            "supports": {"Jair Bolsonaro"},
            "contradicts": {
                "Tribunal Superior Eleitoral (TSE)", "Giuseppe Janino",
                "Victor Neves Feitosa Campos", "Estadão Verifica",
            },
            "questions": set(),
            "mentions": set(),
        },
        "tse-systems-hacked-2018": {
            "supports": {"Jair Bolsonaro", "Tribunal Superior Eleitoral (TSE)", "Estadão Verifica"},
            "contradicts": set(),
            "questions": set(),
            "mentions": set(),
        },
        "only-three-countries-paperless": {
            "supports": {"Jair Bolsonaro", "Folha de S.Paulo"},
            "contradicts": {"Tribunal Superior Eleitoral (TSE)", "Estadão Verifica"},
            "questions": set(),
            "mentions": set(),
        },
        "fraud-in-2018-election": {
            "supports": {"Jair Bolsonaro"},
            "contradicts": {
                "Tribunal Superior Eleitoral (TSE)", "Edson Fachin",
                "Victor Neves Feitosa Campos", "U.S. Embassy in Brasília", "Aos Fatos",
            },
            "questions": set(),
            "mentions": set(),
        },
        "outsourced-company-counts-votes": {
            "supports": {"Jair Bolsonaro"},
            "contradicts": {"Tribunal Superior Eleitoral (TSE)", "Estadão Verifica"},
            "questions": set(),
            "mentions": set(),
        },
        "system-cannot-be-audited": {
            "supports": {"Jair Bolsonaro"},
            "contradicts": {"Tribunal Superior Eleitoral (TSE)", "Aos Fatos"},
            "questions": set(),
            "mentions": set(),
        },
        "meeting-breached-electoral-law": {
            "supports": {
                "Opposition parties (PDT, PT, Rede, PCdoB)", "Maria Claudia Bucchianeri",
                "Tribunal Superior Eleitoral (TSE)", "Benedito Gonçalves", "Cármen Lúcia",
            },
            "contradicts": {
                "Partido Liberal (PL)", "Jair Bolsonaro's legal defence",
                "Tarcísio Vieira de Carvalho Neto",
            },
            "questions": set(),
            "mentions": {"Palácio do Planalto (Presidency of Brazil)", "Edson Fachin"},
        },
    },
    "tianjin-video-shared-as-mossad-explosion": {
        "video-shows-mossad-hq-explosion": {
            "supports": {
                "Unnamed X user", 'Social media users sharing the "Mossad headquarters" caption',
                "Social media users posting the Arabic-language caption",
            },
            "contradicts": {"Full Fact", "Logically Facts", "Misbar", "Kashif"},
            "questions": set(),
            "mentions": set(),
        },
        "video-shows-tianjin-2015-explosions": {
            "supports": {
                "Full Fact", "Logically Facts", "Misbar", "Kashif", "Hong Kong Free Press",
                "BBC News", "The Guardian",
            },
            "contradicts": set(),
            "questions": set(),
            "mentions": set(),
        },
        "iran-missile-attack-2024-10-01": {
            "supports": {"Full Fact", "Iranian Revolutionary Guard", "Channel 12"},
            "contradicts": set(),
            "questions": set(),
            "mentions": set(),
        },
    },
    # The desk's first briefing on the Kakhovka dam, four days after it was breached.
    "kakhovka-dam-destruction-first-reports": {
        "russian-forces-blew-up-dam": {
            "supports": {"Volodymyr Zelensky", "Ukrhydroenergo", "VoxCheck"},
            "contradicts": {"Dmitry Peskov"},
            "questions": {"John Kirby"},
            "mentions": {"The New York Times", "NORSAR"},
        },
        "ukrainian-forces-destroyed-dam": {
            "supports": {"Dmitry Peskov", "Vladimir Leontyev", "Maria Zakharova"},
            "contradicts": {"Volodymyr Zelensky", "VoxCheck"},
            "questions": {"The New York Times"},
            "mentions": set(),
        },
        "dam-failed-from-earlier-damage": {
            "supports": {"Maria Zakharova"},
            "contradicts": {"NORSAR", "VoxCheck"},
            "questions": {"The New York Times"},
            "mentions": set(),
        },
        "thousands-evacuated": {
            "supports": {"Oleksandr Prokudin", "The Associated Press"},
            "contradicts": set(),
            "questions": set(),
            "mentions": set(),
        },
    },
    "kakhovka-dam-destruction": {
        "russian-forces-blew-up-dam": {
            "supports": {
                "The New York Times", "Catriona Murdoch", "Global Rights Compliance",
                "Andriy Kostin",
            },
            "contradicts": set(),
            "questions": set(),
            "mentions": {"NORSAR"},
        },
        "ukrainian-forces-destroyed-dam": {
            "supports": {"Vladimir Putin"},
            "contradicts": {"The Associated Press"},
            "questions": set(),
            "mentions": set(),
        },
        "dam-failed-from-earlier-damage": {
            "supports": set(),
            "contradicts": {"The New York Times", "Global Rights Compliance", "NORSAR"},
            "questions": set(),
            "mentions": set(),
        },
        "death-toll-59": {
            "supports": {"Russian-installed authorities in the Kherson region"},
            "contradicts": {"The Associated Press", "Health workers in Oleshky"},
            "questions": set(),
            "mentions": set(),
        },
    },
    # In Russian: its page names each actor as the Russian page does.
    "kakhovka-dam-video-from-november-2022": {
        "video-shows-dam-blown-up-6-june": {
            "supports": {
                "Ukraine Front Lines",
                "Пользователь TikTok, опубликовавший видео с подписью на арабском",
            },
            "contradicts": {
                "War in Ukraine", "Snopes", "India Today", "Lead Stories", "Check Your Fact",
                "Konkret24", "StopFake",
            },
            "questions": set(),
            "mentions": set(),
        },
        "video-shows-bridge-blast-2022": {
            "supports": {
                "Лента.ру", "novosti.dn.ua", "GeoConfirmed", "War in Ukraine", "Snopes",
                "India Today", "Lead Stories", "Check Your Fact", "StopFake",
            },
            "contradicts": set(),
            "questions": set(),
            "mentions": set(),
        },
        "russian-troops-blew-up-bridge": {
            "supports": {"novosti.dn.ua", "India Today", "StopFake"},
            "contradicts": set(),
            "questions": {"GeoConfirmed"},
            "mentions": {"Лента.ру"},
        },
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("real"), REAL)


def _page(site: Path, story: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / "briefings" / story / "index.html")).getroot()


def _sides(page: lxml.html.HtmlElement, claim: str) -> dict[str, list[str]]:
    """The statements under each stance of one claim, as links to them: 'statement-<id>'."""
    box = page.xpath(f'//h3[@id="claim-{claim}"]/following-sibling::div[1]')[0]
    found: dict[str, list[str]] = defaultdict(list)
    for stance in ("supports", "contradicts", "questions"):
        for link in box.xpath(f'.//section[contains(@class, "briefing-stance--{stance}")]//a'):
            found[stance].append(link.get("href").removeprefix("#"))
    for link in box.xpath('.//p[@class="briefing-mentions"]/a'):
        found["mentions"].append(link.get("href").removeprefix("#"))
    return found


def _names(page: lxml.html.HtmlElement, anchors: list[str]) -> set[str]:
    """The actor of each statement, as the Statements section names its group."""
    names = set()
    for anchor in anchors:
        group = page.xpath(f'//div[@id="{anchor}"]/ancestor::details[@id][1]')[0]
        names.add(group.xpath('./summary/strong[@class="briefing-actor__name"]')[0].text_content())
    return names


def test_there_are_real_stories_to_read() -> None:
    assert len(STORIES) >= 3
    assert set(STORIES) == set(EXPECTED)


def test_every_real_story_is_valid_and_public() -> None:
    archive = load_archive(REAL, NOW)

    assert archive.errors == ()
    assert sorted(b.id for b in archive.shown) == STORIES


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_each_claim_names_the_people_on_each_side_as_the_sources_do(site: Path, story: str) -> None:
    page = _page(site, story)

    for claim, expected in EXPECTED[story].items():
        found = _sides(page, claim)
        shown = {stance: _names(page, found[stance]) for stance in expected}
        assert shown == expected, claim


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_every_statement_is_under_the_stance_its_about_gives_and_nowhere_else(
    site: Path, story: str
) -> None:
    data = yaml.safe_load((REAL / f"{story}.yaml").read_text(encoding="utf-8"))
    page = _page(site, story)

    for claim in data["claims"]:
        found = _sides(page, claim["id"])
        about = [(s, (s.get("about") or {}).get(claim["id"])) for s in data["statements"]]
        sided = {s["actor"] for s, stance in about if stance and stance != "mentions"}
        named: set[str] = set()  # those who take no side are named once, by their first
        for statement, stance in about:
            anchor = f"statement-{statement['id']}"
            where = [side for side, anchors in found.items() if anchor in anchors]
            if stance == "mentions" and (statement["actor"] in sided | named):
                stance = None
            named |= {statement["actor"]} if stance == "mentions" else set()
            assert where == ([stance] if stance else []), (claim["id"], statement["id"])
            assert all(anchors.count(anchor) <= 1 for anchors in found.values())


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_each_statement_says_in_words_what_it_says_of_each_claim(site: Path, story: str) -> None:
    data = yaml.safe_load((REAL / f"{story}.yaml").read_text(encoding="utf-8"))
    page = _page(site, story)
    numbers = {claim["id"]: n for n, claim in enumerate(data["claims"], start=1)}
    words = locale_for(data.get("lang", "en"))  # "Supports claim 2", "Подтверждает утверждение 2"

    for statement in data["statements"]:
        box = page.xpath(f'//div[@id="statement-{statement["id"]}"]')[0]
        said = [
            " ".join(item.text_content().split())
            for item in box.xpath('.//li[contains(@class, "briefing-position")]')
        ]
        about = sorted((statement.get("about") or {}).items(), key=lambda i: numbers[i[0]])
        expected = []
        for claim, stance in about:
            number = words.word("statement.claim-number", number=words.number(numbers[claim]))
            expected.append(f"{words.word(f'stance.{stance}')} {number}")
        assert [line.split(":")[0] for line in said] == expected


@pytest.mark.slow
def test_the_story_shows_each_verdict_on_the_hospital_explosion_as_it_moved(site: Path) -> None:
    """The first briefing (18 October 2023) and the one after Human Rights Watch's report
    (27 November), with the change the later one records in between (20 October)."""
    story = site / "stories" / "al-ahli-hospital-explosion-first-reports" / "index.html"
    page = lxml.html.parse(str(story)).getroot()

    strips = {
        " ".join(line.xpath(".//h3")[0].text_content().split()): [
            " ".join(step.xpath('./span[@class="story-step__state"]')[0].text_content().split()[1:])
            + ", "
            + step.xpath('./span[@class="story-step__date"]')[0].text_content()
            for step in line.xpath('.//li[contains(@class, "story-step")]')
        ]
        for line in page.xpath('//section[@class="story-line"]')
    }
    assert strips == {
        "An Israeli air strike caused the explosion at al-Ahli Arab Hospital in Gaza City on "
        "17 October 2023.": [
            "Unverified, as of 18 October 2023",
            "Disputed, as of 20 October 2023",
            "Unfounded, as of 27 November 2023",
        ],
        "A misfired rocket launched by a Palestinian armed group caused the explosion at al-Ahli "
        "Arab Hospital.": [
            "Unverified, as of 18 October 2023",
            "Partially verified, as of 27 November 2023",
        ],
        "The explosion killed 471 people, the figure given by the Gaza Ministry of Health.": [
            "Unverified, as of 18 October 2023",
            "Disputed, as of 27 November 2023",
        ],
    }
    first = _page(site, "al-ahli-hospital-explosion-first-reports")
    since = first.xpath('//p[contains(@class, "briefing-since--key")]')[0]
    assert " ".join(since.text_content().split()) == (
        "Since then: ∅ Unfounded on 27 November 2023, in Explosion at al-Ahli Arab Hospital in "
        "Gaza City — air strike or misfired rocket? How the story developed."
    )


@pytest.mark.slow
def test_competing_death_tolls_are_shown_together_under_the_claim(site: Path) -> None:
    page = _page(site, "al-ahli-hospital-explosion")

    box = page.xpath('//h3[@id="claim-death-toll-471"]/following-sibling::div[1]')[0]
    table = box.xpath('.//table[contains(@class, "briefing-figures")]')[0]
    rows = [
        [" ".join(cell.text_content().split()) for cell in row.xpath("./td[not(@aria-hidden)]")]
        for row in table.xpath(".//tbody/tr")
    ]

    assert "killed" in table.xpath(".//caption")[0].text_content()
    figures = {(who, figure) for who, figure, _, _ in rows}
    assert ("Ministry of Health in Gaza", "471") in figures
    assert ("Ashraf al-Qidra", "at least 500") in figures
    assert ("U.S. intelligence community", "100\N{EN DASH}300") in figures
    assert ("Ministry of Health in Gaza", "200\N{EN DASH}300") in figures


@pytest.mark.slow
def test_a_portuguese_quote_is_shown_as_said_with_the_desks_translation(site: Path) -> None:
    page = _page(site, "bolsonaro-ambassadors-voting-machines")

    box = page.xpath('//div[@id="statement-bolsonaro-eight-months"]')[0]
    quote = box.xpath(".//blockquote")[0]
    translation = box.xpath('.//p[@class="briefing-translation"]')[0].text_content()

    assert quote.get("lang") == "pt-BR"
    assert "os hackers ficaram por oito meses" in quote.text_content()
    assert translation.startswith("Translation by the desk, from Portuguese (Brazil):")
    assert "“" not in translation


@pytest.mark.slow
def test_a_reply_links_to_the_statement_it_answers(site: Path) -> None:
    page = _page(site, "bolsonaro-ambassadors-voting-machines")

    reply = page.xpath(
        '//div[@id="statement-tse-france-us"]//p[@class="briefing-statement__reply"]'
    )

    assert reply[0].text_content().startswith("In reply to Jair Bolsonaro: claim")
    assert reply[0].xpath(".//a")[0].get("href") == "#statement-bolsonaro-only-two-countries"
    # And the statement answered links back to every answer.
    answered = page.xpath(
        '//div[@id="statement-bolsonaro-only-two-countries"]//p[@class="briefing-statement__reply"]'
    )
    assert answered[0].text_content().startswith("Answered by ")
    assert "#statement-tse-france-us" in [a.get("href") for a in answered[0].xpath(".//a")]


@pytest.mark.slow
def test_a_recycled_video_is_shown_first_seen_years_before_the_event(site: Path) -> None:
    page = _page(site, "tianjin-video-shared-as-mossad-explosion")

    item = page.xpath('//li[@id="evidence-tianjin-explosion-clip"]')[0]
    text = " ".join(item.text_content().split())

    assert "first seen 14 August 2015" in text
    assert "Miscaptioned" in text


@pytest.mark.slow
def test_the_structured_data_reviews_the_video_and_names_who_made_the_claim(site: Path) -> None:
    html = site / "briefings" / "tianjin-video-shared-as-mossad-explosion" / "index.html"
    data = extruct.extract(html.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    reviews = {item["@type"]: item for item in data if item["@type"] != "NewsArticle"}
    claim = next(
        item for item in data
        if item["@type"] == "ClaimReview" and "Mossad" in item["claimReviewed"]
    )  # fmt: skip

    assert reviews["MediaReview"]["mediaAuthenticityCategory"] == "DecontextualizedContent"
    media = reviews["MediaReview"]["itemReviewed"]["mediaItemAppearance"][0]
    assert media["@type"] == "VideoObject"
    assert media["datePublished"] == "2015-08-14"
    assert claim["reviewRating"]["alternateName"] == "False"
    # The claim's author is one who shared it, never a fact-checker who rated it false.
    sides = EXPECTED["tianjin-video-shared-as-mossad-explosion"]["video-shows-mossad-hq-explosion"]
    assert claim["itemReviewed"]["author"]["name"] in sides["supports"]
    # The posts that made the claim are known only through the fact-checks that rated it:
    # none of those is where the claim appeared.
    data = yaml.safe_load((REAL / f"{html.parent.name}.yaml").read_text(encoding="utf-8"))
    rated = {
        s for said in data["statements"] if said["kind"] == "assessment" for s in said["sources"]
    }
    fact_checks = {source["url"] for source in data["sources"] if source["id"] in rated}
    item = claim["itemReviewed"]
    places = [item.get("firstAppearance", {}), *item.get("appearance", [])]
    assert fact_checks
    assert {place.get("url") for place in places} & fact_checks == set()


def test_the_readme_example_of_about_is_a_statement_of_a_real_story() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("of the 2023 al-Ahli hospital explosion:\n\n```yaml\n")[1].split("```")[
        0
    ]
    data = yaml.safe_load((REAL / "al-ahli-hospital-explosion.yaml").read_text(encoding="utf-8"))

    assert yaml.safe_load(example)[0] in data["statements"]


# --- The Kakhovka dam: a story over three briefings, one of them in Russian ---------------------

KAKHOVKA = "kakhovka-dam-destruction"
FIRST = f"{KAKHOVKA}-first-reports"
VIDEO = "kakhovka-dam-video-from-november-2022"


def _statement(site: Path, story: str, statement: str) -> lxml.html.HtmlElement:
    return _page(site, story).xpath(f'//div[@id="statement-{statement}"]')[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("reply", "answered"),
    [
        ("nyt-no-accident", "zakharova-methodical-attacks"),
        ("ap-russian-versions-fail", "peskov-deliberate-sabotage"),
    ],
)
def test_a_reply_six_months_on_links_to_the_words_it_answers_and_back(
    site: Path, reply: str, answered: str
) -> None:
    later = _statement(site, KAKHOVKA, reply)
    earlier = _statement(site, FIRST, answered)

    back = later.xpath('.//p[@class="briefing-statement__reply"]/a/@href')[0]
    forth = earlier.xpath('.//p[@class="briefing-statement__reply"]/a/@href')
    assert back == f"../{FIRST}/#statement-{answered}"
    assert f"../{KAKHOVKA}/#statement-{reply}" in forth


@pytest.mark.slow
def test_a_review_the_later_briefing_did_is_not_overdue_on_the_first_page(site: Path) -> None:
    text = " ".join(_page(site, FIRST).xpath("//article")[0].text_content().split())

    assert "Since then: ◐ Partially verified" in text
    assert "Review overdue" not in text
    assert "Review by" not in text


def _claim_reviews(site: Path, story: str) -> dict[str, dict[str, object]]:
    html = (site / "briefings" / story / "index.html").read_text(encoding="utf-8")
    return {
        item["url"].rsplit("#claim-", 1)[1]: item["itemReviewed"]
        for item in extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        if item["@type"] == "ClaimReview"
    }


@pytest.mark.slow
def test_a_claim_appeared_where_the_desk_recorded_it_never_on_the_fact_checks(
    site: Path,
) -> None:
    reviewed = _claim_reviews(site, VIDEO)

    def places(claim: str) -> list[tuple[str, str | None]]:
        item = reviewed[claim]
        found = [item["firstAppearance"], *item.get("appearance", [])]  # type: ignore[list-item]
        return [(place["url"], place.get("datePublished")) for place in found]

    # The post that shared the 2022 video as the dam's destruction.
    assert places("video-shows-dam-blown-up-6-june") == [
        ("https://pic.twitter.com/GMaarExZEn", "2023-06-06")
    ]
    # The video as first published, in November 2022: dated first, the undated after.
    assert places("video-shows-bridge-blast-2022") == [
        ("https://t.co/lkls1vbKVU", "2022-11-12"),
        ("https://lenta.ru/news/2022/11/12/vidd/amp", None),
    ]
    page = " ".join(_page(site, VIDEO).xpath("//article")[0].text_content().split())
    assert "Впервые замечено" in page or "Впервые" in page


@pytest.mark.slow
def test_the_russian_briefing_speaks_russian_outside_its_quotes(site: Path) -> None:
    from .test_languages import _QUOTED, _english_interface, _read_in

    data = yaml.safe_load((REAL / f"{VIDEO}.yaml").read_text(encoding="utf-8"))
    [article] = _page(site, VIDEO).xpath("//article")
    text = _QUOTED.sub(" ", " ".join(" ".join(_read_in(article, "ru")).split()))
    # The outlets' names are names ("Lead Stories"), whatever words they are made of.
    for outlet in sorted({source["outlet"] for source in data["sources"]}, key=len, reverse=True):
        text = text.replace(outlet, " ")

    assert _english_interface().findall(text) == []
    assert "Ложно" in text
