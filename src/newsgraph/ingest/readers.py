"""Readers: paths, directories, globs and stdin in, :class:`Article` or :class:`Skip` out.

Each format has one reader function; :func:`read_paths` picks the reader by file name (or, for
stdin, by the first bytes). Readers never raise on bad input: whatever cannot be read becomes a
:class:`Skip` with the path and the reason, and the rest of the input is still read.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import json
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

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


class Found(NamedTuple):
    """A file to read, and the name it is reported and stored under."""

    path: Path
    source: str


def read_paths(paths: Iterable[str], *, follow_symlinks: bool = False) -> Iterator[Item]:
    """Read every article under ``paths`` (files, directories, globs, ``-`` for stdin)."""
    for found in expand_paths(paths, follow_symlinks=follow_symlinks):
        if isinstance(found, Skip):
            yield found
        elif found == "-":
            yield from read_stream(sys.stdin.buffer, "-")
        else:
            yield from read_file(found.path, found.source)


def expand_paths(paths: Iterable[str], *,
                 follow_symlinks: bool = False) -> Iterator[Found | str | Skip]:
    """Files in the order given; directories recursively in sorted order; globs expanded.

    A file is named by its path as given, or, under an absolute path, from the last part of
    that path on (``/home/me/news/a.txt`` given as ``/home/me/news`` is ``news/a.txt``): what
    a store serves never shows where on the machine it was read. Inside a directory, a
    symbolic link to anything outside it is passed over unless ``follow_symlinks``.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield Skip(display(raw), "no file matches this pattern")
        for match in matches:
            path = Path(match)
            base = path.parent if path.is_absolute() else Path()
            if path.is_dir():
                yield from _walk(path, base, set(), _real(path), follow_symlinks)
            elif path.exists():
                yield Found(path, _source(path, base))
            else:
                yield Skip(_source(path, base), "no such file or directory")


def _walk(directory: Path, base: Path, seen: set[Path], root: Path | None,
          follow_symlinks: bool) -> Iterator[Found | Skip]:
    source = _source(directory, base)
    try:
        real = directory.resolve()
        children = sorted(directory.iterdir())
    except (OSError, RuntimeError) as error:  # RuntimeError: resolve() in a symlink loop
        yield Skip(source, f"cannot list directory: {_strerror(error)}")
        return
    # A directory reached again through a symlink (a loop, "sub/up -> ..") is read once.
    if real in seen:
        yield Skip(source, "directory already read (symlink loop or second link)")
        return
    seen.add(real)
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_symlink() and not follow_symlinks and not _inside(child, root):
            yield Skip(_source(child, base), "symbolic link to outside the folder being "
                       "ingested: passed over (--follow-symlinks reads it)")
        elif child.is_dir():
            yield from _walk(child, base, seen, root, follow_symlinks)
        else:
            yield Found(child, _source(child, base))


