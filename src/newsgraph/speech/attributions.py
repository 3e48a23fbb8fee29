"""Find attributions: a source, a cue and the content the cue gives to the source.

Read from the dependency parse, cue by cue, in three shapes:

- a cue verb and its complement: "Kim said (that) …", "“…,” Kim said", "told Mr. Kim that …",
  "denied the charges", "called for …", "was said to resemble …" (no source), "accused X of
  Y", "called the attack a war crime", "sees X as Y", "made it clear that …", "as Interfax
  reported, …";
- a fixed frame: "according to X, …", "judging from X, …";
- a cue noun with its clause or quotation: "the charge that …", "sent the following
  message: “…”", "charges have been made that …"; or, where it names who makes it, with its
  preposition or to-clause: "her call for a ban", "Moscow's threat to cut gas".

Quotations the parse leaves without a cue are then attached where news style puts them: the
next paragraph of a quote already attributed continues it. Nested attributions ("X said Y
believes …") keep the outer one only, as PolNeAR annotates them.
"""

from __future__ import annotations

from itertools import pairwise

from newsgraph.model import Article
from newsgraph.speech import learned
from newsgraph.speech.cues import Cue, speech_cues
from newsgraph.speech.found import Found
from newsgraph.speech.layout import layout_attributions
from newsgraph.speech.marks import Span, inside, is_quotation, quotation_spans
from newsgraph.syntax import AUXILIARIES, Tree

# Dependencies that carry a cue verb's content, in order of preference.
CLAUSAL = ("ccomp", "xcomp")
# Dependencies a predicative word of a cue takes in the parse ("made it clear", "made known").
PREDICATIVE = ("ccomp", "oprd", "acomp", "xcomp", "dobj")
# Subjects that name no speaker.
IMPERSONAL = frozenset({"it", "this", "that", "there"})
# Content shorter than this, unless quoted, is an object ("accusing her"), not a statement.
MIN_CONTENT_WORDS = 2
# Fewer words in quotation marks are a quoted phrase ("matters of mutual concern"), not a quotation.
QUOTATION_WORDS = 5
NAMED_AFTER_QUOTE_WORDS = 25  # a speaker with a long apposition, not a clause
LIGHT_VERBS = frozenset(
    {
        "make",
        "level",
        "raise",
        "issue",
        "voice",
        "express",
        "deliver",
        "give",
        "send",
        "release",
        "publish",
        "post",
        "write",
    }
)


def find_attributions(article: Article, tree: Tree | None = None,
                      seen: dict[int, list[str]] | None = None) -> list[Found]:
    """Every attribution in the article, in text order: the rules' (:func:`rule_attributions`),
    then, unless ``settings.SPEECH_CUE_MODEL`` is off, those of the cues the learned classifier
    finds beyond them (:mod:`newsgraph.speech.learned`; ``seen`` as there)."""
    tree = tree or Tree(article)
    marks = quotation_spans(article.body)
    found = rule_attributions(article, tree, marks)
    if learned.enabled():
        found += learned.learned_attributions(article, tree, found, marks, seen=seen)
    _trailing_relays(found, tree)
    _inherit_sources(found, tree)
    _continue_quotes(found, marks, article.body)
    return sorted(found, key=lambda f: tree.tokens[f.cue_tokens[0]].start)


def rule_attributions(article: Article, tree: Tree, marks: list[Span]) -> list[Found]:
    """The attributions of the lexicon's cues and the page layout, outermost, one per content
    (what the learned cues are added to, and what their features read)."""
    lex = speech_cues()
    found: list[Found] = layout_attributions(tree, marks)
    taken: set[int] = set()
    quotations = [q for q in marks if len(article.body[q[0] : q[1]].split()) >= QUOTATION_WORDS]
    for i, token in enumerate(tree.tokens):
        if inside(quotations, token.start, token.end):
            continue  # the quoted speaker's own words: "“I think we'll win,” she said"
        lower = tree.lower(i)
        attribution: Found | None = None
        frame = _frame_at(tree, i)
        if frame is not None:
            attribution = _frame(tree, i, frame)
        elif token.pos in ("VERB", "AUX") and token.lemma.lower() in lex.verbs:
            attribution = _verb(tree, i, lex.verbs[token.lemma.lower()], marks)
        elif token.pos in ("NOUN", "PROPN") and (
            lower in lex.nouns or token.lemma.lower() in lex.nouns
        ):
            cue = lex.nouns.get(lower) or lex.nouns[token.lemma.lower()]
            attribution = _noun(tree, i, cue, marks)
        if attribution is not None and attribution.content and i not in taken:
            attribution.content = [
                _snap_to_quote(s, marks, article.body) for s in attribution.content
            ]
            found.append(attribution)
            taken.update(attribution.cue_tokens)
    return _one_per_content(_outermost(found, tree, marks), tree)


