"""The bad-input list of the foundation issue, end to end through `newsgraph ingest`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.store import Store

GOOD = ("The regional parliament passed the new water law on Thursday by 41 votes to 30, "
        "after a debate that lasted more than nine hours.\n")


def test_bad_inputs_are_reported_and_the_rest_is_ingested(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 100)
    with (inputs / "huge.txt").open("w") as handle:  # 50 MB
        for _ in range(50):
            handle.write(("All work and no play. " * 47 + "\n") * 1000)
    (inputs / "truncated.html").write_text(
        "<html><head><title>Cut</title></head><body><article><p>The mayor of the coastal town "
        "announced on Friday that the old pier will be rebuilt with funds from the regional "
        "government, starting next spring.</p><p>Work is expected to take two ye"
    )
    (inputs / "latin1.txt").write_bytes(
        "The café owners of Málaga protested on Monday against the new terrace tax, which "
        "they say will cost them up to 3,000 euros a year.".encode("latin-1"))
    (inputs / "broken-utf8.txt").write_bytes(
        GOOD.replace("water", "waste").encode() + b"\xff\xfe broken \xc3 bytes in the middle.\n")
    (inputs / "feed.jsonl").write_text(
        json.dumps({"text": GOOD.replace("water", "energy")}) + "\n{\"text\": \"unterminated\n")
    (inputs / "bad.html.gz").write_bytes(gzip.compress(b"<html><body>hello</body></html>")[:25])
    (inputs / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not a warc at all")
    db = tmp_path / "bad.db"

    result = CliRunner().invoke(main, ["ingest", str(inputs), "--db", str(db), "--quiet",
                                       "--json"])
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    summary = json.loads(result.output)
    reasons = {Path(s["source"]).name: s["reason"] for s in summary["skipped"]}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["huge.txt"].startswith("document too large")
    assert reasons["feed.jsonl#L2"].startswith("malformed JSON line")
    assert "gzip" in reasons["bad.html.gz"]
    assert "WARC" in reasons["bad.warc.gz"]
    assert summary["stored"] == 5  # good, truncated html, latin-1, broken utf-8, jsonl line 1

    with Store(db) as store:
        bodies = {Path(r["source"]).name: store.load_article(r["id"]).body
                  for r in store.articles()}
    assert "rebuilt with funds" in bodies["truncated.html"]
    assert "café owners of Málaga" in bodies["latin1.txt"]
    assert "waste law" in bodies["broken-utf8.txt"]


def test_exit_code_is_non_zero_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(main, ["ingest", str(inputs), "--db", str(tmp_path / "x.db"),
                                       "--quiet"])
    assert result.exit_code == 1
    assert "binary.txt: binary file" in result.output
