"""Linking at scale: stories and happenings for 10k and 100k articles, timed.

The shared news documents (``corpus.py``) are ingested once with the full pipeline into a base
store. Scaled stores are then made from it without running the pipeline again: clone k of base
article i gets the id ``base_id[:8] + f"{k:08x}"``, its publication date moved into a three-year
span, its actors (and the words naming them) renamed for a random half of them, its event dates
moved with it; about 1 % of clones are reprints of another clone. Only what linking reads is
written: ``article`` rows (empty bodies), ``article_term``, ``event``, ``event_party``, the
numeric ``claim`` rows, and ``actor`` rows for labels. Each store is then linked in a fresh
subprocess (``newsgraph.link.link``), which reports wall and CPU seconds, peak RSS (``VmHWM``)
and a progress trace (articles linked and RSS every few seconds).

How the dates and names are perturbed, and why:

* Dates move by month group: clone k shifts every base article published in the same month by
  the same number of days, drawn so that the month lands anywhere in the span. Reports of one
  real story (an ECB+ topic, say) keep their relative dates within a clone and so still form a
  story; different clones of it land at different times and form different stories. A base
  article without a usable date gets a date of its own, uniform in the span (``--undated S``
  instead keeps a share S of clones undated, which exercises the linker's undated path).
* Names change per clone, consistently within it: actor ``x`` is ``x~k`` in clone k when a hash
  of (k, x) falls under ``--rename`` (0.5), in the ``@x`` terms, event parties, event places,
  and in the content lemmas spelling the actor's name ("lohan" becomes "lohan~k").
* Year terms (``#2013``) move with the publication year; event ``earliest``/``latest``/``time``
  move by the article's shift when they begin with a full date.

The baseline is what blocking avoids: every pair of articles compared, over the same TF-IDF
vectors (``Frequencies.vector``), timed on the first 2,000 articles of the largest store with
numpy (dense matrix product) and on the first 500 in pure Python (the linker's own dict dot
product), each extrapolated quadratically to the largest size.

Usage::

    .venv/bin/python benchmarks/link_scale.py            # 10,000 and 100,000 articles
    .venv/bin/python benchmarks/link_scale.py --quick    # 2,000 and 10,000: a smoke run

Results: a table on stdout, ``benchmarks/out/link_scale.json`` (``link_scale_quick.json`` with
``--quick``), logs and progress traces under ``benchmarks/out/logs/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
LOG_DIR = OUT_DIR / "logs"
CORPUS_DIR = BENCH_DIR / "corpus" / "shared_news"
DEFAULT_BASE = OUT_DIR / "link_base.db"
SPAN_START = dt.date(2021, 1, 1)
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NAME_WORD = re.compile(r"[\w'’-]+")
FLUSH = 5000  # clones per write transaction


def _venv_bin(name: str) -> Path:
    return Path(sys.executable).parent / name


# -- the base store ----------------------------------------------------------------------------


def ensure_base(base: Path, workers: int) -> float | None:
    """Ingest the shared news corpus into ``base`` unless it exists; returns seconds taken."""
    if base.exists():
        return None
    if not CORPUS_DIR.is_dir():
        print("building the corpus (benchmarks/corpus.py) ...", flush=True)
        subprocess.run([sys.executable, str(BENCH_DIR / "corpus.py")], check=True, cwd=REPO_ROOT)
    base.parent.mkdir(parents=True, exist_ok=True)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    print(f"ingesting {CORPUS_DIR} into {base} ({workers} workers, about 2 minutes) ...",
          flush=True)
    started = time.perf_counter()
    with open(LOG_DIR / "link_base_ingest.log", "w", encoding="utf-8") as log:
        done = subprocess.run(
            [str(_venv_bin("newsgraph")), "ingest", str(CORPUS_DIR), "--db", str(base),
             "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
    if done.returncode != 0:
        base.unlink(missing_ok=True)
        raise SystemExit(f"ingest failed (see {LOG_DIR / 'link_base_ingest.log'})")
    return time.perf_counter() - started


@dataclass
class BaseArticle:
    id: str
    day: dt.date | None  # its linking date (article_day), if any
    title: str | None
    n_words: int
    terms: list[tuple[str, int]] = field(default_factory=list)
    events: list[list[object]] = field(default_factory=list)
    parties: list[list[object]] = field(default_factory=list)
    claims: list[list[object]] = field(default_factory=list)
    ref: dt.date | None = None  # what its shift is measured from: its date or first event date
    group: str = ""  # articles of one group move together within a clone


@dataclass
class Base:
    articles: list[BaseArticle]
    event_columns: list[str]
    party_columns: list[str]
    claim_columns: list[str]
    actors: dict[str, tuple[object, ...]]  # id -> the actor row
    actor_columns: list[str]
    name_words: dict[str, set[str]]  # actor id -> lowercased words of its name
    stats: dict[str, object]


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def load_base(path: Path) -> Base:
    """Everything linking reads of the base store's original (non-reprint) articles."""
    from newsgraph.link.stories import article_day

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    articles: dict[str, BaseArticle] = {}
    for article_id, published, title, n_words in db.execute(
            "SELECT id, published, title, n_words FROM article WHERE reprint_of IS NULL"
            " ORDER BY rowid"):
        day = article_day(published)
        articles[article_id] = BaseArticle(
            article_id, dt.date.fromisoformat(day) if day else None, title, n_words)
    for article_id, term, count in db.execute(
            "SELECT article_id, term, count FROM article_term ORDER BY article_id, count DESC,"
            " term"):
        if article_id in articles:
            articles[article_id].terms.append((term, count))
    event_columns = _columns(db, "event")
    for row in db.execute("SELECT * FROM event ORDER BY article_id, seq"):
        if row[0] in articles:
            articles[row[0]].events.append(list(row))
    party_columns = _columns(db, "event_party")
    for row in db.execute("SELECT * FROM event_party ORDER BY article_id, event, role, seq"):
        if row[0] in articles:
            articles[row[0]].parties.append(list(row))
    claim_columns = _columns(db, "claim")
    for row in db.execute("SELECT * FROM claim WHERE kind = 'numeric' AND low IS NOT NULL"
                          " AND unit IS NOT NULL ORDER BY article_id, seq"):
        if row[0] in articles:
            articles[row[0]].claims.append(list(row))
    actor_columns = _columns(db, "actor")
    actors = {row[0]: tuple(row) for row in db.execute("SELECT * FROM actor")}
    name_words = {i: {w.lower() for w in NAME_WORD.findall(str(row[1]))}
                  for i, row in actors.items()}
    earliest = event_columns.index("earliest")
    for article in articles.values():
        if article.day is not None:
            article.ref, article.group = article.day, article.day.strftime("%Y-%m")
        else:
            dated = [_date(e[earliest]) for e in article.events]
            known = [d for d in dated if d is not None]
            article.ref, article.group = (min(known) if known else None), article.id
    stats = {
        "articles": db.execute("SELECT count(*) FROM article").fetchone()[0],
        "originals": len(articles),
        "dated_originals": sum(a.day is not None for a in articles.values()),
        "month_groups": len({a.group for a in articles.values() if a.day is not None}),
        "article_terms": sum(len(a.terms) for a in articles.values()),
        "events": sum(len(a.events) for a in articles.values()),
        "event_parties": sum(len(a.parties) for a in articles.values()),
        "numeric_claims": sum(len(a.claims) for a in articles.values()),
        "actors": len(actors),
        "stories": db.execute("SELECT count(*) FROM story").fetchone()[0],
        "happenings": db.execute("SELECT count(*) FROM happening").fetchone()[0],
    }
    db.close()
    if len({a[:8] for a in articles}) != len(articles):
        raise SystemExit("two base articles share their first 8 id characters: clone ids clash")
    return Base(list(articles.values()), event_columns, party_columns, claim_columns, actors,
                actor_columns, name_words, stats)


