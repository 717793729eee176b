"""Asserted, reported, negated, future, hypothetical: how sure the text is."""

import pytest

CASES = [
    ("Insurgents attacked the convoy.", "asserted", None),
    ("Iraqi troops did not attack the city.", "negated", None),
    ("Iraqi troops never attacked the city.", "negated", None),
    ("Officials said insurgents attacked the convoy.", "reported", "Officials said"),
    ("Insurgents attacked the convoy, a police officer said.", "reported", "a police officer said"),
    ("Militiamen reportedly attacked the convoy.", "reported", None),
    ("According to police, gunmen attacked a checkpoint.", "reported", "According to police"),
    ("The army will attack the militia.", "future", None),
    ("The army may attack the militia.", "hypothetical", None),
    ("If the militia refuses, the army will attack it.", "hypothetical", None),
    ("The government plans to arrest the militia leaders.", "future", None),
]


@pytest.mark.parametrize("sentence, factuality, attribution", CASES)
def test_factuality(coder, sentence, factuality, attribution):
    events = [e for e in coder.code(sentence) if e.trigger.text in ("attacked", "attack", "arrest")]
    assert events, "no attack or arrest coded"
    assert (events[0].factuality, events[0].attribution) == (factuality, attribution)


def test_announced_attack_is_a_threat(coder):
    [event] = coder.code("The army will attack the militia.")
    assert (event.cameo, event.factuality) == ("1384", "future")
    assert event.rule == "verb:attack -> 190, announced -> 1384"


def test_announced_aid_is_an_intent(coder):
    [event] = coder.code("Iran plans to send humanitarian aid to the refugees.")
    assert (event.cameo_root, event.factuality, event.source.code) == ("03", "future", "IRN")


def test_statement_framing_an_event_is_not_coded_twice(coder):
    events = coder.code("Officials said insurgents attacked the convoy.")
    assert [e.cameo_root for e in events] == ["19"]


def test_plain_statement_is_coded(coder):
    [event] = coder.code("A government spokesman said the situation in Basra was calm.")
    assert event.cameo_root == "01" and event.factuality == "asserted"


def test_claim_of_own_attack_is_a_claim_of_responsibility(coder):
    claim, attack = coder.code("The Houthis claimed that they had attacked the Saudi airport.")
    assert (claim.cameo, claim.source.text, claim.target.text) == ("015", "The Houthis", "the Saudi airport")
    assert (attack.cameo_root, attack.factuality, attack.attribution) == ("19", "reported", "The Houthis claimed")


def test_claim_about_others_is_only_a_report(coder):
    [event] = coder.code("The opposition claimed that the army had attacked protesters.")
    assert (event.source.text, event.factuality) == ("the army", "reported")


def test_cooperation_announced_as_not_happening_is_a_refusal(coder):
    [event] = coder.code("Britain will not lift the ban on the group.")
    assert (event.cameo, event.factuality) == ("1241", "asserted")
    assert event.rule.endswith("refused -> 1241")


def test_willingness_is_an_intent(coder):
    [event] = coder.code("Pakistan is willing to withdraw its troops from Kashmir.")
    assert (event.cameo_root, event.factuality, event.source.code) == ("03", "future", "PAK")


def test_considering_an_act_is_a_policy_option_and_the_act_hypothetical(coder):
    considering, aid = coder.code("Japan is considering sending aid to North Korea.")
    assert (considering.cameo, considering.source.code, considering.target.code) == ("014", "JPN", "PRK")
    assert (aid.cameo_root, aid.factuality) == ("07", "hypothetical")


def test_saying_someone_must_act_is_a_demand_on_them(coder):
    demand, withdrawal = coder.code("Officials said Syria must withdraw its troops.")
    assert (demand.cameo, demand.target.code, demand.rule) == ("100", "SYR", "verb:say -> 010, must -> 100")
    assert withdrawal.factuality == "hypothetical"
