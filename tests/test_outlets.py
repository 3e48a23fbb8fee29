"""Outlet profiles: the built-in data validates, articles resolve to profiles by domain,
name and wire dateline, and the CLI lists, adds and filters by them. The outlets here are
invented, written to a user file, so the tests hold whatever the built-in files list."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.outlets import load_outlets, resolve_outlet
from newsgraph.link import compare, compare_claims
from newsgraph.model import Article, Dropped
from newsgraph.store import Store

PROFILES = """
outlets:
  - id: harbour_gazette
    name: The Harbour Gazette
    aliases: [Harbour Gazette]
    domains: [harbourgazette.example]
    country: NZL
    kind: private
    owners: [{name: Gazette Holdings, from: 1990, to: 2011}, {name: Tide Media, from: 2012}]
    source: https://example.org/harbour-gazette
  - id: ostrava_press_agency
    name: Ostrava Press Agency
    aliases: [OPA]
    domains: [opa.example]
    country: CZE
    kind: state
    agency: true
    source: https://example.org/opa
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def profiles(tmp_path: Path) -> Path:
    path = tmp_path / "outlets.yaml"
    path.write_text(PROFILES, encoding="utf-8")
    return path


def test_the_built_in_profiles_validate() -> None:
    assert load_outlets().validate() == []


def test_a_profile_is_found_by_domain_subdomain_and_name(tmp_path: Path) -> None:
    outlets = load_outlets([profiles(tmp_path)])
    assert outlets.for_url("https://www.harbourgazette.example/world/1").id == "harbour_gazette"
    assert outlets.for_url("https://news.harbourgazette.example/a").id == "harbour_gazette"
    assert outlets.for_url("https://example.org/harbourgazette.example") is None
    assert outlets.named("harbour gazette").id == "harbour_gazette"
    assert outlets.get("harbour_gazette").owner_in(2005) == "Gazette Holdings"
    assert outlets.get("harbour_gazette").owner_in(None) == "Tide Media"


def test_a_site_carrying_wire_copy_keeps_both(tmp_path: Path) -> None:
    outlets = load_outlets([profiles(tmp_path)])
    article = Article(id="a", source="<test>", format="txt", markup="text", raw="",
                      raw_sha256="", url="https://harbourgazette.example/world/2",
                      dropped=[Dropped("dateline", "OSTRAVA, March 3 (OPA) --")])
    resolve_outlet(article, outlets)
    assert (article.outlet_id, article.origin_outlet_id) == ("harbour_gazette",
                                                             "ostrava_press_agency")
    assert (article.outlet_kind, article.outlet_country) == ("private", "NZL")
    # a capture with no known carrier takes the wire's kind and country
    bare = Article(id="b", source="<test>", format="txt", markup="text", raw="",
                   raw_sha256="", dropped=[Dropped("dateline", "OSTRAVA, March 3 /OPA/.")])
    resolve_outlet(bare, outlets)
    assert (bare.outlet_id, bare.origin_outlet_id, bare.outlet_kind) == (
        None, "ostrava_press_agency", "state")


def test_a_byline_or_closing_credit_names_the_wire(tmp_path: Path) -> None:
    outlets = load_outlets([profiles(tmp_path)])

    def origin(**fields: object) -> str | None:
        article = Article(id="c", source="<test>", format="txt", markup="text", raw="",
                          raw_sha256="", url="https://harbourgazette.example/x", **fields)
        resolve_outlet(article, outlets)
        return article.origin_outlet_id

    assert origin(byline="OPA") == "ostrava_press_agency"
    assert origin(body="Talks resumed on Monday.\n\n— Ostrava Press Agency") == \
        "ostrava_press_agency"
    assert origin(body="Talks resumed on Monday.\n\nSource: OPA") == "ostrava_press_agency"
    assert origin(body="The agency said talks resumed.\n\nOPA reported it first.") is None
    assert origin(byline="Harbour Gazette") is None  # the carrier itself is no origin


def test_bad_profiles_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("outlets:\n  - {id: x, name: X, kind: tabloid, country: XYZ,\n"
                    "     domains: [www.x.example]}\n", encoding="utf-8")
    problems = [p.split(": ", 2)[-1] for p in load_outlets([path]).validate()
                if "bad.yaml" in p]
    assert problems == ["unknown kind 'tabloid'", "unknown country code 'XYZ'",
                        "an outlet needs a source", "a domain is a bare host name, not "
                        "'www.x.example'"]


