"""Checks every document passes before it is coded; failures become rejects.

Decoding and the checks here are the same for every reader, so a NUL byte, a
control character or a bad date is treated the same way in a text file, a
JSON line, a CSV row or stdin, wherever in the text it is.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from datetime import date as Date
from datetime import datetime as DateTime

from ..errors import message
from ..model import Document, Reject
from ..visible import ANSI

# A document's parse takes about 3.2 KB of memory per character (measured with the default
# model: 609 MiB for 200,000 characters), so 500,000 characters peak near 1.6 GB: two worker
# processes each parsing the longest document allowed stay far inside a 24 GiB machine.
DEFAULT_MAX_CHARS = 500_000
MAX_ID_CHARS = 1_000
BYTES_PER_CHAR = 4  # the most UTF-8 needs; a file over max_chars * 4 bytes cannot be a document we accept

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NAMES = {"utf-32": "UTF-32", "utf-16": "UTF-16", "utf-8-sig": "UTF-8", "utf-8": "UTF-8"}
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
# ISO 8601 calendar date, optionally with an RFC 3339 time: the date part is kept.
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def content_id(text: str) -> str:
    """A stable id for a document that came without one."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def bom_encoding(head: bytes) -> str:
    """The encoding a byte-order mark announces; UTF-8 when there is none."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return "utf-8"


def decode(raw: bytes, offset: int = 0) -> tuple[str | None, str | None]:
    """Text from bytes, or the reason it is not text: (text, None) or (None, "[E2xx] ...").

    UTF-8 with or without a byte-order mark, and UTF-16 or UTF-32 with one; ``offset``
    is where ``raw`` starts in its file, so a reason names the file's byte.
    """
    encoding = bom_encoding(raw[:4])
    if encoding == "utf-8" and b"\x00" in raw:
        return None, message("E202", reason=_nul_reason(raw, offset))
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as exc:
        return None, message("E203", encoding=_NAMES[encoding],
                             reason=f"byte {offset + exc.start:,} cannot be decoded ({exc.reason})")


def _nul_reason(raw: bytes, offset: int) -> str:
    first = raw.index(b"\x00")
    sample = raw[:4096]
    if sample.count(b"\x00") > len(sample) // 4:  # every other byte: UTF-16 (or every fourth: UTF-32)
        return (f"it has NUL bytes from byte {offset + first:,} on, as UTF-16 or UTF-32 text without a "
                "byte-order mark has; save it as UTF-8, or with a byte-order mark")
    return f"it contains a NUL byte at byte {offset + first:,}"


def binary_reason(text: str) -> str | None:
    """Why a decoded text is not prose: NUL anywhere, or control characters over 5% of it.

    Terminal colour codes are counted as the invisible characters they are, not as binary.
    """
    if (nul := text.find("\x00")) >= 0:
        return f"it contains a NUL character at character {nul:,}"
    if _CONTROL.search(text) and len(_CONTROL.findall(ANSI.sub("", text))) > 0.05 * len(text):
        return "over 5% of its characters are control characters"
    return None


def check_date(value: object) -> tuple[str | None, str | None]:
    """(the date as YYYY-MM-DD, None) for a usable date or none, else (None, the reason).

    Accepted: YYYY-MM-DD, or an RFC 3339 date-time (``2008-03-25T14:00:00Z``) whose date is kept.
    """
    if value in (None, ""):
        return None, None
    if not isinstance(value, str):
        return None, f"date must be a string YYYY-MM-DD, not {type(value).__name__}"
    found = _DATE.fullmatch(value)
    if found is None:
        return None, f"date '{value}' is not YYYY-MM-DD (or an RFC 3339 date-time)"
    try:
        day = Date.fromisoformat(found.group(1))
        if len(value) > 10:
            DateTime.fromisoformat(value)
    except ValueError as exc:
        return None, f"date '{value}' is not a calendar date ({exc})"
    return day.isoformat(), None


def _surrogate(doc: Document) -> tuple[str, int, int] | None:
    for field in ("id", "text", "title", "source", "url", "date"):
        value = getattr(doc, field)
        if isinstance(value, str) and (found := _SURROGATE.search(value)):
            return field, ord(found.group()), found.start()
    return None


def validate(doc: Document, max_chars: int) -> Document | Reject:
    """The document, its date normalised, or a Reject that names why it cannot be coded."""
    def reject(code: str, **fields: object) -> Reject:
        return Reject.coded(doc.origin or doc.id, code, doc.id, **fields)

    if found := _surrogate(doc):
        field, char, position = found
        return reject("E219", field=field, char=char, position=position)
    if len(doc.id) > MAX_ID_CHARS:
        return reject("E220", size=len(doc.id), limit=MAX_ID_CHARS)
    if not doc.text or not doc.text.strip():
        return reject("E201")
    if len(doc.text) > max_chars:
        return reject("E204", size=len(doc.text), limit=max_chars)
    if reason := binary_reason(doc.text):
        return reject("E202", reason=reason)
    day, reason = check_date(doc.date)
    if reason:
        return reject("E206", reason=reason)
    doc.date = day
    return doc
