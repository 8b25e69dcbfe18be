"""A date for every event: the day when the text gives it, else a range with a confidence (fuse/event_dates.py).

The rules are tested on hand-built sentences (no model); the seeds test checks, for the main events of the
story, that every range holds the true date, read from the seeds' own sentences (quoted beside each).
"""

import datetime as dt
from dataclasses import replace

import pytest

from newsfuse.annotate.figures import count_start
from newsfuse.fuse.dates import CountReport, count_estimates
from newsfuse.fuse.event_dates import RECENCY_DAYS, ArticleDates, DayRange, article_range, date_events, mention_range
from newsfuse.fuse.events import FusedEvent, event_mention_id
from newsfuse.present.charts import event_span
from newsfuse.present.export import timeline
from newsfuse.present.query import event_when, find_events
from newsfuse.records import DateEvidence, EventMention, PublishedDate, Timex

D = dt.date


def _pub(value=None, confidence=0.9):
    return PublishedDate(value, confidence if value else 0.0, ())


def _mention(article, text, trigger, etype="diplomacy.meeting", date=None):
    """An event mention whose sentence is the whole ``text`` and whose trigger is the first ``trigger``."""
    i = text.index(trigger)
    return EventMention(article, 0, len(text), trigger, i, i + len(trigger), etype, trigger, date=date)


def _timex(article, text, phrase, value, rule=""):
    i = text.index(phrase)
    return Timex(article, i, i + len(phrase), phrase, "DATE", value, rule)


def _event(eid, *mentions):
    return FusedEvent(eid, mentions[0].type, mentions[0].summary, None, None, None, None, None, None, (), (), None,
                      None, tuple(event_mention_id(m) for m in mentions), len({m.article for m in mentions}), ())


def _date(events, mentions, arts):
    by_mid = {event_mention_id(m): m for m in mentions}
    return {e.id: e for e in date_events(events, arts, by_mid)}


# ------------------------------------------------------------------ one mention against its article's date

HELD = "A first round of talks with US officials was held on Saturday."
WILL = "Washington and Baghdad will begin talks on the coalition."
CONDEMNED = "On Monday, the Iraqi army condemned the attack on a base near Erbil."
AGREED = "The two countries agreed to form working groups, the ministry said."


def test_a_weekday_told_in_the_past_is_the_last_such_day_on_or_before_the_report():
    a = ArticleDates("a", _pub("2024-01-29"), HELD, (_timex("a", HELD, "Saturday", "XXXX-WXX-6"),))
    m = _mention("a", HELD, "talks")
    r = mention_range(m, HELD, a.timexes, article_range(a))
    assert (r.earliest, r.latest) == (D(2024, 1, 27), D(2024, 1, 27))
    # a report of Saturday itself: "on Saturday" is that day
    r = mention_range(m, HELD, a.timexes, DayRange(D(2024, 1, 27), D(2024, 1, 27), 0.9, ""))
    assert r.day == D(2024, 1, 27)


def test_an_event_told_in_the_future_lies_on_or_after_the_report_with_no_end():
    a = ArticleDates("b", _pub("2024-01-25"), WILL)
    r = mention_range(_mention("b", WILL, "talks"), WILL, (), article_range(a))
    assert r.earliest == D(2024, 1, 25) and r.latest is None


def test_a_timex_on_the_reporting_verb_bounds_the_event_it_reports_from_above():
    a = ArticleDates("c", _pub("2024-01-03"), CONDEMNED, (_timex("c", CONDEMNED, "Monday", "XXXX-WXX-1"),))
    w = article_range(a)
    attack = mention_range(_mention("c", CONDEMNED, "attack", "attack.attack"), CONDEMNED, a.timexes, w)
    assert attack.latest == D(2024, 1, 1) and attack.earliest == D(2024, 1, 1) - dt.timedelta(days=RECENCY_DAYS)
    said = mention_range(_mention("c", CONDEMNED, "condemned", "statement.condemnation"), CONDEMNED, a.timexes, w)
    assert said.day == D(2024, 1, 1)


