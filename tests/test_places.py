"""Places: offline gazetteer, toponym resolution with context, fallbacks, and the seeds."""

from __future__ import annotations

import importlib.util
import re

import pytest

from newsfuse.annotate.places._gazetteer import Gazetteer, haversine_km, normalize_name
from newsfuse.annotate.places._core import extract_places, resolve_spans, resolve_toponym
from newsfuse.records import PlaceMention

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module
needs_zipcodes = pytest.mark.skipif(importlib.util.find_spec("zipcodes") is None,
                                    reason="US county points and town counties come from the zipcodes package")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for name in names:
        out.extend((m.start(), m.end()) for m in re.finditer(re.escape(name), text))
    return sorted(out)


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# ------------------------------------------------------------------ gazetteer


def test_gazetteer_reloads_from_its_cache(gaz: Gazetteer) -> None:
    again = Gazetteer.load()  # from the on-disk cache the fixture left behind
    assert len(again) == len(gaz) > 100_000


def test_gazetteer_holds_countries_regions_towns_and_demonyms(gaz: Gazetteer) -> None:
    features = {p.feature for p in gaz.lookup("Iraq")}
    assert "country" in features
    assert any(p.feature == "admin1" and p.country_code == "IQ" for p in gaz.lookup("Babil Governorate"))
    assert any(p.feature == "admin1" and p.country_code == "IQ" for p in gaz.lookup("Kurdistan Region"))
    assert any(p.feature == "city" and p.country_code == "IQ" for p in gaz.lookup("Hilla"))
    assert gaz.demonym("Iraqi") == "IQ"
    assert gaz.demonym("Jordanian") == "JO"
    assert gaz.country("JO") is not None and gaz.country("JO").name == "Jordan"


def test_normalize_name_folds_case_accents_and_abbreviations() -> None:
    assert normalize_name("St. Louis") == normalize_name("Saint Louis")
    assert normalize_name("Irbīl") == "irbil"
    assert normalize_name("the Netherlands") == "netherlands"


@needs_zipcodes
def test_us_counties_have_centres_and_towns_know_their_county(gaz: Gazetteer) -> None:
    county = next(p for p in gaz.lookup("Henry County") if p.admin1 == "Tennessee")
    town = next(p for p in gaz.lookup("Paris") if p.admin1 == "Tennessee" and p.feature == "city")
    assert county.feature == "admin2" and not county.approx
    assert town.admin2 == "Henry County"
    assert haversine_km(county.lat, county.lon, town.lat, town.lon) < 40


# ------------------------------------------------------------------ resolution


@pytest.mark.parametrize("name, code, feature", [
    ("Baghdad", "IQ", "city"), ("Erbil", "IQ", "city"), ("Jordan", "JO", "country"),
    ("Syria", "SY", "country"), ("Gaza", "PS", None), ("U.S.", "US", "country"),
    ("Iraqi", "IQ", "country"),
])
def test_resolve_toponym_known_places(gaz: Gazetteer, name: str, code: str, feature: str | None) -> None:
    res = resolve_toponym(name, gazetteer=gaz)
    assert res is not None and res.country_code == code
    if feature:
        assert res.feature == feature


def test_story_context_picks_the_country_of_the_story(gaz: Gazetteer) -> None:
    hilla = resolve_toponym("Hilla", ["IQ"], gazetteer=gaz)
    assert hilla is not None and hilla.country_code == "IQ"
    assert haversine_km(hilla.lat, hilla.lon, 32.48, 44.43) < 30


def test_unknown_name_resolves_to_none(gaz: Gazetteer) -> None:
    assert resolve_toponym("Xqzzyville", gazetteer=gaz) is None


def test_explicit_state_qualifier_wins_over_population(gaz: Gazetteer) -> None:
    text = "Officials in Springfield, Ill., said the plant in Paris, Texas, would close."
    res = resolve_spans(text, _spans(text, "Springfield", "Paris"), gazetteer=gaz)
    assert [r.country_code for r in res] == ["US", "US"]
    assert res[0].admin1 == "Illinois"
    assert res[1].admin1 == "Texas"


