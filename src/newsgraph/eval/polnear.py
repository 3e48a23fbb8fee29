"""The ``polnear`` scorer: quotes (attributions) against PolNeAR's brat annotations.

A PolNeAR directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat
standoff; the alphabetically first annotator where several annotated a document) and, when
present, ``metadata.tsv`` with each document's ``publication_date``. Brat offsets count
characters of the raw file, headline included, so the system runs on the raw text as its
body (stages ``annotate`` to ``speech``; never ``clean``, which would drop the headline and
shift every offset).

Matching ("content overlap, source overlap or resolved to the same actor"): a system quote
matches a gold attribution when their contents share a character and either their sources
share a character, or the speaker's actor is the actor the system resolved at the gold source,
or the gold source is a relative pronoun whose antecedent is the speaker ("Barkley, who said":
PolNeAR marks "who", the system names Barkley), or the gold source is the quote's reporter
("according to Reuters, Francis said …": PolNeAR annotates the outer attribution only, the
system gives Francis the words and Reuters the relay), or neither has a source. Alignment is
one-to-one, greedy by the size of the content overlap.

Subsets (``direct``, ``mixed``, ``indirect``, ``speech_cue``) are read off the one alignment:
recall is the share of the subset's gold items matched, precision the share of the subset's
system items matched, each side deciding membership by its own record.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph import settings
from newsgraph.data import load
from newsgraph.eval.matching import ratio
from newsgraph.eval.speech import greedy_align
from newsgraph.eval.split import select
from newsgraph.model import Article, Quote, Skip
from newsgraph.pipeline import process_chunk
from newsgraph.speech import learned

Span = tuple[int, int]

STAGES: tuple[str, ...] = ("annotate", "time", "actors", "speech")
SUBSETS: tuple[str, ...] = ("direct", "mixed", "indirect", "speech_cue")
ERROR_SAMPLE = 40

_DOUBLE_QUOTES = "\"“”„‟«»"
_QUOTES = _DOUBLE_QUOTES + "'‘’‚‛‹›"
# A quotation mark inside content: any double one, or a single one that opens a word (‘hope’);
# a single one after a letter is an apostrophe (Clinton’s, the Clintons’).
_QUOTE_INSIDE = re.compile(rf"[{_DOUBLE_QUOTES}]|(?<!\w)['‘‛‹](?=\w)")
_TRAILING = " \t\r\n.,;:!?…"
_LETTERS = re.compile(r"[^\W\d_]+")

_IRREGULAR_VERBS = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
    "spoken": "speak", "thought": "think", "knew": "know", "known": "know", "saw": "see",
    "seen": "see", "found": "find", "felt": "feel", "heard": "hear", "meant": "mean",
    "made": "make", "gave": "give", "given": "give", "held": "hold", "led": "lead",
    "sang": "sing", "sung": "sing", "swore": "swear", "sworn": "swear", "taught": "teach",
    "foresaw": "foresee", "foreseen": "foresee", "understood": "understand",
    "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose", "drew": "draw",
    "drawn": "draw", "broke": "break", "broken": "break", "took": "take", "taken": "take",
    "sent": "send", "got": "get", "gotten": "get", "came": "come", "went": "go", "gone": "go",
    "shown": "show", "withdrew": "withdraw", "withdrawn": "withdraw", "paid": "pay",
    "laid": "lay", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be",
    "has": "have", "had": "have", "does": "do", "did": "do", "done": "do",
}


# -- the cue lexicon ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def cue_verbs() -> dict[str, str]:
    """Verb lemma -> class from the extractor's cue lexicon (``data/speech_cues.yaml``), or
    nothing while that file is absent or unreadable: the scorer must not need the extractor."""
    try:
        data = load("speech_cues.yaml")
        verbs = data.get("verbs") or {}
        return {str(w): str((e or {}).get("class", "")) for w, e in verbs.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def speech_verbs() -> frozenset[str]:
    """Lemmas of the cue verbs of class ``speech`` (say, tell, add …): the ``speech_cue``
    subset, PolNeAR's attributions of things said rather than believed or reported."""
    return frozenset(w for w, cls in cue_verbs().items() if cls == "speech")