def test_a_past_event_with_no_date_is_placed_in_the_week_before_its_report_with_low_confidence():
    a = ArticleDates("d", _pub("2024-01-25"), AGREED)
    r = mention_range(_mention("d", AGREED, "agreed", "diplomacy.agreement"), AGREED, (), article_range(a))
    assert (r.earliest, r.latest) == (D(2024, 1, 19), D(2024, 1, 25))
    assert r.confidence < 0.5


def test_a_day_written_in_full_and_a_clause_date_are_the_day():
    text = "On 8 December 2023 the embassy was attacked."
    tx = (_timex("e", text, "8 December 2023", "2023-12-08"),)
    assert mention_range(_mention("e", text, "attacked", "attack.attack"), text, tx, None).day == D(2023, 12, 8)
    dated = _mention("e", text, "attacked", "attack.attack", date="2023-12-08")
    assert mention_range(dated, text, (), None).day == D(2023, 12, 8)


def test_a_timex_after_since_does_not_date_the_event():
    text = "Attacks on the base have been reported since Monday."
    tx = (_timex("f", text, "Monday", "XXXX-WXX-1"),)
    r = mention_range(_mention("f", text, "Attacks", "attack.attack"), text, tx, article_range(
        ArticleDates("f", _pub("2024-01-25"), text, tx)))
    assert r.basis.endswith(f"(within {RECENCY_DAYS} days before it)")


# ------------------------------------------------------------------ articles with no earned date

def _counts(undated_value, qualifier="exact"):
    measure = "attacks on US forces since October 17"
    group = [CountReport("dated", 150, "more_than", count_start(measure), "2024-01-25", "more than 150 attacks"),
             CountReport("u", undated_value, qualifier, count_start(measure), None, f"{undated_value:g} attacks")]
    return count_estimates([group], {"u"})["u"]


def test_a_running_count_gives_a_range_as_wide_as_the_counts_are_coarse():
    (same,) = _counts(150, "more_than")  # "more than 150" in both: within ten attacks of each other
    assert same.near == D(2024, 1, 25) and same.spread == 7
    (exact,) = _counts(103)  # farther from the dated report: the rate may drift
    assert exact.near < D(2024, 1, 1) and exact.spread > same.spread


def test_an_undated_article_is_ranged_by_its_count_and_resolves_a_month_day_and_a_weekday():
    text = "On December 8, the embassy was attacked. On Monday, the army condemned it."
    tx = (_timex("u", text, "December 8", "XXXX-12-08"), _timex("u", text, "Monday", "XXXX-WXX-1"))
    a = ArticleDates("u", _pub(), text, tx, counts=tuple(_counts(103)))
    w = article_range(a)
    assert w.earliest and w.latest and w.confidence < 0.5
    embassy = _mention("u", text[:40], "attacked", "attack.attack")
    assert mention_range(embassy, text, tx, w).day == D(2023, 12, 8)
    condemned = EventMention("u", 41, len(text), "condemned", text.index("condemned"),
                             text.index("condemned") + 9, "statement.condemnation", "condemned")
    r = mention_range(condemned, text, tx, w)
    assert r.earliest.isoweekday() == r.latest.isoweekday() == 1 and r.earliest >= w.earliest - dt.timedelta(days=6)
    # nothing to go by: no range at all, rather than an invented one
    assert article_range(ArticleDates("n", _pub(), "No dates here.")) is None


def test_a_page_display_date_bounds_an_undated_article_from_above():
    header = DateEvidence("2024-05-04", "header", 0.2, "page header")
    a = ArticleDates("h", _pub(), "Text.", evidence=(header,), counts=tuple(_counts(150, "more_than")))
    assert article_range(a).latest == D(2024, 2, 1)  # the count's window ends before the display date
    alone = article_range(ArticleDates("h", _pub(), "Text.", evidence=(header,)))
    assert alone.earliest is None and alone.latest == D(2024, 5, 4)


# ------------------------------------------------------------------ events of several reports

