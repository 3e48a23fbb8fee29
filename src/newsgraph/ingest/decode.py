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
    declared charset, then charset-normalizer's guess. Binary files are refused before any
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
