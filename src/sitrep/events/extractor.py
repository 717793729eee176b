"""Verb patterns over the dependency parse: from a parsed sentence to events.

For each verb with a matching pattern the source is its subject (the
by-phrase in the passive), the target its object or the object of the
pattern's preposition, each resolved to actors; coordinated actors give
one event each. Factuality comes from ``factuality.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors import ActorResolver
from ..actors.coreference import RELATIVE_PRONOUNS
from ..data_files import package_yaml
from ..model import Actor
from .factuality import cues, factuality, is_announced, is_negated
from .intentions import announced, demand_code, refused
from .patterns import PatternIndex, VerbPattern

# Where a target is looked for when the pattern names no preposition and the verb has no object.
DEFAULT_TARGET_PREPS = ("against", "with", "on", "at", "to", "into", "upon")
# After a light verb's noun the target can also be what the noun is about:
# "expressed concern over the arrests", "promised support for the government".
NOUN_TARGET_PREPS = DEFAULT_TARGET_PREPS + ("about", "over", "for", "from", "toward", "towards")
_OBJECT_DEPS = ("dobj", "obj")
_PREP_DEPS = ("prep", "dative")
_QUANTITIES = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
               "score", "scores", "number", "lot", "lots", "handful", "couple", "several", "some", "many"}


@dataclass(slots=True)
class Match:
    """A verb and the pattern it matched, with the tokens the pattern used."""

    verb: Token
    pattern: VerbPattern
    passive: bool
    form: str  # the verb form the pattern matched
    object: Token | None = None
    xcomp: Token | None = None
    prep_object: Token | None = None
    framed: Match | None = None  # for a claim or a policy considered, the act it is about


@dataclass(slots=True)
class RawEvent:
    """An event before it becomes a record: tokens and actors, no ids or codebook fields yet."""

    verb: Token
    pattern: VerbPattern
    source: Actor | None
    target: Actor | None
    factuality: str
    attribution: str | None
    rule: str
    code: str  # the pattern's code, or the intent/threat to do it when the act is announced


def rule(match: Match) -> str:
    """What fired, in the words of the sentence: 'verb:launch+offensive+against -> 190'."""
    parts = [match.form]
    particle = next((c.lower_ for c in match.verb.children if c.lower_ in match.pattern.particle), None)
    if particle:
        parts.append(particle)
    if match.pattern.object and match.object is not None:
        parts.append(content_head(match.object).lemma_.lower())
    if match.xcomp is not None:
        parts.append("to " + match.xcomp.lemma_.lower())
    if match.pattern.phrase:
        parts.append(" ".join(_phrase(match.verb, match.pattern.phrase) or ()))
    if match.prep_object is not None:
        parts.append(match.prep_object.head.lower_)
    if match.framed is not None:
        parts.append(("own " if match.pattern.code == "015" else "") + match.framed.verb.lemma_.lower())
    subjects = match.pattern.subject and _children(match.verb, ("nsubj", "nsubjpass"))
    text = "verb:" + (f"{content_head(subjects[0]).lemma_.lower()}:" if subjects else "") + "+".join(parts)
    return text + f" -> {match.pattern.code}" + (" (passive)" if match.passive else "")


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def content_head(token: Token) -> Token:
    """Look through a quantity to what it counts: "dozens of houses" -> houses."""
    if token.like_num or token.lemma_.lower() in _QUANTITIES:
        for prep in _children(token, ("prep",)):
            if prep.lower_ == "of":
                objects = _children(prep, ("pobj",))
                if objects:
                    return objects[0]
    return token


def _logical_object(verb: Token, passive: bool) -> Token | None:
    if passive:
        if verb.dep_ == "acl":  # "a convoy attacked by gunmen": the convoy
            return verb.head
        found = _children(verb, ("nsubjpass",))
    else:
        found = _children(verb, _OBJECT_DEPS)
    return found[0] if found else None


@cache
def nouns(kind: str) -> frozenset[str]:
    """A noun list from ``data/nouns.yaml`` (``instruments``, ``abstractions``), by last word."""
    return frozenset(str(phrase).split()[-1].lower() for phrase in package_yaml("sitrep.events", "nouns.yaml")[kind])


def _is_target(pobj: Token, prep: Token) -> bool:
    """Whether a prepositional object can be a target: "on Tuesday" is when, "with grenades" how."""
    if pobj.ent_type_ in ("DATE", "TIME"):
        return False
    return not (prep.lower_ == "with" and content_head(pobj).lemma_.lower() in nouns("instruments"))


def _prep_object(tokens: list[Token], preps: frozenset[str] | tuple[str, ...]) -> Token | None:
    """The object of the first preposition in ``preps`` hanging on any of ``tokens``."""
    for token in tokens:
        if token is None:
            continue
        for child in _children(token, _PREP_DEPS):
            if child.lower_ in preps:
                objects = [o for o in _children(child, ("pobj",)) if _is_target(o, child)]
                if objects:
                    return objects[0]
    return None


def _dative(verb: Token) -> Token | None:
    """The indirect object of "gave Turkey aid"."""
    return next((c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)


def _base_forms(verb: Token) -> list[str]:
    """The lemma, then guesses for when the lemmatizer slips ("fined" -> "fin"): fine, fin."""
    text = verb.lower_
    forms = [verb.lemma_.lower()]
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                                ("es", ""), ("s", "")):
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            stem = text[: -len(suffix)]
            forms.append(stem + replacement)
            if suffix in ("ed", "ing") and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                forms.append(stem[:-1])  # "unbanned" -> "unban"
    return forms


def _object_words(obj: Token) -> set[str]:
    """The words an ``object`` constraint may meet: the noun, and what a quantity counts."""
    return {obj.lemma_.lower(), obj.lower_, content_head(obj).lemma_.lower()}


def match_verb(verb: Token, index: PatternIndex) -> Match | None:
    """The most specific pattern whose constraints the verb meets."""
    # every base form's entries, most specific first: a wrong lemma must not hide the right one
    found = [(pattern, form) for form in _base_forms(verb) for pattern in index.get(form)]
    if not found:
        return None
    forms = {}
    for pattern, form in found:
        forms.setdefault(pattern, form)
    candidates = sorted(forms, key=lambda p: -p.specificity)
    passive = _is_passive(verb)
    obj = _logical_object(verb, passive)
    for pattern in candidates:
        if pattern.particle and not any(
                c.dep_ in ("prt", "advmod", "prep") and c.lower_ in pattern.particle for c in verb.children):
            continue
        if pattern.object and (obj is None or not (_object_words(obj) & pattern.object)):
            continue
        xcomp = None
        if pattern.xcomp:
            # "agreed to meet" (xcomp); "gathered to demand" (a purpose clause, advcl)
            xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl")
                          and c.lemma_.lower() in pattern.xcomp), None)
            if xcomp is None:
                continue
        if pattern.subject:
            subjects = _children(verb, ("nsubj", "nsubjpass"))
            if not subjects or not ({subjects[0].lemma_.lower(), content_head(subjects[0]).lemma_.lower()}
                                    & pattern.subject):
                continue
        if pattern.phrase and _phrase(verb, pattern.phrase) is None:
            continue
        prep_object = None
        if pattern.prep:
            prep_object = _prep_object([verb, obj, xcomp], pattern.prep)
            if prep_object is None:
                continue
        return Match(verb, pattern, passive, forms[pattern], obj, xcomp, prep_object)
    return None


def _phrase(verb: Token, phrases: frozenset[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The first of ``phrases`` that hangs on the verb: ("on", "hunger", "strike") for "went on hunger strike"."""
    for prep in _children(verb, ("prep",)):
        for noun in _children(prep, ("pobj",)):
            around = {c.lower_ for c in noun.children}
            for phrase in phrases:
                first, *modifiers, last = phrase
                if prep.lower_ == first and last in (noun.lower_, noun.lemma_.lower()) and set(modifiers) <= around:
                    return phrase
    return None