def test_mentions_in_several_reports_narrow_the_range_and_date_an_undated_report():
    """002 (25 January) says talks will begin; 004 (no date of its own) that the first round was held on
    Saturday: together the Saturday after 25 January, and 004 was written after it."""
    t2, t4 = WILL, HELD + " On Monday Iraq condemned the attack."
    tx4 = (_timex("r4", t4, "Saturday", "XXXX-WXX-6"), _timex("r4", t4, "Monday", "XXXX-WXX-1"))
    m2 = _mention("r2", t2, "talks")
    m4 = EventMention("r4", 0, len(HELD), "talks", HELD.index("talks"), HELD.index("talks") + 5,
                      "diplomacy.meeting", "talks")
    c4 = EventMention("r4", len(HELD) + 1, len(t4), "condemned", t4.index("condemned"), t4.index("condemned") + 9,
                      "statement.condemnation", "condemned")
    arts = [ArticleDates("r2", _pub("2024-01-25"), t2),
            ArticleDates("r4", _pub(), t4, tx4, counts=tuple(_counts(150, "more_than")))]
    talks, condemned = _event("talks", m2, m4), _event("cond", c4)
    out = _date([talks, condemned], [m2, m4, c4], arts)
    assert out["talks"].date == "2024-01-27" and out["talks"].date_earliest == out["talks"].date_latest
    assert "2024-01-25" in out["talks"].date_basis
    # 004 was written on or after the talks it tells of in the past: its Monday is the 22nd (a report of the
    # 27th or 28th) or the 29th, no longer the 15th its count alone allowed
    assert (out["cond"].date_earliest, out["cond"].date_latest) == ("2024-01-22", "2024-01-29")
    # alone, 004's count leaves two Saturdays
    alone = _date([_event("t4", m4)], [m4], arts[1:])["t4"]
    assert alone.date is None and alone.date_earliest < "2024-01-27" <= alone.date_latest


STRUCK = "US forces struck the depot on Wednesday."
BARE = "The strike on the depot killed two. On Friday, the government condemned it."


def _shared_strike(bare_text=BARE):
    """A (25 January) tells a strike of Wednesday; B, with no date and no bound of its own (no count, no page
    date), tells the same strike in the past and a condemnation on Friday."""
    ma = _mention("a", STRUCK, "struck", "attack.air_strike")
    i = bare_text.index("strike")
    mb = EventMention("b", 0, bare_text.index(".") + 1, "strike", i, i + 6, "attack.air_strike", "strike")
    j = bare_text.index("condemned")
    cb = EventMention("b", bare_text.index(".") + 2, len(bare_text), "condemned", j, j + 9, "statement.condemnation",
                      "condemned")
    arts = [ArticleDates("a", _pub("2024-01-25"), STRUCK, (_timex("a", STRUCK, "Wednesday", "XXXX-WXX-3"),)),
            ArticleDates("b", _pub(), bare_text, (_timex("b", bare_text, "Friday", "XXXX-WXX-5"),))]
    return ma, mb, cb, arts


def test_a_report_with_no_bound_of_its_own_is_bounded_by_an_event_it_shares_with_a_dated_report():
    ma, mb, cb, arts = _shared_strike()
    out = _date([_event("s", ma, mb), _event("c", cb)], [ma, mb, cb], arts)
    assert out["s"].date == "2024-01-24"
    # B was written after the strike of the 24th; its lead's Friday follows the strike: the 26th or a later Friday
    cond = out["c"]
    assert (cond.date_earliest, cond.date_latest) == ("2024-01-26", None)
    assert article_range(arts[1]) is None  # B alone has no bound
    # without the shared strike B has nothing to go by, and its condemnation gets no range at all
    alone = _date([_event("s", ma), _event("s2", mb), _event("c", cb)], [ma, mb, cb], arts)
    assert alone["c"].date_earliest is None and alone["c"].date_latest is None