def _frame_at(tree: Tree, i: int) -> tuple[tuple[str, ...], Cue] | None:
    for words, cue in speech_cues().frames.items():
        end = i + len(words)
        if (
            end <= len(tree.tokens)
            and all(tree.lower(i + k) == word for k, word in enumerate(words))
            and tree.tokens[end - 1].sentence == tree.tokens[i].sentence
        ):
            return words, cue
    return None


def _frame(tree: Tree, i: int, frame: tuple[tuple[str, ...], Cue]) -> Found | None:
    """ "According to X, …": X is the source, the clause the frame hangs from the content."""
    words, cue = frame
    cue_tokens = list(range(i, i + len(words)))
    last = cue_tokens[-1]
    source_head = tree.kid(last, "pobj", "dobj") or tree.kid(tree.kid(last, "prep") or last, "pobj")
    if source_head is None:
        return None
    source = tree.subtree(source_head)
    # the frame's first word hangs from the clause it qualifies
    clause = tree.head(i)
    if clause is None:
        return None
    while tree.tokens[clause].pos not in ("VERB", "AUX") and tree.head(clause) is not None:
        clause = tree.head(clause)  # type: ignore[assignment]
    content = tree.subtree(clause, skip=[i])
    content = [t for t in content if t not in source and t not in cue_tokens]
    return Found(cue, last, cue_tokens, _spans(tree, content), source, cue_type="frame")


def _verb(tree: Tree, i: int, cue: Cue, marks: list[Span]) -> Found | None:
    token = tree.tokens[i]
    if token.dep in ("amod", "compound") or (token.tag == "VBN" and token.dep == "acl"):
        return None  # "the said agreement", "a report released Monday"
    if cue.complements:
        return _predicative(tree, i, cue, marks)
    particle = any(tree.lower(c) == cue.particle for c in tree.kids(i, "prt"))
    if cue.particle and not particle and not cue.preps:
        return None  # "point" is a cue as "point out" or "point to", not alone
    if cue.active_only and tree.passive(i):
        return None  # "was shown the documents"
    if cue.relays and (relayed := _quoted_as(tree, i, cue, marks)) is not None:
        return relayed
    content_head = _clause(tree, i)
    if cue.clause_only and not (content_head is not None and _that_clause(tree, content_head)):
        return None  # "ordered residents to evacuate": a command, not a statement
    if content_head is None and token.tag == "VBG" and token.dep in ("csubj", "advcl"):
        content_head = _stolen_clause(tree, i)
    content: list[int] = []
    if content_head is not None:
        # "said X, stating that Y": the parse hangs the second cue from the first's content
        content = _proposition(tree, content_head, skip=_trailing_cues(tree, content_head))
        raised = tree.kid(i, "nsubjpass")
        if raised is not None and tree.tokens[content_head].dep == "xcomp":
            # "One design was said to resemble …": what was said is that the design resembles
            content = sorted({*tree.subtree(raised), *content})
    elif token.tag == "VBG" and token.dep == "csubj" and tree.head(i) is not None:
        # "Stressing that A are B, Kim stressed …" parsed as the subject of its own content
        head = tree.head(i)
        main = tree.head(head) or head  # type: ignore[arg-type]
        found = _with_source(
            tree,
            main,
            cue,
            _spans(tree, _proposition(tree, head, skip=[i])),
            [],  # type: ignore[arg-type]
            marks,
        )
        if found is not None:
            found.cue_head, found.cue_tokens = i, [i]
        return found
    elif (token.dep == "parataxis" or _as_clause(tree, i, cue)) and tree.head(i) is not None:
        # "Content, he said, more content" and "Content, he said." parsed from the content;
        # "As Tharoor wrote, “…”", "Prices will rise, as the minister said": the clause the
        # as-clause hangs from is what was said
        head = tree.head(i)
        content = tree.subtree(head, skip=[i])  # type: ignore[arg-type]
    else:
        quoted = _adjacent_quote(tree, i, marks) if _introduces_quotes(tree, i, cue) else None
        if quoted is not None:
            return _with_source(tree, i, cue, [quoted], [], marks)
        if cue.quote_only:
            return None
        obj = tree.kid(i, "dobj")
        predicate = tree.kids(i, "oprd")
        if obj is not None and ((cue.object and (particle or not cue.particle)) or predicate) \
                and tree.tokens[obj].lemma.lower() not in cue.not_objects:
            # "called the attack a war crime", "considers him a threat": the object with
            # what it is called or held to be
            content = sorted({*tree.subtree(obj), *(t for c in predicate for t in tree.subtree(c))})
        if cue.preps:
            # "accused Kim of lying", "blamed the army for the delay", "sees Cruz as a
            # uniter": the object and what the preposition says of it are one content
            phrase = _prep_content(tree, i, cue)
            if phrase and obj is not None and tree.lower(phrase[0]) == "as":
                content = sorted({*content, *tree.subtree(obj)})
            content = sorted({*content, *phrase})
    agent = tree.kid(i, "agent")
    if not content and not cue.quote_only and agent is not None and tree.kid(agent, "pobj") \
            is not None and (subject := tree.kid(i, "nsubjpass")) is not None:
        content = tree.subtree(subject)  # "The move was first reported by MSNBC"
    if not content and not cue.quote_only:
        content = _without_that(tree, _that_fallback(tree, i))
    if not content or (cue.quote_only and not _quoted(tree, content, marks)):
        return None
    if token.dep == "relcl" and tree.tokens[content[0]].tag in ("WP", "WDT"):
        return None  # "the ship, which it considered to be …": the content is the antecedent
    return _with_source(tree, i, cue, _spans(tree, content), content, marks)


