"""The comparison of reports: how the sources of one happening, or of one figure, agree.

Works on the records the store reads (a happening with its events, the numeric claims of
linked articles) and on :class:`~newsgraph.link.members.Member`, the linker's own reading of
each report, so that what a comparison calls one version is what merging called one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsgraph.link.happenings import figure_range, figures_agree
from newsgraph.link.members import members, unit_key
from newsgraph.store import Store


def compare(store: Store, happening_id: str) -> dict[str, Any]:
    """A happening with every report of it and, field by field, each version the reports
    give with the articles giving it: dates, actors, recipients, places, figures, who
    reports it. A field is disputed when its versions disagree (dates that do not
    overlap, places in different countries, figures for one unit that do not agree);
    actors named by some reports and not others are only coverage. Reprints count once,
    as their originals. Who reports it is grouped by outlet profile: ``outlets`` for the
    happening (:func:`outlet_breakdown`), and each version's ``outlets`` ("state RUS") say
    which kinds and countries of outlet give that version."""
    result = store.happening(happening_id)
    details = {(r["article_id"], r["seq"]): r for r in result.pop("events")}
    reports = [m for m in members(store, sorted({a for a, _ in details})) if m.key in details]
    result["reports"] = [
        {"article_id": m.article_id, "event": m.seq, "original": m.original,
         "published": m.published_day, "outlet": details[m.key]["outlet"],
         "outlet_kind": details[m.key]["outlet_kind"],
         "outlet_country": details[m.key]["outlet_country"],
         "predicate": details[m.key]["predicate"], "text": details[m.key]["text"],
         "time": details[m.key]["time"], "time_basis": m.basis,
         "location": details[m.key]["location"],
         "reported_by": details[m.key]["reported_by"],
         "actors": sorted(set(m.actors.values())),
         "recipients": sorted(set(m.recipients.values()))}
        for m in reports]
    versions: dict[str, dict[str, set[str]]] = {
        "date": {}, "actors": {}, "recipients": {}, "place": {}, "reported_by": {}}
    figures: dict[str, dict[str, set[str]]] = {}
    for m, report in zip(reports, result["reports"], strict=True):
        span = (m.earliest or "")[:10] + (
            f"..{m.latest[:10]}" if m.latest and m.latest[:10] != (m.earliest or "")[:10]
            else "")
        if m.basis != "published" and span:
            versions["date"].setdefault(span, set()).add(m.original)
        versions["actors"].setdefault(", ".join(report["actors"]), set()).add(m.original)
        if report["recipients"]:
            versions["recipients"].setdefault(", ".join(report["recipients"]),
                                              set()).add(m.original)
        if report["location"]:
            versions["place"].setdefault(report["location"], set()).add(m.original)
        if report["reported_by"]:
            versions["reported_by"].setdefault(report["reported_by"], set()).add(m.original)
        for unit, (low, high) in m.figures.items():
            value = f"{low:g}" if low == high else f"{low:g}-{high:g}"
            figures.setdefault(unit_key(unit), {}).setdefault(value, set()).add(m.original)
    groups = {r["original"]: outlet_group(r) for r in result["reports"]}
    result["outlets"] = outlet_breakdown(
        {r["original"]: r for r in result["reports"]}.values())

    def version(value: str, sources: set[str]) -> dict[str, Any]:
        return {"value": value, "sources": sorted(sources),
                "outlets": sorted({groups[s] for s in sources if s in groups})}

    result["versions"] = {field: [version(v, s) for v, s in sorted(found.items())]
                          for field, found in versions.items()}
    result["figures"] = {unit: [version(v, s) for v, s in sorted(found.items())]
                         for unit, found in figures.items()}
    return result


def compare_claims(store: Store, *, story: str | None = None, about: str | None = None,
                   min_sources: int = 2, only_outlet_kind: str | None = None,
                   only_outlet_country: str | None = None,
                   limit: int | None = None) -> list[dict[str, Any]]:
    """Figures that several reports give for one thing, side by side: numeric claims
    grouped by story and what they count (the unit, as happenings compare figures), each
    group with every report's value and whether they agree (ranges that overlap), and its
    sources by outlet profile (``outlets``). ``min_sources`` distinct original articles
    per group (reprints count once); groups that disagree first, then the most reported.

    ``only_outlet_kind``/``only_outlet_country`` keep the figures every source of which is
    an outlet of that kind and country: what only one country's state media report."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for row in store.story_figures(story=story, about=about):
        key = (row["story_id"], unit_key(row["unit"]))
        label = row.pop("story_label")
        group = groups.setdefault(key, {"story_id": key[0], "story_label": label,
                                        "unit": key[1], "claims": []})
        group["claims"].append(row)
    found = []
    only = {"outlet_kind": only_outlet_kind,
            "outlet_country": only_outlet_country.upper() if only_outlet_country else None}
    for group in groups.values():
        if len({c["original"] for c in group["claims"]}) < min_sources:
            continue
        if any(value and claim[name] != value for claim in group["claims"]
               for name, value in only.items()):
            continue
        group["sources"] = len({c["original"] for c in group["claims"]})
        group["outlets"] = outlet_breakdown({c["original"]: c for c in group["claims"]}.values())
        group["agree"] = figures_agree([figure_range(c["low"], c["high"], c["comparator"])
                                        for c in group["claims"]])
        found.append(group)
    found.sort(key=lambda g: (g["agree"], -g["sources"], g["story_id"], g["unit"]))
    return found[:limit] if limit else found


def outlet_group(record: dict[str, Any]) -> str:
    """A source's outlet profile in two words, kind and country ("state RUS", "wire GBR"),
    "unknown" where the outlet has no profile."""
    kind = record.get("outlet_kind")
    return f"{kind} {record.get('outlet_country') or '?'}" if kind else "unknown"


def outlet_breakdown(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who carries something: the records (articles, reports, claims, one per original) by
    their outlet profile's kind, most first, each with its countries ("state 3: RUS 2, PRK
    1"); records with no known profile count as ``unknown``."""
    by_kind: dict[str, Counter[str]] = {}
    for record in records:
        kind = record.get("outlet_kind") or "unknown"
        by_kind.setdefault(kind, Counter())[record.get("outlet_country") or "?"] += 1
    rows = [{"kind": kind, "articles": sum(countries.values()),
             "countries": countries.most_common()} for kind, countries in by_kind.items()]
    return sorted(rows, key=lambda r: (r["kind"] == "unknown", -r["articles"], r["kind"]))