def test_bounds_are_carried_along_a_chain_of_undated_reports():
    """A (25 January) says talks will begin; B (no date) that they were held on Saturday and that a depot was
    struck on Monday; C (no date) tells of the depot strike. C learns from B what B learned from A."""
    ta = WILL
    tb = "A first round of talks was held on Saturday.\n\nOn Monday, the army struck a depot."
    tc = "The strike on the depot was condemned."
    m_a = _mention("a", ta, "talks")
    m_b = EventMention("b", 0, tb.index("\n"), "talks", tb.index("talks"), tb.index("talks") + 5,
                       "diplomacy.meeting", "talks")
    k = tb.index("struck")
    s_b = EventMention("b", tb.index("On Monday"), len(tb), "struck", k, k + 6, "attack.air_strike", "struck")
    s_c = _mention("c", tc, "strike", "attack.air_strike")
    c_c = _mention("c", tc, "condemned", "statement.condemnation")
    arts = [ArticleDates("a", _pub("2024-01-25"), ta),
            ArticleDates("b", _pub(), tb, (_timex("b", tb, "Saturday", "XXXX-WXX-6"),
                                           _timex("b", tb, "Monday", "XXXX-WXX-1"))),
            ArticleDates("c", _pub(), tc)]
    events = [_event("talks", m_a, m_b), _event("depot", s_b, s_c), _event("cond", c_c)]
    out = _date(events, [m_a, m_b, s_b, s_c, c_c], arts)
    # the talks: on or after the 25th, a Saturday told in the past by B, written after the 25th: the 27th or later
    assert out["talks"].date_earliest == "2024-01-27"
    # B was written on or after the 27th, so its Monday is the 22nd or later (a weekday, not a day: open)
    assert out["depot"].date_earliest == "2024-01-22"
    # C tells the depot strike in the past: it was written after the 22nd, and its condemnation is no earlier
    # than the week before (a habit of news) rather than undated
    assert (out["cond"].date_earliest, out["cond"].date_latest) == ("2024-01-16", None)
    # one round only carries A's bound to B, not on to C
    one = {e.id: e for e in date_events(events, arts, {event_mention_id(m): m for m in (m_a, m_b, s_b, s_c, c_c)},
                                        rounds=1)}
    assert one["cond"].date_earliest is None


def test_an_event_told_as_to_come_bounds_its_undated_report_from_above():
    """A (29 January) says the talks were held on Saturday (the 27th); B (no date) says they will begin: B was
    written on or before the 27th, so a Monday it tells in the past is the 22nd or earlier."""
    ta = "A first round of talks was held on Saturday."
    tb = "Washington and Baghdad will begin talks. On Monday, the army struck a depot."
    m_a = _mention("a", ta, "talks")
    m_b = _mention("b", tb, "talks")
    k = tb.index("struck")
    s_b = EventMention("b", tb.index("On Monday"), len(tb), "struck", k, k + 6, "attack.air_strike", "struck")
    arts = [ArticleDates("a", _pub("2024-01-29"), ta, (_timex("a", ta, "Saturday", "XXXX-WXX-6"),)),
            ArticleDates("b", _pub(), tb, (_timex("b", tb, "Monday", "XXXX-WXX-1"),))]
    out = _date([_event("talks", m_a, m_b), _event("depot", s_b)], [m_a, m_b, s_b], arts)
    assert out["talks"].date == "2024-01-27"
    assert (out["depot"].date_earliest, out["depot"].date_latest) == (None, "2024-01-22")


def test_a_range_from_the_habit_of_news_bounds_no_other_report():
    """A (25 January) tells the strike with no date (within the week before it, a habit of news, not a fact of
    the text); B (no date) tells it too: B gains no bound from it."""
    ta, tb = "US forces struck the depot.", "The strike on the depot killed two. On Friday, the army condemned it."
    ma, mb, cb, arts = _shared_strike(tb)
    ma = _mention("a", ta, "struck", "attack.air_strike")
    arts = [ArticleDates("a", _pub("2024-01-25"), ta), arts[1]]
    out = _date([_event("s", ma, mb), _event("c", cb)], [ma, mb, cb], arts)
    assert out["s"].date_earliest == "2024-01-19"
    assert out["c"].date_earliest is None and out["c"].date_latest is None


def test_a_scheduled_event_said_on_a_day_lies_on_or_after_that_day():
    text = "Washington and Baghdad will begin discussions on the coalition, Iraq said Thursday."
    tx = (_timex("s", text, "Thursday", "2024-01-25"),)
    m = replace(_mention("s", text, "discussions"), scheduled=True)
    r = mention_range(m, text, tx, article_range(ArticleDates("s", _pub("2024-01-25"), text, tx)))
    assert (r.earliest, r.latest) == (D(2024, 1, 25), None)