def test_paris_alone_is_the_french_capital(gaz: Gazetteer) -> None:
    text = "The talks were held in Paris on Monday."
    (res,) = resolve_spans(text, _spans(text, "Paris"), gazetteer=gaz)
    assert res.country_code == "FR"


def test_other_places_of_the_text_steer_an_ambiguous_town(gaz: Gazetteer) -> None:
    text = ("The Dublin Arts Council met on Monday. Dublin schools will stay open, "
            "the Ohio board said, and Columbus agreed.")
    res = resolve_spans(text, _spans(text, "Dublin", "Ohio", "Columbus"), gazetteer=gaz)
    dublins = [r for (s, e), r in zip(_spans(text, "Dublin", "Ohio", "Columbus"), res) if text[s:e] == "Dublin"]
    assert all(r.country_code == "US" and r.admin1 == "Ohio" for r in dublins)


def test_hierarchy_in_running_text(gaz: Gazetteer) -> None:
    text = "An air strike hit the center of the city of Hilla in Babil Governorate, central Iraq."
    res = resolve_spans(text, _spans(text, "Hilla", "Babil Governorate", "Iraq"), gazetteer=gaz)
    assert [r.country_code for r in res] == ["IQ", "IQ", "IQ"]
    assert res[1].feature == "admin1"


def test_facility_resolves_to_the_place_in_its_name(gaz: Gazetteer) -> None:
    text = "A drone hit a base near Erbil Civil Airport in northern Iraq."
    (airport, iraq) = resolve_spans(text, _spans(text, "Erbil Civil Airport", "Iraq"), gazetteer=gaz)
    assert airport.name == "Erbil" and airport.country_code == "IQ"


def test_unknown_facility_falls_back_to_the_place_its_sentence_gives(gaz: Gazetteer) -> None:
    text = ("The attack against Tower 22, a logistics base located at Jordan\u2019s border with Syria, "
            "killed three US troops.")
    spans = _spans(text, "Tower 22", "Jordan", "Syria", "US")
    res = dict(zip((text[s:e] for s, e in spans), resolve_spans(text, spans, gazetteer=gaz)))
    assert res["Tower 22"].feature == "fallback"
    assert res["Tower 22"].country_code == "JO"
    assert res["Syria"].country_code == "SY"


def test_no_fallback_when_asked(gaz: Gazetteer) -> None:
    text = "Troops at Tower 22 in Jordan."
    res = resolve_spans(text, _spans(text, "Tower 22", "Jordan"), gazetteer=gaz, fallback=False)
    assert res[0] is None and res[1].country_code == "JO"


# ------------------------------------------------------------------ seeds, end to end


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


def test_seed_003_hilla_erbil_baghdad(nlp, gaz: Gazetteer) -> None:
    text = _seed("003")
    mentions = extract_places(nlp(text), "003", gazetteer=gaz)
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.article == "003"
    found = _by_text(mentions)
    assert found["Hilla"].country_code == "IQ"
    assert found["Baghdad"].country_code == "IQ"
    erbil = [m for m in mentions if "Erbil" in m.text]
    assert erbil and all(m.country_code == "IQ" and m.name == "Erbil" for m in erbil)
    assert found["Gaza"].country_code == "PS"


def test_seed_004_tower_22_falls_back_to_jordan(nlp, gaz: Gazetteer) -> None:
    text = _seed("004")
    found = _by_text(extract_places(nlp(text), "004", gazetteer=gaz))
    assert found["Jordan"].country_code == "JO" and found["Jordan"].feature == "country"
    assert found["Syria"].country_code == "SY"
    assert found["Gaza"].country_code == "PS"
    tower = found.get("Tower 22")
    if tower is not None:  # only when the model marks it as a facility or place
        assert tower.country_code == "JO" and tower.feature == "fallback"


