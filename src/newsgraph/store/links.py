"""Reads and edits of what linking wrote: stories, happenings, and the comparison of reports.

A mixin of :class:`~newsgraph.store.store.Store`, kept apart because linking is its own
concern: plain SQL over the ``story``, ``article_story``, ``happening`` and
``event_happening`` tables.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import Any

from newsgraph.link.happenings import figure_range, figures_agree
from newsgraph.link.members import members, unit_key
from newsgraph.store.like import contains


class LinkQueries:
    """Stories and happenings of a store (mixed into Store, which owns the connection)."""

    connection: sqlite3.Connection

    # provided by Store
    def _listing(self, select: str, where: list[str], params: list[Any], order: str,
                 limit: int | None, offset: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def stories(self, *, search: str | None = None, date_from: str | None = None,
                date_to: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
        """Stories, largest and latest first, with their article and happening counts."""
        where: list[str] = []
        params: list[Any] = []
        if search:
            where, params = contains(where, params, ("s.label",), search)
        if date_from:
            where.append("(s.last_date IS NULL OR s.last_date >= ?)")
            params.append(date_from)
        if date_to:
            where.append("(s.first_date IS NULL OR s.first_date <= ?)")
            params.append(date_to)
        select = ("SELECT s.id, s.label, s.first_date, s.last_date, s.articles,"
                  " (SELECT count(*) FROM happening h WHERE h.story_id = s.id) AS happenings,"
                  " s.edited FROM story s")
        return self._listing(select, where, params, "s.articles DESC, s.last_date DESC, s.id",
                             limit, offset)

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: its record and its articles (reprints marked), earliest first."""
        row = self.connection.execute("SELECT * FROM story WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise KeyError(f"no story with id {story_id}")
        story = dict(row)
        story["articles"] = [dict(r) for r in self.connection.execute(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, a.reprint_of, s.score"
            " FROM article_story s JOIN article a ON a.id = s.article_id WHERE s.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, a.rowid", (story_id,))]
        return story

    def happenings(self, *, story: str | None = None, disputed: bool = False,
                   type: str | None = None, min_sources: int = 1, limit: int | None = None,
                   offset: int = 0) -> list[dict[str, Any]]:
        """Happenings, most corroborated first: how many distinct articles report each."""
        where = ["h.sources >= ?"]
        params: list[Any] = [min_sources]
        if story:
            where.append("h.story_id = ?")
            params.append(story)
        if disputed:
            where.append("h.disputed = 1")
        if type:
            where.append("h.type = ?")
            params.append(type.upper())
        select = ("SELECT h.id, h.story_id, h.type, h.mode, h.label, h.earliest, h.latest,"
                  " h.time_status, h.first_reported, h.sources, h.disputed,"
                  " (SELECT count(*) FROM event_happening e WHERE e.happening_id = h.id)"
                  " AS reports FROM happening h")
        return self._listing(select, where, params,
                             "h.sources DESC, h.first_reported, h.id", limit, offset)

    def compare(self, happening_id: str) -> dict[str, Any]:
        """A happening with every report of it and, field by field, each version the reports
        give with the articles giving it: dates, actors, recipients, places, figures, who
        reports it. A field is disputed when its versions disagree (dates that do not
        overlap, places in different countries, figures for one unit that do not agree);
        actors named by some reports and not others are only coverage. Reprints count once,
        as their originals."""
        row = self.connection.execute(
            "SELECT * FROM happening WHERE id = ?", (happening_id,)).fetchone()
        if row is None:
            raise KeyError(f"no happening with id {happening_id}")
        result = dict(row)
        keys = {tuple(r) for r in self.connection.execute(
            "SELECT article_id, event FROM event_happening WHERE happening_id = ?",
            (happening_id,))}
        reports = [m for m in members(self.connection, sorted({a for a, _ in keys}))
                   if m.key in keys]
        details = {(r["article_id"], r["seq"]): r for r in self.connection.execute(
            "SELECT e.article_id, e.seq, e.predicate, e.time, e.location, e.reported_by,"
            " a.outlet, a.title, substr(a.body, e.start + 1, e.end - e.start) AS text"
            " FROM event e JOIN article a ON a.id = e.article_id JOIN event_happening h"
            " ON h.article_id = e.article_id AND h.event = e.seq WHERE h.happening_id = ?",
            (happening_id,))}
        result["reports"] = [
            {"article_id": m.article_id, "event": m.seq, "original": m.original,
             "published": m.published, "outlet": details[m.key]["outlet"],
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

    def compare_claims(self, *, story: str | None = None, about: str | None = None,
                       min_sources: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
        """Figures that several reports give for one thing, side by side: numeric claims
        grouped by story and what they count (the unit, as happenings compare figures), each
        group with every report's value and whether they agree (ranges that overlap).
        ``min_sources`` distinct original articles per group (reprints count once); groups
        that disagree first, then the most reported."""
        where = ["c.kind = 'numeric'", "c.low IS NOT NULL", "c.unit IS NOT NULL"]
        params: list[Any] = []
        if story:
            where.append("s.story_id = ?")
            params.append(story)
        if about:
            where, params = contains(where, params, ("c.about", "c.unit"), about)
        rows = self.connection.execute(
            "SELECT s.story_id, st.label AS story_label, c.article_id, c.seq, c.low, c.high,"
            " c.comparator, c.unit, c.about, c.claimant, c.hedge, c.text,"
            " coalesce(a.reprint_of, a.id) AS original, a.outlet, a.published, a.title"
            " FROM claim c JOIN article a ON a.id = c.article_id"
            " JOIN article_story s ON s.article_id = c.article_id"
            " JOIN story st ON st.id = s.story_id"
            f" WHERE {' AND '.join(where)} ORDER BY a.published, c.article_id, c.seq", params)
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for row in map(dict, rows):
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

    def clear_links(self) -> None:
        """Forget every story and happening (a full relink follows), user edits included."""
        with self.transaction() as db:
            for table in ("event_happening", "happening", "article_story", "story_term",
                          "story", "term_df"):
                db.execute(f"DELETE FROM {table}")

    def merge_stories(self, target: str, others: list[str]) -> int:
        """Move the articles and happenings of ``others`` into ``target``; the others go.
        Returns how many articles moved. Marks the target as edited by a user."""
        if target in others:
            raise ValueError(f"story {target} cannot be merged into itself")
        moved = 0
        with self.transaction() as db:
            for other in others:
                moved += db.execute("UPDATE article_story SET story_id = ? WHERE story_id = ?",
                                    (target, other)).rowcount
                db.execute("UPDATE happening SET story_id = ? WHERE story_id = ?",
                           (target, other))
                db.execute(
                    "INSERT INTO story_term (story_id, term, weight)"
                    " SELECT ?, term, weight FROM story_term WHERE story_id = ? AND true"
                    " ON CONFLICT(story_id, term) DO UPDATE SET weight = weight + excluded.weight",
                    (target, other))
                db.execute(
                    "UPDATE story SET edited = 1,"
                    " first_date = (SELECT min(first_date) FROM story WHERE id IN (?, ?)),"
                    " last_date = (SELECT max(last_date) FROM story WHERE id IN (?, ?))"
                    " WHERE id = ?", (target, other, target, other, target))
                db.execute("DELETE FROM story WHERE id = ?", (other,))
            recount(db, [target])
        return moved

    def split_story(self, story_id: str, article_ids: list[str]) -> str:
        """Move the given articles (and the happenings only they report) out of a story into
        a new one, named after the first; returns the new story's id."""
        new_id = article_ids[0]
        marks = ", ".join("?" * len(article_ids))
        with self.transaction() as db:
            row = db.execute("SELECT label FROM story WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                raise KeyError(f"no story with id {story_id}")
            inside = {r[0] for r in db.execute(
                f"SELECT article_id FROM article_story WHERE story_id = ? AND article_id IN"
                f" ({marks})", [story_id, *article_ids])}
            if outside := [a for a in article_ids if a not in inside]:
                raise ValueError(f"not in story {story_id}: {', '.join(outside)}")
            if len(inside) == db.execute("SELECT count(*) FROM article_story WHERE story_id = ?",
                                         (story_id,)).fetchone()[0]:
                raise ValueError("splitting off every article leaves nothing to split from")
            dates = db.execute(
                f"SELECT min(published), max(published) FROM article WHERE id IN ({marks})",
                article_ids).fetchone()
            db.execute(
                "INSERT INTO story (id, label, first_date, last_date, articles, created, edited)"
                " VALUES (?, ?, ?, ?, 0, datetime('now'), 1)",
                (new_id, f"{row[0]} (split)", dates[0], dates[1]))
            db.execute(f"UPDATE article_story SET story_id = ? WHERE article_id IN ({marks})"
                       " AND story_id = ?", [new_id, *article_ids, story_id])
            db.execute(
                "UPDATE happening SET story_id = ? WHERE story_id = ? AND id NOT IN"
                " (SELECT eh.happening_id FROM event_happening eh JOIN article_story s"
                " ON s.article_id = eh.article_id WHERE s.story_id = ?)",
                (new_id, story_id, story_id))
            db.execute("UPDATE story SET edited = 1 WHERE id = ?", (story_id,))
            recount(db, [story_id, new_id])
        return new_id


def recount(db: sqlite3.Connection, story_ids: list[str]) -> None:
    """A story's article count: distinct articles, a reprint not counted."""
    db.executemany(
        "UPDATE story SET articles = (SELECT count(*) FROM article_story s JOIN article a"
        " ON a.id = s.article_id WHERE s.story_id = story.id AND a.reprint_of IS NULL)"
        " WHERE id = ?", [(i,) for i in story_ids])