def _trailing_cues(tree: Tree, head: int) -> list[int]:
    """Participles of saying after a content clause's verb: in "Cruz said Trump represents New
    York values, stating that …" the parse makes "stating" part of what Cruz said; it is a
    second statement of his."""
    verbs = speech_cues().verbs
    return [c for c in tree.kids(head, "advcl") if c > head and tree.tokens[c].tag == "VBG"
            and (cue := verbs.get(tree.tokens[c].lemma.lower())) is not None and cue.speech]


def _outer_cue(tree: Tree, i: int) -> int | None:
    """The cue verb whose content clause a trailing participle of saying was hung from (see
    ``_trailing_cues``): its subject is the participle's speaker."""
    head = tree.head(i)
    if head is None or i not in _trailing_cues(tree, head) or tree.tokens[head].dep != "ccomp":
        return None
    outer = tree.head(head)
    if outer is None or tree.tokens[outer].lemma.lower() not in speech_cues().verbs:
        return None
    return outer


def _as_clause(tree: Tree, i: int, cue: Cue, word: int | None = None) -> bool:
    """Whether the cue heads an adverbial "as"-clause of saying with nothing said inside it:
    "as the minister said", "as one delegate put it" (``word``: the cue's own "it"), not
    "as he seeks …", "as he described it", "as he is known"."""
    mark = tree.kid(i, "mark")
    return (tree.tokens[i].dep == "advcl" and mark is not None and tree.lower(mark) == "as"
            and cue.cls in ("speech", "report") and not tree.passive(i)
            and all(k == word for k in tree.kids(i, "dobj", "attr", "oprd"))
            and not any(tree.lower(p) in cue.preps for p in tree.kids(i, "prep")))


def _predicative(tree: Tree, i: int, cue: Cue, marks: list[Span]) -> Found | None:
    """ "made (it) clear that …", "made known that …", "as one delegate put it, …": the verb
    is a cue only with its word, and the content is the clause that hangs from either of
    them, else what an as-clause qualifies, else the quotation beside it."""
    word = next((c for c in tree.kids(i, *PREDICATIVE) if tree.lower(c) in cue.complements),
                None)
    if word is None or tree.kids(i, "prt"):
        return None  # "put it up on the wall" is another verb
    clause = next((c for c in tree.kids(word, "advcl", "ccomp", "csubj")), None)
    if clause is None:
        clause = next((c for c in tree.kids(i, "advcl", "ccomp") if c != word), None)
    head = tree.head(i)
    content: list[int] = []
    spans: list[Span] = []
    if clause is not None:
        content = _proposition(tree, clause)
    elif _as_clause(tree, i, cue, word) and head is not None:
        content = tree.subtree(head, skip=[i])  # "as one delegate put it, “…”"
    elif (quoted := _adjacent_quote(tree, i, marks)) is not None:
        spans = [quoted]  # "Trump put it this way: “…”"
    else:
        return None
    found = _with_source(tree, i, cue, spans or _spans(tree, content), content, marks)
    if found is not None:
        found.cue_tokens = sorted({*found.cue_tokens, word})
    return found


def _prep_content(tree: Tree, i: int, cue: Cue) -> list[int]:
    """The content a cue takes through one of its prepositions: its object ("called for a
    ban"), or a clause the preposition introduces ("called for the US to step up …", which the
    parse reads as an adverbial clause marked by "for"), without the preposition."""
    for prep in tree.kids(i, "prep"):
        if tree.lower(prep) in cue.preps and tree.kid(prep, "pobj", "pcomp") is not None:
            return tree.subtree(prep)
    for clause in tree.kids(i, "advcl"):
        mark = tree.kid(clause, "mark")
        if mark is not None and tree.lower(mark) in cue.preps:
            return tree.subtree(clause, skip=[mark])
    return []


