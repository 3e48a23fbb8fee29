"""Hostile and careless input, through the CLI, the API and the pages: bounded memory from
small compressed bombs, no ingest lost to one bad record or file name, no 5xx and no traceback
from any number, length or pattern, refusals that name the parameter or the file and why."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsgraph import filters, settings
from newsgraph.cli import main
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.readers import read_file
from newsgraph.model import Article, Skip
from newsgraph.store import Store

NEWS = ("The foreign ministers of Norway and Finland met in Oslo on Thursday to discuss "
        "fishing rights in the Barents Sea, officials said. The talks ended without a deal, "
        "and both sides agreed to meet again in the spring.")
MAX_PEAK_MB = 600


# Runs a command as its own child and prints that child's peak resident memory. A process
# forked from this one (pytest, with spaCy loaded) would count our pages in its peak, even
# after exec: measured from a small launcher, it counts only its own.
LAUNCHER = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:]); "
            "_, status, usage = os.wait4(child.pid, 0); "
            "print(f'\\npeak_kb={usage.ru_maxrss}'); sys.exit(os.waitstatus_to_exitcode(status))")


def peak_of(command: list[str], stdin: Path | None = None) -> tuple[int, str, float]:
    """Run ``command``; its exit code, its output and its own peak resident memory in MB."""
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as given:
        result = subprocess.run([sys.executable, "-c", LAUNCHER, *command], stdin=given,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    text, _, peak = result.stdout.decode("utf-8", "replace").rpartition("\npeak_kb=")
    assert "Traceback" not in text, text[-3000:]
    return result.returncode, text, int(peak) / 1024


def newsgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", *args]


# -- 1. bounded memory ------------------------------------------------------------------------

def test_a_gzipped_list_of_millions_of_empty_records_on_stdin_stays_small(
        tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.gz"
    records = 4_000_000  # 12 MB of "{}," in 12 KB of gzip; the whole list once took GBs
    with gzip.open(bomb, "wb") as handle:
        handle.write(b"[" + b"{}," * (records - 1) + b"{}]")
    code, out, peak = peak_of(newsgraph("ingest", "-", "--db", str(tmp_path / "s.db"),
                                        "--json", "--quiet"), stdin=bomb)
    assert code == 1  # nothing could be read
    summary = json.loads(out[out.index("{"):])
    assert summary["skipped_count"] == records
    assert len(summary["skipped"]) == settings.SKIPS_SHOWN  # the summary stays bounded
    assert summary["skipped_by_reason"] == {"JSON record has no text": records}
    assert peak <= MAX_PEAK_MB, f"peak {peak:.0f} MB"


def test_one_enormous_json_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    bomb = tmp_path / "line.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        handle.write(b'{"text": "')
        for _ in range(500):  # 500 MB of one line, a few hundred KB compressed
            handle.write(b"a" * 2**20)
        handle.write(b'"}\n' + json.dumps({"text": NEWS}).encode() + b"\n")
    code, out, peak = peak_of(newsgraph("ingest", str(bomb), "--db", str(tmp_path / "s.db"),
                                        "--quiet"))
    assert code == 0, out
    assert "stored 1" in out
    assert "line.jsonl.gz#L1: document too large (500.0 MB" in out
    assert peak <= MAX_PEAK_MB, f"peak {peak:.0f} MB"


def test_a_posted_gzip_bomb_is_read_within_the_same_bounds(tmp_path: Path) -> None:
    """The server's POST: a body under the 10 MB limit that unpacks to 500 MB."""
    bomb = tmp_path / "post.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        handle.write(b'{"text": "')
        for _ in range(500):
            handle.write(b"a" * 2**20)
        handle.write(b'"}\n')
    Store(tmp_path / "s.db").close()
    script = (
        "import sys; from pathlib import Path; from fastapi.testclient import TestClient;"
        "from newsgraph.web import create_app;"
        f"client = TestClient(create_app({str(tmp_path / 's.db')!r}, allow_ingest=True));"
        f"r = client.post('/api/articles', content=Path({str(bomb)!r}).read_bytes());"
        "print(r.status_code, r.text)"
    )
    code, out, peak = peak_of([sys.executable, "-c", script])
    assert code == 0 and "\n422 " in f"\n{out}", out
    assert "document too large" in out
    assert peak <= MAX_PEAK_MB, f"peak {peak:.0f} MB"


