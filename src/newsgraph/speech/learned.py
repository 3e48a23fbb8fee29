"""Attribution cues the lexicon does not list, found by a learned classifier.

PolNeAR attributes far more than speech: "mocked the ambitions of …", "supports the plan",
"is expected to endorse …". The rules of :mod:`newsgraph.speech.attributions` find cues from a
lexicon; this module scores every other verb and noun of the parse with a logistic regression
over hashed features (the word, its tags, its dependents and subject, the lexicon, what the
rules found around it), trained on PolNeAR's train part by :mod:`newsgraph.train.speech_cues`
and shipped as ``models/attribution_cues/weights.npz``. A word it scores as a cue, outside what
the rules found, gets a source (its subject, the agent of a passive, a noun's possessor) and a
content (its clause, else its object, else the object of its preposition, else a quotation
beside it) from the same parse. A second logistic regression, the checker, then reads the
attribution so built (what its source and content are, the cue's score) and keeps it only
where attributions of that shape were right on held-out parts of train and in the project's
own labels of news (``news_checks.tsv``): a cue can be right and its source or content
wrong. No second parse: a few hundred dot products an article.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np

from newsgraph import settings
from newsgraph.speech.cues import Cue, speech_cues
from newsgraph.speech.found import Found
from newsgraph.speech.marks import Span, inside
from newsgraph.syntax import AUXILIARIES, Tree

MODEL = "attribution_cues"
VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN"})
# A learned cue's content: its clause, its object, or the object of one of these dependents.
OBJECTS = ("dobj", "attr", "oprd", "acomp")
NOUN_CLAUSES = ("acl", "ccomp", "appos", "relcl")
# Subjects that name no speaker.
IMPERSONAL = frozenset({"it", "this", "that", "there", "what"})  # "who" is PolNeAR's source
# Object heads that are no content: "said Friday", "responded Sunday".
NOT_CONTENT = frozenset({"DATE", "TIME"})
# Prepositions of place and time, whose object is no content: "spoke in Moscow".
CIRCUMSTANCE = frozenset({"in", "at", "during", "after", "before", "since", "until",
                          "through", "near", "across", "around", "within", "into"})
# Child dependencies whose word says something about the cue ("point out", "called for").
WORD_KIDS = frozenset({"mark", "prt", "prep", "agent", "neg", "aux", "auxpass", "advmod"})
MIN_CONTENT_WORDS = 2
CHECKER_BITS = 16


def _probabilities(weights: np.ndarray, bits: int, rows: list[list[str]]) -> np.ndarray:
    """A logistic regression's probability for each row of hashed feature strings."""
    if not rows:
        return np.zeros(0)
    mask = (1 << bits) - 1
    scores = np.fromiter(
        (sum(float(weights[zlib.crc32(f.encode()) & mask]) for f in row) for row in rows),
        dtype=np.float64, count=len(rows))
    return 1.0 / (1.0 + np.exp(-scores))


@dataclass(frozen=True, slots=True)
class CueModel:
    """Hashed feature weights and the decision threshold the training chose, and the
    checker's (None: every attribution a cue above the threshold builds is kept)."""

    weights: np.ndarray  # float32, 2**bits
    bits: int
    threshold: float
    sourceless: frozenset[str] = frozenset()  # cue lemmas train mostly annotates without source
    checker: np.ndarray | None = None  # float32, 2**CHECKER_BITS
    check_threshold: float = 0.5

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        return _probabilities(self.weights, self.bits, rows)

    def keeps(self, checks: list[str]) -> bool:
        """Whether the checker keeps an attribution with these features."""
        return self.checker is None or float(
            _probabilities(self.checker, CHECKER_BITS, [checks])[0]) >= self.check_threshold


def hashed(rows: list[list[str]], bits: int) -> list[np.ndarray]:
    """Each row's features as indices into a table of ``2**bits`` weights."""
    mask = (1 << bits) - 1
    return [np.array([zlib.crc32(f.encode()) & mask for f in row], dtype=np.int64)
            for row in rows]


@lru_cache(maxsize=1)
def load_model() -> CueModel | None:
    """The shipped model, or None where its file is missing (the rules then work alone)."""
    return read_model(resources.files("newsgraph").joinpath("models", MODEL, "weights.npz"))


def read_model(path: Path | Traversable) -> CueModel | None:
    """The model in a ``weights.npz`` file (a path or a package resource), or None where it
    is missing or not one."""
    try:
        with path.open("rb") as handle, np.load(handle) as data:
            checker = data["checker"].astype(np.float32) if "checker" in data else None
            return CueModel(data["weights"].astype(np.float32), int(data["bits"]),
                            float(data["threshold"]),
                            frozenset(str(w) for w in data["sourceless"]), checker,
                            float(data["check_threshold"]) if checker is not None else 0.5)
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return None


