"""`newsgraph export` as a data user drives it: every kind in every row format with the counts
the store holds, the listings' filters (and a clear error for one the kind does not take), the
actor network as GraphML, and Parquet files that read back as the JSON Lines export."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result

from newsgraph import export as exporter
from newsgraph.cli import export_command, main
from newsgraph.store import Store
from tests.conftest import EXAMPLES

NS = {"g": exporter.GRAPHML_NS}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["export", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "export.db")
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", path, "--quiet"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def store(db: str) -> Store:
    with Store(Path(db), readonly=True) as opened:
        yield opened


def jsonl(db: str, *args: str) -> list[dict[str, Any]]:
    result = run("--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def store_count(store: Store, kind: str) -> int:
    """How many records of a kind the store holds, asked of the store, not the exporter."""
    listings = {"articles": store.articles, "mentions": store.mentions, "actors": store.actors,
                "quotes": store.quotes, "claims": store.claims, "stories": store.stories,
                "happenings": store.happenings, "dropped": store.dropped,
                "events": lambda: store.events(include_negated=True)}
    if kind == "sentences":
        return sum(len(store.load_article(i).sentences) for i in store.article_ids())
    return len(listings[kind]())


def as_table_row(kind: str, row: dict) -> dict:
    """A JSONL row as CSV and Parquet write it: an event's place object as its own columns."""
    return exporter.flat_place(row) if kind == "events" else row


@pytest.mark.parametrize("kind", exporter.ROW_KINDS)
def test_every_kind_exports_as_jsonl_and_csv_with_the_store_count(db: str, store: Store,
                                                                   kind: str,
                                                                   tmp_path: Path) -> None:
    rows = jsonl(db, "--kind", kind)
    assert len(rows) == store_count(store, kind) > 0
    target = tmp_path / f"{kind}.csv"
    result = run("--db", db, "--kind", kind, "--format", "csv", "--output", str(target))
    assert result.exit_code == 0
    assert f"wrote {len(rows)} {kind} to {target}" in result.output
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(table) == len(rows)
    assert list(table[0]) == list(as_table_row(kind, rows[0]))


def test_every_filter_in_the_table_is_an_option_and_named_in_its_help() -> None:
    options = {param.name: param for param in export_command.params}
    for kind, keywords in exporter.FILTERS.items():
        for keyword in keywords:
            assert keyword in options, (kind, keyword)
            assert kind in (options[keyword].help or "")
    assert set(exporter.FILTERS) == set(exporter.KINDS)


def test_event_filters_narrow_the_export(db: str, store: Store) -> None:
    events = jsonl(db, "--kind", "events")
    types = Counter(e["type"] for e in events)
    event_type = types.most_common()[-1][0]
    typed = jsonl(db, "--kind", "events", "--type", event_type.lower())
    assert len(typed) == types[event_type] < len(events)
    assert {e["type"] for e in typed} == {event_type}

    # An actor that does some of the acts, not all.
    parties = Counter(p["actor_id"] or p["code"] for e in events for p in e["actors"])
    actor = next(a for a in parties
                 if 0 < len(store.events(actor=a, include_negated=True)) < len(events))
    acted = jsonl(db, "--kind", "events", "--actor", actor)
    expected = store.events(actor=actor, include_negated=True)
    assert [(e["article_id"], e["seq"]) for e in acted] == \
        [(e["article_id"], e["seq"]) for e in expected]

    assert any(e["negated"] for e in events)  # the whole record by default …
    kept = jsonl(db, "--kind", "events", "--exclude-negated")
    assert kept and not any(e["negated"] for e in kept)  # … unless asked
    assert len(kept) == len(store.events())

    article_id = events[0]["article_id"]
    by_prefix = jsonl(db, "--kind", "events", "--article", article_id[:8])
    assert by_prefix and {e["article_id"] for e in by_prefix} == {article_id}