def _subject(verb: Token, passive: bool) -> Token | None:
    """The doer: subject, by-phrase in the passive, or the subject of the verb this one depends on."""
    if passive:
        for agent in _children(verb, ("agent",)):
            objects = _children(agent, ("pobj",))
            if objects:
                return objects[0]
        return None
    subjects = _children(verb, ("nsubj",))
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subject
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head != verb:
        return _subject(verb.head, _is_passive(verb.head))
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        # "accused Tehran of arming militias": the doer of the inner verb is the outer object
        outer = verb.head.head
        objects = _children(outer, _OBJECT_DEPS)
        return objects[0] if objects else _subject(outer, _is_passive(outer))
    if verb.dep_ == "relcl":
        return verb.head
    return None


def _target(match: Match) -> Token | None:
    pattern, verb = match.pattern, match.verb
    if match.framed is not None:
        return _target(match.framed)
    if pattern.prep:
        return match.prep_object
    if pattern.object:
        # "shot unarmed demonstrators": the object itself, when nothing else names a target
        return (_prep_object([verb], DEFAULT_TARGET_PREPS) or _prep_object([match.object], NOUN_TARGET_PREPS)
                or _dative(verb) or match.object)
    if match.xcomp is not None:
        inner = _logical_object(match.xcomp, _is_passive(match.xcomp))
        return inner or _prep_object([match.xcomp], DEFAULT_TARGET_PREPS)
    if (dative := _dative(verb)) is not None:
        return dative
    if match.object is not None:
        return match.object
    for conjunct in _children(verb, ("conj",)):
        # "shot and killed a villager": verbs joined by "and" share the object
        if conjunct.pos_ == "VERB" and not _children(conjunct, ("nsubj", "nsubjpass")):
            shared = _logical_object(conjunct, False)
            if shared is not None:
                return shared
    # "went on strike": the pattern's own phrase names the act, not a target
    taken = {phrase[0] for phrase in pattern.phrase}
    found = _prep_object([verb], tuple(p for p in DEFAULT_TARGET_PREPS if p not in taken))
    if found is None and verb.lemma_.lower() in cues().deny_verbs:
        # "denied arming the militias": the target is the object of what was denied
        for clause in _children(verb, ("xcomp", "ccomp")):
            found = _logical_object(clause, _is_passive(clause))
            if found is not None:
                break
    return found


