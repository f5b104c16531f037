"""Archives as inputs: ``.gz`` and ``.zip`` files expanded into their members, safely.

A container is recognised by its suffix (``.gz``, ``.zip``) or, for a name no reader claims
(stdin, say), by its magic bytes. Each member becomes an :class:`~docpipe.components.InputItem`
holding the decompressed bytes (``data=``), whose format is then detected from the *inner* name
like any other input: ``a.xml.gz`` holds ``a.xml`` (an XML document), ``bundle.zip`` holds
``bundle.zip!2021/story.txt`` (a text document).

Member URIs are ``ARCHIVE!MEMBER``: ``news.zip!story.txt``, ``story.txt.gz!story.txt``.

Hostile archives give error records, never a crash or a memory blow-up:

* every member is decompressed with a hard ceiling (``max_member_bytes``, the pipeline's
  ``max_document_bytes``, 64 MiB by default): a zip bomb stops after ceiling + 1 bytes, whatever
  size the archive declares;
* a zip archive may hold at most ``max_members`` members (checked from the end-of-central-directory
  record *before* the directory is parsed, so a million-entry directory is never loaded);
* archives nest at most ``max_depth`` levels (a ``.gz`` inside a ``.zip`` is fine, deeper is not);
* a truncated or corrupt archive is an error record for the archive; a corrupt member (bad CRC,
  truncated data, encryption, unsupported compression) is an error record for that member, and the
  other members are still read.
"""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from docpipe.components import InputItem
from docpipe.errors import InputError
from docpipe.ingest import path_matches
from docpipe.model import Document, error_document

#: Suffix -> container kind.
CONTAINER_SUFFIXES: dict[str, str] = {".gz": "gzip", ".zip": "zip"}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty zip archive
)


class ArchiveError(InputError):
    """An archive, or one of its members, cannot be read safely."""


@attrs.frozen
class ContainerLimits:
    """Bounds on what expanding one archive may cost.

    :param max_member_bytes: decompressed bytes per member (and per ``.gz`` file).
    :param max_members: members of one zip archive.
    :param max_depth: archive nesting levels (1: archives inside archives are not opened).
    """

    max_member_bytes: int = 64 * 1024 * 1024
    max_members: int = 10_000
    max_depth: int = 2


