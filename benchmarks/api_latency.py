"""API latency: filtered event queries over HTTP on a 100,000-event store, against the same
``Store.events`` calls made in-process.

Target (issue 8): p95 at most 50 ms for filtered event queries on a 100k-event store, over
loopback, with a bounded number of requests.

**The store.** Made from the link benchmark's base (``link_scale.py``: the shared news corpus
ingested once with the full pipeline into ``benchmarks/out/link_base.db``) without running the
pipeline again: ``link_scale.build_store`` clones the base articles (dates moved into a
three-year span, half the actors renamed per clone, 1 % reprints) until the clones hold at
least N events; each clone then gets its base article's body back (an event's ``text`` is a
slice of it), the base's actor aliases are copied, and the store is linked
(``newsgraph.link.link``: stories and happenings, which the event queries join). The store is
cached as ``benchmarks/out/api_latency_N.db`` (with ``….db.json`` saying how it was built) and
reused while that description matches. It lacks what event queries never read (tokens,
sentences, mentions, quotes), so it is smaller than a real store with as many events.

**The requests.** One list, drawn once from the store with a fixed seed and shuffled: for each
kind of filtered event query ``--per-kind`` requests (an actor id, a rare actor id, a name as
written, a country code such as RUS that also matches RUS.MIL, a recipient, a type, a date
range, type + range, actor + type + range, a timeline in time order, story, happening, pages
deep into a type's or the whole listing…) and ``--per-other`` each of network, happenings,
stories and actors listings, reported apart. Values come from the store (frequent and rare
actors, windows around real event dates), so most queries find something, as a user's would.

**The measurement.** ``newsgraph serve`` (the real CLI: uvicorn, one process) on a free loopback
port; one client sends the list sequentially over one keep-alive connection
(``http.client``), timing each request from send to the last byte of the body. Then
``--clients`` threads (4) send the event queries again concurrently, one connection each. The
baseline, in the same run: the same ``Store.events`` (``network``, ``happenings``…) calls on one
read-only ``Store`` in this process, same limit (the API asks for limit + 1 rows to know whether
a next page exists); the HTTP/in-process ratio is what the HTTP layer (routing, validation,
opening the store per request, JSON) costs. A warm-up pass (one request per kind, both ways) is
not counted. Answers other than 200 are counted (and the server log's exceptions listed), not
timed. For kinds whose p95 misses the target, the query plan of their slowest request is
printed (``EXPLAIN QUERY PLAN``) and kept in the JSON.

Before measuring, the store is opened writable once, so it has this code's migrations (and
indexes); the JSON lists the schema version and the indexes the event queries could use.

Usage::

    .venv/bin/python benchmarks/api_latency.py            # 100,000 events (~4 min to build once)
    .venv/bin/python benchmarks/api_latency.py --quick    # 10,000 events: a smoke run
    .venv/bin/python benchmarks/api_latency.py --db my.db # an existing store instead

Results: a table on stdout, ``benchmarks/out/api_latency.json`` (``api_latency_quick.json`` with
``--quick``, ``api_latency_N.json`` for another ``--events N``), the server's output in
``benchmarks/out/logs/api_latency_serve.log``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import random
import re
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

try:  # imported as part of the repo (tests) ...
    from benchmarks import link_scale
except ImportError:  # ... or run as a script, with benchmarks/ on sys.path
    import link_scale  # type: ignore[no-redef]

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
LOG_DIR = OUT_DIR / "logs"
TARGET_MS = 50.0  # p95 of filtered event queries (issue 8)
# Bumped whenever the way the store is built changes, so a cached store is rebuilt.
STORE_FORMAT = 1
# How the clones are perturbed: link_scale's defaults (see its docstring).
CLONING = {"seed": 20240601, "days": 1096, "undated": 0.0, "reprints": 0.01, "rename": 0.5}
EVENTS_GROUP, OTHER_GROUP = "events", "other"


# -- the store ---------------------------------------------------------------------------------


def articles_for(base: link_scale.Base, events: int) -> int:
    """How many clones (taken in link_scale's order) hold at least ``events`` events."""
    per_article = [len(a.events) for a in base.articles]
    per_round = sum(per_article)
    if per_round == 0:
        raise SystemExit("the base store has no events to clone")
    rounds = events // per_round
    n, held = rounds * len(per_article), rounds * per_round
    for count in per_article:
        if held >= events:
            break
        n, held = n + 1, held + count
    return n


def store_path(events: int) -> Path:
    return OUT_DIR / f"api_latency_{events}.db"


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def ensure_store(events: int, base_path: Path, *, rebuild: bool) -> dict[str, Any]:
    """The cached store with at least ``events`` events, built when missing or stale; returns
    the description of how it was built (``reused`` says whether it already existed)."""
    path = store_path(events)
    wanted = {"format": STORE_FORMAT, "events_asked": events, "base": str(base_path),
              "cloning": CLONING}
    meta_path = _meta_path(path)
    if path.exists() and meta_path.exists() and not rebuild:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if all(meta.get(k) == v for k, v in wanted.items()):
            return {**meta, "reused": True}
    link_scale.ensure_base(base_path, workers=2)
    base = link_scale.load_base(base_path)
    n = articles_for(base, events)
    print(f"building a store of {n:,} articles (>= {events:,} events) from {base_path} ...",
          flush=True)
    tmp = path.with_name(path.stem + ".tmp.db")
    started = time.perf_counter()
    built = link_scale.build_store(tmp, base, n, **CLONING)
    db = sqlite3.connect(f"file:{tmp}", uri=True, isolation_level=None)
    db.execute("ATTACH ? AS base", (f"file:{base_path}?mode=ro",))
    db.execute("BEGIN")
    # clone sources are "link_scale:<base id>#<k>" (link_scale.ARTICLE_INSERT)
    with_body = db.execute(
        "UPDATE article SET body = b.body FROM base.article AS b"
        " WHERE b.id = substr(article.source, 12, instr(article.source, '#') - 12)").rowcount
    aliases = db.execute("INSERT OR IGNORE INTO actor_alias SELECT * FROM base.actor_alias"
                         " WHERE actor_id IN (SELECT id FROM actor)").rowcount
    db.execute("COMMIT")
    db.execute("DETACH base")
    if with_body != n:
        raise SystemExit(f"only {with_body:,} of {n:,} clones found their base body")
    db.execute("VACUUM")  # the bodies grew every row: lay the table out as an ingest would
    db.close()
    clone_s = time.perf_counter() - started
    print(f"  cloned in {clone_s:.0f} s; linking (stories, happenings) ...", flush=True)
    from newsgraph.link import link
    from newsgraph.store import Store

    with Store(tmp) as store:
        summary = link(store)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = row_counts(tmp)
    for suffix in ("-wal", "-shm"):  # the new store's (empty) and an old one's (stale)
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    tmp.replace(path)
    meta = {**wanted, "articles": n, "rows": counts, "bodies": with_body,
            "aliases_copied": aliases, "clone_s": round(clone_s, 1),
            "link_s": round(summary.seconds, 1), "link": summary.to_dict(),
            "build_s": round(time.perf_counter() - started, 1), "base_stats": base.stats,
            "clones": {k: built[k] for k in ("reprints", "first_date", "last_date")},
            "megabytes": round(path.stat().st_size / 2**20, 1),
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"  built in {meta['build_s']:.0f} s: {counts['event']:,} events,"
          f" {meta['megabytes']} MB", flush=True)
    return {**meta, "reused": False}


COUNTED = ("article", "event", "event_party", "actor", "actor_alias", "story", "happening",
           "event_happening")


def row_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in COUNTED}
    db.close()
    return counts