def _event_noun_actors(verb: Token, resolver: ActorResolver) -> tuple[list, list]:
    """Actors of an event named by the subject: "talks between Iraq and Iran took place"."""
    noun = _children(verb, ("nsubj", "nsubjpass"))[0]
    sources: list[Actor | None] = [None]
    targets: list[Actor | None] = [None]
    for prep in _children(noun, ("prep",)):
        objects = _children(prep, ("pobj",))
        if not objects:
            continue
        actors = resolver.resolve(objects[0])
        if prep.lower_ in ("between", "among") and len(actors) > 1:
            sources, targets = actors[:1], actors[1:]
        elif prep.lower_ == "by":
            sources = actors
        elif prep.lower_ in ("with", "against", "on"):
            targets = actors
    return sources, targets


def _own_act(verb: Token, framed: list[Match]) -> Match | None:
    """The framed act whose doer is the speaker ("they", "it", or the same words), if any."""
    speaker = _children(verb, ("nsubj",))
    if not speaker:
        return None
    for other in framed:
        doer = _subject(other.verb, other.passive)
        if doer is not None and (doer.pos_ == "PRON" or doer.lower_ == speaker[0].lower_):
            return other
    return None


def _inside(token: Token, clause_root: Token) -> bool:
    """Whether ``token`` is ``clause_root`` or below it in the tree."""
    return clause_root.left_edge.i <= token.i <= clause_root.right_edge.i and (
        token == clause_root or clause_root in token.ancestors)


def _find_matches(sentence: SpacySpan, index: PatternIndex) -> list[Match]:
    """Verbs with a matching pattern; a complement a pattern used ("agreed to meet") is not coded again."""
    matches = []
    consumed: set[int] = set()
    for token in sentence:
        if token.pos_ != "VERB" or token.dep_ == "amod" or token.i in consumed:
            continue
        match = match_verb(token, index)
        if match is None:
            continue
        if match.xcomp is not None:
            consumed.add(match.xcomp.i)
        matches.append(match)
    return [m for m in matches if m.verb.i not in consumed]


def _drop_framed(matches: list[Match]) -> list[Match]:
    """Acts under a denial are not events; statements that frame other events are not either,
    except a claim of one's own act, which is a claim of responsibility."""
    c = cues()
    denials = [m.verb for m in matches if m.verb.lemma_.lower() in c.deny_verbs]
    kept = []
    for match in matches:
        verb = match.verb
        if any(d != verb and _inside(verb, d) for d in denials):
            continue
        framed = [o for o in matches if o.verb != verb and _inside(o.verb, verb)]
        lemma = verb.lemma_.lower()
        if match.pattern.code.startswith("01") and framed:
            if lemma in c.claim_verbs and (claimed := _own_act(verb, framed)) is not None:
                # "the group claimed it had attacked the base"
                match.pattern = replace(match.pattern, code="015")
                match.framed = claimed
            elif lemma in c.consider_verbs:
                match.framed = framed[0]  # "Japan is considering sending aid to North Korea"
            elif lemma in c.report_verbs and _obligation(match) is None:
                continue
        kept.append(match)
    return kept