# -- features ---------------------------------------------------------------------------------


class Context:
    """What the features read besides the token: the rules' finds, quotations, entities."""

    def __init__(self, tree: Tree, found: list[Found], marks: list[Span],
                 entity_at: dict[int, str]) -> None:
        self.tree = tree
        self.marks = marks
        self.quotations = [q for q in marks if len(tree.body[q[0]:q[1]].split()) >= 5]
        self.rule_heads = {f.cue_head: f.cue_type for f in found}
        self.rule_tokens = {t for f in found for t in f.cue_tokens}
        self.contents = sorted(s for f in found for s in f.content)
        self.entity_at = entity_at
        self.quoted_sentences = {tree.tokens[t].sentence for q in self.quotations
                                 for t in (tree.token_at(q[0]), tree.token_at(q[1] - 1))
                                 if t is not None}

    def in_content(self, i: int) -> bool:
        start = self.tree.tokens[i].start
        return any(s <= start < e for s, e in self.contents)


def entity_labels(article_mentions, tree: Tree) -> dict[int, str]:
    """Token index -> the entity label of the mention it ends (a phrase's head is its last)."""
    labels: dict[int, str] = {}
    for m in article_mentions:
        last = tree.token_at(max(m.start, m.end - 1))
        if last is not None:
            labels[last] = m.label
    return labels


def candidates(tree: Tree) -> list[int]:
    """The tokens a cue may be: verbs (not auxiliaries of another verb) and common nouns."""
    out = []
    for i, token in enumerate(tree.tokens):
        if token.pos in NOUNS or (token.pos in VERBS and token.dep not in AUXILIARIES):
            out.append(i)
    return out


def features(tree: Tree, i: int, ctx: Context) -> list[str]:
    """The hashed features of token ``i`` as a cue (strings; hashing happens in the model)."""
    token = tree.tokens[i]
    lemma = token.lemma.lower()
    lex = speech_cues()
    f = ["bias", f"l={lemma}", f"w={tree.lower(i)}", f"p={token.pos}", f"t={token.tag}",
         f"d={token.dep}", f"ld={lemma}|{token.dep}", f"lt={lemma}|{token.tag}",
         f"pd={token.pos}|{token.dep}"]
    head = tree.head(i)
    if head is None:
        f.append("root")
    else:
        h = tree.tokens[head]
        f += [f"hl={h.lemma.lower()}", f"hp={h.pos}", f"dhp={token.dep}|{h.pos}",
              f"dhl={token.dep}|{h.lemma.lower()}", f"lhl={lemma}|{h.lemma.lower()}"]
        if head in ctx.rule_heads:
            f.append(f"hrule={ctx.rule_heads[head]}|{token.dep}")
    kid_deps = set()
    for c in tree.kids(i):
        dep = tree.tokens[c].dep
        kid_deps.add(dep)
        if dep in WORD_KIDS:
            f += [f"kw={dep}|{tree.lower(c)}", f"lkw={lemma}|{dep}|{tree.lower(c)}"]
    for dep in sorted(kid_deps):
        f += [f"k={dep}", f"lk={lemma}|{dep}"]
    if tree.passive(i):
        f += ["pass", f"lpass={lemma}"]
    if any(tree.lower(m) == "that" for c in tree.kids(i, "ccomp") for m in tree.kids(c, "mark")):
        f += ["that", f"lthat={lemma}"]
    subject = tree.subject(i) if token.pos in VERBS else tree.kid(i, "poss")
    if subject is None:
        f += ["s=none", f"ls=none|{lemma}"]
    else:
        s = tree.tokens[subject]
        label = ctx.entity_at.get(subject, "-")
        f += [f"s={s.pos}", f"se={label}", f"lse={lemma}|{label}", f"sd={s.dep}"]
        if s.pos == "PRON":
            f.append(f"sw={tree.lower(subject)}")
        if s.pos in ("NOUN", "PROPN"):
            f.append(f"sl={s.lemma.lower()}")
    cue = lex.verbs.get(lemma) if token.pos in VERBS else (
        lex.nouns.get(tree.lower(i)) or lex.nouns.get(lemma))
    if cue is not None:
        f += [f"lex={cue.cls}", f"lexd={cue.cls}|{token.dep}"]
    elif lemma in lex.verbs or lemma in lex.nouns:
        f.append("lex=other-pos")
    rule = ctx.rule_heads.get(i)
    if rule is not None:
        f += [f"rule={rule}", f"lrule={lemma}|{rule}"]
    elif i in ctx.rule_tokens:
        f.append("rule=part")
    if ctx.in_content(i):
        f.append("incontent")
    if inside(ctx.marks, token.start, token.end):
        f.append("inquote")
    if token.sentence in ctx.quoted_sentences:
        f += ["sentquote", f"lsq={lemma}"]
    prev = tree.lower(i - 1) if i > 0 else "<s>"
    nxt = tree.lower(i + 1) if i + 1 < len(tree.tokens) else "</s>"
    f += [f"w-1={prev}", f"w+1={nxt}", f"lw+1={lemma}|{nxt}", f"lw-1={lemma}|{prev}"]
    return f


