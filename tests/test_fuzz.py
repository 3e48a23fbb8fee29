"""Fuzzing: readers, cleaning, time normalization and the claim number parser never raise,
and every offset they give points inside the text it claims to quote.

Property tests (hypothesis) feed each layer hostile input: arbitrary bytes, odd encodings,
broken JSON, gzip and WARC framing around garbage, broken HTML, unicode noise, impossible
dates. A corpus test then runs `newsgraph ingest` over a folder of such files: no traceback,
every file or record stored or reported with a reason, and a second run stores nothing new.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import random
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import settings as ng_settings
from newsgraph.cli import main
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.identity import sha256
from newsgraph.ingest.readers import JSON_FIELDS, read_bytes, read_file, read_stream
from newsgraph.model import Article, Skip, SkipArticle
from newsgraph.pipeline import STAGES, process_text
from newsgraph.speech.numbers import (
    digit_value,
    ordinal_value,
    parse_figure,
    split_token,
    token_kind,
)
from newsgraph.store import Store
from newsgraph.timex.published import from_url, parse_date
from newsgraph.timex.stage import add_times
from tests.test_timex_properties import check

FORMATS = (None, "txt", "html", "json", "warc")
EXTENSIONS = (".txt", ".text", ".html", ".htm", ".html.gz", ".htm.gz", ".json", ".jsonl",
              ".ndjson", ".warc", ".warc.gz")
FAST = settings(max_examples=200, deadline=None)
SLOW = settings(max_examples=40, deadline=None)

# -- readers ----------------------------------------------------------------------------------


def check_items(items: list[Article | Skip], source: str) -> None:
    """What every reader must give: Articles and Skips only, each Skip with its reason."""
    for item in items:
        assert isinstance(item, (Article, Skip)), type(item)
        assert item.source.startswith(source)
        if isinstance(item, Skip):
            assert isinstance(item.reason, str) and item.reason.strip(), item
        else:
            assert isinstance(item.id, str) and len(item.id) == 16
            int(item.id, 16)  # hex
            assert isinstance(item.raw, str)  # a BOM-only file decodes to ""; cleaning skips it
            assert item.markup in ("html", "text")
            assert item.format in ("txt", "html", "json", "warc")
            # What the store keeps must be valid UTF-8: no lone surrogates anywhere.
            for value in (item.raw, item.url, item.title, item.outlet, item.published_given):
                if value is not None:
                    value.encode("utf-8")


def read_all(data: bytes, fmt: str | None) -> list[Article | Skip]:
    items = list(read_bytes(data, "<fuzz>", fmt))
    check_items(items, "<fuzz>")
    return items


@FAST
@given(st.binary(max_size=4096), st.sampled_from(FORMATS))
def test_arbitrary_bytes_become_articles_or_skips(data: bytes, fmt: str | None) -> None:
    items = read_all(data, fmt)
    if fmt in ("txt", "html"):
        assert len(items) == 1  # one file, one article or one reason


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
             "cp1252", "koi8-r", "shift_jis")


@FAST
@given(st.text(max_size=600), st.sampled_from(ENCODINGS), st.sampled_from(FORMATS),
       st.booleans())
def test_text_in_odd_encodings(text: str, encoding: str, fmt: str | None, html: bool) -> None:
    if html:
        text = f"<html><head><meta charset={encoding}></head><body><p>{text}</p></body></html>"
    data = text.encode(encoding, errors="replace")
    items = read_all(data, fmt)
    if fmt in ("txt", "html"):
        assert len(items) == 1


JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
                | st.text(max_size=40) | st.sampled_from(["", "   ", "\ud800", "x\udfffy"]))
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
FIELD_NAMES = sorted({name for names in JSON_FIELDS.values() for name in names})
NEWSY = st.text(min_size=1, max_size=300) | st.just(
    "The council approved the budget on Monday after a debate of nine hours. ") | st.just(
    "word " * 30_000)  # a huge field, still under the document limit
RECORDS = st.dictionaries(st.sampled_from([*FIELD_NAMES, "extra", "id"]),
                          NEWSY | JSON_VALUES, max_size=6)
MALFORMED_LINES = st.sampled_from([
    "{", "}", "[1, 2", "null", "42", '"a string"', "{'single': 'quotes'}", '{"text": "cut',
    "[" * 5000, '{"a":' * 5000, "1" * 5000, '{"text": "ok", "n": ' + "9" * 5000 + "}",
    '{"text": NaN}', '{"text": Infinity}', "\ufeff{\"text\": \"bom\"}", "\x00\x00",
]) | st.text(max_size=80)


@st.composite
def json_documents(draw: st.DrawFn) -> bytes:
    """JSON Lines (good records, malformed lines, blank lines) or one JSON list."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            record = draw(RECORDS)
            line = json.dumps(record, ensure_ascii=draw(st.booleans()))
            if draw(st.integers(0, 4)) == 0:
                line = line[: draw(st.integers(0, len(line)))]  # cut short
            lines.append(line)
        else:
            lines.append(draw(MALFORMED_LINES).replace("\n", " "))
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", "\t"])))
    if draw(st.integers(0, 3)) == 0:
        body = "[" + ",".join(lines) + "]"
    else:
        body = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    return body.encode("utf-8", errors="surrogatepass")


