"""The embedded SQLite store."""

from newsgraph.store.schema import SCHEMA_VERSION, StoreError
from newsgraph.store.store import Store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]
