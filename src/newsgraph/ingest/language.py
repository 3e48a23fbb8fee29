"""The ``language`` stage: keep English articles, report the others as skipped."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsgraph import settings
from newsgraph.model import Article, SkipArticle


@cache
def _identifier() -> LanguageIdentifier:
    """The language identifier, loaded once per process (its model ships with py3langid)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` for a sample of ``text``."""
    language, probability = _identifier().classify(text[: settings.LANGUAGE_SAMPLE_CHARS])
    return language, float(probability)


def detect_language(article: Article) -> Article:
    """Record the body's language; skip the article when it is confidently not English.

    Short bodies are kept as English: a dozen words are too few for a reliable guess, and
    wrongly dropping an English brief is worse than annotating a foreign one.
    """
    language, probability = identify_language(article.body)
    if (
        language != settings.LANGUAGE
        and probability >= settings.LANGUAGE_MIN_PROBABILITY
        and len(article.body.split()) >= settings.LANGUAGE_MIN_WORDS
    ):
        raise SkipArticle(f"not English (language identified as '{language}', p={probability:.2f})")
    article.language = settings.LANGUAGE
    return article
