"""Score the time tagger on TimeML corpora (TimeBank, AQUAINT) the way TempEval-3 did.

Each ``.tml`` file gives a document creation time (``<DCT>``) and a ``<TEXT>`` whose inline
``<TIMEX3>`` tags are the gold expressions; EVENT and SIGNAL tags are stripped. The plain text
is tagged with ``tag(text, published_day=DCT)``; a range is scored as its two TimeML ends
(:func:`newsgraph.timex.timeml_parts`), since TimeML has no range value.

Figures (TempEval-3, UzZaman et al. 2013):

* strict recognition: a system expression with exactly a gold span;
* relaxed recognition: a system expression overlapping a gold one (aligned one to one, largest
  overlap first, so one long system span cannot count for two gold ones);
* value accuracy: among relaxed pairs, the share with the same value;
* value F1: a system expression is correct when it overlaps a gold one and has its value;
  P = correct / system, R = correct / gold.

Values are compared after :func:`canonical_value`, which writes alike what TimeML allows to
write in several ways; see there. The baseline is ``dateparser.search.search_dates`` with the
DCT as relative base, preferring past dates, every hit a DATE valued YYYY-MM-DD (dateparser is
in the ``dev`` extra, not a runtime dependency).

:func:`score_hidden_dct` is the blind test of both clocks: the DCT is withheld, the texts go
through the real pipeline as undated articles of one corpus, and the publication dates it
infers are scored against the DCTs, the time expressions against the gold as resolved through
those dates.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.eval import ScorerError
from newsgraph.eval.matching import canonical_value
from newsgraph.eval.split import select
from newsgraph.model import Article, Published
from newsgraph.timex import tag, timeml_parts
from newsgraph.timex.dates import iso_day

MAX_ERRORS = 50
MONTH_DAYS = 31  # the widest interval that still dates an article to its month
CONFIDENCE_FLOORS = (0.9, 0.7, 0.5, 0.3)  # the table's rows, then one for any confidence > 0

Span = tuple[int, int, str, str]  # start, end, type, value
Tagger = Callable[[str, str | None], list[Span]]


@dataclass(slots=True)
class TimeMLDoc:
    """One TimeML file: its name, creation date, plain text and gold expressions."""

    name: str
    part: str
    dct: str | None
    text: str
    gold: list[Span]

    @property
    def file(self) -> str:
        """The file as the figures name it: its part and name."""
        return f"{self.part}/{self.name}" if self.part else self.name


def read_timeml(path: Path, part: str = "") -> TimeMLDoc:
    """Plain TEXT content with the character offsets of each gold TIMEX3 in it."""
    root = ET.parse(path).getroot()
    dct_value = None
    dct = root.find("DCT")
    if dct is not None:
        timex = dct.find("TIMEX3")
        if timex is not None:
            dct_value = timex.get("value")
    pieces: list[str] = []
    gold: list[Span] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                gold.append((start, length, child.get("type", ""), child.get("value", "")))
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    text_element = root.find("TEXT")
    if text_element is not None:
        walk(text_element)
    return TimeMLDoc(path.name, part, dct_value, "".join(pieces), gold)


def system_spans(text: str, dct: str | None) -> list[Span]:
    """Our tagger's expressions as TimeML spans (ranges split into their two ends)."""
    published_day = dct[:10] if dct else None
    return [part for expr in tag(text, published_day) for part in timeml_parts(expr)]


def _search_dates() -> Callable[..., Any]:
    """``dateparser.search.search_dates``, imported only for the baseline: dateparser is a dev
    dependency (the ``dev`` extra), not one newsgraph runs on."""
    try:
        from dateparser.search import search_dates
    except ImportError as error:
        raise ScorerError(
            "the timeml scorer's baseline needs dateparser, which is not installed: "
            "pip install 'newsgraph[dev]' (or dateparser)") from error
    return search_dates


