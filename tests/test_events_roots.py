"""One sentence per CAMEO root: the sentence in, the event it must give out."""

import pytest

from conftest import only

ROOT_EXAMPLES = [
    ("01", "A government spokesman said the situation in Basra was calm."),
    ("02", "The United Nations appealed to Iraq for calm."),
    ("03", "Iran pledged to support the Iraqi government."),
    ("04", "Iraqi Prime Minister Nouri al-Maliki met Iranian President Mahmoud Ahmadinejad in Tehran."),
    ("05", "The European Union praised the Iraqi government."),
    ("06", "Iraqi forces cooperated with US troops in Diyala."),
    ("07", "The United States provided humanitarian aid to Iraqi refugees."),
    ("08", "Iraqi police released the detained journalists."),
    ("09", "The Iraqi government investigated the killings."),
    ("10", "The opposition demanded the resignation of the prime minister."),
    ("11", "Iraqi officials criticized Iran."),
    ("12", "Sadr rejected the government's ultimatum."),
    ("13", "Turkey threatened to attack Kurdish rebels in northern Iraq."),
    ("14", "Thousands of Sadr supporters protested against the government in Baghdad."),
    ("15", "Turkey deployed troops along its border with Iraq."),
    ("16", "The United States imposed sanctions on Iran."),
    ("17", "Iraqi police arrested twelve suspected militants."),
    ("18", "Gunmen kidnapped a British journalist in Basra."),
    ("19", "Iraqi troops clashed with Mahdi Army fighters in Basra."),
    ("20", "Militants massacred villagers in Diyala."),
]


@pytest.mark.parametrize("root, sentence", ROOT_EXAMPLES, ids=[r for r, _ in ROOT_EXAMPLES])
def test_every_cameo_root_has_a_working_example(coder, root, sentence):
    events = coder.code(sentence, date="2008-03-25")
    assert [e.cameo_root for e in events][:1] == [root], [(e.cameo, e.rule) for e in events]


def test_clash_gives_iraqi_military_against_iraqi_militia(coder):
    [event] = coder.code("Iraqi troops clashed with Mahdi Army fighters in Basra on Tuesday.", date="2008-03-25")
    assert event.cameo_root == "19" and event.cameo.startswith("19")
    assert (event.source.code, event.source.country, event.source.sector) == ("IRQMIL", "IRQ", "MIL")
    assert (event.target.country, event.target.sector) == ("IRQ", "PRM")
    assert (event.source.text, event.target.text, event.trigger.text) == ("Iraqi troops", "Mahdi Army fighters",
                                                                         "clashed")
    assert (event.trigger.start, event.source.start, event.target.end) == (13, 0, 45)
    assert event.rule.startswith("verb:clash") and event.rule.endswith(event.cameo)
    assert (event.quad_class, event.goldstein, event.plover["type"]) == (4, -10.0, "ASSAULT")
    assert event.acled == {"event_type": "Battles", "sub_event_type": "Armed clash"}
    assert event.factuality == "asserted" and event.date == "2008-03-25"


def test_denial_is_coded_and_the_denied_act_is_not(coder):
    events = coder.code("Iran denied arming the militias.")
    assert [e.cameo for e in events] == ["016"]
    assert events[0].source.code == "IRN"
    assert not [e for e in events if e.cameo_root == "07"]


def test_talks_that_did_not_take_place_are_not_an_asserted_meeting(coder):
    events = coder.code("The talks did not take place.")
    assert not only(events, cameo_root="04", factuality="asserted")
    assert [e.factuality for e in events if e.cameo_root == "04"] in ([], ["negated"])


def test_passive_voice_swaps_source_and_target(coder):
    [event] = coder.code("The convoy was attacked by insurgents near Baquba.")
    assert (event.source.text, event.source.sector, event.target.text) == ("insurgents", "INS", "The convoy")
    assert event.rule.endswith("(passive)")


def test_coordinated_countries_in_one_phrase_give_one_event_each(coder):
    events = coder.code("Iraqi and US forces raided a house in Sadr City.")
    assert sorted(e.source.code for e in events) == ["IRQMIL", "USAMIL"]
    assert {e.cameo_root for e in events} == {events[0].cameo_root}


def test_coordinated_subjects_give_one_event_each(coder):
    events = coder.code("Iran and Syria condemned the bombing.")
    assert sorted(e.source.code for e in events) == ["IRN", "SYR"]
    assert {e.cameo_root for e in events} == {"11"}


def test_capital_stands_for_the_government(coder):
    accusation, alleged = coder.code("Baghdad accused Tehran of arming militias.")
    assert (accusation.cameo, accusation.source.code, accusation.target.code) == ("112", "IRQGOV", "IRNGOV")
    # what Tehran is accused of is only reported, with Tehran as its doer
    assert (alleged.cameo_root, alleged.source.code, alleged.factuality) == ("07", "IRNGOV", "reported")
    assert alleged.attribution == "Baghdad accused"


def test_event_ids_follow_sentence_and_position(coder):
    events = coder.code("Rebels shelled the town. Police arrested two men and the army attacked the camp.",
                        doc_id="doc7")
    assert [e.id for e in events] == ["doc7:0:0", "doc7:1:0", "doc7:1:1"]
    assert events[1].sentence_text == "Police arrested two men and the army attacked the camp."


def test_wire_dateline_is_not_part_of_the_subject(coder):
    [event] = coder.code("BASRA, Iraq - Iraqi soldiers attacked a militia stronghold.")
    assert (event.source.text, event.source.code) == ("Iraqi soldiers", "IRQMIL")
    assert event.source.start == 14  # offsets still point into the original text


def test_fighting_a_problem_is_not_force(coder):
    assert not [e for e in coder.code("Germany sent doctors to fight the Ebola epidemic.") if e.cameo_root == "19"]
    assert [e.cameo_root for e in coder.code("Rebels fought the army.")] == ["19"]


def test_a_weapon_after_with_is_not_a_target(coder):
    [event] = coder.code("Militiamen attacked the checkpoint with rocket-propelled grenades.")
    assert event.target.text == "the checkpoint"
    [event] = coder.code("Militiamen fought with rocket-propelled grenades.")
    assert event.target is None


def test_dateline_blanks_are_not_part_of_the_actor_text(coder):
    [event] = coder.code("BASRA, Iraq - Some Iraqi soldiers abandoned the city.")
    assert event.source.text == "Some Iraqi soldiers"
