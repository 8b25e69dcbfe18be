"""What a reader expects of the seeds' events (issue #13): the ten main events, each found once, in the right
place, with its own actors; and what is still wrong, marked xfail with the reason.

The seeds tell of Spanish Foreign Minister Albares' visit to Iraq (000, 001, 002), the announcement that
Washington and Baghdad will talk about the coalition (002), the US strikes of 24 January in Baghdad and the
funeral of a fighter they killed (002), the Erbil drone attack and the strikes on Kataib Hezbollah in Hilla
(003), the rocket attack on the US embassy on December 8 (003), Sanchez's meeting with al-Sudani (003), the
Tower 22 attack in Jordan, Iraq's condemnation of it and the first round of talks (004).
"""

import pytest


@pytest.fixture(scope="module")
def events(seed_account):
    return seed_account["events"]


def _text(e) -> str:
    return " ".join([e["summary"], *e["actors"], *e["targets"]]).lower()


def _of(events, type_prefix: str, *words: str, article: str | None = None):
    return [e for e in events if e["type"].startswith(type_prefix) and all(w.lower() in _text(e) for w in words)
            and (article is None or article in _articles(e))]


def _articles(e) -> set[str]:
    return {m["article"][:3] for m in e["mentions"]}


def _country(e) -> str | None:
    return e["place"]["country_code"] if e["place"] else None


def _sentences(e) -> list[str]:
    return [m["text"] for m in e["mentions"]]


def test_the_visit_once_across_000_001_002(events):
    visits = _of(events, "diplomacy.", "Albares")
    assert len(visits) == 1
    assert _articles(visits[0]) >= {"000", "001", "002"} and _country(visits[0]) == "IQ"


def test_the_agreement_on_the_coalition_once(events):
    # 002: "The two countries agreed to form working groups ..." (the announcement's content)
    assert len(_of(events, "diplomacy.agreement", article="002")) == 1


def test_the_funeral_once_in_baghdad(events):
    funerals = _of(events, "ceremony.funeral")
    assert len(funerals) == 1 and funerals[0]["place"]["name"] == "Baghdad"


def test_the_us_strikes_of_24_january_once(events):
    strikes = [e for e in events if e["type"].startswith("attack.") and e["date"] == "2024-01-24"]
    assert len(strikes) == 1
    assert _country(strikes[0]) == "IQ"


def test_the_erbil_drone_attack_once(events):
    erbil = [e for e in events if e["type"].startswith("attack.") and e["place"] and e["place"]["name"] == "Erbil"]
    assert len(erbil) == 1


def test_the_embassy_attack_once_in_baghdad(events):
    embassy = _of(events, "attack.", "embassy")
    assert len(embassy) == 1 and embassy[0]["place"]["name"] == "Baghdad"


def test_the_sanchez_meeting_once_in_baghdad(events):
    # the agreement the meeting reached ("The two countries agreed ...": Al-Sudani and Sanchez) is its own event
    meetings = [e for e in _of(events, "diplomacy.", "Sanchez") if e["type"] != "diplomacy.agreement"]
    assert len(meetings) == 1
    assert len(_of(events, "diplomacy.agreement", "Sanchez", "Sudani", article="003")) == 1
    assert meetings[0]["place"]["name"] == "Baghdad" and _country(meetings[0]) == "IQ"


def test_the_tower_22_attack_once_in_jordan_with_its_toll(events):
    tower = _of(events, "attack.", "Tower 22")
    assert len(tower) == 1
    assert _country(tower[0]) == "JO" and tower[0]["killed"] == 3 and tower[0]["injured"] == 34


def test_the_condemnation_of_the_tower_22_attack_once(events):
    condemn = [e for e in _of(events, "statement.condemnation", article="004")
               if any("drone attack" in s or "Jordan attack" in s for s in _sentences(e))]
    assert len(condemn) == 1


def test_the_first_round_of_talks_once(events):
    assert len(_of(events, "diplomacy.", "talks", article="004")) == 1


def test_a_speaker_is_not_the_actor_of_the_event_it_speaks_of(events):
    for e in _of(events, "attack.", "Tower 22") + _of(events, "attack.", "embassy"):
        assert not any("ministry" in a.lower() or "authorities" in a.lower() for a in e["actors"]), e["actors"]


def test_no_event_placed_by_a_backing_or_a_nationality(events):
    # nothing in the seeds happens in Iran or in the United States: "Iran-backed", "pro-Iran", "US forces" say who
    assert not [e["summary"] for e in events if _country(e) in ("IR", "US")]


def test_an_announcement_needs_something_announced(events):
    assert not [e for e in events if "announced isis" in e["summary"].lower()]


def test_a_series_of_attacks_is_not_one_of_them(events):
    # 004: "since pro-Iran groups in October escalated their attacks against US ... forces" is the campaign
    tower = _of(events, "attack.", "Tower 22")
    assert tower and not any("escalated" in s for s in _sentences(tower[0]))


def test_the_hilla_strikes_once(events):
    # 003 tells of them twice, on the same Tuesday: "the strikes carried out by the United States in Iraq" and
    # "an air bombardment targeted the headquarters ... in Hilla" (one article's "Tuesday" is one day)
    # (003's Erbil drone attack is an air strike too, told by "attack": it is not one of these)
    strikes_003 = [e for e in events if e["type"].startswith("attack.air_strike") and "003" in _articles(e)
                   and {m["trigger"] for m in e["mentions"]} & {"strikes", "bombardment"}]
    assert len(strikes_003) == 1
    assert {m["trigger"] for m in strikes_003[0]["mentions"]} == {"strikes", "bombardment"}