def container_kind(item: InputItem, known_suffixes: Iterable[str] = ()) -> str | None:
    """``gzip``, ``zip`` or ``None``: by suffix, else by magic bytes when no reader claims the suffix."""
    name = item.uri.rsplit("/", 1)[-1].lower()
    for suffix, kind in CONTAINER_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    if any(name.endswith(s.lower()) for s in known_suffixes):
        return None
    try:
        head = item.read_bytes(4)
    except OSError:
        return None  # the reader reports the read error with the file name
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def expand_containers(
    units: Iterable[InputItem | Document],
    limits: ContainerLimits | None = None,
    known_suffixes: Iterable[str] | Mapping[str, str] = (),
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[InputItem | Document]:
    """Pass inputs through, replacing each archive by its members (lazily, one member in memory at a time).

    ``include``/``exclude`` globs also select zip members (by member name or base name).
    """
    limits = limits or ContainerLimits()
    yield from _pass_or_expand(units, limits, tuple(known_suffixes), include, exclude, depth=0)


def _pass_or_expand(units: Iterable[InputItem | Document], limits: ContainerLimits, suffixes: tuple[str, ...],
                    include: Sequence[str], exclude: Sequence[str], depth: int) -> Iterator[InputItem | Document]:
    """Each unit as it is, or, when it is an archive, its members (recursively). ``depth`` counts the archives
    around ``units``; the inputs themselves (depth 0) are always opened, deeper ones up to ``max_depth``."""
    for unit in units:
        if isinstance(unit, Document):
            yield unit
            continue
        kind = container_kind(unit, suffixes)
        if kind is None:
            yield unit
        elif depth < max(1, limits.max_depth):
            members = gunzip_item(unit, limits) if kind == "gzip" else zip_members(unit, limits, include, exclude)
            yield from _pass_or_expand(members, limits, suffixes, include, exclude, depth + 1)
        else:
            yield _error(unit.uri, f"an archive nested more than {limits.max_depth} levels deep; not opened")


def _error(uri: str, message: str) -> Document:
    return error_document(uri, "ingest", ArchiveError(f"{uri}: {message}"), format="archive")


def _too_big(limit: int) -> str:
    return (f"decompresses to more than {limit} bytes (pipeline.max_document_bytes); "
            f"not read further (a zip bomb?)")


def inner_name(uri: str) -> str:
    """The name inside ``NAME.gz``: ``a.xml.gz`` -> ``a.xml.gz!a.xml``; stdin stays ``-``."""
    if uri == "-":
        return "-"
    base = uri.rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    inner = base[:-3] if base.lower().endswith(".gz") else base
    return f"{uri}!{inner}"


def gunzip_item(item: InputItem, limits: ContainerLimits) -> Iterator[InputItem | Document]:
    """The single member of a gzip file (concatenated gzip streams are read as one)."""
    limit = limits.max_member_bytes
    try:
        with item.open() as raw, gzip.GzipFile(fileobj=raw, mode="rb") as stream:
            # read(limit + 1) decompresses in bounded chunks: a bomb costs at most limit + 1 bytes.
            data = stream.read(limit + 1)
    except EOFError:
        yield _error(item.uri, "truncated gzip data: the compressed stream ends before its end marker")
        return
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield _error(item.uri, f"corrupt gzip data: {exc}")
        return
    except OSError as exc:
        yield _error(item.uri, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > limit:
        yield _error(item.uri, _too_big(limit))
        return
    yield InputItem(uri=inner_name(item.uri), data=data)


def _declared_entries(fh: io.BufferedIOBase) -> int | None:
    """Entries announced by the end-of-central-directory record (None if it cannot be found or is zip64)."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail = min(size, 22 + 65535)
    fh.seek(size - tail)
    data = fh.read(tail)
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or len(data) - at < 22:
        return None
    total = struct.unpack("<H", data[at + 10:at + 12])[0]
    return None if total == 0xFFFF else total


def _hidden(name: str) -> bool:
    parts = name.split("/")
    return parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts if p)


def zip_members(item: InputItem, limits: ContainerLimits, include: Sequence[str] = (),
                exclude: Sequence[str] = ()) -> Iterator[InputItem | Document]:
    """Each regular member of a zip archive, in archive order (directories and hidden files skipped)."""
    limit = limits.max_member_bytes
    try:
        fh = item.open()
    except OSError as exc:
        yield _error(item.uri, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            declared = _declared_entries(fh)
            if declared is not None and declared > limits.max_members:
                yield _error(item.uri, f"holds {declared} members, more than the limit of {limits.max_members}")
                return
            fh.seek(0)
            archive = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error) as exc:
            yield _error(item.uri, f"not a readable zip archive (truncated or corrupt): {exc}")
            return
        with archive:
            infos = [i for i in archive.infolist() if not i.is_dir() and not _hidden(i.filename)]
            if len(infos) > limits.max_members:
                yield _error(item.uri, f"holds {len(infos)} members, more than the limit of {limits.max_members}")
                return
            for info in infos:
                name = info.filename
                if include and not path_matches(name, include):
                    continue
                if exclude and path_matches(name, exclude):
                    continue
                uri = f"{item.uri}!{name}"
                if info.flag_bits & 0x1:
                    yield _error(uri, "encrypted zip member; cannot read it")
                    continue
                if info.file_size > limit:
                    yield _error(uri, f"declares {info.file_size} bytes; " + _too_big(limit))
                    continue
                try:
                    with archive.open(info) as stream:
                        data = stream.read(limit + 1)  # bounded even when the declared size lies
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                        ValueError) as exc:
                    yield _error(uri, f"corrupt zip member: {exc}")
                    continue
                if len(data) > limit:
                    yield _error(uri, _too_big(limit))
                    continue
                yield InputItem(uri=uri, data=data)
