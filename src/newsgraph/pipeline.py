"""Runs the per-article stages over many articles, serially or in a process pool, and stores them.

The stages are declared once in :mod:`newsgraph.stages` (the default order, which depend on
the publication date, which tables they write); this module runs them. A stage takes a batch of
articles and returns them processed; a per-article function becomes one through
:func:`per_article`; ``annotate`` is batched for spaCy's sake. Stages are pure functions of
one article plus read-only resources (the spaCy model, lexicons), so the same chunk function
runs in this process or in a pool worker. Only the store and the corpus steps after it (dating
from related articles, later linking) see more than one article.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, wraps
from typing import Any, TextIO

from newsgraph import settings
from newsgraph import stages as declared
from newsgraph.actors.kb import default_kb
from newsgraph.actors.terms import term_bounds
from newsgraph.engines import Engine, Here, running
from newsgraph.ingest.identity import article_id, sha256
from newsgraph.ingest.readers import read_paths
from newsgraph.link import LinkSummary, link
from newsgraph.model import Article, Published, Skip, SkipArticle
from newsgraph.stages import DEFAULT_STAGES, REDATED_STAGES, stages_from
from newsgraph.store import Store
from newsgraph.timex.published import CorpusEvidence, reprint_published, undated
from newsgraph.timex.stage import add_times, anchor_times

Result = Article | Skip
Stage = Callable[[Sequence[Article]], list[Result]]


def per_article(function: Callable[[Article], Article]) -> Stage:
    """Make a one-article function a stage: applied to each, a SkipArticle becomes a Skip."""

    @wraps(function)
    def stage(articles: Sequence[Article]) -> list[Result]:
        results: list[Result] = []
        for article in articles:
            try:
                results.append(function(article))
            except SkipArticle as skip:
                results.append(Skip(article.source, skip.reason))
        return results

    return stage


# The declared stages as functions of a batch of articles, by name.
STAGES: dict[str, Stage] = {
    spec.name: spec.load() if spec.batched else per_article(spec.load())
    for spec in declared.STAGES
}


def process_chunk(articles: Sequence[Article], stage_names: Sequence[str],
                  resources: settings.Resources | None = None) -> list[Result]:
    """Run the named stages over a chunk, with the ``resources`` of the process that sent it
    (a worker's own otherwise). Never raises: an unexpected error skips one article."""
    if resources is not None:
        settings.use_resources(resources)
    current: list[Article] = list(articles)
    skipped: list[Skip] = []
    for name in stage_names:
        results: list[Result] = []
        try:
            results = STAGES[name](current)
        except Exception:
            for article in current:
                results.extend(_guarded(STAGES[name], article))
        current = [r for r in results if isinstance(r, Article)]
        skipped += [r for r in results if isinstance(r, Skip)]
    return [*current, *skipped]


def _guarded(stage: Stage, article: Article) -> list[Result]:
    try:
        return stage([article])
    except Exception as error:
        return [Skip(article.source, f"internal error ({type(error).__name__}: {error})")]


def process_text(
    text: str,
    *,
    url: str | None = None,
    published_given: str | None = None,
    html: bool = False,
    stage_names: Sequence[str] = DEFAULT_STAGES,
) -> Article:
    """Process one text (or HTML page) into an annotated Article, without storing it."""
    raw_sha = sha256(text.encode("utf-8"))
    article = Article(
        id=article_id(url, raw_sha), source="<text>", format="html" if html else "txt",
        markup="html" if html else "text", raw=text, raw_sha256=raw_sha, url=url,
        published_given=published_given, encoding="utf-8",
    )
    for result in process_chunk([article], stage_names):
        if isinstance(result, Skip):
            raise SkipArticle(result.reason)
        return result
    raise SkipArticle("nothing came out of the pipeline")


class Skipped:
    """The skips of an ingest, bounded however many there are: the first few in full, a
    count by reason, and, when the caller gives ``to``, every one as a JSON line there."""

    def __init__(self, to: TextIO | None = None) -> None:
        self.first: list[Skip] = []
        self.by_reason: Counter[str] = Counter()
        self.to = to

    def add(self, skip: Skip) -> None:
        if len(self.first) < settings.SKIPS_SHOWN:
            self.first.append(skip)
        self.by_reason[reason_kind(skip.reason)] += 1
        if self.to is not None:
            self.to.write(json.dumps({"source": skip.source, "reason": skip.reason},
                                     ensure_ascii=False) + "\n")

    def __len__(self) -> int:
        return self.by_reason.total()


@lru_cache(maxsize=4096)
def reason_kind(reason: str) -> str:
    """What a skip's reason says without its particulars, to count skips by:
    "malformed JSON line: Expecting value: line 1 …" → "malformed JSON line"."""
    return _DIGITS.sub("N", _PARTICULARS.split(reason, maxsplit=1)[0].strip()) or reason


_PARTICULARS = re.compile(r":| \(")
_DIGITS = re.compile(r"\d+")


@dataclass
class IngestSummary:
    """What an ingest did: the closing summary of ``newsgraph ingest``."""

    read: int = 0
    stored: int = 0
    reprints: int = 0
    already_stored: int = 0
    skipped: Skipped = field(default_factory=Skipped)
    seconds: float = 0.0
    linked: LinkSummary | None = None

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be read."""
        return self.read > 0

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "reprints": self.reprints,
            "already_stored": self.already_stored,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped.first],
            "skipped_count": len(self.skipped),
            "skipped_by_reason": dict(self.skipped.by_reason.most_common()),
            "seconds": round(self.seconds, 3),
            "linked": self.linked.to_dict() if self.linked else None,
        }


def ingest(paths: Iterable[str], store: Store, *, follow_symlinks: bool = False,
           **options: Any) -> IngestSummary:
    """Read, process and store every article under ``paths``; resumable and idempotent.
    ``follow_symlinks`` reads links out of the folders given; ``options`` are those of
    :func:`ingest_items` (where the stages run, which stages, a progress callback, where
    to write every skip)."""
    return ingest_items(read_paths(paths, follow_symlinks=follow_symlinks), store, **options)


def ingest_items(
    items: Iterable[Result],
    store: Store,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    stage_names: Sequence[str] = DEFAULT_STAGES,
    on_progress: Callable[[Result | None], None] | None = None,
    skipped_to: TextIO | None = None,
) -> IngestSummary:
    """Process and store articles a reader made (files, or a document posted to the API).
    ``workers``, ``engine`` and ``scheduler`` say where the stages run (see
    :func:`newsgraph.engines.running`); every skip goes to ``skipped_to`` as a JSON line
    when it is given (the summary keeps the first few and a count by reason).

    Articles whose id is already stored are not processed again. Results are stored in input
    order, a chunk per transaction, so the first-read of two reprints is the original and
    every article is stored whole or not at all. One ingest writes a store at a time
    (:meth:`Store.ingest_lock`): a second one waits.
    """
    with store.ingest_lock():
        summary = IngestSummary(skipped=Skipped(skipped_to))
        started = time.perf_counter()
        pending: list[Article] = []

        stored_ids: list[str] = []

        def handle(results: list[Result]) -> None:
            """Store a chunk's articles in one transaction: SQLite writes each page they share
            (indexes, the FTS tables) once per chunk, not once per article. An article the
            store refuses is skipped alone; the rest of the chunk is stored."""
            with store.transaction():
                for result in results:
                    if isinstance(result, Article):
                        try:
                            outcome = store.save_article(result)
                        except SkipArticle as refused:
                            result = Skip(result.source, refused.reason)
                    if isinstance(result, Skip):
                        summary.skipped.add(result)
                    elif outcome == "exists":
                        summary.already_stored += 1
                    else:
                        stored_ids.append(result.id)
                        summary.stored += 1
                        summary.reprints += outcome == "reprint"
                    if on_progress:
                        on_progress(result)

        def chunks() -> Iterator[list[Article]]:
            for item in items:
                if isinstance(item, Skip):
                    summary.skipped.add(item)
                    if on_progress:
                        on_progress(item)
                    continue
                summary.read += 1
                if store.has_article(item.id):
                    summary.already_stored += 1
                    if on_progress:
                        on_progress(None)
                    continue
                pending.append(item)
                if len(pending) >= settings.CHUNK_SIZE:
                    yield pending.copy()
                    pending.clear()
            if pending:
                yield pending.copy()

        with running(workers, engine, scheduler, warm_up=_warm_up) as run:
            for results in run.map(process_chunk, chunks(), tuple(stage_names),
                                   settings.resources()):
                handle(results)
            if "time" in stage_names and stored_ids:
                date_from_corpus(store, stored_ids, run)
        if "terms" in stage_names:
            summary.linked = link(store)
        summary.seconds = time.perf_counter() - started
        return summary


def date_from_corpus(store: Store, article_ids: Sequence[str] | None = None,
                     engine: Engine | None = None) -> int:
    """Date articles whose text alone could not, from other articles of the corpus.

    A reprint takes the date of its first dated copy. Otherwise the corpus may only choose
    among what the text allows (:class:`CorpusEvidence`): a dated report of the same acts, or
    the related articles' years when the text's bounds leave a few candidate years. Relative
    expressions are then re-normalized against the completed date, and actors, speech and
    events derived again at it. Only ``article_ids`` are considered when given (those of the
    current ingest). Returns how many articles got a date.

    It goes in rounds: each finds the evidence for every undated article in the store as it
    stands, re-dates those with new evidence on ``engine`` (per-article work, so on the
    ingest's workers), and stores them; an article dated in one round may date others in the
    next. Rounds make the result the same however many workers there are.
    """
    engine = engine or Here()
    wanted = set(article_ids) if article_ids is not None else None
    tried: dict[str, Evidence] = {}
    changed = 0
    while True:
        jobs = []
        for undated_id in store.undated_articles():
            if wanted is not None and undated_id not in wanted:
                continue
            evidence = _corpus_evidence(store, undated_id)
            if evidence is not None and tried.get(undated_id) != evidence:
                tried[undated_id] = evidence
                jobs.append((undated_id, evidence))
        chunks = ([(store.load_article(i), evidence) for i, evidence in
                   jobs[at : at + settings.CHUNK_SIZE]]
                  for at in range(0, len(jobs), settings.CHUNK_SIZE))
        dated = 0
        for articles in engine.map(redate, chunks, settings.resources()):
            for article in articles:
                store.replace_dated(article)
                dated += 1
        changed += dated
        if not dated:
            return changed


# ("copy", (published, id)) of a dated copy, or ("corpus", CorpusEvidence without the terms)
Evidence = tuple[str, Any]


def _corpus_evidence(store: Store, article_id: str) -> Evidence | None:
    """What the store says about an undated article, or None when it says nothing."""
    if copies := store.reprint_dates(article_id):
        return "copy", copies[0]
    same = store.same_acts(article_id)
    related = tuple((int(published[:4]), other)
                    for published, other in store.related_dates(article_id))
    if not same and not related:
        return None
    return "corpus", CorpusEvidence(same_acts=same[0] if same else None, related_years=related)


def redate(jobs: Sequence[tuple[Article, Evidence]],
           resources: settings.Resources | None = None) -> list[Article]:
    """Re-date articles from the corpus's evidence; return those that now have a date, with
    every record that depends on it derived again (see :func:`rederive`; a pure per-article
    function, run on the workers). The terms of office the text names its people with are
    read here, from the article's resolved mentions and the knowledge base, before they are
    redone."""
    if resources is not None:
        settings.use_resources(resources)
    evidence = {article.id: _with_terms(article, found) for article, found in jobs}

    def date(article: Article) -> None:
        kind, found = evidence[article.id]
        if kind == "copy":
            anchor_times(article, reprint_published(*found))
        else:
            add_times(article, corpus=found)

    return rederive([article for article, _ in jobs], date)


def rederive(articles: list[Article], date: Callable[[Article], None]) -> list[Article]:
    """Date articles with ``date`` (standing for the dating stage), then run the other
    stages of :data:`~newsgraph.stages.REDATED_STAGES` over those that got a date; the others
    drop out before any costly stage runs. Dating first is safe: what the parse before it in
    that list gives again (sentences, tokens, entity mentions) is what dating read from the
    store. What comes back is what a fresh ingest would make of each article with its date."""
    for article in articles:
        date(article)
    articles = [a for a in articles if not undated(a.published)]
    for name in REDATED_STAGES:
        if name != declared.DATING_STAGE:
            articles = [r for r in STAGES[name](articles) if isinstance(r, Article)]
    return articles


def set_date(store: Store, article_id: str, published: Published) -> LinkSummary:
    """A user's correction of an article's date: stored as given (later passes keep it), with
    every record that depends on it derived again and the corpus linked afresh."""
    with store.ingest_lock():
        articles = rederive([store.load_article(article_id)],
                            lambda article: anchor_times(article, published))
        for article in articles:
            store.replace_dated(article)
        store.clear_links()
        return link(store)


def _with_terms(article: Article, evidence: Evidence) -> Evidence:
    kind, found = evidence
    if kind == "copy":
        return evidence
    return kind, replace(found, terms=term_bounds(article, default_kb()))


def _warm_up() -> None:
    """Load the model in each worker before its first chunk, not in the middle of one."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from newsgraph.nlp import load_nlp

    load_nlp()


def reprocess(
    store: Store,
    *,
    first_stage: str = "annotate",
    article_ids: Sequence[str] | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    on_progress: Callable[[Result | None], None] | None = None,
) -> IngestSummary:
    """Re-derive records of stored articles from ``first_stage`` on; idempotent.

    ``clean`` starts from the stored raw capture, later stages from the stored body. Reprint
    links are recomputed afterwards, since cleaning may have changed bodies.
    """
    with store.ingest_lock():
        names = stages_from(first_stage)
        ids = list(article_ids) if article_ids else store.article_ids()
        summary = IngestSummary()
        started = time.perf_counter()

        def chunks() -> Iterator[list[Article]]:
            for start in range(0, len(ids), settings.CHUNK_SIZE):
                batch = [
                    store.load_article(i, with_raw=first_stage == "clean")
                    for i in ids[start : start + settings.CHUNK_SIZE]
                ]
                summary.read += len(batch)
                yield batch

        with running(workers, engine, scheduler, warm_up=_warm_up) as run:
            for results in run.map(process_chunk, chunks(), names, settings.resources()):
                for result in results:
                    if isinstance(result, Skip):
                        summary.skipped.add(result)
                    else:
                        store.replace_article(result)
                        summary.stored += 1
                    if on_progress:
                        on_progress(result)
            if first_stage in ("clean", "language", "fingerprint"):
                store.relink_reprints()
            if "time" in names:
                date_from_corpus(store, ids, run)
        if "terms" in names:  # events and terms were rewritten: link the corpus afresh
            store.clear_links()
            summary.linked = link(store)
        summary.seconds = time.perf_counter() - started
        return summary