def _proposition(tree: Tree, head: int, *, skip: list[int] | None = None) -> list[int]:
    """A content clause without its complementizer: what was said, not "that"."""
    return _without_that(tree, tree.subtree(head, skip=skip or ()))


def _without_that(tree: Tree, tokens: list[int]) -> list[int]:
    """Drop a leading "that" (a complementizer, or one the parse misread as a determiner)."""
    if (
        len(tokens) > 2
        and tree.lower(tokens[0]) == "that"
        and tree.tokens[tokens[0]].tag in ("IN", "DT")
    ):
        return tokens[1:]
    return tokens


def _clause(tree: Tree, i: int) -> int | None:
    """The verb's content clause: a "that"-clause first, else the first clausal complement."""
    clauses = tree.kids(i, *CLAUSAL)
    marked = [c for c in clauses if _that_clause(tree, c)]
    return (marked or clauses or [None])[0]


def _that_clause(tree: Tree, head: int) -> bool:
    return any(tree.lower(m) == "that" for m in tree.kids(head, "mark"))


def _quoted_as(tree: Tree, i: int, cue: Cue, marks: list[Span]) -> Found | None:
    """ "X quoted Y as saying …", "X cited Y as telling …": Y speaks, X relays the words."""
    speaker = tree.kid(i, "dobj")
    said = next((tree.kid(p, "pcomp") for p in tree.kids(i, "prep") if tree.lower(p) == "as"),
                None)
    if speaker is None or said is None or \
            tree.tokens[said].lemma.lower() not in speech_cues().verbs:
        return None
    head = _clause(tree, said)
    content = [_adjacent_quote(tree, said, marks)] if head is None else \
        _spans(tree, _proposition(tree, head))
    if not content or content[0] is None:
        return None
    subject = tree.subject(i)
    reporter = tree.subtree(subject) if subject is not None else []
    return Found(cue, i, _cue_tokens(tree, i), content, tree.subtree(speaker), "verb",
                 reporter=reporter)


def _stolen_clause(tree: Tree, i: int) -> int | None:
    """ "Stressing that A, Kim stressed that B": the parse hangs both clauses on the main verb;
    the participle's is the one its main verb does not take."""
    head = tree.head(i)
    if head is None:
        return None
    taken = _clause(tree, head)
    spare = [c for c in tree.kids(head, "ccomp") if c != taken and i < c < head]
    return spare[0] if spare else None


def _that_fallback(tree: Tree, i: int) -> list[int]:
    """A cue followed by "that" whose clause the parse lost (often split off as a sentence
    of its own): the content runs from "that" to the next sentence that ends as one."""
    for j in range(i + 1, min(i + 8, len(tree.tokens))):
        if tree.tokens[j].sentence != tree.tokens[i].sentence:
            return []
        if (
            tree.lower(j) == "that"
            and tree.tokens[j].tag == "IN"
            and tree.head(j) is not None
            and i in (tree.head(j), *tree.ancestors(j))
        ):
            sentence = tree.tokens[j].sentence
            last = tree.sentence_tokens[sentence][-1]
            while tree.tokens[last].pos in ("SPACE",) or tree.text(last) not in (".", "!", "?"):
                following = tree.sentence_tokens.get(tree.tokens[last].sentence + 1)
                if not following or tree.text(last) in (".", "!", "?"):
                    break
                last = following[-1]
            return list(range(j, last + 1))
        if tree.tokens[j].dep in ("ccomp", "dobj", "nsubj"):
            return []
    return []


def _with_source(
    tree: Tree,
    i: int,
    cue: Cue,
    content: list[Span],
    content_tokens: list[int],
    marks: list[Span],
) -> Found | None:
    source: list[int] = []
    if tree.passive(i):
        agent = tree.kid(i, "agent")
        pobj = tree.kid(agent, "pobj") if agent is not None else None
        if pobj is not None:
            source = tree.subtree(pobj)
    else:
        outer = _outer_cue(tree, i)
        subject = tree.subject(outer if outer is not None else i)
        if subject is not None and tree.tokens[subject].dep != "expl":
            source = tree.subtree(subject)
            if tree.tokens[subject].dep == "dobj":  # "led some observers to speculate"
                source = [t for t in source if t not in tree.subtree(i)]
    in_content = set(content_tokens)
    if any(t in in_content for t in source) or (
        source and any(s <= tree.tokens[source[0]].start < e for s, e in content)
    ):
        source = _inverted_subject(tree, i, content)
    source = _antecedent(tree, i, source)
    if source and tree.tokens[source[0]].pos == "PRON" and tree.lower(source[0]) in IMPERSONAL \
            and not (len(source) == 1 and tree.lower(source[0]) == "it" and cue.speech
                     and not tree.passive(i)):
        source = []  # "it is said that …", "that shows …": no one speaks ("it said": a body)
    if source and all(
        tree.tokens[t].pos in ("NUM", "PUNCT", "SYM") or tree.lower(t) in ("a.m.", "p.m.")
        for t in source
    ):
        source = []  # a timestamp the parse took for a subject ("5:45 p.m. Trump says …")
    quoted = all(is_quotation(tree.body, part, marks) for part in content)
    if not source and quoted and not tree.passive(i):
        source = _named_after_quote(tree, i, content)
    if not source and not (tree.passive(i) or quoted or _reduced_passive(tree, i)):
        return None  # a participle or infinitive without its speaker: too unsure to keep
    if not quoted and sum(len(tree.body[s:e].split()) for s, e in content) < MIN_CONTENT_WORDS \
            and not (cue.object and _named(tree, content_tokens)):
        return None  # "accusing her", "calls what": not a statement ("endorsed Cruz" is)
    cue_tokens = _cue_tokens(tree, i)
    hedges = [c for c in tree.kids(i, "advmod") if tree.lower(c) in speech_cues().adverbs]
    return Found(cue, i, cue_tokens, content, source, "verb", hedges)