# -- spans --------------------------------------------------------------------------------


def _content(tree: Tree, i: int, marks: list[Span],
             entity_at: dict[int, str]) -> list[int] | Span | None:
    """What a learned cue attributes: tokens of its clause or object, or a quotation's span."""
    token = tree.tokens[i]
    colon = _quotation_after_colon(tree, i, marks)
    if colon is not None:
        return colon  # "called them on it: “…”"
    if token.pos in VERBS:
        clauses = tree.kids(i, "ccomp", "xcomp")
        marked = [c for c in clauses if tree.kid(c, "mark") is not None]
        known = speech_cues().verbs.get(token.lemma.lower())
        objects = [c for c in tree.kids(i, *OBJECTS) if entity_at.get(c) not in NOT_CONTENT
                   and (known is None or known.object)]  # "told reporters": an addressee
        for head in (*marked, *clauses, *objects):
            return _without_that(tree, tree.subtree(head))
    else:
        for c in tree.kids(i, *NOUN_CLAUSES):
            if tree.kid(c, "mark") is not None or tree.tokens[c].tag == "VBG":
                return _without_that(tree, tree.subtree(c))
    for prep in tree.kids(i, "prep"):
        obj = tree.kid(prep, "pobj", "pcomp")
        if obj is not None and prep > i and tree.lower(prep) not in CIRCUMSTANCE and \
                entity_at.get(obj) not in NOT_CONTENT:
            return tree.subtree(obj)
    sentence = tree.sentence_tokens.get(token.sentence, [])
    if sentence:
        lo, hi = tree.tokens[sentence[0]].start, tree.tokens[sentence[-1]].end
        near = [q for q in marks if lo - 2 <= q[0] and q[1] <= hi + 2
                and len(tree.body[q[0]:q[1]].split()) >= 5 and not q[0] <= token.start < q[1]]
        if near:
            return min(near, key=lambda q: abs(q[0] - token.start))
    return None


def _quotation_after_colon(tree: Tree, i: int, marks: list[Span]) -> Span | None:
    """A quotation of five words or more opening after a colon that follows the cue's clause
    in its sentence."""
    end = tree.tokens[tree.subtree(i)[-1]].end
    sentence = tree.sentence_tokens.get(tree.tokens[i].sentence, [])
    last = tree.tokens[sentence[-1]].end if sentence else end
    for q in marks:
        if tree.tokens[i].end <= q[0] <= max(end, last) + 2 and ":" in tree.body[
                tree.tokens[i].end:q[0]] and len(tree.body[q[0]:q[1]].split()) >= 5:
            return q
    return None


def _without_that(tree: Tree, tokens: list[int]) -> list[int]:
    if len(tokens) > 2 and tree.lower(tokens[0]) == "that" and tree.tokens[tokens[0]].tag in (
            "IN", "DT"):
        return tokens[1:]
    return tokens


def _source(tree: Tree, i: int) -> list[int]:
    token = tree.tokens[i]
    head: int | None = None
    if token.pos in VERBS:
        if tree.passive(i):
            agent = tree.kid(i, "agent")
            head = tree.kid(agent, "pobj") if agent is not None else None
        else:
            head = tree.subject(i)
            if head is not None and tree.tokens[head].dep == "expl":
                head = None
    else:
        head = tree.kid(i, "poss")
        by = next((p for p in tree.kids(i, "prep") if tree.lower(p) in ("by", "from")), None)
        if head is None and by is not None:
            head = tree.kid(by, "pobj")
        governor = tree.head(i)
        if head is None and governor is not None and token.dep == "dobj":
            head = tree.subject(governor)
    if head is None:
        return []
    if tree.lower(head) in IMPERSONAL and tree.tokens[head].tag not in ("WP", "WDT"):
        return []
    return tree.subtree(head, skip=[i])


