"""Text as the parser reads it, offsets as the user wrote it.

Characters a reader cannot see (zero-width joiners, bidi marks, soft hyphens,
terminal colour codes, stray control characters) split words for the parser
and the dictionaries: "Mah\u200bdi Army" would not match. They are removed
before parsing, and every offset found in the cleaned text is mapped back to
the original, so an event's spans still point into the text as stored.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

# ANSI escape sequences (CSI and two-character forms), C0/C1 controls other than
# tab, newlines, vertical tab and form feed, and the invisible format characters.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
INVISIBLE = re.compile(
    ANSI.pattern + r"|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff]"
)


@dataclass(slots=True)
class VisibleText:
    """``text`` with the invisible characters of ``original`` removed, and the way back."""

    original: str
    text: str
    _positions: array | None = None  # original offset of each character of ``text``, then len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``text`` as offsets in ``original``; an end lands just after its last character."""
        if self._positions is None:
            return start, end
        if end <= start:
            return self._positions[start], self._positions[start]
        return self._positions[start], self._positions[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        """The original characters behind ``text[start:end]``, invisible ones included."""
        first, last = self.span(start, end)
        return self.original[first:last]


def visible(text: str) -> VisibleText:
    """The text without invisible characters; the identity, at no cost, when it has none."""
    if INVISIBLE.search(text) is None:
        return VisibleText(text, text)
    pieces: list[str] = []
    positions = array("q")
    kept_from = 0
    for found in INVISIBLE.finditer(text):
        pieces.append(text[kept_from:found.start()])
        positions.extend(range(kept_from, found.start()))
        kept_from = found.end()
    pieces.append(text[kept_from:])
    positions.extend(range(kept_from, len(text) + 1))
    return VisibleText(text, "".join(pieces), positions)
