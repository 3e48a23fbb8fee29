"""Events on the command line: the listing and its filters, the timeline's news and history,
`show`, and the exports (CSV, JSON Lines, PLOVER) as an analyst or a data builder uses them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.store import Store
from tests.test_store_events import NEWS_ID, UN_ID, news_article, un_article


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("events") / "events.db"
    with Store(path) as store:
        store.save_article(news_article())
        store.save_article(un_article())
    return str(path)


def listed(db: str, *args: str, command: str = "events") -> list[dict[str, object]]:
    code, out = run(command, "--db", db, "--json", *args)
    assert code == 0, out
    return json.loads(out)


def predicates(rows: list[dict[str, object]]) -> list[object]:
    return [row["predicate"] for row in rows]


@pytest.mark.parametrize("command", ["events", "timeline"])
def test_commands_have_help_naming_their_filters(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0
    for option in ("--actor", "--recipient", "--type", "--from", "--to", "--status",
                   "--include-negated", "--article"):
        assert option in out


def test_events_table_reads_who_did_what_to_whom_and_when(db: str) -> None:
    code, out = run("events", "--db", db)
    assert code == 0
    header = out.splitlines()[0].split()
    assert header == ["article_id", "date", "time_status", "kind", "who", "reported_by",
                      "predicate"]
    line = next(line for line in out.splitlines() if "shelled" in line)
    assert "2024-03-04" in line and "ASSAULT/aerial" in line and "RUS → Kharkiv" in line
    assert "kim_jong_un ↔ vladimir_putin" in out  # a meeting has no direction
    assert "2023-09" in out and "1950" in out  # dates at their granularity
    visit = next(line for line in out.splitlines() if "visit" in line)
    assert "future" in visit and "KCNA" in visit
    assert "MAYBE ASSAULT" in out  # "could retaliate" is listed, marked
    assert "send" not in out  # "did not send" is not an event by default


def test_include_negated_marks_the_denied_act(db: str) -> None:
    code, out = run("events", "--db", db, "--include-negated")
    assert code == 0
    line = next(line for line in out.splitlines() if "send" in line)
    assert "NOT MOBILIZE" in line and "BLR → UKR" in line


def test_events_filters(db: str) -> None:
    assert predicates(listed(db, "--actor", "RUS", "--recipient", "PRK")) == ["met", "visit"]
    assert predicates(listed(db, "--actor", "Vladimir Putin", "--status", "future")) == ["visit"]
    assert predicates(listed(db, "--type", "assault", "--status", "historical")) == ["invaded"]
    assert predicates(listed(db, "--from", "2024-03-05", "--to", "2024-03-31")) == ["condemned"]
    assert predicates(listed(db, "--article", UN_ID[:6])) == ["condemned"]
    assert predicates(listed(db, "--recipient", "UKR", "--include-negated")) == [
        "shelled", "send", "condemned"]


def test_events_json_rows_carry_parties_and_evidence(db: str) -> None:
    row = listed(db, "--type", "ACCUSE")[0]
    assert row["actors"][0]["actor_id"] == "IGO.UNO"  # type: ignore[index]
    assert row["text"] == "The United Nations condemned the shelling of Kharkiv."
    assert row["published"] == "2024-03-05" and row["negated"] is False


def test_events_for_an_unknown_article_is_a_clear_error(db: str) -> None:
    code, out = run("events", "--db", db, "--article", "0123")
    assert code != 0 and "no article with id 0123" in out


def test_timeline_prints_news_then_history_each_in_time_order(db: str) -> None:
    code, out = run("timeline", "--db", db)
    assert code == 0
    news, history = out.split("\nHistory\n")
    assert news.startswith("News\n")
    order = [p for p in ("met", "shelled", "condemned", "visit", "retaliate") if p in news]
    assert order == ["met", "shelled", "condemned", "visit", "retaliate"]
    assert [news.index(p) for p in order] == sorted(news.index(p) for p in order)
    retaliate = next(line for line in news.splitlines() if "retaliate" in line)
    assert retaliate.startswith("undated")  # undated last, said so
    invaded = next(line for line in history.splitlines() if "invaded" in line)
    assert invaded.startswith("1950") and "PRK → KOR" in invaded and NEWS_ID[:8] in invaded
    assert "invaded" not in news


def test_timeline_with_a_status_prints_only_that_section(db: str) -> None:
    code, out = run("timeline", "--db", db, "--status", "historical")
    assert code == 0
    assert out.startswith("History\n") and "News" not in out and "invaded" in out


def test_timeline_json_is_in_printed_order_with_sections(db: str) -> None:
    rows = listed(db, command="timeline")
    assert predicates(rows) == ["met", "shelled", "condemned", "visit", "retaliate", "invaded"]
    assert [r["section"] for r in rows] == ["news"] * 5 + ["history"]


def test_show_lists_the_articles_events(db: str) -> None:
    code, out = run("show", NEWS_ID[:6], "--db", db)
    assert code == 0
    assert "events: 6" in out
    events = out.split("\nevents:\n")[1]
    assert "[ASSAULT/aerial] RUS → Kharkiv · 'shelled' · 2024-03-04 current" in events
    assert "[NOT MOBILIZE] BLR → UKR · 'send'" in events  # show hides nothing the text says
    assert "reported by KCNA" in events


def test_export_events_as_csv_and_jsonl(db: str, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    code, out = run("export", "--db", db, "--kind", "events", "--format", "csv",
                    "--output", str(target))
    assert code == 0 and "wrote 7 events" in out
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    shelled = next(r for r in rows if r["predicate"] == "shelled")
    assert json.loads(shelled["actors"])[0]["code"] == "RUS.MIL"  # lists as JSON cells
    assert {"earliest", "latest", "time_status", "text", "negated"} <= set(shelled)
    code, out = run("export", "--db", db, "--kind", "events")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["negated"] for r in records].count(True) == 1  # an export is the whole record


def test_export_plover_writes_plover_records(db: str) -> None:
    code, out = run("export", "--db", db, "--kind", "events", "--format", "plover")
    assert code == 0
    records = {r["event_text"][0]: r for r in map(json.loads, out.splitlines())}
    assert "send" not in records  # PLOVER cannot say "did not": denied acts stay out
    shelled = records["shelled"]
    assert shelled["id"] == f"{NEWS_ID}-0"
    assert (shelled["date"], shelled["enddate"]) == ("2024-03-04", None)
    assert shelled["event"] == ["ASSAULT"] and shelled["mode"] == ["aerial"]
    assert shelled["actor"] == [{"code": "RUS", "sector": "MIL", "entity_text": "Russian troops",
                                 "identifier_id": None, "identifier_text": "Russia",
                                 "actor_id": "RUS"}]
    assert shelled["recipient"][0]["code"] == "UKR"
    assert shelled["text"] == "Russian troops shelled Kharkiv on Monday."
    assert shelled["text_info"] == {"sequence": 0, "start": 0, "end": 41}
    assert shelled["cite_info"]["publication"] == "Andes Daily"
    met = records["met"]  # a month: the interval's first and last day
    assert (met["date"], met["enddate"]) == ("2023-09-01", "2023-09-30")
    assert met["recipient"] == [] and len(met["actor"]) == 2
    assert met["actor"][1]["identifier_id"] == "Q7747"  # Wikidata, as the manual asks
    assert met["event_loc"]["extracted_place"] == "Vladivostok"
    un = records["condemned"]["actor"][0]
    assert (un["code"], un["sector"]) == ("UNO", None)  # PLOVER's code for the UN
    assert records["invaded"]["time_status"] == "historical"


def test_plover_format_with_another_kind_is_a_usage_error(db: str) -> None:
    code, out = run("export", "--db", db, "--kind", "articles", "--format", "plover")
    assert code == 2
    assert "--format plover" in out and "--kind events" in out
