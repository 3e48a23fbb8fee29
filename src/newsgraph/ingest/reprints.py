"""Near-duplicate bodies: MinHash fingerprints and banded candidate keys.

A reprint is the same article from another outlet or URL, usually with a different headline,
a cut last paragraph or a few edited words. Exact hashing misses those; MinHash over word
shingles estimates the Jaccard similarity of two bodies from 64 numbers each, and banding the
signature gives index keys so the store finds candidates without comparing all pairs.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from newsgraph import settings

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20231127)  # fixed: fingerprints must agree across runs and machines
# Multiply-shift hashing of 32-bit shingle hashes: h(x) = ((a*x + b) mod 2**64) >> 32, with odd a.
_A = _rng.integers(0, 1 << 63, size=settings.MINHASH_PERMUTATIONS, dtype=np.uint64) * 2 + 1
_B = _rng.integers(0, 1 << 63, size=settings.MINHASH_PERMUTATIONS, dtype=np.uint64)


def shingles(text: str, size: int = settings.SHINGLE_WORDS) -> set[int]:
    """Hashed word ``size``-grams of the lower-cased text (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {
        zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)
    }


def fingerprint(text: str) -> bytes:
    """The MinHash signature of ``text`` as bytes (empty for a text without words)."""
    values = shingles(text)
    if not values:
        return b""
    x = np.fromiter(values, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrap-around modulo 2**64 is the point
        hashed = (_A[:, None] * x + _B[:, None]) >> np.uint64(32)
    return hashed.min(axis=1).astype("<u8").tobytes()


def similarity(left: bytes, right: bytes) -> float:
    """Estimated Jaccard similarity of two bodies from their signatures."""
    if not left or not right or len(left) != len(right):
        return 0.0
    a = np.frombuffer(left, dtype="<u8")
    b = np.frombuffer(right, dtype="<u8")
    return float(np.mean(a == b))


def band_keys(signature: bytes) -> list[tuple[int, int]]:
    """``(band, key)`` pairs: two bodies sharing any pair are reprint candidates."""
    if not signature:
        return []
    values = np.frombuffer(signature, dtype="<u8")
    rows = len(values) // settings.MINHASH_BANDS
    return [
        (band, zlib.crc32(values[band * rows : (band + 1) * rows].tobytes()))
        for band in range(settings.MINHASH_BANDS)
    ]