@FAST
@given(json_documents(), st.sampled_from([None, "json"]))
def test_json_records_and_malformed_lines(data: bytes, fmt: str | None) -> None:
    items = read_all(data, fmt)
    if fmt == "json" and not data.lstrip(b" \t\r\n").startswith(b"["):
        # JSON Lines: every non-blank line gives exactly one Article or Skip, in order.
        lines = [n for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
        if lines:
            assert [i.source for i in items] == [f"<fuzz>#L{n}" for n in lines]
        else:
            assert len(items) == 1 and isinstance(items[0], Skip)
    if fmt == "json":
        assert items, "a JSON input must give at least an Article or a reason"


def test_json_line_over_the_size_limit_is_reported() -> None:
    line = json.dumps({"text": "x" * (ng_settings.MAX_DOCUMENT_BYTES + 1)}).encode()
    items = read_all(b'{"text": "short but fine text"}\n' + line, "json")
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Skip) and items[1].reason.startswith("document too large")


@FAST
@given(st.binary(max_size=2048), st.integers(0, 200), st.sampled_from([None, "html", "warc"]))
def test_gzip_of_random_and_truncated_data(payload: bytes, cut: int, fmt: str | None) -> None:
    whole = gzip.compress(payload)
    for data in (whole, whole[:cut], b"\x1f\x8b" + payload, b"\x1f\x8b\x08\x00" + payload):
        read_all(data, fmt)


WARC_HEADERS = st.lists(st.sampled_from([
    "WARC-Type: response", "WARC-Type: request", "WARC-Type: resource", "WARC-Type: warcinfo",
    "WARC-Type: ", "WARC-Target-URI: http://example.com/a", "WARC-Target-URI: \udc00bad",
    "WARC-Target-URI: ", "WARC-Record-ID: <urn:uuid:1>", "WARC-Date: 2024-03-14T10:00:00Z",
    "WARC-Date: never", "Content-Length: 0", "Content-Length: 40", "Content-Length: -1",
    "Content-Length: 99999999999999999999", "Content-Length: ten",
    "Content-Type: application/http; msgtype=response", "Content-Type: text/html",
    "no colon here", ":", "WARC-Payload-Digest: sha1:XXXX", "WARC-Block-Digest: sha1:AAAA",
]), max_size=8)
HTTP_PARTS = st.lists(st.sampled_from([
    "HTTP/1.1 200 OK\r\n", "HTTP/1.1 999\r\n", "HTTP/9\r\n", "Content-Type: text/html\r\n",
    "Content-Type: text/html; charset=bogus\r\n", "Content-Type: text/html; charset=utf-16\r\n",
    "Content-Encoding: gzip\r\n", "Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n",
    "\r\n", "<html><body><p>A council voted on Monday.</p></body></html>", "\xff\xfe\x00",
]), max_size=8)


@st.composite
def warc_documents(draw: st.DrawFn) -> bytes:
    out = b""
    for _ in range(draw(st.integers(1, 3))):
        headers = "\r\n".join(draw(WARC_HEADERS))
        version = draw(st.sampled_from(["WARC/1.0", "WARC/1.1", "WARC/0.9", "WARC/"]))
        head = f"{version}\r\n{headers}\r\n\r\n".encode("utf-8", "surrogatepass")
        if draw(st.booleans()):
            body = "".join(draw(HTTP_PARTS)).encode("latin-1", "replace")
        else:
            body = draw(st.binary(max_size=300))
        record = head + body + b"\r\n\r\n"
        out += gzip.compress(record) if draw(st.booleans()) else record
    if draw(st.booleans()):
        out = out[: draw(st.integers(0, len(out)))]
    return out


@FAST
@given(warc_documents(), st.sampled_from([None, "warc"]))
def test_random_bytes_after_warc_headers(data: bytes, fmt: str | None) -> None:
    items = read_all(data, fmt)
    if fmt == "warc":
        assert items, "a WARC input must give at least an Article or a reason"


