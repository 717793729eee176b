"""People and their offices in time, and the PETRARCH dictionaries imported without loss."""

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.actors.petrarch import parse_code, phrase_text, read_actor_file, read_agent_file
from sitrep.actors.resolve_text import resolve_text
from sitrep.cli import main

PHOENIX = Path(__file__).resolve().parents[2] / "shared" / "reference" / "phoenix"


@pytest.mark.parametrize("day, code", [("2005-06-01", "IRQELI"), ("2008-03-25", "IRQGOV"), ("2016-01-01", "IRQELI")])
def test_the_same_sentence_in_2005_2008_and_2016(coder, day, code):
    [event] = coder.code("Nouri al-Maliki attacked the militias in Basra.", date=day)
    assert (event.source.code, event.source.text) == (code, "Nouri al-Maliki")


@pytest.mark.parametrize("text", ["the Maliki government", "the al-Maliki government", "Maliki's government"])
def test_a_person_naming_an_institution_gives_its_country(coder, text):
    actor = resolve_text(coder, text, date(2008, 3, 25))
    assert (actor["country"], actor["sector"]) == ("IRQ", "GOV")


def test_a_title_before_a_name_is_read_as_the_name(coder):
    actor = resolve_text(coder, "Prime Minister Nouri al-Maliki", date(2008, 3, 25))
    assert actor["code"] == "IRQGOV" and actor["name"] == "Nouri al-Maliki"


def test_an_imported_office_holder_is_dated_too(coder):
    """Haidar al-Abadi is in Phoenix's own dictionary with [IRQGOV >20140908]."""
    assert resolve_text(coder, "Haidar al-Abadi", date(2015, 1, 1))["code"] == "IRQGOV"


@pytest.mark.parametrize("raw, expected", [
    ("IRQGOV 20060520-20140908", {"code": "IRQGOV", "from": "2006-05-20", "to": "2014-09-08"}),
    ("ARNELI 680101-000101", {"code": "ARNELI", "from": "1968-01-01", "to": "2000-01-01"}),
    ("ARNGOV >060520", {"code": "ARNGOV", "from": "2006-05-20"}),
    ("ARNGOV <140908", {"code": "ARNGOV", "to": "2014-09-08"}),
    ("ARNGOV > 140608", {"code": "ARNGOV", "from": "2014-06-08"}),
    ("ARN", {"code": "ARN"}), ("~COP", {"code": "~COP"})])
def test_petrarch_codes_in_both_date_styles_and_open_bounds(raw, expected):
    assert parse_code(raw) == expected


@pytest.mark.parametrize("raw, text", [("NURI_AL-MALIKI_", "Nuri al-Maliki"), ("UNITED_STATES_", "United States"),
                                       ("US_", "US"), ("KDP", "KDP"), ("ABU_BAKR_AL_BAGHDADI", "abu Bakr al Baghdadi")])
def test_petrarch_phrases_as_a_report_writes_them(raw, text):
    assert phrase_text(raw) == text


