"""Readers: every format, stdin, directories and globs; bad input becomes a Skip, never a raise."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.readers import read_paths, read_stream
from newsgraph.model import Article, Skip

TEXT = "The city council approved the new budget on Monday after a long debate.\n"
PAGE = "<html><head><title>Budget</title></head><body><p>{}</p></body></html>"


def read_all(*paths: Path | str) -> tuple[list[Article], list[Skip]]:
    items = list(read_paths([str(p) for p in paths]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)]


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))


def test_text_file_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    articles, skips = read_all(tmp_path / "a.txt")
    assert skips == []
    assert articles[0].raw == TEXT
    assert articles[0].markup == "text"
    assert articles[0].encoding == "utf-8"


def test_html_and_gzipped_html(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE.format("one"), encoding="utf-8")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.format("two").encode()))
    articles, skips = read_all(tmp_path)
    assert skips == []
    assert [a.markup for a in articles] == ["html", "html"]
    assert "two" in articles[1].raw


def test_directory_is_recursive_and_glob_expands(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text(TEXT)
    (tmp_path / "y.txt").write_text(TEXT + "More.")
    assert len(read_all(tmp_path)[0]) == 2
    assert len(read_all(str(tmp_path / "**" / "*.txt"))[0]) == 2


def test_jsonl_fields_and_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://news.example/a", "title": "A", "published": "2024-01-02",
                    "outlet": "Example News", "text": TEXT}),
        "{not json",
        json.dumps({"link": "https://news.example/b", "html": PAGE.format("bee")}),
        json.dumps({"url": "https://news.example/c"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    articles, skips = read_all(tmp_path / "feed.jsonl")
    assert [a.url for a in articles] == ["https://news.example/a", "https://news.example/b"]
    first = articles[0]
    assert (first.title, first.published_given, first.outlet) == (
        "A", "2024-01-02", "Example News")
    assert articles[1].markup == "html"
    assert [s.source.rsplit("#", 1)[1] for s in skips] == ["L2", "L4"]
    assert "malformed JSON" in skips[0].reason
    assert "no text" in skips[1].reason


def test_json_array(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": TEXT}, {"text": TEXT + "x"}]))
    articles, _ = read_all(tmp_path / "list.json")
    assert len(articles) == 2


def test_warc_html_records_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://news.example/1", "text/html; charset=iso-8859-1",
         PAGE.format("caf\xe9").encode("latin-1")),
        ("https://news.example/logo.png", "image/png", b"\x89PNG..."),
    ])
    articles, skips = read_all(path)
    assert skips == []
    assert len(articles) == 1
    assert articles[0].url == "https://news.example/1"
    assert "café" in articles[0].raw


def test_stdin_format_is_sniffed() -> None:
    items = list(read_stream(io.BytesIO(PAGE.format("x").encode()), "-"))
    assert items[0].markup == "html"
    items = list(read_stream(io.BytesIO(TEXT.encode()), "-"))
    assert items[0].markup == "text"


def test_encodings(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffZürich and Kraków agreed.".encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes("Zürich and Kraków agreed.".encode("utf-16"))
    (tmp_path / "latin.txt").write_bytes(
        "Le ministre a déclaré que la réunion à Genève était terminée.".encode("cp1252"))
    articles, skips = read_all(tmp_path)
    assert skips == []
    by_name = {Path(a.source).name: a for a in articles}
    assert by_name["bom.txt"].raw == "Zürich and Kraków agreed."
    assert by_name["utf16.txt"].raw == "Zürich and Kraków agreed."
    assert "déclaré" in by_name["latin.txt"].raw


def test_bad_inputs_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(PAGE.format("x").encode())[:30])
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    articles, skips = read_all(tmp_path, tmp_path / "missing.txt")
    assert articles == []
    reasons = {Path(s.source).name: s.reason for s in skips}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["picture.jpg"].startswith("unsupported file type")
    assert "gzip" in reasons["broken.html.gz"]
    assert "corrupt WARC" in reasons["broken.warc.gz"]
    assert reasons["missing.txt"] == "no such file or directory"


def test_huge_document_is_skipped(tmp_path: Path, monkeypatch) -> None:
    from newsgraph import settings

    monkeypatch.setattr(settings, "MAX_DOCUMENT_BYTES", 1000)
    (tmp_path / "big.txt").write_text("word " * 1000)
    articles, skips = read_all(tmp_path)
    assert articles == []
    assert skips[0].reason.startswith("document too large")


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "secret.txt"
    path.write_text(TEXT)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads everything: nothing to test here
            return
        _, skips = read_all(path)
        assert skips[0].reason == "permission denied"
    finally:
        path.chmod(0o644)
