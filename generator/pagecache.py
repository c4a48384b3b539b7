"""What a build made, kept for the next build, each piece by the digest of everything it was
made from.

A build makes each page twice over: its Markdown from the page's objects through a template
(`generator.render`), then its HTML from that Markdown through the engine, with the site's
configuration, navigation and theme. Both are pure functions of their inputs, so each result is
kept under the digest of its inputs, and a build that finds the digest takes the result instead
of making it again. Nothing is tracked from build to build but digests: a change that reaches a
page changes its digest, wherever it came from, and a page is only reused where a cold build
would make it byte for byte.

- **Sources** (`SourceCache`): a page's Markdown, under the digest of its template's name, its
  address, its language and every object the template is given (`Fingerprints`), in a folder
  named by the digest of the templates, the generator's files and the installed packages.
- **Finished pages** (`PageCache`): a page's HTML, under the digest of its address and its
  Markdown, in a folder named by the digest of everything else the engine renders it with,
  which the engine's adapter works out (`generator.plugin`).

Entries are files, compressed, written aside and renamed, so that builds sharing a cache never
read half of one; an entry a build uses is touched, and `Store.forget_unused` removes those
no build has used since it began, and the folders of settings no longer in use.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path

from pydantic import BaseModel

FORMAT = 2
"""Raise when what an entry holds changes: every page is made again."""

KEPT_SETTINGS = 3
"""Settings whose entries are kept at once (a build's and a preview's, whose site_url differs,
and one more), the most recently used; the entries of older ones are removed."""


def digest(parts: Iterable[str | bytes]) -> str:
    """The SHA-256 of `parts`, each told apart from the next however they are cut."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()


def files_of(folder: Path, skip: tuple[str, ...] = ()) -> Iterator[str | bytes]:
    """The name and bytes of every file under `folder`, in a fixed order, but those in
    subfolders named in `skip`."""
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name not in skip)
        for name in sorted(names):
            path = Path(parent, name)
            yield str(path.relative_to(folder))
            yield path.read_bytes()


@cache
def installed() -> str:
    """The digest of what the site is made with besides its own files: Python, every installed
    package at its version (Jinja, Babel, MkDocs, Material, the Markdown extensions...), and
    the generator's own files, read once per process, which runs the code it loaded."""
    packages = sorted(f"{dist.name}=={dist.version}" for dist in importlib.metadata.distributions())
    own = Path(__file__).parent
    return digest([str(FORMAT), sys.version, *packages, *files_of(own, skip=("__pycache__",))])


# --- Entries -------------------------------------------------------------------------------------


