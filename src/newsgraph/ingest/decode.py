"""Bytes to text: encoding detection, and the refusal of inputs that are not text at all."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsgraph.model import SkipArticle

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 controls other than tab, newline, carriage return and form feed: real text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if it is a known codec."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    return known_codec(match.group(1).decode("ascii", "ignore"))


def known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise SkipArticle for binary data.

    Order: a byte-order mark, then UTF-8 (which almost never decodes by accident), then the
    declared charset, then Windows-1252 (Latin-1's superset, the encoding of most undeclared
    Western pages) where the text it gives reads as Western text, then charset-normalizer's
    guess, which takes Latin-1 "São" for Central European "Săo". Binary files are refused before any
    guessing, because a guesser will happily "decode" a JPEG as Latin-1.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace").lstrip("\ufeff")), encoding
    if b"\x00" in data[:8192]:
        raise SkipArticle("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = known_codec(declared)
    if declared and declared != "utf-8":
        try:
            return _checked(data.decode(declared)), declared
        except (UnicodeDecodeError, LookupError):
            pass
    western = _western(data)
    if western is not None:
        return _checked(western), "cp1252"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise SkipArticle("not text: no character encoding fits the bytes")
    return _checked(data.decode(best.encoding, errors="replace")), best.encoding


def _checked(text: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file in disguise)."""
    sample = text[:20_000]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise SkipArticle("binary file (control characters in the decoded text)")
    return _CONTROL.sub("", text)


# Characters that sit inside words in Western text without being letters: apostrophes,
# dashes, the middle dot, the soft hyphen.
_INSIDE_WORDS = frozenset("\u2019\u2018\u2013\u2014\u00b7\u00ad")
# Western text is mostly ASCII letters; in Cyrillic or Greek decoded as Windows-1252 almost
# every letter is not.
_MAX_ACCENTED_SHARE = 0.3
_MAX_ODD_SHARE = 0.02


def _western(data: bytes) -> str | None:
    """``data`` as Windows-1252 if it reads as Western European text: few accented letters
    among plain ones, and next to no symbols inside words ("Wroc³aw" is Polish Windows-1250,
    not Western), else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = odd = foreign = 0
    for index, char in enumerate(text):
        if char.isascii():
            letters += char.isalpha()
            continue
        foreign += 1
        if char.isalpha():
            letters += 1
            accented += 1
        elif (char not in _INSIDE_WORDS and 0 < index < len(text) - 1
              and text[index - 1].isalpha() and text[index + 1].isalpha()):
            odd += 1
    if not letters or accented > _MAX_ACCENTED_SHARE * letters or odd > _MAX_ODD_SHARE * foreign:
        return None
    return text
