"""The comparison of reports: how the sources of one happening, or of one figure, agree.

Works on the records the store reads (a happening with its events, the numeric claims of
linked articles) and on :class:`~newsgraph.link.members.Member`, the linker's own reading of
each report, so that what a comparison calls one version is what merging called one.
"""

from __future__ import annotations

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
    as their originals."""
    result = store.happening(happening_id)
    details = {(r["article_id"], r["seq"]): r for r in result.pop("events")}
    reports = [m for m in members(store, sorted({a for a, _ in details})) if m.key in details]
    result["reports"] = [
        {"article_id": m.article_id, "event": m.seq, "original": m.original,
         "published": m.published_day, "outlet": details[m.key]["outlet"],
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
    result["versions"] = {
        field: [{"value": v, "sources": sorted(s)} for v, s in sorted(found.items())]
        for field, found in versions.items()
    }
    result["figures"] = {
        unit: [{"value": v, "sources": sorted(s)} for v, s in sorted(found.items())]
        for unit, found in figures.items()
    }
    return result


def compare_claims(store: Store, *, story: str | None = None, about: str | None = None,
                   min_sources: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
    """Figures that several reports give for one thing, side by side: numeric claims
    grouped by story and what they count (the unit, as happenings compare figures), each
    group with every report's value and whether they agree (ranges that overlap).
    ``min_sources`` distinct original articles per group (reprints count once); groups
    that disagree first, then the most reported."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for row in store.story_figures(story=story, about=about):
        key = (row["story_id"], unit_key(row["unit"]))
        label = row.pop("story_label")
        group = groups.setdefault(key, {"story_id": key[0], "story_label": label,
                                        "unit": key[1], "claims": []})
        group["claims"].append(row)
    found = []
    for group in groups.values():
        if len({c["original"] for c in group["claims"]}) < min_sources:
            continue
        group["sources"] = len({c["original"] for c in group["claims"]})
        group["agree"] = figures_agree([figure_range(c["low"], c["high"], c["comparator"])
                                        for c in group["claims"]])
        found.append(group)
    found.sort(key=lambda g: (g["agree"], -g["sources"], g["story_id"], g["unit"]))
    return found[:limit] if limit else found
