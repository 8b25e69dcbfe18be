"""The snippet typer's ACLED splits, on hand-built sentences (no model, no dataset)."""

from __future__ import annotations

import pytest

from newsfuse.annotate.events.ontology import rule_scores, to_case, type_text


def case(text: str) -> str:
    return to_case(type_text(text))


# --------------------------------------------------------------------------- month names


@pytest.mark.parametrize("text", [
    "On 27 March, militants attacked an army base, killing four soldiers.",
    "Militants attacked an army base on March 27, killing four soldiers.",
    "The March 2018 attack on an army base killed four soldiers.",
])
def test_month_march_is_not_a_protest(text):
    assert "protest.peaceful" not in rule_scores(text)
    assert case(text) == "ARMED_CLASH"


def test_a_march_is_still_a_protest():
    assert case("Thousands of students march through the capital against the new fees.") == "PEACE_PROTEST"


# --------------------------------------------------------------------------- protests and riots


@pytest.mark.parametrize("text, expected", [
    # the demonstrators' own violence makes a riot, whatever else the report says
    ("Some demonstrators rallied peacefully, while others threw stones at police and looted shops.", "VIOL_DEMONSTR"),
    ("Police fired rubber bullets while clashing with protesters in the capital.", "VIOL_DEMONSTR"),
    # lethal or serious force against demonstrators who used none
    ("Security forces opened fire on peaceful demonstrators, killing three.", "FORCE_AGAINST_PROTEST"),
    # a dispersal or arrests, without serious injuries
    ("Police used tear gas to disperse a peaceful sit-in outside the ministry.", "PROTEST_WITH_INTER"),
    ("Police detained dozens of protesters at an unsanctioned rally.", "PROTEST_WITH_INTER"),
    # the arrests the protesters denounce are not an intervention in their protest
    ("Hundreds of people held a rally to denounce the arrests of journalists.", "PEACE_PROTEST"),
    ("Relatives of detainees staged a protest outside the prison.", "PEACE_PROTEST"),
    # forces deployed ahead of a protest: the deployment is the event
    ("The army deployed troops in the city centre ahead of planned protests.", "CHANGE_TO_GROUP_ACT"),
])
def test_protest_split(text, expected):
    assert case(text) == expected


def test_rioters_without_protest_words():
    assert case("Rioters clashed with troops in the old city early on Thursday.") == "VIOL_DEMONSTR"


# --------------------------------------------------------------------------- weapons


@pytest.mark.parametrize("text, expected", [
    ("Police found two grenades and a pistol hidden in a house.", "DISR_WEAP"),
    ("A grenade exploded in a crowded market, wounding five people.", "GRENADE"),
    ("Soldiers defused a roadside bomb on the main highway.", "DISR_WEAP"),
    ("A roadside bomb exploded under a police vehicle, killing two officers.", "REM_EXPLOS"),
    ("A rocket-propelled grenade hit an army vehicle near the border.", "ART_MISS_ATTACK"),
])
def test_found_weapons_versus_used_weapons(text, expected):
    assert case(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Chlorine gas leaked from a broken pipe at a chemical factory, sickening forty workers.", "MAN_MADE_DISASTER"),
    ("A helicopter dropped barrel bombs filled with chlorine gas on the town.", "CHEM_WEAP"),
    ("Warplanes struck chemical weapons facilities outside the capital overnight.", "AIR_STRIKE"),
])
def test_chemical_agent_attack_or_accident(text, expected):
    assert case(text) == expected


# --------------------------------------------------------------------------- territory


@pytest.mark.parametrize("text, expected", [
    ("Government troops captured two villages from the rebels after heavy clashes.", "GOV_REGAINS_TERIT"),
    ("Security forces in a crackdown on the militants recaptured the district on Friday.", "GOV_REGAINS_TERIT"),
    ("Rebels captured the town after days of fighting with the army.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("The town fell to the militants on Sunday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("The army established control over an area of 100 km2 in the countryside.", "GOV_REGAINS_TERIT"),
    ("The militants entered the town after the army pulled out of it.", "NON_VIOL_TERRIT_TRANSFER"),
])
def test_territory_side_from_the_actor(text, expected):
    assert case(text) == expected


# --------------------------------------------------------------------------- other ACLED vocabulary


@pytest.mark.parametrize("text, expected", [
    ("The army said it had captured a senior commander of the group.", "ARREST"),
    ("Gunmen gunned down a doctor outside his clinic.", "ATTACK"),
    ("Two kamikazes went off near a bus station, killing four people.", "SUIC_BOMB"),
    ("The two sides exchanged prisoners of war near the front line.", "AGREEMENT"),
    ("Turkish forces have established a new military post south of the town.", "HQ_ESTABLISHED"),
    ("Dozens of shops were burned and looted by unknown assailants overnight.", "PROPERTY_DISTRUCT"),
    ("Heavy snowfall cut off dozens of villages in the north.", "NATURAL_DISASTER"),
    ("The group claimed responsibility for the bombing in a statement.", "ATTRIB"),
])
def test_acled_vocabulary(text, expected):
    assert case(text) == expected


def test_typer_is_pure():
    text = "Rebels captured the town after days of fighting with the army."
    assert type_text(text) == type_text(text)
    assert rule_scores(text) == rule_scores(text)