def verb_lemma(word: str, known: frozenset[str] | set[str] | None = None) -> str:
    """A simple lemma (said → say, says → say, noted → note, admitted → admit): irregular
    forms from a table, else the first suffix-stripped candidate that is a ``known`` verb (the
    cue lexicon's), else the bare strip. Enough to look a cue up in the lexicon, which is all
    it is for; not a general lemmatizer."""
    w = word.casefold()
    if w in _IRREGULAR_VERBS:
        return _IRREGULAR_VERBS[w]
    known = known if known is not None else frozenset(cue_verbs())
    candidates = [w]
    if w.endswith("ing") and len(w) > 4:
        stem = w[:-3]
        candidates += [stem, stem + "e"] + ([stem[:-1]] if _doubled(stem) else [])
    elif w.endswith("ied") and len(w) > 4:
        candidates += [w[:-3] + "y"]
    elif w.endswith("ed") and len(w) > 3:
        stem = w[:-2]
        candidates += [stem, w[:-1]] + ([stem[:-1]] if _doubled(stem) else [])
    elif w.endswith("ies") and len(w) > 4:
        candidates += [w[:-3] + "y"]
    elif w.endswith("s") and len(w) > 2 and not w.endswith("ss"):
        candidates += [w[:-1]] + ([w[:-2]] if w.endswith("es") else [])
    for candidate in candidates:
        if candidate in known:
            return candidate
    return candidates[1] if len(candidates) > 1 else w


def _doubled(stem: str) -> bool:
    return len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls"


def cue_head_lemma(cue: str) -> str | None:
    """The lemma of a cue's head verb: the last word that is a lexicon verb ("has said",
    "said Thursday", "also said" → say), else the last word's ("according to" → to)."""
    found = _LETTERS.findall(cue)
    if not found:
        return None
    known = frozenset(cue_verbs())
    lemmas = [verb_lemma(w, known) for w in found]
    for lemma in reversed(lemmas):
        if lemma in known:
            return lemma
    return lemmas[-1]


# -- the brat reader ----------------------------------------------------------------------------


@dataclass(slots=True)
class GoldAttribution:
    """One PolNeAR attribution: spans as (start, end) characters of the raw file, a part each.

    ``source`` is empty for ``Attribution-no-source``; texts are the pieces joined by a
    space, as brat writes them."""

    id: str
    content: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)
    content_text: str = ""
    cue_text: str = ""
    source_text: str = ""


@dataclass(slots=True)
class PolnearDoc:
    """A document's raw text (what the offsets count) and its chosen annotator's attributions."""

    name: str
    text: str
    published_given: str | None  # the date the file gives, as written
    annotator: str
    attributions: list[GoldAttribution]


def parse_spans(spec: str) -> list[Span]:
    """brat's "START END[;START END…]" (a discontinuous span has several parts)."""
    spans = []
    for part in spec.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat file. ``T`` lines give typed spans; ``E`` lines tie a
    Content, Cue and Source (roles may carry a number, "Content2", for a second piece) to
    an Attribution trigger. Discard and Discuss spans, and events without content, are left
    out: there is nothing for a system quote to match."""
    spans: dict[str, tuple[str, list[Span], str]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in _raw(path).replace("\r\n", "\n").split("\n"):
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, spec = cols[1].partition(" ")
            spans[cols[0]] = (kind, parse_spans(spec), cols[2] if len(cols) > 2 else "")
        elif line.startswith("E") and len(cols) >= 2:
            args = [(role, ref) for role, _, ref in (a.partition(":") for a in cols[1].split())
                    if ref]
            events.append((cols[0], args))
    found: list[GoldAttribution] = []
    for event_id, args in events:
        item = GoldAttribution(event_id)
        pieces: dict[str, list[str]] = {"content": [], "cue": [], "source": []}
        for role, ref in args:
            role = role.rstrip("0123456789").lower()
            if role not in pieces or ref not in spans:
                continue
            _, parts, text = spans[ref]
            getattr(item, role).extend(parts)
            pieces[role].append(text)
        if not item.content:
            continue
        for role, texts in pieces.items():
            getattr(item, role).sort()
            setattr(item, f"{role}_text", " ".join(texts))
        found.append(item)
    found.sort(key=lambda a: a.content[0])
    return found


def _raw(path: Path) -> str:
    """The file's characters as stored: no newline translation, which would move offsets."""
    return path.read_bytes().decode("utf-8")