HTML_PIECES = st.sampled_from([
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "<article>", "<p>", "</p>",
    "<div class='x'", "<div>", "</div>", "<script>", "</script>", "<style>", "<!--", "-->",
    "<![CDATA[", "]]>", "<br/>", "<a href=\"javascript:alert(1)\">", "</a>", "<p", "<", ">",
    "&amp;", "&#0;", "&#xD800;", "&#1114112;", "&#99999999999;", "&nbsp", "&bogus;", "&",
    "\x00", "\x01", "\ufeff", "<meta charset=\"utf-16\">", "<meta charset=\"bogus\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=x-mac-roman\">",
    "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<!DOCTYPE html>", "<table><tr><td>",
    "<h1>", "</h1>", "<meta property=\"article:published_time\" content=\"2023-02-31\">",
    "<meta name=\"date\" content=\"February 31, 2023\">", "<link rel=\"canonical\" href=\"::\">",
    "The council approved the budget on Monday after a long debate. ",
    "Officials said 3,000 people attended. ",
])


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(HTML_PIECES | st.text(max_size=30), max_size=30))
    return "".join(pieces)


@FAST
@given(html_fragments(), st.sampled_from(["utf-8", "utf-16", "latin-1"]),
       st.sampled_from([None, "html", "txt"]))
def test_broken_html_fragments(html: str, encoding: str, fmt: str | None) -> None:
    read_all(html.encode(encoding, errors="replace"), fmt)


@st.composite
def hostile_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "json", "warc", "html", "gzip", "cut-gzip"]))
    if kind == "bytes":
        return draw(st.binary(max_size=1024))
    if kind == "json":
        return draw(json_documents())
    if kind == "warc":
        return draw(warc_documents())
    html = draw(html_fragments()).encode("utf-8", "replace")
    if kind == "html":
        return html
    data = gzip.compress(html)
    return data if kind == "gzip" else data[: draw(st.integers(0, len(data)))]


