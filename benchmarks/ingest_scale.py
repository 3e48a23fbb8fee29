"""Ingest at scale: 10,000 distinct articles through newsgraph (pool and Dask) and spaCy alone.

What it answers (issue 9): at 10,000 articles, does ``newsgraph ingest`` stay in bounded memory
(peak ≤ 1.5 GB), does a second worker pay off (2 workers ≥ 1.7× one), how much does the full
pipeline cost on top of spaCy (≥ 0.6× spaCy alone with the same processes), and does the Dask
engine keep up with the local process pool (within 15 %)?

The input is made from the shared news documents (``corpus.py``): clone k of base document i
keeps a random 70 % of its sentences (in order), gets 1–2 consecutive sentences of another
random base document appended, and has every year 19xx/20xx moved by a clone-dependent 1–3
years; it gets a unique URL, a title (the start of its first sentence) and, for most clones, a
``published`` date (the base document's date moved by the same years plus a few days). The
clones are written as ONE JSON Lines file, so ingest also exercises the streaming JSON reader.
Two clones of one base share about half their sentences, well under newsgraph's reprint
threshold (MinHash Jaccard of 3-word shingles ≥ 0.70); the reprint rate is estimated when the
corpus is built and measured by every newsgraph run (its ``--json`` summary).

Runs, each a fresh subprocess with a fresh store, timed and memory-sampled over the whole
process tree with ``ingest_throughput.run_sampled``:

* ``newsgraphN``: ``newsgraph ingest CORPUS.jsonl --db TMP --workers N --quiet --json``;
* ``daskN``: the same with ``--engine dask`` (a local cluster of N single-threaded workers);
* ``spacyN``: ``spacy_baseline.py`` on the same texts (the records' ``text``), N processes.

Results: a table on stdout and JSON in ``benchmarks/out/ingest_scale_N.json``.

    .venv/bin/python benchmarks/ingest_scale.py                  # 10,000 articles, all runs
    .venv/bin/python benchmarks/ingest_scale.py --articles 120   # smoke run, a few minutes
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

try:  # imported as part of the repo (tests) ...
    from benchmarks import corpus
    from benchmarks import ingest_throughput as throughput
except ImportError:  # ... or run as a script, with benchmarks/ on sys.path
    import corpus  # type: ignore[no-redef]
    import ingest_throughput as throughput  # type: ignore[no-redef]

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
LOG_DIR = OUT_DIR / "logs"

# Bumped whenever make_corpus changes its output, so a cached corpus of an older version is
# rebuilt rather than reused (figures must match their input).
SCALE_CORPUS_VERSION = 1
KEEP_SHARE = 0.70  # share of a base document's sentences a clone keeps
YEAR_SHIFTS = (-3, -2, -1, 1, 2, 3)  # years a clone's dates move by (never 0)
DAY_SHIFT = 20  # a clone's publication date also moves by up to this many days either way
DEFAULT_UNDATED = 0.20  # share of clones without a ``published`` field, as the originals
DEFAULT_RUNS = ("newsgraph1", "newsgraph2", "dask2", "spacy1", "spacy2")
RUN_NAME = re.compile(r"^(newsgraph|dask|spacy)([1-9]\d*)$")

# The targets ("Done when").
MEMORY_LIMIT_MB = 1536.0  # 1.5 GB, in MiB like every MB figure of these benchmarks
MIN_SPEEDUP = 1.7  # newsgraph 2 workers over 1
MIN_OVER_SPACY = 0.6  # newsgraph over spaCy alone, same process count
MIN_DASK_OVER_POOL = 0.85  # Dask local cluster over the process pool, same worker count

# Sentence ends: punctuation, closing quotes or brackets, then space and a capital or digit.
# Crude (it splits after "U.S. Army"), which only makes some clones keep shorter pieces.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# A year 19xx/20xx standing alone: not part of a longer number ("12,2014", "1.2013", "20130")
# nor a decade ("1990s").
_YEAR = re.compile(r"(?<![\d.,$])(?:19|20)\d{2}(?!\d|[.,]\d|s\b)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    (re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b", re.I), ("mon", "d", "y")),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+((?:19|20)\d{2})\b", re.I), ("d", "mon", "y")),
)
HEADER_CHARS = 500  # where a dateline or header date is looked for
_URLISH = re.compile(r"^(https?://|www\.)", re.I)


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------

Unit = tuple[str, str]  # a sentence and the separator written after it (" ", "\n", "\n\n")


@dataclass(frozen=True, slots=True)
class BaseDoc:
    """One shared news document, split for cloning."""

    name: str  # the corpus file's stem, e.g. 0000_ecbplus__1_1ecb
    units: tuple[Unit, ...]
    date: dt.date
    date_basis: str  # "header" (a date near the top), "year" (latest year named), "none"


def split_sentences(text: str) -> list[Unit]:
    """Sentences with the separator that followed each; line breaks are kept as separators."""
    units: list[Unit] = []
    for line_match in re.finditer(r"([^\n]*)(\n*)", text):
        line, breaks = line_match.group(1), line_match.group(2)
        start = 0
        for end in _SENTENCE_END.finditer(line):
            piece = line[start : end.end()].strip()
            if piece:
                units.append((piece, " "))
            start = end.end()
        rest = line[start:].strip()
        if rest:
            units.append((rest, " "))
        if units and breaks:
            units[-1] = (units[-1][0], "\n\n" if len(breaks) > 1 else "\n")
    return units


def render(units: Sequence[Unit]) -> str:
    """Units back to text."""
    return "".join(sentence + sep for sentence, sep in units).strip()


def _safe_replace_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def base_date(text: str, rng: random.Random) -> tuple[dt.date, str]:
    """The base document's date: a full date near the top (ECB+ headers, datelines), else a
    day in the latest year up to 2020 the text names, else a day in 1995–2015."""
    header = text[:HEADER_CHARS]
    found: list[tuple[int, dt.date]] = []
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(header):
            parts = dict(zip(order, m.groups(), strict=True))
            month = _MONTHS[parts["mon"].lower()] if "mon" in parts else int(parts["m"])
            with contextlib.suppress(ValueError):
                found.append((m.start(), dt.date(int(parts["y"]), month, int(parts["d"]))))
    if found:
        return min(found)[1], "header"
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= 2020]
    if years:
        return dt.date(max(years), 1, 1) + dt.timedelta(days=rng.randrange(365)), "year"
    start = dt.date(1995, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(2015, 12, 31) - start).days)), "none"


def load_bases(corpus_dir: Path, seed: int) -> tuple[list[BaseDoc], dict[str, object]]:
    """The base documents: the corpus minus what newsgraph would not store as new articles.

    Left out, so that the clones are all English, distinct articles: documents newsgraph's
    language stage would skip (19 non-English ScrapingHub pages), and near-duplicates of an
    earlier document by newsgraph's own reprint test (MinHash of the raw text, not the cleaned
    body, so an approximation).
    """
    from newsgraph import settings
    from newsgraph.ingest.language import not_english
    from newsgraph.ingest.reprints import band_keys, fingerprint, similarity

    bases: list[BaseDoc] = []
    left_out: Counter[str] = Counter()
    bands: dict[tuple[int, int], list[bytes]] = {}
    bases_by_basis: Counter[str] = Counter()
    for path in corpus.corpus_files(corpus_dir):
        text = path.read_text(encoding="utf-8").strip()
        if not_english(text):
            left_out["not_english"] += 1
            continue
        signature = fingerprint(text)
        keys = band_keys(signature)
        candidates = {id(s): s for key in keys for s in bands.get(key, ())}
        if any(
            similarity(signature, other) >= settings.REPRINT_MIN_JACCARD
            for other in candidates.values()
        ):
            left_out["near_duplicate"] += 1
            continue
        for key in keys:
            bands.setdefault(key, []).append(signature)
        units = split_sentences(text)
        if not units:
            left_out["empty"] += 1
            continue
        day, basis = base_date(text, random.Random(f"{seed}/date/{path.stem}"))
        bases_by_basis[basis] += 1
        bases.append(BaseDoc(path.stem, tuple(units), day, basis))
    info: dict[str, object] = {
        "documents": len(bases) + sum(left_out.values()),
        "bases": len(bases),
        "left_out": dict(left_out),
        "base_date_basis": dict(bases_by_basis),
    }
    return bases, info


def _title(units: Sequence[Unit]) -> str:
    """A headline: the first words of the first sentence that is not a URL or a bare date."""
    for sentence, _ in units:
        if _URLISH.match(sentence) or len(sentence.split()) < 3:
            continue
        words = sentence.split()
        title = " ".join(words[:12])
        return title.rstrip(".,;:") if len(words) <= 12 else title.rstrip(".,;:") + "…"
    return units[0][0][:80]


def make_clone(
    base: BaseDoc, k: int, bases: Sequence[BaseDoc], *, seed: int, undated: float,
    keep: float = KEEP_SHARE,
) -> dict[str, str]:
    """Clone k of ``base`` as a JSON record (title, text, url and, for most, published)."""
    rng = random.Random(f"{seed}/{base.name}/{k}")
    n = len(base.units)
    kept = [base.units[i] for i in sorted(rng.sample(range(n), max(1, round(keep * n))))]
    donor = base
    while donor is base and len(bases) > 1:
        donor = bases[rng.randrange(len(bases))]
    take = rng.randint(1, 2)
    start = rng.randrange(max(1, len(donor.units) - take + 1))
    extra = donor.units[start : start + take]
    years = rng.choice(YEAR_SHIFTS)
    text = render(kept) + "\n\n" + render(extra)
    text = _YEAR.sub(lambda m: str(int(m.group()) + years), text)
    record = {
        "title": _YEAR.sub(lambda m: str(int(m.group()) + years), _title(kept)),
        "text": text,
        # No 19xx/20xx path segment: newsgraph reads dates from URLs (/2013/05/01/).
        "url": f"https://scale.example/{base.name}/clone-{k}",
    }
    if rng.random() >= undated:
        day = _safe_replace_year(base.date, base.date.year + years)
        day += dt.timedelta(days=rng.randint(-DAY_SHIFT, DAY_SHIFT))
        record["published"] = day.isoformat()
    return record


def iter_clones(
    bases: Sequence[BaseDoc], n: int, *, seed: int, undated: float, keep: float = KEEP_SHARE
) -> Iterator[dict[str, str]]:
    """``n`` clones: round k takes clone k of every base, bases in a seeded random order.

    Why shuffled rounds: any prefix (a small ``--articles``) then mixes all sources rather
    than taking the short ECB+ articles first, and corpus(n) is a prefix of corpus(n + m).
    """
    order = list(bases)
    random.Random(f"{seed}/order").shuffle(order)
    for j in range(n):
        yield make_clone(order[j % len(order)], j // len(order), bases, seed=seed,
                         undated=undated, keep=keep)


def estimate_reprints(texts: Sequence[str]) -> int:
    """How many texts newsgraph's reprint test would flag (MinHash Jaccard ≥ threshold with an
    earlier text), on the raw texts: an estimate made before any ingest."""
    from newsgraph import settings
    from newsgraph.ingest.reprints import band_keys, fingerprint, similarity

    bands: dict[tuple[int, int], list[int]] = {}
    signatures: list[bytes] = []
    flagged = 0
    for i, text in enumerate(texts):
        signature = fingerprint(text)
        keys = band_keys(signature)
        candidates = {j for key in keys for j in bands.get(key, ())}
        if any(
            similarity(signature, signatures[j]) >= settings.REPRINT_MIN_JACCARD
            for j in candidates
        ):
            flagged += 1
        for key in keys:  # a reprint is indexed too, as the store does
            bands.setdefault(key, []).append(i)
        signatures.append(signature)
    return flagged


def corpus_paths(
    n: int, seed: int, undated: float = DEFAULT_UNDATED, keep: float = KEEP_SHARE
) -> tuple[Path, Path]:
    """The cached JSON Lines file and its metadata file, named by size and seed (and the
    perturbation options when not the defaults)."""
    stem = f"ingest_scale_corpus_{n}_s{seed}"
    stem += "" if undated == DEFAULT_UNDATED else f"_u{undated:g}"
    stem += "" if keep == KEEP_SHARE else f"_k{keep:g}"
    return OUT_DIR / f"{stem}.jsonl", OUT_DIR / f"{stem}.meta.json"


def make_corpus(
    n: int,
    seed: int,
    *,
    undated: float = DEFAULT_UNDATED,
    keep: float = KEEP_SHARE,
    corpus_dir: Path = corpus.DEFAULT_OUT_DIR,
    rebuild: bool = False,
) -> tuple[Path, dict[str, object]]:
    """``n`` distinct perturbed articles as one JSON Lines file; cached by size and seed.

    Returns the file and its metadata (base counts, dated share, words, the estimated reprint
    count). Built in a temporary file and renamed, so an interrupted build is never reused.
    """
    path, meta_path = corpus_paths(n, seed, undated, keep)
    wanted = {"version": SCALE_CORPUS_VERSION, "articles": n, "seed": seed, "undated": undated,
              "keep": keep, "base_corpus_version": corpus.CORPUS_FORMAT_VERSION}
    if not rebuild and path.is_file() and meta_path.is_file():
        with contextlib.suppress(OSError, json.JSONDecodeError):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if all(meta.get(key) == value for key, value in wanted.items()):
                meta["reused"] = True
                return path, meta
    if not corpus.ensure_corpus(corpus_dir):
        raise SystemExit(f"no corpus at {corpus_dir} and no shared data to build it from")
    bases, base_info = load_bases(corpus_dir, seed)
    texts: list[str] = []
    dated = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for record in iter_clones(bases, n, seed=seed, undated=undated, keep=keep):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            texts.append(record["text"])
            dated += "published" in record
    tmp.replace(path)
    reprints = estimate_reprints(texts)
    meta: dict[str, object] = {
        **wanted,
        "file": str(path),
        **base_info,
        "clones_per_base_max": -(-n // len(bases)),
        "dated": dated,
        "words": sum(len(t.split()) for t in texts),
        "estimated_reprints": reprints,
        "estimated_reprint_rate": round(reprints / n, 4) if n else 0.0,
    }
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    meta["reused"] = False
    return path, meta


def read_texts(path: Path) -> list[str]:
    """The ``text`` of every record, in file order: what spaCy alone is given."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


