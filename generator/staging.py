"""A site built beside the one readers see, and put in its place only once the whole build
has succeeded: a build that fails, however late, leaves the previous site as it was.

The MkDocs plugin builds `mkdocs build` and `gh-deploy` this way (`generator.plugin`). A build
learns that it succeeded later than it writes its last file: MkDocs' strict mode counts the
warnings after the plugins' `on_post_build`, and may still fail the build then.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class StagedSite:
    """The site for `site_dir`, built into the hidden folder `.<name>.building` beside it, on
    the same file system, so that putting it in place is two renames.

    `begin` gives the folder to build into; `succeeded` and `failed` say how the build went,
    the last of them counting; `finish` puts the built site in place of `site_dir`, or throws
    it away. A build that never said it succeeded (failed before its end, interrupted) never
    replaces the site, and no staging folder outlives `finish`.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.folder = site_dir.with_name(f".{site_dir.name}.building")
        self._previous = site_dir.with_name(f".{site_dir.name}.previous")
        self._succeeded = False

    def begin(self) -> Path:
        """The empty folder to build into; what a build that was killed left there is removed,
        so that none of it is published with this one."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._succeeded = False
        return self.folder

    def succeeded(self) -> None:
        """The build wrote the whole site."""
        self._succeeded = True

    def failed(self) -> None:
        """The build failed, even after `succeeded`."""
        self._succeeded = False

    def finish(self) -> bool:
        """Put the built site in place of `site_dir`, whose old content is removed, if the
        build succeeded; else remove it and leave `site_dir` as it was. Whether the built site
        was put in place."""
        if not self._succeeded:
            shutil.rmtree(self.folder, ignore_errors=True)
            return False
        # The old site is moved aside rather than deleted first, so that site_dir is missing
        # for the instant between two renames only; a swap that was killed leaves it there.
        shutil.rmtree(self._previous, ignore_errors=True)
        if self.site_dir.exists():
            self.site_dir.rename(self._previous)
        self.folder.rename(self.site_dir)
        shutil.rmtree(self._previous, ignore_errors=True)
        self._succeeded = False
        return True
