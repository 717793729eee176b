"""Reading reports: files, folders, JSONL, CSV, HTML pages, RSS/Atom feeds and stdin.

``read_inputs`` turns a list of paths into one ordered stream of
``Document`` and ``Reject`` records: every input ends as one or the other,
in input order, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import message
from ..model import Document, Reject
from .readers import READERS, read_stdin, reader_for
from .validate import DEFAULT_MAX_CHARS, validate

__all__ = ["DEFAULT_MAX_CHARS", "READERS", "read_inputs", "read_path"]


def read_path(path: Path, columns: dict[str, str] | None = None) -> Iterator[Document | Reject]:
    """Every document (or reject) in one file, or in a folder's files, sorted by name."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            yield from reader_for(child)(child, columns)
    elif path.exists():
        yield from reader_for(path)(path, columns)
    else:
        yield Reject(id=str(path), origin=str(path), code="E212", reason=message("E212", path=path))


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    columns: dict[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: Iterable[str] | None = None,
) -> Iterator[Document | Reject]:
    """Documents and rejects from every input, in order; ``-`` reads stdin."""
    seen: set[str] = set()
    for item in inputs:
        records = read_stdin(stdin) if str(item) == "-" else read_path(Path(item), columns)
        for record in records:
            if isinstance(record, Document):
                record = validate(record, max_chars)
            if isinstance(record, Document):
                if record.id in seen:
                    record = Reject(id=record.id, origin=record.origin or "", code="E207",
                                    reason=message("E207", id=record.id), date=record.date)
                else:
                    seen.add(record.id)
            yield record