def _date(value: object) -> dt.date | None:
    if isinstance(value, str) and FULL_DATE.match(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _shift(value: object, days: int) -> object:
    day = _date(value)
    if day is None or days == 0:
        return value
    return (day + dt.timedelta(days=days)).isoformat() + str(value)[10:]


# -- the scaled stores -------------------------------------------------------------------------


def _fraction(*key: object) -> float:
    """A deterministic number in [0, 1) for this key (the same on every run and machine)."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=8, key=b"link_scale").digest()
    return int.from_bytes(digest, "big") / 2**64


@dataclass
class Clone:
    base: BaseArticle
    k: int  # the clone whose names and shift it uses (an original's, for a reprint)
    id: str
    day: dt.date | None
    shift: int  # days
    reprint_of: str | None = None


def plan_clones(base: Base, n: int, *, seed: int, days: int, undated: float,
                reprints: float) -> Iterator[Clone]:
    """The n clones, in insertion order: k = 0 of every base article, then k = 1, ..."""
    rng = random.Random(seed)
    shifts: dict[tuple[int, str], int] = {}
    last: dict[int, Clone] = {}  # base index -> its latest original clone
    articles = base.articles
    for index in range(n):
        i, k = index % len(articles), index // len(articles)
        article = articles[i]
        clone_id = f"{article.id[:8]}{k:08x}"
        previous = last.get(i)
        if previous is not None and rng.random() < reprints:
            yield Clone(article, previous.k, clone_id, previous.day, previous.shift,
                        reprint_of=previous.id)
            continue
        if rng.random() < undated:
            # no publication date; its events keep their own (shifted like its month group's)
            target = None
        else:
            target = SPAN_START + dt.timedelta(days=rng.randrange(days))
        key = (k, article.group)
        if key not in shifts:
            if article.ref is not None and article.day is not None:
                month = article.ref.replace(day=1)
                landing = SPAN_START + dt.timedelta(days=rng.randrange(days))
                shifts[key] = (landing - month).days
            elif article.ref is not None and target is not None:
                shifts[key] = (target - article.ref).days
            else:
                shifts[key] = 0
        shift = shifts[key]
        if article.day is not None:
            day = None if target is None else article.day + dt.timedelta(days=shift)
        else:
            day = target
            if article.ref is None:
                shift = 0
        clone = Clone(article, k, clone_id, day, shift)
        last[i] = clone
        yield clone


class Renamer:
    """Clone k's names: actor ``x`` becomes ``x~k`` for a deterministic subset of actors."""

    def __init__(self, base: Base, share: float, vocabulary: float = 0.0) -> None:
        self.base = base
        self.share = share
        self.vocabulary = vocabulary
        self.cache: dict[tuple[int, str], bool] = {}

    def renamed(self, k: int, actor_id: str) -> bool:
        key = (k, actor_id)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = _fraction("rename", k, actor_id) < self.share
        return hit

    def word(self, k: int, term: str) -> bool:
        """Whether clone k relabels this content word (``--vocabulary``)."""
        return self.vocabulary > 0 and (
            zlib.crc32(f"{k}\0{term}".encode()) / 2**32 < self.vocabulary)

    def actor(self, k: int, actor_id: str | None) -> str | None:
        if actor_id is None or not self.renamed(k, actor_id):
            return actor_id
        return f"{actor_id}~{k}"


def _year_term(term: str, years: int) -> str:
    if years and term[1:].isdigit() and len(term) == 5:
        return f"#{int(term[1:]) + years}"
    return term


def clone_rows(clone: Clone, base: Base, renamer: Renamer, now: str,
               new_actors: dict[str, tuple[object, ...]]) -> dict[str, list[tuple[object, ...]]]:
    """The rows of one clone, per table."""
    article, k = clone.base, clone.k
    published = clone.day.isoformat() if clone.day else None
    rows: dict[str, list[tuple[object, ...]]] = {}
    rows["article"] = [(
        clone.id, f"link_scale:{article.id}#{k}", "txt", "text", article.title, published,
        "en", "", article.n_words, hashlib.sha256(clone.id.encode()).hexdigest(), b"",
        clone.reprint_of, now, published, published and "metadata")]
    # names: the actors this clone renames, and the words spelling them
    renamed_ids = {t[1:] for t, _ in article.terms if t[0] == "@" and renamer.renamed(k, t[1:])}
    renamed_ids |= {str(p[base.party_columns.index("actor_id")]) for p in article.parties
                    if p[base.party_columns.index("actor_id")] is not None
                    and renamer.renamed(k, str(p[base.party_columns.index("actor_id")]))}
    words: set[str] = set()
    for actor_id in renamed_ids:
        words |= base.name_words.get(actor_id, set())
        if actor_id in base.actors and f"{actor_id}~{k}" not in new_actors:
            row = list(base.actors[actor_id])
            row[0], row[1] = f"{actor_id}~{k}", f"{row[1]}~{k}"
            new_actors[str(row[0])] = tuple(row)
    years = 0
    if clone.day is not None and article.day is not None:
        years = clone.day.year - article.day.year
    elif clone.shift and article.ref is not None:
        years = (article.ref + dt.timedelta(days=clone.shift)).year - article.ref.year
    terms: dict[str, int] = {}
    for term, count in article.terms:
        if term[0] == "@":
            term = "@" + str(renamer.actor(k, term[1:]))
        elif term[0] == "#":
            term = _year_term(term, years)
        elif term in words or renamer.word(k, term):
            term = f"{term}~{k}"
        terms[term] = terms.get(term, 0) + count
    # a reprint keeps its terms too, as the pipeline stores them; linking does not read them
    rows["article_term"] = [(clone.id, t, c) for t, c in terms.items()]
    ec = base.event_columns
    at = {name: ec.index(name) for name in ("earliest", "latest", "time", "location_id")}
    events = []
    for event in article.events:
        row = list(event)
        row[0] = clone.id
        for name in ("earliest", "latest", "time"):
            row[at[name]] = _shift(row[at[name]], clone.shift)
        location = row[at["location_id"]]
        if location is not None:
            row[at["location_id"]] = renamer.actor(k, str(location))
        events.append(tuple(row))
    rows["event"] = events
    pc = base.party_columns
    pa, pt = pc.index("actor_id"), pc.index("text")
    parties = []
    for party in article.parties:
        row = list(party)
        row[0] = clone.id
        if row[pa] is not None and renamer.renamed(k, str(row[pa])):
            row[pa] = f"{row[pa]}~{k}"
            row[pt] = f"{row[pt]}~{k}"
        parties.append(tuple(row))
    rows["event_party"] = parties
    claims = []
    for claim in article.claims:
        row = list(claim)
        row[0] = clone.id
        claims.append(tuple(row))
    rows["claim"] = claims
    return rows


ARTICLE_INSERT = (
    "INSERT INTO article (id, source, format, markup, title, published, language, body, n_words,"
    " raw_sha256, fingerprint, reprint_of, ingested_at, published_given, published_source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def build_store(path: Path, base: Base, n: int, *, seed: int, days: int, undated: float,
                reprints: float, rename: float, vocabulary: float = 0.0) -> dict[str, object]:
    """A fresh store of n clones; returns what it holds and how long it took."""
    from newsgraph.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    Store(path).close()  # creates the schema
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")
    db.executemany(f"INSERT INTO actor VALUES ({', '.join('?' * len(base.actor_columns))})",
                   list(base.actors.values()))
    inserts = {
        "article": ARTICLE_INSERT,
        "article_term": "INSERT INTO article_term (article_id, term, count) VALUES (?, ?, ?)",
        "event": f"INSERT INTO event ({', '.join(base.event_columns)}) VALUES"
                 f" ({', '.join('?' * len(base.event_columns))})",
        "event_party": f"INSERT INTO event_party ({', '.join(base.party_columns)}) VALUES"
                       f" ({', '.join('?' * len(base.party_columns))})",
        "claim": f"INSERT INTO claim ({', '.join(base.claim_columns)}) VALUES"
                 f" ({', '.join('?' * len(base.claim_columns))})",
    }
    renamer = Renamer(base, rename, vocabulary)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    counts = dict.fromkeys(inserts, 0)
    counts["actor"] = len(base.actors)
    buffers: dict[str, list[tuple[object, ...]]] = {t: [] for t in inserts}
    new_actors: dict[str, tuple[object, ...]] = {}
    written_actors: set[str] = set()
    dates: list[str] = []
    reprint_count = undated_count = 0

    def flush() -> None:
        db.execute("BEGIN")
        fresh = [row for i, row in new_actors.items() if i not in written_actors]
        db.executemany(
            f"INSERT OR IGNORE INTO actor VALUES ({', '.join('?' * len(base.actor_columns))})",
            fresh)
        written_actors.update(new_actors)
        counts["actor"] += len(fresh)
        new_actors.clear()
        for table, sql in inserts.items():  # articles first: the others refer to them
            db.executemany(sql, buffers[table])
            counts[table] += len(buffers[table])
            buffers[table].clear()
        db.execute("COMMIT")

    for number, clone in enumerate(plan_clones(base, n, seed=seed, days=days, undated=undated,
                                               reprints=reprints), 1):
        for table, rows in clone_rows(clone, base, renamer, now, new_actors).items():
            buffers[table].extend(rows)
        reprint_count += clone.reprint_of is not None
        if clone.day is None:
            undated_count += 1
        else:
            dates.append(clone.day.isoformat())
        if number % FLUSH == 0:
            flush()
    flush()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    seconds = time.perf_counter() - started
    return {"path": str(path), "seconds": round(seconds, 2), "rows": counts,
            "reprints": reprint_count, "undated": undated_count,
            "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
            "megabytes": round(path.stat().st_size / 2**20, 1)}


# -- linking, in a subprocess ------------------------------------------------------------------


def _status_mb(field_name: str) -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(db_path: Path, trace_path: Path, every: float, profile: Path | None) -> int:
    """Link the store at ``db_path``; print one JSON line of results."""
    from newsgraph.link import link
    from newsgraph.store import Store

    code = code_version()
    store = Store(db_path)
    pending = store.connection.execute(
        "SELECT count(*) FROM article a WHERE NOT EXISTS"
        " (SELECT 1 FROM article_story s WHERE s.article_id = a.id)").fetchone()[0]
    rss_before = _status_mb("VmRSS")
    hwm_before = _status_mb("VmHWM")
    stop = threading.Event()
    started = time.perf_counter()
    trace: list[tuple[float, int, float]] = []

    def sample() -> None:
        watcher = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=60)
        with open(trace_path, "w", encoding="utf-8") as out:
            while not stop.wait(every):
                try:
                    linked = watcher.execute("SELECT count(*) FROM article_story").fetchone()[0]
                except sqlite3.Error:
                    linked = -1
                point = (round(time.perf_counter() - started, 1), linked,
                         round(_status_mb("VmRSS"), 1))
                trace.append(point)
                out.write(json.dumps(point) + "\n")
                out.flush()
        watcher.close()

    sampler = threading.Thread(target=sample, daemon=True)
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    sampler.start()
    started = time.perf_counter()
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()

        def dump_and_exit(signum: int, frame: object) -> None:  # the driver's timeout
            profiler.disable()
            profiler.dump_stats(profile)
            os._exit(3)

        signal.signal(signal.SIGTERM, dump_and_exit)
        summary = profiler.runcall(link, store)
        profiler.dump_stats(profile)
    else:
        summary = link(store)
    seconds = time.perf_counter() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    stop.set()
    sampler.join()
    db = store.connection
    q = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    result = {
        "code": code,
        "pending": pending,
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 2),
        "rss_before_mb": round(rss_before, 1),
        "hwm_before_mb": round(hwm_before, 1),
        "peak_rss_mb": round(_status_mb("VmHWM"), 1),
        "rss_after_mb": round(_status_mb("VmRSS"), 1),
        "summary": summary.to_dict(),
        "story_of_entries": len(summary.story_of),
        "stored": {
            "stories": q("SELECT count(*) FROM story"),
            "singleton_stories": q("SELECT count(*) FROM story WHERE articles = 1"),
            "largest_story": q("SELECT max(articles) FROM story"),
            "stories_100_plus": q("SELECT count(*) FROM story WHERE articles >= 100"),
            "articles_in_stories_100_plus": q(
                "SELECT coalesce(sum(articles), 0) FROM story WHERE articles >= 100"),
            "longest_story_days": q(
                "SELECT max(julianday(last_date) - julianday(first_date)) FROM story"),
            "stories_with_two_clones_of_one_base": q(
                "SELECT count(*) FROM (SELECT s.story_id FROM article_story s JOIN article a"
                " ON a.id = s.article_id WHERE a.reprint_of IS NULL GROUP BY s.story_id"
                " HAVING count(DISTINCT substr(a.id, 1, 8)) < count(*))"),
            "happenings": q("SELECT count(*) FROM happening"),
            "happenings_multi_source": q("SELECT count(*) FROM happening WHERE sources > 1"),
            "events_in_happenings": q("SELECT count(*) FROM event_happening"),
            "story_terms": q("SELECT count(*) FROM story_term"),
            "term_df": q("SELECT count(*) FROM term_df"),
        },
        "trace": trace,
    }
    store.close()
    print(json.dumps(result))
    return 0


