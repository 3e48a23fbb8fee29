"""newsgraph's article-body cleaner beside the extractors users pick instead (issue 18, item 3).

Every system reads the same pages of both content-extraction gold sets (ScrapingHub's article
extraction benchmark and the WCXB development articles) and is scored with the project's own
scorer (:mod:`newsgraph.eval.content`: word 4-gram shingles, the benchmark's per-page averaging),
so each figure can be set beside ``newsgraph eval content``'s. Each set is scored per part of
:mod:`newsgraph.eval.split` (tune, validate) with, for each rival, the paired 95% bootstrap
interval of newsgraph's F1 gain over it, the interval ``eval content`` gives for its baseline.

The rivals come from the ``bench`` extra, never a runtime dependency:

    make bench-extractors                                   # installs it, then runs this
    .venv/bin/python benchmarks/extractors.py --limit 20 --only justext,goose3

Pages are extracted round-robin (every system on page 1, then on page 2, ...) so load from other
jobs on the machine falls on all systems alike; ms/page is the median of per-page wall times,
which a few slow first calls (stoplists, caches) do not move. A system that raises on a page
gets an empty body for it, scored as such, and the failure is counted.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

import lxml.html

from newsgraph.eval.content import (
    Extractor,
    Page,
    f1_interval,
    load_pages,
    metrics_from_counts,
    page_counts,
    trafilatura_benchmark,
)
from newsgraph.ingest.html import clean_html

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "content_extraction"
OUT = REPO / "benchmarks" / "out"
SPLITS = ("tune", "validate")  # eval/split.py's two parts; "all" is only their union
BOOTSTRAP = 1000  # resamples, as score_content draws by default
REFERENCE = "newsgraph"
FAILURE_EXAMPLES = 3

# Elements that start and end a line of text, so that lxml's text_content() does not glue the
# last word of one paragraph to the first of the next (one wrong token, four lost shingles).
_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip


class BenchExtraMissing(Exception):
    """A rival's library is not installed: the ``bench`` extra is missing."""


def _newsgraph() -> Extractor:
    """The body ``clean_html`` stores at ingest (``eval content`` scores the same body)."""
    return lambda html, url: clean_html(html, url).body


def _trafilatura() -> Extractor:
    """Trafilatura as the ScrapingHub benchmark runs it: ``eval content``'s baseline."""
    return trafilatura_benchmark


def _paragraph_text(fragment: str) -> str:
    """The text of an HTML fragment, each block element on lines of its own."""
    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _readability() -> Extractor:
    """readability-lxml's article HTML (``summary()``), as text."""
    from readability import Document

    return lambda html, url: _paragraph_text(Document(html, url=url).summary())


def _justext() -> Extractor:
    """jusText's non-boilerplate paragraphs, with its English stoplist (the gold sets are
    mostly English, and a per-page language guess would measure the guesser too)."""
    import justext

    stoplist = justext.get_stoplist("English")

    def extract(html: str, url: str | None) -> str:
        paragraphs = justext.justext(html, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return extract


def _goose3() -> Extractor:
    """goose3's ``cleaned_text``, image fetching off (its default, said here so it stays off)."""
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False})
    return lambda html, url: goose.extract(url=url, raw_html=html).cleaned_text


def _newspaper4k() -> Extractor:
    """newspaper4k's ``Article.text`` from the given HTML: no download, no ``nlp()`` (which
    wants nltk data from the network)."""
    from newspaper import Article

    class OfflineArticle(Article):
        def fetch_images(self) -> None:
            """Skip images. Even with ``fetch_images=False``, a page without a meta image has
            its candidate images fetched over HTTP to pick the largest; they never change
            ``.text``, and the network is not what is measured."""

    def extract(html: str, url: str | None) -> str:
        # Article insists on a URL with a scheme; the text does not depend on it
        article = OfflineArticle(url or "http://localhost/", fetch_images=False)
        article.download(input_html=html)
        return article.parse().text

    return extract


def _resiliparse() -> Extractor:
    """Resiliparse's plain text with its main-content heuristics on."""
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html, url: extract_plain_text(html, main_content=True)


