"""Article identity: ids from the source, so they survive improvements to cleaning."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


def canonical_url(url: str | None) -> str | None:
    """Normalize a URL so that the same page captured twice gets the same id.

    Lower-cases scheme and host, drops the fragment, default ports, tracking parameters and a
    trailing slash; keeps the path and meaningful query parameters as they are.
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PARAMS)
        ]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, query, ""))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_id(url: str | None, raw_sha256: str) -> str:
    """A 16-hex-digit id: from the canonical URL when known, else from the raw input's hash."""
    canonical = canonical_url(url)
    if canonical:
        return sha256(canonical.encode("utf-8"))[:16]
    return raw_sha256[:16]
