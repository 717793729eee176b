"""Actor phrases to codes: countries, agents, capitals, IGOs, groups."""

import pytest

from sitrep.actors.resolve_text import resolve_text

CASES = [
    ("Iraqi police", "IRQCOP", "IRQ", "COP"),
    ("the Iraqi army", "IRQMIL", "IRQ", "MIL"),
    ("Iraq", "IRQ", "IRQ", None),
    ("Iraqis", "IRQ", "IRQ", None),
    ("Baghdad", "IRQGOV", "IRQ", "GOV"),
    ("US troops", "USAMIL", "USA", "MIL"),
    ("the U.S. military", "USAMIL", "USA", "MIL"),
    ("British soldiers", "GBRMIL", "GBR", "MIL"),
    ("Iranian officials", "IRNGOV", "IRN", "GOV"),
    ("the People's Republic of China", "CHN", "CHN", None),
    ("Republic of China", "TWN", "TWN", None),
    ("Syrian rebels", "SYRREB", "SYR", "REB"),
    ("Mahdi Army", "IRQPRM", "IRQ", "PRM"),
    ("insurgents", "INS", None, "INS"),
    ("Palestinian protesters", "PSECVL", "PSE", "CVL"),
]


@pytest.mark.parametrize("text, code, country, sector", CASES)
def test_actor_phrase(coder, text, code, country, sector):
    actor = resolve_text(coder, text)
    assert (actor["code"], actor["country"], actor["sector"]) == (code, country, sector)


def test_un_bodies_take_the_un_as_country_and_other_igos_igo(coder):
    council = resolve_text(coder, "the UN Security Council")
    assert council["country"] == "UNO" and council["code"] == "IGOUNO"
    assert resolve_text(coder, "the World Health Organization")["country"] == "UNO"
    assert resolve_text(coder, "the European Union")["country"] == "EUR"
    assert resolve_text(coder, "the IMF")["country"] == "IGO"


def test_the_pronoun_us_is_not_the_united_states(coder):
    [event] = coder.code("The militia attacked us.")
    assert event.target.code is None and event.target.text == "us"


def test_unknown_actor_keeps_its_text_without_a_code(coder):
    [event] = coder.code("A car bomb killed another ethnic Chechen.")
    assert event.source.text == "A car bomb" and event.source.code is None


def test_user_dictionary_adds_a_group(tmp_path):
    from sitrep import Coder

    path = tmp_path / "mine.yaml"
    path.write_text("- names: [Northern Hawks]\n  country: IRQ\n  sector: PRM\n")
    coder = Coder(dictionaries=[path])
    [event] = coder.code("The Northern Hawks attacked a checkpoint.")
    assert event.source.code == "IRQPRM"


def test_a_name_the_parser_splits_is_read_whole(coder):
    [event] = coder.code("Al-Qaeda in Iraq has used women as suicide bombers.")
    assert (event.source.text, event.source.code) == ("Al-Qaeda in Iraq", "IRQINS")
