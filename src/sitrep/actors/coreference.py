"""Pronouns and definite descriptions linked to the actor they stand for.

"Maliki ordered the offensive. He said ..." codes the second source as
Maliki, with the text "He" as written. A pronoun links to the last
compatible actor before it, a few sentences back at most (``coreference.yaml``
gives the words, the kinds and the window); a relative pronoun ("the militia,
which attacked ...") to the phrase it modifies; a description ("the group",
"the militia", "the cleric") to the last *named* actor of its kind. With no
antecedent nothing is linked, and the phrase is resolved as any other.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Token

from ..data_files import as_list, package_yaml
from ..model import Actor
from .people import STATE_SECTORS

if TYPE_CHECKING:
    from .resolver import ActorResolver

COREFERENCE_CONFIDENCE = 0.75
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_OBJECTS = {"dobj", "pobj", "dative", "iobj", "obj"}


class Words(NamedTuple):
    window: int
    pronouns: dict[str, str]  # pronoun -> person | plural | thing
    groups: frozenset[str]  # "the group", "the movement"
    person_nouns: frozenset[str]


@cache
def words() -> Words:
    data = package_yaml("sitrep.actors", "coreference.yaml")[0]
    pronouns = {p: kind for kind, forms in data["pronouns"].items() for p in as_list(forms)}
    return Words(int(data["window"]), pronouns, frozenset(as_list(data["descriptions"]["group"])),
                 frozenset(as_list(data["person_nouns"])))


class Candidate(NamedTuple):
    head: Token
    actor: Actor
    kinds: frozenset[str]  # person, plural, thing, group
    named: bool  # a named group, IGO or person, not a composed "Iraqi police"
    offices: frozenset[str]  # a named person's offices and sectors: "the cleric" is the last who was one


class Coreference:
    """Antecedents of one document, found lazily sentence by sentence (most documents need few)."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.sentences = list(resolver.doc.sents)
        self.number = {s.start: n for n, s in enumerate(self.sentences)}
        self._found: dict[int, list[Candidate]] = {}

    def link(self, head: Token) -> Actor | None:
        """The actor ``head`` refers back to, with ``head``'s own text; None if it names its own."""
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "relcl":
            antecedent = self._phrase_actor(head.head.head)
            return self._linked(head, antecedent) if antecedent and antecedent.code else None
        kind = words().pronouns.get(lower)
        if kind is not None and head.pos_ == "PRON":
            other = self._subject_code(head) if not lower.endswith(("self", "selves")) else None
            return self._linked(head, self._last(head, lambda c: kind in c.kinds and c.actor.code != other))
        if not any(t.lower_ in _DEFINITE for t in head.lefts) or any(t.dep_ == "poss" for t in head.lefts):
            return None
        lemma = head.lemma_.lower()
        if lemma in words().groups:
            return self._linked(head, self._last(head, lambda c: c.named and "group" in c.kinds))
        own = self.resolver.resolve_phrase(head, in_context=False)
        if lemma in words().person_nouns and head.tag_ == "NN":
            # "the cleric": the last person who held such an office, or whose standing is its sector
            sector = own[0].sector if len(own) == 1 else None
            return self._linked(head, self._last(head, lambda c: sector in c.offices or
                                                 any(lemma in o.split() for o in c.offices)))
        if len(own) != 1 or own[0].code is None or own[0].code != own[0].sector:
            return None  # not a bare agent noun: "the Iraqi army" names its own actor
        sector = own[0].sector
        if sector in STATE_SECTORS:
            return None  # "the army", "the government": the story's own country's, not a named body
        return self._linked(head, self._last(head, lambda c: c.named and "group" in c.kinds
                                             and c.actor.sector == sector))

    def _linked(self, head: Token, antecedent: Actor | None) -> Actor | None:
        if antecedent is None:
            return None
        own = self.resolver.resolve_phrase(head, in_context=False)[0]  # the text as written
        return replace(antecedent, text=own.text, start=own.start, end=own.end,
                       name=antecedent.name or antecedent.text, resolution="coreference",
                       confidence=min(antecedent.confidence or COREFERENCE_CONFIDENCE, COREFERENCE_CONFIDENCE))

    def _subject_code(self, head: Token) -> str | None:
        """The code of the subject of the clause whose object ``head`` is: "they gave them" never
        links "them" to whoever "they" are."""
        if head.dep_ not in _OBJECTS:
            return None
        verb = head.head
        while verb.dep_ in ("prep", "agent", "dative") and verb.head is not verb:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        actors = self.resolver.resolve(subject)
        return actors[0].code if actors else None

    def _last(self, head: Token, fits) -> Actor | None:
        """The compatible actor in the nearest sentence before ``head`` that has one: its
        subject when that fits ("Iraqi soldiers clashed with gunmen. They ..."), else the last."""
        number = self.number[head.sent.start]
        for n in range(number, max(-1, number - words().window - 1), -1):
            fitting = [c for c in self._candidates(n) if c.head.i < head.i and fits(c)]
            if fitting:
                subjects = [c for c in fitting if c.head.dep_ in ("nsubj", "nsubjpass")]
                return (subjects or fitting)[-1].actor
        return None

    def _candidates(self, number: int) -> list[Candidate]:
        if number not in self._found:
            self._found[number] = [c for t in self.sentences[number] if (c := self._candidate(t)) is not None]
        return self._found[number]

    def _candidate(self, token: Token) -> Candidate | None:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod", "poss", "nmod", "flat"):
            return None
        known = self.resolver.by_token
        if token.ent_type_ != "PERSON" and not any(i in known for i in range(token.left_edge.i, token.i + 1)):
            return None  # nothing in the phrase is in the dictionary: no code to pass on
        actor = self._phrase_actor(token)
        if actor is None:
            return None
        kinds, named, offices = self.resolver.kinds(token, actor)
        if actor.code is None and "person" not in kinds:
            return None  # an unknown phrase is a poor antecedent, unless it names a person
        return Candidate(token, actor, kinds, named, offices)

    def _phrase_actor(self, head: Token) -> Actor | None:
        actors = self.resolver.resolve_phrase(head)
        return actors[0] if len(actors) == 1 else None
