"""The time stage: temporal expressions on hand-built sentences and the seeds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsfuse.annotate.timex._core import extract_timexes
from newsfuse.records import Timex

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module
ANCHOR = "2024-01-25"  # a Thursday


def one(sentence: str, anchor: str | None = ANCHOR, **want) -> Timex:
    """The only timex whose text is ``want['text']`` (or the only one), checked field by field."""
    found = extract_timexes(sentence, "a1", anchor)
    if "text" in want:
        found = [t for t in found if t.text == want["text"]]
    assert len(found) == 1, found
    t = found[0]
    for key, value in want.items():
        assert getattr(t, key) == value, (key, t)
    assert sentence[t.start:t.end] == t.text
    return t


@pytest.mark.parametrize("text, span, value", [
    ("The talks ended on Jan. 25, 2024, in Baghdad.", "Jan. 25, 2024", "2024-01-25"),
    ("The talks ended on 25 January 2024 in Baghdad.", "25 January 2024", "2024-01-25"),
    ("The report is dated 2024-01-25.", "2024-01-25", "2024-01-25"),
    ("The report is dated 1/25/2024.", "1/25/2024", "2024-01-25"),
    ("ISIS was declared defeated in 2017.", "2017", "2017"),
    ("Prices rose in August 2023.", "August 2023", "2023-08"),
])
def test_absolute_dates(text, span, value):
    one(text, text=span, type="DATE", value=value)


def test_month_day_without_year_takes_the_nearest_sensible_year():
    one("Attacks have continued since October 17.", text="October 17", value="2023-10-17")
    one("The ceasefire of December 8 collapsed.", text="December 8", value="2023-12-08")
    one("The summit will be held on March 3.", text="March 3", value="2024-03-03")


def test_weekday_follows_tense():
    one("The minister said on Tuesday that attacks must stop.", text="Tuesday", value="2024-01-23",
        rule="weekday-past")
    one("The minister will travel to Rome on Tuesday.", text="Tuesday", value="2024-01-30",
        rule="weekday-future")
    one("Officials met Thursday.", text="Thursday", value="2024-01-25")  # the anchor day itself
    one("The strikes on Wednesday killed a fighter.", text="Wednesday", value="2024-01-24")
    one("He arrived last Friday.", text="last Friday", value="2024-01-19")
    one("They meet next Monday.", text="next Monday", value="2024-01-29")


def test_weekday_without_anchor_keeps_what_is_known():
    one("He spoke on Tuesday.", anchor=None, text="Tuesday", value="XXXX-WXX-2")
    one("ISIS was declared defeated in 2017.", anchor=None, value="2017")
    one("The talks began on Jan. 25, 2024.", anchor=None, value="2024-01-25")


def test_parts_of_day():
    one("Shelling resumed Tuesday night.", text="Tuesday night", type="TIME", value="2024-01-23TNI")
    one("He landed this morning.", text="this morning", type="TIME", value="2024-01-25TMO")
    one("A blast was heard at 5 p.m. in the capital.", text="5 p.m.", type="TIME", value="2024-01-25T17:00")
    one("The vote is at noon.", text="noon", type="TIME", value="2024-01-25T12:00")


@pytest.mark.parametrize("text, span, value", [
    ("It happened today.", "today", "2024-01-25"),
    ("It happened yesterday.", "yesterday", "2024-01-24"),
    ("It happens tomorrow.", "tomorrow", "2024-01-26"),
    ("Troops arrived last week.", "last week", "2024-W03"),
    ("Troops leave next week.", "next week", "2024-W05"),
    ("Prices fell last month.", "last month", "2023-12"),
    ("Prices fell last year.", "last year", "2023"),
    ("Prices fell earlier this month.", "earlier this month", "2024-01"),
    ("Growth is slow this year.", "this year", "2024"),
    ("Fighting flared in mid-October.", "mid-October", "2023-10"),
    ("Fighting flared in late December.", "late December", "2023-12"),
    ("Elections are due in early 2025.", "early 2025", "2025"),
    ("He left two years ago.", "two years ago", "2022"),
    ("Unemployment peaked in the 1990s.", "the 1990s", "199"),
    ("Unemployment peaked in the nineties.", "the nineties", "199"),
    ("Profit rose in the third quarter.", "the third quarter", "2023-Q3"),
])
def test_relative_dates(text, span, value):
    one(text, text=span, type="DATE", value=value)


def test_bare_month_resolves_by_tense():
    one("Talks were held in August.", text="August", value="2023-08")
    one("Talks will be held in August.", text="August", value="2024-08")


@pytest.mark.parametrize("text, span, value", [
    ("The truce lasted three days.", "three days", "P3D"),
    ("Attacks grew over the past several months.", "the past several months", "PXM"),
    ("Attacks grew over the past three months.", "the past three months", "P3M"),
    ("The siege lasted a decade.", "a decade", "P10Y"),
    ("They talked for five hours.", "five hours", "PT5H"),
    ("The war has lasted about 2 1/2 years.", "about 2 1/2 years", "P2Y6M"),
    ("A five-hour meeting ended.", "five-hour", "PT5H"),
])
def test_durations(text, span, value):
    one(text, text=span, type="DURATION", value=value)


@pytest.mark.parametrize("text, span, value", [
    ("Convoys leave every week.", "every week", "P1W"),
    ("Reports are filed daily.", "daily", "P1D"),
    ("Fees are paid annually.", "annually", "P1Y"),
    ("They meet every Sunday.", "every Sunday", "XXXX-WXX-7"),
])
def test_sets(text, span, value):
    one(text, text=span, type="SET", value=value)


def test_reference_points():
    one("Prices are now falling.", text="now", value="PRESENT_REF")
    one("He is currently abroad.", text="currently", value="PRESENT_REF")
    one("He recently returned.", text="recently", value="PAST_REF")
    one("Talks may resume in the future.", text="the future", value="FUTURE_REF")


def test_spans_follow_timeml_extent():
    text = "He spoke on Tuesday, since mid-October, in August, about two years ago."
    spans = [t.text for t in extract_timexes(text, "a1", ANCHOR)]
    assert spans == ["Tuesday", "mid-October", "August", "about two years ago"]


def test_not_dates():
    assert extract_timexes("She may call. Troops march on.", "a1", ANCHOR) == []
    assert extract_timexes("A 2,000 strong force and 1500 troops.", "a1", ANCHOR) == []
    assert extract_timexes("A 37-year-old man was hurt.", "a1", ANCHOR) == []


def test_records_carry_provenance():
    text = "Iraq said Thursday that talks would begin."
    (t,) = extract_timexes(text, "art-9", ANCHOR)
    assert (t.article, t.start, t.end, text[t.start:t.end]) == ("art-9", 10, 18, "Thursday")
    assert t.rule


def test_seed_002_wednesday_strikes():
    text = (SEEDS / "002_20bfa71c295678a8.txt").read_text(encoding="utf-8")
    found = extract_timexes(text, "s2", ANCHOR)
    weds = [t for t in found if t.text == "Wednesday"]
    assert weds and all(t.value == "2024-01-24" for t in weds)
    assert any(t.text == "Jan 25, 2024" and t.value == "2024-01-25" for t in found)


def test_seed_003_tuesday_is_the_previous_tuesday():
    text = (SEEDS / "003_1d7b1556ae453f1b.txt").read_text(encoding="utf-8")
    found = extract_timexes(text, "s3", "2024-01-25")
    tuesdays = [t for t in found if t.text == "Tuesday"]
    assert tuesdays and all(t.value == "2024-01-23" for t in tuesdays)
    unanchored = extract_timexes(text, "s3", None)
    assert all(t.value == "XXXX-WXX-2" for t in unanchored if t.text == "Tuesday")


def test_doc_tags_may_decide_tense(nlp):
    text = "The minister will fly to Rome on Tuesday."
    doc = nlp(text)
    (t,) = extract_timexes(text, "a1", ANCHOR, doc)
    assert t.value == "2024-01-30"


def test_seeds_with_doc_agree_on_spans(nlp, seed_paths):
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        plain = extract_timexes(text, path.stem, ANCHOR)
        tagged = extract_timexes(text, path.stem, ANCHOR, nlp(text))
        assert [(t.start, t.end) for t in plain] == [(t.start, t.end) for t in tagged]


# --------------------------------------------------------------------------- the narrative's reference time


def test_next_day_counts_from_the_last_day_the_text_resolved():
    text = "Fighters attacked the base on Jan. 12, 2024. The next day, the army struck back."
    t = one(text, text="The next day", type="DATE", value="2024-01-13")
    assert t.rule.startswith("narrative")


def test_that_same_morning_and_earlier_that_day():
    text = "The embassy was hit on December 8. Earlier that day, a convoy was stopped. That same morning, sirens sounded."
    one(text, text="Earlier that day", value="2023-12-08")
    one(text, text="That same morning", type="TIME", value="2023-12-08TMO")


def test_offsets_from_the_reference_day_or_a_length_without_one():
    one("A drone hit the base on Tuesday. Two days later, talks resumed.", text="Two days later",
        type="DATE", value="2024-01-25")
    one("Two days later, talks resumed.", text="Two days later", type="DURATION", value="P2D")


def test_following_week_and_month_move_with_the_story():
    text = "The deal was signed on March 3, 2023. The following month, it collapsed."
    one(text, text="The following month", value="2023-04")
    text = "The deal was signed on March 3, 2023. The following week, it collapsed."
    one(text, text="The following week", value="2023-W10")


def test_a_far_reference_is_not_used_for_an_offset():
    text = "It began on Jan. 2, 2024. " + "Nothing happened. " * 40 + "A day earlier, prices rose."
    one(text, text="A day earlier", type="DURATION", value="P1D")


def test_a_clock_time_belongs_to_the_day_being_told():
    text = "The blast came on Friday, Jan. 19, 2024. It struck at 10:35 a.m. near the gate."
    one(text, text="10:35 a.m.", type="TIME", value="2024-01-19T10:35")


def test_the_week_of_a_date():
    one("A hearing is set for the week of March 6.", text="the week of March 6", value="2024-W10")


@pytest.mark.parametrize("text, span, value", [
    ("Hostages were freed on Easter Sunday.", "Easter Sunday", "2023-04-09"),
    ("Pilgrims will gather on Good Friday.", "Good Friday", "2024-03-29"),
    ("Stores open on Christmas Eve.", "Christmas Eve", "2023-12-24"),
    ("The parade is on Martin Luther King Day.", "Martin Luther King Day", "2024-01-15"),
])
def test_holidays(text, span, value):
    one(text, text=span, type="DATE", value=value)


def test_easter_week_under_way():
    one("Protesters prayed as Easter week began.", anchor="2000-04-17", text="Easter week", value="2000-W16")


def test_spelled_numbers_above_a_hundred():
    one("The city has stood for more than two thousand years.", text="more than two thousand years",
        type="DURATION", value="P2000Y")
    one("It lasted one hundred and fifty years.", text="one hundred and fifty years", value="P150Y")


def test_generic_todays_is_not_a_date():
    assert extract_timexes("It is for today's youth and today's world.", "a1", ANCHOR) == []
    one("The offer ran in today's editions.", text="today's", value="2024-01-25")


def test_deadlines_and_plans_told_in_the_past():
    one("The talks should conclude by May.", text="May", value="2024-05")
    one("Until Thursday, they had not called.", text="Thursday", value="2024-01-25")
    one("The offer had been due to expire Friday.", text="Friday", value="2024-01-19")
    one("Lawyers will try to get around Wednesday's ruling.", text="Wednesday's", value="2024-01-24")


@pytest.mark.parametrize("text, span, type_, value", [
    ("Sales for the full year rose 5%.", "the full year", "DATE", "2024"),
    ("For the year, volume was flat.", "the year", "DATE", "2024"),
    ("Net income for the year ended June 30 fell.", "the year", "DURATION", "P1Y"),
    ("Earnings in the fiscal year ending March 31 rose.", "the fiscal year", "DURATION", "P1Y"),
])
def test_the_year_is_the_anchor_year_or_a_reporting_period(text, span, type_, value):
    one(text, text=span, type=type_, value=value)


def test_the_year_in_other_phrases_is_not_a_date():
    for text in ("He was named Person of the Year.", "It was down from the year before.",
                 "The year of the dragon begins."):
        assert not [t for t in extract_timexes(text, "a1", ANCHOR) if "year" in t.text.lower()], text


def test_weekday_with_a_date_and_a_colon_is_one_expression():
    one("The Times said in an editorial on Saturday, Jan. 27: the court erred.", text="Saturday, Jan. 27",
        value="2024-01-27")


def test_fiscal_year_with_a_number():
    one("Revenue in fiscal year 2023 rose.", text="fiscal year 2023", value="2023")


def test_near_term_is_a_future_reference():
    one("Analysts see little growth in the near term.", text="the near term", value="FUTURE_REF")


def test_mixed_case_triggers_and_words_inside_other_words():
    # the case-insensitive triggers run on the lower-cased text; a word start is checked separately
    one("SALES ROSE LAST WEEK.", text="LAST WEEK", value="2024-W03")
    assert extract_timexes("The programme's ageing toolday was replaced.", "a1", ANCHOR) == []
    one("It opened at 10:30 a.m. on Monday.", text="10:30 a.m. on Monday", value="2024-01-22T10:30")


def test_the_previous_weekday_counts_from_the_story_day():
    one("Shares closed on Friday, Jan. 19, up from the previous Friday.", text="the previous Friday",
        value="2024-01-12")
    one("Shares closed on Friday, Jan. 19. The following Monday they fell.", text="The following Monday",
        value="2024-01-22")


def test_an_age_is_not_a_duration():
    text = "Mr. Smith, 52 years old, will succeed him after 12 years in the post."
    assert [t.text for t in extract_timexes(text, "a1", ANCHOR)] == ["12 years"]


def test_the_latest_quarter_is_the_last_completed_one():
    one("Profit rose 5% in the latest quarter.", text="the latest quarter", value="2023-Q4")


def test_a_month_told_in_the_future_is_its_next_occurrence_however_far():
    one("Talks will resume in December.", text="December", value="2024-12")


def test_planned_to_after_the_expression_tells_the_planning_not_the_plan():
    one("It rained. On Friday, the government planned to pay the claims.", text="Friday", value="2024-01-19")
    one("The team planned to leave on Saturday.", text="Saturday", value="2024-01-27")


def test_a_year_earlier_after_a_longer_period_is_the_year():
    text = ("Net rose 5% in the third quarter of 2023 from a year earlier. For the first nine months, "
            "net was $5 million, up from $4 million a year earlier.")
    values = [t.value for t in extract_timexes(text, "a1", ANCHOR) if t.text == "a year earlier"]
    assert values == ["2022-Q3", "2022"]


def test_the_quarter_ended_on_a_day_is_named_by_its_middle_month():
    one("Sales rose in the quarter ended July 31.", text="the quarter", value="2023-Q2")
    # a quarter already named sets the text's (fiscal) numbering
    text = "Net fell in the fiscal first quarter of 2023. Sales for the quarter ended Sept. 29 rose."
    assert [t.value for t in extract_timexes(text, "a1", ANCHOR) if t.text == "the quarter"] == ["2023-Q1"]


def test_spelled_years_with_a_month_or_a_season():
    one("January nineteen ninety-seven. Atlanta again.", text="January nineteen ninety-seven", value="1997-01")
    one("Oil fell to the level of the winter of nineteen ninety-four.", text="the winter of nineteen ninety-four",
        value="1994-WI")


def test_a_capitalised_time_word_inside_a_sentence_is_a_name():
    for text in ('It rained. Baker, speaking on ABC News\' "This Week," said it.', "It rained. This is VOA Today.",
                 "It rained. He spoke on ``60 Minutes.''"):
        assert extract_timexes(text, "a1", ANCHOR) == [], text
    one("It rained. Today, prices rose.", text="Today", value="2024-01-25")


def test_now_with_a_comma_opening_a_sentence_is_a_discourse_marker():
    assert extract_timexes("It rained. Now, the mission is less clear.", "a1", ANCHOR) == []
    one("It rained. Now the mission is less clear.", text="Now", value="PRESENT_REF")


def test_vague_spans_ahead_and_over_the_years():
    one("Then, a week or so ago, he left.", text="a week or so ago", type="DATE", value="2024-W03")
    one("Funds may sell in the weeks ahead.", text="the weeks ahead", type="DURATION", value="PXW")
    one("Over the years, many more died.", text="the years", type="DURATION", value="PXY")


# --------------------------------------------------------------------------- the governing verb's tense (a parse)


def _parsed(text: str, rows: str):
    """A hand-built parse (no model): one "word TAG POS dep head lemma" row per token, head = token index."""
    from spacy.lang.en import English
    from spacy.tokens import Doc

    cols = [row.split() for row in rows.strip().splitlines()]
    words = [c[0] for c in cols]
    spaces = []
    at = 0
    for word in words:
        at = text.index(word, at) + len(word)
        spaces.append(text[at:at + 1] == " ")
    doc = Doc(English().vocab, words=words, spaces=spaces, tags=[c[1] for c in cols], pos=[c[2] for c in cols],
              deps=[c[3] for c in cols], heads=[int(c[4]) for c in cols], lemmas=[c[5] for c in cols])
    assert doc.text == text
    return doc


def test_the_verb_the_weekday_hangs_on_decides_not_the_nearest_cue():
    text = "Goods rolled into Iraq from Jordan on Tuesday, and cargo will be unloaded."
    doc = _parsed(text, """
        Goods NNS NOUN nsubj 1 goods
        rolled VBD VERB ROOT 1 roll
        into IN ADP prep 1 into
        Iraq NNP PROPN pobj 2 Iraq
        from IN ADP prep 1 from
        Jordan NNP PROPN pobj 4 Jordan
        on IN ADP prep 1 on
        Tuesday NNP PROPN pobj 6 Tuesday
        , , PUNCT punct 1 ,
        and CC CCONJ cc 1 and
        cargo NN NOUN nsubjpass 13 cargo
        will MD AUX aux 13 will
        be VB AUX auxpass 13 be
        unloaded VBN VERB conj 1 unload
        . . PUNCT punct 1 .""")
    (t,) = extract_timexes(text, "a1", ANCHOR, doc)
    assert t.value == "2024-01-23"


def test_a_dated_plain_present_is_a_timetable():
    text = "Arafat and Netanyahu meet separately Monday."
    doc = _parsed(text, """
        Arafat NNP PROPN nsubj 3 Arafat
        and CC CCONJ cc 0 and
        Netanyahu NNP PROPN conj 0 Netanyahu
        meet VBP VERB ROOT 3 meet
        separately RB ADV advmod 3 separately
        Monday NNP PROPN npadvmod 3 Monday
        . . PUNCT punct 3 .""")
    (t,) = extract_timexes(text, "a1", ANCHOR, doc)
    assert t.value == "2024-01-29"


def test_a_planned_event_is_ahead_and_a_plan_dated_before_it_is_not():
    text = "Protesters planned a rally on Saturday."
    doc = _parsed(text, """
        Protesters NNS NOUN nsubj 1 protester
        planned VBD VERB ROOT 1 plan
        a DT DET det 3 a
        rally NN NOUN dobj 1 rally
        on IN ADP prep 1 on
        Saturday NNP PROPN pobj 4 Saturday
        . . PUNCT punct 1 .""")
    (t,) = extract_timexes(text, "a1", ANCHOR, doc)
    assert t.value == "2024-01-27"
    text = "On Friday, officials planned to pay."
    doc = _parsed(text, """
        On IN ADP prep 6 on
        Friday NNP PROPN pobj 0 Friday
        , , PUNCT punct 4 ,
        officials NNS NOUN nsubj 4 official
        planned VBD VERB ROOT 4 plan
        to TO PART aux 6 to
        pay VB VERB xcomp 4 pay
        . . PUNCT punct 4 .""")
    (t,) = extract_timexes(text, "a1", ANCHOR, doc)
    assert t.value == "2024-01-19"


def test_a_plan_in_the_past_perfect_is_past():
    text = "It had been due to expire Friday."
    doc = _parsed(text, """
        It PRP PRON nsubj 2 it
        had VBD AUX aux 2 have
        been VBN AUX ROOT 2 be
        due JJ ADJ acomp 2 due
        to TO PART aux 5 to
        expire VB VERB xcomp 3 expire
        Friday NNP PROPN npadvmod 5 Friday
        . . PUNCT punct 2 .""")
    (t,) = extract_timexes(text, "a1", ANCHOR, doc)
    assert t.value == "2024-01-19"


# --------------------------------------------------------------------------- round 2: periods and lists


def test_a_quarter_after_year_ago_is_that_quarter_a_year_before():
    one("In the year-ago third quarter, the bank earned $5 million.", "1989-10-30",
        text="third quarter", value="1988-Q3")


def test_the_following_month_after_a_month_named_without_a_day():
    one("In March, the company received an offer. The following month, it put itself up for sale.", "2024-10-27",
        text="The following month", value="2024-04")


def test_a_day_number_coordinated_with_a_date_is_tagged_too():
    one("The summit will be held on April 24 and 25.", text="25", type="DATE", value="2024-04-25")
    found = extract_timexes("Sales rose on April 24 and 25 percent of the stock changed hands.", "a1", ANCHOR)
    assert [t.text for t in found] == ["April 24"]


# ---- issue #14: general grammar for forms the rules missed (anchor: Thursday 2024-01-25)

@pytest.mark.parametrize("text, span, type_, value", [
    ("The meeting lasted two and a half hours.", "two and a half hours", "DURATION", "PT2H30M"),
    ("Shares fell for eight trading days.", "eight trading days", "DURATION", "P8D"),
    ("A year-long inquiry began.", "year-long", "DURATION", "P1Y"),
    ("The decades-long dispute ended.", "decades-long", "DURATION", "PXDE"),
    ("Elections are held every four years.", "every four years", "SET", "P4Y"),
    ("The board meets every two weeks.", "every two weeks", "SET", "P2W"),
    ("The plant will close at the end of the month.", "the end of the month", "DATE", "2024-01"),
    ("Talks resume at the start of the week.", "the start of the week", "DATE", "2024-W04"),
    ("The summit is planned for spring 2025.", "spring 2025", "DATE", "2025-SP"),
    ("Results for Q4 2023 were strong.", "Q4 2023", "DATE", "2023-Q4"),
    ("Ministers will reply as soon as possible.", "as soon as possible", "DATE", "FUTURE_REF"),
    ("The hearing was put off to a later date.", "a later date", "DATE", "FUTURE_REF"),
    ("The vote was held on 22/01/2024 in Erbil.", "22/01/2024", "DATE", "2024-01-22"),
    ("The firm has run for a quarter century.", "a quarter century", "DURATION", "P25Y"),
    ("The festival takes place each summer.", "each summer", "SET", "XXXX-SU"),
    ("Islam will one day be the second religion.", "one day", "DATE", "FUTURE_REF"),
    ("The rain lasted one day.", "one day", "DURATION", "P1D"),
    ("Profit rose in FY2023.", "FY2023", "DATE", "2023"),
])
def test_general_forms(text, span, type_, value):
    one(text, text=span, type=type_, value=value)


def test_clock_with_a_zone_keeps_the_zone_in_the_span():
    one("The drone struck at 0735 GMT.", text="0735 GMT", type="TIME", value="2024-01-25T07:35")
    one("The briefing starts at 2:30 p.m. ET.", text="2:30 p.m. ET", type="TIME", value="2024-01-25T14:30")


def test_new_forms_leave_near_misses_alone():
    # an age is not a duration in TimeML practice; "every" before a noun is no set; "13/13" is no date
    assert extract_timexes("A 42-year-old man was hurt.", "a1", ANCHOR) == []
    assert extract_timexes("Every soldier came home.", "a1", ANCHOR) == []
    assert extract_timexes("The code 31/13/2024 is wrong.", "a1", ANCHOR) == []
    assert [t.text for t in extract_timexes("Sales in Q5 rose.", "a1", ANCHOR)] == []


_ROOT = Path(__file__).resolve().parent.parent
_TBAQ = _ROOT.parent / "shared" / "datasets" / "tempeval3" / "TBAQ-cleaned"


@pytest.mark.skipif(not _TBAQ.is_dir(), reason="TempEval-3 TBAQ-cleaned not beside the repository")
def test_tbaq_check_ids_follow_the_committed_rule(monkeypatch):
    """bench/timex.py cuts TBAQ by document: a third of each sub-corpus, seeded; the ids are committed."""
    monkeypatch.setattr(sys, "path", [*sys.path, str(_ROOT / "bench")])  # benchlib, after the stdlib
    spec = importlib.util.spec_from_file_location("bench_timex", _ROOT / "bench" / "timex.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    committed = set((_ROOT / "bench" / "splits" / "tbaq_check.txt").read_text().split())
    assert bench.split_rule(_TBAQ) == committed
    for sub in bench.SUBCORPORA:
        ids = {p.stem for p in (_TBAQ / sub).glob("*.tml")}
        assert round(len(ids) / 3) == len(ids & committed)


def test_bare_units_before_later_or_after_are_dated_from_the_story():
    """"days later": near the day the story told last (the month); with none told, a past reference."""
    text = "The bomb went off on Jan. 12, 2024. Days later, police arrested two men."
    one(text, text="Days", type="DATE", value="2024-01", rule="vague-offset-month")
    one("Weeks before the vote, the minister quit.", text="Weeks", type="DATE", value="PAST_REF")
    one("Police arrived hours later.", text="hours", type="DATE", value="PAST_REF")


def test_compound_weekdays_and_parts_of_day():
    text = "Flights leave on Monday and Tuesday nights."
    one(text, text="Monday", type="SET", value="XXXX-WXX-1TNI")
    one(text, text="Tuesday nights", type="SET", value="XXXX-WXX-2TNI")
    one("The market closed at 4 p.m. EDT on Friday, Jan. 19.", text="4 p.m. EDT on Friday, Jan. 19",
        type="TIME", value="2024-01-19T16:00")
    # a part of the day named alone belongs to the day the story tells about
    text = "The drone hit the base on Jan. 20, 2024. In the evening, a second one came."
    one(text, text="the evening", type="TIME", value="2024-01-20TEV")
    assert [t.text for t in extract_timexes("He read it in the morning paper.", "a1", ANCHOR)] == []


def test_a_unit_after_a_quantity_is_a_rate():
    """"1,000 barrels a day" is a set (a frequency); "in a year", "for a week" stay lengths."""
    one("Output is 1,000 barrels a day.", text="a day", type="SET", value="P1D")
    one("Qantas plans four flights a week.", text="a week", type="SET", value="P1W")
    one("Prices rose 3 percent in a year.", text="a year", type="DURATION", value="P1Y")
    one("The 2 men met for a week.", text="a week", type="DURATION", value="P1W")
    one("Five of them left a year ago.", text="a year ago", type="DATE", value="2023")


def test_year_ranges_give_each_year():
    found = [(t.text, t.value) for t in extract_timexes("Sales fell in 2012-13 and in the 1939-1945 war.", "a1", ANCHOR)]
    assert found == [("2012", "2012"), ("13", "2013"), ("1939", "1939"), ("1945", "1945")]
    # a month written with digits, or a number that cannot close the range, is no range
    assert [t.text for t in extract_timexes("See the 2012-03 report.", "a1", ANCHOR)] == []
    assert [t.text for t in extract_timexes("In 2012-10 shares fell.", "a1", ANCHOR)] == []


def test_coordinated_month_and_holiday_with_a_year():
    one("The riots broke out in May and June 2011.", text="May", value="2011-05")
    one("Prices peaked between March and May 2012.", text="March", value="2012-03")
    one("Sales peaked at Christmas 2010.", text="Christmas 2010", value="2010-12-25")