class Store:
    """Entries of one setting, by key, in `cache_dir/<setting>/`."""

    def __init__(self, cache_dir: Path, setting: str) -> None:
        self.cache_dir = cache_dir
        self.folder = cache_dir / setting[:32]

    def get(self, key: str) -> bytes | None:
        data = self.get_compressed(key)
        if data is None:
            return None
        try:
            return zlib.decompress(data)
        except zlib.error:
            return None  # an entry damaged outside the build: made again, and written whole

    def get_compressed(self, key: str) -> bytes | None:
        """The entry as it is kept, compressed (`zlib`)."""
        try:
            data = (self.folder / key).read_bytes()
        except FileNotFoundError:
            return None
        self.touch(key)
        return data

    def touch(self, key: str) -> None:
        """Mark an entry as used by this build, so that `forget_unused` keeps it."""
        with contextlib.suppress(FileNotFoundError):
            os.utime(self.folder / key)

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`. A cache that cannot be written (full, read-only, or its
        folder removed meanwhile by another build sharing it) keeps nothing: the next build
        makes the entry again."""
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
            with os.fdopen(fd, "wb") as out:
                out.write(zlib.compress(data, 1))
            os.replace(temporary, self.folder / key)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def get_folder(self, key: str) -> Path | None:
        """The folder kept under `key` (`put_folder`), if there is one."""
        folder = self.folder / key
        if not folder.is_dir():
            return None
        self.touch(key)
        return folder

    def put_folder(self, key: str, fill: Callable[[Path], None]) -> None:
        """Keep under `key` the folder that `fill` writes into the (empty) folder it is given;
        as `put`, a cache that cannot be written keeps nothing."""
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(dir=self.folder, suffix=".part"))
            fill(temporary)
            os.replace(temporary, self.folder / key)
        except OSError:  # full, read-only, or another build kept the same folder first
            if temporary is not None:
                shutil.rmtree(temporary, ignore_errors=True)

    def forget_unused(self, since: float) -> None:
        """Remove the entries of this setting that no build has used since `since` (a time
        from `time.time`), and the folders of all but the most recently used settings."""
        margin = 2.0  # file systems that keep times to the second or two
        with contextlib.suppress(OSError):  # another build sharing the cache removed it
            for entry in os.scandir(self.folder):
                if entry.stat().st_mtime >= since - margin:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            os.utime(self.folder)
        with contextlib.suppress(OSError):
            others = sorted(
                (folder for folder in self.cache_dir.iterdir() if folder != self.folder),
                key=lambda folder: folder.stat().st_mtime,
                reverse=True,
            )
            for folder in others[KEPT_SETTINGS - 1 :]:
                shutil.rmtree(folder, ignore_errors=True)


def link(source: str | Path, target: str | Path) -> None:
    """Put what the cache keeps at `source` at `target` (which must not exist): a hard link
    where the file system allows, else a copy. Neither the build nor Pagefind ever writes to
    a file in place, so the two names keep the same bytes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def now() -> float:
    """The time a build begins, for `Store.forget_unused`."""
    return time.time()


# --- Finished pages ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Kept:
    """A finished page, as a build wrote it, compressed until it is written again: a build
    takes thousands from the cache before it writes the first."""

    compressed: bytes
    """The page's anchors (a line of JSON) and its HTML, as `PageCache` keeps them."""
    anchors: frozenset[str]
    """The ids in the page, which links from other pages to its anchors are checked against."""

    @property
    def html(self) -> str:
        data = zlib.decompress(self.compressed)
        return data[data.index(b"\n") + 1 :].decode("utf-8")


class PageCache:
    """Finished pages (HTML), by the digest of their address and Markdown, in the setting
    the engine renders them with (`setting`, a digest)."""

    def __init__(self, cache_dir: Path, setting: str) -> None:
        self.setting = setting
        self.store = Store(cache_dir, setting)

    def key(self, address: str, source: str) -> str:
        """The key of the page at `address` (its path in the docs folder) made from `source`."""
        return digest((self.setting, address, source))

    def get(self, key: str) -> Kept | None:
        data = self.store.get_compressed(key)
        if data is None:
            return None
        try:
            header = _first_line(data)
            anchors = frozenset(json.loads(header)["anchors"])
        except (zlib.error, ValueError, KeyError, TypeError):
            return None  # an entry damaged outside the build: made again, and written whole
        return Kept(data, anchors)

    def put(self, key: str, html: str, anchors: Iterable[str]) -> None:
        header = json.dumps({"anchors": sorted(anchors)}, ensure_ascii=False)
        self.store.put(key, header.encode("utf-8") + b"\n" + html.encode("utf-8"))


def _first_line(compressed: bytes) -> bytes:
    """The first line of a compressed entry, without inflating the rest."""
    inflate = zlib.decompressobj()
    head = inflate.decompress(compressed, 4096)
    while b"\n" not in head and inflate.unconsumed_tail:
        head += inflate.decompress(inflate.unconsumed_tail, 4096)
    if b"\n" not in head:
        raise ValueError("no header")
    return head.partition(b"\n")[0]


# --- Sources -------------------------------------------------------------------------------------


class Unkeyable(TypeError):
    """A value `Fingerprints` cannot say the same way in every process: its page is made."""


_PLAIN = (str, int, float, bool, type(None))
"""Values that are their own fingerprint: `repr` writes each the same in every process, and
two that differ (1, 1.0, True, '1') apart."""

_SITE_LINK = ("briefing:", "actor:")


class Fingerprints:
    """What a value says, as plain data (tuples of strings, numbers and digests) that is the
    same in every process for equal values, and differs for values a template could tell
    apart: the value's type, and its content down to the last string, number and date, in
    order (a set's in sorted order). Dataclasses and pydantic models are read field by field;
    anything else a page is made from raises `Unkeyable`. A dataclass or a model is said by
    the digest of what it says, remembered (the objects are immutable, and kept alive with it,
    so that no other takes the place of one) for the build and the next (`next_build`): a
    preview's builds share the briefings of unchanged files (`archive.CheckCache`)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes, bool]] = {}
        self._earlier: dict[int, tuple[object, bytes, bool]] = {}
        """Of the build before, those not used by this one yet."""
        self.links = False
        """Whether a string read since `clear_links` names a page of the site by id
        (`briefing:`, `actor:`), which a Markdown field links to through the site's index."""

    def clear_links(self) -> None:
        self.links = False

    def next_build(self) -> None:
        """Forget what the build before this one read and this one did not."""
        self._known, self._earlier = {}, self._known

    def of(self, value: object) -> bytes:
        """The digest of what `value` says."""
        try:
            said = repr(self._plain(value))
        except RecursionError:
            raise Unkeyable("too deep") from None
        self.links = self.links or any(name in said for name in _SITE_LINK)
        return hashlib.sha256(said.encode("utf-8", "surrogatepass")).digest()

    def _plain(self, value: object) -> object:
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is tuple or kind is list:
            return (kind.__name__, self._items(value))  # type: ignore[arg-type]
        known = self._known.get(id(value))
        if known is None and (known := self._earlier.pop(id(value), None)) is not None:
            self._known[id(value)] = known
        if known is not None:
            self.links = self.links or known[2]
            return known[1]
        shape = _SHAPES.get(kind) or _shape(kind)
        name = shape.name
        if shape.kind == _ENUM:
            return ("e", name, value.value)  # type: ignore[attr-defined]
        if shape.kind == _TEXT:  # Markup, a str that is already HTML
            return ("S", name, str(value))
        if shape.kind == _DATE:
            return ("d", name, value.isoformat())  # type: ignore[attr-defined]
        if shape.kind == _SEQUENCE:
            return ("t", name, self._items(value))  # type: ignore[arg-type]
        if shape.kind == _MAPPING:
            items = value.items()  # type: ignore[attr-defined]
            return ("m", name, tuple((self._plain(k), self._plain(v)) for k, v in items))
        if shape.kind == _SET:
            return ("f", name, tuple(sorted(repr(self._plain(item)) for item in value)))  # type: ignore[attr-defined]
        # A dataclass or a model: its fields, in order, each said as above.
        before, self.links = self.links, False  # what this value names, remembered with it
        said = repr((name, self._items([getattr(value, field) for field in shape.fields])))
        digest = hashlib.sha256(said.encode("utf-8", "surrogatepass")).digest()
        links = self.links or any(link in said for link in _SITE_LINK)
        self._known[id(value)] = (value, digest, links)
        self.links = before or links
        return digest

    def _items(self, values: tuple[object, ...] | list[object]) -> tuple[object, ...]:
        # Strings and numbers, most of what is read, without a call each.
        plain = self._plain
        return tuple(item if type(item) in _PLAIN else plain(item) for item in values)


_ENUM, _TEXT, _DATE, _SEQUENCE, _MAPPING, _SET, _RECORD = range(7)


@dataclasses.dataclass(frozen=True)
class _Shape:
    """How `Fingerprints` reads the values of one type."""

    name: str
    kind: int
    fields: tuple[str, ...] = ()
    """Of a dataclass or a pydantic model, in order."""


_SHAPES: dict[type, _Shape] = {}


def _shape(kind: type) -> _Shape:
    name = f"{kind.__module__}.{kind.__qualname__}"
    if issubclass(kind, Enum):
        found = _Shape(name, _ENUM)
    elif issubclass(kind, str):
        found = _Shape(name, _TEXT)
    elif issubclass(kind, date):  # datetime too
        found = _Shape(name, _DATE)
    elif issubclass(kind, tuple | list):
        found = _Shape(name, _SEQUENCE)
    elif issubclass(kind, Mapping):
        found = _Shape(name, _MAPPING)
    elif issubclass(kind, set | frozenset):
        found = _Shape(name, _SET)
    elif dataclasses.is_dataclass(kind):
        found = _Shape(name, _RECORD, tuple(field.name for field in dataclasses.fields(kind)))
    elif issubclass(kind, BaseModel):
        found = _Shape(name, _RECORD, tuple(kind.model_fields))
    else:
        raise Unkeyable(name)
    _SHAPES[kind] = found
    return found


class SourceCache:
    """Pages' Markdown, by the digest of what their template was given, made with the
    templates in `template_dir` and the generator as installed."""

    def __init__(
        self,
        cache_dir: Path,
        template_dir: Path,
        fingerprints: Fingerprints | None = None,
        earlier: Mapping[str, tuple[str, bytes]] | None = None,
    ) -> None:
        self.setting = digest([installed(), *files_of(template_dir)])
        self.store = Store(cache_dir, self.setting)
        self.fingerprints = fingerprints or Fingerprints()
        self.earlier = earlier
        """What a build before this one in the same process got or made, by key (a preview's:
        the same strings its pages hold), to take without reading the store."""
        self.used: dict[str, tuple[str, bytes]] | None = None if earlier is None else {}

    def key(self, parts: Iterable[object], links: Callable[[], object]) -> str | None:
        """The key of a page made from `parts` (its template, address, language, objects...);
        with `links()`, what its Markdown fields' links to the site's pages depend on, when a
        string of `parts` names one. None when a part cannot be keyed."""
        said = self.fingerprints
        said.clear_links()
        try:
            shown = [said.of(part) for part in parts]
            if said.links:
                shown.append(said.of(links()))
        except Unkeyable:
            return None
        return digest([self.setting, *shown])

    def get(self, key: str) -> tuple[str, bytes] | None:
        """The Markdown kept under `key`, and the file made with it (a briefing's API file)."""
        if self.earlier is not None and (found := self.earlier.get(key)) is not None:
            self.store.touch(key)
        else:
            data = self.store.get(key)
            if data is None:
                return None
            size = int.from_bytes(data[:8], "little")
            found = (data[8 : 8 + size].decode("utf-8"), data[8 + size :])
        if self.used is not None:
            self.used[key] = found
        return found

    def put(self, key: str, source: str, file: bytes = b"") -> None:
        markdown = source.encode("utf-8")
        self.store.put(key, len(markdown).to_bytes(8, "little") + markdown + file)
        if self.used is not None:
            self.used[key] = (source, file)