def _without_comment(line: str) -> str:
    return line.partition("#")[0]


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="the shared reference dictionaries are not beside this checkout")
@pytest.mark.parametrize("name", ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                  "Phoenix.MilNonState.actors.txt"])
def test_importing_phoenix_actor_files_loses_no_code_and_no_phrase(name):
    path = PHOENIX / name
    lines = [_without_comment(line) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    codes_in_file = sum(len(re.findall(r"\[[^\]]*\]", line)) for line in lines)
    phrases_in_file = sum(1 for line in lines if re.sub(r"\[[^\]]*\]", "", line).strip())
    imported = read_actor_file(path)
    converted_codes = sum(len(e.codes) for e in imported.entries)
    bad_codes = sum(1 for _, _, why in imported.problems if "is not" in why)
    uncoded = sum(1 for _, _, why in imported.problems if why == "entry has no code")
    assert converted_codes + bad_codes == codes_in_file
    assert sum(len(e.phrases) for e in imported.entries) + uncoded == phrases_in_file


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="the shared reference dictionaries are not beside this checkout")
def test_importing_the_phoenix_agents_expands_sets_and_plurals():
    imported = read_agent_file(PHOENIX / "Phoenix.agents.txt")
    phrases = {p for e in imported.entries for p in e.phrases}
    assert {"CATTLEMAN", "CATTLEMEN", "ANTI_RIOT_POLICE", "CHAMBERS_OF_COMMERCE"} <= phrases
    assert "ANTI_RIOT_POLICES" not in phrases  # {} means no plural
    assert len(imported.problems) == 5


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="the shared reference dictionaries are not beside this checkout")
def test_dict_import_writes_files_sitrep_loads(tmp_path):
    result = CliRunner().invoke(main, ["dict", "import", str(PHOENIX / "Phoenix.MilNonState.actors.txt"),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0 and "1,021 entries" in result.output
    from sitrep.actors import ActorDictionary

    book = ActorDictionary.load([tmp_path / "phoenix_milnonstate_actors.yaml"])
    assert book.counts["coded"] == 1021


def test_dict_stats_counts_over_20000_entries_by_kind():
    result = CliRunner().invoke(main, ["dict", "stats"])
    assert result.exit_code == 0
    total = int(re.search(r"all\s+([\d,]+) entries", result.output).group(1).replace(",", ""))
    assert total >= 20_000 and "phoenix coded" in result.output and "people" in result.output


def test_dict_check_reports_conflicts_duplicates_and_overlaps(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("- names: [Mahdi Army]\n  country: IRN\n  sector: PRM\n"
                    "- names: [Mahdi Army]\n  country: IRN\n  sector: PRM\n")
    result = CliRunner().invoke(main, ["dict", "check", "--dict", str(user), "--limit", "0"])
    assert result.exit_code == 0
    assert re.search(r"'Mahdi Army': groups.yaml entry \d+ and .*mine.yaml entry 1: group IRQPRM / group IRNPRM",
                     result.output)
    assert "'Mahdi Army': " in result.output.split("duplicates")[1]
    assert "overlapping dates" in result.output


IRAQ_STORY = ("Iraqi troops clashed with Mahdi Army fighters in Basra on Tuesday. "
              "Police arrested twelve militiamen in Baghdad the next day.")


def test_a_bare_sector_takes_the_story_s_country_with_lower_confidence_and_says_so(coder):
    event = [e for e in coder.code(IRAQ_STORY, date="2008-03-25") if e.sentence == 1][0]
    assert (event.source.code, event.source.resolution, event.source.confidence) == ("IRQCOP", "context", 0.6)
    assert event.target.code == "IRQPRM" and "source country IRQ from the story" in event.rule


def test_a_sentence_that_names_another_country_keeps_its_bare_sector(coder):
    text = IRAQ_STORY + " Iranian officials said police arrested the smugglers."
    event = [e for e in coder.code(text, date="2008-03-25") if e.sentence == 2 and e.cameo.startswith("17")][0]
    assert event.source.code == "COP" and event.source.resolution == "dictionary"


def test_a_story_without_a_leading_country_leaves_the_sector_alone(coder):
    [event] = coder.code("Police arrested twelve suspected smugglers.", date="2008-03-25")
    assert event.source.code == "COP"


def test_context_given_beside_a_bare_phrase_gives_its_country(coder):
    actor = resolve_text(coder, "the defense minister", context="German troops will stay in Lithuania, "
                                                                 "Germany's government said.")
    assert actor["code"] == "DEUGOV" and actor["resolution"] == "context"


@pytest.mark.parametrize("text", ["Something struck the convoy near Basra.", "What attacked the convoy is unclear."])
def test_indefinite_and_interrogative_pronouns_are_not_actors(coder, text):
    assert all(e.source is None for e in coder.code(text))


def test_an_undated_mention_of_a_person_takes_their_latest_role(coder):
    assert resolve_text(coder, "Nouri al-Maliki")["code"] == "IRQGOV"  # vice president, his last office


def test_a_title_in_the_text_outweighs_the_dates_and_former_makes_an_elite(coder):
    assert resolve_text(coder, "Prime Minister Nouri al-Maliki", date(2005, 1, 1))["code"] == "IRQGOV"
    assert resolve_text(coder, "former Prime Minister Nouri al-Maliki", date(2008, 3, 25))["code"] == "IRQELI"
    assert resolve_text(coder, "a former CIA official")["sector"] == "ELI"