SYSTEMS: dict[str, tuple[Callable[[], Extractor], str]] = {
    "newsgraph": (_newsgraph, "newsgraph"),
    "trafilatura": (_trafilatura, "trafilatura"),
    "readability": (_readability, "readability-lxml"),
    "justext": (_justext, "justext"),
    "goose3": (_goose3, "goose3"),
    "newspaper4k": (_newspaper4k, "newspaper4k"),
    "resiliparse": (_resiliparse, "resiliparse"),
}
"""Name -> (factory of its extractor, the distribution whose version the report gives)."""


def build(names: Sequence[str]) -> dict[str, Extractor]:
    """The extractors of ``names``, in order; BenchExtraMissing naming every library absent."""
    extractors: dict[str, Extractor] = {}
    missing: list[str] = []
    for name in names:
        try:
            extractors[name] = SYSTEMS[name][0]()
        except ModuleNotFoundError as error:
            missing.append(f"{SYSTEMS[name][1]} (no module {error.name})")
    if missing:
        raise BenchExtraMissing(", ".join(missing))
    return extractors


def forbid_network() -> None:
    """Make every name lookup and socket connection fail at once, for the rest of the process.

    What is compared is extraction from the HTML given. A library that reached out (for images,
    for nltk data) would time the network and download at run time, which this benchmark must
    never do; refused, it raises, and the page counts as that system's failure unless the
    library swallows the error.
    """

    def refuse(target: object) -> NoReturn:
        raise OSError(f"network is off in benchmarks/extractors.py (tried {target!r})")

    socket.getaddrinfo = lambda host, *_args, **_kwargs: refuse(host)
    socket.socket.connect = lambda _self, address: refuse(address)  # type: ignore[method-assign]
    socket.socket.connect_ex = lambda _self, address: refuse(address)  # type: ignore[method-assign]


@dataclass
class Run:
    """One system's bodies and per-page times on one list of pages."""

    bodies: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "page id: error", one per failed page


def extract_all(pages: Sequence[Page], extractors: dict[str, Extractor]) -> dict[str, Run]:
    """Every system on every page, round-robin, timing each call."""
    runs = {name: Run() for name in extractors}
    for page_id, url, _gold, html in pages:
        for name, extract in extractors.items():
            run = runs[name]
            start = time.perf_counter()
            try:
                body = extract(html, url) or ""
            except Exception as error:  # any failure of a rival is its empty body, counted
                body = ""
                run.failures.append(f"{page_id}: {type(error).__name__}: {error}"[:200])
            run.seconds.append(time.perf_counter() - start)
            run.bodies.append(body)
    return runs


def score_split(pages: Sequence[Page], runs: dict[str, Run]) -> dict[str, dict[str, Any]]:
    """Per system: P, R, F1 and its interval, newsgraph's gain over it with the paired
    interval (``f1_interval(..., minus=...)``, as ``score_content`` gives its baseline's), the
    median ms/page and the failures."""
    golds = [gold for _, _, gold, _ in pages]
    counts = {
        name: [page_counts(gold, body) for gold, body in zip(golds, run.bodies, strict=True)]
        for name, run in runs.items()
    }
    reference = counts[REFERENCE]
    reference_f1 = metrics_from_counts(reference)["f1"]
    figures: dict[str, dict[str, Any]] = {}
    for name, run in runs.items():
        row: dict[str, Any] = metrics_from_counts(counts[name])
        row["f1_interval"] = f1_interval(counts[name], BOOTSTRAP)
        if name != REFERENCE:
            row["gain"] = reference_f1 - row["f1"]
            row["gain_interval"] = f1_interval(reference, BOOTSTRAP, minus=counts[name])
        row["median_ms"] = 1000 * statistics.median(run.seconds) if run.seconds else None
        row["failures"] = len(run.failures)
        row["failure_examples"] = run.failures[:FAILURE_EXAMPLES]
        figures[name] = row
    return figures


def score_set(directory: Path, extractors: dict[str, Extractor], limit: int | None
              ) -> dict[str, Any]:
    """Both splits of one gold set, plus each system's median ms/page over all its pages."""
    result: dict[str, Any] = {"path": str(directory), "splits": {}}
    seconds: dict[str, list[float]] = {name: [] for name in extractors}
    for split in SPLITS:
        pages = load_pages(directory, limit, split)
        print(f"{directory.name} {split}: {len(pages)} pages", file=sys.stderr, flush=True)
        runs = extract_all(pages, extractors)
        result["splits"][split] = {"pages": len(pages), "systems": score_split(pages, runs)}
        for name, run in runs.items():
            seconds[name].extend(run.seconds)
    result["median_ms"] = {
        name: 1000 * statistics.median(values) if values else None
        for name, values in seconds.items()
    }
    return result


