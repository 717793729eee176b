"""One reader per input format. Each takes a path and yields Documents or Rejects.

Readers only read: checks common to every format (empty, binary, size,
date, duplicate ids) run afterwards in ``validate``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from ..errors import message
from ..model import Document, Reject
from .validate import content_id, decode

Record = Document | Reject
Reader = Callable[[Path, "dict[str, str] | None"], Iterator[Record]]
FIELDS = ("id", "text", "date", "source", "url", "title")


def _file_reject(path: Path, code: str, reason: str) -> Reject:
    return Reject(id=path.name, origin=str(path), code=code, reason=reason)


def _read_markup(path: Path) -> tuple[bytes | None, Reject | None]:
    """Raw bytes of a page or feed: their parsers find the declared encoding themselves."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, _file_reject(path, "E208", message("E208", path=path, reason=exc.strerror))
    if b"\x00" in raw[:8192]:
        return None, _file_reject(path, "E202", message("E202", reason="it contains NUL bytes"))
    return raw, None


def _read_text_file(path: Path) -> tuple[str | None, Reject | None]:
    """The text of a file, or the reject that says why it is not readable UTF-8 text."""
    raw, reject = _read_markup(path)
    if reject:
        return None, reject
    text, reason = decode(raw)
    if text is None:
        return None, _file_reject(path, reason[1:5], reason)  # "[E203] ..." -> "E203"
    return text, None


def _record(fields: dict, origin: str, columns: dict[str, str] | None) -> Record:
    """A Document from a JSON object or CSV row, with user column names mapped."""
    columns = columns or {}
    get = {name: fields.get(columns.get(name, name)) for name in FIELDS}
    text = get["text"]
    if text is not None and not isinstance(text, str):
        return Reject(id=str(get["id"] or origin), origin=origin, code="E206",
                      reason=message("E206", reason=f"text must be a string, not {type(text).__name__}"))
    if text is None:
        wanted = columns.get("text", "text")
        return Reject(id=str(get["id"] or origin), origin=origin, code="E206",
                      reason=message("E206", reason=f"no '{wanted}' field"))
    doc_id = get["id"]
    doc_id = str(doc_id) if doc_id not in (None, "") else content_id(text)
    optional = {name: (str(get[name]) if get[name] not in (None, "") else None)
                for name in ("source", "url", "title")}
    date = get["date"] if get["date"] not in ("",) else None
    return Document(id=doc_id, text=text, date=date, origin=origin, **optional)


def _json_line(line: str, origin: str, columns: dict[str, str] | None) -> Record:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Reject(id=origin, origin=origin, code="E205", reason=message("E205", reason=exc.msg))
    if not isinstance(obj, dict):
        return Reject(id=origin, origin=origin, code="E206",
                      reason=message("E206", reason=f"expected an object, got {type(obj).__name__}"))
    return _record(obj, origin, columns)


def read_text(path: Path, columns: dict[str, str] | None = None) -> Iterator[Record]:
    """A plain text file is one document whose id is the file name."""
    text, reject = _read_text_file(path)
    if reject:
        yield reject
    else:
        yield Document(id=path.name, text=text, origin=str(path))


def read_jsonl(path: Path, columns: dict[str, str] | None = None) -> Iterator[Record]:
    """One document per line; a bad line becomes a reject and the file goes on."""
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                origin = f"{path}:{number}"
                line, reason = decode(raw)
                if line is None:
                    yield Reject(id=origin, origin=origin, code=reason[1:5], reason=reason)
                else:
                    yield _json_line(line, origin, columns)
    except OSError as exc:
        yield _file_reject(path, "E208", message("E208", path=path, reason=exc.strerror))


def read_csv(path: Path, columns: dict[str, str] | None = None) -> Iterator[Record]:
    """A CSV file with a header row: id, text, date, source, url, title (names mappable)."""
    text, reject = _read_text_file(path)
    if reject:
        yield reject
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    wanted = (columns or {}).get("text", "text")
    if wanted not in header:
        yield _file_reject(path, "E211", message("E211", reason=f"no '{wanted}' column in header {header}"))
        return
    for row in reader:
        origin = f"{path}:{reader.line_num}"
        if None in row:  # more cells than header columns
            cells = len(header) + len(row[None])
            yield Reject(id=origin, origin=origin, code="E211",
                         reason=message("E211", reason=f"{cells} cells for {len(header)} columns"))
            continue
        yield _record(row, origin, columns)


def read_html(path: Path, columns: dict[str, str] | None = None) -> Iterator[Record]:
    """The main text of a web page (trafilatura), with its title and date when the page has them."""
    import trafilatura  # slow to import; only pages need it

    raw, reject = _read_markup(path)
    if reject:
        yield reject
        return
    page = trafilatura.bare_extraction(raw, with_metadata=True, favor_recall=True)
    if page is None or not (page.text or "").strip():
        yield _file_reject(path, "E209", message("E209"))
        return
    yield Document(id=path.name, text=page.text, date=page.date, title=page.title,
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


def read_feed(path: Path, columns: dict[str, str] | None = None) -> Iterator[Record]:
    """One document per RSS/Atom entry: its content (or summary), title, link and date."""
    import feedparser

    raw, reject = _read_markup(path)
    if reject:
        yield reject
        return
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield _file_reject(path, "E210", message("E210", reason=str(feed.bozo_exception)))
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        body = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        body = strip_tags(body)
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        date = time.strftime("%Y-%m-%d", parsed) if parsed else None
        doc_id = entry.get("id") or entry.get("link") or (content_id(body) if body else f"{path}#{number}")
        yield Document(id=doc_id, text=body, date=date, source=source, url=entry.get("link"),
                       title=entry.get("title"), origin=f"{path}#{number}")


def read_stdin(lines: Iterable[str] | None = None) -> Iterator[Record]:
    """stdin: JSON Lines when the first character is '{', else one plain-text document."""
    text = "".join(lines if lines is not None else sys.stdin)
    if text.lstrip().startswith("{"):
        for number, line in enumerate(text.splitlines(), start=1):
            origin = f"<stdin>:{number}"
            if not line.strip():
                continue
            yield _json_line(line, origin, None)
    else:
        yield Document(id=content_id(text), text=text, origin="<stdin>")


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html, ".htm": read_html,
    ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
}


def reader_for(path: Path) -> Reader:
    """The reader for a file's extension; anything else is read as plain text."""
    return READERS.get(path.suffix.lower(), read_text)