# --------------------------------------------------------------------------------------------
# The runs
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _logs_in(directory: Path) -> Iterator[None]:
    """Point ingest_throughput's log directory elsewhere for a while.

    Why: ``throughput.run_spacy`` writes ``LOG_DIR/spacy_wN.log``, which would replace the
    throughput benchmark's own logs.
    """
    saved = throughput.LOG_DIR
    throughput.LOG_DIR = directory
    try:
        yield
    finally:
        throughput.LOG_DIR = saved


def parse_runs(names: Sequence[str]) -> list[tuple[str, str, int]]:
    """``newsgraph2`` → ("newsgraph2", "newsgraph", 2); unknown names are an error."""
    out = []
    for name in names:
        m = RUN_NAME.match(name)
        if m is None:
            raise SystemExit(f"unknown run {name!r}: use newsgraphN, daskN or spacyN")
        out.append((name, m.group(1), int(m.group(2))))
    return out


def run_newsgraph(
    exe: Path, jsonl: Path, *, engine: str, workers: int, articles: int, words: int,
    timeout: float, log_path: Path,
) -> throughput.Run:
    """``newsgraph ingest JSONL`` into a fresh store; the summary is read from ``--json``."""
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-scale-"))
    try:
        db = tmp / "scale.db"
        cmd = [str(exe), "ingest", str(jsonl), "--db", str(db), "--workers", str(workers),
               "--engine", engine, "--quiet", "--json"]
        m = throughput.run_sampled(cmd, timeout=timeout, log_path=log_path)
        summary: dict[str, object] = {}
        with contextlib.suppress(json.JSONDecodeError):
            summary = json.loads(m.stdout) if m.stdout.strip() else {}
        skipped = summary.pop("skipped", []) or []
        assert isinstance(skipped, list)
        detail: dict[str, object] = {
            "engine": engine,
            "summary": summary,
            "skipped": len(skipped),
            "skipped_reasons": dict(
                Counter(str(s.get("reason", ""))[:60] for s in skipped).most_common(10)
            ),
            "store_rows": throughput.store_counts(db),
            "db_mb": round(db.stat().st_size / 2**20, 2) if db.exists() else None,
        }
        stored, reprints = summary.get("stored"), summary.get("reprints")
        if isinstance(stored, int) and isinstance(reprints, int) and stored:
            detail["reprint_rate"] = round(reprints / stored, 4)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    system = "newsgraph" if engine == "local" else f"newsgraph-{engine}"
    return throughput._run_from(system, workers, articles, words, m, detail)


