"""One reader per input format. Each takes a path and yields Documents or Rejects.

Readers only read: checks common to every format (empty, binary, size,
date, duplicate ids) run afterwards in ``validate``. A reader never raises
for one bad record: the record becomes a Reject named by its origin (file and
line, row or item) and the reader goes on with the next.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from html.parser import HTMLParser
from pathlib import Path

from ..errors import message
from ..model import Document, Reject, printable
from .validate import BYTES_PER_CHAR, DEFAULT_MAX_CHARS, bom_encoding, content_id, decode

Record = Document | Reject
FIELDS = ("id", "text", "date", "source", "url", "title")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What every reader needs to know: the user's column names and the size limit."""

    columns: dict[str, str] | None = None
    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def max_bytes(self) -> int:
        """The most bytes one document's text can take; more is rejected before reading it."""
        return self.max_chars * BYTES_PER_CHAR + 64 * 1024  # room for the JSON or CSV around the text


Reader = Callable[[Path, ReadOptions], Iterator[Record]]


def _reject(origin: str, code: str, reason: str, doc_id: str | None = None) -> Reject:
    return Reject(id=doc_id or origin, origin=origin, code=code, reason=reason)


def _coded_reject(origin: str, reason: str) -> Reject:
    """A reject from a ``[E2xx] ...`` reason."""
    return _reject(origin, reason[1:5], reason)


def _read_bytes(path: Path, options: ReadOptions) -> tuple[bytes | None, Reject | None]:
    """A whole file's bytes, or the reject that says why it cannot be a document."""
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return None, _reject(str(path), "E224", message("E224", size=size, limit=options.max_chars))
        return path.read_bytes(), None
    except OSError as exc:
        return None, _reject(str(path), "E208", message("E208", path=path, reason=exc.strerror or exc))


def _lines(path: Path, options: ReadOptions) -> Iterator[tuple[int, str | Reject]]:
    """(line number, text with its line ending) for every line of a file, or a Reject for a line
    that is too long or not text. Lines end at \\n only, so U+2028 inside a JSON string stays put."""
    origin = f"{path}:{{}}"
    with open(path, "rb") as handle:
        encoding = bom_encoding(handle.read(4))
        handle.seek(0)
        if encoding != "utf-8":  # UTF-16 and UTF-32 (with their mark) are decoded whole
            raw = handle.read(options.max_bytes * 2 + 1)
            text, reason = decode(raw)
            if text is None:
                yield 1, _coded_reject(origin.format(1), reason)
                return
            for number, line in enumerate(io.StringIO(text.removeprefix("\ufeff"), newline=""), start=1):
                yield number, line
            return
        offset, number = 0, 0
        while raw := handle.readline(options.max_bytes + 1):
            number += 1
            start, offset = offset, offset + len(raw)
            if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    offset += len(rest)
                offset += len(rest)
                yield number, _reject(origin.format(number), "E223", message("E223", limit=options.max_bytes))
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            line, reason = decode(raw, start)
            yield number, (line if line is not None else _coded_reject(origin.format(number), reason))


def file_id(path: Path) -> str:
    """A file's document id, its name; bytes the file system gave that are not UTF-8 are escaped."""
    return printable(path.name)


def _record(fields: dict, origin: str, columns: dict[str, str] | None) -> Record:
    """A Document from a JSON object or CSV row, with user column names mapped."""
    columns = columns or {}
    get = {name: fields.get(columns.get(name, name)) for name in FIELDS}
    doc_id = get["id"]
    doc_id = str(doc_id) if doc_id not in (None, "") and not isinstance(doc_id, dict | list) else None
    text = get["text"]
    if text is None:
        wanted = columns.get("text", "text")
        return _reject(origin, "E206", message("E206", reason=f"no '{wanted}' field"), doc_id)
    if not isinstance(text, str):
        return _reject(origin, "E206", message("E206", reason=f"text must be a string, not {type(text).__name__}"),
                       doc_id)
    if get["id"] not in (None, "") and doc_id is None:
        return _reject(origin, "E206", message("E206", reason=f"id must be a string or number, not "
                                                              f"{type(get['id']).__name__}"))
    optional = {name: (str(get[name]) if get[name] not in (None, "") else None)
                for name in ("source", "url", "title")}
    date = get["date"] if get["date"] != "" else None
    return Document(id=doc_id or content_id(text), text=text, date=date, origin=origin, **optional)


