"""The command line as a user drives it: summaries, listings, JSON, exit codes, errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from tests.conftest import EXAMPLES

COMMANDS = ["ingest", "articles", "show", "mentions", "times", "actors", "actor", "kb", "outlets",
            "quotes", "claims", "events", "timeline", "stories", "story", "merge-stories",
            "split-story", "happenings", "compare", "reprocess", "export", "eval"]


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    code, out = run("ingest", str(EXAMPLES), "--db", path, "--quiet")
    assert code == 0, out
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0
    assert "Usage:" in out


def test_ingest_summary_reports_skips_with_path_and_reason(db: str) -> None:
    code, out = run("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert code == 0
    assert "stored 0" in out
    assert "andes-daily.jsonl#L3: malformed JSON line" in out
    assert "not English" in out


def test_ingest_json_summary_and_exit_code_when_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    code, out = run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"), "--json",
                    "--quiet")
    assert code == 1
    summary = json.loads(out)
    assert summary["read"] == 0
    assert summary["skipped"] == [{"source": "in/empty.txt",
                                   "reason": "empty file"}]


def test_ingest_from_stdin(tmp_path: Path) -> None:
    text = ("The port authority said on Monday that container traffic rose by 12 percent in "
            "the first quarter, the fastest growth in a decade.\n")
    code, out = run("ingest", "-", "--db", str(tmp_path / "s.db"), "--quiet", input=text)
    assert code == 0
    assert "stored 1" in out


def test_articles_table_and_json(db: str) -> None:
    code, out = run("articles", "--db", db)
    assert code == 0
    assert "Baltic Examiner" in out
    code, out = run("articles", "--db", db, "--json")
    rows = json.loads(out)
    assert {"id", "title", "published", "outlet", "reprint_of"} <= set(rows[0])
    assert any(r["reprint_of"] for r in rows)
    code, out = run("articles", "--db", db, "--jsonl", "--outlet", "Andes Daily")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines and all(r["outlet"] == "Andes Daily" for r in lines)
    code, out = run("articles", "--db", db, "--json", "--from", "2024-05-16", "--to", "2024-05-31")
    assert code == 0
    # Overlap with the publication date's bounds, both ends inclusive.
    rows = json.loads(out)
    assert "2024-05-16" in [r["published"] for r in rows]
    assert all(r["published_earliest"] <= "2024-05-31" and r["published_latest"] >= "2024-05-16"
               for r in rows)


def test_show_by_prefix_and_json(db: str) -> None:
    rows = json.loads(run("articles", "--db", db, "--json")[1])
    page = next(r for r in rows if r["outlet"] == "Baltic Examiner")
    code, out = run("show", page["id"][:6], "--db", db)
    assert code == 0
    assert "reopened to shipping" in out
    code, out = run("show", page["id"], "--db", db, "--json")
    record = json.loads(out)
    assert record["url"].startswith("https://baltic-examiner.example/")
    assert record["mentions"] and record["sentences"]
    code, out = run("show", "zzzz", "--db", db)
    assert code != 0 and "no article with id zzzz" in out


def test_mentions_filter(db: str) -> None:
    code, out = run("mentions", "--db", db, "--label", "person", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["label"] == "PERSON" for r in rows)


def test_export_jsonl_and_csv(db: str, tmp_path: Path) -> None:
    code, out = run("export", "--db", db, "--kind", "articles", "--format", "jsonl")
    assert code == 0
    articles = [json.loads(line) for line in out.splitlines()]
    assert all(a["body"] for a in articles)
    target = tmp_path / "mentions.csv"
    code, _ = run("export", "--db", db, "--kind", "mentions", "--format", "csv",
                  "--output", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert rows and {"article_id", "start", "end", "label", "text"} <= set(rows[0])


def test_db_from_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_DB", db)
    code, out = run("articles", "--json")
    assert code == 0 and json.loads(out)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    code, out = run("articles", "--db", str(tmp_path / "nope.db"))
    assert code != 0
    assert "no store at" in out


def test_eval_arguments_are_checked(tmp_path: Path) -> None:
    code, out = run("eval", "gold", str(tmp_path / "missing.json"), str(tmp_path))
    assert code != 0 and "no gold key file" in out


def test_publication_dates_carry_source_bounds_and_basis(db: str) -> None:
    rows = json.loads(run("articles", "--db", db, "--json")[1])
    sources = {r["published_source"] for r in rows}
    assert "metadata" in sources and "inferred" in sources
    for row in rows:
        assert row["published_basis"]
        if row["published_source"] == "inferred" and row["published"]:
            latest = row["published_latest"] or "9999"  # open: no upper bound
            assert row["published_earliest"] <= row["published"] <= latest
    code, out = run("articles", "--db", db)
    # An inferred date is shown with the interval its evidence allows.
    assert code == 0 and re.search(r"\d{4}-\d\d-\d\d \[\d{4}-\d\d-\d\d\.\.[\d-]+\] inferred", out)


def test_times_listing_and_overlap_filter(db: str) -> None:
    code, out = run("times", "--db", db, "--json")
    assert code == 0
    rows = json.loads(out)
    assert {"text", "type", "value", "granularity", "earliest", "latest", "anchor"} <= set(rows[0])
    code, out = run("times", "--db", db, "--json", "--from", "1970-01-01", "--to", "1989-12-31")
    old = json.loads(out)
    assert old and all(r["earliest"] <= "1989-12-31" and r["latest"] >= "1970-01-01"
                       for r in old)


def test_show_prints_times_and_timeml(db: str) -> None:
    import xml.etree.ElementTree as ET

    rows = json.loads(run("articles", "--db", db, "--json")[1])
    page = next(r for r in rows if r["outlet"] == "Baltic Examiner")
    code, out = run("show", page["id"], "--db", db)
    assert code == 0 and "published:" in out and "basis:" in out
    assert "time expressions:" in out
    code, out = run("show", page["id"], "--db", db, "--timeml")
    assert code == 0
    root = ET.fromstring(out)
    assert root.find("DCT/TIMEX3").get("value") == page["published"]
    assert root.find("TEXT").findall("TIMEX3")


def test_actors_listing_and_detail(db: str) -> None:
    code, out = run("actors", "--db", db, "--json", "--country", "DEU")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["country"] == "DEU" for r in rows)
    assert rows[0]["mentions"] >= rows[-1]["mentions"]
    code, out = run("actor", "Germany", "--db", db, "--json")
    germany = json.loads(out)
    assert germany["id"] == "DEU" and germany["mentions"]
    code, out = run("actor", "Nobody Atall", "--db", db)
    assert code != 0 and "no actor" in out
    code, out = run("mentions", "--db", db, "--json", "--label", "GPE")
    assert any(r["actor_id"] == "DEU" and r["method"] for r in json.loads(out))


def test_kb_add_then_list_and_use_with_kb(tmp_path: Path) -> None:
    user_kb = tmp_path / "mine.yaml"
    code, out = run("kb", "add", str(user_kb), "--name", "Marta Zielinska", "--kind", "person",
                    "--country", "POL", "--role", "minister,POL,Minister of Ports,2024-01-10")
    assert code == 0, out
    code, out = run("kb", "list", "--kb", str(user_kb), "--search", "zielinska", "--json")
    assert [r["id"] for r in json.loads(out)] == ["marta_zielinska"]
    code, out = run("kb", "add", str(user_kb), "--name", "Bad Date", "--kind", "person",
                    "--role", "minister,POL,Minister,2024-13-40")
    assert code != 0 and "not added" in out


def test_ingest_with_a_user_kb_links_its_people(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSGRAPH_KB", raising=False)
    user_kb = tmp_path / "mine.yaml"
    run("kb", "add", str(user_kb), "--name", "Marta Zielinska", "--kind", "person",
        "--country", "POL", "--alias", "Zielinska")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Ports minister Marta Zielinska visited the harbour on Monday. Zielinska said the "
        "repairs would take a year.\n")
    db = str(tmp_path / "kb.db")
    code, out = run("ingest", str(tmp_path / "in"), "--db", db, "--quiet", "--kb", str(user_kb))
    assert code == 0, out
    rows = json.loads(run("mentions", "--db", db, "--json", "--text", "Zielinska")[1])
    assert rows and all(r["actor_id"] == "marta_zielinska" for r in rows)


def test_quotes_by_speaker_name_give_the_quotation_and_cue(db: str) -> None:
    code, out = run("quotes", "--db", db, "--speaker", "Tomasz Wrona", "--json")
    assert code == 0
    quotes = json.loads(out)
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert direct and all(q["actor_id"] == "tomasz_wrona" for q in quotes)
    assert direct[0]["content"].startswith('"We are treating this as an industrial accident')
    assert direct[0]["cue"] == "told"


def test_claims_about_a_quantity_carry_value_comparator_and_claimant(db: str) -> None:
    code, out = run("claims", "--db", db, "--about", "diesel", "--json")
    assert code == 0
    claims = json.loads(out)
    assert claims, "the harbour authority's diesel figure"
    claim = claims[0]
    assert (claim["low"], claim["comparator"]) == (12000, "about")
    assert claim["claimant"] == "The harbour authority"


def test_show_lists_quotes_and_claims(db: str) -> None:
    code, out = run("articles", "--db", db, "--search", "partly reopens", "--json")
    article_id = json.loads(out)[0]["id"]
    code, out = run("show", article_id, "--db", db)
    assert code == 0
    assert "quotes:" in out and "claims:" in out
    assert "piotr_nowak · 'said'" in out


def test_export_quotes_as_csv_has_offsets(db: str) -> None:
    code, out = run("export", "--db", db, "--kind", "quotes", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"speaker", "cue", "content_start", "content_end"} <= set(rows[0])


def test_quotes_keep_who_said_apart_from_who_reported(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.txt").write_text(
        "Foreign Minister Sergei Lavrov said the talks with Turkey had been useful, Interfax "
        "reported on Monday.\n\nTurkish officials did not comment.\n")
    db = str(tmp_path / "relay.db")
    code, out = run("ingest", str(tmp_path / "in"), "--db", db, "--quiet")
    assert code == 0, out
    rows = json.loads(run("quotes", "--db", db, "--reported-by", "Interfax", "--json")[1])
    assert [(r["actor_id"], r["reported_by"], r["reported_actor_id"]) for r in rows] == \
        [("sergey_lavrov", "Interfax", "interfax")]
    assert json.loads(run("quotes", "--db", db, "--reported-by", "TASS", "--json")[1]) == []
    code, out = run("export", "--db", db, "--kind", "quotes", "--format", "csv",
                    "--reported-by", "interfax")
    assert code == 0
    assert [r["reported_by"] for r in csv.DictReader(io.StringIO(out))] == ["Interfax"]
    code, out = run("show", rows[0]["article_id"], "--db", db)
    assert "sergey_lavrov (via interfax)" in out
