"""policyledger's exceptions: one tree, so every face can turn them into a clean message.

    PolicyLedgerError
    ├── IngestError             a file could not be read as a report (nothing was written)
    │   ├── EmptyInput          the file is empty or has no text at all
    │   ├── UnsupportedFormat   not text, PDF, ODT or DOCX (e.g. binary junk)
    │   ├── NoTextLayer         a PDF without a text layer (scanned); OCR is not supported
    │   ├── CorruptFile         truncated or damaged PDF/ODT/DOCX
    │   ├── EncodingError       text in an encoding that cannot be detected or decoded
    │   └── FileTooLarge        larger than the configured limit
    ├── NotFound                a report, section, fact or commitment id that is not stored
    ├── StoreError              the database cannot be opened or migrated
    └── QueryError              a malformed search, filter or export request

Messages are meant for the person at the keyboard: they name the file and what to do.
"""

from __future__ import annotations

from pathlib import Path


class PolicyLedgerError(Exception):
    """Base of every error policyledger raises on purpose."""


class IngestError(PolicyLedgerError):
    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class EmptyInput(IngestError):
    pass


class UnsupportedFormat(IngestError):
    pass


class NoTextLayer(IngestError):
    pass


class CorruptFile(IngestError):
    pass


class EncodingError(IngestError):
    pass


class FileTooLarge(IngestError):
    pass


class NotFound(PolicyLedgerError):
    pass


class StoreError(PolicyLedgerError):
    pass


class QueryError(PolicyLedgerError):
    pass
