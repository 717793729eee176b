"""From a noun phrase in the parse to coded actors.

The phrase around a subject or object head is read for dictionary
mentions and composed CAMEO-style: a country (by name, adjective, people
or capital) plus an agent ("Iraqi police" = IRQ + COP), a named group with
its own country and sector, or an IGO. A capital alone stands for its
government ("Baghdad said" = IRQGOV). Countries coordinated inside one
phrase ("Iraqi and US forces") give one actor each. A city or province gives
its country ("Basra police" = IRQCOP); a person is coded by the role held on
the document's date; a bare sector takes the story's focus country; "the prime
minister" is named after whoever held the office that day; pronouns and
descriptions are linked by ``coreference.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..data_files import as_list, package_yaml
from ..model import Actor
from .coreference import Coreference, words
from .dictionary import ActorEntry
from .matcher import Mention
from .offices import OfficeHolders
from .people import STATE_SECTORS, role_on, split_code

COUNTRY_KINDS = {"name", "adjective", "people", "capital", "place"}
# A place name the parser reads as a person ("Jackson said") is not the place. The small model
# often reads a town as an organisation ("shelled Mariupol"), so that does not rule a place out.
_NOT_PLACES = {"PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
_PLACES = {"GPE", "LOC", "FAC"}
_BARE_PLACES = _PLACES | {"ORG"}  # a town alone as an actor: the parser's place, or its "organisation"
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
                 focus: str | None = None, offices: OfficeHolders | None = None) -> None:
        self.doc = doc
        self.day = day
        self.offices = offices
        mentions = [m for m in mentions if m.entry.kind != "place" or _a_place(doc, m)]
        self.focus = focus if focus is not None else country_focus(mentions, doc=doc)
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention
        self.coreference = Coreference(self)
        self._phrases: dict[int, list[Actor]] = {}

    def resolve(self, head: Token) -> list[Actor]:
        """One actor per coordinated head, and per country coordinated inside a phrase; a pronoun
        or description ("he", "the group") is the actor it refers back to."""
        actors = []
        for conjunct in conjuncts(head):
            linked = self.coreference.link(conjunct)
            if linked is not None:
                actors.append(linked)
            else:
                actors.extend(replace(a) for a in self.resolve_phrase(conjunct)
                              if a.code is not None or could_act(conjunct))
        return actors

    def resolve_phrase(self, head: Token, in_context: bool = True) -> list[Actor]:
        """The actors the phrase around ``head`` names, in context (computed once per head) or
        as the phrase alone says."""
        if not in_context:
            return self._resolve_phrase(head)
        if head.i not in self._phrases:
            self._phrases[head.i] = [self._in_context(a, head) for a in self._resolve_phrase(head)]
        return self._phrases[head.i]

    def kinds(self, head: Token, actor: Actor) -> tuple[frozenset[str], bool, frozenset[str]]:
        """For coreference: what a pronoun may call this phrase's actor (person, plural, thing,
        group), whether it is named (a person, group or IGO from the dictionary), and a named
        person's offices."""
        named = [m.entry for t in phrase_tokens(head) if (m := self.by_token.get(t.i))
                 and m.entry.name == actor.name and m.entry.kind in ("person", "group", "igo")]
        own = self.by_token.get(head.i)
        if named and named[0].kind == "person" and (own is None or own.entry.kind != "person"):
            named = []  # "the Maliki government" is an institution ("it"), not the man ("he")
        if named and named[0].kind == "person":
            person = named[0]
            standing = {r.office for r in person.roles} | {r.sector for r in person.roles}
            if person.otherwise:
                standing.add(split_code(person.otherwise)[1])
            return frozenset({"person"}), True, frozenset(standing - {None, ""})
        if named:
            return frozenset({"thing", "plural", "group"}), True, frozenset()
        if head.ent_type_ == "PERSON" or (head.tag_ == "NN" and head.lemma_.lower() in words().person_nouns):
            return frozenset({"person"}), False, frozenset()
        if head.tag_ in ("NNS", "NNPS") or (own and own.entry.kind == "people" and head.lower_.endswith("s")):
            return frozenset({"plural"}), False, frozenset()
        return frozenset({"thing"}), False, frozenset()

    def resolve_span(self, span: Span) -> list[Actor]:
        """The actors a whole span names, for a bare phrase such as "Boko Haram gunmen"."""
        if len(span) == 1 and (linked := self.coreference.link(span.root)) is not None:
            return [linked]
        return [self._in_context(a, span.root) for a in self._resolve_phrase(span.root, list(span))]

    def _in_context(self, actor: Actor, head: Token) -> Actor:
        """A sector with no country takes the story's focus country ("the army" in a story about
        Iraq is IRQMIL) unless its sentence names another country."""
        if actor.code is None:
            actor.resolution, actor.confidence = "unknown", 0.3
            if head.pos_ == "PRON" and head.lower_ in words().pronouns:
                actor.sector = "UNK"  # "he" with no one to refer to: a person, but not known who
        elif actor.country is None and actor.sector and self.focus and not self._other_country(head):
            actor.country, actor.code = self.focus, self.focus + actor.code
            actor.resolution, actor.confidence = "context", 0.6
        else:
            actor.resolution, actor.confidence = "dictionary", 0.9
        if actor.country and self.offices is not None:
            self._office_holder(actor, head)
        return actor

    def _office_holder(self, actor: Actor, head: Token) -> None:
        """"The prime minister" (one, not former) in a country is whoever held the office that day."""
        mention = self.by_token.get(head.i)
        if mention is None or mention.entry.kind != "agent" or head.tag_ not in ("NN", "NNP"):
            return
        phrase = phrase_tokens(head)
        if any(t.lower_ in _FORMER or ((m := self.by_token.get(t.i)) and m.entry.kind in ("person", "group", "igo"))
               for t in phrase):
            return
        holder = self.offices.holder(actor.country, self.doc[mention.start:mention.end].text, self.day)
        if holder is not None:
            actor.name = holder.name

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
        # a name the parser split ("al-Qaeda | in Iraq", "the Popular Front | for ...") widens the
        # phrase to the whole name, be it a dictionary phrase or a named entity
        named_spans = [(m.start, m.end) for m in found if m.start <= head.i < m.end]
        if head.ent_type_ in ("ORG", "PERSON"):
            named_spans.append(_entity(head))
        start = min([start] + [s for s, _ in named_spans])
        end = max([end] + [e for _, e in named_spans])
        found = [m for m in found if m.start >= start and m.end <= end]
        span = self.doc[start:end]
        offsets = dict(text=span.text, start=span.start_char, end=span.end_char)
        if not found:
            return [Actor(**offsets)]

        # The mention nearest the head names the organisation or role.
        def nearness(m: Mention) -> int:
            return 0 if m.start <= head.i < m.end else abs(head.i - m.end)

        agent = min((m for m in found if m.entry.kind == "agent"), key=nearness, default=None)
        # "the Canadian ambassador to the UN": the body the head is sent to is not the head's own
        destination = {t.i for child in head.rights if child.dep_ == "prep" and child.lower_ == "to"
                       for t in child.subtree}
        named = min((m for m in found if m.entry.kind in ("group", "igo") and m.start not in destination),
                    key=nearness, default=None)
        person = min((m for m in found if m.entry.kind == "person" and self._whole_name(m)), key=nearness,
                     default=None)
        # a country named outright outranks a city or province ("Iraqi police in Basra")
        countries = sorted((m for m in found if m.entry.kind in COUNTRY_KINDS), key=lambda m: m.entry.kind == "place")
        # "former Prime Minister X", "a former CIA official": an elite, not the office or the agency
        former = any(t.lower_ in _FORMER for t in span)
        sector = agent.entry.sector if agent else None
        if former and sector:
            sector = "ELI"

        if person is not None and (named is None or nearness(person) <= nearness(named)):
            code, country, own_sector = person_code(person.entry, self.day)
            name = person.entry.name
            # "the Maliki government" (the institution is the head), "Defence Minister X" (a title)
            titled = agent is not None and (nearness(agent) < nearness(person) or agent.end <= person.start)
            if former or titled:
                own_sector = "ELI" if former else agent.entry.sector
                code = _join(country, own_sector)
            elif countries and not any(r.start or r.end for r in person.entry.roles) and \
                    own_sector in STATE_SECTORS and countries[0].entry.country != country:
                # an undated imported body named with another country: "Chile's Defense Department"
                country, name = countries[0].entry.country, None
                code = _join(country, own_sector)
            return [Actor(**offsets, code=code, country=country, sector=own_sector, name=name)]

        if named is not None:
            entry = named.entry
            country = entry.country
            if entry.kind == "group" and countries and (not country or entry.sector in STATE_SECTORS):
                # a state body named with its country ("Chile's Defense Department") is that country's
                country = countries[0].entry.country
            own_sector = entry.sector or sector
            if named.end <= head.i and sector in _ARMED and entry.sector in ("OPP", "PTY"):
                own_sector = sector  # "Sadrist militias": the movement's armed men, not the movement
            if former and agent is not None and entry.kind == "group":
                own_sector = "ELI"  # "a former CIA official"
            if entry.kind == "igo":
                code = entry.code + (sector or "") if entry.code else None
            else:
                code = (entry.code if own_sector == entry.sector else None) or _join(country, own_sector)
            return [Actor(**offsets, code=code, country=country, sector=own_sector, name=entry.name)]

        if not countries:
            return [Actor(**offsets, code=sector, sector=sector, name=agent.entry.name if agent else None)]

        coordinated = self._coordinated(countries)
        actors: list[Actor] = []
        for mention in coordinated:
            entry = mention.entry
            if entry.kind == "place" and sector is None:
                # a city or province alone stands for the people in it ("shelled Mariupol")
                if self.doc[mention.start].ent_type_ not in _BARE_PLACES:
                    continue
                own_sector = "CVL"
            else:
                own_sector = sector or ("GOV" if entry.kind == "capital" else None)
            actors.append(Actor(**offsets, code=_join(entry.country, own_sector), country=entry.country,
                                sector=own_sector, name=entry.name))
        return actors or [Actor(**offsets)]

    def _whole_name(self, mention: Mention) -> bool:
        """Whether a person's name is the whole name written: "Mohammed Hussein" inside "Mohammed
        Hussein Roble" is someone else. A name the parser runs on into is not the entry's."""
        after = self.doc[mention.end] if mention.end < len(self.doc) else None
        before = self.doc[mention.start - 1] if mention.start > 0 else None
        return not any(t is not None and t.pos_ == "PROPN" and t.ent_type_ == "PERSON" and t.i not in self.by_token
                       for t in (after, before))

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


