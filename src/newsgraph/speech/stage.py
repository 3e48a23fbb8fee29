"""The ``speech`` stage: quotes with their speakers, then the claims they and the writer make."""

from __future__ import annotations

from newsgraph.model import Article, Quote
from newsgraph.speech.attributions import find_attributions
from newsgraph.speech.claims import numeric_claims
from newsgraph.speech.found import Found
from newsgraph.speech.hedged import attach_claimants, factual_claims
from newsgraph.speech.marks import Span, holds_quotation, is_quotation, quotation_spans
from newsgraph.speech.speakers import Speakers
from newsgraph.syntax import Tree
from newsgraph.timex.published import undated


def extract_speech(article: Article) -> Article:
    """Find the article's quotes and claims (needs sentences, tokens, mentions and times)."""
    tree = Tree(article)
    found = find_attributions(article, tree)
    article.quotes = quotes_of(article, tree, found)
    numeric = numeric_claims(article)
    attach_claimants(article, tree, found, numeric)
    article.claims = sorted(
        [*numeric, *factual_claims(article, tree, found, numeric)],
        key=lambda c: (c.start, c.evidence_start),
    )
    return article


def quotes_of(article: Article, tree: Tree, found: list[Found]) -> list[Quote]:
    """One quote for each attribution, in the same order, its speaker resolved."""
    speakers = Speakers(article, tree)
    marks = quotation_spans(article.body)
    return [to_quote(article, tree, f, speakers, marks) for f in found]


def kind_of(body: str, parts: list[tuple[int, int]], marks: list[Span]) -> str:
    """direct: every piece is a quotation; mixed: quoted words inside; else indirect."""
    if all(is_quotation(body, part, marks) for part in parts):
        return "direct"
    if any(holds_quotation(part, marks) for part in parts):
        return "mixed"
    return "indirect"


def to_quote(
    article: Article, tree: Tree, found: Found, speakers: Speakers, marks: list[Span]
) -> Quote:
    parts = sorted(found.content)
    speaker = speakers.resolve(found.source)
    reporter = speakers.resolve(found.reporter) if found.reporter else None
    cue_start = tree.tokens[found.cue_tokens[0]].start
    speakers.spoke(cue_start, speaker)
    cue_end = tree.tokens[found.cue_tokens[-1]].end
    time, basis = statement_time(article, tree, found)
    return Quote(
        kind=kind_of(article.body, parts, marks),
        cue=article.body[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        cue_type=found.cue_type,
        content_start=parts[0][0],
        content_end=parts[-1][1],
        parts=parts,
        speaker=speaker.text,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker_kind=speaker.kind,
        actor_id=speaker.actor_id,
        reported_by=reporter.text if reporter else None,
        reported_actor_id=reporter.actor_id if reporter else None,
        sentence=tree.tokens[found.cue_head].sentence,
        time=time,
        time_basis=basis,
        confidence=confidence(found, speaker.kind),
    )


def statement_time(article: Article, tree: Tree, found: Found) -> tuple[str | None, str | None]:
    """When it was said: a time expression on the cue's clause ("said Wednesday", "announced on
    September 11"), outside the content; else the publication date."""
    head = found.cue_head
    clause = tree.subtree(head)
    if clause:
        lo, hi = tree.tokens[clause[0]].start, tree.tokens[clause[-1]].end
        cue_at = tree.tokens[head].start
        candidates = [
            t
            for t in article.timexes
            if lo <= t.start
            and t.end <= hi
            and t.value
            and t.type in ("DATE", "TIME")
            and not any(s <= t.start < e for s, e in found.content)
        ]
        if candidates:
            nearest = min(candidates, key=lambda t: abs(t.start - cue_at))
            return nearest.value, "timex"
    if article.published is not None and not undated(article.published):
        return article.published.value, "published"
    return None, None


def confidence(found: Found, speaker_kind: str) -> float:
    """How sure the shape makes us: a named speaker and a clausal or quoted content score high."""
    score = {"verb": 0.8, "frame": 0.85, "noun": 0.65, "mark": 0.8}[found.cue_type]
    if speaker_kind == "actor":
        score += 0.1
    elif speaker_kind == "none":
        score -= 0.15
    return round(min(score, 0.95), 2)
