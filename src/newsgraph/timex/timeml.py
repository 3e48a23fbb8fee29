"""An article as a TimeML document, for tools that read TimeML (TARSQI, TempEval scorers)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from newsgraph.model import Article
from newsgraph.timex import timeml_parts


def to_timeml(article: Article) -> str:
    """The body with TIMEX3 tags; the publication date is the document creation time.

    A range ("between 1950 and 1953") is written as its two ends, as TimeML has no range value.
    """
    parts = sorted(
        (part for expr in article.timexes for part in timeml_parts(expr)), key=lambda p: p[0]
    )
    published = article.published.value if article.published else None
    dct = (
        f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(published)} '
        f'functionInDocument="CREATION_TIME">{escape(published)}</TIMEX3></DCT>\n'
        if published and not published.startswith("X")
        else ""
    )
    body, position = [], 0
    for number, (start, end, kind, value) in enumerate(parts, start=1):
        if start < position:
            continue
        body.append(escape(article.body[position:start]))
        body.append(
            f'<TIMEX3 tid="t{number}" type="{kind}" value={quoteattr(value or "")}>'
            f"{escape(article.body[start:end])}</TIMEX3>"
        )
        position = end
    body.append(escape(article.body[position:]))
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(article.id)}</DOCID>\n{dct}<TEXT>{''.join(body)}</TEXT>\n</TimeML>"
    )