def store_schema(path: Path) -> dict[str, Any]:
    """The store's schema version and the indexes the event queries may use."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    indexes = {name: sql for name, sql in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND"
        " tbl_name IN ('event', 'event_party', 'event_happening', 'article_story', 'actor',"
        " 'actor_alias') ORDER BY name")}
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    return {"user_version": version, "indexes": indexes}


# -- the requests ------------------------------------------------------------------------------


@dataclass
class Query:
    kind: str
    group: str
    endpoint: str  # the API path, e.g. /api/events
    params: dict[str, Any]

    @property
    def url(self) -> str:
        return self.endpoint + ("?" + urlencode(self.params) if self.params else "")


# What each kind asks; the values are drawn by make_queries.
EVENT_KINDS = {
    "all": "no filter, first page",
    "actor id": "actor=<one of the 100 most frequent actor ids>",
    "actor rare": "actor=<an actor id with 1–3 events>",
    "actor name": "actor=<a surname, as written>",
    "country": "actor=<country code: RUS matches RUS.MIL>",
    "recipient": "recipient=<id or code>",
    "type": "type=<PLOVER type>",
    "range 30d": "from/to: 30 days around an event",
    "type+range": "type, from/to: 90 days",
    "actor+type+range": "actor id, type, from/to: 180 days",
    "timeline": "actor=<frequent id>, order=time",
    "type+range time": "type, from/to: 1 year, order=time",
    "offset type": "type, offset 1,000–(matches − 50)",
    "offset all": "no filter, offset up to the end",
    "story": "story=<a story with 2+ articles>",
    "happening": "happening=<a happening>",
}
OTHER_KINDS = {
    "network type": "/api/network?type=…",
    "network range": "/api/network?from&to (90 days)",
    "happenings": "/api/happenings, first pages, some by type",
    "stories": "/api/stories, first pages",
    "actors": "/api/actors, first pages",
}


def make_queries(path: Path, per_kind: int, per_other: int, seed: int) -> list[Query]:
    """The request list: values drawn from the store, then shuffled (kinds interleaved)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rng = random.Random(seed)

    def column(sql: str, *params: object) -> list[Any]:
        return [row[0] for row in db.execute(sql, params)]

    top_ids = column("SELECT actor_id FROM event_party WHERE actor_id IS NOT NULL"
                     " GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 100")
    rare_ids = column("SELECT actor_id FROM event_party WHERE actor_id IS NOT NULL"
                      " GROUP BY actor_id HAVING count(*) <= 3 ORDER BY actor_id")
    names = sorted({word for name in column(
        f"SELECT name FROM actor WHERE id IN ({', '.join('?' * len(top_ids))})", *top_ids)
        for word in [str(name).split()[-1]] if word.isalpha() and len(word) >= 4})
    countries = column("SELECT substr(code, 1, 3) AS c FROM event_party WHERE code IS NOT NULL"
                       " GROUP BY c ORDER BY count(*) DESC, c LIMIT 20")
    recipients = column("SELECT coalesce(actor_id, code) AS r FROM event_party"
                        " WHERE role = 'recipient' AND r IS NOT NULL"
                        " GROUP BY r ORDER BY count(*) DESC, r LIMIT 60")
    type_counts = dict(db.execute("SELECT type, count(*) FROM event WHERE negated = 0"
                                  " GROUP BY type ORDER BY type").fetchall())
    types = list(type_counts)
    n_events = db.execute("SELECT count(*) FROM event WHERE negated = 0").fetchone()[0]
    dated = column("SELECT substr(earliest, 1, 10) FROM event WHERE earliest GLOB"
                   " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' ORDER BY article_id, seq")
    # (actor, type, date) of real events: actor+type+range asks for something that exists
    acts = db.execute(
        "SELECT p.actor_id, e.type, substr(e.earliest, 1, 10) FROM event_party p"
        " JOIN event e ON e.article_id = p.article_id AND e.seq = p.event"
        " WHERE p.actor_id IS NOT NULL AND e.negated = 0 AND e.earliest GLOB"
        " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' ORDER BY p.article_id, p.event, p.seq"
    ).fetchall()
    stories = column("SELECT id FROM story WHERE articles >= 2 ORDER BY id")
    happenings = column("SELECT id FROM happening ORDER BY id")
    db.close()

    def window(days: int) -> dict[str, str]:
        middle = dt.date.fromisoformat(rng.choice(dated))
        start = middle - dt.timedelta(days=rng.randrange(days))
        return {"from": start.isoformat(), "to": (start + dt.timedelta(days=days)).isoformat()}

    # Kinds that are one filter with a value drawn from the store.
    one_filter: dict[str, tuple[str, list[str]]] = {
        "actor id": ("actor", top_ids), "actor rare": ("actor", rare_ids),
        "actor name": ("actor", names), "country": ("actor", countries),
        "recipient": ("recipient", recipients), "type": ("type", types),
        "story": ("story", stories), "happening": ("happening", happenings),
    }

    def one(kind: str) -> Query:
        p: dict[str, Any] = {}
        endpoint = "/api/events"
        if kind in one_filter:
            name, values = one_filter[kind]
            p[name] = rng.choice(values)
        elif kind == "range 30d":
            p.update(window(30))
        elif kind == "type+range":
            p = {"type": rng.choice(types), **window(90)}
        elif kind == "actor+type+range":
            actor, type_, day = rng.choice(acts)
            start = dt.date.fromisoformat(day) - dt.timedelta(days=rng.randrange(180))
            p = {"actor": actor, "type": type_, "from": start.isoformat(),
                 "to": (start + dt.timedelta(days=180)).isoformat()}
        elif kind == "timeline":
            p = {"actor": rng.choice(top_ids[:30]), "order": "time"}
        elif kind == "type+range time":
            p = {"type": rng.choice(types), **window(365), "order": "time"}
        elif kind == "offset type":
            type_ = rng.choice([t for t in types if type_counts[t] > 1100] or types)
            p = {"type": type_, "offset": rng.randrange(1000, max(1001, type_counts[type_] - 50))}
        elif kind == "offset all":
            p = {"offset": rng.randrange(1000, max(1001, n_events - 50))}
        elif kind == "network type":
            endpoint, p = "/api/network", {"type": rng.choice(types)}
        elif kind == "network range":
            endpoint, p = "/api/network", window(90)
        elif kind == "happenings":
            endpoint = "/api/happenings"
            p = {"offset": 50 * rng.randrange(4)}
            if rng.random() < 0.5:
                p["type"] = rng.choice(types)
        elif kind == "stories":
            endpoint, p = "/api/stories", {"offset": 50 * rng.randrange(4)}
        elif kind == "actors":
            endpoint, p = "/api/actors", {"offset": 50 * rng.randrange(4)}
        group = EVENTS_GROUP if kind in EVENT_KINDS else OTHER_GROUP
        return Query(kind, group, endpoint, p)

    queries, skipped = [], set()
    for kind, count in [*((k, per_kind) for k in EVENT_KINDS),
                        *((k, per_other) for k in OTHER_KINDS)]:
        try:
            queries += [one(kind) for _ in range(count)]
        except IndexError:  # nothing in this store to draw from (a small --db)
            skipped.add(kind)
    if skipped:
        print(f"skipped (nothing to ask for in this store): {', '.join(sorted(skipped))}")
    rng.shuffle(queries)
    return queries


