"""Claims on someone's word: hedged facts, and who vouches for each number.

A statement becomes a *factual claim* when the text leaves it on its source's authority:
a reporting or doubting cue ("KCNA reported", "according to reports", "charges have been made
that", "have denied", "some observers speculate", "is considered to be") or a hedging adverb
("reportedly", "allegedly"). Plain speech ("Kim said") is a quote, not a claim. Numbers get
their claimant from the attribution whose content holds them; a sentence-initial frame
("According to some estimates, …") keeps its scope over the next sentences of its paragraph,
as readers take it, until another attribution intervenes.
"""

from __future__ import annotations

from newsgraph.model import Article, Claim
from newsgraph.speech.cues import speech_cues
from newsgraph.speech.found import Found
from newsgraph.syntax import Tree

# How many sentences after it a sentence-initial frame still covers.
FRAME_SCOPE = 2
# The doubt an agentless passive report leaves ("is said to"): nobody stands behind it.
IMPERSONAL_HEDGE = 0.5


def hedge_tokens(tree: Tree, found: Found) -> list[int]:
    """The words that hedge an attribution: its cue with an adjacent source, and any adverb."""
    tokens = list(found.hedge_tokens)
    if cue_doubt(tree, found) is None:
        return tokens
    tokens.extend(found.cue_tokens)
    if found.source:
        near = min(abs(s - c) for s in found.source for c in found.cue_tokens)
        if near <= 2:
            tokens.extend(found.source)
    if found.cue_type == "verb":
        for xcomp in tree.kids(found.cue_head, "xcomp"):  # "is considered to be", "said to"
            tokens.extend(c for c in tree.kids(xcomp, "aux") if c > found.cue_head)
    return tokens


def hedge_strength(tree: Tree, found: Found) -> float | None:
    """The strongest doubt its words cast: the cue's own, an adverb's, an impersonal passive's."""
    adverbs = speech_cues().adverbs
    strengths = [adverbs[tree.lower(t)] for t in found.hedge_tokens if tree.lower(t) in adverbs]
    cue = cue_doubt(tree, found)
    if cue is not None:
        strengths.append(cue)
    return max(strengths) if strengths else None


def cue_doubt(tree: Tree, found: Found) -> float | None:
    """The doubt the cue itself casts: its lexicon hedge, or an impersonal passive's."""
    if (
        found.cue_type == "verb"
        and tree.passive(found.cue_head)
        and tree.kid(found.cue_head, "agent") is None
    ):
        return max(found.cue.hedge or 0.0, IMPERSONAL_HEDGE)  # "was said to", "is believed to"
    return found.cue.hedge


def attach_claimants(article: Article, tree: Tree, found: list[Found], claims: list[Claim]) -> None:
    """Give each numeric claim the source that vouches for it, and that source's hedge."""
    for claim in claims:
        index = _covering(found, claim.evidence_start, claim.evidence_end)
        if index is None:
            index = _frame_in_scope(article, tree, found, claim)
        if index is None:
            claim.claimant, claim.claimant_kind = article.outlet, "outlet"
            continue
        quote = article.quotes[index]
        claim.quote = index
        claim.claimant = quote.speaker
        claim.claimant_kind = "actor" if quote.actor_id else "phrase"
        claim.actor_id = quote.actor_id
        if claim.hedge is None:
            _set_hedge(claim, tree, found[index])


def factual_claims(
    article: Article, tree: Tree, found: list[Found], numeric: list[Claim]
) -> list[Claim]:
    """A claim for every hedged attribution that holds no number, and every hedged sentence."""
    claims: list[Claim] = []
    hedged_cues: set[int] = set()
    for index, f in enumerate(found):
        if hedge_strength(tree, f) is None:
            continue
        hedged_cues.add(f.cue_head)
        if any(c.quote == index for c in numeric):
            continue
        quote = article.quotes[index]
        tokens = [*f.cue_tokens, *f.source, *f.hedge_tokens]
        if f.cue_type == "verb":
            tokens += tree.subtree(f.cue_head)  # the clause, with its subject ("It is considered")
        start = min(quote.content_start, *(tree.tokens[t].start for t in tokens))
        end = max(quote.content_end, *(tree.tokens[t].end for t in tokens))
        claim = Claim(
            kind="factual",
            start=start,
            end=end,
            evidence_start=0,
            evidence_end=0,
            text="",
            about=quote.content(article.body),
            claimant=quote.speaker,
            claimant_kind="actor" if quote.actor_id else ("phrase" if quote.speaker else "outlet"),
            actor_id=quote.actor_id,
            sentence=quote.sentence,
            quote=index,
        )
        if claim.claimant is None:
            claim.claimant = article.outlet
        _set_hedge(claim, tree, f)
        claim.evidence_start, claim.evidence_end = (
            claim.hedge_start or start,
            claim.hedge_end or end,
        )
        claim.text = article.body[claim.evidence_start : claim.evidence_end]
        claims.append(claim)
    claims.extend(_adverb_claims(article, tree, hedged_cues))
    return claims


def _adverb_claims(article: Article, tree: Tree, taken: set[int]) -> list[Claim]:
    """ "The missile was reportedly tested in April": the writer's own sentence, hedged."""
    adverbs = speech_cues().adverbs
    claims = []
    for i, token in enumerate(tree.tokens):
        lower = tree.lower(i)
        head = tree.head(i)
        if lower not in adverbs or token.dep != "advmod" or head is None or head in taken:
            continue
        start, end = tree.span(tree.subtree(head))
        index = next(
            (
                q
                for q, quote in enumerate(article.quotes)
                if any(s <= token.start < e for s, e in quote.parts)
            ),
            None,
        )
        quote = article.quotes[index] if index is not None else None
        claims.append(
            Claim(
                kind="factual",
                start=start,
                end=end,
                evidence_start=token.start,
                evidence_end=token.end,
                text=article.body[token.start : token.end],
                about=article.body[start:end],
                claimant=quote.speaker if quote else article.outlet,
                claimant_kind=("actor" if quote.actor_id else "phrase") if quote else "outlet",
                actor_id=quote.actor_id if quote else None,
                hedge=article.body[token.start : token.end],
                hedge_start=token.start,
                hedge_end=token.end,
                hedge_strength=adverbs[lower],
                sentence=token.sentence,
                quote=index,
            )
        )
    return claims


def _set_hedge(claim: Claim, tree: Tree, found: Found) -> None:
    tokens = hedge_tokens(tree, found)
    if not tokens:
        return
    start, end = tree.span(tokens)
    claim.hedge_start, claim.hedge_end = start, end
    claim.hedge = tree.body[start:end]
    claim.hedge_strength = hedge_strength(tree, found)


def _covering(found: list[Found], start: int, end: int) -> int | None:
    for index, f in enumerate(found):
        if any(s <= start and end <= e for s, e in f.content):
            return index
    return None


def _frame_in_scope(article: Article, tree: Tree, found: list[Found], claim: Claim) -> int | None:
    """The hedged frame opening a nearby earlier sentence of the same paragraph, if any."""
    before = [
        i
        for i, f in enumerate(found)
        if article.quotes[i].sentence < claim.sentence <= article.quotes[i].sentence + FRAME_SCOPE
    ]
    if not before:
        return None
    index = before[-1]
    f = found[index]
    if f.cue_type != "frame" or f.cue.hedge is None:
        return None
    between = article.body[article.quotes[index].content_end : claim.evidence_start]
    if "\n" in between.strip(" "):
        return None  # a new paragraph ends the frame's reach
    return index