def _json_line(line: str, origin: str, columns: dict[str, str] | None) -> Record:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _reject(origin, "E205", message("E205", reason=f"{exc.msg} (column {exc.colno})"))
    except RecursionError:
        return _reject(origin, "E205", message("E205", reason="it is nested too deeply"))
    except ValueError as exc:  # numbers too long to convert, and the like
        return _reject(origin, "E205", message("E205", reason=str(exc)))
    if not isinstance(obj, dict):
        return _reject(origin, "E206", message("E206", reason=f"expected an object, got {type(obj).__name__}"))
    return _record(obj, origin, columns)


def read_text(path: Path, options: ReadOptions) -> Iterator[Record]:
    """A plain text file is one document whose id is the file name."""
    raw, reject = _read_bytes(path, options)
    if reject:
        yield reject
        return
    text, reason = decode(raw)
    if text is None:
        yield _coded_reject(str(path), reason)
    else:
        yield Document(id=file_id(path), text=text.removeprefix("\ufeff"), origin=str(path))


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Record]:
    """One document per line; a bad line becomes a reject and the file goes on."""
    for number, line in _lines(path, options):
        if isinstance(line, Reject):
            yield line
        elif line.strip():
            yield _json_line(line, f"{path}:{number}", options.columns)


def read_csv(path: Path, options: ReadOptions) -> Iterator[Record]:
    """A CSV file with a header row: id, text, date, source, url, title (names mappable).

    A row the csv module cannot parse (a quote never closed, a field over the size limit)
    becomes a reject, and parsing starts again on the line after the row's first line, so
    one stray quote cannot swallow the rows after it.
    """
    csv.field_size_limit(max(options.max_bytes, 131_072))
    source = _lines(path, options)
    pending: list[tuple[int, str]] = []  # lines handed back after a bad row, read again first
    used: list[tuple[int, str]] = []  # the lines of the row being parsed

    def feed() -> Iterator[str]:
        while True:
            if pending:
                number, line = pending.pop(0)
            else:
                item = next(source, None)
                if item is None:
                    return
                number, line = item
                if isinstance(line, Reject):
                    rejected.append(line)
                    continue
            used.append((number, line))
            yield line

    rejected: list[Reject] = []
    header: list[str] | None = None
    wanted = (options.columns or {}).get("text", "text")
    while True:
        used.clear()
        reader = csv.reader(feed(), strict=True)
        try:
            for row in reader:
                first = used[0][0]  # the row's first line names it
                used.clear()
                yield from _drain(rejected)
                if not row:
                    continue
                if header is None:
                    header = row
                    if wanted not in header:
                        yield _reject(str(path), "E211",
                                      message("E211", reason=f"no '{wanted}' column in header {header}"))
                        return
                    continue
                yield _csv_row(row, header, f"{path}:{first}", options.columns)
            yield from _drain(rejected)
            return
        except csv.Error as exc:
            yield from _drain(rejected)
            if not used:
                return
            first = used[0][0]
            code = "E221" if "end of data" in str(exc) else "E211"
            reason = message("E221") if code == "E221" else message("E211", reason=str(exc))
            yield _reject(f"{path}:{first}", code, reason)
            pending[:0] = used[1:]


def _drain(rejected: list[Reject]) -> Iterator[Reject]:
    while rejected:
        yield rejected.pop(0)


def _csv_row(row: list[str], header: list[str], origin: str, columns: dict[str, str] | None) -> Record:
    if len(row) > len(header):
        return _reject(origin, "E211", message("E211", reason=f"{len(row)} cells for {len(header)} columns"))
    return _record(dict(zip(header, row, strict=False)), origin, columns)


