"""Full-text search of the built site, indexed with Pagefind.

Pagefind reads the built HTML and writes a static index and its scripts to `site/pagefind/`;
the browser downloads only the parts of the index a query needs. It stems and splits words per
language and script, so one index serves English, Cyrillic ("Пескова" finds "Песков") and
Persian/Arabic text alike. Only content inside `data-pagefind-body` is indexed (see
`theme/main.html`), and only public pages exist in the built site to begin with.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"

_CONFIG: IndexConfig = {
    # Permalink anchors ("¶") would otherwise end every result title.
    "exclude_selectors": [".headerlink"],
    "output_path": BUNDLE,
}


async def _index(site_dir: Path) -> int:
    async with PagefindIndex(config=_CONFIG) as index:
        indexed = await index.add_directory(str(site_dir))
        await index.write_files(output_path=str(site_dir / BUNDLE))
    return int(indexed["page_count"])


def index_site(site_dir: Path) -> int:
    """Index every page of a built site for search; return how many pages were indexed."""
    return asyncio.run(_index(site_dir))