def _real(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _inside(link: Path, root: Path | None) -> bool:
    target = _real(link)
    return root is not None and target is not None and target.is_relative_to(root)


def _source(path: Path, base: Path) -> str:
    return display(str(path.relative_to(base) if base.parts else path))


def display(name: str) -> str:
    """A file name as text that can be printed and stored: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) are written as ``\\xNN`` escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _strerror(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def format_of(name: str) -> str | None:
    """The reader format for a file name, or None when newsgraph does not read that type."""
    lower = name.lower()
    for suffix, fmt in _SUFFIXES:
        if lower.endswith(suffix):
            return fmt
    return None


def read_file(path: Path, source: str | None = None) -> Iterator[Item]:
    """Read one file with the reader its name calls for; ``source`` names it in records."""
    source = source or display(str(path))
    fmt = format_of(path.name)
    if fmt is None:
        yield Skip(source, f"unsupported file type ({display(path.suffix) or 'no extension'})")
        return
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            yield Skip(source, f"not a regular file ({_file_kind(status.st_mode)})")
            return
        if status.st_size == 0:
            yield Skip(source, "empty file")
            return
        if fmt in ("txt", "html") and status.st_size > settings.MAX_DOCUMENT_BYTES:
            yield Skip(source, _too_large(status.st_size))
            return
        with path.open("rb") as handle:
            stream: IO[bytes] = handle
            if path.name.lower().endswith(".gz") and fmt != "warc":
                stream = gzip.GzipFile(fileobj=handle)  # type: ignore[assignment]
            yield from _READERS[fmt](stream, source)
    except _READ_ERRORS as error:
        yield Skip(source, _os_reason(error))


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((kind for test, kind in kinds if test(mode)), "not a file")


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
    """JSON Lines (one record a line) or a JSON document holding one record or a list.

    Both are read as a stream, a record at a time, whatever the file's size: a line or a
    list item over the document limit is skipped without being held in memory, so a small
    gzip file that unpacks to gigabytes costs no more than its largest allowed record."""
    first = stream.read(1)
    skipped_lines = 0  # blank lines before the first record still count in its line number
    while first in (b" ", b"\n", b"\r", b"\t"):
        skipped_lines += first == b"\n"
        first = stream.read(1)
    if first == b"":
        yield Skip(source, "empty file")
        return
    if first == b"[":
        yield from _list_records(stream, source)
        return
    blank = True
    for number, line in enumerate(_lines(first, stream), start=1 + skipped_lines):
        line_source = f"{source}#L{number}"
        if isinstance(line, int):
            blank = False
            yield Skip(line_source, _too_large(line))
            continue
        if not line.strip():
            continue
        blank = False
        try:
            record = json.loads(line)
        except _JSON_ERRORS as error:
            yield Skip(line_source, f"malformed JSON line: {error}")
            continue
        yield _article_from_record(record, line_source, raw=line)
    if blank:
        yield Skip(source, "empty file")


def _lines(first: bytes, stream: IO[bytes]) -> Iterator[bytes | int]:
    """Lines of ``stream``, with the byte already consumed put back in front; a line over the
    document limit comes as its length, read past in blocks rather than held."""
    limit = settings.MAX_DOCUMENT_BYTES
    line = first + stream.readline(limit)
    while line:
        if len(line) > limit and not line.endswith(b"\n"):
            length = len(line)
            while (rest := stream.readline(_BLOCK)) and not rest.endswith(b"\n"):
                length += len(rest)
            yield length + len(rest)
        else:
            yield line
        line = stream.readline(limit + 1)


def _list_records(stream: IO[bytes], source: str) -> Iterator[Item]:
    """The records of a JSON list whose ``[`` was read, parsed one at a time from a buffer of
    at most about twice the document limit."""
    text = _JsonText(stream)
    index = 0
    expect_value = True
    while True:
        char = text.next_char()
        if char == "":
            yield Skip(source, f"malformed JSON: the list ends unclosed after {index} records")
            return
        if char == "]" and (index == 0 or not expect_value):
            if index == 0:
                yield Skip(source, "JSON list holds no records")
            return
        if not expect_value:
            if char != ",":
                yield Skip(source, f"malformed JSON after record {index}: expected ',' or ']'")
                return
            text.take(1)
            expect_value = True
            continue
        item_source = f"{source}#{index}"
        try:
            record = text.value()
        except _TooLarge as error:
            yield Skip(item_source, _too_large(error.size))
        except RecursionError:
            text.skip_value()
            yield Skip(item_source, "malformed JSON: nested too deeply")
        except ValueError as error:
            yield Skip(item_source, f"malformed JSON: {error}")
            return
        else:
            yield _article_from_record(record, item_source)
        index += 1
        expect_value = False


def _cut_short(error: ValueError, length: int) -> bool:
    """Whether a parse failed only because the text ended inside the value."""
    if not isinstance(error, json.JSONDecodeError):
        return False  # an integer past Python's digit limit, say
    return error.pos >= length - 6 or error.msg.startswith("Unterminated string")


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class _JsonText:
    """UTF-8 JSON text read from a byte stream in blocks, parsed a value at a time."""

    _SPACE = re.compile(r"[ \t\n\r]*")
    # Inside a value being skipped: the next character that changes the nesting or a string.
    _STRUCTURE = re.compile(r'["\[\]{}]')
    _STRING_END = re.compile(r'["\\]')

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.buffer = ""
        self.at = 0
        self.ended = False

    def _fill(self, size: int = 0) -> bool:
        """Read more (at least a block); False at the end of the stream."""
        if self.ended:
            return False
        self.buffer = self.buffer[self.at:]
        self.at = 0
        before = len(self.buffer)
        data = self.stream.read(max(size, _BLOCK))
        self.buffer += self.decoder.decode(data, final=not data)
        self.ended = not data
        return len(self.buffer) > before

    def next_char(self) -> str:
        """The next character that is not white space, not consumed; "" at the end."""
        while True:
            self.at = self._SPACE.match(self.buffer, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.buffer):
                return self.buffer[self.at]
            if not self._fill():
                return ""

    def take(self, count: int) -> None:
        self.at += count

    def value(self) -> Any:
        """Parse the value that starts here; :class:`_TooLarge` (the value skipped) past the
        document limit, ValueError where the text is not JSON."""
        limit = settings.MAX_DOCUMENT_BYTES
        while True:
            try:
                record, end = _DECODER.raw_decode(self.buffer, self.at)
            except ValueError as error:
                pending = len(self.buffer) - self.at
                if not _cut_short(error, len(self.buffer)):
                    raise
                if pending > limit:
                    raise _TooLarge(self.skip_value()) from None
                if self._fill(pending):  # the value goes on past what was read
                    continue
                raise
            # A number or a word may go on past the buffer: only a later character ends it.
            if end == len(self.buffer) and not self.ended and self._fill():
                continue
            start, self.at = self.at, end
            if end - start > limit:
                raise _TooLarge(end - start)
            return record

    def skip_value(self) -> int:
        """Read past the value that starts here without keeping it; return its length."""
        depth, length, in_string = 0, 0, False
        while True:
            pattern = self._STRING_END if in_string else self._STRUCTURE
            found = pattern.search(self.buffer, self.at)
            if found is None:
                length += len(self.buffer) - self.at
                self.at = len(self.buffer)
                if not self._fill():
                    return length
                continue
            char, position = found.group(), found.start()
            length += position + 1 - self.at
            self.at = position + 1
            if in_string:
                if char == "\\":
                    if self.at >= len(self.buffer):
                        self._fill()
                    self.at += 1
                    length += 1
                else:
                    in_string = False
            elif char == '"':
                in_string = True
            elif char in "[{":
                depth += 1
            else:
                depth -= 1
            if depth <= 0 and not in_string:
                return length


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
    if not record.keys() & _CONTENT_FIELDS:  # before reading the rest: a flood of {} is cheap
        return Skip(source, _NO_TEXT)
    fields = {name: _first_field(record, keys) for name, keys in JSON_FIELDS.items()}
    content = fields["html"] or fields["text"]
    if not content:
        return Skip(source, _NO_TEXT)
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


_CONTENT_FIELDS = frozenset(JSON_FIELDS["text"] + JSON_FIELDS["html"])
_NO_TEXT = ("JSON record has no text (expected one of: "
            f"{'/'.join(JSON_FIELDS['text'] + JSON_FIELDS['html'])})")


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


_BLOCK = 1 << 20
_DECODER = json.JSONDecoder()
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
    (".jsonl.gz", "json"),
    (".ndjson.gz", "json"),
    (".json.gz", "json"),
    (".jsonl", "json"),
    (".ndjson", "json"),
    (".json", "json"),
    (".txt", "txt"),
    (".text", "txt"),
)
