"""From a noun phrase in the parse to coded actors.

The phrase around a subject or object head is read for dictionary
mentions and composed CAMEO-style: a country (by name, adjective, people
or capital) plus an agent ("Iraqi police" = IRQ + COP), a named group with
its own country and sector, or an IGO. A capital alone stands for its
government ("Baghdad said" = IRQGOV). Countries coordinated inside one
phrase ("Iraqi and US forces") give one actor each.
"""

from __future__ import annotations

from datetime import date as Date

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .dictionary import ActorEntry
from .matcher import Mention
from .people import role_on, split_code

COUNTRY_KINDS = {"name", "adjective", "people", "capital"}
# Left-hand dependents that belong to the phrase ("the heavily armed Iraqi police"); a date or
# an adverbial that the parser hangs on the noun does not.
_LEFT_DEPS = {"det", "predet", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case", "advmod",
              "nn", "punct", "cc", "conj", "prep"}
# Right-hand dependents that still belong to the phrase ("members of the Mahdi Army").
_RIGHT_DEPS = {"compound", "appos", "nmod", "amod"}


def phrase_tokens(head: Token) -> list[Token]:
    """The head with its left dependents and an 'of' phrase, but no clauses or conjuncts."""
    tokens = [head]
    left = [child for child in head.lefts if child.dep_ in _LEFT_DEPS]
    # a comma or preposition on the left starts what the phrase does not include ("On Monday, gunmen")
    while left and (left[0].dep_ in ("punct", "prep", "cc") or left[0].ent_type_ in ("DATE", "TIME")):
        left.pop(0)
    for child in left:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in _RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            tokens.extend(child.subtree)
    # white space (a blanked dateline, a line break) is never part of a name
    return sorted((t for t in tokens if not t.is_space), key=lambda t: t.i) or [head]


def conjuncts(head: Token) -> list[Token]:
    """The head and the heads coordinated with it: "Iran and Syria" -> [Iran, Syria]."""
    return [head, *(t for t in head.conjuncts if t.i > head.i)]


