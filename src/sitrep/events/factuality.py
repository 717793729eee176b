"""How sure the text is about an event: asserted, reported, negated, future or hypothetical.

Read off the parse around the event's verb with the cue lists in
``data/factuality.yaml``: negation on the verb, a governing verb of saying
("officials said"), of denial or of intention, a modal, a hedging adverb,
"according to", or a condition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..data_files import package_yaml

# Dependencies along which a governing verb frames the clause below it.
_FRAMING = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl"}


@dataclass(frozen=True)
class Cues:
    report_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    consider_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    failure_verbs: frozenset[str]
    future_verbs: frozenset[str]
    future_modals: frozenset[str]
    future_adjectives: frozenset[str]
    hypothetical_modals: frozenset[str]
    obligation_modals: frozenset[str]
    hedges: frozenset[str]
    conditions: frozenset[str]


@cache
def cues() -> Cues:
    data = package_yaml("sitrep.events", "factuality.yaml")
    return Cues(**{name: frozenset(str(w).lower() for w in data[name]) for name in Cues.__dataclass_fields__})


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def governors(verb: Token) -> list[Token]:
    """The verbs that frame this one, nearest first ("said" in "officials said troops attacked")."""
    chain = []
    token = verb
    while token.head != token:
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head  # "accused Tehran of arming": through the preposition
        elif token.dep_ not in _FRAMING:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            chain.append(token)
    return chain


def is_announced(verb: Token) -> bool:
    """Whether the act is spoken of as to come: "will not lift", "is willing to withdraw"."""
    c = cues()
    if any(child.dep_ == "aux" and child.lower_ in c.future_modals for child in verb.children):
        return True
    return any(g.lemma_.lower() in c.future_verbs or g.lower_ in c.future_adjectives for g in governors(verb))


def _text(token: Token) -> str:
    """A token's whole subtree as it stands in the text."""
    return token.doc[token.left_edge.i: token.right_edge.i + 1].text


def subject_text(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _text(child)
    return None


def _own_state(verb: Token, c: Cues) -> str | None:
    """What the verb's own dependents say: not, if, will, may, reportedly, according to."""
    if is_negated(verb):
        return "negated"
    if any(child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in c.conditions for m in child.children)
           for child in verb.children):
        return "hypothetical"  # "if the militia refuses, the army will attack"
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in c.conditions:
            return "hypothetical"
        if child.dep_ == "aux" and child.lower_ in c.future_modals:
            return "future"
        if child.dep_ == "aux" and child.lower_ in c.hypothetical_modals:
            return "hypothetical"
        if (child.dep_ == "advmod" and child.lower_ in c.hedges) or (
                child.dep_ == "prep" and child.lower_ == "according"):
            return "reported"
    return None


def attribution(verb: Token) -> str | None:
    """Who says so, as written: "according to police", "officials said"."""
    c = cues()
    for token in [verb, *governors(verb)]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                return _text(child)
        if token != verb and token.lemma_.lower() in c.report_verbs:
            who = subject_text(token)
            return f"{who} {token.text}" if who else token.text
    return None


def factuality(verb: Token) -> tuple[str, str | None]:
    """(factuality, attribution) for the event whose trigger is ``verb``."""
    c = cues()
    state = _own_state(verb, c)
    if state is None:
        for governor in governors(verb):
            if verb.dep_ == "conj" and governor == verb.head:
                # "attacked and burned": the first verb's own cues apply to both
                state = _own_state(governor, c)
                if state:
                    break
                continue
            lemma = governor.lemma_.lower()
            if lemma in c.deny_verbs or lemma in c.failure_verbs or is_negated(governor):
                state = "negated"
            elif lemma in c.report_verbs:
                state = "reported"
            elif lemma in c.future_verbs or governor.lower_ in c.future_adjectives:
                state = "future"
            elif lemma in c.consider_verbs:
                state = "hypothetical"
            if state:
                break
    return state or "asserted", attribution(verb)

