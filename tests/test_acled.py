"""ACLED event types from coded events: per event, and per report for violent protests."""


def first_acled(events):
    return next(e.acled for e in events if e.acled)


def test_clash_between_armed_sides_is_a_battle(coder):
    events = coder.code("Iraqi troops clashed with Mahdi Army fighters in Basra.")
    assert first_acled(events) == {"event_type": "Battles", "sub_event_type": "Armed clash"}


def test_killing_civilians_is_violence_against_civilians(coder):
    events = coder.code("Gunmen killed three villagers near Baquba.")
    assert first_acled(events) == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}


def test_violence_by_a_crowd_of_locals_is_mob_violence(coder):
    events = coder.code("A group of residents beat a suspected thief to death.")
    assert first_acled(events) == {"event_type": "Riots", "sub_event_type": "Mob violence"}


def test_protest_whose_protesters_turn_violent_is_a_violent_demonstration(coder):
    events = coder.code("Residents staged a demonstration and pelted stones at the police.")
    assert first_acled(events) == {"event_type": "Riots", "sub_event_type": "Violent demonstration"}


def test_peaceful_protest(coder):
    events = coder.code("Hundreds of teachers demonstrated outside parliament to demand higher pay.")
    assert first_acled(events) == {"event_type": "Protests", "sub_event_type": "Peaceful protest"}


def test_statement_has_no_acled_type(coder):
    [event] = coder.code("A government spokesman said the situation in Basra was calm.")
    assert event.acled is None