def _obligation(match: Match) -> Token | None:
    """For a statement that someone must do something, who must: "said Syria must withdraw"."""
    c = cues()
    if not (match.pattern.code.startswith("01") and match.verb.lemma_.lower() in c.report_verbs):
        return None
    for clause in _children(match.verb, ("ccomp",)):
        if any(a.dep_ == "aux" and a.lower_ in c.obligation_modals for a in clause.children):
            subjects = _children(clause, ("nsubj", "nsubjpass"))
            return subjects[0] if subjects else None
    return None


def _actors(match: Match, resolver: ActorResolver) -> tuple[list[Actor | None], list[Actor | None]]:
    subject, target = _subject(match.verb, match.passive), _target(match)
    if (obliged := _obligation(match)) is not None:
        target = obliged
    sources = (resolver.resolve(subject) if subject is not None else []) or [None]
    targets = (resolver.resolve(target) if target is not None else []) or [None]
    coded_target = any(t and t.code for t in targets)
    if not coded_target and match.object is not None and (target is None or target == match.object):
        # "lifted sanctions imposed on Eritrea", "issued a statement calling on the council":
        # the act noun's own clause names the target
        inner = _clause_target(match.object)
        if inner is not None and (found := [a for a in resolver.resolve(inner) if a.code]):
            target, targets, coded_target = inner, found, True
    if not coded_target and target is not None:
        # "withdrew peacekeepers from Rwanda", "announced a suspension of aid to Pakistan": what
        # was moved or done is not the target when a party it was done to is named beside it
        for candidate in _party_objects(match.verb, target):
            found = [a for a in resolver.resolve(candidate) if a.code]
            if found and not any(s and s.code == found[0].code for s in sources):
                target, targets, coded_target = candidate, found, True
                break
    if target is not None and target == match.object and match.pattern.object and not coded_target:
        targets = [None]  # "launched an offensive": the object is the act, not a target
    if match.pattern.code[:2] in _VERBAL_ROOTS and not coded_target:
        # "expressed surprise that the Post published ...": who the attitude is about, when
        # nothing better is named (a coded party wins over an uncoded object)
        about = _what_it_is_about(match)
        found = resolver.resolve(about) if about is not None else []
        if targets == [None] or any(a.code for a in found):
            targets = found or targets
    if match.pattern.subject and not any(s and s.code for s in sources):
        # the subject names the event ("the talks took place"), not who acted
        sources, targets = _event_noun_actors(match.verb, resolver)
    return sources, targets


# Verbal events (statements, appeals, intents, demands, disapproval, rejection, threats):
# their target may be what they are about.
_VERBAL_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13"}
# What an attitude is about, after a verb ("hoped for"); after a noun or adjective "of" too
# ("skeptical of the plan"), and after a noun "by" ("charges by the State Department").
_ABOUT_PREPS = ("about", "over", "on", "in", "for", "toward", "towards", "regarding", "concerning")
_ABOUT_ADJECTIVE_PREPS = _ABOUT_PREPS + ("of",)
_ABOUT_NOUN_PREPS = _ABOUT_ADJECTIVE_PREPS + ("by",)


def _what_it_is_about(match: Match) -> Token | None:
    """The target of a verbal event that names none: what the attitude is about ("expressed
    pessimism over Alitalia's future", "said it is skeptical of the plan"), whose charges were
    denied ("denied charges by the State Department"), or who the hope or claim is about ("hoped
    Gambari would be in Myanmar")."""
    verb = match.verb
    found = _prep_object([match.object], _ABOUT_NOUN_PREPS) or _prep_object([verb], _ABOUT_PREPS) \
        or _gerund_object([match.object, verb])
    if found is not None:
        return found
    for clause in _children(match.object, ("acl", "ccomp")) if match.object is not None else []:
        # "expressed pessimism that the adviser could improve ...": who the attitude is about
        if subjects := [t for t in _children(clause, ("nsubj", "nsubjpass")) if t.pos_ != "PRON"]:
            return subjects[0]
    for clause in _children(verb, ("ccomp",)):
        for attitude in _children(clause, ("acomp",)):
            found = _prep_object([attitude], _ABOUT_ADJECTIVE_PREPS)
            if found is not None:
                return found
            inner = _children(attitude, ("ccomp",))
            if inner and (subjects := _children(inner[0], ("nsubj", "nsubjpass"))):
                return subjects[0]
        subjects = [t for t in _children(clause, ("nsubj", "nsubjpass")) if t.pos_ != "PRON"]
        if subjects:
            return subjects[0]
    return None


