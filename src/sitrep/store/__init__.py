"""The store: documents, events and rejects in one DuckDB file."""

from .duckdb_store import Store
from .query import EventQuery

__all__ = ["EventQuery", "Store"]