def _reduced_passive(tree: Tree, i: int) -> bool:
    """ "Asked whether he would run, the senator said …": a past participle opening an
    adverbial clause before its verb is a passive with no auxiliary, whose agent the text
    leaves unnamed."""
    head = tree.head(i)
    return (tree.tokens[i].tag == "VBN" and tree.tokens[i].dep == "advcl"
            and head is not None and i < head and tree.subtree(i)[0] == i
            and not tree.kids(i, "nsubj", "aux", "auxpass", "mark"))


def _named(tree: Tree, tokens: list[int]) -> bool:
    """Whether the content is a name: the one party a stance is taken toward."""
    return bool(tokens) and all(tree.tokens[t].pos == "PROPN" for t in tokens)


def _named_after_quote(tree: Tree, i: int, content: list[Span]) -> list[int]:
    """The words between a quotation and its cue where the parse gave the cue no subject:
    "“…,” Bozell answers" (read as a compound noun), "“…,” Trump, the party's frontrunner in
    the state, said" (the apposition cut off): a name or noun phrase, within the sentence."""
    cue_at = tree.tokens[i].start
    ends = [e for _, e in content if e <= cue_at]
    if not ends:
        return []
    between = [t for t in tree.tokens_in(max(ends), cue_at)
               if tree.tokens[t].sentence == tree.tokens[i].sentence]
    while between and tree.tokens[between[0]].pos in ("PUNCT", "SPACE"):
        between = between[1:]
    while between and tree.tokens[between[-1]].pos in ("PUNCT", "SPACE"):
        between = between[:-1]
    if not between or len(between) > NAMED_AFTER_QUOTE_WORDS or \
            tree.tokens[between[0]].pos not in ("PROPN", "NOUN", "DET", "PRON"):
        return []
    return between


def _antecedent(tree: Tree, i: int, source: list[int]) -> list[int]:
    """ "Trump, who has pledged to …": a relative pronoun speaks for the noun it follows."""
    if len(source) != 1 or tree.tokens[source[0]].tag not in ("WP", "WDT"):
        return source
    head = tree.head(i)
    if tree.tokens[i].dep != "relcl" or head is None:
        return source
    return tree.subtree(head, skip=tree.kids(head, "relcl", "appos", "punct", "acl"))


def _inverted_subject(tree: Tree, i: int, content: list[Span]) -> list[int]:
    """ "“…,” said the chief": the subject after the verb, outside the quotation."""
    for child in tree.kids(i, "nsubj", "dobj", "npadvmod", "attr"):
        start = tree.tokens[child].start
        if (
            child > i
            and not any(s <= start < e for s, e in content)
            and tree.tokens[child].pos in ("PROPN", "NOUN")
        ):
            return tree.subtree(child)
    return []


def _cue_tokens(tree: Tree, i: int) -> list[int]:
    """The cue verb with its auxiliaries and particle: "has said", "pointed out"."""
    tokens = [i]
    for child in tree.kids(i):
        dep = tree.tokens[child].dep
        if (dep in AUXILIARIES and child < i and tree.lower(child) != "to") or dep == "prt":
            tokens.append(child)
    return sorted(tokens)


