"""Fusing event mentions across articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfuse.fuse.events import FusedEvent, event_mention_id, merge_events
from newsfuse.records import EventMention, PlaceMention

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
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
def seed_events():
    from newsfuse.annotate.events import extract_events
    from newsfuse.annotate.nlp import load_nlp

    nlp = load_nlp()
    events = []
    for path in sorted(SEEDS.glob("*.txt")):
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