LEAD = "Iraqi authorities on Monday condemned the attack.\n\nA first round of talks was held on Saturday."


def test_an_undated_reports_lead_weekday_follows_every_day_it_tells_in_the_past():
    tx = (_timex("l", LEAD, "Monday", "XXXX-WXX-1"), _timex("l", LEAD, "Saturday", "XXXX-WXX-6"))
    held = [(D(2024, 1, 27), "it tells of the talks of 27 January")]
    a = ArticleDates("l", _pub(), LEAD, tx, counts=tuple(_counts(150, "more_than")))
    # the lead tells the newest news: its Monday is the first on or after the 27th, and the report follows it
    assert article_range(a, after=held).earliest == D(2024, 1, 29)
    # a weekday further down is not the lead's: the report is only after the talks
    later = "The talks went well.\n\n" + LEAD
    tx2 = (_timex("l", later, "Monday", "XXXX-WXX-1"), _timex("l", later, "Saturday", "XXXX-WXX-6"))
    assert article_range(ArticleDates("l", _pub(), later, tx2, counts=a.counts), after=held).earliest == D(2024, 1, 27)
    # nothing told in the past with a known day: the lead bounds nothing
    assert article_range(a).earliest < D(2024, 1, 22)


def test_contradicting_mentions_keep_the_surest_and_say_so():
    a_text, b_text = "The strike hit on Monday.", "The strike hit on Friday."
    ma, mb = _mention("a", a_text, "strike", "attack.air_strike"), _mention("b", b_text, "strike", "attack.air_strike")
    arts = [ArticleDates("a", _pub("2024-01-23", 0.9), a_text, (_timex("a", a_text, "Monday", "XXXX-WXX-1"),)),
            ArticleDates("b", _pub("2024-01-23", 0.6), b_text, (_timex("b", b_text, "Friday", "XXXX-WXX-5"),))]
    e = _date([_event("s", ma, mb)], [ma, mb], arts)["s"]
    assert e.date == "2024-01-22" and "contradicted by b: " in e.date_basis


def test_day_ranges_meet():
    a = DayRange(D(2024, 1, 1), D(2024, 1, 10), 0.3, "a")
    b = DayRange(D(2024, 1, 5), None, 0.6, "b")
    both = a.meet(b)
    assert (both.earliest, both.latest, both.basis) == (D(2024, 1, 5), D(2024, 1, 10), "b")
    assert a.meet(DayRange(D(2024, 2, 1), None, 0.5, "c")) is None


# ------------------------------------------------------------------ what readers see

def _exported(date=None, rng=None):
    return {"id": "ev", "summary": "talks", "type": "diplomacy.meeting", "date": date, "date_end": None,
            "date_range": rng, "mentions": [], "independent_sources": 1, "place": None}


def test_export_listing_and_timeline_carry_ranges():
    rng = {"earliest": "2024-01-19", "latest": "2024-01-25", "confidence": 0.4, "basis": "news of a report"}
    e = _exported(rng=rng)
    assert event_when(e) == "2024-01-19 … 2024-01-25"
    assert event_when(_exported(rng={**rng, "latest": None})) == "after 2024-01-19"
    assert event_when(_exported(date="2024-01-25")) == "2024-01-25"
    (item,) = timeline({"events": [e]})
    assert (item["date"], item["date_earliest"], item["date_latest"]) == ("2024-01-19", "2024-01-19", "2024-01-25")
    assert find_events({"events": [e]}, since="2024-01-24") == [e]
    assert find_events({"events": [e]}, since="2024-01-26") == []
    assert event_span(e, lambda _: None) == (D(2024, 1, 19), D(2024, 1, 25), "estimate")
    assert event_span(_exported(rng={**rng, "earliest": None}), lambda _: None)[1:] == (D(2024, 1, 25), "before")