def dateparser_spans(text: str, dct: str | None) -> list[Span]:
    """The baseline: every date ``dateparser`` finds, valued YYYY-MM-DD."""
    search_dates = _search_dates()
    base = datetime.fromisoformat(dct[:10]) if dct else datetime(2000, 1, 1)
    found = search_dates(
        text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    ) or []
    spans: list[Span] = []
    position = 0
    for substring, when in found:
        start = text.find(substring, position)
        if start < 0:
            start = text.find(substring)
            if start < 0:
                continue
        else:
            position = start + len(substring)
        spans.append((start, start + len(substring), "DATE", when.date().isoformat()))
    return spans


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_right: int = 0
    files: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value_right += other.value_right
        self.files += other.files

    def figures(self) -> dict[str, Any]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp = self.strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        rp = self.relaxed / self.system if self.system else 0.0
        rr = self.relaxed / self.gold if self.gold else 0.0
        vp = self.value_right / self.system if self.system else 0.0
        vr = self.value_right / self.gold if self.gold else 0.0
        return {
            "strict_f1": f1(sp, sr),
            "relaxed_f1": f1(rp, rr),
            "value_f1": f1(vp, vr),
            "value_accuracy": self.value_right / self.relaxed if self.relaxed else 0.0,
            "strict_precision": sp,
            "strict_recall": sr,
            "relaxed_precision": rp,
            "relaxed_recall": rr,
            "files": self.files,
            "gold_timexes": self.gold,
            "system_timexes": self.system,
        }