# -- in-process calls (the baseline) -----------------------------------------------------------


def store_call(store: Any, query: Query) -> Callable[[], Any]:
    """The Store call the API makes for ``query`` (ids given whole, so no prefix lookup)."""
    p = dict(query.params)
    limit = int(p.pop("limit", 50)) + 1  # as api.page: one more row says whether more follow
    offset = int(p.pop("offset", 0))
    dates = {"date_from": p.pop("from", None), "date_to": p.pop("to", None)}
    if query.endpoint == "/api/events":
        return lambda: store.events(**p, **dates, limit=limit, offset=offset)
    if query.endpoint == "/api/network":
        return lambda: store.network(**p, **dates)
    listing = {"/api/happenings": store.happenings, "/api/stories": store.stories,
               "/api/actors": store.actors}[query.endpoint]
    return lambda: listing(**p, limit=limit, offset=offset)


def _rows(result: Any) -> int:
    if isinstance(result, dict):
        return len(result.get("items", result.get("edges", [])))
    return len(result)


@dataclass
class Sample:
    query: Query
    ms: float
    rows: int
    status: int = 200
    nbytes: int = 0


def run_in_process(path: Path, queries: Sequence[Query]) -> tuple[list[Sample], float]:
    """Time every query as a direct Store call; also the median cost of opening a read-only
    Store (which the API does per request), in ms."""
    from newsgraph.store import Store

    opens = []
    for _ in range(20):
        started = time.perf_counter()
        Store(path, readonly=True).close()
        opens.append((time.perf_counter() - started) * 1000)
    samples = []
    with Store(path, readonly=True) as store:
        for query in queries:
            call = store_call(store, query)
            started = time.perf_counter()
            result = call()
            ms = (time.perf_counter() - started) * 1000
            rows = _rows(result)
            if query.endpoint != "/api/network":
                rows = min(rows, int(query.params.get("limit", 50)))
            samples.append(Sample(query, ms, rows))
    return samples, statistics.median(opens)