def test_the_events_listing_reads_as_a_timeline():
    """Listed by the first day each event can have happened; undated events last."""
    rng = {"earliest": "2024-01-19", "latest": "2024-01-25", "confidence": 0.4, "basis": "news of a report"}
    undated = {**_exported(), "id": "undated"}
    late = {**_exported(date="2024-01-28"), "id": "late"}
    ranged = {**_exported(rng=rng), "id": "ranged"}
    day = {**_exported(date="2024-01-19"), "id": "day"}
    after = {**_exported(rng={**rng, "latest": None}), "id": "after"}
    before = {**_exported(rng={**rng, "earliest": None}), "id": "before"}
    rows = find_events({"events": [undated, late, ranged, before, day, after]})
    assert [e["id"] for e in rows] == ["day", "ranged", "after", "before", "late", "undated"]


# ------------------------------------------------------------------ the seeds

#: the main events of the seed story: (article, words of the sentence that tells of it, its trigger, true day,
#: why). The true days are read from the seeds; 003 and 004 carry no date of their own, so their weekdays are
#: resolved with the dates of the events they tell of (Tower 22: Sunday 28 January 2024; the Erbil drone
#: attack: Monday 25 December 2023).
MAIN_EVENTS = [
    ("002", "On a visit", "visit", "2024-01-25",
     "002 (25 January): 'On a visit to Iraq, Spanish Foreign Minister Jose Manuel Albares on Thursday said'"),
    ("002", "The two countries agreed", "agreed", "2024-01-25",
     "002: the announcement of talks, 'Iraq said Thursday' (25 January)"),
    ("002", "latest US strikes on Wednesday", "strikes", "2024-01-24",
     "002: 'one fighter killed in the latest US strikes on Wednesday'"),
    ("002", "attended on Thursday the Baghdad", "funeral", "2024-01-25",
     "002: 'Hundreds of people ... attended on Thursday the Baghdad funeral'"),
    ("003", "On Monday, the Iraqi army condemned the attack", "attack", "2023-12-25",
     "003: 'On Monday, the Iraqi army condemned the attack with a bomb-laden drone ... near Erbil'"),
    ("003", "an air bombardment targeted", "bombardment", "2023-12-26",
     "003: 'on Tuesday, ... an air bombardment targeted the headquarters ... in the center of the city of Hilla'"),
    ("003", "On December 8, the American embassy", "attacked", "2023-12-08",
     "003: 'On December 8, the American embassy in Baghdad was attacked with several missiles'"),
    ("003", "confirmed during his meeting with the Spanish Prime Minister", "meeting", "2023-12-27",
     "003: the Sánchez visit, the day of the report (its Tuesday is 26 December; Sánchez was in Baghdad on the 27th)"),
    ("004", "The attack against Tower 22", "attack", "2024-01-28",
     "004: 'Biden said on Sunday as he blamed ... for the attack' (Sunday 28 January)"),
    ("004", "Iraqi authorities on Monday condemned", "condemned", "2024-01-29",
     "004: 'Iraqi authorities on Monday condemned the drone attack that killed three US military personnel'"),
    ("004", "first round of talks with US officials was held on Saturday", "talks", "2024-01-27",
     "004: 'a first round of talks with US officials was held on Saturday' (after 002's 'will begin', 25 Jan)"),
]


def _holding(events, article, words, trigger):
    return [e for e in events for m in e["mentions"]
            if m["article"].startswith(article) and words in m["text"] and m.get("trigger") == trigger]


@pytest.mark.parametrize("article,words,trigger,day,why", MAIN_EVENTS, ids=[m[4][:40] for m in MAIN_EVENTS])
def test_seed_main_event_ranges_hold_the_true_date(seed_account, article, words, trigger, day, why):
    found = _holding(seed_account["events"], article, words, trigger)
    assert found, f"no event for {why}"
    for e in found:
        rng = e.get("date_range") or {}
        lo, hi = rng.get("earliest"), rng.get("latest")
        assert lo or hi, f"{e['summary']}: no date or range ({why})"
        assert (lo or "0000") <= day <= (hi or "9999"), f"{e['summary']}: {lo}..{hi} misses {day} ({why}): {rng}"