@FAST
@given(hostile_files(), st.sampled_from(EXTENSIONS))
def test_read_file_on_every_extension(data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"fuzzed{extension}"
        path.write_bytes(data)
        items = list(read_file(path))
        check_items(items, str(path))
        assert items, "a file must give at least an Article or a reason"
        with path.open("rb") as handle:  # stdin: the format guessed from the first bytes
            check_items(list(read_stream(handle, "-")), "-")


@FAST
@given(st.binary(max_size=2048), st.sampled_from([None, "utf-8", "latin-1", "utf-16", "bogus"]))
def test_decode_bytes_gives_text_or_a_reason(data: bytes, declared: str | None) -> None:
    try:
        text, encoding = decode_bytes(data, declared)
    except SkipArticle as skip:
        assert skip.reason.strip()
        return
    assert isinstance(text, str) and isinstance(encoding, str)
    assert "\x00" not in text


# -- cleaning ---------------------------------------------------------------------------------

TEXT_LINES = st.sampled_from([
    "https://cdn.example.com/img/photo.jpg The council approved the budget on Monday.",
    "Post a Comment", "Previous Post Next Post", "Share this: Facebook Twitter WhatsApp",
    "MOSCOW, July 27 (Reuters) - Officials met on Thursday.", "Related: more stories",
    "Photo: AP", "———————", "Read more", "By Jane Doe, staff writer", "\x00", "\x0c", "\t\t",
    "Officials said 3,000 people attended the rally, according to police estimates.",
]) | st.text(max_size=120)


@st.composite
def raw_articles(draw: st.DrawFn) -> Article:
    if draw(st.booleans()):
        raw = draw(html_fragments())
        markup = "html"
    else:
        raw = draw(st.sampled_from(["\n", "\r\n", "\n\n", " "])).join(
            draw(st.lists(TEXT_LINES, max_size=15)))
        markup = "text"
    url = draw(st.none() | st.sampled_from(["http://example.com/2024/03/14/story", "::",
                                             "javascript:alert(1)", ""]) | st.text(max_size=20))
    return Article(id="0" * 16, source="<fuzz>", format="html" if markup == "html" else "txt",
                   markup=markup, raw=raw, raw_sha256=sha256(raw.encode("utf-8")), url=url)


@FAST
@given(raw_articles())
def test_cleaning_never_raises_and_keeps_text_clean(article: Article) -> None:
    # The stage itself, not process_chunk: that one would hide an exception as "internal error".
    results = STAGES["clean"]([article])
    assert len(results) == 1
    result = results[0]
    if isinstance(result, Skip):
        assert result.reason.strip()
        return
    assert isinstance(result.body, str) and result.body.strip()
    assert "\x00" not in result.body
    assert len(result.body) <= ng_settings.MAX_BODY_CHARS
    result.body.encode("utf-8")
    for dropped in result.dropped:
        assert isinstance(dropped.rule, str) and dropped.rule
        assert isinstance(dropped.text, str)
    for value in (result.title, result.outlet, result.url, result.published_given):
        assert value is None or isinstance(value, str)


# -- time normalization -----------------------------------------------------------------------

TIME_WORDS = [
    "on", "in", "since", "between", "and", "from", "to", "last", "next", "ago", "later", "the",
    "same", "day", "week", "month", "year", "years", "century", "decade", "99999", "9999",
    "0000", "0001", "1000", "8999", "9000", "31/02/2023", "29/02/2023", "2023-02-31",
    "2023-13-01", "February", "31,", "29", "30", "Dec.", "Jan", "1", "9,999,999,999",
    "12,000", "years", "before", "after", "centuries", "millennia", "1e308", "Wednesday",
    "Victory", "Day", "Christmas", "eve", "-", "–", "/", ".", ",", "'99", "the 90000s",
    "100th", "anniversary", "of", "armistice", "MOSCOW,", "(Reuters)", "—", "will", "said",
    "12/31/9999", "1/1/0001", "Monday", "next", "day", "two", "days", "later", "earlier",
]
PUBLISHED = st.one_of(
    st.sampled_from([None, "", "XXXX-05-06", "0001-01-01", "9999-12-31", "1000-01-01",
                     "8999-12-31", "31/02/2023", "2023-02-31", "99999-01-01", "2024-02-29",
                     "2023-02-29", "2024-03-14T25:61:00", "2024-03-14T10:00:00+99:00", "-1",
                     "1e308", "9" * 400, "\x00", "2024-W11-4", "2024-075"]),
    st.dates().map(date.isoformat),
    st.text(max_size=30),
)


@FAST
@given(st.lists(st.sampled_from(TIME_WORDS) | st.text(max_size=6), max_size=30), PUBLISHED)
def test_tag_with_odd_publication_dates_and_huge_numbers(words: list[str], published: str | None
                                                        ) -> None:
    check(" ".join(words), published)


METADATA_DATES = st.one_of(
    st.text(max_size=40),
    st.builds(
        "{}{}{}{}{}".format,
        st.integers(-1, 100_000).map(str), st.sampled_from(["-", "/", ".", " ", ""]),
        st.integers(-1, 40).map(str), st.sampled_from(["-", "/", ".", " ", ""]),
        st.integers(-1, 40).map(str),
    ),
    st.builds(  # RFC 2822 with any field out of range
        "{}, {} {} {} {}:{}:{} {}".format,
        st.sampled_from(["Mon", "Xyz", ""]), st.integers(0, 99), st.sampled_from(
            ["Jan", "Feb", "Foo", ""]), st.integers(0, 100_000), st.integers(0, 99),
        st.integers(0, 99), st.integers(0, 99), st.sampled_from(["+0000", "-9999", "GMT", "Z"]),
    ),
    st.builds(  # written out
        "{} {}, {}".format,
        st.sampled_from(["February", "Feb.", "June", "Smarch", "december"]),
        st.integers(0, 40), st.integers(0, 100_000),
    ),
    st.sampled_from(["February 31, 2023", "31 February 2023", "Feb. 29, 2023", "30/02/2023",
                     "9999-12-31T23:59:59-23:59", "0000-00-00", "2024-03-14Z", "  ", "\x00"]),
)


@FAST
@given(METADATA_DATES)
def test_parse_date_on_metadata_strings(value: str) -> None:
    day = parse_date(value)
    # Callers count days around it (story windows): no date at the calendar's edges.
    assert day is None or (isinstance(day, date) and 1000 <= day.year <= 8999)


@FAST
@given(st.datetimes(), st.sampled_from(["date", "seconds", "Z", "+05:30"]))
def test_parse_date_reads_every_iso_date(moment: datetime, form: str) -> None:
    text = {"date": moment.date().isoformat(), "seconds": moment.isoformat(timespec="seconds"),
            "Z": moment.isoformat() + "Z", "+05:30": moment.isoformat() + "+05:30"}[form]
    expected = moment.date() if 1000 <= moment.year <= 8999 else None
    assert parse_date(f"  {text} ") == expected


BODIES = st.lists(st.sampled_from([
    "MOSCOW, Dec 31, 9999 (Reuters) - ", "MOSCOW, Jan 1, 0001 (Reuters) - ",
    "SEOUL, Feb 30 (Yonhap) - ", "PARIS, Feb. 29, 2023 - ", "The talks ended on Monday. ",
    "They will resume on Thursday. ", "The council met on February 31, 2023. ",
    "It marked the 70th anniversary of the armistice. ", "the 999th anniversary of victory ",
    "On Christmas Eve 9999 the year ended. ", "Three years ago the plant closed. ",
    "between 1950 and 1953 ", "in 0001 ", "on 12/31/9999 ", "\n",
]) | st.text(max_size=20), max_size=12).map("".join)


@FAST
@given(BODIES, PUBLISHED, st.none() | st.sampled_from(
    ["http://x.com/2023/02/31/a", "http://x.com/9999/12/31/", "http://x.com/20230229/x"]),
    PUBLISHED)
def test_time_stage_dates_any_article(body: str, given_date: str | None, url: str | None,
                                      captured: str | None) -> None:
    article = Article(id="0" * 16, source="<fuzz>", format="txt", markup="text", raw=body,
                      raw_sha256="0", body=body, url=url, published_given=given_date or None,
                      captured=captured or None)
    add_times(article)  # the time stage as the pipeline runs it
    published = article.published
    assert published is not None
    assert published.source in ("metadata", "inferred", "unknown")
    if published.earliest and published.latest and not captured:
        # (An archive's capture date caps ``latest`` even below a text-derived ``earliest``.)
        assert published.earliest <= published.latest
    if published.value and not published.value.startswith("X"):
        date.fromisoformat(published.value)
    for expr in article.timexes:
        assert 0 <= expr.start < expr.end <= len(body)
        assert expr.text == body[expr.start : expr.end]
    given_day = parse_date(given_date)
    if given_day is not None:  # metadata wins over anything the text or the URL says
        assert published.source == "metadata" and published.value == given_day.isoformat()
    found = from_url(url)
    if found is not None:
        assert found.value == found.earliest == found.latest
        date.fromisoformat(found.value or "")


# -- the claim number parser ------------------------------------------------------------------

FIGURE_WORDS = st.sampled_from([
    "one", "two", "three", "twenty", "twenty-four", "hundred", "thousand", "million",
    "billion", "trillion", "bn", "m", "dozen", "dozens", "hundreds", "thousands", "tens", "of",
    "a", "an", "and", "half", "third", "thirds", "quarter", "quarters", "-", "–", "—", "to",
    "or", "between", "0", "00", "0192", "3", "4", "3.5", "48,000", "1,2,3", "1.2bn", "300+",
    "3-4", "2-3.5", "10–15", "4-3", "5/8", "1/0", "0/0", "99/64", "%", "percent", "$", "€",
    "9" * 400, "1" * 5000, "1.", ".5", "1e9", "nan", "inf", "-3", "B-29", "MiG-15", "70th",
    "", " ", "\u0663", "½", "٣", "一", "\x00", "9" * 400 + "th", "1" * 5000 + "th", "3rd",
])


@FAST
@given(st.lists(FIGURE_WORDS | st.text(max_size=5), max_size=12),
       st.none() | st.sampled_from(["and", "to", "-", ""]))
def test_parse_figure_on_any_words(words: list[str], joiner: str | None) -> None:
    figure = parse_figure(words, joiner=joiner)
    if figure is None:
        return
    assert math.isfinite(figure.low)
    if figure.high is not None:
        assert math.isfinite(figure.high)
        assert figure.low <= figure.high
    else:
        assert figure.vague


@FAST
@given(FIGURE_WORDS | st.text(max_size=12))
def test_token_helpers_on_any_token(token: str) -> None:
    parts = split_token(token)
    assert parts and all(isinstance(p, str) for p in parts)
    assert token_kind(token) in (None, "digit", "slash", "word", "scale", "fraction", "vague")
    value = digit_value(token)
    assert value is None or value >= 0  # never NaN, never negative
    rank = ordinal_value(token)
    assert rank is None or (isinstance(rank, int) and 0 <= rank < 10**9)
    if token.isascii() and token.isdigit():  # "70th" is 70; a rank of 400 digits is noise
        assert ordinal_value(token + "th") == (int(token) if len(token) <= 9 else None)


SPEAKERS = ["The ministry", "Officials", "Kim Jong Un", "Some observers", "State media",
            "He", "A spokesman for the Kremlin", "Reuters", "Local police"]
CUES = ["said", "claimed", "told reporters", "estimated", "reportedly said", "denied",
        "announced on Wednesday"]
NUMBERS = ["48,000", "3.5 million", "1.2bn", "$300", "€4 million", "40%", "3-4", "3 to 4",
           "between 10 and 20", "two thirds of", "half a million", "hundreds of",
           "nearly 5,000", "more than 300", "an estimated 3 million", "4 5/8", "twenty-four",
           "9" * 400, "tens of thousands of", "about 1,000", "some 70", "0.5", "3-1",
           "at least 12", "up to 2,500", "fewer than 10", "the " + "9" * 400 + "th largest",
           "the " + "7" * 5000 + "th biggest", "the third largest", "more"]
NOUNS = ["people", "troops", "tonnes of grain", "combat sorties", "percent of voters",
         "dollars", "civilians", "shells"]
HEDGES = ["", "reportedly ", "allegedly ", "according to some estimates, ",
          "it is believed that ", "apparently "]


@st.composite
def news_sentences(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(2, 6))):
        who, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
        figure = f"{draw(st.sampled_from(NUMBERS))} {draw(st.sampled_from(NOUNS))}"
        hedge = draw(st.sampled_from(HEDGES))
        shape = draw(st.integers(0, 4))
        if shape == 0:
            sentences.append(f'"We have {hedge}sent {figure} to the front," {who.lower()} {cue}.')
        elif shape == 1:
            sentences.append(f"{who} {cue} that {hedge}{figure} were killed in the attack.")
        elif shape == 2:
            sentences.append(f"According to {who}, {hedge}{figure} fled the city on Monday.")
        elif shape == 3:
            sentences.append(f"{who} {cue}: “{figure.capitalize()} arrived” — {hedge}officials.")
        else:
            sentences.append(f"{hedge.capitalize()}{figure} {draw(st.text(max_size=15))} left.")
        if draw(st.integers(0, 4)) == 0:  # noise between sentences: stray quotes, unicode
            sentences.append(draw(st.sampled_from(['"', "“", "'", "—", "(", "\u200b"])
                             | st.text(max_size=10)))
    separator = draw(st.sampled_from([" ", "\n\n", " \u00a0"]))
    return separator.join(sentences)