def test_ingest_resolves_outlets_and_listings_filter_by_kind_and_country(
        tmp_path: Path) -> None:
    user = profiles(tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in [
        {"url": "https://harbourgazette.example/world/3", "title": "Ministers meet",
         "published": "2024-03-04",
         "text": "OSTRAVA, March 4 (OPA) -- Czech Foreign Minister Jan Lipavsky met Slovak "
                 "Foreign Minister Juraj Blanar in Ostrava on Monday, the ministry said."},
        {"url": "https://opa.example/en/4", "title": "Lipavsky and Blanar meet",
         "published": "2024-03-04",
         "text": "Czech Foreign Minister Jan Lipavsky met Slovak Foreign Minister Juraj Blanar "
                 "in Ostrava on Monday, officials said after the first session."},
    ]) + "\n", encoding="utf-8")
    db = str(tmp_path / "o.db")
    code, out = run("ingest", str(feed), "--db", db, "--quiet", "--outlets", str(user))
    assert code == 0, out
    rows = json.loads(run("articles", "--db", db, "--json")[1])
    assert sorted((r["outlet_id"], r["origin_outlet_id"], r["outlet_kind"]) for r in rows) == [
        ("harbour_gazette", "ostrava_press_agency", "private"),
        ("ostrava_press_agency", None, "state")]
    state = json.loads(run("articles", "--db", db, "--json", "--outlet-kind", "state")[1])
    assert [r["outlet_id"] for r in state] == ["ostrava_press_agency"]
    czech = json.loads(run("articles", "--db", db, "--json", "--outlet-country", "cze")[1])
    assert [r["outlet_id"] for r in czech] == ["ostrava_press_agency"]
    carried = json.loads(run("articles", "--db", db, "--json", "--outlet",
                             "ostrava_press_agency")[1])
    assert len(carried) == 2  # its own article and the one the gazette carried
    by_id = {r["id"]: r["outlet_id"] for r in rows}
    for listing in ("quotes", "events"):
        everything = json.loads(run(listing, "--db", db, "--json")[1])
        private = json.loads(run(listing, "--db", db, "--json", "--outlet-kind", "private")[1])
        assert private and {by_id[r["article_id"]] for r in private} == {"harbour_gazette"}
        assert len(private) == sum(by_id[r["article_id"]] == "harbour_gazette"
                                   for r in everything)
    # the meeting both report is one happening, found through either outlet's profile
    happenings = json.loads(run("happenings", "--db", db, "--json", "--outlet-kind",
                                "private")[1])
    assert [h["sources"] for h in happenings] == [2]
    assert json.loads(run("happenings", "--db", db, "--json", "--outlet-kind", "blog")[1]) == []
    quotes = json.loads(run("quotes", "--db", db, "--json", "--outlet-country", "CZE")[1])
    assert quotes and {by_id[q["article_id"]] for q in quotes} == {"ostrava_press_agency"}


def test_outlets_add_and_list(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    code, out = run("outlets", "add", str(user), "--name", "Valley Courier", "--kind",
                    "private", "--country", "can", "--domain", "valleycourier.example",
                    "--source", "https://example.org/valley-courier")
    assert code == 0, out
    rows = json.loads(run("outlets", "list", "--outlets", str(user), "--search", "valley",
                          "--json")[1])
    assert [(r["id"], r["kind"], r["country"]) for r in rows] == [
        ("valley_courier", "private", "CAN")]
    code, out = run("outlets", "add", str(user), "--name", "Bad Wire", "--kind", "wire",
                    "--domain", "http://bad.example/x", "--source", "https://example.org")
    assert code != 0 and "not added" in out


def test_comparisons_group_their_sources_by_outlet_kind_and_country(tmp_path: Path) -> None:
    user = profiles(tmp_path)
    feed = tmp_path / "feed.jsonl"
    text = ("Czech Foreign Minister Jan Lipavsky met Slovak Foreign Minister Juraj Blanar in "
            "Ostrava on Monday. The two ministers signed 12 agreements on border trade, "
            "officials said.")
    feed.write_text("\n".join(json.dumps({"url": url, "title": "Ministers meet in Ostrava",
                                          "published": "2024-03-04", "text": text + extra})
                              for url, extra in [
        ("https://harbourgazette.example/world/3", " The talks lasted into the evening."),
        ("https://opa.example/en/4", " Some 40 inspectors will patrol the border.")]) + "\n",
        encoding="utf-8")
    db = tmp_path / "o.db"
    code, out = run("ingest", str(feed), "--db", str(db), "--quiet", "--outlets", str(user))
    assert code == 0, out
    with Store(db, readonly=True) as store:
        happening = max(store.happenings(), key=lambda h: h["sources"])
        compared = compare(store, happening["id"])
        assert {(r["outlet_kind"], r["outlet_country"]) for r in compared["reports"]} == {
            ("private", "NZL"), ("state", "CZE")}
        assert {row["kind"] for row in compared["outlets"]} == {"private", "state"}
        versions = compared["versions"]["actors"]
        assert {label for v in versions for label in v["outlets"]} == {"private NZL",
                                                                        "state CZE"}
        [group] = compare_claims(store)
        assert {row["kind"] for row in group["outlets"]} == {"private", "state"}
        assert compare_claims(store, only_outlet_kind="state") == []  # a private paper too
        assert compare_claims(store, only_outlet_country="NZL") == []
        [alone] = compare_claims(store, min_sources=1, only_outlet_kind="state",
                                 only_outlet_country="CZE")  # what only Czech state media say
        assert alone["unit"] != group["unit"] and alone["sources"] == 1