def read_metadata(directory: Path) -> dict[str, str]:
    """filename -> publication_date from ``metadata.tsv`` (empty when there is none)."""
    path = directory / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["filename"]: row["publication_date"] for row in rows
                if row.get("filename") and row.get("publication_date")}


def annotation_files(directory: Path) -> dict[str, tuple[str, Path]]:
    """Document name -> (annotator, file) of the alphabetically first annotator's file."""
    chosen: dict[str, tuple[str, Path]] = {}
    for path in sorted((directory / "attributions").glob("*.ann")):
        name, sep, annotator = path.stem.rpartition("_")
        if not sep:
            continue
        if name not in chosen or annotator < chosen[name][0]:
            chosen[name] = (annotator, path)
    return chosen


def read_polnear(
    directory: Path, limit: int | None = None, split: str = "all"
) -> Iterator[PolnearDoc]:
    """The annotated documents of ``split`` (decided by document name, the text file's stem)
    in name order; the first ``limit`` of them when given, so that a quick look at a few
    documents never strays into the other part."""
    dates = read_metadata(directory)
    files = annotation_files(directory)
    names = [path.stem for path in sorted((directory / "text").glob("*.txt"))
             if path.stem in files]
    for name in select(names, str, split)[:limit]:
        annotator, ann = files[name]
        text = _raw(directory / "text" / f"{name}.txt")
        yield PolnearDoc(name, text, dates.get(name), annotator, read_ann(ann))


# -- gold and system classes ----------------------------------------------------------------


def gold_kind(text: str, parts: Sequence[Span]) -> str:
    """direct: every piece, trimmed of spaces and trailing punctuation, is edged by quotation
    marks; mixed: quotation marks inside (not apostrophes); else indirect."""
    pieces = [text[s:e].strip().rstrip(_TRAILING) for s, e in parts]
    if pieces and all(p and p[0] in _QUOTES and p[-1] in _QUOTES for p in pieces):
        return "direct"
    if any(_QUOTE_INSIDE.search(text[s:e]) for s, e in parts):
        return "mixed"
    return "indirect"


def gold_classes(doc: PolnearDoc, item: GoldAttribution, speech: frozenset[str]) -> set[str]:
    classes = {gold_kind(doc.text, item.content)}
    if item.cue_text and cue_head_lemma(item.cue_text) in speech:
        classes.add("speech_cue")
    return classes


def system_classes(quote: Quote, speech: frozenset[str]) -> set[str]:
    classes = {quote.kind}
    if quote.cue_type == "verb" and cue_head_lemma(quote.cue) in speech:
        classes.add("speech_cue")
    return classes


# -- matching ---------------------------------------------------------------------------------


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters two span lists share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def quote_parts(quote: Quote) -> list[Span]:
    return list(quote.parts) or [(quote.content_start, quote.content_end)]


def source_agrees(item: GoldAttribution, quote: Quote, article: Article) -> bool:
    """Source overlap, or the speaker's (or the reporter's) actor resolved at the gold source,
    or the reporter as the gold source, or neither has one."""
    speaker = None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        speaker = (quote.speaker_start, quote.speaker_end)
    if not item.source:
        return speaker is None and quote.actor_id is None
    if speaker is not None and overlap(item.source, [speaker]) > 0:
        return True
    if speaker is not None and _antecedent_in(item.source, speaker, article):
        return True
    source_text = " ".join(article.body[s:e] for s, e in item.source)
    if quote.reported_by and " ".join(quote.reported_by.lower().split()) == \
            " ".join(source_text.lower().split()):
        return True
    resolved = {quote.actor_id, quote.reported_actor_id} - {None}
    return any(m.actor_id in resolved and overlap(item.source, [(m.start, m.end)]) > 0
               for m in article.mentions)


RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})


