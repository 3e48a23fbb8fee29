"""Linking across articles: stories, happenings merged from many reports, and their comparison."""

from newsgraph.link.compare import compare, compare_claims
from newsgraph.link.linker import LinkSummary, link

__all__ = ["LinkSummary", "compare", "compare_claims", "link"]