class ActorResolver:
    """Resolves noun phrases of one document; ``day`` (the document's date) picks the role a
    person held then: Maliki is the Iraqi government in 2008 and a former official in 2016."""

    def __init__(self, doc: Doc, mentions: list[Mention], day: Date | None = None,
                 focus: str | None = None) -> None:
        self.doc = doc
        self.day = day
        self.focus = focus if focus is not None else country_focus(mentions)
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention

    def resolve(self, head: Token) -> list[Actor]:
        """One actor per coordinated head, and per country coordinated inside a phrase."""
        actors = []
        for conjunct in conjuncts(head):
            actors.extend(self._in_context(a, conjunct) for a in self._resolve_phrase(conjunct)
                          if a.code is not None or could_act(conjunct))
        return actors

    def resolve_span(self, span: Span) -> list[Actor]:
        """The actors a whole span names, for a bare phrase such as "Boko Haram gunmen"."""
        return [self._in_context(a, span.root) for a in self._resolve_phrase(span.root, list(span))]

    def _in_context(self, actor: Actor, head: Token) -> Actor:
        """A sector with no country takes the story's focus country ("the army" in a story about
        Iraq is IRQMIL) unless its sentence names another country."""
        if actor.code is None:
            actor.resolution, actor.confidence = "unknown", 0.3
        elif actor.country is None and actor.sector and self.focus and not self._other_country(head):
            actor.country, actor.code = self.focus, self.focus + actor.code
            actor.resolution, actor.confidence = "context", 0.6
        else:
            actor.resolution, actor.confidence = "dictionary", 0.9
        return actor

    def _other_country(self, head: Token) -> bool:
        sentence = head.sent
        countries = {m.entry.country for i in range(sentence.start, sentence.end) if (m := self.by_token.get(i))}
        return bool(countries - {None, self.focus} - _NOT_STATES)

    def _resolve_phrase(self, head: Token, tokens: list[Token] | None = None) -> list[Actor]:
        tokens = tokens or phrase_tokens(head)
        start, end = tokens[0].i, tokens[-1].i + 1
        found: list[Mention] = []
        for token in tokens:
            mention = self.by_token.get(token.i)
            if mention and mention not in found:
                found.append(mention)
        # a name the parser split ("al-Qaeda | in Iraq") widens the phrase to the whole name
        start = min([start] + [m.start for m in found if m.start <= head.i < m.end])
        end = max([end] + [m.end for m in found if m.start <= head.i < m.end])
        found = [m for m in found if m.start >= start and m.end <= end]
        span = self.doc[start:end]
        offsets = dict(text=span.text, start=span.start_char, end=span.end_char)
        if not found:
            return [Actor(**offsets)]

        # The mention nearest the head names the organisation or role.
        def nearness(m: Mention) -> int:
            return 0 if m.start <= head.i < m.end else abs(head.i - m.end)

        agent = min((m for m in found if m.entry.kind == "agent"), key=nearness, default=None)
        named = min((m for m in found if m.entry.kind in ("group", "igo")), key=nearness, default=None)
        person = min((m for m in found if m.entry.kind == "person"), key=nearness, default=None)
        countries = [m for m in found if m.entry.kind in COUNTRY_KINDS]
        # "former Prime Minister X", "a former CIA official": an elite, not the office or the agency
        former = any(t.lower_ in _FORMER for t in span)
        sector = agent.entry.sector if agent else None
        if former and sector:
            sector = "ELI"

        if person is not None and (named is None or nearness(person) <= nearness(named)):
            code, country, own_sector = person_code(person.entry, self.day)
            # "the Maliki government" (the institution is the head), "Defence Minister X" (a title)
            titled = agent is not None and (nearness(agent) < nearness(person) or agent.end <= person.start)
            if former or titled:
                own_sector = "ELI" if former else agent.entry.sector
                code = _join(country, own_sector)
            return [Actor(**offsets, code=code, country=country, sector=own_sector, name=person.entry.name)]

        if named is not None:
            entry = named.entry
            country = entry.country
            if entry.kind == "group" and countries and not country:
                country = countries[0].entry.country
            own_sector = entry.sector or sector
            if entry.kind == "igo":
                code = entry.code + (sector or "") if entry.code else None
            else:
                code = entry.code or _join(country, own_sector)
            return [Actor(**offsets, code=code, country=country, sector=own_sector, name=entry.name)]

        if not countries:
            return [Actor(**offsets, code=sector, sector=sector, name=agent.entry.name if agent else None)]

        coordinated = self._coordinated(countries)
        actors = []
        for mention in coordinated:
            entry = mention.entry
            own_sector = sector or ("GOV" if entry.kind == "capital" else None)
            actors.append(Actor(**offsets, code=_join(entry.country, own_sector), country=entry.country,
                                sector=own_sector, name=entry.name))
        return actors

    def _coordinated(self, countries: list[Mention]) -> list[Mention]:
        """All country mentions when they are coordinated with each other, else the first."""
        first = countries[0]
        result = [first]
        head_token = self.doc[first.end - 1]
        linked = {t.i for t in head_token.conjuncts}
        for mention in countries[1:]:
            if any(i in linked for i in range(mention.start, mention.end)) and \
                    mention.entry.country not in {m.entry.country for m in result}:
                result.append(mention)
        return result


_FORMER = {"former", "ex", "ex-", "late", "erstwhile", "onetime", "one-time", "retired"}
_AGENT_ENTITIES = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}


def could_act(head: Token) -> bool:
    """Whether a phrase no dictionary knows can still name an actor. Interrogative and
    indefinite pronouns cannot ("what happened", "something struck the car"); other unknown
    phrases are kept, uncoded, for the reader to judge."""
    return head.lower_ not in _NON_AGENT_PRONOUNS or head.ent_type_ in _AGENT_ENTITIES


_NON_AGENT_PRONOUNS = {"what", "whatever", "which", "whichever", "something", "anything", "nothing",
                       "everything"}
_NOT_STATES = {"IGO", "NGO", "IMG", "MNC", "UIS", "EUR", "AFR", "ASA", "MEA", "WST", "EEU", "LAM"}


def country_focus(mentions: list[Mention]) -> str | None:
    """The country a story is about: the one its actors and places name most, when it leads
    (named at least twice, and more often than any other)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        country = mention.entry.country
        if country and country not in _NOT_STATES and mention.entry.kind != "agent":
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def person_code(entry: ActorEntry, day: Date | None) -> tuple[str | None, str | None, str | None]:
    """(code, country, sector) of a person, or a dated PETRARCH entry, on ``day``."""
    role = role_on(entry.roles, day)
    if role is not None:
        country = role.country or entry.country
        return role.code or _join(country, role.sector), country, role.sector or None
    if entry.otherwise:
        return entry.otherwise, *split_code(entry.otherwise)
    return entry.country, entry.country, None


def _join(country: str | None, sector: str | None) -> str | None:
    code = (country or "") + (sector or "")
    return code or None
