"""What linking reads and writes: stories, happenings, and the records they are built from.

A mixin of :class:`~newsgraph.store.store.Store`, kept apart because linking is its own
concern: plain SQL over the ``article_term``, ``term_df``, ``story``, ``story_term``,
``article_story``, ``happening`` and ``event_happening`` tables, and the reads of events,
parties and figures the linker merges. The linker (:mod:`newsgraph.link`) decides; these
methods only fetch and store what it decides on, as rows and dicts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from newsgraph.store.like import contains
from newsgraph.store.schema import NotFound
from newsgraph.store.sql import batches, marks, now_iso, outlet_filter

# The happening table's columns, as :meth:`LinkQueries.save_happenings` writes them.
HAPPENING_COLUMNS = ("id", "story_id", "type", "mode", "label", "earliest", "latest",
                     "time_status", "first_reported", "sources", "disputed")


class LinkQueries:
    """Stories and happenings of a store (mixed into Store, which owns the connection)."""

    connection: sqlite3.Connection

    # provided by Store
    def _listing(self, select: str, where: list[str], params: list[Any], order: str,
                 limit: int | None, offset: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # -- what the linker reads --------------------------------------------------------------

    def unlinked_articles(self) -> list[tuple[str, str | None, str | None]]:
        """``(id, published, reprint_of)`` of the articles in no story yet, in the order
        linking takes them: by date, undated last, then as ingested."""
        return [(r[0], r[1], r[2]) for r in self.connection.execute(
            "SELECT a.id, a.published, a.reprint_of FROM article a"
            " WHERE NOT EXISTS (SELECT 1 FROM article_story s WHERE s.article_id = a.id)"
            " ORDER BY a.published IS NULL, a.published, a.rowid")]

    def article_terms(self, article_ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
        """The weighted terms of each of these articles (those it has)."""
        found: dict[str, list[tuple[str, int]]] = {}
        for batch in batches(article_ids):
            for article_id, term, count in self.connection.execute(
                f"SELECT article_id, term, count FROM article_term WHERE article_id IN"
                f" ({marks(batch)})", batch,
            ):
                found.setdefault(article_id, []).append((term, count))
        return found

    def term_frequencies(self) -> tuple[dict[str, int], int]:
        """Each term's document frequency, and how many documents those count: the linked
        articles, a reprint not counted."""
        df = dict(self.connection.execute("SELECT term, df FROM term_df").fetchall())
        documents = self.connection.execute(
            "SELECT count(*) FROM article_story s JOIN article a ON a.id = s.article_id"
            " WHERE a.reprint_of IS NULL"
        ).fetchone()[0]
        return df, documents

    def open_stories(self, since: str | None) -> Iterator[dict[str, Any]]:
        """Stories new articles may still join: active since ``since`` (any, when None), or
        undated; each row with its ``centroid`` (term -> weight)."""
        rows = self.connection.execute(
            "SELECT id, first_date, last_date, articles FROM story"
            " WHERE ? IS NULL OR last_date IS NULL OR last_date >= ?", (since, since),
        ).fetchall()
        for row in rows:
            yield self._with_centroid(dict(row))

    def stories_sharing(self, terms: Sequence[str], limit: int,
                        loaded: set[str]) -> Iterator[dict[str, Any]]:
        """The ``limit`` stories whose centroids give these terms the most weight, less those
        already ``loaded``; rows as :meth:`open_stories` gives them."""
        rows = self.connection.execute(
            f"SELECT story_id FROM story_term WHERE term IN ({marks(terms)}) GROUP BY story_id"
            " ORDER BY sum(weight) DESC LIMIT ?", [*terms, limit],
        ).fetchall()
        for (story_id,) in rows:
            if story_id in loaded:
                continue
            row = self.connection.execute(
                "SELECT id, first_date, last_date, articles FROM story WHERE id = ?",
                (story_id,)).fetchone()
            yield self._with_centroid(dict(row))

    def _with_centroid(self, story: dict[str, Any]) -> dict[str, Any]:
        story["centroid"] = dict(self.connection.execute(
            "SELECT term, weight FROM story_term WHERE story_id = ?", (story["id"],)).fetchall())
        return story

    def happening_events(self) -> list[tuple[str, str, str | None, str | None, str, str, int]]:
        """``(id, type, mode, story_id, time_status, article_id, event)`` of every happening,
        one row per event merged into it."""
        return [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in self.connection.execute(
            "SELECT h.id, h.type, h.mode, h.story_id, h.time_status, eh.article_id, eh.event"
            " FROM happening h JOIN event_happening eh ON eh.happening_id = h.id")]

    def linkable_events(self, article_ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        """The events of these articles that may be merged (not negated, not hypothetical),
        read three queries per batch of articles, so that linking a large corpus reads no
        tokens or bodies.

        Each row holds the event's ``article_id``, ``seq``, ``type``, ``mode``, ``earliest``,
        ``latest``, ``time_basis``, ``time_status``, ``sentence`` and ``location_id``; its
        article's ``original`` (itself, or the original it reprints) and ``published``; the
        place's ``location_country``; the article's ``story_id`` when linked; ``parties``
        (``role``, ``actor_id``, ``code``, ``text``, in stored order) and ``figures``
        (``low``, ``high``, ``unit`` of the numeric claims of its sentence)."""
        for batch in batches(article_ids):
            found: dict[tuple[str, int], dict[str, Any]] = {}
            for row in self.connection.execute(
                "SELECT e.article_id, e.seq, coalesce(a.reprint_of, a.id) AS original,"
                " a.published, e.type, e.mode, e.earliest, e.latest, e.time_basis,"
                " e.time_status, e.sentence, e.location_id, l.country AS location_country,"
                " s.story_id"
                " FROM event e JOIN article a ON a.id = e.article_id"
                " LEFT JOIN actor l ON l.id = e.location_id"
                " LEFT JOIN article_story s ON s.article_id = e.article_id"
                f" WHERE e.article_id IN ({marks(batch)}) AND e.negated = 0"
                " AND e.hypothetical = 0", batch,
            ):
                found[row["article_id"], row["seq"]] = {**dict(row), "parties": []}
            for party in self.connection.execute(
                "SELECT article_id, event, role, actor_id, code, text FROM event_party"
                f" WHERE article_id IN ({marks(batch)})", batch,
            ):
                event = found.get((party["article_id"], party["event"]))
                if event is not None:
                    event["parties"].append(dict(party))
            figures: dict[tuple[str, int], list[dict[str, Any]]] = {}
            for figure in self.connection.execute(
                "SELECT article_id, sentence, low, high, unit FROM claim"
                " WHERE kind = 'numeric' AND low IS NOT NULL AND unit IS NOT NULL"
                f" AND article_id IN ({marks(batch)})", batch,
            ):
                figures.setdefault((figure["article_id"], figure["sentence"]), []).append(
                    dict(figure))
            for event in found.values():
                event["figures"] = figures.get((event["article_id"], event["sentence"]), [])
            yield from found.values()

    def story_of(self, article_id: str) -> str | None:
        """The story an article is in, None before it is linked."""
        row = self.connection.execute(
            "SELECT story_id FROM article_story WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def article_stories(self) -> dict[str, str]:
        """Every linked article's story: article id -> story id."""
        return dict(self.connection.execute("SELECT article_id, story_id FROM article_story")
                    .fetchall())

    def actor_names(self, actor_ids: Iterable[str]) -> dict[str, str]:
        """The names of these actors (those stored): id -> name."""
        names: dict[str, str] = {}
        for batch in batches(sorted(actor_ids)):
            names.update(self.connection.execute(
                f"SELECT id, name FROM actor WHERE id IN ({marks(batch)})", batch))
        return names

    # -- what the linker writes -------------------------------------------------------------

    def assign_stories(self, assigned: Iterable[tuple[str, str, float]]) -> None:
        """Put articles in stories: ``(article_id, story_id, score)``, an earlier assignment
        of the article replaced."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO article_story (article_id, story_id, score)"
                           " VALUES (?, ?, ?)", assigned)

    def save_stories(self, stories: Iterable[Mapping[str, Any]],
                     df: Mapping[str, int]) -> None:
        """Write stories as linking left them (``id``, ``label``, ``first_date``,
        ``last_date``, ``centroid``: term -> weight) and the document frequencies that
        changed, in one transaction. A new story's article count is set by :meth:`recount`;
        a user's ``edited`` mark is kept."""
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO term_df (term, df) VALUES (?, ?)"
                " ON CONFLICT(term) DO UPDATE SET df = excluded.df", df.items())
            now = now_iso()
            for story in stories:
                db.execute(
                    "INSERT INTO story (id, label, first_date, last_date, articles, created)"
                    " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT(id) DO UPDATE SET"
                    " label = excluded.label, first_date = excluded.first_date,"
                    " last_date = excluded.last_date",
                    (story["id"], story["label"], story["first_date"], story["last_date"], now),
                )
                db.execute("DELETE FROM story_term WHERE story_id = ?", (story["id"],))
                db.executemany("INSERT INTO story_term (story_id, term, weight) VALUES (?, ?, ?)",
                               [(story["id"], t, w) for t, w in story["centroid"].items()])

    def save_happenings(self, happenings: Iterable[Mapping[str, Any]]) -> None:
        """Write happenings (the ``happening`` table's columns) with the events merged into
        each (``events``: ``(article_id, seq)`` pairs), in one transaction."""
        with self.transaction() as db:
            for happening in happenings:
                db.execute(
                    f"INSERT OR REPLACE INTO happening ({', '.join(HAPPENING_COLUMNS)})"
                    f" VALUES ({marks(HAPPENING_COLUMNS)})",
                    [happening[c] for c in HAPPENING_COLUMNS],
                )
                db.executemany(
                    "INSERT OR REPLACE INTO event_happening (article_id, event, happening_id)"
                    " VALUES (?, ?, ?)", [(*key, happening["id"]) for key in happening["events"]])

    def recount(self, story_ids: Iterable[str]) -> None:
        """Set each story's article count: distinct articles, a reprint not counted."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE story SET articles = (SELECT count(*) FROM article_story s JOIN article a"
                " ON a.id = s.article_id WHERE s.story_id = story.id AND a.reprint_of IS NULL)"
                " WHERE id = ?", [(i,) for i in story_ids])

    # -- what linking found -----------------------------------------------------------------

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
        """One story: its record and its articles (reprints marked, with their outlet
        profile's kind and country), earliest first."""
        row = self.connection.execute("SELECT * FROM story WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story with id {story_id}")
        story = dict(row)
        story["articles"] = [dict(r) for r in self.connection.execute(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, a.reprint_of, a.outlet_kind,"
            " a.outlet_country, s.score"
            " FROM article_story s JOIN article a ON a.id = s.article_id WHERE s.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, a.rowid", (story_id,))]
        return story

    def happenings(self, *, story: str | None = None, disputed: bool = False,
                   type: str | None = None, min_sources: int = 1,
                   outlet_kind: str | None = None, outlet_country: str | None = None,
                   limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Happenings, most corroborated first: how many distinct articles report each;
        ``outlet_kind``/``outlet_country`` keep those some outlet of that profile reports."""
        where = ["h.sources >= ?"]
        params: list[Any] = [min_sources]
        reports: list[str] = []
        reports, report_params = outlet_filter(reports, [], "eh.article_id", outlet_kind,
                                               outlet_country)
        if reports:
            where.append("h.id IN (SELECT eh.happening_id FROM event_happening eh WHERE "
                         f"{reports[0]})")
            params += report_params
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

    def happening(self, happening_id: str) -> dict[str, Any]:
        """One happening: its record and, under ``events``, each event merged into it with
        its ``predicate``, ``time``, ``location`` and ``reported_by``, its article's
        ``outlet`` (with its profile's ``outlet_kind`` and ``outlet_country``) and
        ``title``, and its evidence ``text`` (what a comparison shows beside the linker's
        reading of each report)."""
        row = self.connection.execute(
            "SELECT * FROM happening WHERE id = ?", (happening_id,)).fetchone()
        if row is None:
            raise NotFound(f"no happening with id {happening_id}")
        happening = dict(row)
        happening["events"] = [dict(r) for r in self.connection.execute(
            "SELECT e.article_id, e.seq, e.predicate, e.time, e.location, e.reported_by,"
            " a.outlet, a.outlet_kind, a.outlet_country, a.title,"
            " substr(a.body, e.start + 1, e.end - e.start) AS text"
            " FROM event e JOIN article a ON a.id = e.article_id JOIN event_happening h"
            " ON h.article_id = e.article_id AND h.event = e.seq WHERE h.happening_id = ?",
            (happening_id,))]
        return happening

    def story_figures(self, *, story: str | None = None,
                      about: str | None = None) -> list[dict[str, Any]]:
        """The numeric claims of linked articles (of one ``story``; about words of what they
        count or their unit), oldest report first: each with its story's ``story_id`` and
        ``story_label``, its figure, evidence and claimant, and its article's ``original``
        (itself, or the original it reprints), ``outlet`` (with ``outlet_kind`` and
        ``outlet_country``), ``published`` and ``title``."""
        where = ["c.kind = 'numeric'", "c.low IS NOT NULL", "c.unit IS NOT NULL"]
        params: list[Any] = []
        if story:
            where.append("s.story_id = ?")
            params.append(story)
        if about:
            where, params = contains(where, params, ("c.about", "c.unit"), about)
        return [dict(r) for r in self.connection.execute(
            "SELECT s.story_id, st.label AS story_label, c.article_id, c.seq, c.low, c.high,"
            " c.comparator, c.unit, c.about, c.claimant, c.hedge, c.text,"
            " coalesce(a.reprint_of, a.id) AS original, a.outlet, a.outlet_kind,"
            " a.outlet_country, a.published, a.title"
            " FROM claim c JOIN article a ON a.id = c.article_id"
            " JOIN article_story s ON s.article_id = c.article_id"
            " JOIN story st ON st.id = s.story_id"
            f" WHERE {' AND '.join(where)} ORDER BY a.published, c.article_id, c.seq", params)]

    # -- a user's edits -------------------------------------------------------------------

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
            self.recount([target])
        return moved

    def split_story(self, story_id: str, article_ids: list[str]) -> str:
        """Move the given articles (and the happenings only they report) out of a story into
        a new one, named after the first; returns the new story's id."""
        new_id = article_ids[0]
        marks = ", ".join("?" * len(article_ids))
        with self.transaction() as db:
            row = db.execute("SELECT label FROM story WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                raise NotFound(f"no story with id {story_id}")
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
            self.recount([story_id, new_id])
        return new_id
