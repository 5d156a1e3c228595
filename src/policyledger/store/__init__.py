"""Storage: one SQLite schema, applied by named migrations recorded in ``_migrations``."""

from policyledger.store.db import connect, migrate, transaction

__all__ = ["connect", "migrate", "transaction"]
