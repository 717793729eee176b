"""The records every stage shares: Document in, Event out.

Stages are functions over these records, so a sentence can be coded alone,
in a process pool or on a cluster. ``to_dict`` gives the JSON shape of the
contracts in the README (the event record and the per-document output).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import message


@dataclass(slots=True)
class Document:
    """One report to code. ``origin`` says where it came from (file and line)."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        if self.origin is not None:  # a file name may hold undecodable bytes
            self.origin = printable(self.origin)

    def content_hash(self) -> str:
        """What a rerun compares to know the document is the one already coded."""
        content = json.dumps([self.text, self.date, self.source, self.url, self.title], ensure_ascii=False)
        return hashlib.sha1(content.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class Reject:
    """An input that could not be coded, and why. ``code`` is an error code from errors.py.

    ``origin`` (file and line, row or item) is the reject's key: it never names a coded
    document, so no reject can replace one. ``id`` is the document id when the input had
    one, else the origin. A ``skipped`` input (a hidden file in a folder) is reported but
    is not an error.
    """

    id: str
    origin: str
    code: str
    reason: str
    skipped: bool = False

    def __post_init__(self) -> None:
        # Input can carry lone surrogates (JSON escapes, undecodable file names); a reject must
        # always be storable and printable, so they are written out as escapes.
        self.id, self.origin, self.reason = (printable(v) for v in (self.id, self.origin, self.reason))

    @classmethod
    def coded(cls, origin: str, code: str, doc_id: str | None = None, skipped: bool = False,
              **fields: object) -> Reject:
        """A reject whose reason is the message of ``code`` (errors.py) filled with ``fields``."""
        return cls(id=doc_id or origin, origin=origin, code=code, reason=message(code, **fields), skipped=skipped)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def json_line(record: Any) -> str:
    """One JSON Lines line. U+2028 and U+2029 are escaped: they are valid inside JSON strings, but
    tools that split lines the way Python's ``splitlines`` does would cut the record there."""
    text = json.dumps(record, ensure_ascii=False, default=str)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def printable(text: str) -> str:
    """``text`` with any lone surrogate written as its escape (``\\ud800``), so it encodes as UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """A source or target as written (``text``, doc offsets) and as coded.

    ``code`` joins ``country`` and ``sector`` CAMEO-style ("IRQ" + "MIL" =
    "IRQMIL"); an actor the dictionaries do not know keeps its text and has
    no code. ``resolution`` says how the code was found: ``dictionary`` (the
    phrase itself), ``context`` (a country taken from the story's focus) or
    ``unknown``; ``confidence`` is lower for context than for the dictionary.
    """

    text: str
    start: int
    end: int
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None  # the dictionary entry that matched, e.g. "Mahdi Army"
    resolution: str | None = None
    confidence: float | None = None


@dataclass(slots=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None
    country: str | None = None
    precision: str | None = None


@dataclass(slots=True)
class Event:
    """One coded event: who did what to whom, with the rule and spans that explain it."""

    id: str
    doc_id: str
    sentence: int
    sentence_text: str
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: dict[str, Any] | None
    rule: str
    factuality: str = "asserted"
    confidence: float = 0.5
    acled: dict[str, str] | None = None
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    attribution: str | None = None
    fatalities: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The event record, its keys in the documented order."""
        record = asdict(self)
        ordered = {name: record[name] for name in _FLAT_ORDER}
        for role in ("source", "target"):
            if ordered[role] is not None:
                ordered[role] = {key: ordered[role][key] for key in _NESTED[role]}
        return ordered

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        """The event of a record from ``to_dict`` (or read back from the store)."""
        fields = {name: record.get(name) for name in _FLAT_ORDER}
        fields["trigger"] = Span(**record["trigger"])
        for role in ("source", "target"):
            fields[role] = Actor(**record[role]) if record.get(role) else None
        fields["location"] = Place(**record["location"]) if record.get("location") else None
        return cls(**fields)


@dataclass(slots=True)
class CodedDocument:
    """A document with its events; ``error`` is set (and events empty) for a reject.

    ``resumed`` marks a document a store already held, coded from the same content by the
    same coder: a rerun skips it, and its events are the stored ones.
    """

    id: str
    date: str | None
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    sentences: int = 0
    document: Document | None = None
    reject: Reject | None = None
    resumed: bool = False
    coder: str | None = None  # the fingerprint of the coder that coded it

    @classmethod
    def rejected(cls, reject: Reject) -> CodedDocument:
        return cls(id=reject.id, date=None, error=reject.reason, reject=reject)

    def to_dict(self) -> dict[str, Any]:
        """The per-document output contract: one line per input document."""
        return {
            "id": self.id,
            "date": self.date,
            "events": [event.to_dict() for event in self.events],
            "toponyms": [],
            "error": self.error,
        }


# Flat form: the same fields as columns, for DuckDB, CSV and DataFrames ("source.code" -> "source_code").
_ACTOR_KEYS = ("text", "code", "country", "sector", "start", "end", "name", "resolution", "confidence")
_NESTED: dict[str, tuple[str, ...]] = {
    "trigger": ("text", "start", "end"),
    "source": _ACTOR_KEYS,
    "target": _ACTOR_KEYS,
    "plover": ("type", "mode", "context"),
    "acled": ("event_type", "sub_event_type"),
    "location": ("name", "lat", "lon", "geonameid", "admin1", "country", "precision"),
}
_FLAT_ORDER = ("id", "doc_id", "sentence", "sentence_text", "trigger", "source", "target", "cameo",
               "cameo_root", "quad_class", "goldstein", "plover", "acled", "date", "date_precision",
               "location", "factuality", "attribution", "fatalities", "rule", "confidence")
EVENT_COLUMNS: tuple[str, ...] = tuple(
    f"{name}_{part}" if name in _NESTED else name
    for name in _FLAT_ORDER for part in (_NESTED.get(name) or ("",))
)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """An event record as one flat row with the columns in EVENT_COLUMNS."""
    row: dict[str, Any] = {}
    for name in _FLAT_ORDER:
        if name in _NESTED:
            value = record.get(name) or {}
            for part in _NESTED[name]:
                row[f"{name}_{part}"] = value.get(part)
        else:
            row[name] = record.get(name)
    return row


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """The nested event record from a flat row; a nested part with no values is null."""
    record: dict[str, Any] = {}
    for name in _FLAT_ORDER:
        if name in _NESTED:
            value = {part: row.get(f"{name}_{part}") for part in _NESTED[name]}
            record[name] = value if any(v is not None for v in value.values()) else None
        else:
            record[name] = row.get(name)
    return record