def _noun(tree: Tree, i: int, cue: Cue, marks: list[Span]) -> Found | None:
    """A cue noun's clause ("the charge that …") or quotation ("the message: “…”")."""
    content_head = None
    for child in tree.kids(i, "acl", "ccomp", "appos"):
        if tree.kid(child, "mark") is not None or tree.tokens[child].tag == "VBG":
            content_head = child
            break
    head = tree.head(i)
    dep = tree.tokens[i].dep
    if (
        content_head is None
        and head is not None
        and dep in ("nsubjpass", "nsubj", "dobj")
        and tree.tokens[head].lemma.lower() in LIGHT_VERBS
    ):
        # "charges have been made that …", "issued a statement saying …"
        content_head = next(
            (
                c
                for c in tree.kids(head, "ccomp", "advcl")
                if tree.kid(c, "mark") is not None or tree.tokens[c].tag == "VBG"
            ),
            None,
        )
    content: list[Span] = []
    content_tokens: list[int] = []
    if content_head is not None:
        if tree.tokens[content_head].tag == "VBG" and tree.lower(content_head) in (
            "saying",
            "stating",
        ):
            inner = tree.kid(content_head, *CLAUSAL)
            content_head = inner if inner is not None else content_head
        content_tokens = _proposition(tree, content_head)
        content = _spans(tree, content_tokens)
    elif (quoted := _adjacent_quote(tree, i, marks, after_colon=True)) is not None:
        content = [quoted]
    else:
        content_tokens = ((_noun_infinitive(tree, i) if cue.infinitive else [])
                          or (_noun_prep_content(tree, i, cue) if cue.preps else []))
        if not content_tokens:
            return None
        content = _spans(tree, content_tokens)
    if cue.quote_only and not any(is_quotation(tree.body, part, marks) for part in content):
        return None
    source: list[int] = []
    poss = tree.kid(i, "poss")
    by = next((p for p in tree.kids(i, "prep", "agent") if tree.lower(p) in ("by", "from")), None)
    if poss is not None:
        source = tree.subtree(poss)
    elif by is not None and tree.kid(by, "pobj") is not None:
        source = tree.subtree(tree.kid(by, "pobj"))  # type: ignore[arg-type]
    elif head is not None and dep == "dobj":
        subject = tree.subject(head)
        if subject is not None:
            source = tree.subtree(subject)
    source = [t for t in source if t not in set(content_tokens)]
    if not source and content_head is None and not any(
            is_quotation(tree.body, part, marks) for part in content):
        return None  # "a call for calm", "warnings of a storm": no one named makes them
    cue_tokens = [i]
    if head is not None and dep == "nsubjpass" and tree.tokens[head].lemma.lower() in LIGHT_VERBS:
        cue_tokens = sorted(
            {i, head, *[c for c in tree.kids(head) if tree.tokens[c].dep in AUXILIARIES]}
        )
    return Found(cue, i, cue_tokens, content, source, "noun")


def _noun_infinitive(tree: Tree, i: int) -> list[int]:
    """The to-clause of a noun of promising, threatening or planning: "his promise to cut
    taxes", "Moscow's threat to cut gas supplies" (kept only where the noun names who makes
    it; see ``_noun``)."""
    clause = next((c for c in tree.kids(i, "acl")
                   if any(tree.lower(a) == "to" for a in tree.kids(c, "aux"))), None)
    return tree.subtree(clause) if clause is not None else []


def _noun_prep_content(tree: Tree, i: int, cue: Cue) -> list[int]:
    """What a cue noun's preposition introduces: "his call for a ceasefire", "her criticism
    of the plan", "took a swipe at the mayor" (kept only where the noun names who makes it;
    see ``_noun``)."""
    preps = tree.kids(i, "prep")
    head = tree.head(i)
    if head is not None and tree.tokens[i].dep == "dobj":
        preps += tree.kids(head, "prep")  # "took a swipe at", parsed as the verb's
    prep = next((p for p in preps if tree.lower(p) in cue.preps
                 and tree.kid(p, "pobj", "pcomp") is not None), None)
    if prep is None:
        return []
    return tree.subtree(prep)


def _introduces_quotes(tree: Tree, i: int, cue: Cue) -> bool:
    """Whether a cue verb can take the quotation beside it: a verb of saying heading its
    clause ("he said", "…, he added", "…, saying “…”"), not one whose content is an object
    ("comparing …") or a verb buried in a modifier."""
    if not cue.speech or (cue.object and not cue.quote_only):
        return False
    dep = tree.tokens[i].dep
    return dep in ("ROOT", "parataxis", "conj", "ccomp") or (
        dep in ("advcl", "xcomp", "pcomp") and tree.tokens[i].tag == "VBG"
    )