def explain(path: Path, query: Query) -> dict[str, Any]:
    """The SQL a query runs (parameters inlined) and the plan of its main statement."""
    from newsgraph.store import Store

    statements: list[str] = []
    with Store(path, readonly=True) as store:
        store.connection.set_trace_callback(statements.append)
        store_call(store, query)()
        store.connection.set_trace_callback(None)
        # the listing itself: the longest statement (lookups of ids and parties are short)
        main = max(statements, key=len, default="")
        plan = [row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + main)] \
            if main else []
    return {"kind": query.kind, "url": query.url, "sql": main, "plan": plan}


# -- HTTP --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``newsgraph serve`` on a free loopback port, for the length of a ``with`` block."""

    def __init__(self, db: Path, log: Path) -> None:
        self.db, self.log = db, log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log, "wb")  # closed in __exit__
        self.process = subprocess.Popen(
            [str(link_scale._venv_bin("newsgraph")), "serve", "--db", str(self.db),
             "--port", str(self.port)],
            stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"newsgraph serve exited with {self.process.returncode}"
                                 f" (see {self.log})")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/stories?limit=1")
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
                conn.close()
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                raise SystemExit(f"newsgraph serve did not answer within 60 s (see {self.log})")
            time.sleep(0.2)

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server process has used so far."""
        assert self.process is not None
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@dataclass
class Client:
    """One keep-alive connection; reconnects (and counts it) if the server closed it."""

    port: int
    conn: http.client.HTTPConnection | None = None
    reconnects: int = 0
    errors: list[str] = field(default_factory=list)

    def get(self, query: Query) -> Sample:
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                started = time.perf_counter()
                self.conn.request("GET", query.url)
                response = self.conn.getresponse()
                body = response.read()
                ms = (time.perf_counter() - started) * 1000
                break
            except (http.client.RemoteDisconnected, ConnectionError):
                self.conn.close()
                self.conn = None
                self.reconnects += 1
                if attempt:
                    raise
        rows = 0
        if response.status == 200:
            rows = _rows(json.loads(body))
        elif len(self.errors) < 20:
            self.errors.append(f"{response.status} {query.url}: {body[:200]!r}")
        return Sample(query, ms, rows, response.status, len(body))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def run_concurrent(port: int, queries: Sequence[Query], clients: int) -> dict[str, Any]:
    """Send ``queries`` from ``clients`` threads (one connection each, queries dealt out in
    turn); latencies of all, wall time and throughput."""
    samples: list[list[Sample]] = [[] for _ in range(clients)]
    failures: list[str] = []

    def work(i: int) -> None:
        client = Client(port)
        try:
            for query in queries[i::clients]:
                samples[i].append(client.get(query))
        except Exception as error:  # reported, not raised from a thread
            failures.append(repr(error))
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    flat = [s for per in samples for s in per]
    return {"clients": clients, "requests": len(flat), "wall_s": round(wall, 2),
            "requests_per_s": round(len(flat) / wall, 1),
            "non_200": sum(s.status != 200 for s in flat), "failures": failures,
            **stats([s.ms for s in flat if s.status == 200])}


def server_errors(log: Path) -> dict[str, int]:
    """The exceptions in the server's log, by type and message (numbers blanked), counted."""
    found: dict[str, int] = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.match(r"^[\w.]+(Error|Exception): ", line):
                key = re.sub(r"\d+", "N", line)[:160]
                found[key] = found.get(key, 0) + 1
    return dict(sorted(found.items(), key=lambda item: -item[1]))