def check_span(body: str, start: int | None, end: int | None) -> None:
    assert start is not None and end is not None
    assert 0 <= start <= end <= len(body), (start, end, len(body))


@SLOW
@given(news_sentences(), st.sampled_from([None, "2024-03-14", "2023-02-31"]), st.booleans())
def test_claims_and_quotes_point_into_the_body(text: str, published: str | None, html: bool
                                               ) -> None:
    if html:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        text = f"<html><body><article><p>{escaped}</p></article></body></html>"
    try:
        article = process_text(text, published_given=published, html=html)
    except SkipArticle as skip:
        assert not skip.reason.startswith("internal error"), skip.reason
        return
    body = article.body
    for sentence in article.sentences:
        check_span(body, sentence.start, sentence.end)
    for token in article.tokens:
        check_span(body, token.start, token.end)
    for mention in article.mentions:
        check_span(body, mention.start, mention.end)
        assert mention.text == body[mention.start : mention.end]
    for expr in article.timexes:
        check_span(body, expr.start, expr.end)
        assert expr.text == body[expr.start : expr.end]
    for quote in article.quotes:
        check_span(body, quote.cue_start, quote.cue_end)
        assert quote.cue == body[quote.cue_start : quote.cue_end]
        check_span(body, quote.content_start, quote.content_end)
        for start, end in quote.parts:
            check_span(body, start, end)
            assert quote.content_start <= start and end <= quote.content_end
        if quote.speaker_start is not None:
            check_span(body, quote.speaker_start, quote.speaker_end)
            assert quote.speaker == body[quote.speaker_start : quote.speaker_end]
    for claim in article.claims:
        check_span(body, claim.start, claim.end)
        check_span(body, claim.evidence_start, claim.evidence_end)
        assert claim.text == body[claim.evidence_start : claim.evidence_end]
        if claim.hedge_start is not None or claim.hedge_end is not None:
            check_span(body, claim.hedge_start, claim.hedge_end)
            assert claim.hedge == body[claim.hedge_start : claim.hedge_end]
        for value in (claim.low, claim.high):
            assert value is None or math.isfinite(value)
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high
        assert claim.quote is None or 0 <= claim.quote < len(article.quotes)
    for event in article.events:
        check_span(body, event.start, event.end)
        check_span(body, event.predicate_start, event.predicate_end)
        for party in [*event.actors, *event.recipients]:
            check_span(body, party.start, party.end)