def test_summaries_start_as_headlines_do(events):
    assert all(e["summary"][:1].isupper() or not e["summary"][:1].isalpha() for e in events)


def test_the_tower_22_summary_reads_as_a_headline(events):
    # the weapon from the condemnation's "the drone attack that killed three US military personnel in Jordan" (a
    # mention of the attack, merged by its place and toll), the rest from "The attack against Tower 22 ..."
    tower = _of(events, "attack.", "Tower 22")
    assert tower and tower[0]["summary"] == "Drone attack on Tower 22 (Jordan) kills 3 US troops, wounds 34"


# --------------------------------------------------------------------------- the rules, on sentences of the seeds' kind

def _events(nlp, text):
    from newsfuse.annotate.events import extract_events

    return extract_events(nlp(text), "a1")


def test_he_is_the_person_named_before_him(nlp):
    found = [e for e in _events(nlp, "US President Joe Biden said on Sunday as he blamed radical militant groups "
                                     "for the attack.") if e.type.startswith("statement.")]
    assert found and found[0].actors == ("US President Joe Biden",)


def test_an_event_does_not_speak(nlp):
    found = [e for e in _events(nlp, "The US strikes on Iran-backed groups sparked condemnation from Baghdad.")
             if e.type.startswith("statement.")]
    assert found and found[0].actors == ("Baghdad",)


def test_a_statement_needs_a_speaker(nlp):
    text = "Albares said the repeated attacks that are blamed on the Iranian-backed militias need to stop."
    assert not [e for e in _events(nlp, text) if e.trigger == "blamed"]


@pytest.mark.parametrize("text,trigger", [
    ("Since October pro-Iran groups escalated their attacks against US forces.", "attacks"),
    ("Groups backed by Iran have attacked bases hosting US troops many times since October.", "attacked"),
    ("US forces have repeatedly struck Iran-backed groups in Iraq and Syria.", "struck"),
])
def test_a_campaign_is_not_one_event(nlp, text, trigger):
    found = [e for e in _events(nlp, text) if e.trigger == trigger]
    assert found and all(e.aggregate for e in found)


def test_talks_announced_to_begin_are_kept_as_scheduled_and_not_dated_by_the_announcement(nlp):
    from newsfuse.annotate.events import extract_events
    from newsfuse.records import Timex

    text = "Washington and Baghdad will begin discussions on the coalition, Iraq said Thursday."
    i = text.index("Thursday")
    said = Timex("a1", i, i + 8, "Thursday", "DATE", "2024-01-25", "weekday-past")
    (talks,) = [e for e in extract_events(nlp(text), "a1", (said,)) if e.type.startswith("diplomacy.")]
    assert talks.scheduled and talks.trigger == "discussions"
    assert talks.date is None  # Thursday is when Iraq said it, not when they talk
    assert talks.summary.startswith("Washington and Baghdad to begin discussions")  # both parties, as the text says


@pytest.mark.parametrize("text,scheduled", [
    ("The minister is due to visit Baghdad next week.", True),
    ("Spanish Prime Minister Pedro Sanchez will visit Baghdad.", True),
    ("Spanish Prime Minister Pedro Sanchez visited Baghdad.", False),
    ("The prime minister's meeting with Donald Trump is scheduled for Thursday.", True),
])
def test_a_visit_told_as_arranged_is_scheduled(nlp, text, scheduled):
    found = [e for e in _events(nlp, text) if e.type.startswith("diplomacy.")]
    assert found and all(e.scheduled == scheduled for e in found)


@pytest.mark.parametrize("text", [
    "Iraq could hold talks with Washington.",  # may be, not arranged
    "Iraq called for talks with Washington.",  # wished
    "The Spanish Prime Minister will not attend the funeral.",  # denied
    "Militants will attack the US base in Erbil.",  # a threat is not a schedule
])
def test_what_is_wished_feared_or_denied_is_not_scheduled(nlp, text):
    assert not _events(nlp, text)


def test_an_attack_with_a_toll_and_a_place_is_an_incident_even_as_what_a_statement_is_about(nlp):
    from newsfuse.annotate.events import extract_events
    from newsfuse.records import PlaceMention

    text = "Iraqi authorities on Monday condemned the drone attack that killed three US soldiers in Jordan."
    i = text.index("Jordan")
    jordan = PlaceMention("a1", i, i + 6, "Jordan", "Jordan", 31.0, 36.0, "JO", feature="country")
    found = extract_events(nlp(text), "a1", places=(jordan,))
    (attack,) = [e for e in found if e.type.startswith("attack.")]
    assert attack.killed == 3 and attack.country_code == "JO" and not attack.actors
    assert [e.type for e in found if e.type.startswith("statement.")] == ["statement.condemnation"]



@pytest.mark.parametrize("summary", [
    "Washington and Baghdad agreed to form working groups",  # was "Two countries agreed to form working groups"
    "Baghdad condemns US strikes on Iran-backed groups",  # was "Condemnation (Baghdad)"
    "Hundreds attended funeral of fighter killed in latest US strikes (Baghdad)",  # was "... of one fighter"
    "Air bombardment on headquarters of pro-Iranian militias",  # was "Air bombardment headquarters ..."
    "Spanish Prime Minister Pedro Sanchez agreed to begin joint efforts",  # was "Two countries agreed ..."
])
def test_the_seeds_summaries_a_reader_understands(events, summary):
    """The summaries of issue #13 that named no one or read as a list of words, as they read now."""
    assert any(summary in e["summary"] for e in events), sorted(e["summary"] for e in events)