def _rate(runs: dict[str, throughput.Run], name: str) -> float | None:
    run = runs.get(name)
    return run.articles_per_s if run is not None and run.ok and run.seconds else None


def _ratio(runs: dict[str, throughput.Run], top: str, bottom: str) -> float | None:
    a, b = _rate(runs, top), _rate(runs, bottom)
    return round(a / b, 3) if a and b else None


def checks(runs: dict[str, throughput.Run]) -> dict[str, dict[str, object]]:
    """The issue's targets against what was measured (``pass`` is None when not measured)."""
    out: dict[str, dict[str, object]] = {}
    ng = [r for r in runs.values() if r.system.startswith("newsgraph") and r.ok]
    if ng:
        worst = max(ng, key=lambda r: r.peak_pss_mb)
        out["peak_memory"] = {
            "what": "largest peak PSS of the newsgraph runs, MiB (RSS sum alongside)",
            "value": round(worst.peak_pss_mb, 1),
            "run_peak_rss_mb": round(worst.peak_rss_mb, 1),
            "max_peak_rss_mb": round(max(r.peak_rss_mb for r in ng), 1),
            "target": f"<= {MEMORY_LIMIT_MB:.0f}",
            "pass": worst.peak_pss_mb <= MEMORY_LIMIT_MB,
        }
    pairs = [("speedup_newsgraph2_over_newsgraph1", "newsgraph2", "newsgraph1", MIN_SPEEDUP)]
    for name, run in runs.items():
        if run.system == "newsgraph":
            pairs.append((f"newsgraph{run.workers}_over_spacy{run.workers}", name,
                          f"spacy{run.workers}", MIN_OVER_SPACY))
        elif run.system == "newsgraph-dask":
            pairs.append((f"dask{run.workers}_over_newsgraph{run.workers}", name,
                          f"newsgraph{run.workers}", MIN_DASK_OVER_POOL))
    for key, top, bottom, minimum in pairs:
        value = _ratio(runs, top, bottom)
        out[key] = {
            "what": f"articles/s of {top} over {bottom}",
            "value": value,
            "target": f">= {minimum}",
            "pass": None if value is None else value >= minimum,
        }
    return out