def _cell_f1(row: dict[str, Any]) -> str:
    return f"{row['f1']:.3f} ({row['precision']:.3f}, {row['recall']:.3f})"


def _cell_gain(row: dict[str, Any]) -> str:
    if "gain" not in row:
        return "—"
    lo, hi = row["gain_interval"]
    return f"{row['gain']:+.3f} [{lo:+.3f}, {hi:+.3f}]"


def table(name: str, result: dict[str, Any]) -> str:
    """One gold set as a Markdown table: a row per system, both splits side by side."""
    splits = result["splits"]
    pages = " / ".join(str(splits[s]["pages"]) for s in SPLITS)
    lines = [
        f"{name} ({pages} pages, tune / validate)",
        "",
        "| system | tune F1 (P, R) | newsgraph gain, tune | validate F1 (P, R) "
        "| newsgraph gain, validate | ms/page | failed pages |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for system, ms in result["median_ms"].items():
        tune, validate = (splits[s]["systems"][system] for s in SPLITS)
        failed = tune["failures"] + validate["failures"]
        ms_cell = f"{ms:.1f}" if ms is not None else "—"
        lines.append(f"| {system} | {_cell_f1(tune)} | {_cell_gain(tune)} | "
                     f"{_cell_f1(validate)} | {_cell_gain(validate)} | {ms_cell} | {failed} |")
    return "\n".join(lines)


def versions(names: Sequence[str]) -> dict[str, str]:
    """The installed version of each system's distribution (trafilatura's too: ours runs it)."""
    distributions = dict.fromkeys([SYSTEMS[n][1] for n in names] + ["trafilatura"])
    return {d: metadata.version(d) for d in distributions}


def output_path(limit: int | None, only: Sequence[str] | None) -> Path:
    """extractors.json for the full run; a partial run's name says so, never replacing it."""
    suffix = (f"_limit{limit}" if limit is not None else "") + (
        "_" + "-".join(only) if only else ""
    )
    return OUT / f"extractors{suffix}.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scrapinghub", type=Path, default=DATA / "scrapinghub_aeb",
                        help="ScrapingHub gold set (default: %(default)s)")
    parser.add_argument("--wcxb", type=Path, default=DATA / "wcxb_dev_articles",
                        help="WCXB dev articles gold set (default: %(default)s)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each split")
    parser.add_argument("--only", type=lambda s: [n.strip() for n in s.split(",") if n.strip()],
                        help="comma-separated systems to run beside newsgraph, which always "
                             f"runs (every gain is over it); of {', '.join(SYSTEMS)}")
    parser.add_argument("--json", type=Path, help="output file (default: benchmarks/out/"
                        "extractors.json, or a name saying --limit/--only)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only or ()) - set(SYSTEMS))
    if unknown:
        parser.error(f"unknown systems {', '.join(unknown)}; systems: {', '.join(SYSTEMS)}")
    for directory in (args.scrapinghub, args.wcxb):
        if not (directory / "ground-truth.json").is_file():
            parser.error(f"{directory} is not a gold set (no ground-truth.json)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = [REFERENCE, *(n for n in (args.only or SYSTEMS) if n != REFERENCE)]
    try:
        extractors = build(names)
    except BenchExtraMissing as missing:
        sys.exit(f"benchmarks/extractors.py: the bench extra is not installed: {missing}. "
                 "Run `make bench-extractors` (it installs requirements-bench.lock, then this).")
    forbid_network()
    gold_sets = {"ScrapingHub AEB": args.scrapinghub, "WCXB dev articles": args.wcxb}
    report: dict[str, Any] = {"versions": versions(names), "bootstrap": BOOTSTRAP,
                              "limit": args.limit, "sets": {}}
    for name, directory in gold_sets.items():
        report["sets"][name] = score_set(directory, extractors, args.limit)
        print(table(name, report["sets"][name]) + "\n", flush=True)
    path = args.json or output_path(args.limit, args.only)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