_ARMED = {"PRM", "MIL", "INS", "REB", "UAF", "SEP"}
_FORMER = {"former", "ex", "ex-", "late", "erstwhile", "onetime", "one-time", "retired"}
_AGENT_ENTITIES = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}


def _a_place(doc: Doc, mention: Mention) -> bool:
    """A city or province name read as one: not a person ("Jackson said") and not a piece of a
    longer name ("Kolachi Mori" is not Mori in Japan)."""
    first = doc[mention.start]
    if first.ent_type_ in _NOT_PLACES:
        return False
    if first.ent_type_ and first.ent_iob_ == "I":
        return False  # the entity started before the place name
    after = doc[mention.end] if mention.end < len(doc) else None
    return not (after is not None and after.ent_iob_ == "I" and after.pos_ == "PROPN")


def _entity(token: Token) -> tuple[int, int]:
    """(start, end) of the named entity ``token`` is in, read from the IOB tags around it."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def could_act(head: Token) -> bool:
    """Whether a phrase no dictionary knows can still name an actor. Interrogative and
    indefinite pronouns and idiom nouns cannot ("what happened", "overstepped the mark",
    ``non_actors.yaml``); other unknown phrases are kept, uncoded, for the reader to judge."""
    if head.ent_type_ in _AGENT_ENTITIES:
        return True
    pronouns, nouns = _non_actors()
    return head.lower_ not in pronouns and (head.pos_ != "NOUN" or head.lemma_.lower() not in nouns)


@cache
def _non_actors() -> tuple[frozenset[str], frozenset[str]]:
    data = package_yaml("sitrep.actors", "non_actors.yaml")[0]
    return frozenset(as_list(data["pronouns"])), frozenset(as_list(data["nouns"]))


_NOT_STATES = {"IGO", "NGO", "IMG", "MNC", "UIS", "UNO", "EUR", "AFR", "ASA", "MEA", "WST", "EEU", "LAM"}


def country_focus(mentions: list[Mention], least: int = 2, doc: Doc | None = None) -> str | None:
    """The country a story is about: the one its actors and places name most, when it leads
    (named at least ``least`` times, and more often than any other). A city or province counts
    where the parser (of ``doc``) reads it as a place."""
    counts: dict[str, int] = {}
    for mention in mentions:
        country = mention.entry.country
        if mention.entry.kind == "place" and (doc is None or doc[mention.start].ent_type_ not in _PLACES):
            continue
        if country and country not in _NOT_STATES and mention.entry.kind != "agent":
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] >= least and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
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
