"""A read-only view of an article's dependency parse, for the stages that read clauses.

The annotate stage stores tokens as plain records (head as an absolute index), so that later
stages can run again from the store without spaCy. Speech and event extraction both need the
same few walks over that tree: children, subtrees as character spans, the subject of a verb.
They live here once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator

from newsgraph.model import Article, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
AUXILIARIES = frozenset({"aux", "auxpass", "neg"})
# Dependents that start another statement inside a clause.
SEPARATE = frozenset({"ccomp", "relcl", "parataxis", "advcl"})
# Prepositions whose gerund shares the subject of the verb the phrase modifies ("ended by
# saying", "left after telling"); not "of", "for" or "from", whose gerund often belongs to
# the object ("accused Kim of lying", "praised her for saying", "barred him from speaking").
SUBJECT_CONTROL = frozenset({"by", "after", "before", "while", "upon", "on", "without",
                             "since", "through", "in"})
# Verbs whose object is the instrument of the act their infinitive names, so the act is the
# subject's: "Pakistan used Chinese-made jets to shoot down …" (not "led observers to …").
INSTRUMENTS = frozenset({"use", "employ", "utilize", "utilise"})


class Tree:
    """Children, subtrees and spans over ``article.tokens``, built once per article."""

    def __init__(self, article: Article) -> None:
        self.body = article.body
        self.tokens: list[Token] = article.tokens
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, token in enumerate(self.tokens):
            if token.head != i and 0 <= token.head < len(self.tokens):
                self.children[token.head].append(i)
        self.starts = [t.start for t in self.tokens]
        self.sentence_tokens: dict[int, list[int]] = {}
        for i, token in enumerate(self.tokens):
            self.sentence_tokens.setdefault(token.sentence, []).append(i)

    def token_at(self, offset: int) -> int | None:
        """The token covering a character offset, if any."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.tokens[i].end else None

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Tokens lying wholly within [start, end)."""
        first = bisect_left(self.starts, start)
        return [i for i in range(first, bisect_left(self.starts, end)) if self.tokens[i].end <= end]

    def text(self, i: int) -> str:
        token = self.tokens[i]
        return self.body[token.start : token.end]

    def lower(self, i: int) -> str:
        return self.text(i).lower()

    def hyphened_modifier(self, i: int) -> bool:
        """Whether a participle is the end of a hyphened modifier ("the English-speaking
        regions", "Saudi-led talks"): a description of the noun, not an act in the text
        (a hyphened verb, "test-fired missiles", heads its clause)."""
        token = self.tokens[i]
        return (token.dep in ("amod", "compound") and token.tag in ("VBG", "VBN")
                and i > 0 and self.text(i - 1) == "-"
                and self.tokens[i - 1].end == token.start)

    def head(self, i: int) -> int | None:
        """The head's index, None for a sentence root (or a head outside the article, which
        :attr:`children` leaves out too, so a walk up never meets a token a walk down cannot)."""
        head = self.tokens[i].head
        return None if head == i or not 0 <= head < len(self.tokens) else head

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of ``i``, only those with one of ``deps`` when given."""
        if not deps:
            return self.children[i]
        return [c for c in self.children[i] if self.tokens[c].dep in deps]

    def kid(self, i: int, *deps: str) -> int | None:
        found = self.kids(i, *deps)
        return found[0] if found else None

    def subtree(
        self, i: int, *, skip: Iterable[int] = (), prune: Callable[[int], bool] | None = None
    ) -> list[int]:
        """Token indices under ``i`` (itself included), in order, without ``skip``'s subtrees
        and those of the descendants ``prune`` picks (``i`` itself is never pruned)."""
        skipped = set(skip)
        out: list[int] = []
        stack = [i]
        while stack:
            current = stack.pop()
            if current in skipped or (prune is not None and current != i and prune(current)):
                continue
            out.append(current)
            stack.extend(self.children[current])
        return sorted(out)

    def span(self, indices: Iterable[int]) -> tuple[int, int]:
        """The character hull of tokens, trimmed of edge punctuation and whitespace tokens."""
        ordered = [i for i in sorted(indices) if self.tokens[i].pos not in ("SPACE",)]
        while ordered and self._edge_punct(ordered[0], leading=True):
            ordered.pop(0)
        while ordered and self._edge_punct(ordered[-1], leading=False):
            ordered.pop()
        if not ordered:
            return (0, 0)
        return (self.tokens[ordered[0]].start, self.tokens[ordered[-1]].end)

    def _edge_punct(self, i: int, *, leading: bool) -> bool:
        """Commas, dashes and colons at a span's edge belong to the sentence, not the span.

        Quotation marks stay: whether content is edged by them is what makes a quote direct.
        """
        token = self.tokens[i]
        if token.pos != "PUNCT":
            return False
        text = self.text(i)
        if text in QUOTE_CHARS:
            return False
        return leading or text not in (".", "!", "?", ")")

    def clause(self, verb: int) -> list[int]:
        """The verb's own clause: its subtree without the statements nested in it (relative,
        adverbial and complement clauses, coordinated verbs), whose times are their own."""
        nested = [k for k in self.children[verb] if self.tokens[k].dep in SEPARATE
                  or (self.tokens[k].dep == "conj" and self.tokens[k].pos in ("VERB", "AUX"))]
        return self.subtree(verb, skip=nested)

    def ancestors(self, i: int) -> Iterator[int]:
        current = self.head(i)
        seen = {i}
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.head(current)

    def subject(self, verb: int) -> int | None:
        """The verb's subject; for a conjoined or controlled verb, the one it shares.

        "Kim arrived and said …" → Kim for "said"; "led some observers to speculate" → the
        object of the controlling verb ("some observers"), "wants to say" → its subject,
        "ended by saying" → the subject of "ended".
        """
        current: int | None = verb
        for _ in range(4):
            if current is None:
                return None
            found = self.kid(current, "nsubj", "csubj")
            if found is not None:
                return found
            dep = self.tokens[current].dep
            head = self.head(current)
            if dep == "conj" and head is not None:
                current = head
            elif dep == "xcomp" and head is not None:
                controller = self.kid(head, "dobj")
                if controller is not None and self.tokens[head].lemma.lower() not in INSTRUMENTS:
                    return controller
                current = head
            elif (
                dep in ("advcl", "acl", "csubj")
                and head is not None
                and self.tokens[verb].tag == "VBG"
            ):
                # "…, saying that …": the participle's subject is its clause's subject
                current = head
            elif (
                dep == "pcomp"
                and head is not None
                and self.tokens[verb].tag == "VBG"
                and self.lower(head) in SUBJECT_CONTROL
                and self.head(head) is not None
                and self.tokens[self.head(head)].pos in ("VERB", "AUX")  # type: ignore[index]
            ):
                # "distanced himself by saying …": the subject of the verb the phrase modifies
                current = self.head(head)
            else:
                return None
        return None

    def passive(self, verb: int) -> bool:
        """Whether the verb is passive: a passive subject, or a passive auxiliary other than
        a contracted "'s" over an active subject ("who's argued" is "who has argued", which
        the parser often reads as "is argued")."""
        kids = [self.tokens[c] for c in self.children[verb]]
        if any(k.dep == "nsubjpass" for k in kids):
            return True
        return any(k.dep == "auxpass" and not (
            self.lower(c) in ("'s", "’s") and any(x.dep == "nsubj" for x in kids))
            for c, k in zip(self.children[verb], kids, strict=True))


QUOTE_CHARS = frozenset("\"“”„«»'")  # ' for the '' of plain-text archives (a lone ' is
# rarely a quote: whether a span is quoted is decided by speech.marks, not by this set)