def table(runs: dict[str, throughput.Run]) -> str:
    """The runs as a Markdown table."""
    rows = [
        "| run | processes | articles | seconds | articles/s | words/s | peak PSS MB "
        "| peak RSS MB | CPU s | other CPU s | stored | reprints | skipped |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, r in runs.items():
        summary = r.detail.get("summary")
        summary = summary if isinstance(summary, dict) else {}
        status = "" if r.ok else f" (FAILED rc={r.returncode})"
        skipped = r.detail.get("skipped", "")
        rows.append(
            f"| {name}{status} | {r.workers} | {r.articles} | {r.seconds:.1f} "
            f"| {r.articles_per_s:.2f} | {r.words_per_s:.0f} | {r.peak_pss_mb:.0f} "
            f"| {r.peak_rss_mb:.0f} | {r.cpu_s:.1f} | {r.other_cpu_s:.1f} "
            f"| {summary.get('stored', '')} | {summary.get('reprints', '')} | {skipped} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--runs", nargs="+", default=list(DEFAULT_RUNS),
                        help="newsgraphN, daskN, spacyN, run in the order given")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--undated", type=float, default=DEFAULT_UNDATED,
                        help="share of clones without a published date")
    parser.add_argument("--keep", type=float, default=KEEP_SHARE,
                        help="share of a base document's sentences each clone keeps")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached corpus")
    parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_OUT_DIR,
                        help="the base corpus directory (corpus.py)")
    parser.add_argument("--batch-size", type=int, default=throughput.DEFAULT_BATCH_SIZE)
    parser.add_argument("--spacy-keep", action="store_true",
                        help="baseline keeps every Doc (list()); default streams: 10k Docs "
                        "kept take several GB")
    parser.add_argument("--timeout", type=float, default=7200.0, help="per run, seconds")
    parser.add_argument("--json", type=Path, default=None,
                        help="output (default benchmarks/out/ingest_scale_N.json)")
    args = parser.parse_args(argv)
    planned = parse_runs(args.runs)
    out_json = args.json or OUT_DIR / f"ingest_scale_{args.articles}.json"

    jsonl, meta = make_corpus(args.articles, args.seed, undated=args.undated, keep=args.keep,
                              corpus_dir=args.corpus, rebuild=args.rebuild)
    texts = read_texts(jsonl)
    articles, words = len(texts), sum(len(t.split()) for t in texts)
    print(
        f"corpus: {jsonl} ({'cached' if meta.get('reused') else 'built'}; {articles} articles, "
        f"{words} words, {meta.get('dated')} dated, from {meta.get('bases')} base documents; "
        f"estimated reprints {meta.get('estimated_reprints')})",
        flush=True,
    )

    exe = throughput.newsgraph_bin()
    why = throughput.newsgraph_ready(exe)
    skipped: dict[str, str] = {}
    if why:
        for name, kind, _ in planned:
            if kind != "spacy":
                skipped[name] = why
        print(f"newsgraph runs skipped: {why}")
    payload: dict[str, object] = {
        "benchmark": "ingest_scale",
        "environment": throughput.environment(),
        "corpus": {k: v for k, v in meta.items() if k != "reused"},
        "articles": articles,
        "words": words,
        "batch_size": args.batch_size,
        "spacy_stream": not args.spacy_keep,
        "skipped": skipped,
        "runs": {},
    }
    runs: dict[str, throughput.Run] = {}
    log_dir = LOG_DIR / f"ingest_scale_{args.articles}"
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as work:
        workdir = Path(work)
        file_list = workdir / "files.txt"
        if any(kind == "spacy" for _, kind, _ in planned):
            # spacy_baseline.py reads a list of text files: the records' texts, one file each.
            (workdir / "texts").mkdir()
            paths = []
            for j, text in enumerate(texts):
                p = workdir / "texts" / f"{j:06d}.txt"
                p.write_text(text, encoding="utf-8")
                paths.append(p)
            file_list.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
            # Untimed warm-up, as in ingest_throughput: model files into the page cache.
            empty = workdir / "empty.txt"
            empty.write_text("", encoding="utf-8")
            subprocess.run([sys.executable, str(throughput.BASELINE_SCRIPT), str(empty)],
                           capture_output=True, check=False)
        del texts
        for name, kind, n in planned:
            if name in skipped:
                continue
            print(f"{name}: {kind}, {n} process(es) ...", flush=True)
            if kind == "spacy":
                with _logs_in(log_dir):
                    run = throughput.run_spacy(file_list, n, args.batch_size, articles, words,
                                               args.timeout, stream=not args.spacy_keep)
            else:
                assert exe is not None
                run = run_newsgraph(
                    exe, jsonl, engine="dask" if kind == "dask" else "local", workers=n,
                    articles=articles, words=words, timeout=args.timeout,
                    log_path=log_dir / f"{name}.log",
                )
            runs[name] = run
            rate = run.detail.get("reprint_rate")
            print(
                f"  {run.seconds:.1f} s, {run.articles_per_s:.2f} articles/s, peak PSS "
                f"{run.peak_pss_mb:.0f} MB, RSS {run.peak_rss_mb:.0f} MB, CPU {run.cpu_s:.1f} s, "
                f"other CPU {run.other_cpu_s:.1f} s"
                + ("" if rate is None else f", reprint rate {rate:.2%}")
                + ("" if run.ok else " FAILED"),
                flush=True,
            )
            payload["runs"] = {k: {"name": k, **r.to_json()} for k, r in runs.items()}
            payload["ratio_newsgraph_over_spacy"] = throughput.ratios(list(runs.values()))
            payload["checks"] = checks(runs)
            throughput.write_json(out_json, payload)

    rates = [r.detail["reprint_rate"] for r in runs.values() if "reprint_rate" in r.detail]
    payload["reprint_rate"] = rates[0] if rates else None
    throughput.write_json(out_json, payload)

    print()
    print(table(runs))
    print()
    if rates:
        print(f"reprint rate (stored as reprints / stored): {rates[0]:.2%} "
              f"(estimated before ingest: {meta.get('estimated_reprint_rate', 0):.2%})")
    for key, check in checks(runs).items():
        value, verdict = check["value"], check["pass"]
        shown = "not measured" if value is None else f"{value}"
        mark = {True: "PASS", False: "FAIL", None: "-"}[verdict]  # type: ignore[index]
        print(f"{key}: {shown} (target {check['target']}) {mark}")
    for n, r in throughput.ratios(list(runs.values())).items():
        extra = ", ".join(f"{k} {v:.2f}" for k, v in r.items() if k != "articles_per_s")
        print(f"newsgraph/spaCy at N={n}: articles/s {r['articles_per_s']:.2f} ({extra})")
    for name, r in runs.items():
        if r.other_cpu_s > throughput.CONTENTION_SHARE * r.seconds:
            print(f"warning: {name} shared the machine: other processes used "
                  f"{r.other_cpu_s:.0f} CPU s during its {r.seconds:.0f} s; its timing is "
                  "pessimistic")
    print(f"JSON: {out_json}")
    return 0 if runs and all(r.ok for r in runs.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