def test_seed_main_events_dated_to_a_week_or_better(seed_account):
    """Of the main events (MAIN_EVENTS: the issue's ten, with the US strikes and the funeral apart), those dated to
    a day or a range of at most seven days that holds the true day (the issue asks for 8).

    004 has no date of its own; its first round of talks is the one 002 (25 January) says "will begin", so it
    is the Saturday after, the 27th; its lead ("on Monday condemned") tells the newest news, so its Monday is the
    29th, its Sunday the 28th, and the Tower 22 attack the condemnation speaks of lies in the week before that
    Monday. 003 shares no event with a dated report: only a running count places it, give or take eleven days,
    so its Erbil attack, Hilla strikes and Sanchez meeting stay ranged wider than a week."""
    narrow = []  # dated to at most seven days that hold the true day (MAIN_EVENTS says where each day is read)
    for article, words, trigger, day, why in MAIN_EVENTS:
        for e in _holding(seed_account["events"], article, words, trigger)[:1]:
            rng = e.get("date_range") or {}
            if rng.get("earliest") and rng.get("latest") and rng["earliest"] <= day <= rng["latest"] and \
                    (D.fromisoformat(rng["latest"]) - D.fromisoformat(rng["earliest"])).days <= 6:
                narrow.append(why[:40])
    assert len(narrow) >= 8, narrow


def test_seed_events_of_dated_reports_stay_within_their_week(seed_account):
    """No range is wider than the text supports: an event of a report dated to the day is never placed more
    than a week before it, nor after it unless told in the future."""
    pub = {a["id"]: a["published"] for a in seed_account["articles"] if a["published_confidence"] >= 0.5}
    for e in seed_account["events"]:
        rng = e.get("date_range")
        arts = {m["article"] for m in e["mentions"]}
        if not rng or not arts <= set(pub):
            continue
        first = min(D.fromisoformat(pub[a]) for a in arts)
        assert rng["earliest"] and D.fromisoformat(rng["earliest"]) >= first - dt.timedelta(days=RECENCY_DAYS), e


def test_seed_report_draws_ranges_and_says_why(seeds_db):
    from newsfuse.present.report import render_report
    from newsfuse.store.sqlite import Store

    with Store(seeds_db) as store:
        html = render_report(store)
    assert 'class="bar estimate"' in html  # a range is drawn over its days
    assert "sw estimate" in html  # and the legend says what such a bar means
    # the listing shows a range where no day is known, with its basis on hover
    assert " … " in html and "within 6 days before it" in html


def test_seed_relational_events_carry_their_ranges(seeds_db, seed_account):
    from newsfuse.store.sqlite import Store

    with Store(seeds_db) as store:
        rows = {r[0]: r[1:] for r in store.db.execute(
            "SELECT id, date_earliest, date_latest, date_confidence, date_basis FROM events")}
        scheduled = {(r[0], r[1], r[2]): r[3] for r in store.db.execute(
            "SELECT event, article, start, scheduled FROM event_mentions")}
        flags = dict(store.db.execute("SELECT id, scheduled FROM events"))
    for e in seed_account["events"]:
        rng = e.get("date_range") or {}
        assert rows[e["id"]] == (rng.get("earliest"), rng.get("latest"), rng.get("confidence"), rng.get("basis"))
        assert flags[e["id"]] == int(e["scheduled"])
        for m in e["mentions"]:
            assert scheduled[(e["id"], m["article"], m["start"])] == int(m["scheduled"])
    assert any(r[1] for r in rows.values()) and 1 in scheduled.values()



def test_the_export_says_which_reports_told_an_event_as_planned(seed_account):
    """002's "will begin discussions" and 004's first round "held on Saturday" are one event: it happened, so the
    event is not ``scheduled``, while 002's mention of it still says it was told as to come."""
    talks = _holding(seed_account["events"], "004", "first round of talks with US officials was held on Saturday",
                     "talks")
    assert talks
    event = talks[0]
    assert event["scheduled"] is False
    flags = {m["article"][:3]: m["scheduled"] for m in event["mentions"]}
    assert flags.get("004") is False and True in flags.values(), flags
    assert all(isinstance(e["scheduled"], bool) for e in seed_account["events"])