# -- figures -----------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile, linear between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    at = (len(ordered) - 1) * q / 100
    low, high = math.floor(at), math.ceil(at)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def stats(ms: Sequence[float]) -> dict[str, Any]:
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 2),
            "p95_ms": round(percentile(ms, 95), 2), "p99_ms": round(percentile(ms, 99), 2),
            "max_ms": round(max(ms), 2) if ms else math.nan,  # nan: nothing answered
            "mean_ms": round(statistics.fmean(ms), 2) if ms else math.nan}


def summarize(http_samples: Sequence[Sample], local: Sequence[Sample]) -> dict[str, Any]:
    """Per kind and per group: HTTP and in-process percentiles, their ratio, rows returned."""
    kinds: dict[str, Any] = {}
    answered = [s for s in http_samples if s.status == 200]  # errors are counted, not timed
    for kind in [*EVENT_KINDS, *OTHER_KINDS]:
        h = [s for s in answered if s.query.kind == kind]
        loc = [s for s in local if s.query.kind == kind]
        if not h:
            continue
        entry = {"group": h[0].query.group,
                 "asks": EVENT_KINDS.get(kind) or OTHER_KINDS.get(kind),
                 "http": stats([s.ms for s in h]), "in_process": stats([s.ms for s in loc]),
                 "rows_median": statistics.median(s.rows for s in h),
                 "empty": sum(s.rows == 0 for s in h),
                 "bytes_median": statistics.median(s.nbytes for s in h),
                 "non_200": sum(s.status != 200 and s.query.kind == kind
                                for s in http_samples)}
        entry["ratio_p50"] = round(entry["http"]["p50_ms"]
                                   / max(entry["in_process"]["p50_ms"], 1e-3), 1)
        kinds[kind] = entry
    groups = {}
    for group in (EVENTS_GROUP, OTHER_GROUP):
        h = [s.ms for s in answered if s.query.group == group]
        loc = [s.ms for s in local if s.query.group == group]
        groups[group] = {"http": stats(h), "in_process": stats(loc)}
    return {"kinds": kinds, "groups": groups}