# Prepositions whose object can be the party an act is done to; "in" too, since a ceasefire,
# curfew or surrender "in Idlib" is one for the place (coded as its people).
_PARTY_PREPS = ("to", "from", "into", "on", "upon", "against", "with", "toward", "towards", "for", "in")


def _party_objects(verb: Token, theme: Token) -> list[Token]:
    """Prepositional objects beside an uncoded target, nearest first: on the verb, on the target,
    and one preposition deeper ("a suspension of aid to Pakistan")."""
    found, frontier = [], [verb, theme]
    # "gave 352 million euros to promote investment in Ethiopia": the purpose clause's parties too
    frontier += [c for c in _children(verb, ("advcl", "xcomp")) if any(a.lower_ == "to" for a in c.children)]
    for _ in range(3):
        following = []
        for token in frontier:
            # on a noun, "by" names whose it is: "rejected a request by Erdogan", "an offer by Kabul"
            preps = _PARTY_PREPS + ("by",) if token.pos_ in ("NOUN", "PROPN") else _PARTY_PREPS
            for prep in _children(token, _PREP_DEPS):
                for obj in _children(prep, ("pobj",)):
                    if prep.lower_ in preps and _is_target(obj, prep) and obj != theme:
                        found.append(obj)
                    following.append(obj)
        frontier = [t for t in following if t.i > theme.i or t.head.head == verb]
    return found


def _gerund_object(tokens: list[Token | None]) -> Token | None:
    """"pessimism about bringing the standoff to an end": the object of the gerund."""
    for token in tokens:
        for prep in _children(token, _PREP_DEPS) if token is not None else []:
            if prep.lower_ in _ABOUT_NOUN_PREPS:
                for gerund in _children(prep, ("pcomp",)):
                    if (found := _logical_object(gerund, False)) is not None:
                        return found
    return None


def _clause_target(noun: Token) -> Token | None:
    """The target of a participle clause on a noun: "sanctions imposed on X", "a call urging X"."""
    for clause in _children(noun, ("acl",)):
        if clause.pos_ == "VERB":
            found = _prep_object([clause], DEFAULT_TARGET_PREPS) or _logical_object(clause, False)
            if found is not None:
                return found
    return None


def _figurative(match: Match) -> bool:
    """Violence against a problem, not a party: "fight the epidemic", "battle corruption"."""
    if match.pattern.code[:2] not in ("18", "19", "20"):
        return False
    target = _target(match)
    return target is not None and content_head(target).lemma_.lower() in nouns("abstractions")


def _code_and_factuality(match: Match) -> tuple[str, str, str | None, str | None]:
    """(code, factuality, attribution, why the code differs from the pattern's): announced acts
    become intents or threats, cooperation announced as not going to happen a refusal, a
    statement that someone must act a demand."""
    state, attribution = factuality(match.verb)
    if state == "asserted" and match.xcomp is not None and is_negated(match.xcomp):
        state = "negated"
    code = match.pattern.code
    if _obligation(match) is not None:
        return demand_code(), state, attribution, "must"
    if state == "future":
        return announced(code), state, attribution, "announced"
    if state == "negated" and is_announced(match.verb) and (refusal := refused(code)):
        return refusal, "asserted", attribution, "refused"  # "will not lift the ban": the refusal happened
    return code, state, attribution, None


def extract(sentence: SpacySpan, resolver: ActorResolver, index: PatternIndex) -> list[RawEvent]:
    """Every event in one sentence, one per source and target when actors are coordinated."""
    events = []
    for match in _drop_framed(_find_matches(sentence, index)):
        if _figurative(match):
            continue
        sources, targets = _actors(match, resolver)
        code, state, attribution, why = _code_and_factuality(match)
        explained = rule(match)
        if code != match.pattern.code:
            explained += f", {why} -> {code}"
        for source in sources:
            for target in targets:
                if source and target and source.start == target.start:
                    continue
                events.append(RawEvent(match.verb, match.pattern, source, target, state, attribution,
                                       explained, code))
    return events
