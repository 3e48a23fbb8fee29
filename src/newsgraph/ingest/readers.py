"""Readers: paths, directories, globs and stdin in, :class:`Article` or :class:`Skip` out.

Each format has one reader function; :func:`read_paths` picks the reader by file name (or, for
stdin, by the first bytes). Readers never raise on bad input: whatever cannot be read becomes a
:class:`Skip` with the path and the reason, and the rest of the input is still read.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph import settings
from newsgraph.ingest.decode import declared_charset, decode_bytes, known_codec
from newsgraph.ingest.identity import article_id, sha256
from newsgraph.model import Article, Skip, SkipArticle

Item = Article | Skip

# Field names accepted in JSON records, in order of preference.
JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "html": ("html", "raw_html", "content_html"),
    "text": ("text", "body", "content", "article", "maintext"),
    "url": ("url", "link", "uri", "canonical_url"),
    "title": ("title", "headline"),
    "published": ("published", "date", "publish_date", "published_at", "date_publish",
                  "datePublished", "pubdate"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "domain"),
}


def read_paths(paths: Iterable[str]) -> Iterator[Item]:
    """Read every article under ``paths`` (files, directories, globs, ``-`` for stdin)."""
    for path in expand_paths(paths):
        if isinstance(path, Skip):
            yield path
        elif path == "-":
            yield from read_stream(sys.stdin.buffer, "-")
        else:
            yield from read_file(path)


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str | Skip]:
    """Files in the order given; directories recursively in sorted order; globs expanded."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield Skip(raw, "no file matches this pattern")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from _walk(path, set())
            elif path.exists():
                yield path
            else:
                yield Skip(str(path), "no such file or directory")


def _walk(directory: Path, seen: set[Path]) -> Iterator[Path | Skip]:
    try:
        real = directory.resolve()
        children = sorted(directory.iterdir())
    except (OSError, RuntimeError) as error:  # RuntimeError: resolve() in a symlink loop
        yield Skip(str(directory), f"cannot list directory: {_strerror(error)}")
        return
    # A directory reached again through a symlink (a loop, "sub/up -> ..") is read once.
    if real in seen:
        yield Skip(str(directory), "directory already read (symlink loop or second link)")
        return
    seen.add(real)
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        else:
            yield child


