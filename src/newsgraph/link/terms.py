"""What an article is about, as weighted terms: the linker's only view of its text.

Content lemmas (nouns, names, verbs, adjectives; no stop words, numbers or punctuation), the
actors its mentions resolve to, written ``@actor_id`` so that "Pyongyang" and "the North
Korean capital" count as one term, and the years it dates things in, written ``#2013``.
Computed per article in the pipeline (cheap, in the workers) and stored, so linking a large
corpus never reloads tokens.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph import settings
from newsgraph.model import ACTOR_LABELS, Article

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
WORD = re.compile(r"[\w'’-]+")


def content_terms(article: Article) -> list[tuple[str, int]]:
    """The article's most frequent content terms with their counts, most frequent first."""
    counts: Counter[str] = Counter()
    lemmas: dict[str, str] = {}
    for token in article.tokens:
        lemma = token.lemma.lower()
        if (token.pos in CONTENT_POS and lemma not in STOP_WORDS and len(lemma) > 1
                and any(c.isalpha() for c in lemma)):
            counts[lemma] += 1
            lemmas[article.body[token.start : token.end].lower()] = lemma
    for word in WORD.findall(article.title or ""):
        lemma = lemmas.get(word.lower())
        if lemma is not None:  # a headline word the body uses too: what the story is about
            counts[lemma] += 1
    for mention in article.mentions:
        if mention.actor_id and mention.label in ACTOR_LABELS:
            counts[f"@{mention.actor_id}"] += 1
    for year in years(article):
        counts[f"#{year}"] += 1
    return counts.most_common(settings.LINK_TERMS)


def years(article: Article) -> list[str]:
    """The years the article is dated in and speaks of as dates: "#2013" tells this year's
    election from the one five years before, whose words are the same."""
    found = [t.value[:4] for t in article.timexes
             if t.type == "DATE" and t.value and t.value[:4].isdigit()
             and t.granularity in ("day", "month", "week", "season", "quarter", "year")]
    if article.published is not None and article.published.value:
        found.append(article.published.value[:4])
    return found
