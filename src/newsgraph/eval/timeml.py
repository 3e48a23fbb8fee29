"""Score the time tagger on TimeML corpora (TimeBank, AQUAINT) the way TempEval-3 did.

Each ``.tml`` file gives a document creation time (``<DCT>``) and a ``<TEXT>`` whose inline
``<TIMEX3>`` tags are the gold expressions; EVENT and SIGNAL tags are stripped. The plain text
is tagged with ``tag(text, published=DCT)``; a range is scored as its two TimeML ends
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
DCT as relative base, preferring past dates, every hit a DATE valued YYYY-MM-DD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsgraph.eval.matching import canonical_value
from newsgraph.timex import tag, timeml_parts

MAX_ERRORS = 50

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
    published = dct[:10] if dct else None
    return [part for expr in tag(text, published) for part in timeml_parts(expr)]


def dateparser_spans(text: str, dct: str | None) -> list[Span]:
    """The baseline: every date ``dateparser`` finds, valued YYYY-MM-DD."""
    from dateparser.search import search_dates

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
        "file": f"{doc.part}/{doc.name}" if doc.part else doc.name,
        "dct": doc.dct,
        "gold_text": doc.text[gold[0]:gold[1]] if gold else None,
        "gold_value": gold[3] if gold else None,
        "system_text": doc.text[system[0]:system[1]] if system else None,
        "system_value": system[3] if system else None,
    }


def find_documents(directory: Path, limit: int | None = None) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``directory``, its part being its top-level subdirectory."""
    paths = sorted(directory.rglob("*.tml"))
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
    docs: Iterable[TimeMLDoc], tagger: Tagger
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    total = Counts()
    parts: dict[str, Counts] = {}
    errors: list[dict[str, Any]] = []
    for doc in docs:
        counts = score_document(doc, tagger(doc.text, doc.dct), errors)
        total.add(counts)
        if doc.part:
            parts.setdefault(doc.part, Counts()).add(counts)
    figures = total.figures()
    figures["parts"] = {name: counts.figures() for name, counts in sorted(parts.items())}
    return figures, errors


def score_timeml(
    directory: Path, *, baseline: bool = True, limit: int | None = None
) -> dict[str, Any]:
    """Our tagger (and the dateparser baseline) on every TimeML file under ``directory``."""
    docs = find_documents(directory, limit)
    result, errors = _score_all(docs, system_spans)
    if baseline:
        result["baseline"], _ = _score_all(docs, dateparser_spans)
    result["errors"] = _sample(errors, MAX_ERRORS)
    return result


def _sample(items: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """An even spread over the errors, so one bad file cannot fill the sample."""
    if len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]