# -- the CLI over a corpus of hostile files ---------------------------------------------------

GOOD_SENTENCES = [
    "The regional parliament of {place} passed the new water law on Thursday by {n} votes to "
    "30, after a debate that lasted more than nine hours.",
    "Officials in {place} said on Monday that about {n} people had been moved from flooded "
    "villages, and that the river was expected to fall by the weekend.",
    "The mayor of {place} announced that the old pier will be rebuilt with {n} million euros "
    "from the regional government, starting next spring.",
]


def good_text(index: int) -> str:
    place = ["Valmora", "Ostrava", "Tarnow", "Lugano", "Kassel", "Girona", "Aarhus",
             "Brindisi"][index % 8]
    return " ".join(s.format(place=place, n=40 + index) for s in GOOD_SENTENCES) + "\n"


def write_warc(path: Path, records: list[tuple[str | None, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url or "", "response", payload=io.BytesIO(body), http_headers=headers))


def write_corpus(folder: Path) -> list[Path]:
    """About forty hostile files (and a few good ones); returns the files to account for."""
    rng = random.Random(9)
    folder.mkdir()
    nested = folder / "nested"
    nested.mkdir()
    files: dict[str, bytes] = {
        "good1.txt": good_text(1).encode(),
        "good2.html": (f"<html><head><title>Flood</title></head><body><article><p>"
                       f"{good_text(2)}</p></article></body></html>").encode(),
        "nested/good3.text": good_text(3).replace("\n", "\r\n").encode(),
        "empty.txt": b"",
        "empty.html.gz": b"",
        "zero-content.html.gz": gzip.compress(b""),
        "blank.txt": b"  \n\t \r\n ",
        "binary.txt": rng.randbytes(20_000),
        "binary.html": rng.randbytes(5_000),
        "nul-early.html": b"<html><body><p>" + b"\x00" * 50 + good_text(4).encode() + b"</p>",
        "nul-late.html": (b"<html><body><p>" + good_text(5).encode() + b" " * 9000
                          + b"\x00\x00 more</p></body></html>"),
        "utf16-no-bom.txt": good_text(6).encode("utf-16-le"),
        "utf16-bom.txt": good_text(7).encode("utf-16"),
        "latin1.txt": ("The café owners of Málaga protested on Monday against the new "
                       "terrace tax, which they say will cost them up to 3,000 euros a "
                       "year.").encode("latin-1"),
        "cp1252.htm": ("<html><head><meta charset=windows-1252></head><body><p>“The new "
                       "bridge over the Vltava will open in May,” the city’s engineer said "
                       "on Tuesday, adding that the works cost 12 million euros.</p></body>"
                       "</html>").encode("cp1252"),
        "huge.txt": b"a" * (ng_settings.MAX_DOCUMENT_BYTES + 1),
        "huge.html.gz": gzip.compress(b"<p>" + b"b" * ng_settings.MAX_DOCUMENT_BYTES + b"</p>"),
        "long-body.txt": ("The council met again. " * 9_000).encode(),
        "truncated.html.gz": gzip.compress(good_text(0).encode() * 20)[:40],
        "bad-header.html.gz": b"\x1f\x8b" + rng.randbytes(200),
        "random.warc.gz": rng.randbytes(3_000),
        "random.warc": b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + rng.randbytes(500),
        "no-uri.warc": (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; "
                        b"msgtype=response\r\nContent-Length: 30\r\n\r\nHTTP/1.1 200 OK\r\n"
                        b"\r\n<p>hi</p>\r\n\r\n\r\n"),
        "broken-tags.html": b"<p>&#0;&bogus;<div <script>alert(1)<!-- &#xD800; <p",
        "xml-decl.html": ('<?xml version="1.0" encoding="utf-16"?><html><body><p>'
                          + good_text(8) + "</p></body></html>").encode(),
        "edge-date.html": ('<html><head><meta property="article:published_time" '
                           'content="9999-12-31T23:00:00Z"></head><body><article><p>'
                           f"{good_text(17)}</p></article></body></html>").encode(),
        "bogus-charset.html": (b'<meta charset="no-such-codec"><p>'
                               + "Caf\u00e9 prices rose.".encode("latin-1") + b"</p>"),
        "impossible-dates.txt": (b"MOSCOW, Dec 31, 9999 (Reuters) - The council met on "
                                 b"February 31, 2023 and again on Feb. 29, 2023, officials "
                                 b"said, after talks that began three years ago."),
        "giant-number.txt": (f"Officials said {'9' * 400} people attended the rally in the "
                             f"capital on Sunday, according to police estimates.").encode(),
        "french.txt": ("Le conseil municipal a adopté lundi le nouveau budget après un long "
                       "débat sur les impôts locaux et les transports publics.").encode(),
        "only-url.txt": b"https://example.com/story/123\n",
        "feed.jsonl": "\n".join([
            json.dumps({"text": good_text(9), "url": "http://example.com/a"}),
            '{"text": "unterminated',
            "[1, 2, 3]",
            json.dumps({"title": "no text here", "text": 42}),
            json.dumps({"text": good_text(10) + " \ud800 end", "url": "http://ex.com/\udc00"}),
            "[" * 5000,
            '{"text": "big", "n": ' + "9" * 5000 + "}",
            "",
            json.dumps({"html": f"<html><body><p>{good_text(11)}</p></body></html>",
                        "date": "February 31, 2023"}),
            json.dumps({"text": good_text(15), "date": "9999-12-31"}),
            json.dumps({"text": good_text(16), "published": "0001-01-01T00:00:00Z"}),
        ]).encode(),
        "list.json": json.dumps([{"text": good_text(12)}, "not an object", None]).encode(),
        "empty-list.json": b"[]",
        "whitespace.ndjson": b"\x0c\n\x0b\n",
        "deep.json": b"[" * 100_000,
        "bom.ndjson": b"\xef\xbb\xbf" + json.dumps({"text": good_text(13)}).encode(),
        "notes.pdf": b"%PDF-1.4 not really",
        "README": b"no extension at all",
        "archive.txt.gz": gzip.compress(b"compressed text is not a supported type"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    page = f"<html><body><p>{good_text(14)}</p></body></html>".encode()
    write_warc(folder / "good.warc.gz", [("http://example.com/warc-story", page)])
    os.symlink("..", nested / "loop")  # a directory symlink loop
    os.symlink("self-loop.txt", folder / "self-loop.txt")  # a file symlink loop
    os.symlink("missing.txt", folder / "dangling.txt")
    return [folder / name for name in files] + [
        folder / "good.warc.gz", nested / "loop", folder / "self-loop.txt", folder / "dangling.txt"
    ]


def run_ingest(folder: Path, db: Path) -> dict:
    """The ingest's JSON summary, with every skip (from ``--skipped``) as its list."""
    every = db.with_suffix(".skipped.jsonl")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--json",
                                       "--quiet", "--skipped", str(every)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output[-2000:]
    summary = json.loads(result.stdout)
    summary["skipped"] = [json.loads(line) for line in every.read_text().splitlines()]
    assert len(summary["skipped"]) == summary["skipped_count"]
    return summary


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_ingest_over_a_hostile_corpus(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    expected = [p.relative_to(tmp_path) for p in write_corpus(folder)]
    db = tmp_path / "fuzz.db"

    first = run_ingest(folder, db)
    skipped = {s["source"]: s["reason"] for s in first["skipped"]}
    assert all(isinstance(r, str) and r.strip() for r in skipped.values()), skipped
    internal = {s: r for s, r in skipped.items() if r.startswith("internal error")}
    assert not internal, internal  # an exception a stage let escape
    assert first["already_stored"] == 0  # no file read twice (the symlink loop)
    with Store(db) as store:
        stored = [r["source"] for r in store.articles()]
    assert len(stored) == first["stored"] == len(set(stored))

    def accounted(source: str) -> bool:
        return any(s == source or s.startswith(source + "#") for s in [*stored, *skipped])

    missing = [str(p) for p in expected if not accounted(str(p))]
    assert not missing, missing
    # Every line of the JSON Lines feed is a record of its own: stored or reported.
    lines = [n for n, line in enumerate((folder / "feed.jsonl").read_bytes().split(b"\n"), 1)
             if line.strip()]
    # Files are named from the folder given on: an absolute path is not shown.
    named = folder.relative_to(tmp_path)
    feed = named / "feed.jsonl"
    for n in lines:
        assert accounted(f"{feed}#L{n}"), n
    # Nothing is read through the loop, and the good files are stored.
    assert not [s for s in [*stored, *skipped] if "/loop/" in s]
    for name in ("good1.txt", "good2.html", "nested/good3.text", "latin1.txt", "cp1252.htm",
                 "edge-date.html",
                 "nul-late.html", "utf16-bom.txt", "impossible-dates.txt", "giant-number.txt"):
        assert str(named / name) in stored, (name, skipped.get(str(named / name)))
    # L5: lone surrogates replaced; L9-L11: impossible and edge-of-calendar metadata dates
    assert {f"{feed}#L1", f"{feed}#L5", f"{feed}#L9", f"{feed}#L10", f"{feed}#L11",
            f"{named / 'list.json'}#0",
            f"{named / 'good.warc.gz'}#http://example.com/warc-story"} <= set(stored)
    assert skipped[str(named / "huge.txt")].startswith("document too large")
    assert skipped[str(named / "empty-list.json")]

    second = run_ingest(folder, db)
    assert second["stored"] == 0
    assert second["already_stored"] == first["stored"]
    assert sorted(second["skipped"], key=str) == sorted(first["skipped"], key=str)
    with Store(db) as store:
        assert len(store.articles()) == first["stored"]