def _runs(tree: Tree, tokens: list[int]) -> list[Span]:
    if not tokens:
        return []
    runs = [[tokens[0]]]
    for t in tokens[1:]:
        if t == runs[-1][-1] + 1 or all(tree.tokens[g].pos in ("PUNCT", "SPACE")
                                        for g in range(runs[-1][-1] + 1, t)):
            runs[-1].append(t)
        else:
            runs.append([t])
    return [s for s in (tree.span(r) for r in runs) if s[1] > s[0]]


def build(tree: Tree, i: int, marks: list[Span], entity_at: dict[int, str] | None = None,
          sourceless: frozenset[str] = frozenset()) -> Found | None:
    """A learned cue's attribution, or None where the parse gives it no content. A verb of
    ``sourceless`` (those PolNeAR's train part mostly annotates without a source: "seemed",
    "appeared") gives its subject to the content: "Trump seemed unperturbed" has no source."""
    token = tree.tokens[i]
    lemma = token.lemma.lower()
    lex = speech_cues()
    content = _content(tree, i, marks, entity_at or {})
    if content is None:
        return None
    if token.pos in VERBS and lemma in sourceless and not isinstance(content, tuple):
        subject = tree.kid(i, "nsubj", "nsubjpass")
        extra = tree.subtree(subject) if subject is not None else []
        return Found(Cue(lemma, "report"), i, [i], _runs(tree, sorted({*extra, *content})), [],
                     "verb")
    cue_tokens = [i, *[c for c in tree.kids(i) if (tree.tokens[c].dep in AUXILIARIES
                                                   and c < i and tree.lower(c) != "to")
                       or tree.tokens[c].dep == "prt"]]
    source = _source(tree, i)
    if isinstance(content, tuple):
        spans = [content]
        source = [t for t in source if not content[0] <= tree.tokens[t].start < content[1]]
    else:
        skip = {*cue_tokens, *source}
        tokens = [t for t in content if t not in skip]
        if len(tokens) < MIN_CONTENT_WORDS and not any(
                tree.tokens[t].pos in ("PROPN", "NOUN", "VERB", "PRON") for t in tokens):
            return None
        spans = _runs(tree, tokens)
        taken = set(tokens)
        source = [t for t in source if t not in taken]
    if not spans:
        return None
    known = lex.verbs.get(lemma) if token.pos in VERBS else lex.nouns.get(lemma)
    cue = known or Cue(lemma, "report")
    return Found(cue, i, sorted(cue_tokens), spans, source,
                 "verb" if token.pos in VERBS else "noun")


# -- the checker's features --------------------------------------------------------------


def _size(n: int) -> str:
    """A count as a coarse bucket, so that lengths generalise: 1, 2, 3, 5, 8, 13, 21, 34, more."""
    return next((str(edge) for edge in (1, 2, 3, 5, 8, 13, 21, 34) if n <= edge), "more")


def check_features(tree: Tree, found: Found, probability: float, ctx: Context) -> list[str]:
    """What the checker reads of a learned attribution: the cue's score and word, its particle
    and preposition, and the shape of what was built around it: the content's kind (a
    quotation, or the dependency of its head: a clause, an object …), length and first word;
    the source's kind (none, a pronoun, an entity label, a common noun) and length; and their
    pairs with the cue."""
    i = found.cue_head
    token = tree.tokens[i]
    lemma = token.lemma.lower()
    f = ["bias", f"pb={min(int(probability * 20), 19)}", f"l={lemma}", f"lp={lemma}|{token.pos}",
         f"p={token.pos}", f"d={token.dep}"]
    tokens = [t for s, e in found.content for t in tree.tokens_in(s, e)]
    inside_content = set(tokens)
    roots = [t for t in tokens if tree.head(t) not in inside_content]
    quoted = any(span in ctx.marks or inside(ctx.marks, span[0], span[0] + 1)
                 for span in found.content)
    kind = "quote" if quoted else (tree.tokens[roots[0]].dep if roots else "-")
    f += [f"ck={kind}", f"cp={tree.tokens[roots[0]].pos if roots else '-'}",
          f"cw={_size(len(tokens))}", f"lck={lemma}|{kind}", f"ckw={kind}|{_size(len(tokens))}",
          f"c0={tree.lower(tokens[0]) if tokens else '-'}"]
    if tokens and tokens[0] < i:
        f.append("cbefore")
    if found.source:
        phrase = set(found.source)
        head = next((t for t in found.source if tree.head(t) not in phrase), found.source[-1])
        s = tree.tokens[head]
        label = ctx.entity_at.get(head)
        source = (f"PRON:{tree.lower(head)}" if s.pos == "PRON" else
                  f"E:{label}" if label else s.pos)
        if s.pos == "NOUN":
            f.append(f"sl={s.lemma.lower()}")
        f.append(f"sw={_size(len(found.source))}")
    else:
        source = "none"
    f += [f"sk={source}", f"lsk={lemma}|{source}", f"cksk={kind}|{source}"]
    if token.sentence in ctx.quoted_sentences:
        f.append("sentquote")
    head_of = tree.head(i)
    if head_of is not None:
        f.append(f"hl={tree.tokens[head_of].lemma.lower()}|{token.dep}")
        if head_of in ctx.rule_heads:
            f.append("head_rule")
    if tree.passive(i):
        f.append("pass")
    if tree.kid(i, "neg") is not None:
        f.append("neg")
    # A particle or a first preposition changes a verb's sense: "lay out" a plan is a cue,
    # "lay" flowers is not; "known as" names, "known that" reports.
    particle = tree.kid(i, "prt")
    preposition = next((c for c in tree.kids(i, "prep", "agent") if c > i), None)
    f += [f"lprt={lemma}|{tree.lower(particle) if particle is not None else '-'}",
          f"lprep={lemma}|{tree.lower(preposition) if preposition is not None else '-'}"]
    return f