def read_html(path: Path, options: ReadOptions) -> Iterator[Record]:
    """The main text of a web page (trafilatura), with its title and date when the page has them."""
    import trafilatura  # slow to import; only pages need it

    raw, reject = _read_bytes(path, options)
    if reject:
        yield reject
        return
    if b"\x00" in raw and bom_encoding(raw[:4]) == "utf-8":
        yield _coded_reject(str(path), decode(raw)[1])
        return
    page = trafilatura.bare_extraction(raw, with_metadata=True, favor_recall=True)
    if page is None or not (page.text or "").strip():
        yield _reject(str(path), "E209", message("E209"))
        return
    yield Document(id=file_id(path), text=page.text, date=_metadata_date(page.date), title=page.title,
                   source=page.sitename, url=page.url, origin=str(path))


class _TagStripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_tags(html: str) -> str:
    stripper = _TagStripper()
    stripper.feed(html)
    return " ".join("".join(stripper.parts).split())


def _metadata_date(value: object) -> str | None:
    """A date a page or feed declares, when it is a real one: metadata is not the user's input,
    so a bad one is dropped rather than rejecting the document."""
    try:
        return Date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def read_feed(path: Path, options: ReadOptions) -> Iterator[Record]:
    """One document per RSS/Atom entry: its content (or summary), title, link and date."""
    import feedparser

    raw, reject = _read_bytes(path, options)
    if reject:
        yield reject
        return
    if b"\x00" in raw and bom_encoding(raw[:4]) == "utf-8":
        yield _coded_reject(str(path), decode(raw)[1])
        return
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield _reject(str(path), "E210", message("E210", reason=str(feed.bozo_exception)))
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        origin = f"{path}#{number}"
        try:
            yield _feed_entry(entry, origin, source)
        except Exception as exc:  # one odd entry must not lose the rest of the feed
            yield _reject(origin, "E210", message("E210", reason=f"entry {number}: {type(exc).__name__}: {exc}"))


def _feed_entry(entry, origin: str, source: str | None) -> Document:
    body = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
    body = strip_tags(body)
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    date = _metadata_date(f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}") if parsed else None
    doc_id = entry.get("id") or entry.get("link") or (content_id(body) if body else origin)
    return Document(id=str(doc_id), text=body, date=date, source=source, url=entry.get("link"),
                    title=entry.get("title"), origin=origin)


def read_stdin(data: bytes | str | Iterable[str] | None = None,
               options: ReadOptions | None = None) -> Iterator[Record]:
    """stdin: JSON Lines when its first non-blank line is a JSON object, else one plain-text document.

    Read as bytes, so text in another encoding is a reject naming the byte, not a crash.
    """
    options = options or ReadOptions()
    if data is None:
        data = sys.stdin.buffer.read(options.max_bytes * 2 + 1)
    elif not isinstance(data, bytes | str):
        data = "".join(data)
    if isinstance(data, bytes):
        text, reason = decode(data)
        if text is None:
            yield _coded_reject("<stdin>", reason)
            return
    else:
        text = data
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if _is_jsonl(lines):
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _json_line(line, f"<stdin>:{number}", options.columns)
    elif text.strip():
        yield Document(id=content_id(text), text=text, origin="<stdin>")


def _is_jsonl(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html, ".htm": read_html,
    ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
}


def reader_for(path: Path) -> Reader:
    """The reader for a file's extension; anything else is read as plain text."""
    return READERS.get(path.suffix.lower(), read_text)


def file_kind(mode: int) -> str:
    """What a special file is, in words, from its ``st_mode``."""
    import stat

    for test, kind in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def stat_or_reject(path: Path) -> tuple[os.stat_result | None, Reject | None]:
    """The file's status, following links, without opening it (a FIFO would block), or a reject."""
    try:
        return path.stat(), None
    except FileNotFoundError:
        if path.is_symlink():
            return None, _reject(str(path), "E208", message("E208", path=path, reason="broken symbolic link"))
        return None, _reject(str(path), "E212", message("E212", path=path))
    except OSError as exc:  # a symlink loop, a permission problem, a name too long
        return None, _reject(str(path), "E208", message("E208", path=path, reason=exc.strerror or exc))
