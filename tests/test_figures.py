"""Figures stage: value forms, qualifiers, units, non-figures, measures on the seeds."""

from __future__ import annotations


import pytest

from newsfuse.annotate.figures._core import extract_figures, figure_trend
from newsfuse.annotate.figures._values import find_values, parse_number_text
from newsfuse.records import QUALIFIERS

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module


def figures(nlp, text, published=None, **kw):
    return extract_figures(nlp(text), "t", published, **kw)


def seed(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return " ".join(text.split("\n")) if name == "002" else text


def find(figs, value):
    found = [f for f in figs if f.value == value]
    assert found, f"no figure with value {value}: {[(f.text, f.value) for f in figs]}"
    return found[0]


# --------------------------------------------------------------------------- values (text only)


@pytest.mark.parametrize("text,value,value_max,qualifier", [
    ("2,500", 2500, None, "exact"),
    ("three", 3, None, "exact"),
    ("twenty-five", 25, None, "exact"),
    ("1.5 million", 1.5e6, None, "exact"),
    ("$5.4bn", 5.4e9, None, "exact"),
    ("dozens of attacks", 24, None, "about"),
    ("hundreds of people", 200, None, "about"),
    ("between 20 and 30", 20, 30, "range"),
    ("from 20 to 30", 20, 30, "range"),
    ("33-35 billion euros", 33e9, 35e9, "range"),
    ("roughly 2,500", 2500, None, "about"),
    ("approximately 2,500", 2500, None, "about"),
    ("nearly 70", 70, None, "about"),
    ("more than 150", 150, None, "more_than"),
    ("over 150", 150, None, "more_than"),
    ("fewer than 10", 10, None, "less_than"),
    ("at least 500", 500, None, "at_least"),
    ("500 or more", 500, None, "at_least"),
    ("up to 400", 400, None, "at_most"),
    # the scale written once serves both ends, after a currency or a qualifier too
    ("$10-12 billion", 10e9, 12e9, "range"),
    ("between $2 and $3 billion", 2e9, 3e9, "range"),
    ("about 10-12 million", 10e6, 12e6, "range"),
    # ... unless the low end would pass the high one
    ("claims ranging from $200 to $4 million", 200, 4e6, "range"),
    # South Asian scale words
    ("Rs 500 crore", 5e9, None, "exact"),
    ("2 lakh", 2e5, None, "exact"),
    ("Rs 10-12 crore", 1e8, 1.2e8, "range"),
])
def test_value_forms_and_qualifiers(text, value, value_max, qualifier):
    (v,) = find_values(text)
    assert v.value == pytest.approx(value)
    assert v.value_max == (None if value_max is None else pytest.approx(value_max))
    assert v.qualifier == qualifier and v.qualifier in QUALIFIERS


@pytest.mark.parametrize("text,unit", [
    ("$2,000", "dollar"), ("500 euros", "euro"), ("RM3.06mil", "malaysian ringgit"),
    ("5%", "percent"), ("60 per cent", "percent"), ("278kg", "kilogram"), ("40 km", "kilometre"),
    ("50 mph", "mile per hour"), ("$2.11 per gallon", "dollar per gallon"),
    ("3% per annum", "percent per year"), ("a salary of £40,000 per annum", "pound sterling per year"),
])
def test_units(text, unit):
    (v,) = find_values(text)
    assert v.unit == unit


def test_parse_number_text():
    assert parse_number_text("1.5 million") == 1.5e6
    assert parse_number_text("forty-two") == 42
    assert parse_number_text("hello") is None


# --------------------------------------------------------------------------- figures (parse)


def test_counted_noun_gives_unit_and_measure(nlp):
    (f,) = figures(nlp, "Officials said 40 protesters were arrested in Paris on Monday.", "2024-01-25")
    assert f.value == 40 and f.unit == "protester"
    assert "arrested" in f.measure_key
    assert f.as_of == "2024-01-22"  # Monday before a Thursday publication


def test_casualties_split_into_killed_and_wounded(nlp):
    figs = figures(nlp, "The blast killed five soldiers and wounded 12.")
    killed, wounded = find(figs, 5), find(figs, 12)
    assert killed.unit == wounded.unit == "soldier"
    assert killed.measure_key.endswith("killed") and wounded.measure_key.endswith("wounded")
    assert "wounded" in wounded.measure


@pytest.mark.parametrize("text", [
    "The meeting took place on December 8, 2023.",
    "The coalition was launched in 2014.",
    "They met at 10:30 in the morning.",
    "He finished 2nd in the race.",
    "Call 555-123-4567 for details.",
    "The attack against Tower 22 was condemned.",
    "The council adopted Resolution 2334 last year.",
    "A 44-year-old man was detained.",
    "One of them left early.",
])
def test_non_figures_are_excluded(nlp, text):
    assert figures(nlp, text) == []


def test_ages_only_on_request(nlp):
    text = "A 44-year-old man was detained."
    (age,) = figures(nlp, text, with_ages=True)
    assert age.value == 44 and age.unit == "year of age"


def test_trend(nlp):
    doc = nlp("Shares rose 5% on Monday while the index fell by 2 points.")
    figs = extract_figures(doc, "t")
    assert [figure_trend(doc, f) for f in figs] == ["up", "down"]


def test_spans_point_into_the_text(nlp):
    text = seed("000")
    for f in extract_figures(nlp(text), "000", "2024-01-25"):
        assert text[f.start:f.end] == f.text


# --------------------------------------------------------------------------- seeds


def test_seed_attack_tallies(nlp):
    for name, phrase in (("000", "more than 150 attacks"), ("001", "more than 150 times"),
                         ("004", "more than 150 drone or rocket attacks")):
        f = find(figures(nlp, seed(name), "2024-01-25"), 150)
        assert f.qualifier == "more_than" and f.unit == "attack" and f.measure_key == "attack"
        assert phrase in f.text
    f = find(figures(nlp, seed("003")), 103)
    assert f.qualifier == "exact" and f.measure_key == "attack"
    assert {"iraq", "syria"} <= set(f.scope)


def test_seed_troops_in_iraq_and_elided_syria(nlp):
    figs = figures(nlp, seed("002"), "2024-01-25")
    iraq, syria = find(figs, 2500), find(figs, 900)
    assert iraq.qualifier == syria.qualifier == "about"
    assert iraq.unit == syria.unit == "troop"  # the noun of 900 is elided
    assert "iraq" in iraq.scope and "syria" in syria.scope and "iraq" not in syria.scope
    figs3 = figures(nlp, seed("003"))
    iraq3, syria3 = find(figs3, 2500), find(figs3, 900)
    assert iraq3.unit == "soldier" and iraq3.measure_key == iraq.measure_key == "troop"
    assert "iraq" in iraq3.scope and "syria" in syria3.scope


def test_seed_spanish_troops_and_trainers(nlp):
    spanish = find(figures(nlp, seed("000")), 300)
    assert spanish.qualifier == "more_than" and {"spain", "iraq"} <= set(spanish.scope)
    spanish2 = find(figures(nlp, seed("002")), 300)
    assert spanish2.measure_key == spanish.measure_key == "troop"
    trainers = [f for f in figures(nlp, seed("001")) if f.value == 500]
    assert trainers and all(f.qualifier == "at_least" for f in trainers)
    assert all(f.measure_key != "troop" for f in trainers)  # they trained others
    trained = find(figures(nlp, seed("001")), 37000)
    assert trained.unit == "member"


def test_seed_tower_22_casualties(nlp):
    figs = figures(nlp, seed("004"))
    assert not any(f.value == 22 for f in figs)
    wounded = find(figs, 34)
    assert wounded.unit == "troop" and wounded.measure_key == "troop wounded"
    killed = [f for f in figs if f.value == 3 and f.measure_key == "troop killed"]
    assert killed


# --------------------------------------------------------------------------- about, shared units


@pytest.mark.parametrize("text,value,word", [
    ("The company has 300 employees in Spain.", 300, "company"),
    ("Two of Johnson's deputies were fired.", 2, "Johnson"),
    ("Cayman Airways said it was grounding two new jets.", 2, "Airways"),
    ("The current population of the planet is roughly 8 billion people.", 8e9, "population"),
    ("The court imposed a fine of $10.5 million on the company.", 10.5e6, "fine"),
    ("Key players: G Hunter Maldonado (15.3 ppg, 7.4 rpg), G Kenny Foster (13.2 ppg).", 7.4,
     "Maldonado"),
    ("The plant will get a state incentive grant worth up to $8 million.", 8e6, "grant"),
])
def test_about_names_the_owner_or_subject(nlp, text, value, word):
    assert word in find(figures(nlp, text), value).about


@pytest.mark.parametrize("text,value", [
    ("Some 300 residents have been evacuated from the village.", 300),
    ("They have two kids in private school.", 2),
    ("Two years later, the agency identified the area.", 2),
])
def test_about_is_empty_for_subjects_pronouns_and_times(nlp, text, value):
    assert find(figures(nlp, text), value).about == ""


@pytest.mark.parametrize("text,value,word", [
    ("She sold the old farmhouse for $2 million last year.", 2e6, "farmhouse"),
    ("The winds were 10 mph less than the top wind speeds on Mars.", 10, "speeds"),
])
def test_about_what_a_price_buys_or_a_difference_is_against(nlp, text, value, word):
    figure = find(figures(nlp, text), value)
    assert word in figure.about and word in figure.measure


@pytest.mark.parametrize("text,value,word", [
    # an "it"/"they" subject inside the sentence points back to the nearest subject that agrees
    ("You can see the pound going to $1 and it going back to $1.50 if talks succeed.", 1.5, "pound"),
    ("The company opened a new plant last year, and now it employs 300 workers there.", 300,
     "company"),
])
def test_about_resolves_a_pronoun_to_its_antecedent_in_the_sentence(nlp, text, value, word):
    assert word in find(figures(nlp, text), value).about


def test_a_pronoun_that_opens_its_sentence_is_not_resolved(nlp):
    # its antecedent is in another sentence: nothing in this one names it
    assert find(figures(nlp, "The market fell. It lost 5% in a week."), 5).about == ""


def test_a_time_after_its_verb_is_about_the_subject(nlp):
    figure = find(figures(nlp, "Martinelli levelled on the hour mark and Pepe curled in six minutes "
                               "later."), 6)
    assert figure.about == "Pepe"
    fronted = find(figures(nlp, "Two years later, the agency identified the area."), 2)
    assert fronted.about == ""


def test_a_fronted_phrase_is_not_about_the_clause_subject(nlp):
    assert find(figures(nlp, "With eight more picks the team went all over the map."), 8).about == ""
    survey = find(figures(nlp, "In a survey of more than 6,000 employers across the country, the lobby "
                               "group found most firms short of staff."), 6000)
    assert "survey" in survey.about and "group" not in survey.about
    # after the subject the clause's subject is named as before
    assert "team" in find(figures(nlp, "The team made eight more picks."), 8).about


def test_a_verb_tagged_as_a_noun_still_has_a_subject(nlp):
    # the small model tags "employs" a noun in this uncased sentence, with "chinese" as its subject
    text = "the chinese ev start-up employs around 600 people worldwide."
    assert "chinese" in find(figures(nlp, text), 600).about


def test_a_bracketed_aside_is_about_what_the_figure_before_it_is_about(nlp):
    figs = figures(nlp, "Get the Tufted Cocktail Ottoman at Joss Main for $149.36 (Save $303.63).")
    assert "Ottoman" in find(figs, 149.36).about
    assert find(figs, 303.63).about == find(figs, 149.36).about
    # a bracket that names its own thing keeps it
    other = figures(nlp, "She bought the house for $2 million (the garden cost $50,000).")
    assert find(other, 50000).about != find(other, 2e6).about


def test_a_predicate_noun_stands_for_its_subject(nlp):
    text = ("Dell Technologies Inc. is eliminating about 6,650 roles as it faces falling demand, "
            "becoming the latest technology company to announce thousands of job cuts.")
    assert "Dell" in find(figures(nlp, text), 2000).about


def test_a_number_named_in_a_sentence_without_capitals(nlp):
    # "sp 500" lost its capitals: a noun compounded before a bare number names a thing
    figs = figures(nlp, "the nasdaq is also trending up 0.2% and the sp 500 is poised to drop 0.2%.",
                   with_references=True)
    assert [f.value for f in figs] == [0.2, 0.2]
    assert figs[1].about == "sp 500"
    # with capitals the usual rules decide, and a count is still a count
    assert find(figures(nlp, "the city has 500 houses."), 500).unit == "house"


def test_a_number_before_a_singular_compound_counts_the_compound(nlp):
    figure = find(figures(nlp, "The story comes from the 12 page document obtained by the paper."), 12)
    assert figure.unit == "page" and "document" in figure.about
    assert find(figures(nlp, "Three police officers were hurt."), 3).unit == "officer"


def test_about_climbs_through_clauses_without_a_subject(nlp):
    figure = find(figures(nlp, "The Japanese yen also saw further strengthening to trade at 132.86 "
                               "against the greenback."), 132.86)
    assert "yen" in figure.about


def test_a_time_adverbial_measures_nothing(nlp):
    figure = find(figures(nlp, "Two years later, the agency identified 311 square miles off the coast."), 2)
    assert figure.measure == "" and figure.about == ""


def test_another_number_is_not_the_subject(nlp):
    # a mis-parse can make "billion" the subject of the second figure's verb
    for figure in figures(nlp, "The market worth over 2 billion is growing almost five percent a year."):
        assert "billion" not in figure.about.split()


def test_bracketed_conversion_measures_the_same_thing(nlp):
    figs = figures(nlp, "The exchange saw turnover of 1.23 billion shekels ($330 million) today.")
    shekels, dollars = find(figs, 1.23e9), find(figs, 330e6)
    assert (shekels.unit, dollars.unit) == ("shekel", "dollar")
    assert dollars.measure == shekels.measure and dollars.about == shekels.about


@pytest.mark.parametrize("text,value,unit", [
    ("It costs about 8 or $9.", 8, "dollar"),
    ("Ben raised 280 million of the 1.5 billion shekels he needs.", 280e6, "shekel"),
    ("The index closed at 1,463.87 points, while the other index climbed 0.1% to 1,333.18.",
     1333.18, "point"),
])
def test_bare_number_shares_the_unit_it_is_paired_with(nlp, text, value, unit):
    assert find(figures(nlp, text), value).unit == unit


def test_bare_number_alone_keeps_no_unit(nlp):
    assert find(figures(nlp, "The index closed at 16,644 on Friday."), 16644).unit == ""


@pytest.mark.parametrize("text,value,value_max,unit", [
    ("people earning between $48,000 and $90,000 a year", 48000, 90000, "dollar per year"),
    ("prices are growing almost five percent a year", 5, None, "percent per year"),
    ("it trades at $1.25 sterling", 1.25, None, "pound sterling"),
    ("peaked at over $76 US a barrel", 76, None, "dollar per barrel"),
    ("The boot now stands at 24.5 cubic feet.", 24.5, None, "cubic foot"),
])
def test_compound_units(text, value, value_max, unit):
    found = find_values(text)
    assert found and (found[0].value, found[0].value_max, found[0].unit) == (value, value_max, unit)


def test_month_old_is_an_age(nlp):
    text = "She lives with her 18 month-old daughter."
    assert not any(f.value == 18 for f in figures(nlp, text))
    assert find(figures(nlp, text, with_ages=True), 18).unit == "month of age"


def test_one_of_only_on_request(nlp):
    text = "It was one of the realest conversations I had."
    assert not any(f.value == 1 for f in figures(nlp, text))
    one = find(figures(nlp, text, with_one_of=True), 1)
    assert one.unit == "conversation"


@pytest.mark.slow
def test_long_article_finds_figures_in_every_copy(nlp, seed_paths):
    # (speed is measured by bench/throughput.py, not asserted here)
    texts = [p.read_text(encoding="utf-8") for p in seed_paths]
    one = extract_figures(nlp(" ".join(texts)), "t", "2024-01-25")
    found = extract_figures(nlp(" ".join(texts * 4)), "t", "2024-01-25")
    assert len(one) > 20 and len(found) >= 4 * len(one) - 4


# --------------------------------------------------------------------------- issue 14: reader-facing measures


def test_a_definite_small_count_refers_back_and_is_no_figure(nlp):
    text = "The two countries agreed to begin joint efforts."
    assert not [f for f in figures(nlp, text) if f.value == 2]
    kept = figures(nlp, text, with_references=True)
    assert find(kept, 2).unit == "country"
    # an indefinite count, a large one and a casualty are reported amounts
    assert find(figures(nlp, "Two countries agreed to begin joint efforts."), 2)
    assert find(figures(nlp, "The 2,500 US troops in Iraq will stay."), 2500)
    killed = find(figures(nlp, "The drone attack killed the three soldiers on Sunday."), 3)
    assert killed.measure_key == "troop killed"


def test_an_estimate_at_a_value_measures_its_object_not_its_subject(nlp):
    f = find(figures(nlp, "A senior US military official on Thursday estimated IS numbers at around "
                          "1,000 in Iraq and Syria."), 1000)
    assert "official" not in f.measure and "numbers" in f.measure
    assert set(f.scope) >= {"iraq", "syria"}


def test_a_passive_subject_is_measured_by_what_was_done_to_it(nlp):
    f = find(figures(nlp, "More than 19 people were transferred to a hospital near the site."), 19)
    assert f.measure.startswith("people transferred to") and f.measure_key == "person transferred"


def test_a_participle_keeps_its_agent(nlp):
    f = find(figures(nlp, "The President directed strikes against 3 sites used by Kataib Hezbollah."), 3)
    assert f.measure.endswith("used by Kataib Hezbollah")


def test_a_vague_quantity_word_holds_the_role_of_its_noun(nlp):
    f = find(figures(nlp, "Hundreds of people attended the funeral of the commander."), 200)
    assert f.measure.startswith("people who attended")


def test_whose_country_is_named(nlp):
    text = ("Spanish Foreign Minister Jose Manuel Albares visited Baghdad on Thursday. \"We are worried,\" "
            "said Albares, whose country has more than 300 troops deployed to Iraq.")
    f = find(figures(nlp, text), 300)
    assert f.measure.startswith("Spain's troops") and "spain" in f.scope


@pytest.mark.parametrize("text,value,value_max,unit", [
    ("a current density of 1.3 A/cm2 to 0.03 A/cm2.", 1.3, 0.03, "ampere per square centimetre"),
    ("emissions of 50 g/km", 50, None, "gram per kilometre"),
    ("a 100 kWh battery", 100, None, "kilowatt hour"),
    ("a 5 cm2 patch", 5, None, "square centimetre"),
    ("3 mg per litre", 3, None, "milligram per litre"),
    ("it costs $5/kg", 5, None, "dollar per kilogram"),
    ("revenue grew more than sixfold", 6, None, "fold"),
    ("a 3-fold rise", 3, None, "fold"),
])
def test_unit_grammar(text, value, value_max, unit):
    (v,) = [r for r in find_values(text) if r.value == value]
    assert (v.value_max, v.unit) == (value_max, unit)


@pytest.mark.parametrize("text", ["ran 3 A/B tests", "scored 3 N/A", "open 24/7"])
def test_two_bare_letters_are_no_rate(text):
    assert all(r.unit is None for r in find_values(text))


def test_a_number_after_a_name_between_commas_is_an_age(nlp):
    text = "Maddon, 66, has used the downtime to get in better shape."
    assert not [f for f in figures(nlp, text) if f.value == 66]
    assert find(figures(nlp, text, with_ages=True), 66).unit == "year of age"


def test_a_clause_without_its_verb_is_about_the_noun_before_its_figure(nlp):
    text = "Shares of Urban Outfitters and Ross were down 2.3%, Burlington by 2.6% and Foot Locker was down 1.9%."
    assert find(figures(nlp, text), 2.6).about == "Burlington"
    # a clause with its own verb keeps its subject; a figure after "and" with no noun takes none
    assert find(figures(nlp, text), 1.9).about == "Foot Locker"
    plain = figures(nlp, "There are roughly 2,500 US troops deployed in Iraq and about 900 in Syria.")
    assert find(plain, 900).about == ""


def test_a_casualty_noun_names_the_event_that_caused_it(nlp):
    f = find(figures(nlp, "The statement said the attack led to the injury of 3 soldiers."), 3)
    assert f.measure == "soldiers injured in attack" and f.measure_key == "troop injured"
    assert find(figures(nlp, "He mourned the deaths of 12 civilians."), 12).measure == "civilians killed"


@pytest.mark.parametrize("text,value,unit", [
    ("He drank 2 pints of beer.", 2, "pint"),
    ("The boat sailed at 12 knots.", 12, "knot"),
    ("Noise near the runway hit 110 dB.", 110, "decibel"),
    ("The star lies 40 light-years away.", 40, "light-year"),
    ("The ship carries 300 metric tons of grain.", 300, "tonne"),
    ("The bomb had a yield of 15 kilotons.", 15, "kiloton"),
    ("The delay was 40 ms at most.", 40, "millisecond"),
    ("The airplane was flying at an altitude of 30' when the turbulence hit.", 30, "foot"),
])
def test_unit_words_of_everyday_news(text, value, unit):
    (v,) = [r for r in find_values(text) if r.value == value]
    assert v.unit == unit


@pytest.mark.parametrize("text", ["'We hired 300', he said.", "'We hired 300' when we could."])
def test_a_closing_quote_is_not_feet(text):
    assert all(r.unit is None for r in find_values(text))


def test_a_figure_never_measures_another_figure(nlp):
    text = "The particle robots measure between 15.5 cm (6.1 inches) and 23.5 cm (9.2 inches) across."
    for value in (15.5, 23.5):
        f = find(figures(nlp, text), value)
        assert "cm" not in f.measure.split() and "robots" in f.measure  # a conjunct measures what the first does
    text = "It has an MSRP of 2,435,000 YEN ($22,480) for the manual version and 2,380,000 ($21,972) for the CVT."
    for f in figures(nlp, text):
        assert not any(c.isdigit() for c in f.measure + f.about), (f.value, f.measure, f.about)


def test_numbers_inside_names(nlp):
    assert figures(nlp, "The Kick Six win over Alabama was famous in the state.") == []
    assert figures(nlp, "Its new HIV 2 drug regimen looks promising.") == []
    # a count after a dateline, and a headline in title case, keep their counts
    text = "WASHINGTON - Five American soldiers were killed in a drone attack, the Pentagon said."
    assert [f.value for f in figures(nlp, text)] == [5]
    assert [f.value for f in figures(nlp, "Police Say Three Soldiers Were Killed In Blast")] == [3]


def test_an_infinitive_takes_the_subject_of_the_verb_it_completes(nlp):
    text = "The index ended down 1% at 1,463.78 points, while the TA-125 lost 1.1% to end at 1,334.20."
    f = find(figures(nlp, text), 1334.2)
    assert f.measure == "TA-125" and f.about == "TA-125"


def test_a_time_adverbial_does_not_measure_the_object(nlp):
    assert find(figures(nlp, "And it orbits the sun every 33 years."), 33).measure == ""


def test_an_age_limit_is_the_age_of_the_noun_it_modifies(nlp):
    f = find(figures(nlp, "People over the age of 65 are most at risk.", with_ages=True), 65)
    assert (f.unit, f.measure) == ("year of age", "age of People")


def test_a_span_participle_is_about_the_noun_it_follows(nlp):
    text = "He said Osler has 59 users with $12.4 million of claims, ranging from $200 to $4 million."
    f = find(figures(nlp, text), 200)
    assert (f.value_max, f.measure, f.about) == (4e6, "claims", "claims")


@pytest.mark.parametrize("text,value,measure", [
    ("The company said it would cut 1,200 jobs this year.", 1200, "jobs cut"),
    ("The firm will ship 300 cars.", 300, "cars shipped"),
    ("Officials deny 20 claims.", 20, "claims denied"),
])
def test_a_count_is_phrased_with_the_participle_a_reader_writes(nlp, text, value, measure):
    assert find(figures(nlp, text), value).measure.startswith(measure)


def test_a_change_measures_the_object_that_changed(nlp):
    text = "The central bank raised its benchmark rate by 25 basis points to 5.25%."
    for value in (25, 5.25):
        f = find(figures(nlp, text), value)
        assert "benchmark rate" in f.measure and f.about == "central bank"
    assert find(figures(nlp, "Sales rose to $5 billion."), 5e9).measure == "Sales"  # no object: the subject


def test_a_phrasal_verb_keeps_its_particle(nlp):
    assert find(figures(nlp, "The firm laid off 300 workers."), 300).measure == "workers laid off by firm"
    assert find(figures(nlp, "Nearly half of the 300 employees were laid off."), 300).measure == \
        "employees laid off"


def test_a_price_measures_what_it_pays_for(nlp):
    f = find(figures(nlp, "Manchester United paid a club-record £89m for Pogba."), 89e6)
    assert (f.measure, f.about) == ("Pogba", "Manchester United")


def test_a_hyphened_number_is_a_word_of_the_phrase(nlp):
    f = find(figures(nlp, "The four-bedroom house sold for $1.2 million last month."), 1.2e6)
    assert f.about.startswith("four-bedroom house")


def test_a_noun_is_counted_once(nlp):
    # a second number inside a counted phrase is part of a name, not another count
    for text, value in (("Cayman Airways said it was grounding two new 737 Max jets.", 2),
                        ("The airline ordered three new 787 Dreamliner jets last year.", 3),
                        ("The company sold two 500 Series trucks.", 2)):
        assert [f.value for f in figures(nlp, text)] == [value], text
    # with no count before it, the number counts the noun
    assert [f.value for f in figures(nlp, "The carrier now flies 300 Boeing jets.")] == [300]
    # only "one" before a number stands for "a"; other number words count
    assert [f.value for f in figures(nlp, "The navy built three 20,000-ton ships.")] == [3, 20000]
    assert [f.value for f in figures(nlp, "The city hosts just one 52,000 barrel-a-day refinery.")] == [52000]


@pytest.mark.parametrize("text, value, field, want", [
    # a conjoined clause has its own subject, though the parse hangs it on an apposition
    ("Gold, this year's best performing asset, rose 1.2%, while oil, last years worst performing "
     "commodity, slipped 0.5%.", 0.5, "about", "oil"),
    # a conjoined verb with no subject of its own shares the first one's
    ("The company cut 300 jobs and closed 4 plants.", 4, "about", "company"),
    # a gapped clause names its subject with its modifiers
    ("The basic model costs $30,000 and the premium version $45,000.", 45000, "about", "premium version"),
    ("The basic model costs $30,000 and the premium version $45,000.", 30000, "about", "basic model"),
    # a scaled number is no name ("France 67"); the "and" opens the gapped clause
    ("Germany has 80 million people and France 67 million.", 67e6, "about", "France"),
    # a conjoined price measures what its own "for" phrase names
    ("Tickets cost $20 for adults and $10 for children.", 10, "measure", "children"),
    ("It has an MSRP of $22,480 for the manual version and $21,972 for the CVT.", 21972, "measure",
     "MSRP for CVT"),
    # "compared with" is a preposition; a count compared with a count is about nothing more
    ("Profits were $3 billion, compared with $2 billion in 2022.", 2e9, "about", "Profits"),
    ("About 460 cars have been stolen this year compared with 63 last year.", 63, "about", ""),
])
def test_clauses_a_figure_shares(nlp, text, value, field, want):
    assert getattr(find(figures(nlp, text), value), field) == want


def test_a_year_ago_is_no_rate(nlp):
    text = "Sales reached $10 billion, up from $8 billion a year earlier."
    assert find(figures(nlp, text), 8e9).unit == "dollar"
    assert find(figures(nlp, "The rate was 4.1%, against 3.9% a year ago."), 3.9).unit == "percent"
    assert find(figures(nlp, "He earns $50,000 a year."), 50000).unit == "dollar per year"


def test_fractions_written_with_a_hyphen(nlp):
    for text, value in (("Two-thirds of residents lack running water.", 2 / 3),
                        ("Three-quarters of voters backed the plan.", 0.75),
                        ("The tax takes one-fifth of the budget.", 0.2)):
        assert [round(f.value, 4) for f in figures(nlp, text)] == [round(value, 4)], text


def test_a_time_pinned_by_last_or_this_is_not_counted(nlp):
    (f,) = figures(nlp, "The number of migrants crossing the Channel rose to 45,000 last year.")
    assert f.value == 45000 and f.unit == "" and "year" not in f.measure + f.about
    assert find(figures(nlp, "The last 3 years were hard."), 3).unit == "year"


def test_a_bare_amount_converted_in_brackets_is_money(nlp):
    """"... and 135,000 ($911)": converted into money, so an amount (not a count whose noun was left
    out) in the currency of the earlier amount converted the same way, never in the one it is
    converted into; with no such amount it names no currency."""
    text = "The phone costs 120,000 yen ($810) for the 3 base models and 135,000 ($911) for the larger one."
    assert find(figures(nlp, text), 135000).unit == "japanese yen"
    text = "It sells for 120,000 yen ($810) for the base model and 135,000 ($911) for the larger one."
    assert find(figures(nlp, text), 135000).unit == "japanese yen"
    text = "His fortune grew from 1.2 billion ($1.5bn) to 900 million ($1.1bn) in a year."
    assert [find(figures(nlp, text), v).unit for v in (1.2e9, 9e8)] == ["", ""]