def _adjacent_quote(
    tree: Tree, i: int, marks: list[Span], *, after_colon: bool = False
) -> Span | None:
    """A quotation in the cue's sentence, outside the cue's own phrase, next to its clause.

    "he said: “…”" and "“…,” he said": the nearest quotation that nothing but punctuation,
    the source and the cue's own dependents separate from the cue.
    """
    token = tree.tokens[i]
    sentence = tree.sentence_tokens.get(token.sentence, [])
    if not sentence:
        return None
    first, last = tree.tokens[sentence[0]].start, tree.tokens[sentence[-1]].end
    # the cue's own words: a parse that hangs quoted words from the cue ("“…, but not on these
    # terms,” he told reporters") does not make the quotation part of its clause
    clause = [t for t in tree.subtree(i)
              if not inside(marks, tree.tokens[t].start, tree.tokens[t].end)] or [i]
    lo, hi = tree.tokens[clause[0]].start, tree.tokens[clause[-1]].end
    best: Span | None = None
    for span in marks:
        if span[1] <= first - 2 or span[0] >= last + 2:
            continue
        if span[0] <= token.start < span[1]:
            return None  # the cue is itself quoted
        words = tree.body[span[0] : span[1]].split()
        if len(words) < QUOTATION_WORDS:
            continue  # a quoted phrase is not a quotation
        before = span[1] <= token.start
        if not (after_colon or token.dep == "ROOT") and not (
            span[1] <= lo + 1 or span[0] >= hi - 1
        ):
            continue  # the quotation sits inside a subordinate cue's own clause: a phrase of it
        gap = tree.body[span[1] : lo] if before else tree.body[hi : span[0]]
        if after_colon and not before and ":" not in tree.body[token.end : span[0]]:
            continue
        if len(gap.split()) <= 1 and (
            best is None or abs(span[0] - token.start) < abs(best[0] - token.start)
        ):
            best = span
    return best


def _quoted(tree: Tree, content: list[int], marks: list[Span]) -> bool:
    start, end = tree.span(content)
    return any(s <= start and end <= e for s, e in marks)


def _spans(tree: Tree, tokens: list[int]) -> list[Span]:
    """Contiguous runs of tokens as character spans (content skips the cue inside it)."""
    if not tokens:
        return []
    runs: list[list[int]] = [[tokens[0]]]
    for t in tokens[1:]:
        if t == runs[-1][-1] + 1 or all(
            tree.tokens[g].pos in ("PUNCT", "SPACE") for g in range(runs[-1][-1] + 1, t)
        ):
            runs[-1].append(t)
        else:
            runs.append([t])
    spans = [tree.span(run) for run in runs]
    return [s for s in spans if s[1] > s[0]]


def _snap_to_quote(span: Span, marks: list[Span], body: str) -> Span:
    """Content that is a quotation (less its marks or trailing comma) becomes the quotation.

    The parse stops the complement at the last word of the quote's last sentence; the
    quotation itself may run over several sentences before it, and the marks belong to it.
    """
    start, end = span
    for q_start, q_end in marks:
        if q_start <= start + 1 and end <= q_end and start < q_end:
            inner = body[q_start + 1 : q_end - 1]
            if end - start >= 0.5 * len(inner.split(".")[-1]) or start <= q_start + 1:
                return (q_start, q_end)
    return span


def _outermost(found: list[Found], tree: Tree, marks: list[Span]) -> list[Found]:
    """Drop attributions whose cue sits inside another's content, as PolNeAR keeps the outer
    one; but a quotation stays its speaker's inside a frame ("According to reports, Kim sent
    the message: “…”" is Kim's quote, on the reports' word), and a named speaker's words stay
    theirs inside a relaying cue ("Kim wrote …, KCNA reported", "Lavrov said …, according to
    TASS"): the speaker speaks, and the relaying source becomes the quote's reporter."""
    found = _absorb_relaying_frames(found, tree)
    relayed: dict[int, Found] = {}  # id of a relaying attribution -> the speech it relays
    kept = []
    for f in found:
        cue_at = tree.tokens[f.cue_head].start
        quoted = all(
            is_quotation(tree.body, (s, e), marks)
            and len(tree.body[s:e].split()) >= QUOTATION_WORDS
            for s, e in f.content
        )
        outer = [o for o in found
                 if o is not f and any(s <= cue_at < e for s, e in o.content)]
        relay = next((o for o in outer if _relays(o, f, tree, quoted)), None)
        if relay is not None and id(relay) not in relayed:
            relayed[id(relay)] = f
            f.reporter = relay.source
            kept.append(f)
        elif not any(not (quoted and o.cue_type == "frame") for o in outer):
            kept.append(f)
    return [f for f in kept if id(f) not in relayed]


def _absorb_relaying_frames(found: list[Found], tree: Tree) -> list[Found]:
    """ "Lavrov said the talks were useful, according to Interfax", where the parse puts the
    frame inside what was said: the frame names the reporter, and leaves the content."""
    absorbed: set[int] = set()
    for frame in found:
        if frame.cue_type != "frame" or not frame.cue.relays or not frame.source:
            continue
        cue_at = tree.tokens[frame.cue_tokens[0]].start
        for speech in found:
            if (speech is frame or not speech.cue.speech or not speech.source
                    or speech.reporter or len(speech.content) != 1):
                continue
            start, end = speech.content[0]
            trailing = tree.tokens[frame.source[-1]].end >= len(tree.body[:end].rstrip(" .;"))
            if start <= cue_at < end and trailing and \
                    all(start <= s and e <= end for s, e in frame.content):
                speech.reporter = frame.source
                speech.content = [(start, len(tree.body[:cue_at].rstrip(" ,—–")))]
                absorbed.add(id(frame))
                break
    return [f for f in found if id(f) not in absorbed]


