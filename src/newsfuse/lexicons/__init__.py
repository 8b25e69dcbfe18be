"""One home for words: the lexicons and rule tables every stage reads, as package data files.

Each file in this folder is read once, on first use, and handed out read-only:

- ``calendar.json``: month names and abbreviations (-> 1-12) and weekday names (-> ISO number,
  Monday = 1 ... Sunday = 7: the one weekday convention of newsfuse);
- ``numbers.json``: number words (cardinals zero to nineteen, the tens, scale words);
- ``quote_cues.json``: cue frames of attributions, derived from PolNeAR train counts
  (``bench/quotes.py --derive-cuelist`` rewrites it);
- ``event_triggers.json``: event trigger lemmas -> base event type, by family; and what decides a trigger
  verb's sense by its form (objects of another sense, the objects of a withdrawal, the parties of a meeting).

A word list lives here once; a stage that needs a variant (only the small numbers, only the months
written in full) derives it from these tables instead of writing it again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = ["cardinals", "clause_rejected", "cue_frames", "event_senses", "event_triggers", "month_names", "months",
           "scales", "tens", "weekdays"]


@cache
def _read(name: str) -> Mapping[str, Any]:
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return MappingProxyType(json.loads(text))


@cache
def months() -> Mapping[str, int]:
    """Month names and abbreviations, lower case ("january", "jan", "sept") -> month number 1-12."""
    return MappingProxyType(dict(_read("calendar")["months"]))


@cache
def month_names() -> tuple[str, ...]:
    """The twelve month names written in full, lower case, January first (the first name of each month
    in ``calendar.json``)."""
    first: dict[int, str] = {}
    for name, number in months().items():
        first.setdefault(number, name)
    return tuple(first[n] for n in range(1, 13))


@cache
def weekdays() -> Mapping[str, int]:
    """Weekday names, lower case -> ISO weekday number (Monday = 1 ... Sunday = 7, as ``date.isoweekday``)."""
    return MappingProxyType(dict(_read("calendar")["weekdays"]))


@cache
def cardinals() -> Mapping[str, int]:
    """Number words "zero" ... "nineteen" -> their value."""
    return MappingProxyType(dict(_read("numbers")["cardinals"]))


@cache
def tens() -> Mapping[str, int]:
    """Number words "twenty" ... "ninety" -> their value."""
    return MappingProxyType(dict(_read("numbers")["tens"]))


@cache
def scales() -> Mapping[str, int]:
    """Scale words written after a number ("hundred", "million", "dozen") -> their multiplier."""
    return MappingProxyType(dict(_read("numbers")["scales"]))


@cache
def cue_frames() -> Mapping[str, frozenset[str]]:
    """Attribution cue lemma (a phrasal verb with its particle) -> the frames that make an attribution."""
    return MappingProxyType({k: frozenset(v) for k, v in _read("quote_cues")["frames"].items()})


@cache
def clause_rejected() -> frozenset[str]:
    """Verbs whose clause is seldom an attribution ("make sure that", "help ...")."""
    return frozenset(_read("quote_cues")["clause_rejected"])


@cache
def event_triggers() -> Mapping[str, str]:
    """Event trigger lemma -> base event type (verbs and event nouns share the table)."""
    return MappingProxyType({k: v for family in _read("event_triggers")["triggers"].values() for k, v in family.items()})


@cache
def event_senses() -> Mapping[str, Any]:
    """What decides a trigger's sense by its form (event_triggers.json "senses"): verb lemma -> objects and
    doers of another sense, event noun -> "of" phrases and modifiers of another sense, the objects of a withdrawal, the common nouns of
    parties whose meeting is news."""
    senses = _read("event_triggers")["senses"]
    return MappingProxyType({
        "other_sense_objects": MappingProxyType({k: frozenset(v) for k, v in senses["other_sense_objects"].items()}),
        "other_sense_agents": MappingProxyType({k: frozenset(v) for k, v in senses["other_sense_agents"].items()}),
        "other_sense_of": MappingProxyType({k: frozenset(v) for k, v in senses["other_sense_of"].items()}),
        "other_sense_modifiers": MappingProxyType({k: frozenset(v)
                                                   for k, v in senses["other_sense_modifiers"].items()}),
        "withdrawal_objects": frozenset(senses["withdrawal_objects"]),
        "weapon_agents": frozenset(senses["weapon_agents"]),
        "rammed_objects": frozenset(senses["rammed_objects"]),
        "local_bodies": frozenset(senses["local_bodies"]),
        "local_places": frozenset(senses["local_places"]),
        "local_occasions": frozenset(senses["local_occasions"]),
        "meeting_parties": frozenset(senses["meeting_parties"])})
