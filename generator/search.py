"""Full-text search of the built site, indexed with Pagefind.

Pagefind reads the built HTML and writes a static index and its scripts to `site/pagefind/`;
the browser downloads only the parts of the index a query needs. It stems and splits words per
language and script, so one index serves English, Cyrillic ("Пескова" finds "Песков") and
Persian/Arabic text alike. Only content inside `data-pagefind-body` is indexed (see
`theme/main.html`), and only public pages exist in the built site to begin with.

Pagefind runs as its command-line program (shipped by `pagefind[bin]`), not through its
Python API: the API stops its indexing process as soon as that process acknowledges the
request to write, and on a busy machine files such as `pagefind-entry.json` were then
missing. The program exits only once every file is written.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds what it printed."""


def index_site(site_dir: Path, language: str = "en") -> int:
    """Index every page of a built site for search, into `site_dir/pagefind/`; return how
    many pages were indexed.

    One index for the whole site, in the site's `language`, whatever language a page is in:
    Pagefind would otherwise make one index per page language, and a search would find only
    the pages in the language of the page it is typed on."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--output-path", str(site_dir / BUNDLE),
        "--force-language", language,
        # Permalink anchors ("¶") would otherwise end every result title.
        "--exclude-selectors", ".headerlink",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    counted = re.search(r"Indexed (\d+) pages?", result.stdout)
    if result.returncode != 0 or counted is None:
        raise SearchIndexError(f"Pagefind failed:\n{result.stdout}{result.stderr}".strip())
    return int(counted[1])