def table(summary: dict[str, Any]) -> str:
    head = ("| kind | n | rows | HTTP p50 | p95 | p99 | max | in-process p50 | p95 | max"
            " | HTTP/in-process p50 |")
    lines = [head, "|---|" + "--:|" * (head.count("|") - 2)]

    def row(name: str, h: dict[str, Any], loc: dict[str, Any], rows: object,
            ratio: object) -> str:
        return (f"| {name} | {h['n']} | {rows} | {h['p50_ms']:.1f} | {h['p95_ms']:.1f}"
                f" | {h['p99_ms']:.1f} | {h['max_ms']:.1f} | {loc['p50_ms']:.1f}"
                f" | {loc['p95_ms']:.1f} | {loc['max_ms']:.1f} | {ratio} |")

    for group, title in ((EVENTS_GROUP, "**filtered event queries**"),
                         (OTHER_GROUP, "**other endpoints**")):
        for kind, entry in summary["kinds"].items():
            if entry["group"] == group:
                lines.append(row(kind, entry["http"], entry["in_process"],
                                 f"{entry['rows_median']:g}", entry["ratio_p50"]))
        g = summary["groups"][group]
        ratio = round(g["http"]["p50_ms"] / max(g["in_process"]["p50_ms"], 1e-3), 1)
        lines.append(row(title, g["http"], g["in_process"], "", ratio))
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    env = link_scale.environment()
    import fastapi
    import uvicorn

    import newsgraph

    env.update({"fastapi": fastapi.__version__, "uvicorn": uvicorn.__version__,
                "load_average": os.getloadavg(),
                "newsgraph_package": str(Path(newsgraph.__file__).parent),
                "pythonpath": os.environ.get("PYTHONPATH")})
    return env


