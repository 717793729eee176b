"""Checks every document passes before it is coded; failures become rejects."""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date

from ..errors import message
from ..model import Document, Reject

DEFAULT_MAX_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def content_id(text: str) -> str:
    """A stable id for a document that came without one."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def decode(raw: bytes) -> tuple[str | None, str | None]:
    """Text from bytes, or the reason it is not text: (text, None) or (None, reason)."""
    if b"\x00" in raw[:8192]:
        return None, message("E202", reason="it contains NUL bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, message("E203", reason=f"byte {exc.start} cannot be decoded ({exc.reason})")
    return text, None


def binary_reason(text: str) -> str | None:
    sample = text[:8192]
    if "\x00" in sample:
        return "it contains NUL characters"
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.05:
        return "over 5% of its characters are control characters"
    return None


def check_date(value: object) -> str | None:
    """None when ``value`` is a usable date (YYYY-MM-DD, or empty), else the reason."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        return f"date must be a string YYYY-MM-DD, not {type(value).__name__}"
    try:
        Date.fromisoformat(value[:10])
    except ValueError:
        return f"date '{value}' is not YYYY-MM-DD"
    return None


def validate(doc: Document, max_chars: int) -> Document | Reject:
    """The document, cleaned, or a Reject that names why it cannot be coded."""
    def reject(code: str, **fields: object) -> Reject:
        return Reject(id=doc.id, origin=doc.origin or doc.id, code=code,
                      reason=message(code, **fields), date=doc.date)

    if not doc.text or not doc.text.strip():
        return reject("E201")
    if reason := binary_reason(doc.text):
        return reject("E202", reason=reason)
    if len(doc.text) > max_chars:
        return reject("E204", size=len(doc.text), limit=max_chars)
    if reason := check_date(doc.date):
        return reject("E206", reason=reason)
    doc.date = doc.date[:10] if doc.date else None
    return doc
