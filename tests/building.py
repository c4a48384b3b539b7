"""Build a copy of the project with MkDocs, and read the pages it writes."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from .conftest import FIXTURES, ROOT

CARD_CACHE = ROOT / ".cache" / "test-cards"
"""Share cards kept for every build of the test run (`generator.cards`): a card is drawn once
for all the builds that show it, as a desk's builds share theirs."""


def copy_project(target: Path, briefings: Path = ROOT / "briefings", **options: str | int) -> Path:
    """A copy of the project with these briefings, and these options of the briefings plugin
    written into its mkdocs.yml (e.g. repository="private" for the fixture archive, whose
    restricted drafts and embargoes only a private repository may hold). Its share cards are
    kept in `CARD_CACHE` unless `cache_dir` says otherwise."""
    options.setdefault("cache_dir", str(CARD_CACHE))
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "theme"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    shutil.copytree(briefings, target / "briefings")
    if options:
        config = target / "mkdocs.yml"
        written = "".join(f"      {name}: {value}\n" for name, value in options.items())
        text = config.read_text(encoding="utf-8")
        assert "  - briefings:\n" in text
        config.write_text(text.replace("  - briefings:\n", f"  - briefings:\n{written}"), "utf-8")
    return target


def build(
    project: Path, *args: str, env: dict[str, str] | None = None, engine: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in the project, at a fixed instant, with these variables set;
    or the same with `engine`, a drop-in continuation of MkDocs such as ProperDocs."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1795608000",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def site_digests(site: Path) -> dict[str, str]:
    """The SHA-256 of every file of a built site, by its path in the site."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in site_files(site).items()}


def with_a_persian_copy(briefings: Path) -> Path:
    """The valid fixture in `briefings`, and its briefing again as one written in Persian
    (`lang: fa`, id sample-briefing-fa, its title begun in Persian)."""
    shutil.copytree(FIXTURES / "valid", briefings, dirs_exist_ok=True)
    text = (briefings / "sample-briefing.yaml").read_text(encoding="utf-8")
    persian = text.replace("id: sample-briefing\n", "id: sample-briefing-fa\nlang: fa\n", 1)
    persian = persian.replace(
        "title: Sample agency says", "title: آژانس نمونه می‌گوید — Sample agency says", 1
    )
    (briefings / "sample-briefing-fa.yaml").write_text(persian, encoding="utf-8")
    return briefings


def zensical_recipe() -> str:
    """The shell lines of the README's Zensical recipe, but for installing Zensical."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Build with another engine", 1)[1].split("\n## ", 1)[0]
    blocks = [part.split("```", 1)[0] for part in section.split("```sh\n")[1:]]
    [block] = [block for block in blocks if "zensical build" in block]
    return "\n".join(line for line in block.splitlines() if not line.startswith("pip install"))


def build_with_zensical(
    project: Path, site_url: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The README's Zensical recipe run in the project, for the site at `site_url`, at the
    same instant as `build`; the site is then in project/build/site."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "SOURCE_DATE_EPOCH": "1795608000",
        **(env or {}),
    }
    recipe = zensical_recipe().replace("https://newsroom.example.org/", site_url)
    return subprocess.run(
        ["bash", "-e", "-c", recipe], cwd=project, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def built_site(target: Path, briefings: Path, **options: str | int) -> Path:
    """The site a copy of the project in `target` builds from these briefings and plugin
    options (see `copy_project`); the build must succeed."""
    project = copy_project(target, briefings, **options)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


class PageText(HTMLParser):
    """The visible text of a page, and its ids and in-page links."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.fragments: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if found.get("id"):
            self.ids.add(str(found["id"]))
        href = found.get("href") or ""
        if tag == "a" and href:
            self.links.append(href)
        if href.startswith("#") and len(href) > 1:
            self.fragments.append(href[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    @property
    def words(self) -> str:
        """The visible text with whitespace collapsed."""
        return " ".join("".join(self.text).split())


def page_of(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