# -- the driver --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the store")
    parser.add_argument("--quick", action="store_true", help="10,000 events: a smoke run")
    parser.add_argument("--per-kind", type=int, default=25,
                        help="requests per kind of event query (16 kinds)")
    parser.add_argument("--per-other", type=int, default=20,
                        help="requests per other kind (network, happenings… 5 kinds)")
    parser.add_argument("--clients", type=int, default=4,
                        help="concurrent clients for the second run (0: skip it)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the request list")
    parser.add_argument("--base", type=Path, default=link_scale.DEFAULT_BASE,
                        help="base store to clone (built by link_scale.ensure_base if missing)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    parser.add_argument("--db", type=Path, default=None,
                        help="measure this existing store instead (opened writable once, so"
                        " pending migrations are applied); --events is then ignored")
    parser.add_argument("--json", type=Path, default=None, help="results file")
    args = parser.parse_args(list(argv) if argv is not None else None)
    events = 10_000 if args.quick else args.events
    json_path = args.json or OUT_DIR / (
        f"api_latency_{args.db.stem}.json" if args.db else
        "api_latency_quick.json" if args.quick else
        "api_latency.json" if events == 100_000 else f"api_latency_{events}.json")

    if args.db:
        path = args.db
        if not path.exists():
            raise SystemExit(f"no store at {path}")
        built = {"given": True, "reused": True, "rows": row_counts(path),
                 "megabytes": round(path.stat().st_size / 2**20, 1)}
    else:
        built = ensure_store(events, args.base, rebuild=args.rebuild)
        path = store_path(events)
    from newsgraph.store import Store

    Store(path).close()  # brings the store to this code's schema (new indexes)
    schema = store_schema(path)
    print(f"store {path}: {built['rows']['event']:,} events, {built['rows']['article']:,}"
          f" articles, {built['megabytes']} MB, schema {schema['user_version']}"
          f" ({'given' if built.get('given') else 'cached' if built['reused'] else 'new'})",
          flush=True)
    queries = make_queries(path, args.per_kind, args.per_other, args.seed)
    warmup = list({q.kind: q for q in queries}.values())
    print(f"{len(queries)} requests ({args.per_kind} per event kind, {args.per_other} per other"
          f" kind) + {len(warmup)} warm-up", flush=True)

    run_in_process(path, warmup)
    local, open_ms = run_in_process(path, queries)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with Server(path, LOG_DIR / "api_latency_serve.log") as server:
        client = Client(server.port)
        for query in warmup:
            client.get(query)
        busy0, cpu0 = link_scale._busy_cpu_s(), server.cpu_s()
        self0 = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        http_samples = [client.get(query) for query in queries]
        wall = time.perf_counter() - started
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = server.cpu_s() - cpu0
        client_cpu = (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime)
        other_cpu = max(0.0, link_scale._busy_cpu_s() - busy0 - server_cpu - client_cpu)
        client.close()
        concurrent = None
        if args.clients > 0:
            event_queries = [q for q in queries if q.group == EVENTS_GROUP]
            concurrent = run_concurrent(server.port, event_queries, args.clients)

    summary = summarize(http_samples, local)
    mismatched = [{"url": h.query.url, "http_rows": h.rows, "in_process_rows": loc.rows}
                  for h, loc in zip(http_samples, local, strict=True)
                  if h.status == 200 and h.rows != loc.rows]
    non_200 = [f"{s.status} {s.query.url}" for s in http_samples if s.status != 200]
    slow = [k for k, e in summary["kinds"].items()
            if e["group"] == EVENTS_GROUP and e["http"]["p95_ms"] > TARGET_MS]
    plans = []
    for kind in slow:
        worst = max((s for s in http_samples if s.query.kind == kind and s.status == 200),
                    key=lambda s: s.ms)
        plans.append(explain(path, worst.query))
    events_p95 = summary["groups"][EVENTS_GROUP]["http"]["p95_ms"]
    payload = {
        "benchmark": "api_latency", "environment": environment(), "target_p95_ms": TARGET_MS,
        "store": {**built, "path": str(path), "schema": schema},
        "requests": {"sequential": len(queries), "warmup": len(warmup),
                     "per_kind": args.per_kind, "per_other": args.per_other,
                     "seed": args.seed},
        "sequential": {"wall_s": round(wall, 2),
                       "requests_per_s": round(len(queries) / wall, 1),
                       "server_cpu_ms_per_request": round(server_cpu * 1000 / len(queries), 2),
                       "client_cpu_s": round(client_cpu, 2), "other_cpu_s": round(other_cpu, 2),
                       "reconnects": client.reconnects, "non_200": non_200,
                       "errors": client.errors},
        "open_store_ms_median": round(open_ms, 3),
        **summary,
        "concurrent": concurrent,
        "events_p95_ms": events_p95, "meets_target": events_p95 <= TARGET_MS,
        "kinds_over_target": slow, "plans": plans, "row_mismatches": mismatched,
        "server_errors": server_errors(LOG_DIR / "api_latency_serve.log"),
        "samples": [{"kind": h.query.kind, "url": h.query.url, "http_ms": round(h.ms, 3),
                     "in_process_ms": round(loc.ms, 3), "rows": h.rows, "bytes": h.nbytes,
                     "status": h.status} for h, loc in zip(http_samples, local, strict=True)],
    }
    link_scale._write_json(json_path, payload)

    print("\n" + table(summary))
    seq = payload["sequential"]
    print(f"\nsequential: {len(queries)} requests in {seq['wall_s']} s"
          f" ({seq['requests_per_s']} req/s), server CPU {seq['server_cpu_ms_per_request']} ms"
          f" per request, other CPU on the machine {seq['other_cpu_s']} s;"
          f" opening a read-only Store {open_ms:.2f} ms (median, done per request)")
    if concurrent:
        print(f"{concurrent['clients']} clients, {concurrent['requests']} event queries:"
              f" {concurrent['requests_per_s']} req/s, p50 {concurrent['p50_ms']} ms,"
              f" p95 {concurrent['p95_ms']} ms, p99 {concurrent['p99_ms']} ms,"
              f" max {concurrent['max_ms']} ms")
    verdict = "meets" if payload["meets_target"] else "MISSES"
    print(f"filtered event queries: p95 {events_p95} ms over HTTP, {verdict} the"
          f" {TARGET_MS:g} ms target")
    for plan in plans:
        print(f"\nslowest '{plan['kind']}': {plan['url']}\n  " + "\n  ".join(plan["plan"]))
    failed = len(non_200) + (concurrent["non_200"] if concurrent else 0)
    if failed or mismatched:
        print(f"\nWARNING: {len(non_200)} non-200 answers in the sequential run,"
              f" {concurrent['non_200'] if concurrent else 0} in the concurrent one (not timed),"
              f" {len(mismatched)} row-count mismatches between HTTP and in-process")
        for error, count in payload["server_errors"].items():
            print(f"  {count} x {error}")
    print(f"\nresults: {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