def _antecedent_in(source: Sequence[Span], speaker: Span, article: Article) -> bool:
    """Whether a gold source that is a relative pronoun ("Barkley, who said …": PolNeAR marks
    "who") stands for the speaker the system gave: the noun its relative clause modifies lies
    in the speaker's span. The pronoun and its antecedent are one source."""
    if len(source) != 1 or article.body[source[0][0]:source[0][1]].lower() not in \
            RELATIVE_PRONOUNS:
        return False
    at = next((t for t in article.tokens if t.start == source[0][0]), None)
    if at is None or not 0 <= at.head < len(article.tokens):
        return False
    clause = article.tokens[at.head]
    if clause.dep != "relcl" or not 0 <= clause.head < len(article.tokens):
        return False
    noun = article.tokens[clause.head]
    return speaker[0] <= noun.start < speaker[1]


def align(doc: PolnearDoc, article: Article) -> dict[int, int]:
    """Gold index -> system quote index, one-to-one, by content overlap size."""
    pairs = []
    for gi, item in enumerate(doc.attributions):
        for si, quote in enumerate(article.quotes):
            shared = overlap(item.content, quote_parts(quote))
            if shared > 0 and source_agrees(item, quote, article):
                pairs.append((shared, gi, si))
    return greedy_align(pairs)


# -- scoring ----------------------------------------------------------------------------------


def body_article(article_id: str, source: str, text: str,
                 published_given: str | None = None) -> Article:
    """A text that is already an article's body, as one (never cleaned): the system's offsets
    are the text's, as a gold key's are."""
    return Article(
        id=article_id, source=source, format="txt", markup="text", raw=text,
        raw_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), body=text,
        published_given=published_given, encoding="utf-8",
    )


def make_article(doc: PolnearDoc, source: str) -> Article:
    """The raw text as the body, so that system offsets are brat offsets."""
    return body_article(f"polnear:{doc.name}", source, doc.text, doc.published_given)


def run_system(docs: Sequence[PolnearDoc], directory: Path,
               other: list[Article | str] | None = None) -> list[Article | str]:
    """Each document processed (in batches), or the reason it was skipped. Given a list as
    ``other``, each document's speech stage is also run on a copy with the learned cues
    switched the other way (``settings.SPEECH_CUE_MODEL``: on if the shipped system has them
    off), and those articles are appended to it: the comparison the README reports."""
    out: list[Article | str] = []
    for first in range(0, len(docs), settings.CHUNK_SIZE):
        batch = docs[first:first + settings.CHUNK_SIZE]
        articles = [make_article(d, str(directory / "text" / f"{d.name}.txt")) for d in batch]
        parsed = process_chunk(articles, STAGES[:-1])
        reasons = {r.source: r.reason for r in parsed if not isinstance(r, Article)}
        ready = [r for r in parsed if isinstance(r, Article)]
        if other is not None:
            shipped = settings.SPEECH_CUE_MODEL
            settings.SPEECH_CUE_MODEL = not shipped
            try:
                switched = process_chunk([copy.deepcopy(r) for r in ready], STAGES[-1:])
            finally:
                settings.SPEECH_CUE_MODEL = shipped
            other.extend(_in_order(articles, switched, reasons))
        out.extend(_in_order(articles, process_chunk(ready, STAGES[-1:]), reasons))
    return out


def _in_order(articles: Sequence[Article], results: Sequence[Article | Skip],
              reasons: dict[str, str]) -> list[Article | str]:
    done = {r.id: r for r in results if isinstance(r, Article)}
    reasons = {**reasons, **{r.source: r.reason for r in results if not isinstance(r, Article)}}
    return [done.get(a.id) or reasons.get(a.source, "no result") for a in articles]


def _prf(gold: int, system: int, gold_matched: int, system_matched: int) -> dict[str, Any]:
    precision, recall = ratio(system_matched, system), ratio(gold_matched, gold)
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_polnear(
    directory: Path, limit: int | None = None, *, split: str = "all"
) -> dict[str, Any]:
    """Precision, recall and F1 of the system's quotes against PolNeAR's attributions in the
    documents of ``split``, overall and by subset, with a sample of misses and spurious quotes
    for the extractor."""
    docs = list(read_polnear(directory, limit, split))
    speech = speech_verbs()
    other: list[Article | str] = []
    shipped = run_system(docs, directory, other if learned.load_model() else None)
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    skipped = [{"doc": doc.name, "reason": r} for doc, r in zip(docs, shipped, strict=True)
               if isinstance(r, str)]
    result: dict[str, Any] = {"documents": len(docs),
                              **_scores(docs, shipped, speech, missed, spurious)}
    result["speech_verbs"] = len(speech)
    result["learned_cues"] = settings.SPEECH_CUE_MODEL
    if other:  # the system with the learned cues switched the other way, under its own key
        key = "rules_alone" if settings.SPEECH_CUE_MODEL else "with_learned_cues"
        result[key] = _scores(docs, other, speech)
    reasons: dict[str, int] = {}
    for entry in missed:
        reasons[entry["reason"]] = reasons.get(entry["reason"], 0) + 1
    result["missed_by_reason"] = dict(sorted(reasons.items(), key=lambda r: -r[1]))
    result["skipped"] = skipped
    result["errors"] = _sample(missed, spurious)
    return {"split": split, **result}


