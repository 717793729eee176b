"""Who "he", "the group" and "the prime minister" are; places as actors' countries; non-actors."""

from datetime import date

import pytest

from sitrep.actors import ActorResolver
from sitrep.actors.resolve_text import resolve_text


def sources(events):
    return [(e.source.text, e.source.code, e.source.name, e.source.resolution) for e in events if e.source]


def test_a_pronoun_is_the_person_named_before_it(coder):
    events = coder.code("Moqtada al-Sadr met Iraqi officials in Najaf. He rejected their demands.", date="2008-04-01")
    rejected = next(e for e in events if e.trigger.text == "rejected")
    assert (rejected.source.text, rejected.source.code, rejected.source.name) == ("He", "IRQPRM", "Moqtada al-Sadr")
    assert rejected.source.resolution == "coreference" and rejected.source.confidence == 0.75


def test_a_pronoun_prefers_the_subject_of_the_sentence_before(coder):
    events = coder.code("Iraqi soldiers clashed with gunmen in Mosul. They killed three of them.")
    killed = next(e for e in events if e.trigger.text == "killed")
    assert (killed.source.text, killed.source.code) == ("They", "IRQMIL")


def test_an_object_pronoun_is_not_its_own_clauses_subject(coder):
    events = coder.code("The Iranians armed the militias, and they supplied rockets to them.")
    supplied = next(e for e in events if e.trigger.text == "supplied")
    assert supplied.source.code == "IRN" and supplied.target.code != "IRN"


@pytest.mark.parametrize("text, code, name", [
    ("The Mahdi Army fought Iraqi troops in Sadr City. The militia later agreed to a truce.", "IRQPRM", "Mahdi Army"),
    ("Hezbollah fired rockets at Israel. The group said it would go on.", "LBNPRM", "Hezbollah"),
    ("Moqtada al-Sadr told his men to stop fighting. The cleric also demanded a withdrawal.", "IRQPRM",
     "Moqtada al-Sadr"),
])
def test_a_definite_description_is_the_last_named_actor_of_its_kind(coder, text, code, name):
    second = coder.code(text, date="2008-04-01")[-1]
    assert (second.source.code, second.source.name, second.source.resolution) == (code, name, "coreference")
    assert second.source.text.lower().startswith("the ")


def test_a_pronoun_with_no_antecedent_is_an_unknown_actor_not_he(coder):
    [event] = coder.code("He attacked the checkpoint.")
    assert event.source.code is None and event.source.sector == "UNK" and event.source.resolution == "unknown"


@pytest.mark.parametrize("day, name", [("2005-06-01", "Ibrahim al-Jaafari"), ("2008-04-01", "Nouri al-Maliki"),
                                       ("2016-03-01", "Haider al-Abadi")])
def test_the_prime_minister_is_whoever_held_the_office_that_day(coder, day, name):
    text = "Iraqi officials said the prime minister had met Sadrist leaders in Baghdad."
    met = next(e for e in coder.code(text, date=day) if e.trigger.text == "met")
    assert (met.source.code, met.source.name) == ("IRQGOV", name)


def test_a_former_or_plural_title_names_no_one(coder):
    assert resolve_text(coder, "the former Iraqi prime minister", date(2008, 4, 1))["name"] != "Nouri al-Maliki"
    assert resolve_text(coder, "Iraqi ministers", date(2008, 4, 1))["name"] != "Nouri al-Maliki"


@pytest.mark.parametrize("text, code", [
    ("Basra police", "IRQCOP"), ("Rakhine rebels", "MMRREB"), ("Baquba police", "IRQCOP"),
    ("Ba'qubah police", "IRQCOP"), ("Iraqi police in Basra", "IRQCOP"), ("Chile's Defense Department", "CHLMIL"),
    ("Abkhazia", "GEOPRE"), ("the breakaway region", "PRE"), ("Canadian Ambassador to the United Nations", "CANGOV"),
])
def test_places_and_named_bodies_give_the_country(coder, text, code):
    assert resolve_text(coder, text)["code"] == code


def test_a_city_alone_is_its_people_and_a_person_named_like_a_city_is_not(coder):
    [shelled] = coder.code("Russian artillery shelled Mariupol on Monday.")
    assert shelled.target.code == "UKRCVL"
    assert resolve_text(coder, "Jackson")["country"] is None


@pytest.mark.parametrize("sentence, word", [
    ("The cabinet overstepped the mark.", "mark"),
    ("The militias found a way.", "way"),
    ("What happened remains unclear.", "What"),
])
def test_non_agent_phrases_are_not_actors(coder, sentence, word):
    parsed = coder.nlp(sentence)
    resolver = ActorResolver(parsed, coder.actors.find(parsed))
    [token] = [t for t in parsed if t.text == word]
    assert resolver.resolve(token) == []


def test_an_unknown_named_group_is_kept_with_its_text(coder):
    [event] = coder.code("The Popular Front for Zorgan Unity attacked Iraqi police in Basra.")
    assert event.source.text == "The Popular Front for Zorgan Unity" and event.source.code is None
    assert event.source.resolution == "unknown" and event.target.code == "IRQCOP"


def test_analyst_prose_the_government_that_ended_up_negotiating(coder):
    text = ("The Maliki government moved against the Sadrist militias in Basra. "
            "It ended up having to negotiate a truce with them.")
    negotiated = next(e for e in coder.code(text, date="2008-04-07") if e.trigger.text == "negotiate")
    assert (negotiated.source.text, negotiated.source.code) == ("It", "IRQGOV")
    assert (negotiated.target.text, negotiated.target.code) == ("them", "IRQPRM")


@pytest.mark.parametrize("text, code", [("Sadrist militias", "IRQPRM"), ("Sadrist leaders", "IRQOPP"),
                                        ("Special Groups", "IRQPRM"), ("Hezbollah fighters", "LBNPRM")])
def test_a_movement_named_beside_armed_men_gives_them_its_country(coder, text, code):
    assert resolve_text(coder, text, date(2008, 4, 7))["code"] == code


@pytest.mark.parametrize("sentence, target", [
    ("Japan is sending emergency aid to South Sudan.", "SSD"),
    ("The Security Council lifted sanctions imposed on Eritrea.", "ERI"),
    ("Denmark announced a suspension of aid to Egypt.", "EGY"),
    ("China said it is skeptical of the Japanese proposal.", "JPN"),
])
def test_the_party_an_act_is_done_to_is_the_target_not_what_was_moved(coder, sentence, target):
    events = coder.code(sentence)
    assert any(e.target is not None and e.target.country == target for e in events)


def test_the_army_is_the_storys_country_not_the_last_named_body(coder):
    text = ("Peshmerga fighters and Iraqi troops entered Mosul. Prime Minister Nouri al-Maliki praised them. "
            "The army later attacked the militants in the city.")
    attacked = next(e for e in coder.code(text, date="2008-04-07") if e.trigger.text == "attacked")
    assert (attacked.source.code, attacked.source.resolution) == ("IRQMIL", "context")


def test_a_ceasefire_in_a_place_is_one_for_the_place(coder):
    events = coder.code("Turkey and Russia announced a ceasefire in Idlib.")
    assert any(e.target is not None and e.target.country == "SYR" for e in events)


@pytest.mark.parametrize("sentence, target", [
    ("The president expressed surprise that The Washington Post published the story.", "The Washington Post"),
    ("The German government rejected a request by Turkey to hold a rally.", "Turkey"),
])
def test_an_attitude_or_a_refusal_is_aimed_at_the_party_not_the_thing(coder, sentence, target):
    assert any(e.target is not None and e.target.text == target for e in coder.code(sentence))