def test_a_json_list_on_disk_is_limited_record_by_record(tmp_path: Path) -> None:
    big, small = {"text": "x " * (settings.MAX_DOCUMENT_BYTES // 2 + 10)}, {"text": NEWS}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([big, small]), encoding="utf-8")
    items = list(read_file(path))
    assert isinstance(items[0], Skip) and items[0].reason.startswith("document too large")
    assert isinstance(items[1], Article) and items[1].raw == NEWS


def test_summaries_list_the_first_skips_and_count_the_rest(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("not json\n" * 300 + "{}\n" * 200, encoding="utf-8")
    every = tmp_path / "skipped.jsonl"
    result = CliRunner().invoke(main, ["ingest", str(feed), "--db", str(tmp_path / "s.db"),
                                       "--quiet", "--skipped", str(every)])
    lines = result.output.splitlines()
    assert len(lines) < settings.SKIPS_SHOWN + 5
    assert "malformed JSON line 300" in lines[-1] and "JSON record has no text 200" in lines[-1]
    written = [json.loads(line) for line in every.read_text().splitlines()]
    assert len(written) == 500 and written[-1]["source"] == "feed.jsonl#L500"


# -- 2. bad file names ------------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_stored_escaped_and_the_rest_goes_on(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plain.txt").write_text(NEWS, encoding="utf-8")
    odd = os.fsencode(folder) + b"/caf\xe9-report.txt"
    with open(odd, "wb") as handle:
        handle.write(NEWS.replace("Oslo", "Bergen").encode())
    db = tmp_path / "s.db"
    runs = [CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--quiet",
                                      "--json"]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    assert json.loads(runs[0].output)["stored"] == 2
    assert json.loads(runs[1].output)["already_stored"] == 2  # a rerun adds nothing
    with Store(db) as store:
        sources = sorted(a["source"] for a in store.articles())
    assert sources == ["in/caf\\xe9-report.txt", "in/plain.txt"]


# -- 3-6. parameters: numbers, lengths, patterns, dates, types --------------------------------

LISTINGS = ["/api/articles", "/api/actors", "/api/events", "/api/quotes", "/api/claims",
            "/api/stories", "/api/happenings", "/", "/articles", "/actors", "/happenings"]


@pytest.mark.parametrize("path", LISTINGS)
def test_offsets_past_what_sqlite_holds_are_refused_not_500(client: TestClient,
                                                            path: str) -> None:
    response = client.get(path, params={"offset": 2**63})
    assert response.status_code in (400, 422)
    assert "offset" in response.text


@pytest.mark.parametrize("path, name", [("/api/network", "min_events"),
                                        ("/api/happenings", "min_sources"),
                                        ("/network", "min_events"), ("/claims", "min_sources")])
def test_minimum_counts_are_bounded(client: TestClient, path: str, name: str) -> None:
    response = client.get(path, params={name: 2**64})
    assert response.status_code in (400, 422) and name in response.text


@pytest.mark.parametrize("path", ["/api/articles/{}", "/api/stories/{}", "/api/happenings/{}",
                                  "/api/actors/{}", "/articles/{}", "/stories/{}",
                                  "/happenings/{}", "/actors/{}", "/api/events?article={}",
                                  "/api/articles?search={}", "/api/events?actor={}"])
def test_ids_and_texts_of_any_length_are_refused_not_500(client: TestClient,
                                                         path: str) -> None:
    response = client.get(path.format("a" * 60_000))
    assert response.status_code in (400, 404, 422), response.text[:300]
    assert "a" * 1000 not in response.text  # the input is not echoed back


def test_id_prefixes_and_searches_are_characters_not_patterns(client: TestClient,
                                                              demo_store: Store) -> None:
    article = demo_store.articles()[0]["id"]
    assert client.get(f"/api/articles/{article}").status_code == 200
    assert client.get(f"/api/articles/_{article[1:]}").status_code == 404
    assert client.get("/api/articles/%25").status_code == 404
    for path, name in [("/api/articles", "search"), ("/api/actors", "search"),
                       ("/api/events", "actor"), ("/api/quotes", "about"),
                       ("/api/stories", "search")]:
        for pattern in ("%%%", "_%_", "%\\%"):  # as wildcards they match every row
            assert client.get(path, params={name: pattern}).json()["items"] == [], (path,
                                                                                    pattern)


@pytest.mark.parametrize("params", [{"from": "2024-13-45"}, {"to": "2024-02-30"},
                                    {"from": "garbage"}, {"type": "BOMBING"}])
def test_bad_dates_and_types_are_refused_in_the_api_and_on_pages(
        client: TestClient, params: dict[str, str]) -> None:
    name = next(iter(params))
    api = client.get("/api/events", params=params)
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", name]
    page = client.get("/" if name != "type" else "/happenings", params=params)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert name in page.text and "Not found" not in page.text


@pytest.mark.parametrize("args, option", [
    (["events", "--from", "yesterday"], "--from"), (["events", "--type", "BOMBING"], "--type"),
    (["timeline", "--to", "2024-02-30"], "--to"), (["articles", "--offset", str(2**63)],
                                                   "--offset"),
    (["articles", "--search", "x" * 60_000], "--search"), (["show", "f" * 60_000], "ID"),
    (["happenings", "--min-sources", str(2**64)], "--min-sources"),
    (["export", "--kind", "events", "--type", "BOMB"], "--type"),
])
def test_bad_cli_values_are_usage_errors_naming_the_option(demo_db: Path, args: list[str],
                                                           option: str) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(demo_db)])
    assert result.exit_code == 2, result.output
    assert option in result.output and "Traceback" not in result.output


def test_checks_say_what_they_accept() -> None:
    assert filters.iso_date("2024-02-29") == "2024-02-29"
    assert filters.iso_date("2024-05-01T10:30") == "2024-05-01T10:30"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        filters.iso_date("May 2024")
    with pytest.raises(ValueError, match="calendar"):
        filters.iso_date("2023-02-29")
    assert filters.event_type("assault") == "ASSAULT"
    with pytest.raises(ValueError, match="CONSULT"):
        filters.event_type("BOMBING")


def test_pages_answer_errors_as_pages_and_the_api_as_json(client: TestClient) -> None:
    for path in ("/no/such/page", "/?offset=-1", "/articles/ffffffffffffffff"):
        page = client.get(path)
        assert page.status_code in (400, 404)
        assert page.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"
    api = client.get("/api/no/such/thing")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    invalid = client.get("/api/events", params={"limit": "many"}).json()["detail"][0]
    assert "input" not in invalid and invalid["loc"] == ["query", "limit"]


def test_head_is_answered_as_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/articles"):
        response = client.head(path)
        assert response.status_code == 200 and response.content == b""


# -- 7. language, form and encoding -----------------------------------------------------------

@pytest.fixture
def ingesting(tmp_path: Path) -> TestClient:
    from newsgraph.web import create_app

    Store(tmp_path / "posted.db").close()
    return TestClient(create_app(tmp_path / "posted.db", allow_ingest=True))


def test_chinese_is_refused_as_not_english(ingesting: TestClient) -> None:
    chinese = ("朝鲜最高领导人周三在平壤会见了来访的俄罗斯国防部长，双方就两国军事合作问题"
               "交换了意见，并表示将继续加强传统友谊。")
    response = ingesting.post("/api/articles", content=chinese.encode(),
                              headers={"content-type": "text/plain"})
    assert response.status_code == 422 and "not English" in response.json()["detail"]


def test_multipart_uploads_are_refused_with_415(ingesting: TestClient) -> None:
    response = ingesting.post("/api/articles", files={"file": ("x.txt", NEWS.encode())})
    assert response.status_code == 415 and "--data-binary" in response.json()["detail"]
    assert ingesting.get("/api/articles").json()["items"] == []


def test_undeclared_latin1_reads_as_western_text() -> None:
    text, encoding = decode_bytes("Officials in São Paulo met at the café on Monday, "
                                  "said Müller.".encode("latin-1"))
    assert "São Paulo" in text and "café" in text and "Müller" in text
    assert encoding == "cp1252"
    cyrillic = "Правительство заявило в понедельник о новых мерах.".encode("cp1251")
    assert decode_bytes(cyrillic)[0].startswith("Правительство")


# -- 8. read-only stores ----------------------------------------------------------------------

@pytest.fixture
def locked_away(demo_db: Path) -> Iterator[Path]:
    """A copy of the demo store in a folder nobody may write, both readable by all."""
    folder = Path(tempfile.mkdtemp())
    shutil.copy(demo_db, folder / "kept.db")
    (folder / "kept.db").chmod(0o444)
    folder.chmod(0o555)
    try:
        yield folder / "kept.db"
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_read_only_store_in_a_read_only_folder_can_be_listed(locked_away: Path) -> None:
    command = newsgraph("articles", "--db", str(locked_away), "--json")
    if os.geteuid() == 0:  # root writes anywhere: read as a user who cannot
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to drop root")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        probe = subprocess.run([*command[:4], sys.executable, "-c", "import newsgraph"],
                               capture_output=True, timeout=60)
        if probe.returncode != 0:  # this checkout lies where that user cannot read it
            pytest.skip("the unprivileged user cannot run this checkout's interpreter")
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)
    assert "cannot be written" in result.stderr  # and it says how it read the store


# -- 9. what leaves the machine, and the small things -----------------------------------------

def test_links_out_of_the_ingested_folder_are_passed_over_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text(NEWS, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "leak.txt").symlink_to(outside)
    db = tmp_path / "s.db"
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--json",
                                      "--quiet"])
    skips = json.loads(first.output)["skipped"]
    assert skips[0]["source"] == "in/leak.txt" and "--follow-symlinks" in skips[0]["reason"]
    second = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--json",
                                       "--quiet", "--follow-symlinks"])
    assert json.loads(second.output)["stored"] == 1


def test_served_sources_never_show_absolute_paths(client: TestClient) -> None:
    for article in client.get("/api/articles", params={"limit": 1000}).json()["items"]:
        assert not article["source"].startswith("/"), article["source"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_named_as_such_and_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert stat.S_ISFIFO((tmp_path / "pipe.txt").stat().st_mode)
    [skip] = read_file(tmp_path / "pipe.txt")
    assert isinstance(skip, Skip) and skip.reason == "not a regular file (a FIFO)"
