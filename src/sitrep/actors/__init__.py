"""Actors: the dictionary (data files), the phrase matcher and the resolver."""

from .dictionary import ActorDictionary, ActorEntry
from .matcher import ActorMatcher, Mention
from .resolver import ActorResolver

__all__ = ["ActorDictionary", "ActorEntry", "ActorMatcher", "ActorResolver", "Mention"]
