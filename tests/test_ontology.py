"""The CAMEO table: every code with its QuadClass, Goldstein weight and current PLOVER type."""

from sitrep.ontology import cameo, cameo_codes, pentaclass

PLOVER_16 = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}


def test_every_root_and_its_codes_are_in_the_table():
    codes = cameo_codes()
    assert {c[:2] for c in codes} == {f"{n:02d}" for n in range(1, 21)}
    assert {"010", "016", "0211", "036", "057", "0871", "112", "1384", "145", "173", "190", "195", "204"} <= set(codes)


def test_plover_types_are_the_current_sixteen_and_statements_have_none():
    types = {c.plover_type for c in cameo_codes().values()}
    assert types - {None} <= PLOVER_16
    assert cameo("010").plover() is None and cameo("020").plover()["type"] == "REQUEST"
    assert cameo("190").plover() == {"type": "ASSAULT", "mode": None, "context": ["military"]}


def test_goldstein_and_quad_class():
    assert all(-10 <= c.goldstein <= 10 for c in cameo_codes().values())
    assert (cameo("190").goldstein, cameo("057").goldstein) == (-10.0, 8.0)
    assert [cameo(c).quad_class for c in ("042", "073", "112", "141", "173")] == [1, 2, 3, 3, 4]
    assert [pentaclass(r) for r in ("01", "04", "07", "11", "19")] == [0, 1, 2, 3, 4]
