"""The ``language`` stage: keep English articles, report the others as skipped."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsgraph import settings
from newsgraph.model import count_words


@cache
def _identifier() -> LanguageIdentifier:
    """The language identifier, loaded once per process (its model ships with py3langid)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float, float]:
    """``(ISO 639-1 code, its probability, the probability of English)`` for a sample of
    ``text``."""
    ranked = _identifier().rank(text[: settings.LANGUAGE_SAMPLE_CHARS])
    language, probability = ranked[0]
    english = next((p for code, p in ranked if code == settings.LANGUAGE), 0.0)
    return language, float(probability), float(english)


def not_english(text: str) -> str | None:
    """Why ``text`` is not English, or None when it is or may be.

    Confidently another language, or English all but ruled out (a Chinese text splits its
    probability between Chinese and Japanese, but leaves English none). Short texts are kept
    as English: a dozen words are too few for a reliable guess, and wrongly dropping an
    English brief is worse than annotating a foreign one. Words are counted so that a text
    in a script without spaces is as long as it reads.
    """
    if count_words(text) < settings.LANGUAGE_MIN_WORDS:
        return None
    language, probability, english = identify_language(text)
    if language == settings.LANGUAGE:
        return None
    if probability >= settings.LANGUAGE_MIN_PROBABILITY or (
            english <= settings.LANGUAGE_MAX_ENGLISH_PROBABILITY):
        return f"not English (language identified as '{language}', p={probability:.2f})"
    return None


