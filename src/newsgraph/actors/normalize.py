"""Alias normalization: one key for every spelling of a name that news writes.

"Kim Jong-un", "Kim Jong Un" and "KIM JONG UN"; "Sergey" and "Sergei"; "Zelensky", "Zelenskyy"
and "Zelenskiy"; "Erdoğan" and "Erdogan"; "U.S." and "US" are the same name to a reader. Rather
than listing every variant in the knowledge base, both the KB aliases and the text are cut into
the same word tokens and every token is reduced to a canonical form:

* Unicode compatibility form, diacritics stripped, lower-cased, curly apostrophes straightened;
* hyphens and spaces both separate tokens, so "Jong-un" and "Jong Un" give the same tokens;
* dots and inner apostrophes dropped ("U.S." -> "us", "O'Brien" -> "obrien"), while a
  possessive "'s" stays a token of its own so that "North Korea's" still starts with the
  tokens of "North Korea";
* the usual transliteration variants of Slavic, Persian and Arabic names are folded: final
  -yy/-iy/-ij/-ii/-yi/-i become -y (Zelenskyy, Zelenskiy, Zelenski -> zelensky; Sergei, Sergey
  -> sergey; Dmitri, Dmitriy -> dmitry), -iya becomes -ia (Yuliya -> yulia) and "ks" becomes
  "x" (Aleksei -> alexey).

The folding is applied to both sides, so it only has to be consistent, not linguistically right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word: letters/digits with inner apostrophes ("People's", "O'Brien"), or an acronym written
# with dots, its last dot included ("U.S.", "U.S.S.R.", "H.W."); other dots separate words
# ("1946.South" is two words).
_WORD = re.compile(
    r"(?:[^\W\d_]\.)+[^\W\d_](?![^\W_])\.?|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE
)
_POSSESSIVE = ("'s", "’s")
_ENDINGS = (("yy", "y"), ("iy", "y"), ("ij", "y"), ("ii", "y"), ("yi", "y"), ("iya", "ia"))


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text with its character offsets and its canonical form."""

    start: int
    end: int
    text: str
    key: str  # canonical form, see :func:`canonical`


def strip_accents(text: str) -> str:
    """NFKD without combining marks: "Erdoğan" -> "Erdogan", "Élysée" -> "Elysee"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def canonical(token: str) -> str:
    """The canonical form of one word token (see the module docstring)."""
    if token in _POSSESSIVE:
        return "'s"
    word = strip_accents(token).lower().replace("’", "'").replace(".", "").replace("'", "")
    if not word.isalpha() or len(word) < 4:
        return word
    word = word.replace("ks", "x")
    for ending, replacement in _ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    if word.endswith("i"):
        return word[:-1] + "y"
    return word


def words(text: str) -> list[Word]:
    """The words of ``text`` with offsets; a trailing possessive "'s" is split off."""
    out: list[Word] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        token = match.group()
        if len(token) > 2 and token[-2:].lower() in ("'s", "’s"):
            out.append(Word(start, end - 2, token[:-2], canonical(token[:-2])))
            out.append(Word(end - 2, end, token[-2:], "'s"))
        else:
            out.append(Word(start, end, token, canonical(token)))
    return out


def key(text: str) -> tuple[str, ...]:
    """The canonical token sequence of a name: the key of every alias index."""
    return tuple(w.key for w in words(text))


def is_acronym(alias: str) -> bool:
    """Whether an alias is written in capitals ("US", "U.S.", "NATO", "KCNA").

    Such aliases only match text written in capitals too: "us" and "who" are words.
    """
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 8 and all(c.isupper() for c in letters)


def slug(text: str) -> str:
    """A stable id for a name: "Kim Jong-un" -> "kim_jong_un", "Erdoğan" -> "erdogan"."""
    ascii_text = strip_accents(text).lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_") or "unnamed"
