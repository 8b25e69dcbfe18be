"""Fusing event mentions across articles."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsfuse.fuse.events import FusedEvent, event_mention_id, merge_events
from newsfuse.records import EventMention, PlaceMention

GAZ = {"Iraq": ("IQ", 33.0, 44.0), "Baghdad": ("IQ", 33.34, 44.40), "Jordan": ("JO", 31.0, 36.0),
       "Syria": ("SY", 35.0, 38.0), "Erbil": ("IQ", 36.19, 44.01), "Gaza": ("PS", 31.5, 34.45)}


def mention(article, start, type_, trigger="attack", date=None, place=None, cc=None, lat=None, lon=None,
            actors=(), targets=(), killed=None, injured=None, aggregate=False):
    return EventMention(article=article, start=start, end=start + 80, trigger=trigger,
                        trigger_start=start + 4, trigger_end=start + 4 + len(trigger), type=type_,
                        summary=f"{trigger} {place}", actors=tuple(actors), targets=tuple(targets), date=date,
                        place=place, lat=lat, lon=lon, country_code=cc, killed=killed, injured=injured,
                        aggregate=aggregate)


def test_two_drone_attacks_on_different_days_and_bases_stay_apart():
    erbil = mention("a", 0, "attack.air_strike", date="2024-01-22", place="Erbil", cc="IQ", lat=36.19,
                    lon=44.01, targets=("a military base",))
    tower = mention("b", 0, "attack.air_strike", date="2024-01-28", place="Tower 22", cc="JO", lat=31.0,
                    lon=36.0, targets=("Tower 22",), killed=3, injured=34)
    fused = merge_events([erbil, tower], {})
    assert len(fused) == 2


def test_same_attack_in_two_articles_merges_and_keeps_disagreements():
    one = mention("a", 0, "attack.air_strike", date="2024-01-28", place="Tower 22", cc="JO",
                  targets=("Tower 22",), killed=3, injured=34)
    two = mention("b", 100, "attack.attack", date="2024-01-28", place="Tower 22", cc="JO",
                  targets=("Tower 22",), killed=3, injured=40)
    three = mention("c", 50, "attack.attack", date="2024-01-28", place="Jordan", cc="JO", killed=3)
    fused = merge_events([one, two, three], {"a": "g1", "b": "g1", "c": "g2"})
    assert len(fused) == 1
    ev = fused[0]
    assert isinstance(ev, FusedEvent)
    assert ev.killed == 3 and ev.country_code == "JO" and ev.place == "Tower 22"
    assert ev.independent_sources == 2  # a and b are copies of one report
    assert any(d.startswith("injured: 34") for d in ev.disagreements)
    assert any(d.startswith("injured: 40") for d in ev.disagreements)
    assert set(ev.mention_ids) == {event_mention_id(m) for m in (one, two, three)}


def test_mention_id_format():
    m = mention("004", 793, "attack.attack")
    assert event_mention_id(m) == "004:793-873:797"


def test_dates_one_day_apart_merge_with_a_disagreement():
    one = mention("a", 0, "attack.shelling", date="2024-01-22", place="Erbil", cc="IQ", targets=("airport",))
    two = mention("b", 0, "attack.shelling", date="2024-01-23", place="Erbil", cc="IQ", targets=("airport",))
    fused = merge_events([one, two], {})
    assert len(fused) == 1
    assert fused[0].date == "2024-01-22" and fused[0].date_end == "2024-01-23"
    assert any(d.startswith("date:") for d in fused[0].disagreements)


def test_different_visitors_stay_apart_and_aggregates_are_left_out():
    albares = mention("a", 0, "diplomacy.visit", trigger="visit", place="Baghdad", cc="IQ",
                      actors=("Foreign Minister Jose Manuel Albares",))
    sanchez = mention("b", 0, "diplomacy.meeting", trigger="meeting", place="Baghdad", cc="IQ",
                      actors=("Prime Minister Pedro Sanchez",))
    many = mention("c", 0, "attack.attack", trigger="attacks", cc="IQ", aggregate=True)
    fused = merge_events([albares, sanchez, many], {})
    assert len(fused) == 2
    assert all(len(f.mention_ids) == 1 for f in fused)
    assert len(merge_events([many], {}, include_aggregate=True)) == 1


def _places(text, article):
    out = []
    for name, (cc, lat, lon) in GAZ.items():
        for m in re.finditer(rf"\b{name}\b", text):
            out.append(PlaceMention(article, m.start(), m.end(), name, name, lat, lon, cc))
    return out


@pytest.fixture(scope="module")
def seed_events(nlp, seed_paths):
    from newsfuse.annotate.events._core import extract_events

    events = []
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        article = path.name[:3]
        if article == "002":
            text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
        events += extract_events(nlp(text), article, places=_places(text, article))
    return events


def test_albares_visit_merges_across_000_001_002(seed_events):
    fused = merge_events(seed_events, {})
    visits = [f for f in fused if f.type.startswith("diplomacy.")
              and {m.split(":")[0] for m in f.mention_ids} >= {"000", "001", "002"}]
    assert len(visits) == 1
    visit = visits[0]
    assert visit.country_code == "IQ"
    assert any("Albares" in a for a in visit.actors)
    assert not any(m.startswith("003:") for m in visit.mention_ids)  # Sanchez's visit is another event
    assert visit.independent_sources == 3
    assert merge_events(seed_events, {"000": "x", "001": "x", "002": "x"})  # copy groups accepted


def test_seed_fusion_is_deterministic(seed_events):
    assert merge_events(seed_events, {}) == merge_events(list(reversed(seed_events)), {})


# --------------------------------------------------------------------------- the seeds through the pipeline

import pytest as _pytest  # noqa: E402


@_pytest.fixture(scope="module")
def fused_events(seed_account):
    return seed_account["events"]


def _with(events, type_prefix: str, *words: str):
    return [e for e in events if e["type"].startswith(type_prefix)
            and all(w.lower() in (e["summary"] + " " + " ".join(e["actors"] + e["targets"])).lower() for w in words)]


def _articles(e) -> set[str]:
    return {(m if isinstance(m, str) else m.get("article", m.get("id", "")))[:3] for m in e["mentions"]}


def test_seed_visit_found_once_in_iraq(fused_events):
    visits = _with(fused_events, "diplomacy.visit", "Albares")
    assert len(visits) == 1
    assert visits[0]["date"] == "2024-01-25"
    assert visits[0]["place"]["country_code"] == "IQ"


def test_seed_visit_merged_across_000_001_002(fused_events):
    # 001 tells of the visit only as "said in Baghdad in a presser along with his Iraqi counterpart"
    visits = _with(fused_events, "diplomacy.visit", "Albares")
    assert len(visits) == 1 and _articles(visits[0]) >= {"000", "001", "002"}
    assert visits[0]["independent_sources"] == 2  # 000 and 002 carry the same AFP text


def test_seed_funeral_in_baghdad(fused_events):
    funerals = _with(fused_events, "ceremony.funeral")
    assert len(funerals) == 1
    assert funerals[0]["place"]["name"] == "Baghdad" and funerals[0]["date"] == "2024-01-25"


def test_seed_tower_22_attack_in_jordan(fused_events):
    tower = _with(fused_events, "attack.", "Tower 22")
    assert len(tower) == 1
    assert tower[0]["place"]["country_code"] == "JO"
    assert tower[0]["killed"] == 3 and tower[0]["injured"] == 34


def test_seed_embassy_attack_in_baghdad(fused_events):
    embassy = _with(fused_events, "attack.", "embassy")
    assert len(embassy) == 1 and embassy[0]["place"]["name"] == "Baghdad"


def test_seed_condemnation_of_jordan_attack(fused_events):
    condemn = [e for e in _with(fused_events, "statement.condemnation")
               if e["place"] and e["place"]["country_code"] == "JO"]
    assert len(condemn) == 1


def test_seed_sanchez_meeting_in_baghdad(fused_events):
    meet = _with(fused_events, "diplomacy.", "Sanchez")
    assert meet and any(e["place"] and e["place"]["name"] == "Baghdad" for e in meet)


def test_seed_no_junk_from_calls_and_generic_nouns(fused_events):
    # "calling for a ceasefire" is not an agreement; bare "attack: attack" events carry nothing
    assert not _with(fused_events, "diplomacy.agreement", "ceasefire")
    assert not [e for e in fused_events if not e["actors"] and not e["targets"] and not e["place"]]
    assert len(fused_events) <= 35


def test_seed_talks_dated_by_the_announcement_that_they_will_begin(fused_events):
    # 002 (25 January): "Washington and Baghdad will begin discussions"; 004 (no date): "a first round of talks
    # with US officials was held on Saturday": one event, on the Saturday after the 25th
    talks = _with(fused_events, "diplomacy.meeting", "talks")
    assert len(talks) == 1 and talks[0]["date"] == "2024-01-27"
    assert {m["article"][:3] for m in talks[0]["mentions"]} == {"002", "004"}


@_pytest.mark.xfail(reason="004 says only that the attack came before Biden's statement of Sunday the 28th and the "
                           "condemnation of Monday the 29th: the text gives a range, not its day", strict=True)
def test_seed_tower_22_dated_to_its_day(fused_events):
    tower = _with(fused_events, "attack.", "Tower 22")
    assert tower and tower[0]["date"] == "2024-01-28"


def test_blocked_merge_matches_all_pairs():
    """Candidate blocking (family, day, country) gives the clusters an all-pairs scan gives (then the same
    merge of compatible clusters)."""
    import random

    from newsfuse.fuse import events as fe

    rnd = random.Random(7)
    places = [("Baghdad", "IQ", 33.3, 44.4), ("Erbil", "IQ", 36.2, 44.0), ("Amman", "JO", 31.9, 35.9),
              (None, "IQ", None, None), (None, None, None, None)]
    mentions = []
    for i in range(150):
        pl = rnd.choice(places)
        mentions.append(EventMention(
            article=f"a{rnd.randint(0, 30)}", start=i * 10, end=i * 10 + 9, trigger=rnd.choice(["attack", "visit"]),
            trigger_start=i * 10, trigger_end=i * 10 + 3,
            type=rnd.choice(["attack.attack", "attack.air_strike", "diplomacy.visit"]), summary="s",
            actors=(rnd.choice(["Albares", "Sudani", "US forces"]),), date=rnd.choice([None, "2024-01-24", "2024-01-25",
                                                                                   "2024-01-28"]),
            place=pl[0], lat=pl[2], lon=pl[3], country_code=pl[1]))

    def all_pairs(events):
        clusters = []
        for m in sorted(events, key=lambda m: (m.article, m.start, m.trigger_start)):
            best_i, best = -1, 3.5
            for i, members in enumerate(clusters):
                if any(fe._conflict(m, o) for o in members):
                    continue
                s = max(fe._evidence(m, o) for o in members)
                if s >= best:
                    best_i, best = i, s
            if best_i >= 0:
                clusters[best_i].append(m)
            else:
                clusters.append([m])
        # the pass that merges compatible clusters runs on the greedy result either way
        merged = fe._merge_compatible([[(m, fe._key(m)) for m in c] for c in clusters], {}, 3.5)
        return {tuple(fe.event_mention_id(m) for m, _ in c) for c in merged}

    assert {f.mention_ids for f in fe.merge_events(mentions, {})} == all_pairs(mentions)


def test_undated_mentions_of_reports_weeks_apart_need_more_than_type_and_country():
    """ "The two countries agreed" in a December report and in a January one are two agreements."""
    dec = mention("dec", 0, "diplomacy.agreement", trigger="agreed", place="Iraq", cc="IQ", actors=("two countries",))
    jan = mention("jan", 0, "diplomacy.agreement", trigger="agreed", place="Iraq", cc="IQ", actors=("two countries",))
    dates = {"dec": "2023-12-28", "jan": "2024-01-25"}
    assert len(merge_events([dec, jan], {}, published=dates)) == 2
    # the same pair from reports of one week still needs a shared name: a count is not one
    assert len(merge_events([dec, jan], {}, published={"dec": "2024-01-25", "jan": "2024-01-25"})) == 2
    # weeks apart, strong evidence still joins them: the same named base and the same toll
    a = mention("dec", 0, "attack.air_strike", place="Tower 22", cc="JO", targets=("Tower 22",), killed=3)
    b = mention("jan", 0, "attack.air_strike", place="Tower 22", cc="JO", targets=("Tower 22",), killed=3)
    assert len(merge_events([a, b], {}, published=dates)) == 1


def test_a_report_cannot_tell_of_an_event_dated_after_it():
    early = mention("early", 0, "attack.air_strike", place="Erbil", cc="IQ", targets=("a base near Erbil",))
    later = mention("later", 0, "attack.air_strike", date="2024-01-28", place="Erbil", cc="IQ",
                    targets=("a base near Erbil",))
    dates = {"early": "2024-01-10", "later": "2024-01-29"}
    assert len(merge_events([early, later], {}, published=dates)) == 2
    assert len(merge_events([early, later], {})) == 1  # without publication dates nothing forbids it
    assert len(merge_events([early, later], {}, published={"early": "2024-01-28", "later": "2024-01-29"})) == 1


def test_a_meeting_told_again_by_office_in_one_article_is_one_meeting():
    first = mention("a", 0, "diplomacy.meeting", trigger="meeting", place="Baghdad", cc="IQ",
                    actors=("Iraqi Prime Minister Muhammad Shiaa Al-Sudani",),
                    targets=("Spanish Prime Minister Pedro Sanchez",))
    again = mention("a", 500, "diplomacy.meeting", trigger="meeting", targets=("Spanish Prime Minister",))
    assert len(merge_events([first, again], {})) == 1
    # another office, another country or another article is not the same reference
    for other in (mention("a", 500, "diplomacy.meeting", trigger="meeting", targets=("Spanish Foreign Minister",)),
                  mention("a", 500, "diplomacy.meeting", trigger="meeting", targets=("French Prime Minister",)),
                  mention("b", 500, "diplomacy.meeting", trigger="meeting", targets=("Spanish Prime Minister",))):
        assert len(merge_events([first, other], {})) == 2


def test_the_coreference_model_links_what_the_rules_alone_leave_apart(monkeypatch):
    """merge_events merges the mentions the coreference model clusters; a hard conflict still keeps them apart."""
    from newsfuse.fuse import events as fe

    a = EventMention(article="a1", start=0, end=40, trigger="blast", trigger_start=4, trigger_end=9,
                     type="attack.bombing", summary="blast")
    b = EventMention(article="a2", start=0, end=40, trigger="explosion", trigger_start=4, trigger_end=13,
                     type="attack.attack", summary="explosion", actors=("militants",))
    far = EventMention(article="a3", start=0, end=40, trigger="blast", trigger_start=4, trigger_end=9,
                       type="attack.bombing", summary="blast", date="2024-01-01", country_code="JO")
    b_dated = EventMention(article="a2", start=0, end=40, trigger="explosion", trigger_start=4, trigger_end=13,
                           type="attack.attack", summary="explosion", date="2024-03-01", country_code="IQ")
    assert len(fe.merge_events([a, b], {})) == 2  # the rules alone: not enough evidence
    monkeypatch.setattr(fe, "coref_labels", lambda events, settings=None, stories=None:
                        {fe.event_mention_id(m): "s0-c0" for m in events})
    assert len(fe.merge_events([a, b], {})) == 1
    assert len(fe.merge_events([far, b_dated], {})) == 2  # months and countries apart: the link is not enough


def test_the_annotator_keeps_the_models_summary_of_each_mention(nlp):
    from newsfuse.annotate.events._core import extract_events
    from newsfuse.fuse.coref_model import info_from_json, info_json

    text = "Militants attacked the ministry in Baghdad on Monday, killing five people."
    events = extract_events(nlp(text), "a1")
    assert events and all(e.coref for e in events)
    info = info_from_json(events[0].coref, "k", "a1", "0")
    assert info.head and info.doc == "a1" and "baghdad" in info.names
    assert info_json(info) == events[0].coref


def test_merging_compatible_clusters_matches_the_plain_loop():
    """The heap of cluster pairs gives what merging the best compatible pair, recomputed each round, gives."""
    import random

    from newsfuse.fuse import events as fe

    rnd = random.Random(11)
    clusters = []
    for i in range(60):
        m = EventMention(article=f"a{i % 7}", start=i * 10, end=i * 10 + 9, trigger=rnd.choice(["attack", "strike"]),
                         trigger_start=i * 10, trigger_end=i * 10 + 3,
                         type=rnd.choice(["attack.attack", "attack.air_strike"]),
                         summary="s", actors=(rnd.choice(["militants", "US forces", "Hamas"]),),
                         date=rnd.choice([None, "2024-01-24", "2024-01-25"]), killed=rnd.choice([None, 2, 30]),
                         country_code=rnd.choice(["IQ", "JO", None]))
        clusters.append([(m, fe._key(m))])
    same = {fe.event_mention_id(m): f"c{rnd.randint(0, 5)}" for c in clusters for m, _ in c}

    def keys(c):
        return {("day", k.day) for _, k in c if k.day} | {("c", same[fe.event_mention_id(m)]) for m, _ in c}

    def plain(groups):
        live = {i: c for i, c in enumerate(groups)}
        while True:
            best, pair = 3.5, None
            for x in sorted(live):
                for y in sorted(live):
                    if x >= y or any(fe._conflict(m, o, k, ko) for m, k in live[x] for o, ko in live[y]):
                        continue
                    if not keys(live[x]) & keys(live[y]):
                        continue
                    s = max(fe._pair_score(m, k, o, ko, same) for m, k in live[x] for o, ko in live[y])
                    if s > best or s == best and pair is None:
                        best, pair = s, (x, y)
            if pair is None:
                return [live[i] for i in sorted(live)]
            live[pair[0]] = live[pair[0]] + live.pop(pair[1])

    def ids(groups):
        return [[fe.event_mention_id(m) for m, _ in c] for c in groups]

    expected = ids(plain([list(c) for c in clusters]))
    assert ids(fe._merge_compatible([list(c) for c in clusters], same, 3.5)) == expected
    assert len(expected) < len(clusters)  # some clusters did merge


# ------------------------------------------------------------------ one event at two stages, one day in one article

def _staged(article, start, trigger, *, scheduled, governor, numbers=(), actors=(), targets=(), times=()):
    """A diplomacy mention with the coreference summary that says how the sentence governs it."""
    m = mention(article, start, "diplomacy.meeting", trigger=trigger, actors=actors, targets=targets)
    info = {"head": trigger, "governor": governor, "numbers": list(numbers), "times": list(times), "lemmas": [trigger],
            "context": [], "names": [], "args": [], "roles": {}, "named": {}}
    return EventMention(**{**{f: getattr(m, f) for f in m.__dataclass_fields__}, "scheduled": scheduled,
                           "coref": info})


def test_talks_announced_to_begin_and_their_first_round_are_one_event(monkeypatch):
    from newsfuse.fuse import events as fe

    monkeypatch.setattr(fe, "coref_labels", lambda *a, **k: {})  # the rules alone
    will = _staged("a", 0, "discussions", scheduled=True, governor="begin|dobj", actors=("Washington",))
    held = _staged("b", 0, "talks", scheduled=False, governor="round|of", numbers=("first",),
                   targets=("US officials",))
    (one,) = merge_events([will, held], {})
    assert one.summary == held.summary  # named by what happened, not by what was planned
    # other parties, or a round that is not said to be the first, are not that start
    paris = _staged("a", 0, "discussions", scheduled=True, governor="begin|dobj", actors=("Paris",))
    assert len(merge_events([paris, held], {})) == 2
    again = _staged("b", 0, "talks", scheduled=False, governor="hold|nsubjpass", targets=("US officials",))
    assert len(merge_events([will, again], {})) == 2
    # two mentions told as held are not linked by this rule
    held_too = _staged("c", 0, "discussions", scheduled=False, governor="begin|dobj", actors=("Washington",))
    assert len(merge_events([held_too, held], {})) == 2


def _strike(start, place, cc, times, trigger="strikes", actors=()):
    m = mention("003", start, "attack.air_strike", trigger=trigger, place=place, cc=cc, actors=actors)
    info = {"head": trigger, "governor": "", "numbers": [], "times": list(times), "lemmas": [trigger], "context": [],
            "names": [], "args": [], "roles": {}, "named": {}}
    return EventMention(**{**{f: getattr(m, f) for f in m.__dataclass_fields__}, "coref": info})


def test_one_articles_weekday_is_one_day(monkeypatch):
    from newsfuse.fuse import events as fe

    monkeypatch.setattr(fe, "coref_labels", lambda *a, **k: {})
    # "On Tuesday ... the strikes carried out by the United States in Iraq" / "earlier, on Tuesday, ... an air
    # bombardment targeted ... Hilla": one air strike
    us = _strike(0, "Iraq", "IQ", ["tuesday"], actors=("United States",))
    hilla = _strike(500, "Al Hillah", "IQ", ["tuesday", "earlier"], trigger="bombardment")
    assert len(merge_events([us, hilla], {})) == 1
    # told on different days, or in one sentence ("strikes ... after a drone attack"), they stay two
    assert len(merge_events([us, _strike(500, "Al Hillah", "IQ", ["monday"], trigger="bombardment")], {})) == 2
    same_sentence = EventMention(**{**{f: getattr(hilla, f) for f in hilla.__dataclass_fields__}, "start": 0})
    assert len(merge_events([us, same_sentence], {})) == 2


def test_a_summary_takes_the_kind_onto_the_fullest_mention_of_the_same_word():
    drone = EventMention("004", 0, 90, "attack", 40, 46, "attack.air_strike",
                         "Drone attack (Jordan) kills 3 military personnel", place="Jordan", country_code="JO",
                         killed=3)
    tower = EventMention("004", 200, 300, "attack", 204, 210, "attack.attack",
                         "Attack on Tower 22 (Jordan) kills 3 US troops, wounds 34", targets=("Tower 22",),
                         place="Jordan", country_code="JO", killed=3, injured=34)
    (one,) = merge_events([drone, tower], {})
    assert one.type == "attack.air_strike"
    assert one.summary == "Drone attack on Tower 22 (Jordan) kills 3 US troops, wounds 34"


def test_a_first_round_reported_before_the_announcement_is_another_series(monkeypatch):
    from newsfuse.fuse import events as fe

    monkeypatch.setattr(fe, "coref_labels", lambda *a, **k: {})
    will = _staged("a", 0, "discussions", scheduled=True, governor="begin|dobj", actors=("Washington",))
    held = _staged("b", 0, "talks", scheduled=False, governor="round|of", numbers=("first",),
                   targets=("US officials",))
    assert len(merge_events([will, held], {}, published={"a": "2024-01-25", "b": "2024-01-29"})) == 1
    assert len(merge_events([will, held], {}, published={"a": "2024-01-25", "b": "2023-06-01"})) == 2


def test_the_summary_keeps_the_kind_another_mention_of_its_type_says():
    """The fullest mention names the event; the kind ("Drone") said by another mention of the same word and
    type joins it, whichever of the two names the type. A kind said under another type does not."""
    from dataclasses import replace

    from newsfuse.fuse.event_record import _summary_of

    drone = replace(mention("a", 0, "attack.air_strike", place="Jordan", cc="JO", killed=3),
                    summary="Drone attack (Jordan) kills 3 military personnel")
    tower = replace(mention("a", 200, "attack.air_strike", place="Jordan", cc="JO", targets=("Tower 22",),
                            killed=3, injured=34), summary="Attack on Tower 22 (Jordan) kills 3 US troops, wounds 34")
    want = "Drone attack on Tower 22 (Jordan) kills 3 US troops, wounds 34"
    assert _summary_of(drone, [drone, tower]) == want  # the kind from the mention naming the type
    assert _summary_of(tower, [drone, tower]) == want  # the kind from another mention of the type
    other = replace(drone, type="attack.shelling")
    assert _summary_of(tower, [other, tower]) == tower.summary


def test_a_country_and_a_place_inside_it_do_not_disagree():
    """Two reports put a visit in Iraq and one in Baghdad: the event is in Baghdad, and nothing disagrees."""
    who = ("Foreign Minister Jose Manuel Albares",)
    a = mention("a", 0, "diplomacy.visit", trigger="visit", place="Iraq", cc="IQ", lat=33.0, lon=44.0, actors=who)
    b = mention("b", 0, "diplomacy.visit", trigger="visit", place="Iraq", cc="IQ", lat=33.0, lon=44.0, actors=who)
    c = mention("c", 0, "diplomacy.visit", trigger="visit", place="Baghdad", cc="IQ", lat=33.34, lon=44.40,
                actors=who)
    [ev] = merge_events([a, b, c], {})
    assert (ev.place, ev.country_code, ev.lat) == ("Baghdad", "IQ", 33.34)
    assert ev.summary == "visit Baghdad"  # the test's summaries are "trigger place"; none says "(Iraq)"
    assert not [d for d in ev.disagreements if d.startswith("place:")], ev.disagreements


def test_places_that_do_not_nest_still_disagree():
    from newsfuse.fuse.event_record import _places_said

    a = mention("a", 0, "attack.shelling", place="Erbil", cc="IQ", targets=("airport",))
    b = mention("b", 0, "attack.shelling", place="Baghdad", cc="IQ", targets=("airport",))
    [ev] = merge_events([a, b], {})
    assert [d for d in ev.disagreements if d.startswith("place:")] == ["place: Baghdad (b)", "place: Erbil (a)"]
    # a country that holds none of the narrower places said is a rival; one that holds them is not
    iraq = mention("c", 0, "attack.shelling", place="Iraq", cc="IQ")
    jordan = mention("d", 0, "attack.shelling", place="Jordan", cc="JO")
    choices, rivals = _places_said([a, iraq, jordan])
    assert choices == rivals == [("Erbil", "a"), ("Jordan", "d")]
    assert _places_said([iraq, jordan]) == ([("Iraq", "c"), ("Jordan", "d")],) * 2


def test_copies_of_one_text_vote_once_for_the_place():
    """a and b are one wire text: their Erbil is one report's word against two reports' Baghdad."""
    a = mention("a", 0, "attack.shelling", place="Erbil", cc="IQ", lat=36.19, targets=("airport",))
    b = mention("b", 0, "attack.shelling", place="Erbil", cc="IQ", lat=36.19, targets=("airport",))
    c = mention("c", 0, "attack.shelling", place="Baghdad", cc="IQ", lat=33.34, targets=("airport",))
    d = mention("d", 0, "attack.shelling", place="Baghdad", cc="IQ", lat=33.34, targets=("airport",))
    e = mention("e", 0, "attack.shelling", place="Erbil", cc="IQ", lat=36.19, targets=("airport",))
    assert merge_events([a, b, c, d], {"a": "g", "b": "g"})[0].place == "Baghdad"
    assert merge_events([a, b, c, d, e], {"a": "g", "b": "g"})[0].place == "Baghdad"  # a tie: the first name
    assert merge_events([a, b, c, d], {})[0].place == "Baghdad"  # a tie without the copies too
    assert merge_events([a, b, c], {})[0].place == "Erbil"


def test_a_summary_names_the_narrower_place():
    from newsfuse.fuse.event_record import _placed

    assert _placed("Albares visit (Iraq)", "Baghdad", "IQ") == "Albares visit (Baghdad)"
    assert _placed("Attack on Tower 22 (Jordan) kills 3", "Tower 22", "JO") == "Attack on Tower 22 (Jordan) kills 3"
    assert _placed("Talks (Iraq)", "Madrid", "ES") == "Talks (Iraq)"  # not the country of the place
    assert _placed("Talks (Iraq)", None, "IQ") == "Talks (Iraq)"
    assert _placed("Militia drone attack", "Erbil", "IQ") == "Militia drone attack (Erbil)"
    assert _placed("Attack on the Erbil base", "Erbil", "IQ") == "Attack on the Erbil base"


def test_generic_mentions_back_the_specific_type_of_their_event():
    """Two reports say "the attack", one "a drone attack": the event is an air strike, named by that mention."""
    who = ("Kataib Hezbollah",)
    drone = mention("a", 0, "attack.air_strike", trigger="attack", place="Erbil", cc="IQ", actors=who)
    one = mention("b", 0, "attack.attack", trigger="attack", place="Erbil", cc="IQ", actors=who)
    two = mention("c", 0, "attack.attack", trigger="attack", place="Erbil", cc="IQ", actors=who)
    [ev] = merge_events([one, drone, two], {})
    assert ev.type == "attack.air_strike"
    shelling = mention("d", 0, "attack.shelling", trigger="attack", place="Erbil", cc="IQ", actors=who)
    three = mention("e", 0, "attack.attack", trigger="attack", place="Erbil", cc="IQ", actors=who)
    # two specific kinds, one mention each: the generic mentions back both, and the tie keeps its old rule
    assert merge_events([one, drone, shelling, two, three], {})[0].type in {"attack.air_strike", "attack.shelling"}


def test_a_fuller_summary_keeps_the_kind_another_mention_names():
    """'the militia and its affiliated groups claimed the attack' tells more actors, 'the militia's drone attack'
    the kind: the summary says both; a target before the word is not a kind ("Plane shot down")."""
    from newsfuse.fuse.event_record import _kind, _summary_of

    drone = replace(mention("a", 0, "attack.air_strike", actors=("Kataib Hezbollah militia",)),
                    summary="Kataib Hezbollah militia drone attack")
    claimed = replace(mention("a", 200, "attack.attack", actors=("Kataib Hezbollah militia", "its affiliated groups")),
                      summary="Kataib Hezbollah militia attack")
    assert _summary_of(drone, [drone, claimed]) == "Kataib Hezbollah militia drone attack"
    plane = replace(mention("b", 0, "attack.attack", trigger="shot", targets=("plane",)), summary="Plane shot down")
    assert _kind(plane, "shot") == "" and _kind(drone, "attack") == "drone"


def test_fused_actors_name_each_person_once():
    """A report's "José", a copy's "Jose" and a later "Albares" are one actor; the fuller name stands, in the
    place of the first form; a country is not its president, nor a ministry the government."""
    from newsfuse.fuse.event_record import _distinct

    assert _distinct(["Spanish Foreign Minister José Manuel Albares", "Spanish Foreign Minister Jose Manuel Albares",
                      "Albares"]) == ["Spanish Foreign Minister José Manuel Albares"]
    assert _distinct(["militia", "Iraqi Prime Minister", "Kataib Hezbollah militia"]) == [
        "Kataib Hezbollah militia", "Iraqi Prime Minister"]
    assert _distinct(["US", "US President Joe Biden"]) == ["US", "US President Joe Biden"]
    assert _distinct(["Iraq's foreign ministry", "Iraqi authorities", "Iraqi government"]) == [
        "Iraq's foreign ministry", "Iraqi authorities", "Iraqi government"]


def test_seed_visit_lists_the_minister_once(fused_events):
    visit = next(e for e in fused_events if e["type"] == "diplomacy.visit")
    assert len([a for a in visit["actors"] if "Albares" in a]) == 1, visit["actors"]