def align(gold: list[Span], system: list[Span]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, best overlap first."""
    pairs = []
    for gi, (gs, ge, _, _) in enumerate(gold):
        for si, (ss, se, _, _) in enumerate(system):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                exact = gs == ss and ge == se
                pairs.append((not exact, -overlap, gi, si))
    pairs.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    out = []
    for _, _, gi, si in pairs:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        out.append((gi, si))
    return out


def score_document(doc: TimeMLDoc, spans: list[Span], errors: list[dict[str, Any]]) -> Counts:
    counts = Counts(gold=len(doc.gold), system=len(spans), files=1)
    matched_system: set[int] = set()
    matched_gold: set[int] = set()
    for gi, si in align(doc.gold, spans):
        gold, system = doc.gold[gi], spans[si]
        matched_gold.add(gi)
        matched_system.add(si)
        counts.relaxed += 1
        counts.strict += gold[0] == system[0] and gold[1] == system[1]
        if canonical_value(gold[3]) == canonical_value(system[3]):
            counts.value_right += 1
        else:
            errors.append(_error(doc, gold, system))
    for gi, gold in enumerate(doc.gold):
        if gi not in matched_gold:
            errors.append(_error(doc, gold, None))
    for si, system in enumerate(spans):
        if si not in matched_system:
            errors.append(_error(doc, None, system))
    return counts


def _error(doc: TimeMLDoc, gold: Span | None, system: Span | None) -> dict[str, Any]:
    return {
        "file": doc.file,
        "dct": doc.dct,
        "gold_text": doc.text[gold[0]:gold[1]] if gold else None,
        "gold_value": gold[3] if gold else None,
        "system_text": doc.text[system[0]:system[1]] if system else None,
        "system_value": system[3] if system else None,
    }


def find_documents(
    directory: Path, limit: int | None = None, split: str = "all"
) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``directory`` in ``split`` (decided by file name), its part
    being its top-level subdirectory."""
    paths = select(sorted(directory.rglob("*.tml")), lambda path: path.name, split)
    if limit is not None:
        paths = _spread(paths, limit)
    docs = []
    for path in paths:
        relative = path.relative_to(directory)
        part = relative.parts[0] if len(relative.parts) > 1 else ""
        docs.append(read_timeml(path, part))
    return docs


def _spread(paths: list[Path], limit: int) -> list[Path]:
    """``limit`` files taken evenly across the sorted list, so every part keeps some."""
    if limit >= len(paths):
        return paths
    step = len(paths) / max(limit, 1)
    return [paths[int(i * step)] for i in range(limit)]


def _score_all(
    tagged: Iterable[tuple[TimeMLDoc, list[Span]]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures over the documents, each with its system spans, overall and by part."""
    total = Counts()
    parts: dict[str, Counts] = {}
    errors: list[dict[str, Any]] = []
    for doc, spans in tagged:
        counts = score_document(doc, spans, errors)
        total.add(counts)
        if doc.part:
            parts.setdefault(doc.part, Counts()).add(counts)
    figures = total.figures()
    figures["parts"] = {name: counts.figures() for name, counts in sorted(parts.items())}
    return figures, errors


def _tagged(docs: list[TimeMLDoc], tagger: Tagger) -> Iterable[tuple[TimeMLDoc, list[Span]]]:
    return ((doc, tagger(doc.text, doc.dct)) for doc in docs)


def score_timeml(
    directory: Path, *, baseline: bool = True, limit: int | None = None, split: str = "all"
) -> dict[str, Any]:
    """Our tagger (and the dateparser baseline) on every TimeML file of ``split`` under
    ``directory``."""
    if baseline:
        _search_dates()  # a missing dateparser says so before the scoring, not after it
    docs = find_documents(directory, limit, split)
    result, errors = _score_all(_tagged(docs, system_spans))
    if baseline:
        result["baseline"], _ = _score_all(_tagged(docs, dateparser_spans))
    result["errors"] = _sample(errors, MAX_ERRORS)
    return {"split": split, **result}


def score_hidden_dct(directory: Path, *, split: str = "all") -> dict[str, Any]:
    """Both clocks blind: the TimeML files of ``split`` ingested together, with no creation
    time, as undated articles; the publication dates the pipeline infers (from each text, then
    from one another) against the hidden DCTs, and its time expressions, resolved through
    those dates, against the gold as :func:`score_timeml` scores them.

    What matters most is that a confident date is never wrong (``by_confidence``): a wrong
    date silently shifts every relative expression of its article, an unknown one leaves them
    underspecified.
    """
    docs = find_documents(directory, split=split)
    articles = ingest_undated(docs)
    verdicts: list[DateVerdict] = []
    date_errors: list[dict[str, Any]] = []
    for doc, article in zip(docs, articles, strict=True):
        truth = iso_day(doc.dct)
        if truth is None:
            continue
        published = article.published if article else None
        verdict = judge_date(published, truth)
        verdicts.append(verdict)
        if published and (verdict.wrong or verdict.off_day):
            date_errors.append(_date_error(doc, published, verdict))
    tagged = ((doc, article_spans(article, doc.text) if article else [])
              for doc, article in zip(docs, articles, strict=True))
    result, errors = _score_all(tagged)
    return {
        "split": split,
        "publication_date": date_figures(verdicts),
        **result,
        "errors": _sample(date_errors, MAX_ERRORS),
        "timex_errors": _sample(errors, MAX_ERRORS),
    }


def ingest_undated(docs: list[TimeMLDoc]) -> list[Article | None]:
    """Each document's text ingested as a plain-text capture with no date or URL, all into one
    temporary store so that the corpus step can date them from each other; the articles read
    back in the documents' order (None for one the pipeline skipped)."""
    from newsgraph.ingest.readers import read_bytes
    from newsgraph.pipeline import ingest_items
    from newsgraph.store import Store

    items = [next(read_bytes(doc.text.encode("utf-8"), doc.file, "txt")) for doc in docs]
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "undated.db") as store:
        ingest_items(items, store)
        return [
            store.load_article(item.id)
            if isinstance(item, Article) and store.has_article(item.id) else None
            for item in items
        ]


def article_spans(article: Article, text: str) -> list[Span]:
    """The article's time expressions as TimeML spans at their offsets in ``text``, the text
    it was made from: cleaning may have taken lines off the body (a headline) or broken them,
    so each expression is looked for near where the body's lines put it."""
    spans = [part for expr in article.timexes for part in timeml_parts(expr)]
    if article.body == text:
        return spans
    anchors = _line_anchors(article.body, text)
    placed = []
    for start, end, kind, value in spans:
        at = _nearest(text, article.body[start:end], start + _shift(anchors, start))
        if at is not None:
            placed.append((at, at + end - start, kind, value))
    return placed


def _line_anchors(body: str, text: str) -> list[tuple[int, int]]:
    """``(offset in body, offset in text)`` of each body line found in ``text``. Cleaning only
    removes and breaks lines, so the lines it keeps come in ``text`` in the body's order."""
    anchors = []
    cursor = at = 0
    for line in body.split("\n"):
        if line.strip() and (found := text.find(line, cursor)) >= 0:
            anchors.append((at, found))
            cursor = found + len(line)
        at += len(line) + 1
    return anchors


def _shift(anchors: list[tuple[int, int]], offset: int) -> int:
    """How far ``text`` is ahead of the body at ``offset``: that of the last line before it."""
    if not anchors:
        return 0
    index = bisect_right(anchors, offset, key=lambda anchor: anchor[0])
    body_at, text_at = anchors[max(index - 1, 0)]
    return text_at - body_at


def _nearest(text: str, wanted: str, expected: int) -> int | None:
    """Where ``wanted`` occurs in ``text`` nearest to ``expected``; None when nowhere."""
    expected = max(expected, 0)
    found = (text.find(wanted, expected), text.rfind(wanted, 0, expected + len(wanted)))
    return min((at for at in found if at >= 0), key=lambda at: abs(at - expected), default=None)


@dataclass(frozen=True, slots=True)
class DateVerdict:
    """One file's inferred publication date against its hidden creation day."""

    confidence: float
    day_right: bool  # the stored date is the creation day
    off_day: bool  # the stored date is another day
    month_right: bool  # an interval at most a month wide holds the creation day
    wrong: bool  # the interval excludes the creation day (an open end excludes nothing)
    unknown: bool  # nothing dated the article (or the pipeline skipped it)


def judge_date(published: Published | None, truth: date) -> DateVerdict:
    """Compare a stored publication date with the true day. Only an interval can be wrong:
    an unknown date claims nothing, and a date the corpus could not finish (``XXXX-MM-DD``)
    is neither right nor wrong."""
    if published is None or published.source == "unknown":
        confidence = published.confidence if published else 0.0
        return DateVerdict(confidence, False, False, False, False, True)
    day, earliest, latest = (iso_day(v) for v in (published.value, published.earliest,
                                                published.latest))
    holds = (earliest is None or earliest <= truth) and (latest is None or truth <= latest)
    narrow = earliest is not None and latest is not None and (latest - earliest).days < MONTH_DAYS
    return DateVerdict(published.confidence, day == truth, day not in (None, truth),
                       narrow and holds, not holds, False)


def date_figures(verdicts: list[DateVerdict]) -> dict[str, Any]:
    """Shares of all files (day, month, wrong, unknown), and how many dates are wrong at or
    above each confidence."""
    def share(count: int) -> float:
        return count / len(verdicts) if verdicts else 0.0

    rows = {f">={floor}": [v for v in verdicts if v.confidence >= floor]
            for floor in CONFIDENCE_FLOORS}
    rows[">0"] = [v for v in verdicts if v.confidence > 0]
    return {
        "day_accuracy": share(sum(v.day_right for v in verdicts)),
        "month_accuracy": share(sum(v.month_right for v in verdicts)),
        "wrong_rate": share(sum(v.wrong for v in verdicts)),
        "unknown_rate": share(sum(v.unknown for v in verdicts)),
        "files": len(verdicts),
        "by_confidence": {
            name: {"files": len(row), "wrong": sum(v.wrong for v in row),
                   "day_right": sum(v.day_right for v in row)}
            for name, row in rows.items()
        },
    }


def _date_error(doc: TimeMLDoc, published: Published, verdict: DateVerdict) -> dict[str, Any]:
    return {
        "file": doc.file,
        "true": (doc.dct or "")[:10],
        "system": published.value,
        "interval": [published.earliest, published.latest],
        "confidence": published.confidence,
        "wrong": verdict.wrong,
        "basis": published.basis,
    }


def _sample(items: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """An even spread over the errors, so one bad file cannot fill the sample."""
    if len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]
