"""The embedded store: articles and their records in one SQLite file.

Writes go through :meth:`Store.save_article` and :meth:`Store.replace_annotations`, each one
transaction, so an article is either wholly stored or not at all, whenever the process dies.
Reads return plain dicts (one vocabulary with the CLI's ``--json`` and the exports).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from newsgraph import settings
from newsgraph.filters import Box, Point
from newsgraph.ingest.reprints import band_keys, similarity
from newsgraph.model import (
    Article,
    Claim,
    Dropped,
    Event,
    Mention,
    Party,
    Place,
    Published,
    Quote,
    Sentence,
    SkipArticle,
    TimeExpr,
    Token,
)
from newsgraph.stages import DATED_TABLES, RECORD_TABLES
from newsgraph.store.like import contains, like_escaped
from newsgraph.store.links import LinkQueries
from newsgraph.store.schema import NotFound, StoreError, connect
from newsgraph.store.sql import batches, marks, now_iso, outlet_filter, place_filter

R = TypeVar("R", Dropped, Sentence, Token, Mention, TimeExpr)

# Article columns and how each is read off an Article (the published_* ones from its
# Published record); the order is the table's.
ARTICLE_FIELDS: dict[str, Callable[[Article], Any]] = {
    "id": attrgetter("id"),
    "source": attrgetter("source"),
    "format": attrgetter("format"),
    "markup": attrgetter("markup"),
    "url": attrgetter("url"),
    "title": attrgetter("title"),
    "outlet": attrgetter("outlet"),
    "published": lambda a: a.published.value if a.published else None,
    "encoding": attrgetter("encoding"),
    "language": attrgetter("language"),
    "body": attrgetter("body"),
    "n_words": attrgetter("n_words"),
    "raw_sha256": attrgetter("raw_sha256"),
    "reprint_of": attrgetter("reprint_of"),
    "published_given": attrgetter("published_given"),
    "captured": attrgetter("captured"),
    "published_earliest": lambda a: a.published.earliest if a.published else None,
    "published_latest": lambda a: a.published.latest if a.published else None,
    "published_confidence": lambda a: a.published.confidence if a.published else None,
    "published_source": lambda a: a.published.source if a.published else None,
    "published_basis": lambda a: a.published.basis if a.published else None,
    "fingerprint": attrgetter("fingerprint"),
    "subtitle": attrgetter("subtitle"),
    "byline": attrgetter("byline"),
    "captions": lambda a: json.dumps(a.captions, ensure_ascii=False) if a.captions else None,
    "outlet_id": attrgetter("outlet_id"),
    "origin_outlet_id": attrgetter("origin_outlet_id"),
    "outlet_kind": attrgetter("outlet_kind"),
    "outlet_country": attrgetter("outlet_country"),
}
# Set by the store, not by the stages: kept when an article is reprocessed.
STORE_FIELDS = ("id", "source", "format", "markup", "raw_sha256", "reprint_of")
ARTICLE_COLUMNS = (*(c for c in ARTICLE_FIELDS if c != "fingerprint"), "ingested_at")
# NER labels of names that identify who or where an article is about.
NAME_LABELS_SQL = "'PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC'"
QUOTE_COLUMNS = tuple(f.name for f in fields(Quote))
CLAIM_COLUMNS = tuple(f.name for f in fields(Claim))
# An event's scalar fields are the event table's columns; its parties go to event_party.
EVENT_COLUMNS = tuple(f.name for f in fields(Event)
                      if f.name not in ("actors", "recipients", "happening"))
PARTY_COLUMNS = tuple(f.name for f in fields(Party))
PLACE_COLUMNS = tuple(f.name for f in fields(Place))
EVENT_FLAGS = ("symmetric", "negated", "hypothetical")  # stored as 0/1, read back as bool
# A code as written in capitals ("RUS", "RUS.MIL", "IGO.UNO"): matched whole, not inside words.
CODE_SHAPED = re.compile(r"[A-Z]{3}(?:\.[A-Z0-9]+)*")
log = logging.getLogger("newsgraph")


class Store(LinkQueries):
    """One SQLite file holding everything newsgraph knows."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.connection = connect(self.path, readonly=readonly)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def ingest_lock(self) -> Iterator[None]:
        """Hold the store's ingest lock: one ingest (or reprocess) writes a store at a time.

        Two ingests interleaving their articles would each be whole, but their corpus steps
        (dating, linking) would read each other's half-done work; so a second one waits for
        the first, saying so. The lock is a POSIX record lock on ``STORE.lock``: the
        operating system drops it when its holder dies, and, unlike ``flock``, the pool
        workers a process forks do not inherit it, so a killed ingest never blocks the next
        one. (It does not exclude threads of one process from each other: the web server
        serializes its own posts.)"""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            handle = lock_path.open("a+", encoding="utf-8")
        except OSError as error:
            raise StoreError(f"cannot lock store {self.path}: {error.strerror}") from error
        with handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip()
                log.warning("another ingest%s is writing to %s: waiting for it to finish",
                            f" (pid {holder})" if holder.isdigit() else "", self.path)
                fcntl.lockf(handle, fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            try:
                yield
            finally:
                fcntl.lockf(handle, fcntl.LOCK_UN)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: writers queue on the lock instead of failing later.

        Inside a transaction already open on this store, a part of it: a larger unit of work
        (a link step) commits or rolls back as one."""
        if self.connection.in_transaction:
            yield self.connection
            return
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(_write_error(self.path, error)) from error
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            raise StoreError(_write_error(self.path, error)) from error
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it rolls back by itself on
        a full disk or an I/O error, and a second ROLLBACK would hide the cause)."""
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    # -- writes ---------------------------------------------------------------------------

    def save_article(self, article: Article) -> str:
        """Store a processed article with all its records, in one transaction.

        Returns ``"stored"``, ``"reprint"`` (stored and marked as a reprint of an earlier
        article) or ``"exists"`` (the id is already stored: nothing is written).
        """
        with self.transaction() as db, self._one_article(article):
            if db.execute("SELECT 1 FROM article WHERE id = ?", (article.id,)).fetchone():
                return "exists"
            article.reprint_of = self._find_original(article.fingerprint)
            row = {name: get(article) for name, get in ARTICLE_FIELDS.items()}
            row["ingested_at"] = now_iso()
            db.execute(
                f"INSERT INTO article ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            db.execute(
                "INSERT INTO article_raw (article_id, raw) VALUES (?, ?)",
                (article.id, zlib.compress(article.raw.encode("utf-8"))),
            )
            self._insert(article, RECORD_TABLES)
        return "reprint" if article.reprint_of else "stored"

    @contextmanager
    def _one_article(self, article: Article) -> Iterator[None]:
        """A savepoint for one article's rows inside a larger transaction: a value SQLite
        cannot bind or a constraint it breaks undoes that article alone and becomes a
        :class:`SkipArticle`; the articles stored before it in the transaction stay."""
        self.connection.execute("SAVEPOINT article")
        try:
            yield
        except (ValueError, OverflowError, sqlite3.IntegrityError,
                sqlite3.InterfaceError) as error:
            self.connection.execute("ROLLBACK TO article")
            self.connection.execute("RELEASE article")
            raise SkipArticle(f"cannot store: {type(error).__name__}: {error}") from error
        except BaseException:
            if self.connection.in_transaction:  # SQLite may have rolled back by itself
                self.connection.execute("ROLLBACK TO article")
                self.connection.execute("RELEASE article")
            raise
        else:
            self.connection.execute("RELEASE article")

    def replace_article(self, article: Article) -> None:
        """Rewrite a stored article's cleaned fields and every derived record (reprocess)."""
        with self.transaction() as db:
            row = {n: get(article) for n, get in ARTICLE_FIELDS.items() if n not in STORE_FIELDS}
            db.execute(
                f"UPDATE article SET {', '.join(f'{name} = ?' for name in row)} WHERE id = ?",
                [*row.values(), article.id],
            )
            self._rewrite(article, RECORD_TABLES)

    def replace_dated(self, article: Article) -> None:
        """Rewrite what depends on the publication date: the date itself and the records of
        every stage declared ``dated`` (time expressions, actor links read at that date, the
        speech, events and linking terms that name them). Used by corpus dating."""
        columns = [c for c in ARTICLE_FIELDS if c.startswith("published")]
        with self.transaction() as db:
            db.execute(
                f"UPDATE article SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                [*(ARTICLE_FIELDS[c](article) for c in columns), article.id],
            )
            self._rewrite(article, DATED_TABLES)

    def _rewrite(self, article: Article, tables: Sequence[str]) -> None:
        for table in tables:
            self.connection.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
        self._insert(article, tables)

    def _insert(self, article: Article, tables: Sequence[str]) -> None:
        """Insert an article's records into ``tables`` (each table's writer once)."""
        for writer in dict.fromkeys(_WRITERS[table] for table in tables):
            writer(self, article)

    def _insert_dropped(self, article: Article) -> None:
        self.connection.executemany(
            "INSERT INTO dropped (article_id, seq, rule, text) VALUES (?, ?, ?, ?)",
            [(article.id, i, d.rule, d.text) for i, d in enumerate(article.dropped)],
        )

    def _insert_bands(self, article: Article) -> None:
        self.connection.executemany(
            "INSERT INTO fingerprint_band (band, key, article_id) VALUES (?, ?, ?)",
            [(band, key, article.id) for band, key in band_keys(article.fingerprint)],
        )

    def _insert_parse(self, article: Article) -> None:
        db = self.connection
        db.executemany(
            "INSERT INTO sentence (article_id, seq, start, end) VALUES (?, ?, ?, ?)",
            [(article.id, i, s.start, s.end) for i, s in enumerate(article.sentences)],
        )
        db.executemany(
            "INSERT INTO token (article_id, seq, start, end, lemma, pos, tag, dep, head, sentence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, i, t.start, t.end, t.lemma, t.pos, t.tag, t.dep, t.head, t.sentence)
                for i, t in enumerate(article.tokens)
            ],
        )

    def _insert_terms(self, article: Article) -> None:
        self.connection.executemany(
            "INSERT INTO article_term (article_id, term, count) VALUES (?, ?, ?)",
            [(article.id, term, count) for term, count in article.terms],
        )

    def _insert_mentions(self, article: Article) -> None:
        db = self.connection
        db.executemany(
            "INSERT INTO mention (article_id, start, end, text, label, sentence, actor_id, method,"
            " confidence, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, m.start, m.end, m.text, m.label, m.sentence, m.actor_id, m.method,
                 m.confidence, m.code)
                for m in article.mentions
            ],
        )
        # Actors are shared by all articles: added once, never replaced by an article.
        db.executemany(
            "INSERT OR IGNORE INTO actor (id, name, kind, country, sector, wikidata, wikipedia)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, a.name, a.kind, a.country, a.sector, a.wikidata, a.wikipedia)
             for a in article.actors],
        )
        db.executemany(
            "INSERT OR IGNORE INTO actor_alias (actor_id, alias) VALUES (?, ?)",
            [(a.id, alias) for a in article.actors for alias in a.aliases],
        )
        db.executemany(
            "INSERT OR IGNORE INTO actor_role (actor_id, office, country, title, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(a.id, r.office, r.country, r.title, r.start, r.end)
             for a in article.actors for r in a.roles],
        )

    def _insert_timexes(self, article: Article) -> None:
        self.connection.executemany(
            "INSERT INTO timex (article_id, start, end, text, type, value, granularity, earliest,"
            " latest, anchor, mod, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, t.start, t.end, t.text, t.type, t.value, t.granularity, t.earliest,
                 t.latest, t.anchor, t.mod, t.sentence)
                for t in article.timexes
            ],
        )

    def _insert_speech(self, article: Article) -> None:
        db = self.connection
        db.executemany(
            f"INSERT INTO quote (article_id, seq, {', '.join(QUOTE_COLUMNS)}, content)"
            f" VALUES (?, ?, {', '.join('?' * len(QUOTE_COLUMNS))}, ?)",
            [(article.id, i, *(json.dumps(v) if c == "parts" else v
                               for c, v in zip(QUOTE_COLUMNS, astuple(q), strict=True)),
              q.content(article.body))
             for i, q in enumerate(article.quotes)],
        )
        db.executemany(
            f"INSERT INTO claim (article_id, seq, {', '.join(CLAIM_COLUMNS)})"
            f" VALUES (?, ?, {', '.join('?' * len(CLAIM_COLUMNS))})",
            [(article.id, i, *astuple(c)) for i, c in enumerate(article.claims)],
        )

    def _insert_events(self, article: Article) -> None:
        db = self.connection
        db.executemany(
            f"INSERT INTO event (article_id, seq, {', '.join(EVENT_COLUMNS)})"
            f" VALUES (?, ?, {', '.join('?' * len(EVENT_COLUMNS))})",
            [(article.id, i, *(getattr(e, c) for c in EVENT_COLUMNS))
             for i, e in enumerate(article.events)],
        )
        db.executemany(
            f"INSERT INTO event_party (article_id, event, role, seq, {', '.join(PARTY_COLUMNS)})"
            f" VALUES (?, ?, ?, ?, {', '.join('?' * len(PARTY_COLUMNS))})",
            [(article.id, i, role, j, *astuple(party))
             for i, e in enumerate(article.events)
             for role, parties in (("actor", e.actors), ("recipient", e.recipients))
             for j, party in enumerate(parties)],
        )
        # Places are shared by all articles, as actors are: added once, never replaced.
        db.executemany(
            f"INSERT OR IGNORE INTO place ({', '.join(PLACE_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(PLACE_COLUMNS))})",
            [astuple(place) for place in article.places],
        )

    def _find_original(self, signature: bytes, before_rowid: int | None = None) -> str | None:
        """The earlier article a body with this signature reprints, if any.

        The most similar candidate above the threshold wins; its own original, if it is a
        reprint itself, so that every reprint points at the first-stored article.
        """
        keys = band_keys(signature)
        if not keys:
            return None
        clause = " OR ".join("(band = ? AND key = ?)" for _ in keys)
        params: list[int] = [value for pair in keys for value in pair]
        sql = (
            "SELECT DISTINCT a.id, a.reprint_of, a.fingerprint FROM fingerprint_band f "
            f"JOIN article a ON a.id = f.article_id WHERE ({clause})"
        )
        if before_rowid is not None:
            sql += " AND a.rowid < ?"
            params.append(before_rowid)
        best, best_score = None, settings.REPRINT_MIN_JACCARD
        for row in self.connection.execute(sql, params):
            score = similarity(signature, row["fingerprint"])
            if score >= best_score:
                best, best_score = row["reprint_of"] or row["id"], score
        return best

    def relink_reprints(self) -> None:
        """Recompute every reprint link in ingest order, after bodies have changed."""
        with self.transaction() as db:
            db.execute("UPDATE article SET reprint_of = NULL")
            rows = db.execute("SELECT rowid, id, fingerprint FROM article ORDER BY rowid")
            for rowid, article_id, signature in rows.fetchall():
                original = self._find_original(signature, before_rowid=rowid)
                if original:
                    db.execute(
                        "UPDATE article SET reprint_of = ? WHERE id = ?", (original, article_id)
                    )

    # -- reads ----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM article WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    def count(self, table: str) -> int:
        if table not in ("article", *RECORD_TABLES):
            raise ValueError(f"unknown table {table!r}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(
        self,
        *,
        outlet: str | None = None,
        outlet_kind: str | None = None,
        outlet_country: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        search: str | None = None,
        reprints: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored articles (without body), oldest ingest first, filtered as the CLI asks;
        ``outlet`` is the outlet's name as stored or its profile's id."""
        where, params = outlet_filter([], [], "id", outlet_kind, outlet_country)
        if outlet:
            where.append("(outlet = ? OR outlet_id = ? OR origin_outlet_id = ?)")
            params += [outlet, outlet, outlet]
        where, params = _overlap(
            where, params, "published_earliest", "published_latest", date_from, date_to
        )
        if search:
            where, params = contains(where, params, ("title", "body"), search)
        if not reprints:
            where.append("reprint_of IS NULL")
        columns = ", ".join(c for c in ARTICLE_COLUMNS if c != "body")
        return self._listing(f"SELECT {columns} FROM article", where, params, "rowid",
                             limit, offset)

    def _listing(self, select: str, where: list[str], params: list[Any], order: str,
                 limit: int | None, offset: int) -> list[dict[str, Any]]:
        """Run a filtered, ordered, paginated SELECT and return its rows as dicts."""
        sql = select + (" WHERE " + " AND ".join(where) if where else "")
        sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
        rows = self.connection.execute(sql, [*params, -1 if limit is None else limit, offset])
        return [dict(row) for row in rows]

    def timexes(
        self,
        *,
        article_id: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        anchor: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Time expressions, filtered by article, anchor and overlap with a date range."""
        where, params = _equal(article_id=article_id, anchor=anchor)
        where, params = _overlap(where, params, "earliest", "latest", date_from, date_to)
        select = (
            "SELECT article_id, start, end, text, type, value, granularity, earliest, latest,"
            " anchor, mod, sentence FROM timex"
        )
        return self._listing(select, where, params, "article_id, start", limit, offset)

    def actors(
        self,
        *,
        country: str | None = None,
        kind: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored actors with how often and in how many articles they are mentioned."""
        where, params = _equal(country=country.upper() if country else None, kind=kind)
        if search:
            where, params = contains(where, params, ("a.name", "a.id"), search)
        where = [w if w.startswith("(") else f"a.{w}" for w in where]
        select = (
            "SELECT a.id, a.name, a.kind, a.country, a.sector, a.wikidata, a.wikipedia,"
            " (SELECT count(*) FROM mention m WHERE m.actor_id = a.id) AS mentions,"
            " (SELECT count(DISTINCT m.article_id) FROM mention m WHERE m.actor_id = a.id)"
            " AS articles FROM actor a"
        )
        return self._listing(select, where, params, "mentions DESC, a.id", limit, offset)

    def actor(self, name_or_id: str) -> dict[str, Any]:
        """One actor by id, else by exact name or alias: roles, aliases, mentions by article."""
        row = self.connection.execute(
            "SELECT * FROM actor WHERE id = ? OR lower(name) = lower(?) UNION "
            "SELECT a.* FROM actor a JOIN actor_alias l ON l.actor_id = a.id "
            "WHERE lower(l.alias) = lower(?) LIMIT 1",
            (name_or_id, name_or_id, name_or_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"no actor {name_or_id!r} in the store (see `newsgraph actors`)")
        actor = dict(row)
        query = self.connection.execute
        actor["aliases"] = [r[0] for r in query(
            "SELECT alias FROM actor_alias WHERE actor_id = ? ORDER BY alias", (actor["id"],))]
        actor["roles"] = [dict(r) for r in query(
            "SELECT office, country, title, start, end FROM actor_role WHERE actor_id = ?"
            " ORDER BY start", (actor["id"],))]
        actor["mentions"] = [dict(r) for r in query(
            "SELECT m.article_id, a.published, a.title, count(*) AS mentions,"
            " group_concat(DISTINCT m.text) AS texts, group_concat(DISTINCT m.code) AS codes"
            " FROM mention m JOIN article a ON a.id = m.article_id WHERE m.actor_id = ?"
            " GROUP BY m.article_id ORDER BY a.published", (actor["id"],))]
        return actor

    def resolve_id(self, prefix: str, table: str = "article") -> str:
        """The full id of the one article (or story, happening) whose id starts with
        ``prefix``."""
        if table not in ("article", "story", "happening"):
            raise ValueError(f"no ids to resolve in {table!r}")
        # A range of the id index: a prefix is characters, never a pattern.
        rows = self.connection.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? LIMIT 2",
            (prefix, prefix + "\U0010ffff"),
        ).fetchall()
        if not rows:
            raise NotFound(f"no {table} with id {prefix}")
        if len(rows) > 1:
            raise NotFound(f"id prefix {prefix} is ambiguous")
        return rows[0][0]

    def load_article(self, article_id: str, *, with_raw: bool = False) -> Article:
        """The stored article with every record, as the stages produced it."""
        row = self.connection.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)}, fingerprint FROM article WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        data = dict(row)
        raw = ""
        if with_raw:
            blob = self.connection.execute(
                "SELECT raw FROM article_raw WHERE article_id = ?", (article_id,)
            ).fetchone()
            raw = zlib.decompress(blob[0]).decode("utf-8") if blob else ""
        article = Article(
            id=data["id"], source=data["source"], format=data["format"], markup=data["markup"],
            raw=raw, raw_sha256=data["raw_sha256"], url=data["url"], title=data["title"],
            outlet=data["outlet"], published_given=data["published_given"],
            captured=data["captured"], published=published_of(data),
            encoding=data["encoding"], language=data["language"], body=data["body"],
            fingerprint=data["fingerprint"], reprint_of=data["reprint_of"],
            subtitle=data["subtitle"], byline=data["byline"],
            captions=json.loads(data["captions"]) if data["captions"] else [],
            outlet_id=data["outlet_id"], origin_outlet_id=data["origin_outlet_id"],
            outlet_kind=data["outlet_kind"], outlet_country=data["outlet_country"],
        )
        article.dropped = self._records("dropped", Dropped, article_id)
        article.sentences = self._records("sentence", Sentence, article_id)
        article.tokens = self._records("token", Token, article_id)
        article.mentions = self._records("mention", Mention, article_id)
        article.timexes = self._records("timex", TimeExpr, article_id)
        article.quotes = self._records("quote", Quote, article_id)
        for quote in article.quotes:
            quote.parts = [tuple(p) for p in json.loads(quote.parts)]  # type: ignore[arg-type]
        article.claims = self._records("claim", Claim, article_id)
        rows = self.events(article_id=article_id, include_negated=True)
        article.events = [_event_of(row) for row in rows]
        article.places = list({row["place"]["id"]: Place(**row["place"])
                               for row in rows if row["place"]}.values())
        article.terms = [tuple(r) for r in self.connection.execute(  # type: ignore[misc]
            "SELECT term, count FROM article_term WHERE article_id = ? ORDER BY count DESC, term",
            (article_id,))]
        article.story = self.story_of(article_id)
        return article

    def _records(self, table: str, record: type[R], article_id: str) -> list[R]:
        """One article's rows of ``table`` as ``record`` instances, in text order."""
        columns = ", ".join(f.name for f in fields(record))  # type: ignore[arg-type]
        order = "start" if table in ("mention", "timex") else "seq"
        rows = self.connection.execute(
            f"SELECT {columns} FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,)
        )
        return [record(**row) for row in rows]

    def undated_articles(self) -> list[str]:
        """Ids of articles without a full publication date (none, or a month-day only)."""
        return [r[0] for r in self.connection.execute(
            f"SELECT id FROM article WHERE NOT {dated('published')} ORDER BY rowid")]

    def published_bounds(self, article_ids: Sequence[str]
                         ) -> dict[str, tuple[str | None, str | None]]:
        """``(earliest, latest)`` of each article whose date the evidence bounds."""
        marks = ", ".join("?" * len(article_ids))
        return {r[0]: (r[1], r[2]) for r in self.connection.execute(
            "SELECT id, published_earliest, published_latest FROM article"
            f" WHERE id IN ({marks}) AND (published_earliest IS NOT NULL"
            " OR published_latest IS NOT NULL)", list(article_ids))}

    def same_acts(self, article_id: str) -> list[tuple[str, str]]:
        """``(published, id)`` of dated articles reporting this article's acts: the same event
        type between the same resolved parties, a person among them. One act between two
        or more parties ("Shoigu met Kim") is enough; acts of one party alone ("Shoigu
        arrived") count when two are shared. Sharing people is not enough; sharing acts is
        what reports of one happening do. Most shared first."""
        mine = self._act_keys(article_id)
        people = {who for _type, parties in mine for who in parties}
        if not mine:
            return []
        marks = ", ".join("?" * len(people))
        others = [r[0] for r in self.connection.execute(
            "SELECT DISTINCT p.article_id FROM event_party p JOIN article a ON a.id ="
            f" p.article_id WHERE p.actor_id IN ({marks}) AND p.article_id != ?"
            f" AND {dated('a.published')}", [*people, article_id])]
        def weight(common: set[tuple[str, tuple[str, ...]]]) -> int:
            return sum(2 if len(parties) > 1 else 1 for _type, parties in common)

        shared = sorted(((weight(mine & self._act_keys(other)), other) for other in others),
                        key=lambda pair: -pair[0])
        published = {r[1]: r[0] for r in self.connection.execute(
            f"SELECT published, id FROM article WHERE id IN ({', '.join('?' * len(others))})",
            others)}
        return [(published[other], other) for score, other in shared if score >= 2]

    def _act_keys(self, article_id: str) -> set[tuple[str, tuple[str, ...]]]:
        """(type, resolved parties) of an article's acts that name a person and did happen."""
        keys = set()
        rows = self.connection.execute(
            "SELECT e.seq, e.type, p.actor_id, a.kind FROM event e JOIN event_party p"
            " ON p.article_id = e.article_id AND p.event = e.seq JOIN actor a ON a.id ="
            " p.actor_id WHERE e.article_id = ? AND e.negated = 0 AND e.hypothetical = 0",
            (article_id,))
        acts: dict[int, tuple[str, set[str], bool]] = {}
        for seq, type_, actor_id, kind in rows:
            _, parties, person = acts.setdefault(seq, (type_, set(), False))
            parties.add(actor_id)
            acts[seq] = (type_, parties, person or kind == "person")
        for type_, parties, person in acts.values():
            if person:
                keys.add((type_, tuple(sorted(parties))))
        return keys

    def related_dates(self, article_id: str, *, min_shared: int = 3) -> list[tuple[str, str]]:
        """``(published, id)`` of dated articles sharing at least ``min_shared`` names, the
        ones sharing most first."""
        rows = self.connection.execute(
            "SELECT a.published, a.id FROM article a JOIN ("
            "  SELECT other.article_id AS id, count(DISTINCT lower(other.text)) AS shared"
            "  FROM mention mine JOIN mention other"
            "    ON lower(other.text) = lower(mine.text) AND other.article_id != mine.article_id"
            f"  WHERE mine.article_id = ? AND mine.label IN ({NAME_LABELS_SQL})"
            f"    AND other.label IN ({NAME_LABELS_SQL})"
            "  GROUP BY other.article_id HAVING count(DISTINCT lower(other.text)) >= ?"
            ") related ON related.id = a.id "
            f"WHERE {dated('a.published')} ORDER BY related.shared DESC, a.rowid",
            (article_id, min_shared),
        )
        return [(r[0], r[1]) for r in rows]

    def reprint_dates(self, article_id: str) -> list[tuple[str, str]]:
        """``(published, id)`` of the dated original or copies of a reprinted text, oldest
        first: the same text, published no earlier than its first dated copy."""
        rows = self.connection.execute(
            "SELECT other.published, other.id FROM article me JOIN article other"
            "  ON other.id != me.id AND (other.id = me.reprint_of OR other.reprint_of = me.id"
            "    OR (other.reprint_of IS NOT NULL AND other.reprint_of = me.reprint_of))"
            f" WHERE me.id = ? AND {dated('other.published')} ORDER BY other.published",
            (article_id,),
        )
        return [(r[0], r[1]) for r in rows]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.connection.execute("SELECT id FROM article ORDER BY rowid")]

    def mentions(
        self,
        *,
        article_id: str | None = None,
        label: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        where, params = _equal(article_id=article_id, label=label.upper() if label else None)
        if text:
            where, params = contains(where, params, ("text",), text)
        select = (
            "SELECT article_id, start, end, label, text, sentence, actor_id, method, confidence,"
            " code FROM mention"
        )
        return self._listing(select, where, params, "article_id, start", limit, offset)

    def quotes(
        self,
        *,
        article_id: str | None = None,
        speaker: str | None = None,
        reported_by: str | None = None,
        about: str | None = None,
        kind: str | None = None,
        outlet_kind: str | None = None,
        outlet_country: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quotes in text order; ``speaker`` is an actor id, name or alias, or words of the
        source phrase, and ``reported_by`` the same for who passed the quote on; ``about``
        words of the content."""
        where, params = _equal(article_id=article_id, kind=kind)
        if speaker:
            where, params = _who(where, params, "speaker", speaker)
        if reported_by:
            where, params = _who(where, params, "reported_by", reported_by,
                                 actor_id="reported_actor_id")
        where, params = outlet_filter(where, params, "article_id", outlet_kind, outlet_country)
        if about:
            where, params = contains(where, params, ("content",), about)
        select = (
            "SELECT article_id, seq, kind, speaker, speaker_kind, actor_id, reported_by,"
            " reported_actor_id, cue, cue_type, content, time, time_basis, confidence, sentence,"
            " cue_start, cue_end,"
            " content_start, content_end, parts, speaker_start, speaker_end FROM quote"
        )
        return self._listing(select, where, params, "article_id, seq", limit, offset)

    def claims(
        self,
        *,
        article_id: str | None = None,
        claimant: str | None = None,
        about: str | None = None,
        kind: str | None = None,
        outlet_kind: str | None = None,
        outlet_country: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claims in text order; ``claimant`` as ``speaker`` in :meth:`quotes`; ``about``
        words of what the claim is about, its unit or its evidence."""
        where, params = _equal(article_id=article_id, kind=kind)
        if claimant:
            where, params = _who(where, params, "claimant", claimant)
        where, params = outlet_filter(where, params, "article_id", outlet_kind, outlet_country)
        if about:
            where, params = contains(where, params, ("about", "unit", "text"), about)
        columns = ", ".join(("article_id", "seq", *CLAIM_COLUMNS))
        return self._listing(f"SELECT {columns} FROM claim", where, params, "article_id, seq",
                             limit, offset)

    def events(
        self,
        *,
        article_id: str | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        story: str | None = None,
        happening: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        status: str | None = None,
        include_negated: bool = False,
        outlet_kind: str | None = None,
        outlet_country: str | None = None,
        near: Point | None = None,
        within: float = settings.NEAR_KM,
        bbox: Box | None = None,
        country: str | None = None,
        placed: bool = False,
        order: str = "text",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events with their parties and evidence sentence, filtered as the CLI asks.

        ``actor``/``recipient`` match a party on that side by actor id, by code (a country
        matches its sectors: "RUS" finds "RUS.MIL"), by the actor's name or alias, or by the
        words as written; a symmetric act's parties (all listed as actors) match either side,
        since a meeting between A and B is A's act towards B and B's towards A. ``date_from``/
        ``date_to`` keep events whose interval overlaps the range (undated ones drop out).
        ``story``/``happening`` keep the events of one story's articles, or merged into one
        happening. Events the text says did not happen are left out unless
        ``include_negated``: a
        listing of what happened must not show them; hypothetical ones stay, flagged.
        ``near``/``within`` keep events placed within that many km of a point, ``bbox`` those
        placed inside a box, ``country`` those placed in that country (ISO alpha-3);
        ``placed`` keeps only events with a place (what a map draws).
        ``order`` is ``text`` (article, then text order) or ``time`` (earliest first, undated
        last).

        A row holds the event's fields, its evidence sentence as ``text``, the article's
        ``published``, ``outlet``, ``url`` and ``language`` (when it was reported, beside when
        it happened: the two clocks), and ``actors``/``recipients`` as lists of dicts: a
        :class:`Party`'s fields plus the resolved actor's ``name`` and ``wikidata``.
        """
        orders = {"text": "e.article_id, e.seq",
                  "time": "e.earliest IS NULL, e.earliest, e.latest, e.article_id, e.seq"}
        if order not in orders:
            raise ValueError(f"unknown order {order!r}; orders: {', '.join(orders)}")
        where, params = _equal(**{"e.article_id": article_id, "e.time_status": status,
                                  "e.type": type.upper() if type else None,
                                  "eh.happening_id": happening})
        if story:
            where.append("e.article_id IN (SELECT article_id FROM article_story"
                         " WHERE story_id = ?)")
            params.append(story)
        for role, who in (("actor", actor), ("recipient", recipient)):
            if who:
                where, params = self._party(where, params, role, who)
        where, params = _overlap(where, params, "e.earliest", "e.latest", date_from, date_to)
        where, params = outlet_filter(where, params, "e.article_id", outlet_kind, outlet_country)
        where, params = place_filter(where, params, "e.place_id", near=near, within=within,
                                     bbox=bbox, country=country)
        if placed:
            where.append("e.place_id IS NOT NULL")
        if not include_negated:
            where.append("e.negated = 0")
        # The page's keys first (no article join, no body), then its rows: a sort or an offset
        # handles keys, and only `limit` rows are joined and sliced.
        keys = ("SELECT e.article_id, e.seq FROM event e"
                + (" JOIN event_happening eh ON eh.article_id = e.article_id"
                   " AND eh.event = e.seq" if happening else "")
                + (" WHERE " + " AND ".join(where) if where else "")
                + f" ORDER BY {orders[order]} LIMIT ? OFFSET ?")
        select = (
            "SELECT e.article_id, e.seq, a.published, a.outlet, a.url, a.language,"
            f" {', '.join(f'e.{c}' for c in EVENT_COLUMNS)},"
            " substr(a.body, e.start + 1, e.end - e.start) AS text, eh.happening_id AS happening,"
            f" {', '.join(f'pl.{c} AS pl_{c}' for c in PLACE_COLUMNS)}"
            f" FROM ({keys}) k JOIN event e ON e.article_id = k.article_id AND e.seq = k.seq"
            " JOIN article a ON a.id = e.article_id"
            " LEFT JOIN event_happening eh ON eh.article_id = e.article_id AND eh.event = e.seq"
            " LEFT JOIN place pl ON pl.id = e.place_id"
            f" ORDER BY {orders[order]}"
        )
        rows = [dict(row) for row in self.connection.execute(
            select, [*params, -1 if limit is None else limit, offset])]
        parties = self._parties(rows)
        for row in rows:
            row.update({flag: bool(row[flag]) for flag in EVENT_FLAGS})
            place = {c: row.pop(f"pl_{c}") for c in PLACE_COLUMNS}
            row["place"] = place if place["id"] is not None else None
            sides = parties.get((row["article_id"], row["seq"]), {})
            row["actors"] = sides.get("actor", [])
            row["recipients"] = sides.get("recipient", [])
        return rows

    def _party(self, where: list[str], params: list[Any], role: str,
               who: str) -> tuple[list[str], list[Any]]:
        """Keep events with a party on side ``role`` matching ``who``; a symmetric event's
        actors stand on both sides.

        Words written like a code ("RUS", "IGO.UNO") match the actor with that id, the code
        and its sectors. Other words match as :func:`_who` says: the actor id, actors whose
        name contains them or whose alias they are, parties written with them, a code. Every
        branch is an index lookup (names and party words through the trigram indexes of
        migration 0010), so a filter never reads every party of a large store."""
        side = ("p.role = 'actor'" if role == "actor" else
                "(p.role = 'recipient' OR (p.role = 'actor' AND EXISTS (SELECT 1 FROM event s"
                " WHERE s.article_id = p.article_id AND s.seq = p.event AND s.symmetric)))")
        pairs = "SELECT p.article_id, p.event FROM event_party p WHERE "
        prefix = who.upper()
        by_code = "p.code = ? OR (p.code > ? AND p.code < ?)"
        found: list[Any] = [who.upper(), prefix + ".", prefix + "/"]
        if CODE_SHAPED.fullmatch(who):  # one SELECT, read through the indexes (MULTI-INDEX OR)
            parts = [pairs + f"(p.actor_id = ? OR {by_code}) AND {side}"]
            found.insert(0, who)
        else:
            # The trigram indexes answer an unescaped LIKE only: it finds the candidates,
            # instr() keeps those holding the words as typed (a "%" is a character).
            like, exact = f"%{who}%", "LIKE ? AND instr(lower({0}), lower(?))"
            parts = [pairs + f"({by_code}) AND {side}",
                     pairs + "p.actor_id IN (SELECT ? UNION SELECT a.id FROM actor_words w"
                     f" JOIN actor a ON a.rowid = w.rowid WHERE w.name {exact.format('w.name')}"
                     " UNION SELECT actor_id FROM actor_alias WHERE lower(alias) = lower(?))"
                     f" AND {side}",
                     pairs + "p.rowid IN (SELECT rowid FROM event_party_words"
                     f" WHERE text {exact.format('text')}) AND {side}"]
            found += [who, like, who, who, like, who]
        where.append(f"(e.article_id, e.seq) IN ({' UNION '.join(parts)})")
        return where, [*params, *found]

    def timeline(self, **filters: Any) -> list[dict[str, Any]]:
        """:meth:`events` in time order (earliest first, undated last), same filters."""
        return self.events(**filters, order="time")

    def network(
        self,
        *,
        type: str | None = None,
        story: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        min_events: int = 1,
    ) -> dict[str, list[dict[str, Any]]]:
        """The actor network: who acts on whom, by event type and how often.

        An edge is ``source`` → ``target`` for one event type, with ``events`` (distinct
        acts) and ``articles`` (distinct reports). A party is its resolved actor id, else its
        code ("RUS.MIL"); parties with neither are left out (a description is not a node).
        A symmetric act (a meeting) links each pair of its parties once, ``symmetric`` set,
        source before target. Acts the text denies are left out, as in :meth:`events`; the
        filters are those of :meth:`events`. Nodes carry the actor's name, kind and country.
        """
        where, params = _equal(**{"e.type": type.upper() if type else None})
        where.append("e.negated = 0")
        if story:
            where.append("e.article_id IN (SELECT article_id FROM article_story"
                         " WHERE story_id = ?)")
            params.append(story)
        where, params = _overlap(where, params, "e.earliest", "e.latest", date_from, date_to)
        key = "coalesce({0}.actor_id, {0}.code)"
        rows = self.connection.execute(
            f"SELECT {key.format('s')} AS source, {key.format('t')} AS target, e.type,"
            " e.symmetric, count(DISTINCT e.article_id || '/' || e.seq) AS events,"
            " count(DISTINCT e.article_id) AS articles"
            " FROM event e"
            " JOIN event_party s ON s.article_id = e.article_id AND s.event = e.seq"
            "  AND s.role = 'actor'"
            " JOIN event_party t ON t.article_id = e.article_id AND t.event = e.seq"
            "  AND (t.role = 'recipient' OR (e.symmetric = 1 AND t.role = 'actor'"
            f"   AND {key.format('t')} > {key.format('s')}))"
            f" WHERE {' AND '.join(where)} AND {key.format('s')} IS NOT NULL"
            f"  AND {key.format('t')} IS NOT NULL AND {key.format('s')} != {key.format('t')}"
            " GROUP BY source, target, e.type, e.symmetric HAVING events >= ?"
            " ORDER BY events DESC, source, target, e.type",
            [*params, min_events],
        )
        edges = [{**dict(row), "symmetric": bool(row["symmetric"])} for row in rows]
        keys = sorted({edge[end] for edge in edges for end in ("source", "target")})
        known: dict[str, dict[str, Any]] = {}
        for batch in batches(keys):
            known.update((row["id"], dict(row)) for row in self.connection.execute(
                f"SELECT id, name, kind, country FROM actor WHERE id IN ({marks(batch)})",
                batch))
        nodes = [known.get(k, {"id": k, "name": k, "kind": "code", "country": k[:3]})
                 for k in keys]
        return {"nodes": nodes, "edges": edges}

    def _parties(
        self, rows: Sequence[dict[str, Any]]
    ) -> dict[tuple[str, int], dict[str, list[dict[str, Any]]]]:
        """The parties of the events in ``rows``, by (article, event) and side, in order,
        with the resolved actor's name and Wikidata id (for displays and PLOVER identifiers).
        Fetched per batch of articles, so a long listing costs a few queries, not one a row."""
        found: dict[tuple[str, int], dict[str, list[dict[str, Any]]]] = {}
        article_ids = sorted({row["article_id"] for row in rows})
        for batch in batches(article_ids):
            query = self.connection.execute(
                "SELECT p.article_id, p.event, p.role,"
                f" {', '.join(f'p.{c}' for c in PARTY_COLUMNS)}, a.name, a.wikidata"
                " FROM event_party p LEFT JOIN actor a ON a.id = p.actor_id"
                f" WHERE p.article_id IN ({marks(batch)})"
                " ORDER BY p.article_id, p.event, p.role, p.seq",
                batch,
            )
            for party in map(dict, query):
                key = (party.pop("article_id"), party.pop("event"))
                found.setdefault(key, {}).setdefault(party.pop("role"), []).append(party)
        return found

    def dropped(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        sql = "SELECT article_id, seq, rule, text FROM dropped"
        params: list[str] = []
        if article_ids:
            sql += f" WHERE article_id IN ({', '.join('?' * len(article_ids))})"
            params = list(article_ids)
        return [dict(r) for r in self.connection.execute(sql + " ORDER BY article_id, seq", params)]


# The writer of each table an article's records go to (the tables are the stages' declared
# ``writes``; a writer filling two tables is run once).
_WRITERS: dict[str, Callable[[Store, Article], None]] = {
    "dropped": Store._insert_dropped, "fingerprint_band": Store._insert_bands,
    "sentence": Store._insert_parse, "token": Store._insert_parse,
    "mention": Store._insert_mentions, "timex": Store._insert_timexes,
    "quote": Store._insert_speech, "claim": Store._insert_speech,
    "event_party": Store._insert_events, "event": Store._insert_events,
    "article_term": Store._insert_terms,
}


def dated(column: str) -> str:
    """SQL: the stored publication date in ``column`` is a full date (a year-less
    ``XXXX-MM-DD`` or none is undated), as :func:`newsgraph.timex.published.undated` says
    of a :class:`Published`."""
    return f"coalesce({column}, '') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"


def _equal(**columns: Any) -> tuple[list[str], list[Any]]:
    """WHERE terms ``column = ?`` for every filter that was given (not None or empty)."""
    given = {column: value for column, value in columns.items() if value}
    return [f"{column} = ?" for column in given], list(given.values())


def _event_of(row: dict[str, Any]) -> Event:
    """The Event record an :meth:`Store.events` row was read from."""
    def parties(side: str) -> list[Party]:
        return [Party(**{c: party[c] for c in PARTY_COLUMNS}) for party in row[side]]

    return Event(**{c: row[c] for c in EVENT_COLUMNS}, actors=parties("actors"),
                 recipients=parties("recipients"), happening=row["happening"])


def _who(
    where: list[str], params: list[Any], column: str, who: str, *,
    actor_id: str = "actor_id", code: str | None = None,
) -> tuple[list[str], list[Any]]:
    """Match a speaker, claimant or event party by actor id, actor name or alias, or the
    phrase as written; with a ``code`` column also by code, a country matching its sectors.

    Where codes are matched, words written like a code ("RUS", "IGO.UNO") must equal a name or
    phrase rather than occur in one, so that "RUS" does not find Belarus or "Cyprus".
    """
    like = like_escaped(who)
    if not (code and CODE_SHAPED.fullmatch(who)):
        like = f"%{like}%"
    terms = [f"{actor_id} = ?", f"{column} LIKE ? ESCAPE '\\'",
             f"{actor_id} IN (SELECT id FROM actor WHERE name LIKE ? ESCAPE '\\')",
             f"{actor_id} IN (SELECT actor_id FROM actor_alias WHERE lower(alias) = lower(?))"]
    params += [who, like, like, who]
    if code:
        terms += [f"{code} = upper(?)", f"{code} LIKE ? ESCAPE '\\'"]
        params += [who, like_escaped(who) + ".%"]
    where.append(f"({' OR '.join(terms)})")
    return where, params


def _overlap(
    where: list[str], params: list[Any], earliest: str, latest: str,
    date_from: str | None, date_to: str | None,
) -> tuple[list[str], list[Any]]:
    """Add the CLI's --from/--to rule: a record matches when its interval overlaps the range
    (both ends inclusive, compared on their first ten characters: the ISO date)."""
    if date_from:
        where.append(f"substr({latest}, 1, 10) >= ?")
        params.append(date_from[:10])
    if date_to:
        where.append(f"substr({earliest}, 1, 10) <= ?")
        params.append(date_to[:10])
    return where, params


def published_of(row: dict[str, Any]) -> Published | None:
    """The Published record stored in an article row's published_* columns."""
    if row.get("published_source") is None:
        return None
    return Published(
        row["published"], row["published_earliest"], row["published_latest"],
        row["published_confidence"], row["published_source"], row["published_basis"] or "",
    )


def _write_error(path: Path, error: sqlite3.OperationalError) -> str:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return f"store {path} is read-only: cannot write ({message})"
    if "full" in message:
        return f"disk full while writing store {path}"
    if "locked" in message or "busy" in message:
        return f"store {path} is locked by another process and stayed busy ({message})"
    return f"cannot write store {path}: {message}"