def test_article_and_speech_filters_narrow_the_export(db: str, store: Store) -> None:
    articles = jsonl(db, "--kind", "articles")
    outlets = Counter(a["outlet"] for a in articles if a["outlet"])
    outlet = outlets.most_common()[-1][0]
    chosen = jsonl(db, "--kind", "articles", "--outlet", outlet)
    assert len(chosen) == outlets[outlet] < len(articles)
    assert {a["outlet"] for a in chosen} == {outlet}
    originals = jsonl(db, "--kind", "articles", "--no-reprints")
    assert any(a["reprint_of"] for a in articles)
    assert originals and not any(a["reprint_of"] for a in originals)

    quotes = jsonl(db, "--kind", "quotes")
    speakers = Counter(q["actor_id"] for q in quotes if q["actor_id"])
    speaker = speakers.most_common()[-1][0]
    spoken = jsonl(db, "--kind", "quotes", "--speaker", speaker)
    assert spoken == store.quotes(speaker=speaker)
    assert 0 < len(spoken) < len(quotes)
    assert all(q["actor_id"] == speaker or speaker in (q["speaker"] or "") for q in spoken)

    kinds = Counter(q["kind"] for q in quotes)
    for kind, count in kinds.items():
        assert len(jsonl(db, "--kind", "quotes", "--subkind", kind)) == count


def test_story_filter_takes_an_id_prefix(db: str, store: Store) -> None:
    story = store.stories()[0]["id"]
    happenings = jsonl(db, "--kind", "happenings", "--story", story[:6])
    assert [h["id"] for h in happenings] == [h["id"] for h in store.happenings(story=story)]
    assert {h["story_id"] for h in happenings} == {story}
    result = run("--db", db, "--kind", "events", "--story", "no-such-story")
    assert result.exit_code == 1 and "no story with id no-such-story" in result.output


@pytest.mark.parametrize(("args", "named"), [
    (["--kind", "quotes", "--outlet", "X"], ["--outlet", "--speaker", "--subkind"]),
    (["--kind", "network", "--format", "graphml", "--actor", "RUS"], ["--actor", "--min-events"]),
    (["--kind", "articles", "--disputed"], ["--disputed", "--no-reprints"]),
    (["--kind", "actors", "--subkind", "direct"], ["--subkind", "person"]),
])
def test_a_filter_the_kind_does_not_take_is_a_usage_error(db: str, args: list[str],
                                                          named: list[str]) -> None:
    result = run("--db", db, *args)
    assert result.exit_code == 2
    assert all(name in result.output for name in named), result.output


def test_formats_fit_their_kinds(db: str) -> None:
    result = run("--db", db, "--kind", "network", "--format", "csv")
    assert result.exit_code == 2 and "--format graphml" in result.output
    result = run("--db", db, "--kind", "events", "--format", "graphml")
    assert result.exit_code == 2 and "--kind network" in result.output
    # A format that writes one kind needs no --kind.
    plover = run("--db", db, "--format", "plover")
    assert plover.exit_code == 0
    assert len(plover.stdout.splitlines()) == len(jsonl(db, "--kind", "events",
                                                       "--exclude-negated"))


def test_graphml_is_the_actor_network(db: str, store: Store, tmp_path: Path) -> None:
    network = store.network()
    assert network["edges"]
    target = tmp_path / "actors.graphml"
    result = run("--db", db, "--format", "graphml", "--output", str(target))
    assert result.exit_code == 0
    assert (f"wrote {len(network['nodes'])} nodes and {len(network['edges'])} edges"
            in result.output)
    root = ElementTree.parse(target).getroot()
    assert root.tag == f"{{{exporter.GRAPHML_NS}}}graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in root.findall("g:key", NS)}
    assert keys == {name: (element, name, kind) for element, name, kind in exporter.GRAPHML_KEYS}
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("edgedefault") == "directed"
    nodes = {n.get("id"): _data(n) for n in graph.findall("g:node", NS)}
    assert list(nodes) == [n["id"] for n in network["nodes"]]
    for node in network["nodes"]:
        assert nodes[node["id"]] == {k: node[k] for k in ("name", "kind", "country")
                                     if node[k] is not None}
    edges = graph.findall("g:edge", NS)
    assert len({e.get("id") for e in edges}) == len(edges) == len(network["edges"])
    for element, edge in zip(edges, network["edges"], strict=True):
        assert (element.get("source"), element.get("target")) == (edge["source"], edge["target"])
        assert {element.get("source"), element.get("target")} <= set(nodes)
        assert _data(element) == {"type": edge["type"], "events": str(edge["events"]),
                                  "articles": str(edge["articles"]),
                                  "symmetric": str(edge["symmetric"]).lower()}


