"""ACLED event types from coded events: per event, and per report for violent protests."""

import pytest

CASES = [
    # an armed side against another is a battle
    ("Iraqi troops clashed with Mahdi Army fighters in Basra.", "Battles", "Armed clash"),
    # a civilian target makes it violence against civilians
    ("Gunmen killed three villagers near Baquba.", "Violence against civilians", "Attack"),
    # a crowd of locals doing violence is mob violence
    ("A group of residents beat a suspected thief to death.", "Riots", "Mob violence"),
    # protesters who turn violent in the same report make a violent demonstration
    ("Residents staged a demonstration and pelted stones at the police.", "Riots", "Violent demonstration"),
    ("Hundreds of teachers demonstrated outside parliament to demand higher pay.", "Protests", "Peaceful protest"),
]


@pytest.mark.parametrize("sentence, event_type, sub_event_type", CASES)
def test_acled_type_of_the_first_typed_event(coder, sentence, event_type, sub_event_type):
    acled = next(e.acled for e in coder.code(sentence) if e.acled)
    assert acled == {"event_type": event_type, "sub_event_type": sub_event_type}


def test_statement_has_no_acled_type(coder):
    [event] = coder.code("A government spokesman said the situation in Basra was calm.")
    assert event.acled is None
