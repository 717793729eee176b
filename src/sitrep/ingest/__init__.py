"""Reading reports: files, folders, JSONL, CSV, HTML pages, RSS/Atom feeds and stdin.

``read_inputs`` turns a list of paths into one ordered stream of
``Document`` and ``Reject`` records: every input ends as one or the other,
in input order, so nothing is lost. A path that holds nothing, a special
file, a broken link or a reader that fails part-way is a reject too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Document, Reject
from .readers import READERS, ReadOptions, file_kind, read_stdin, reader_for, stat_or_reject
from .validate import DEFAULT_MAX_CHARS, validate

__all__ = ["DEFAULT_MAX_CHARS", "READERS", "ReadOptions", "read_inputs", "read_path"]


def read_path(path: Path, options: ReadOptions | None = None) -> Iterator[Document | Reject]:
    """Every document (or reject) in one file, or in a folder's files, sorted by name."""
    options = options or ReadOptions()
    status, reject = stat_or_reject(path)
    if reject:
        yield reject
    elif stat.S_ISDIR(status.st_mode):
        yield from _read_folder(path, options, {(status.st_dev, status.st_ino): str(path)})
    elif stat.S_ISREG(status.st_mode):
        yield from reader_for(path)(path, options)
    else:  # refused without opening it: reading a FIFO would wait for a writer forever
        yield Reject.coded(str(path), "E215", path=path, kind=file_kind(status.st_mode))


def _read_folder(folder: Path, options: ReadOptions, seen: dict[tuple[int, int], str]) -> Iterator[Document | Reject]:
    """A folder's files in name order, its subfolders after the files they sort with.

    Hidden files and folders are skipped and reported; links are followed, but a link
    back to a folder already read is a reject, not a loop.
    """
    try:
        children = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Reject.coded(str(folder), "E208", path=folder, reason=exc.strerror or exc)
        return
    for entry in children:
        path = Path(entry.path)
        if entry.name.startswith("."):
            kind = "folder" if entry.is_dir() else "file"
            yield Reject.coded(str(path), "E216", kind=kind, skipped=True)
            continue
        status, reject = stat_or_reject(path)
        if reject:
            yield reject
        elif stat.S_ISDIR(status.st_mode):
            key = (status.st_dev, status.st_ino)
            if key in seen:
                yield Reject.coded(str(path), "E225", path=path, real=seen[key])
                continue
            seen[key] = str(path)
            yield from _read_folder(path, options, seen)
        else:
            yield from read_path(path, options)


def _guarded(records: Iterator[Document | Reject], name: str) -> Iterator[Document | Reject]:
    """The records of one input; a reader that fails part-way ends in a reject for the rest."""
    try:
        yield from records
    except Exception as exc:  # a reader bug must not stop the other inputs
        yield Reject.coded(f"{name} (stopped)", "E222", name, path=name, reason=f"{type(exc).__name__}: {exc}")


def _unique(origin: str, taken: set[str], position: int) -> str:
    candidate, copy = origin, 1
    while candidate in taken:
        candidate = f"{origin} (argument {position})" + (f" #{copy}" if copy > 1 else "")
        copy += 1
    taken.add(candidate)
    return candidate


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    columns: dict[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: bytes | str | Iterable[str] | None = None,
) -> Iterator[Document | Reject]:
    """Documents and rejects from every input, in order; ``-`` reads stdin.

    Duplicate document ids and inputs given twice are rejected (the first is kept), and an
    input with no documents in it is reported as a reject of its own.
    """
    options = ReadOptions(columns=columns, max_chars=max_chars)
    seen_ids: set[str] = set()
    seen_inputs: set[str] = set()
    reject_origins: set[str] = set()  # a reject's key: unique within a run, even for one file reached twice
    for position, item in enumerate(inputs, start=1):
        name = str(item)
        key = name if name == "-" else os.path.realpath(name)
        if key in seen_inputs:
            yield Reject.coded(f"{name} (argument {position})", "E214", name, path=name)
            continue
        seen_inputs.add(key)
        records = read_stdin(stdin, options) if name == "-" else read_path(Path(item), options)
        found = False
        for record in _guarded(records, "<stdin>" if name == "-" else name):
            if isinstance(record, Document):
                record = validate(record, max_chars)
            if isinstance(record, Document):
                if record.id in seen_ids:
                    record = Reject.coded(record.origin or record.id, "E207", record.id, id=record.id)
                else:
                    seen_ids.add(record.id)
            if isinstance(record, Reject):
                record.origin = _unique(record.origin, reject_origins, position)
            found = found or not (isinstance(record, Reject) and record.skipped)
            yield record
        if not found:
            yield Reject.coded(f"{name} (empty)", "E217", name, path=name)