def test_demonyms_inform_context_but_are_not_places_by_default(nlp, gaz: Gazetteer) -> None:
    text = "Iraqi officials said the strike hit Hilla. The Iraqi army responded."
    mentions = extract_places(nlp(text), "x", gazetteer=gaz)
    assert all(m.text != "Iraqi" for m in mentions)
    with_demonyms = extract_places(nlp(text), "x", gazetteer=gaz, include_demonyms=True)
    assert any(m.text == "Iraqi" and m.country_code == "IQ" for m in with_demonyms)


# ------------------------------------------------------------------ abbreviations, country points


@pytest.mark.parametrize("form, code, feature", [
    ("BC", "CA", "admin1"), ("NSW", "AU", "admin1"), ("T&T", "TT", "country"),
    ("L.A.", "US", "city"), ("PNG", "PG", "country"),
])
def test_capitalised_abbreviations_resolve(gaz: Gazetteer, form: str, code: str, feature: str) -> None:
    res = resolve_toponym(form, gazetteer=gaz)
    assert res is not None and res.country_code == code and res.feature == feature


def test_abbreviations_keep_case_and_dots(gaz: Gazetteer) -> None:
    assert [p.name for p in gaz.abbreviation("L.A.")] == ["Los Angeles"]
    assert all(p.feature == "admin1" for p in gaz.abbreviation("LA"))  # Louisiana
    assert gaz.abbreviation("bc") == ()


def test_abbreviation_follows_the_text_context(gaz: Gazetteer) -> None:
    text = "Fires spread across BC this week, officials in Vancouver and Kamloops said."
    res = resolve_spans(text, _spans(text, "BC", "Vancouver", "Kamloops"), gazetteer=gaz)
    assert res[0].name == "British Columbia"
    text = "Cricket: SA beat Australia in Durban as Cape Town waited."
    (sa, *_rest) = resolve_spans(text, _spans(text, "SA", "Australia", "Durban", "Cape Town"), gazetteer=gaz)
    assert sa.country_code == "ZA"


def test_country_name_beats_a_city_known_by_it_as_an_alternate_name(gaz: Gazetteer) -> None:
    text = "MEXICO CITY (AP) Mexico's Senate voted. Mexico wants talks, officials in Mexico City said."
    spans = [(s, e) for s, e in _spans(text, "Mexico") if text[e:e + 5] != " City"]
    spans += _spans(text, "MEXICO CITY", "Mexico City")
    res = dict(zip(spans, resolve_spans(text, spans, gazetteer=gaz)))
    assert all(res[s].feature == "country" and res[s].country_code == "MX" for s in spans[:2])
    assert all(res[s].feature == "city" and res[s].country_code == "MX" for s in spans[2:])


@pytest.mark.parametrize("code, lat, lon", [("CA", 60.1, -113.6), ("IN", 22.0, 79.0), ("US", 39.8, -98.6)])
def test_large_countries_sit_at_gazetteer_style_points(gaz: Gazetteer, code: str, lat: float,
                                                       lon: float) -> None:
    country = gaz.country(code)
    assert country is not None and haversine_km(country.lat, country.lon, lat, lon) < 50


# ------------------------------------------------------------------ US local news


@needs_zipcodes
def test_a_town_and_its_county_named_together_steer_each_other(gaz: Gazetteer) -> None:
    text = "The fire in Paris was put out by crews from across Henry County, officials said."
    paris, county = resolve_spans(text, _spans(text, "Paris", "Henry County"), gazetteer=gaz)
    assert paris.country_code == "US" and paris.admin1 == "Tennessee"
    assert county.feature == "admin2" and county.admin1 == "Tennessee"


def test_a_town_reached_only_through_an_alternate_name_loses(gaz: Gazetteer) -> None:
    cands = [p for p in gaz.lookup("Chambersburg") if p.feature == "city"]
    own = [p for p in cands if normalize_name(p.name) == "chambersburg"]
    alias_only = [p for p in cands if normalize_name(p.name) != "chambersburg"]
    assert own and alias_only, "the test needs a town of the name and a larger one once called so"
    assert max(p.population for p in alias_only) > max(p.population for p in own)
    res = resolve_toponym("Chambersburg", gazetteer=gaz)
    assert res is not None and res.name == "Chambersburg"