def _trailing_relays(found: list[Found], tree: Tree) -> None:
    """ "Lavrov said …, Interfax reported": a relaying verb after a comma that the parse hangs
    from the speech cue as a clause of its own, with no content of its own, names who passes
    the words on."""
    by_cue = {f.cue_head: f for f in found}
    lex = speech_cues()
    for i, token in enumerate(tree.tokens):
        cue = lex.verbs.get(token.lemma.lower()) if token.pos == "VERB" else None
        head = tree.head(i)
        f = by_cue.get(head) if head is not None else None
        if (cue is None or not cue.relays or f is None or f.reporter or not f.source
                or token.dep not in ("ccomp", "parataxis") or _clause(tree, i) is not None
                or not _after_comma(tree, i)):
            continue
        subject = tree.subject(i)
        if subject is not None:
            f.reporter = tree.subtree(subject)


def _after_comma(tree: Tree, i: int) -> bool:
    """Whether the clause of verb ``i`` opens right after a comma ("…, Interfax reported")."""
    words = [t for t in tree.subtree(i) if tree.tokens[t].pos != "PUNCT"]
    return bool(words) and words[0] > 0 and tree.text(words[0] - 1) in (",", "—", "–")


def _relays(outer: Found, inner: Found, tree: Tree, quoted: bool) -> bool:
    """Whether ``outer`` only passes on ``inner``: a relaying cue with a source of its own,
    around a speech cue with a named speaker, no reporter yet, and words of its own — a
    clause or a quotation, that is what the relaying cue reports: "According to KCNA, Kim and
    Shoigu spoke about matters of mutual concern" is KCNA's report of a conversation, and
    "According to reports, Kim sent a message saying …" the reports' word that he sent it."""
    head = tree.head(inner.cue_head)
    on_top = head is None or not any(s <= tree.tokens[head].start < e for s, e in outer.content)
    return (outer.cue.relays and bool(outer.source) and inner.cue.speech
            and bool(inner.source) and not inner.reporter and on_top
            and (quoted or _clause(tree, inner.cue_head) is not None))


def _one_per_content(found: list[Found], tree: Tree) -> list[Found]:
    """One attribution per content: the speech cue with a source nearest to it wins
    ("“…,” said Ms. Brunner, who points to …" attributes the quote once), a verb of saying
    before one of manner ("Adler said, laughing: “…”")."""
    best: dict[Span, Found] = {}

    def rank(f: Found) -> tuple[bool, bool, bool, int]:
        distance = abs(tree.tokens[f.cue_head].start - f.content[0][0])
        return (f.cue.speech, bool(f.source), not f.cue.manner, -distance)

    for f in found:
        key = f.content[0]
        if key not in best or rank(f) > rank(best[key]):
            best[key] = f
    kept = {id(f) for f in best.values()}
    return [f for f in found if id(f) in kept]


def _continue_quotes(found: list[Found], marks: list[Span], body: str) -> None:
    """A quotation that opens right after an attributed one, with no cue of its own, goes on
    with the same speaker (the next sentence or paragraph of the same quote)."""
    covered = [s for f in found for s in f.content]
    by_end = sorted(
        ((s[1], f) for f in found for s in f.content if is_quotation(body, s, marks)),
        key=lambda x: x[0],
    )
    for span in marks:
        if any(s < span[1] and span[0] < e for s, e in covered):
            continue
        previous = [f for end, f in by_end if end <= span[0]]
        if not previous:
            continue
        last = previous[-1]
        last_end = max(e for _, e in last.content)
        between = body[last_end : span[0]]
        if len(between.split()) <= 3 and len(body[span[0] : span[1]].split()) >= 3:
            last.content.append(span)
            covered.append(span)


def _inherit_sources(found: list[Found], tree: Tree) -> None:
    """ "According to NK News, two drones were shown. One was said to resemble …": an agentless
    report in the next sentence of the paragraph rests on the frame's source."""
    for before, after in pairwise(found):
        if after.source or before.cue_type != "frame" or not before.source:
            continue
        gap = tree.tokens[after.cue_head].sentence - tree.tokens[before.cue_head].sentence
        between = tree.body[tree.tokens[before.cue_head].start : tree.tokens[after.cue_head].start]
        if gap <= 1 and "\n" not in between and tree.passive(after.cue_head):
            after.source = list(before.source)
