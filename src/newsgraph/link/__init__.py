"""Linking across articles: stories, happenings merged from many reports, and their comparison."""

from newsgraph.link.linker import LinkSummary, link

__all__ = ["LinkSummary", "link"]