def test_graphml_filters_and_stdout(db: str, store: Store) -> None:
    edge_type = store.network()["edges"][0]["type"]
    result = run("--db", db, "--format", "graphml", "--type", edge_type)
    assert result.exit_code == 0
    graph = ElementTree.fromstring(result.stdout).find("g:graph", NS)
    assert graph is not None
    types = {_data(e)["type"] for e in graph.findall("g:edge", NS)}
    assert types == {edge_type}
    most = max(e["events"] for e in store.network()["edges"])
    result = run("--db", db, "--format", "graphml", "--min-events", str(most + 1))
    graph = ElementTree.fromstring(result.stdout).find("g:graph", NS)
    assert graph is not None and not graph.findall("g:edge", NS)


def test_graphml_escapes_names() -> None:
    awkward = 'Smith & "Sons" <Ltd> \'quoted\''
    network = {"nodes": [{"id": "a&b<c>", "name": awkward, "kind": "organisation",
                          "country": None},
                         {"id": 'say "x"', "name": "plain", "kind": "person", "country": "RUS"}],
               "edges": [{"source": "a&b<c>", "target": 'say "x"', "type": "CONSULT",
                          "symmetric": False, "events": 2, "articles": 1}]}
    stream = io.StringIO()
    assert exporter.write_graphml(network, stream) == (2, 1)
    root = ElementTree.fromstring(stream.getvalue())
    first, second = root.findall("g:graph/g:node", NS)
    assert (first.get("id"), _data(first)) == ("a&b<c>", {"name": awkward,
                                                          "kind": "organisation"})
    assert second.get("id") == 'say "x"'
    edge = root.find("g:graph/g:edge", NS)
    assert edge is not None
    assert (edge.get("source"), edge.get("target")) == ("a&b<c>", 'say "x"')
    assert _data(edge)["symmetric"] == "false"


def _data(element: ElementTree.Element) -> dict[str, str | None]:
    return {d.get("key") or "": d.text for d in element.findall("g:data", NS)}


@pytest.mark.parametrize("kind", exporter.ROW_KINDS)
def test_parquet_reads_back_as_the_jsonl_export(db: str, kind: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(exporter, "BATCH_ROWS", 4)  # several record batches, one schema
    target = tmp_path / f"{kind}.parquet"
    result = run("--db", db, "--kind", kind, "--format", "parquet", "--output", str(target))
    assert result.exit_code == 0, result.output
    expected = [as_table_row(kind, row) for row in jsonl(db, "--kind", kind)]
    assert f"wrote {len(expected)} {kind}" in result.output
    table = parquet.read_table(target)
    assert parquet.ParquetFile(target).metadata.num_row_groups == -(-len(expected) // 4)
    assert table.column_names == list(expected[0])
    for got, want in zip(table.to_pylist(), expected, strict=True):
        for name, value in want.items():
            if isinstance(value, (list, dict)):
                assert json.loads(got[name]) == value, name  # nested values as JSON
            elif value is None or isinstance(got[name], str) == isinstance(value, str):
                assert got[name] == value, name
            else:  # a column empty in the first batch is text: later values as JSON
                assert json.loads(got[name]) == value, name


def test_parquet_types_are_natural(db: str, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "events.parquet"
    assert run("--db", db, "--kind", "events", "--format", "parquet",
               "--output", str(target)).exit_code == 0
    schema = {f.name: str(f.type) for f in parquet.read_schema(target)}
    assert (schema["seq"], schema["negated"], schema["confidence"]) == \
        ("int64", "bool", "double")
    assert (schema["type"], schema["actors"]) == ("string", "string")


def test_parquet_to_stdout_is_refused(db: str) -> None:
    result = run("--db", db, "--kind", "events", "--format", "parquet")
    assert result.exit_code == 2
    assert "--output" in result.output and not result.stdout.startswith("PAR1")


def test_parquet_without_pyarrow_says_what_to_install(db: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    target = tmp_path / "events.parquet"
    result = run("--db", db, "--kind", "events", "--format", "parquet", "--output", str(target))
    assert result.exit_code == 1
    assert "pip install 'newsgraph[parquet]'" in result.output
    assert not target.exists()


def test_empty_export_is_a_readable_parquet_file(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "none.parquet"
    assert exporter.write_parquet([], target) == 0
    assert parquet.read_table(target).num_rows == 0