def _strerror(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def format_of(name: str) -> str | None:
    """The reader format for a file name, or None when newsgraph does not read that type."""
    lower = name.lower()
    for suffix, fmt in _SUFFIXES:
        if lower.endswith(suffix):
            return fmt
    return None


def read_file(path: Path) -> Iterator[Item]:
    """Read one file with the reader its name calls for."""
    source = str(path)
    fmt = format_of(path.name)
    if fmt is None:
        yield Skip(source, f"unsupported file type ({path.suffix or 'no extension'})")
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Skip(source, "empty file")
            return
        if fmt in ("txt", "html") and size > settings.MAX_DOCUMENT_BYTES:
            yield Skip(source, _too_large(size))
            return
        with path.open("rb") as handle:
            stream: IO[bytes] = handle
            if path.name.lower().endswith(".gz") and fmt != "warc":
                stream = gzip.GzipFile(fileobj=handle)  # type: ignore[assignment]
            yield from _READERS[fmt](stream, source)
    except _READ_ERRORS as error:
        yield Skip(source, _os_reason(error))


def read_stream(stream: IO[bytes], source: str) -> Iterator[Item]:
    """Read a stream whose format is known only from its first bytes (stdin)."""
    buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
    try:
        head = buffered.peek(64)[:64].lstrip()  # type: ignore[attr-defined]
        if head.startswith(b"\x1f\x8b"):
            buffered = gzip.GzipFile(fileobj=buffered)  # type: ignore[assignment]
            head = buffered.peek(64)[:64].lstrip()  # type: ignore[attr-defined]
    except _READ_ERRORS as error:
        yield Skip(source, _os_reason(error))
        return
    if head.startswith(b"WARC/"):
        fmt = "warc"
    elif head.startswith((b"{", b"[")):
        fmt = "json"
    elif head[:1] == b"<":
        fmt = "html"
    else:
        fmt = "txt"
    yield from _read_as(fmt, buffered, source)


def read_bytes(data: bytes, source: str, fmt: str | None = None) -> Iterator[Item]:
    """Read one document held in memory (an HTTP upload): as ``fmt`` when the sender said
    what it is, else guessed from its first bytes as stdin is."""
    stream = io.BytesIO(data)
    yield from read_stream(stream, source) if fmt is None else _read_as(fmt, stream, source)


def _read_as(fmt: str, stream: IO[bytes], source: str) -> Iterator[Item]:
    try:
        yield from _READERS[fmt](stream, source)
    except _READ_ERRORS as error:
        yield Skip(source, _os_reason(error))


def read_text(stream: IO[bytes], source: str) -> Iterator[Item]:
    """A plain-text capture: one article per file."""
    yield from _single(stream, source, "txt")


def read_html(stream: IO[bytes], source: str) -> Iterator[Item]:
    """An HTML page (or gzip-compressed page): one article per file."""
    yield from _single(stream, source, "html")


def _single(stream: IO[bytes], source: str, fmt: str) -> Iterator[Item]:
    data = stream.read(settings.MAX_DOCUMENT_BYTES + 1)
    if len(data) > settings.MAX_DOCUMENT_BYTES:
        yield Skip(source, _too_large(None))
        return
    yield _article_from_bytes(data, source, fmt, markup="html" if fmt == "html" else "text")


def read_json(stream: IO[bytes], source: str) -> Iterator[Item]:
    """JSON Lines (one record a line) or a JSON document holding one record or a list."""
    first = stream.read(1)
    skipped_lines = 0  # blank lines before the first record still count in its line number
    while first in (b" ", b"\n", b"\r", b"\t"):
        skipped_lines += first == b"\n"
        first = stream.read(1)
    if first == b"":
        yield Skip(source, "empty file")
        return
    if first == b"[":
        data = b"[" + stream.read(settings.MAX_DOCUMENT_BYTES * 10)
        try:
            records = json.loads(data)
        except _JSON_ERRORS as error:
            yield Skip(source, f"malformed JSON: {error}")
            return
        if not records:
            yield Skip(source, "JSON list holds no records")
        for index, record in enumerate(records):
            yield _article_from_record(record, f"{source}#{index}")
        return
    lines = _lines_with_first(first, stream)
    blank = True
    for number, line in enumerate(lines, start=1 + skipped_lines):
        if not line.strip():
            continue
        blank = False
        line_source = f"{source}#L{number}"
        if len(line) > settings.MAX_DOCUMENT_BYTES:
            yield Skip(line_source, _too_large(len(line)))
            continue
        try:
            record = json.loads(line)
        except _JSON_ERRORS as error:
            yield Skip(line_source, f"malformed JSON line: {error}")
            continue
        yield _article_from_record(record, line_source, raw=line)
    if blank:
        yield Skip(source, "empty file")


def _lines_with_first(first: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    """Lines of ``stream`` with the byte already consumed put back in front."""
    rest = stream.readline()
    yield first + rest
    yield from stream


def read_warc(stream: IO[bytes], source: str) -> Iterator[Item]:
    """HTML response records of a WARC (or WARC.gz) file; other records are passed over."""
    count = records = 0
    try:
        for record in ArchiveIterator(stream):
            records += 1
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            record_source = f"{source}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
            headers = record.http_headers
            content_type = headers.get_header("Content-Type", "") if headers else ""
            if "html" not in content_type.lower():
                continue
            count += 1
            data = record.content_stream().read(settings.MAX_DOCUMENT_BYTES + 1)
            if len(data) > settings.MAX_DOCUMENT_BYTES:
                yield Skip(record_source, _too_large(None))
                continue
            article = _article_from_bytes(
                data, record_source, "warc", markup="html", url=url,
                charset=_http_charset(content_type),
            )
            if isinstance(article, Article):
                article.captured = record.rec_headers.get_header("WARC-Date")
            yield article
    except _WARC_ERRORS as error:
        yield Skip(source, f"corrupt WARC after {count} HTML records: {error}".strip())
        return
    if records == 0:
        yield Skip(source, "corrupt WARC: no readable record")
    elif count == 0:
        yield Skip(source, f"no HTML response record among {records} WARC records")


def _http_charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            return known_codec(value.strip("\"' "))
    return None


def _article_from_bytes(
    data: bytes,
    source: str,
    fmt: str,
    *,
    markup: str,
    url: str | None = None,
    charset: str | None = None,
) -> Item:
    if not data.strip():
        return Skip(source, "empty file")
    try:
        declared = charset or (declared_charset(data) if markup == "html" else None)
        text, encoding = decode_bytes(data, declared)
    except SkipArticle as skip:
        return Skip(source, skip.reason)
    raw_sha = sha256(data)
    return Article(
        id=article_id(url, raw_sha),
        source=source,
        format=fmt,
        markup=markup,
        raw=text,
        raw_sha256=raw_sha,
        url=url,
        encoding=encoding,
    )


def _article_from_record(record: Any, source: str, raw: bytes | None = None) -> Item:
    if not isinstance(record, dict):
        return Skip(source, "JSON record is not an object")
    fields = {name: _first_field(record, keys) for name, keys in JSON_FIELDS.items()}
    content = fields["html"] or fields["text"]
    if not content or not content.strip():
        names = "/".join(JSON_FIELDS["text"] + JSON_FIELDS["html"])
        return Skip(source, f"JSON record has no text (expected one of: {names})")
    raw_bytes = raw if raw is not None else json.dumps(record, sort_keys=True).encode("utf-8")
    raw_sha = sha256(raw_bytes.strip())
    return Article(
        id=article_id(fields["url"], raw_sha),
        source=source,
        format="json",
        markup="html" if fields["html"] else "text",
        raw=content,
        raw_sha256=raw_sha,
        url=fields["url"],
        title=fields["title"],
        outlet=fields["outlet"],
        published_given=fields["published"],
        encoding="utf-8",
    )


def _first_field(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return _LONE_SURROGATE.sub("\ufffd", value.strip())
    return None


def _too_large(size: int | None) -> str:
    limit = settings.MAX_DOCUMENT_BYTES / 2**20
    shown = f"{size / 2**20:.1f} MB" if size else "more than the limit"
    return f"document too large ({shown}; limit {limit:.0f} MB)"


# What reading a damaged file can raise: I/O errors, and a gzip stream that is cut or corrupt.
_READ_ERRORS = (OSError, EOFError, zlib.error)
# What warcio raises on a damaged archive; besides its own error and the gzip ones, it lets
# AttributeError out for a response record without WARC-Target-URI and OverflowError for a
# Content-Length too big for an index.
_WARC_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, gzip.BadGzipFile, ValueError,
                AttributeError, OverflowError)
# What json.loads raises on bad input: ValueError covers JSONDecodeError, UnicodeDecodeError
# and integers over Python's digit limit; RecursionError comes from nesting too deep.
_JSON_ERRORS = (ValueError, RecursionError)
# A "\ud800" escape decodes to a lone surrogate, which no UTF-8 text (or store) can hold.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _os_reason(error: Exception) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error)):
        return f"corrupt or truncated gzip data: {error}"
    strerror = getattr(error, "strerror", None)
    return f"cannot read: {strerror or error}"


_READERS: dict[str, Callable[[IO[bytes], str], Iterator[Item]]] = {
    "txt": read_text,
    "html": read_html,
    "json": read_json,
    "warc": read_warc,
}
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".html.gz", "html"),
    (".htm.gz", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".jsonl", "json"),
    (".ndjson", "json"),
    (".json", "json"),
    (".txt", "txt"),
    (".text", "txt"),
)
