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


async def _index(site_dir: Path) -> int:
    config: IndexConfig = {
        # Permalink anchors ("¶") would otherwise end every result title.
        "exclude_selectors": [".headerlink"],
        # Written when the context closes; a relative path would land in the working folder.
        "output_path": str((site_dir / BUNDLE).resolve()),
    }
    async with PagefindIndex(config=config) as index:
        indexed = await index.add_directory(str(site_dir))
    return int(indexed["page_count"])


def index_site(site_dir: Path) -> int:
    """Index every page of a built site for search, into `site_dir/pagefind/`; return how
    many pages were indexed."""
    return asyncio.run(_index(site_dir))
