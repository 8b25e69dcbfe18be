"""One home for words: the lexicon files load, agree with the calendar, and are read once."""

import calendar
import datetime as dt

import pytest

from newsfuse import lexicons


def test_months_and_weekdays_follow_the_calendar():
    assert lexicons.month_names() == tuple(calendar.month_name[m].lower() for m in range(1, 13))
    for name, number in lexicons.months().items():
        assert lexicons.month_names()[number - 1].startswith(name.rstrip(".")[:3])
    monday = dt.date(2024, 1, 22)
    for offset, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
        assert lexicons.weekdays()[name] == (monday + dt.timedelta(days=offset)).isoweekday()


def test_number_words_and_tables_are_complete():
    assert lexicons.cardinals()["zero"] == 0 and lexicons.cardinals()["nineteen"] == 19
    assert sorted(lexicons.tens().values()) == list(range(20, 100, 10))
    assert lexicons.scales()["million"] == 10**6
    assert "ccomp" in lexicons.cue_frames()["say"] and "make" in lexicons.clause_rejected()
    assert lexicons.event_triggers()["airstrike"] == "attack.air_strike"


def test_tables_are_read_once_and_read_only():
    assert lexicons.months() is lexicons.months()
    with pytest.raises(TypeError):
        lexicons.months()["smarch"] = 13  # type: ignore[index]
