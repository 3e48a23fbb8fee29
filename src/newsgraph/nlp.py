"""The spaCy pipeline: loaded once per process, run over batches of articles.

The ``annotate`` stage stores what later stages build on: sentences, tokens with their parse,
and entity mentions, all with character offsets into the stored body.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import cache

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import settings
from newsgraph.ingest.stamps import opening_stamp
from newsgraph.model import Article, Mention, Sentence, Token


class ModelNotFound(RuntimeError):
    pass


def load_nlp(names: tuple[str, ...] | None = None) -> Language:
    """The first installed pipeline of ``names`` (an importable package name each; by default
    those of :func:`newsgraph.settings.resources`), loaded once per process."""
    return _load(names or settings.resources().model_names)


@cache
def _load(names: tuple[str, ...]) -> Language:
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_sentences", before="parser")
        nlp.max_length = max(nlp.max_length, settings.MAX_BODY_CHARS + 1)
        return nlp
    raise ModelNotFound(
        f"no spaCy English pipeline installed (tried {', '.join(names)}); "
        "install the project's lock file"
    )


_SPACES = re.compile(r"\s*")


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at each line break and after an opening dateline, before the parser
    runs: a paragraph never shares a sentence with the next, so a time stamp, a headline or
    a dateline ("12:15 p.m.", "WASHINGTON (AP) —") is never the subject of the sentence
    after it. The parser keeps the boundaries it is given."""
    starts = {0}
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            starts.add(token.idx + len(token.text_with_ws))
    text = doc.text
    for at in sorted(starts):
        end = opening_stamp(text[at:at + 160])
        if end is not None:
            starts.add(_SPACES.match(text, at + end).end())  # the first word after it
    for token in doc[1:]:
        if token.idx in starts and not token.is_space:
            token.is_sent_start = True
        elif token.is_space and token.idx in starts and token.i + 1 < len(doc):
            starts.add(doc[token.i + 1].idx)
    return doc


def model_name() -> str:
    nlp = load_nlp()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version')}"


def annotate(articles: Sequence[Article]) -> list[Article]:
    """Parse every body in one ``nlp.pipe`` call and attach the annotations."""
    nlp = load_nlp()
    docs = nlp.pipe((a.body for a in articles), batch_size=settings.SPACY_BATCH_SIZE)
    for article, doc in zip(articles, docs, strict=True):
        attach(article, doc)
    return list(articles)


def attach(article: Article, doc: Doc) -> None:
    """Copy a parsed Doc's sentences, tokens and entities onto the article."""
    sentence_of = [0] * len(doc)
    article.sentences = []
    for index, sent in enumerate(doc.sents):
        article.sentences.append(Sentence(sent.start_char, sent.end_char))
        for i in range(sent.start, sent.end):
            sentence_of[i] = index
    # One array read instead of seven property lookups a token: this runs on every token.
    array = doc.to_array([IDX, LENGTH, LEMMA, POS, TAG, DEP, HEAD])
    heads = array[:, 6].astype("int64").tolist()  # relative offsets, stored unsigned
    columns = array[:, :6].tolist()
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def name(key: int) -> str:
        if key not in names:
            names[key] = strings[key] if key else ""
        return names[key]

    article.tokens = [
        Token(idx, idx + length, name(lemma), name(pos), name(tag), name(dep), i + heads[i],
              sentence_of[i])
        for i, (idx, length, lemma, pos, tag, dep) in enumerate(columns)
    ]
    article.mentions = [
        Mention(e.start_char, e.end_char, e.text, e.label_, sentence_of[e.start]) for e in doc.ents
    ]