@needs_zipcodes
def test_a_county_named_without_county_needs_support(gaz: Gazetteer) -> None:
    text = "Deputies from Oglethorpe and Barrow joined the search near Athens, Georgia."
    spans = _spans(text, "Oglethorpe", "Barrow", "Athens", "Georgia")
    res = dict(zip((text[s:e] for s, e in spans), resolve_spans(text, spans, gazetteer=gaz)))
    for name in ("Oglethorpe", "Barrow"):
        assert res[name].country_code == "US" and res[name].admin1 == "Georgia", name
    (texas,) = resolve_spans("Storms hit Texas.", [(11, 16)], gazetteer=gaz)
    assert texas.feature == "admin1"  # not Texas County, Missouri


def test_the_country_the_other_names_resolve_to_pulls_an_ambiguous_name_home(gaz: Gazetteer) -> None:
    # "Jordan" alone is the country; among Minnesota towns, the places the first round chose for the
    # other names vote for the United States, and Jordan, Minnesota wins.
    text = "The Jordan school board met on Tuesday. Parents from Shakopee and Belle Plaine came too."
    spans = _spans(text, "Jordan", "Shakopee", "Belle Plaine")
    jordan = resolve_spans(text, spans, gazetteer=gaz)[0]
    assert jordan is not None and jordan.country_code == "US" and jordan.admin1 == "Minnesota"
    alone = resolve_spans("The Jordan school board met on Tuesday.", [(4, 10)], gazetteer=gaz)[0]
    assert alone is not None and alone.country_code == "JO"


@pytest.mark.parametrize("english, native", [("North Kivu", "Nord-Kivu"), ("South Kivu", "Sud-Kivu"),
                                             ("Upper Katanga", "Haut-Katanga")])
def test_regions_named_with_french_compass_words_have_english_names(gaz: Gazetteer, english: str,
                                                                   native: str) -> None:
    res = resolve_toponym(english, gazetteer=gaz)
    assert res is not None and res.feature == "admin1" and res.name == native and res.country_code == "CD"


@pytest.mark.parametrize("form, name, feature", [("Calif", "California", "admin1"),
                                                 ("Philippine", "Philippines", "country")])
def test_a_state_abbreviation_without_its_dot_and_a_country_adjective_resolve(gaz: Gazetteer, form: str,
                                                                            name: str, feature: str) -> None:
    text = f"Officials in {form} said so."  # the dot of "Calif." outside the span, "Philippine" officials
    (res,) = resolve_spans(text, _spans(text, form), gazetteer=gaz, fallback=False)
    assert res is not None and res.name == name and res.feature == feature


def test_a_list_of_places_is_no_city_state_qualifier(gaz: Gazetteer) -> None:
    text = "After stops in Washington, New York and Boston, the delegation flew home."
    res = resolve_spans(text, _spans(text, "Washington", "New York", "Boston"), gazetteer=gaz)
    assert res[0].admin1 == "District of Columbia"
    qualified = "The mill in Watervliet, New York closed."  # a real qualifier still counts
    (town, _) = resolve_spans(qualified, _spans(qualified, "Watervliet", "New York"), gazetteer=gaz)
    assert town.admin1 == "New York"


def test_a_metropolis_speaks_for_no_region(gaz: Gazetteer) -> None:
    # Houston is named in any news: it does not make Portland the small Texas town
    text = "Houston beat Portland 96-94 on Sunday."
    houston, portland = resolve_spans(text, _spans(text, "Houston", "Portland"), gazetteer=gaz)
    assert houston.admin1 == "Texas" and portland.admin1 == "Oregon"


def test_a_party_is_named_by_demonym_name_or_capital():
    """The country a word names as a party of talks or a side: "Washington" and "U.S." are one."""
    from newsfuse.annotate.places._gazetteer import Gazetteer

    g = Gazetteer.default()
    assert g.nation("Washington") == g.nation("U.S") == g.nation("American") == "US"
    assert g.nation("Baghdad") == g.nation("Iraqi") == g.nation("Iraq") == "IQ"
    assert g.nation("Britain") == g.nation("British") == "GB"
    assert g.nation("coalition") is None
