"""The embedded SQLite store."""

from newsgraph.store.schema import SCHEMA_VERSION, NotFound, StoreError
from newsgraph.store.store import Store

__all__ = ["SCHEMA_VERSION", "NotFound", "Store", "StoreError"]