def code_version() -> dict[str, object]:
    """Which linker ran: a digest of the link package, the store modules and the migrations,
    and their newest modification time (the code may be edited between runs)."""
    import newsgraph.link
    import newsgraph.store

    store_dir = Path(newsgraph.store.__file__).parent
    files = sorted([*Path(newsgraph.link.__file__).parent.glob("*.py"), *store_dir.glob("*.py"),
                    *(store_dir / "migrations").glob("*.sql")])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    newest = max(path.stat().st_mtime for path in files)
    return {"sha256": digest.hexdigest()[:16],
            "newest_mtime": dt.datetime.fromtimestamp(newest, dt.UTC).isoformat(
                timespec="seconds")}


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    return (sum(fields[:3]) + sum(fields[5:8])) / os.sysconf("SC_CLK_TCK")


def run_link(db_path: Path, n: int, *, timeout: float, every: float,
             profile: bool) -> dict[str, object]:
    """Link one store in a fresh interpreter; its results, or how it failed. On timeout the
    child gets SIGTERM (a profiled child then writes its profile so far), then SIGKILL."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    name = f"link_scale_{n}" + ("_profile" if profile else "")
    trace_path = LOG_DIR / f"{name}.trace.jsonl"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(db_path),
           "--trace", str(trace_path), "--every", str(every)]
    prof_path = OUT_DIR / f"{name}.prof"
    if profile:
        cmd += ["--profile-to", str(prof_path)]
    busy0, wall0 = _busy_cpu_s(), time.perf_counter()
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Linking iterates sets of strings, so its result depends on string hashing: a fixed seed
    # makes runs repeatable (and comparable across sizes). $PYTHONHASHSEED, if set, wins.
    env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=REPO_ROOT, env=env)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            stdout, stderr = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
        trace = [json.loads(x) for x in trace_path.read_text().splitlines() if x.strip()] \
            if trace_path.exists() else []
        result: dict[str, object] = {"timed_out": True, "timeout_s": timeout, "trace": trace,
                                     "stderr_tail": stderr[-3000:]}
        if profile and prof_path.exists():
            result["profile"] = str(prof_path)
            result["profile_top"] = profile_top(prof_path)
        return result
    wall = time.perf_counter() - wall0
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    (LOG_DIR / f"{name}.log").write_text(stdout + stderr, encoding="utf-8")
    if process.returncode != 0:
        return {"failed": True, "returncode": process.returncode, "stderr_tail": stderr[-3000:]}
    result = json.loads(stdout.strip().splitlines()[-1])
    result["process_wall_s"] = round(wall, 2)
    result["pythonhashseed"] = env["PYTHONHASHSEED"]
    result["other_cpu_s"] = round(max(0.0, _busy_cpu_s() - busy0 - own), 1)
    if profile:
        result["profile"] = str(prof_path)
        result["profile_top"] = profile_top(prof_path)
    return result


def profile_top(path: Path, lines: int = 30) -> str:
    import io
    import pstats

    text = io.StringIO()
    stats = pstats.Stats(str(path), stream=text)
    stats.sort_stats("tottime").print_stats(lines)
    stats.sort_stats("cumulative").print_stats(lines)
    return text.getvalue()


# -- the all-pairs baseline --------------------------------------------------------------------


def all_pairs_baseline(db_path: Path, target: int, *, numpy_n: int = 2000,
                       python_n: int = 500) -> dict[str, object]:
    """Every pair of the first articles (date order) compared: what blocking avoids."""
    from newsgraph import settings
    from newsgraph.link.stories import Frequencies

    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    ids = [r[0] for r in db.execute(
        "SELECT id FROM article WHERE reprint_of IS NULL AND published IS NOT NULL"
        " ORDER BY published, rowid LIMIT ?", (numpy_n,))]
    terms: dict[str, list[tuple[str, int]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        for article_id, term, count in db.execute(
                "SELECT article_id, term, count FROM article_term"
                f" WHERE article_id IN ({', '.join('?' * len(batch))})", batch):
            terms[article_id].append((term, count))
    db.close()
    frequencies = Frequencies({}, 0)
    for article_id in ids:
        frequencies.count(t for t, _ in terms[article_id])
    vectors = [frequencies.vector(terms[i]) for i in ids]
    result: dict[str, object] = {"extrapolated_to": target}

    import numpy as np

    started = time.perf_counter()
    vocabulary: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(vectors), len(vocabulary)), dtype=np.float32)
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, vocabulary[term]] = weight
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    above = int((similarity >= settings.STORY_MIN_SIMILARITY).sum()) // 2
    seconds = time.perf_counter() - started
    pairs = len(vectors) * (len(vectors) - 1) // 2
    result["numpy"] = {
        "articles": len(vectors), "vocabulary": len(vocabulary), "pairs": pairs,
        "seconds": round(seconds, 3), "pairs_above_threshold": above,
        "extrapolated_s": round(seconds * (target / len(vectors)) ** 2, 1),
        "extrapolated_matrix_gb": round(target * target * 4 / 1e9, 1),
    }
    subset = vectors[:python_n]
    started = time.perf_counter()
    above = 0
    for i, a in enumerate(subset):
        for b in subset[i + 1:]:
            if sum(w * b.get(t, 0.0) for t, w in a.items()) >= settings.STORY_MIN_SIMILARITY:
                above += 1
    seconds = time.perf_counter() - started
    result["python"] = {
        "articles": len(subset), "pairs": len(subset) * (len(subset) - 1) // 2,
        "seconds": round(seconds, 3), "pairs_above_threshold": above,
        "extrapolated_s": round(seconds * (target / len(subset)) ** 2, 1),
    }
    return result


# -- the driver --------------------------------------------------------------------------------


def _fmt(value: object, spec: str = "") -> str:
    if value is None:
        return "—"
    return format(value, spec) if spec else str(value)


def table(results: list[dict[str, object]]) -> str:
    head = ("| articles | per day | build s | link s | articles/s | CPU s | other CPU s"
            " | peak RSS MB | RSS before MB | stories | singleton stories | largest"
            " | happenings | events merged |")
    lines = [head, "|" + "|".join("--:" for _ in range(head.count("|") - 1)) + "|"]
    for r in results:
        link_ = r.get("link", {})
        if not isinstance(link_, dict) or "summary" not in link_:
            state = "timed out" if isinstance(link_, dict) and link_.get("timed_out") else "failed"
            lines.append(f"| {r['n']:,} | {r['articles_per_day']} | {r['build']['seconds']}"
                         f" | {state} |" + " |" * 10)
            continue
        s, st = link_["summary"], link_["stored"]
        lines.append(
            f"| {r['n']:,} | {r['articles_per_day']} | {r['build']['seconds']:.1f}"
            f" | {link_['seconds']:.1f}"
            f" | {r['n'] / link_['seconds']:.0f} | {link_['cpu_s']:.1f}"
            f" | {_fmt(link_.get('other_cpu_s'))} | {link_['peak_rss_mb']:.0f}"
            f" | {link_['rss_before_mb']:.0f} | {st['stories']:,}"
            f" | {st['singleton_stories']:,} | {st['largest_story']:,}"
            f" | {s['happenings_new']:,} | {s['events_merged']:,} |")
    return "\n".join(lines)


def environment() -> dict[str, object]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "src"], cwd=REPO_ROOT,
                           capture_output=True, text=True)
    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "host_cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version,
            "git_commit": commit.stdout.strip() or None,
            "src_uncommitted_changes": bool(dirty.stdout.strip())}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated store sizes (articles), default 10000,100000")
    parser.add_argument("--quick", action="store_true", help="sizes 2000,10000: a smoke run")
    parser.add_argument("--base", type=Path, default=DEFAULT_BASE,
                        help=f"base store (default {DEFAULT_BASE.relative_to(REPO_ROOT)};"
                             " ingested from the corpus if missing)")
    parser.add_argument("--workers", type=int, default=2, help="workers for the base ingest")
    parser.add_argument("--keep", action="store_true", help="keep the scaled stores")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--days", type=int, default=1096, help="date span (days), default 3 years")
    parser.add_argument("--rename", type=float, default=0.5,
                        help="share of actors renamed in each clone (default 0.5)")
    parser.add_argument("--vocabulary", type=float, default=0.0,
                        help="share of content words relabelled in each clone (default 0: only"
                             " names change); 1 makes every clone generation a vocabulary of its"
                             " own")
    parser.add_argument("--reprints", type=float, default=0.01,
                        help="share of clones that are reprints (default 0.01)")
    parser.add_argument("--undated", type=float, default=0.0,
                        help="share of clones left without a date (default 0)")
    parser.add_argument("--timeout", type=float, default=1500,
                        help="seconds allowed per link run (default 1500)")
    parser.add_argument("--every", type=float, default=5.0,
                        help="seconds between progress samples (default 5)")
    parser.add_argument("--constant-density", action="store_true",
                        help="scale the date span with the size (the largest size gets --days),"
                             " so every size has the same articles per day")
    parser.add_argument("--profile", action="store_true",
                        help="run the linker under cProfile (slower; figures not comparable)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the all-pairs baseline")
    parser.add_argument("--json", type=Path, default=None, help="results file")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return child(args.child, args.trace, args.every, args.profile_to)

    sizes = [2000, 10000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    suffix = ("_quick" if args.quick else "") + ("_density" if args.constant_density else "") \
        + (f"_vocabulary{args.vocabulary:g}" if args.vocabulary else "") \
        + ("_profile" if args.profile else "")
    json_path = args.json or OUT_DIR / f"link_scale{suffix}.json"
    ingest_s = ensure_base(args.base, args.workers)
    base = load_base(args.base)
    print(f"base: {args.base} ({base.stats['originals']} originals, "
          f"{base.stats['dated_originals']} dated, {base.stats['month_groups']} month groups,"
          f" {base.stats['events']} events)" + (f", ingested in {ingest_s:.0f} s" if ingest_s
                                                 else ""), flush=True)
    results: list[dict[str, object]] = []
    payload: dict[str, object] = {
        "environment": environment(),
        "settings": {"sizes": sizes, "seed": args.seed, "days": args.days,
                     "span_start": SPAN_START.isoformat(), "rename": args.rename,
                     "reprints": args.reprints, "undated": args.undated,
                     "vocabulary": args.vocabulary,
                     "constant_density": args.constant_density, "profile": args.profile,
                     "timeout_s": args.timeout},
        "base": {"path": str(args.base), **base.stats},
        "runs": results,
    }
    stores: list[Path] = []
    for n in sizes:
        path = OUT_DIR / f"link_scale_{n}.db"
        print(f"\n{n:,} articles: building {path.name} ...", flush=True)
        days = max(1, round(args.days * n / max(sizes))) if args.constant_density else args.days
        built = build_store(path, base, n, seed=args.seed, days=days,
                            undated=args.undated, reprints=args.reprints, rename=args.rename,
                            vocabulary=args.vocabulary)
        stores.append(path)
        print(f"  built in {built['seconds']} s ({built['megabytes']} MB; rows {built['rows']},"
              f" {built['reprints']} reprints, {built['undated']} undated,"
              f" {built['first_date']}..{built['last_date']}); linking ...", flush=True)
        linked = run_link(path, n, timeout=args.timeout, every=args.every,
                          profile=args.profile)
        run = {"n": n, "days": days, "articles_per_day": round(n / days, 1), "build": built,
               "link": linked}
        results.append(run)
        if "summary" in linked:
            print(f"  linked in {linked['seconds']} s ({n / linked['seconds']:.0f} articles/s,"
                  f" CPU {linked['cpu_s']} s, other CPU {linked.get('other_cpu_s')} s),"
                  f" peak RSS {linked['peak_rss_mb']} MB (before {linked['rss_before_mb']} MB);"
                  f" {linked['summary']}", flush=True)
            if args.profile:
                print(linked["profile_top"])
        else:
            print(f"  linking did not finish: {json.dumps(linked)[:2000]}", flush=True)
            if "profile_top" in linked:
                print(linked["profile_top"])
        _write_json(json_path, payload)
    done = [r for r in results if "summary" in r["link"]]
    if len(done) >= 2:
        small, large = done[0], done[-1]
        ratio = large["link"]["seconds"] / small["link"]["seconds"]
        cpu_ratio = large["link"]["cpu_s"] / small["link"]["cpu_s"]
        payload["scaling"] = {
            "sizes": [small["n"], large["n"]], "size_ratio": large["n"] / small["n"],
            "time_ratio": round(ratio, 2), "cpu_ratio": round(cpu_ratio, 2),
            "exponent": round(math.log(ratio) / math.log(large["n"] / small["n"]), 3),
            "peak_rss_ratio": round(large["link"]["peak_rss_mb"] / small["link"]["peak_rss_mb"],
                                    2)}
    if not args.no_baseline and stores:
        print("\nall-pairs baseline ...", flush=True)
        payload["baseline"] = all_pairs_baseline(stores[-1], sizes[-1])
    _write_json(json_path, payload)
    print("\n" + table(results))
    if "scaling" in payload:
        s = payload["scaling"]
        print(f"\n{s['sizes'][1]:,}/{s['sizes'][0]:,} articles ({s['size_ratio']:g}x): link time"
              f" x{s['time_ratio']}, CPU x{s['cpu_ratio']} (exponent {s['exponent']}; 1 ="
              f" linear), peak RSS x{s['peak_rss_ratio']}")
    if "baseline" in payload:
        b = payload["baseline"]
        print(f"all pairs, numpy: {b['numpy']['articles']:,} articles in"
              f" {b['numpy']['seconds']} s -> {b['extrapolated_to']:,}: about"
              f" {b['numpy']['extrapolated_s']:,.0f} s and a {b['numpy']['extrapolated_matrix_gb']}"
              f" GB similarity matrix; pure Python: {b['python']['articles']} articles in"
              f" {b['python']['seconds']} s -> about {b['python']['extrapolated_s']:,.0f} s")
    print(f"\nresults: {json_path}")
    if not args.keep:
        for path in stores:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    return 0


def _write_json(path: Path, payload: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
