"""Resolving a bare actor mention ("Iraqi police") to its code, for evaluation and lookups."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date as Date
from typing import Any

from .resolver import ActorResolver, country_focus


def resolve_text(coder: Any, text: str, day: Date | None = None, context: str | None = None) -> dict | None:
    """The actor a short phrase names on ``day``, coded as in an event record; None when the phrase
    is empty. ``context`` (the sentence or story around it) gives the country focus."""
    parsed = coder.nlp(text.strip())
    if not len(parsed):
        return None
    # a context given with the phrase was chosen to describe it: one country named there is its focus
    if context:
        parsed_context = coder.nlp(context)
        focus = country_focus(coder.actors.find(parsed_context), least=1, doc=parsed_context)
    else:
        focus = None
    resolver = ActorResolver(parsed, coder.actors.find(parsed), day, focus, offices=coder.offices)
    actors = resolver.resolve_span(parsed[:])
    return asdict(actors[0]) if actors else None
