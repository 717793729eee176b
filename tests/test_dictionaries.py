"""Data files: every packaged pattern example codes its own event; mistakes name file and entry."""

import pytest

from sitrep import Coder
from sitrep.errors import SitrepError
from sitrep.events.patterns import PatternIndex


def test_every_pattern_example_codes_its_own_code(coder):
    failures = []
    for pattern in coder.patterns.patterns:
        codes = {e.cameo for e in coder.code(pattern.example)}
        if pattern.code not in codes:
            failures.append(f"{pattern.origin}: {pattern.example!r} gave {sorted(codes)}, not {pattern.code}")
    assert not failures, f"{len(failures)} examples fail:\n" + "\n".join(failures[:40])


def test_every_root_has_patterns():
    roots = {p.code[:2] for p in PatternIndex.load().patterns}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_broken_yaml_names_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("- code: '190'\n  verbs: [attack\n")
    with pytest.raises(SitrepError) as err:
        Coder(dictionaries=[path])
    assert err.value.code == "E101" and "broken.yaml" in str(err.value)


def test_unknown_key_names_the_file_and_entry(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("- code: '190'\n  verbs: [storm]\n  example: Troops stormed it.\n"
                    "- code: '190'\n  verbs: [raid]\n  exmaple: typo\n")
    with pytest.raises(SitrepError) as err:
        Coder(dictionaries=[path])
    assert err.value.code == "E102" and "entry 2" in str(err.value) and "exmaple" in str(err.value)


def test_unknown_cameo_code_is_refused(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("- code: '999'\n  verbs: [storm]\n  example: Troops stormed it.\n")
    with pytest.raises(SitrepError) as err:
        Coder(dictionaries=[path])
    assert err.value.code == "E102" and "'999'" in str(err.value)


def test_user_verb_pattern_is_used(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("- code: '1711'\n  verbs: [commandeer]\n  example: Militiamen commandeered a truck.\n")
    coder = Coder(dictionaries=[path])
    assert [e.cameo for e in coder.code("Militiamen commandeered a truck.")] == ["1711"]


def test_user_pattern_overrides_a_packaged_one_of_equal_weight(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("- code: '180'\n  verbs: [attack]\n  example: Gunmen attacked the convoy.\n")
    coder = Coder(dictionaries=[path])
    assert [e.cameo for e in coder.code("Gunmen attacked the convoy.")] == ["180"]
