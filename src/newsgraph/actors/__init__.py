"""Actors: the knowledge base of who is who, and the resolution of mentions to actors."""

from newsgraph.actors.kb import KB, Entry, add_entry, default_kb, load_kb, role_at

__all__ = ["KB", "Entry", "add_entry", "default_kb", "load_kb", "role_at"]
