"""Who may read what: the repository the briefings live in, and whom a build is for (SPEC §4a).

A repository is a publication channel too: whatever is committed to a public one can be read by
anyone on GitHub, at once, and stays in its history after the file is deleted. So with
`repository: public` (the default), a briefing that is not fit for everyone (a `tlp` other than
CLEAR, or an embargo not yet over) is an error wherever the folder is checked: `briefings check`,
the pre-commit hook and the build. A build for `audience: internal` also shows published GREEN,
AMBER and AMBER+STRICT briefings, for a site served to the desk alone.

Both settings are options of the `briefings` MkDocs plugin, overridden by the environment
variables BRIEFINGS_REPOSITORY and BRIEFINGS_AUDIENCE; `project_options` reads them from
`mkdocs.yml` without MkDocs, for the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml_env_tag import construct_env_tag

from .errors import BriefingError

E = TypeVar("E", bound=StrEnum)

PRIVATE_DESK = 'README, "Private desk"'


class Repository(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class Audience(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


class DeskError(ValueError):
    """A setting with a value it cannot have, said in one line."""


@dataclass(frozen=True)
class Desk:
    """Where the briefings live and whom this build is for; by default, a public repository
    and a public site, so that nothing is allowed that is not fit for everyone."""

    repository: Repository = Repository.PUBLIC
    audience: Audience = Audience.PUBLIC


PUBLIC_DESK = Desk()


def _choice(kind: type[E], name: str, value: object, origin: str) -> E:
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        allowed = " or ".join(member.value for member in kind)
        raise DeskError(f"{origin}: {name} must be {allowed}, not {value!r}") from None


def desk_of(options: Mapping[str, object], environ: Mapping[str, str]) -> Desk:
    """The desk as configured: the environment variable over the option, over the default."""
    settings: dict[str, Any] = {}
    for name, kind in (("repository", Repository), ("audience", Audience)):
        variable = f"BRIEFINGS_{name.upper()}"
        if environ.get(variable):
            settings[name] = _choice(kind, name, environ[variable], variable)
        elif options.get(name) is not None:
            settings[name] = _choice(kind, name, options[name], "mkdocs.yml")
    return Desk(**settings)


class _ConfigLoader(yaml.SafeLoader):
    """Reads an mkdocs.yml: `!ENV` as MkDocs resolves it; any other tag (Python names,
    `!relative`) as nothing, since only the briefings plugin's plain options are wanted."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


CONFIG_FILES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")
"""Where the engine's configuration is looked for, in ProperDocs' order (MkDocs reads the
last two): a project moved to ProperDocs renames mkdocs.yml to properdocs.yml."""


def config_file_in(folder: Path) -> Path:
    """The engine's configuration file in `folder`; mkdocs.yml when there is none."""
    return next((folder / name for name in CONFIG_FILES if (folder / name).is_file()),
                folder / "mkdocs.yml")  # fmt: skip


def project_options(config_file: Path) -> dict[str, object]:
    """The options of the `briefings` plugin in an mkdocs.yml; {} when there is no such file or
    the plugin is listed without options. Raises DeskError when the file cannot be read."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise DeskError(f"{config_file}: cannot be read: {error}") from None
    try:
        config = yaml.load(text, Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise DeskError(f"{config_file}: not valid YAML: {error}") from None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    # MkDocs accepts the plugins as a list of names and {name: options}, or as one mapping.
    entries = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        entries = [item for entry in plugins if isinstance(entry, dict) for item in entry.items()]
    for name, options in entries:
        if name == "briefings" and isinstance(options, dict):
            return dict(options)
    return {}


@dataclass(frozen=True)
class Exposure:
    """What in a briefing file is not fit for everyone: an error in a public repository from
    the moment it is committed, or, for an embargo, until the embargo ends."""

    error: BriefingError
    until: datetime | None = None


def exposure_errors(
    exposures: tuple[Exposure, ...], desk: Desk, now: datetime
) -> list[BriefingError]:
    if desk.repository is Repository.PRIVATE:
        return []
    return [e.error for e in exposures if e.until is None or e.until > now]


def restricted_message(label: str) -> tuple[str, str]:
    """What is wrong with a briefing not marked TLP:CLEAR in a public repository, and the fix."""
    return (
        f"TLP:{label} in a public repository: anyone can read this file on GitHub, and it "
        "stays in the history even once deleted",
        f"keep briefings that are not TLP:CLEAR in a private repository with "
        f"repository: private ({PRIVATE_DESK}); write tlp: CLEAR only if anyone may read it",
    )


def embargo_message(until: datetime) -> tuple[str, str]:
    return (
        f"embargoed until {until.isoformat()} in a public repository: anyone can read this "
        "file on GitHub before then, and it stays in the history even once deleted",
        f"keep embargoed briefings in a private repository with repository: private "
        f"({PRIVATE_DESK}), or commit this one only once its embargo has ended",
    )


def visibility_problem(desk: Desk, visibility: str) -> str | None:
    """What is wrong when the repository's real visibility on GitHub (public, private or
    internal) contradicts the desk's settings; None when nothing is."""
    if visibility.strip().lower() != "public":
        return None
    if desk.repository is Repository.PRIVATE:
        return (
            "repository: private, but this repository is public on GitHub: every briefing in "
            "it can be read by anyone; move them to a private repository, or set "
            "repository: public"
        )
    if desk.audience is Audience.INTERNAL:
        return (
            "audience: internal, but this repository is public on GitHub: an internal site "
            "must not be published from it; build it only in a private repository"
        )
    return None
