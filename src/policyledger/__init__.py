"""policyledger: a verified, searchable ledger of what government reports say was done and promised."""

__version__ = "0.1.0"