# -- the stage's step ---------------------------------------------------------------------------


def _ruled_out(tree: Tree, i: int) -> bool:
    """A lexicon verb whose entry restricts when it is a cue (clause only, active only, some
    objects no content, a particle or a quotation needed, a relaying verb): where the rules
    said no, the lexicon knows better than the model."""
    token = tree.tokens[i]
    if any(words[0] == tree.lower(i) for words in speech_cues().frames):
        return True  # "according (to)": a frame, the rules' to read
    if token.pos not in VERBS:
        return False
    cue = speech_cues().verbs.get(token.lemma.lower())
    return cue is not None and bool(cue.clause_only or cue.active_only or cue.not_objects
                                    or cue.particle or cue.quote_only or cue.relays)



def learned_attributions(article, tree: Tree, found: list[Found], marks: list[Span],
                         model: CueModel | None = None,
                         seen: dict[int, list[str]] | None = None) -> list[Found]:
    """Attributions of the words the model scores as cues, beyond and apart from ``found``:
    a cue outside every attribution's content, with content that overlaps none of theirs,
    that the checker keeps. ``seen`` (training) collects each kept one's checker features,
    by the ``id`` of its record."""
    model = model or _override or load_model()
    if model is None:
        return []
    ctx = Context(tree, found, marks, entity_labels(article.mentions, tree))
    pool = [i for i in candidates(tree) if i not in ctx.rule_tokens and not _ruled_out(tree, i)]
    probabilities = model.probabilities([features(tree, i, ctx) for i in pool])
    ranked = sorted((p, i) for p, i in zip(probabilities, pool, strict=True)
                    if p >= model.threshold)
    added: list[Found] = []
    spans = list(ctx.contents)
    cues = set(ctx.rule_tokens)
    for probability, i in reversed(ranked):
        start = tree.tokens[i].start
        if any(s <= start < e for s, e in spans) or inside(ctx.quotations, start, start + 1):
            continue
        if tree.head(i) in cues or any(c in cues for c in tree.kids(i)):
            continue  # a word of a cue already found: "made the charge", "reserved … for"
        attribution = build(tree, i, marks, ctx.entity_at, model.sourceless)
        if attribution is None or any(s < e2 and s2 < e for s, e in attribution.content
                                      for s2, e2 in spans):
            continue
        if any(s <= tree.tokens[t].start < e for t in cues for s, e in attribution.content):
            continue  # it would hold a cue found already
        checks = check_features(tree, attribution, float(probability), ctx)
        if not model.keeps(checks):
            continue
        if seen is not None:
            seen[id(attribution)] = checks
        added.append(attribution)
        spans.extend(attribution.content)
        cues.update(attribution.cue_tokens)
    return added


_override: CueModel | None = None


def use_model(model: CueModel | None) -> None:
    """Score with ``model`` instead of the shipped one (training picks its threshold so);
    None goes back to the shipped one."""
    global _override
    _override = model


def enabled() -> bool:
    """Whether the speech stage adds the learned cues (``settings.SPEECH_CUE_MODEL``)."""
    return settings.SPEECH_CUE_MODEL
