"""Resolving a bare actor mention ("Iraqi police") to its code, for evaluation and lookups."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date as Date
from typing import Any

from .resolver import ActorResolver


def resolve_text(coder: Any, text: str, day: Date | None = None) -> dict | None:
    """The actor a short phrase names on ``day``, coded as in an event record; None when the phrase is empty."""
    parsed = coder.nlp(text.strip())
    if not len(parsed):
        return None
    resolver = ActorResolver(parsed, coder.actors.find(parsed), day)
    actors = resolver.resolve_span(parsed[:])
    return asdict(actors[0]) if actors else None
