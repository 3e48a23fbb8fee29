"""The embedded store: articles and their records in one SQLite file.

Writes go through :meth:`Store.save_article` and :meth:`Store.replace_annotations`, each one
transaction, so an article is either wholly stored or not at all, whenever the process dies.
Reads return plain dicts (one vocabulary with the CLI's ``--json`` and the exports).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from newsgraph import settings
from newsgraph.ingest.reprints import band_keys, similarity
from newsgraph.model import Article, Dropped, Mention, Sentence, Token
from newsgraph.store.schema import StoreError, connect

R = TypeVar("R", Dropped, Sentence, Token, Mention)

ARTICLE_COLUMNS = (
    "id", "source", "format", "markup", "url", "title", "outlet", "published", "encoding",
    "language", "body", "n_words", "raw_sha256", "reprint_of", "ingested_at",
)


class Store:
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: writers queue on the lock instead of failing later."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(_write_error(self.path, error)) from error
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self.connection.execute("ROLLBACK")
            raise StoreError(_write_error(self.path, error)) from error
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise

    # -- writes ---------------------------------------------------------------------------

    def save_article(self, article: Article) -> str:
        """Store a processed article with all its records, in one transaction.

        Returns ``"stored"``, ``"reprint"`` (stored and marked as a reprint of an earlier
        article) or ``"exists"`` (the id is already stored: nothing is written).
        """
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM article WHERE id = ?", (article.id,)).fetchone():
                return "exists"
            article.reprint_of = self._find_original(article.fingerprint)
            db.execute(
                f"INSERT INTO article ({', '.join(ARTICLE_COLUMNS)}, fingerprint) "
                f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 1))})",
                (
                    article.id, article.source, article.format, article.markup, article.url,
                    article.title, article.outlet, article.published, article.encoding,
                    article.language, article.body, article.n_words, article.raw_sha256,
                    article.reprint_of, _now(), article.fingerprint,
                ),
            )
            db.execute(
                "INSERT INTO article_raw (article_id, raw) VALUES (?, ?)",
                (article.id, zlib.compress(article.raw.encode("utf-8"))),
            )
            db.executemany(
                "INSERT INTO fingerprint_band (band, key, article_id) VALUES (?, ?, ?)",
                [(band, key, article.id) for band, key in band_keys(article.fingerprint)],
            )
            self._insert_records(article)
        return "reprint" if article.reprint_of else "stored"

    def replace_article(self, article: Article) -> None:
        """Rewrite a stored article's cleaned fields and every derived record (reprocess)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE article SET url = ?, title = ?, outlet = ?, published = ?, language = ?, "
                "body = ?, n_words = ?, fingerprint = ? WHERE id = ?",
                (
                    article.url, article.title, article.outlet, article.published,
                    article.language, article.body, article.n_words, article.fingerprint,
                    article.id,
                ),
            )
            for table in ("dropped", "sentence", "token", "mention"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            db.execute("DELETE FROM fingerprint_band WHERE article_id = ?", (article.id,))
            db.executemany(
                "INSERT INTO fingerprint_band (band, key, article_id) VALUES (?, ?, ?)",
                [(band, key, article.id) for band, key in band_keys(article.fingerprint)],
            )
            self._insert_records(article)

    def _insert_records(self, article: Article) -> None:
        db = self.connection
        db.executemany(
            "INSERT INTO dropped (article_id, seq, rule, text) VALUES (?, ?, ?, ?)",
            [(article.id, i, d.rule, d.text) for i, d in enumerate(article.dropped)],
        )
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
        db.executemany(
            "INSERT INTO mention (article_id, start, end, text, label, sentence)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(article.id, m.start, m.end, m.text, m.label, m.sentence) for m in article.mentions],
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
        if table not in ("article", "mention", "sentence", "token", "dropped"):
            raise ValueError(f"unknown table {table!r}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(
        self,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        search: str | None = None,
        reprints: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored articles (without body), oldest ingest first, filtered as the CLI asks."""
        where, params = [], []
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if date_from:
            where.append("substr(published, 1, 10) >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(published, 1, 10) <= ?")
            params.append(date_to)
        if search:
            where.append("(title LIKE ? OR body LIKE ?)")
            params += [f"%{search}%", f"%{search}%"]
        if not reprints:
            where.append("reprint_of IS NULL")
        columns = [c for c in ARTICLE_COLUMNS if c != "body"]
        sql = f"SELECT {', '.join(columns)} FROM article"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid LIMIT ? OFFSET ?"
        params += [limit if limit is not None else -1, offset]
        return [dict(row) for row in self.connection.execute(sql, params)]

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix``."""
        rows = self.connection.execute(
            "SELECT id FROM article WHERE id LIKE ? LIMIT 2", (prefix.replace("%", "") + "%",)
        ).fetchall()
        if not rows:
            raise KeyError(f"no article with id {prefix}")
        if len(rows) > 1:
            raise KeyError(f"id prefix {prefix} is ambiguous")
        return rows[0][0]

    def load_article(self, article_id: str, *, with_raw: bool = False) -> Article:
        """The stored article with every record, as the stages produced it."""
        row = self.connection.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)}, fingerprint FROM article WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no article with id {article_id}")
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
            outlet=data["outlet"], published=data["published"], encoding=data["encoding"],
            language=data["language"], body=data["body"], fingerprint=data["fingerprint"],
            reprint_of=data["reprint_of"],
        )
        article.dropped = self._records("dropped", Dropped, article_id)
        article.sentences = self._records("sentence", Sentence, article_id)
        article.tokens = self._records("token", Token, article_id)
        article.mentions = self._records("mention", Mention, article_id)
        return article

    def _records(self, table: str, record: type[R], article_id: str) -> list[R]:
        """One article's rows of ``table`` as ``record`` instances, in text order."""
        columns = ", ".join(f.name for f in fields(record))  # type: ignore[arg-type]
        order = "start" if table == "mention" else "seq"
        rows = self.connection.execute(
            f"SELECT {columns} FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,)
        )
        return [record(**row) for row in rows]

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
        where, params = [], []
        if article_id:
            where.append("article_id = ?")
            params.append(article_id)
        if label:
            where.append("label = ?")
            params.append(label.upper())
        if text:
            where.append("text LIKE ?")
            params.append(f"%{text}%")
        sql = "SELECT article_id, start, end, label, text, sentence FROM mention"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY article_id, start LIMIT ? OFFSET ?"
        params += [limit if limit is not None else -1, offset]
        return [dict(row) for row in self.connection.execute(sql, params)]

    def dropped(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        sql = "SELECT article_id, seq, rule, text FROM dropped"
        params: list[str] = []
        if article_ids:
            sql += f" WHERE article_id IN ({', '.join('?' * len(article_ids))})"
            params = list(article_ids)
        return [dict(r) for r in self.connection.execute(sql + " ORDER BY article_id, seq", params)]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_error(path: Path, error: sqlite3.OperationalError) -> str:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return f"store {path} is read-only: cannot write ({message})"
    if "full" in message:
        return f"disk full while writing store {path}"
    if "locked" in message or "busy" in message:
        return f"store {path} is locked by another process and stayed busy ({message})"
    return f"cannot write store {path}: {message}"