def _scores(docs: Sequence[PolnearDoc], results: Sequence[Article | str],
            speech: frozenset[str], missed: list[dict[str, Any]] | None = None,
            spurious: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Overall and subset figures of one run of the system by the one alignment; a skipped
    document has no quotes, so each of its gold items is missed. Given lists, the misses and
    spurious quotes are added to them."""
    counts = {name: {"gold": 0, "system": 0, "gold_matched": 0, "system_matched": 0}
              for name in ("all", *SUBSETS)}
    for doc, result in zip(docs, results, strict=True):
        article = result if isinstance(result, Article) else make_article(doc, doc.name)
        aligned = align(doc, article)
        matched_system = set(aligned.values())
        for gi, item in enumerate(doc.attributions):
            for name in ("all", *gold_classes(doc, item, speech)):
                counts[name]["gold"] += 1
                counts[name]["gold_matched"] += gi in aligned
            if missed is not None and gi not in aligned:
                missed.append(_missed(doc, item, article))
        for si, quote in enumerate(article.quotes):
            for name in ("all", *system_classes(quote, speech)):
                counts[name]["system"] += 1
                counts[name]["system_matched"] += si in matched_system
            if spurious is not None and si not in matched_system:
                spurious.append(_spurious(doc, quote, article.body))
    overall = counts.pop("all")
    out: dict[str, Any] = {
        **_prf(overall["gold"], overall["system"], overall["gold_matched"],
               overall["system_matched"]),
        "gold": overall["gold"], "system": overall["system"], "matched": overall["gold_matched"],
    }
    for name, c in counts.items():
        out[name] = {**_prf(c["gold"], c["system"], c["gold_matched"], c["system_matched"]), **c}
    return out


def _missed(doc: PolnearDoc, item: GoldAttribution, article: Article) -> dict[str, Any]:
    """A gold attribution no system quote matched, and the nearest reason why."""
    touching = [q for q in article.quotes if overlap(item.content, quote_parts(q)) > 0]
    if not touching:
        reason = "no system content overlaps"
    elif any(source_agrees(item, q, article) for q in touching):
        reason = "its match went to another gold attribution"
    else:
        reason = "source disagrees"
    entry: dict[str, Any] = {
        "doc": doc.name, "error": "missed", "reason": reason, "start": item.content[0][0],
        "cue": item.cue_text, "source": item.source_text or None,
        "content": item.content_text[:80],
    }
    if touching and reason == "source disagrees":
        best = max(touching, key=lambda q: overlap(item.content, quote_parts(q)))
        entry["system_speaker"] = best.speaker
        entry["system_actor"] = best.actor_id
    return entry


def _spurious(doc: PolnearDoc, quote: Quote, body: str) -> dict[str, Any]:
    return {"doc": doc.name, "error": "spurious", "start": quote.content_start,
            "cue": quote.cue, "cue_type": quote.cue_type, "speaker": quote.speaker,
            "kind": quote.kind, "content": quote.content(body)[:80]}


def _sample(missed: list[dict[str, Any]], spurious: list[dict[str, Any]],
            size: int = ERROR_SAMPLE) -> list[dict[str, Any]]:
    """Up to ``size`` errors, half misses and half spurious where both have enough, spread
    over the documents (every k-th) rather than all from the first ones."""
    take_missed = min(len(missed), max(size // 2, size - len(spurious)))
    take_spurious = min(len(spurious), size - take_missed)
    return [*_spread(missed, take_missed), *_spread(spurious, take_spurious)]


def _spread(items: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    if count <= 0:
        return []
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]
