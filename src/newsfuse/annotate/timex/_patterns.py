"""Vocabulary and compiled patterns for temporal expressions (immutable constants).

The patterns only find candidate spans; :mod:`newsfuse.annotate.timex._core` picks the
longest non-overlapping candidates and normalises them. Spans follow TimeML
extent practice: modifiers ("late", "early", "about", "at least") and the
determiner of a noun phrase ("the past two months") are inside the span,
prepositions ("on", "since", "in") are not.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ...lexicons import cardinals, months, scales, tens, weekdays

__all__ = ["PATTERNS", "TRIGGERS", "MONTHS", "WEEKDAYS", "NUMBERS", "UNITS", "SEASONS", "ORDINALS", "parse_number"]

MONTHS = months()
WEEKDAYS = weekdays()  # ISO: Monday = 1
#: number words of durations: "a" / "an" (one), the cardinals from one, the tens, and these
NUMBERS = MappingProxyType({
    "a": 1, "an": 1, **{w: n for w, n in cardinals().items() if n}, **tens(),
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "a half": 0.5,
})
#: vague quantities: the value gets an X ("PXM")
VAGUE = ("a few", "few", "several", "some", "many", "a number of", "numerous", "the next few",
         "recent", "coming", "the coming")
UNITS = MappingProxyType({
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "weekend": ("D", 2, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "centurie": ("Y", 100, False), "millennium": ("Y", 1000, False),
})
SEASONS = MappingProxyType({"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"})
ORDINALS = MappingProxyType({
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4,
})
PARTS_OF_DAY = MappingProxyType({
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "mid-afternoon": "AF", "mid afternoon": "AF", "midday": "MI",
})

_TENS = tuple(tens())
_ONES = tuple(w for w, n in cardinals().items() if 1 <= n <= 9)


def parse_number(word: str) -> float | None:
    """``"two"`` -> 2, ``"twenty-four"`` -> 24, ``"1.5"`` -> 1.5; None for vague words."""
    w = word.lower().strip().replace(",", "")
    if not w:
        return None
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return float(NUMBERS[w])
    parts = [p for p in re.split(r"[- ]+", w) if p != "and"]
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS and parts[1] not in _SCALES:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
    return _parse_large(parts)


_SCALES = {word: scales()[word] for word in ("hundred", "thousand")}


def _parse_large(parts: list[str]) -> float | None:
    """``["two", "hundred", "fifty"]`` -> 250; ``["two", "thousand"]`` -> 2000; None otherwise."""
    if not any(p in _SCALES for p in parts):
        return None
    total, current = 0, 0
    for p in parts:
        if p in _SCALES:
            current = (current or 1) * _SCALES[p]
            if _SCALES[p] == 1000:
                total, current = total + current, 0
        elif p in NUMBERS and p not in ("a", "an", "dozen"):
            current += NUMBERS[p]
        elif p in ("a", "an", "one"):
            current += 1
        else:
            return None
    return float(total + current)


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _cap_alt(words) -> str:
    """Capitalised or upper-case forms only (months and weekdays are proper nouns)."""
    forms = set()
    for w in words:
        forms.add(w.capitalize())
        forms.add(w.upper())
    return _alt(forms)


_MONTH_FULL = _cap_alt(w for w in MONTHS if len(w) > 4 or w in ("june", "july", "may"))
_MONTH_ABBR = _cap_alt(w for w in MONTHS if len(w) <= 4 and w not in ("june", "july", "may"))
# "Jan." / "Sept" / "January"; May/March alone are checked for context in the normaliser
MONTH = rf"(?:(?:{_MONTH_ABBR})\.?|(?:{_MONTH_FULL}))"
WEEKDAY = rf"(?:{_cap_alt(WEEKDAYS)})"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_SMALL_WORD = rf"(?:(?:{_alt(_TENS)})[- ](?:{_alt(_ONES)})|{_alt(NUMBERS)})"
_NUM_WORD = _SMALL_WORD
#: "two hundred", "one hundred and fifty", "two thousand": a scale word after a small number word
_LARGE_WORD = (rf"(?:{_SMALL_WORD}[- ](?:hundred|thousand)(?:[- ](?:and[- ])?(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES)}))?"
               rf"|{_alt(_ONES)}|ten|eleven|twelve)(?![\w-]))?)")
NUM = rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{_NUM_WORD})"
VAGUE_RE = rf"(?:{_alt(VAGUE)})"
UNIT = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))"
SEASON = rf"(?:{_alt(SEASONS)})"
PART = r"(?:morning|afternoon|evening|night|overnight)"
MOD = (r"(?:(?:about|around|approximately|roughly|nearly|almost|some|over(?!\s+(?:the|these|those|that|this|past|last|recent)\b)|more than|less than|"
       r"fewer than|at least|at most|up to|no more than|no less than|just over|just under|"
       r"well over|only|just|barely|under|close to|the better part of)\s+)")
ORD = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"
TZ = r"(?:\s+(?:[ECMP][SD]?T\b|GMT|UTC|local time|Baghdad time|[A-Z]{2,4}T))"
CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|A\.M\.?|P\.M\.?)|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)"
         r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:GMT|UTC|hours\b|hrs\b)))")
DAYREF = rf"(?:{WEEKDAY}|(?i:today|yesterday|tomorrow|tonight))"
HOLIDAY = (r"(?:Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|Thanksgiving(?: Day)?|Independence Day|Labor Day|"
           r"Memorial Day|Election Day|Valentine's Day|Halloween|Easter(?: Sunday| Monday)?|Good Friday|"
           r"Palm Sunday|Mother's Day|Father's Day|Martin Luther King(?: Jr\.)? Day|Presidents'? Day|"
           r"Veterans Day|Columbus Day|Boxing Day|Bastille Day|May Day)")

_I = "(?i:{})".format


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: (kind, pattern). Order breaks ties between candidates of equal span.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # ---- times of day: "5 p.m.", "10:35 a.m. EST Tuesday", "noon Thursday"
    ("clock", _c(rf"(?<![\w$.,])(?:{_I('around|about|at about|shortly after|shortly before|just after|just before')}\s+)?"
                 rf"(?P<clock>{CLOCK}|{_I('noon|midnight|midday')}){TZ}?"
                 rf"(?:,?\s+(?:{_I('on')}\s+)?(?P<day>(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAYREF}|{_I('ten days ago')}))?"
                 rf"(?:\s+(?P<inpart>{_I('in the morning|in the afternoon|in the evening|at night')}))?")),
    # ---- rates: "1,000 barrels a day", "$5 million a year", "four flights a week": a set, not a length
    ("rate", _c(r"(?<![\w.,])(?:\$?\d[\d,.]*|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?))"
                r"(?:\s+(?:million|billion|thousand|[a-z]+)){0,3}?\s"
                r"(?<!\bin\s)(?<!\bfor\s)(?<!\bwithin\s)(?<!\bover\s)(?<!\bthan\s)(?<!\bof\s)(?<!\bafter\s)(?<!\bbefore\s)"
                r"(?<!\bto\s)(?<!\bat\s)(?<!\bby\s)(?<!\bfrom\s)(?<!\bunder\s)(?<!\babout\s)(?<!\bonly\s)(?<!\bjust\s)"
                r"(?<!\bnearly\s)(?<!\bfor\s)(?<!\bup\s)(?<!\bwith\s)(?<!\bthan\s)(?<!\bis\s)(?<!\bwas\s)"
                r"(?P<span>an?\s+(?P<unit>year|month|week|day|hour|minute))\b"
                r"(?![\w-]|\s+(?:ago|earlier|later|before|after|and a half|or so|or two|or more|from|in|of)\b)")),
    # ---- absolute dates
    ("mdy", _c(rf"(?<![\w.])(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY})(?!\d),?\s+(?P<year>{YEAR})(?!\d)")),
    ("dmy", _c(rf"(?<![\w.])(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})(?!\d)")),
    ("md", _c(rf"(?<![\w.])(?:(?P<rel>{_I('this coming|this|next|last')})\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY})(?!\d|:\d)(?!\s*(?:,\s*)?(?:{YEAR}))")),
    ("dm", _c(rf"(?<![\w.$])(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})(?![\w])")),
    ("iso", _c(r"(?<![\w\-/])(?P<year>1[6-9]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\w\-])")),
    ("slash", _c(r"(?<![\w/.])(?P<month>0?[1-9]|1[0-2]|1[3-9]|2\d|3[01])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19|20)?\d\d)(?![\w/])")),
    ("my", _c(rf"(?<![\w.])(?:(?P<mod>{_I('early|late|mid|the middle of|the end of|the beginning of|the start of')})[- ]?\s*)?(?P<month>{MONTH}),?\s+(?:{_I('of')}\s+)?(?P<year>{YEAR})(?!\d)")),
    ("month_rel", _c(rf"(?<![\w.])(?:(?P<mod>{_I('early|late|mid|the middle of|the end of|the beginning of|the start of')})[- ]?\s*)?(?P<month>{MONTH})\s+(?P<rel>{_I('this year|last year|next year|of this year|of last year|of next year')})")),
    ("month", _c(rf"(?<![\w.])(?:(?P<rel>{_I('last|next|this|this past|this coming|early|late|mid|the middle of|the end of|the beginning of|the start of|early last|late last|early next|late next')})[- ]?\s*)?(?P<month>{MONTH})(?![\w])(?!\s*\d)")),
    # ---- years, decades, centuries
    ("year", _c(rf"(?<![\w$€£.,/-])(?:(?P<mod>{_I('fiscal year|fiscal|FY|early|late|mid-|mid|the end of|the beginning of|the start of|the middle of|the summer of|the spring of|the fall of|the autumn of|the winter of|post-|pre-')})\s*)?"
                rf"(?P<year>{YEAR})(?![\w%]|,\d|\.\d|-(?!(?:\d\d|{YEAR})(?![\w.,-]))\d|\s*(?:%|percent|per cent))")),
    ("spelled_year", _c(rf"(?:(?P<month>{MONTH})\s+|{_I('the')}\s+(?P<season>{_I(SEASON)})\s+{_I('of')}\s+)?" + _I(rf"\b(?:the year\s+)?(?P<c>nineteen|twenty)[- ](?:hundred[- ](?:and[- ])?)?(?P<y>(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES)}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[- ](?:{_alt(_ONES)}))\b|\bthe year two thousand(?:[- ]and[- ](?P<y2>{_alt(_ONES)}))?\b"))),
    ("year_end", _c(_I(r"\b(?:around\s+)?(?:the end of (?P<rel>this|the|last|next) year|year-end|year end|year's end)\b"))),
    ("the_weekend", _c(_I(r"\bthe weekend\b"))),
    # "for the year", "the full year", "the fiscal year ended Sept. 30" (a reporting period: a length)
    ("the_year", _c(r"(?<![\w-])(?:(?P<pre>[Ee]arlier|[Ll]ater) in )?[Tt]he (?:(?:full|fiscal|whole|entire) )?year"
                    r"(?![\w-]|'s|\s+(?:of|before|after|earlier|ago|in which|when|that|two|nineteen)\b|\s+\d)"
                    r"(?P<ended>(?=,?\s+(?:ended|ending|that ended|to date)\b))?")),
    ("decade", _c(rf"(?<![\w$])(?:(?P<the>{_I('the')})\s+)?(?:(?P<mod>{_I('early|late|mid')})[- ])?(?P<decade>(?:1[0-9]|20)\d0|'\d0)'?s(?![\w])")),
    ("decade_words", _c(_I(r"\bthe\s+(?:(?P<mod>early|late|mid)[- ])?(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"))),
    ("century", _c(rf"(?<![\w])(?:{_I('the')}\s+)?(?P<n>\d\d?)(?:st|nd|rd|th)\s+{_I('century')}")),
    ("thiscentury", _c(_I(r"\b(?:this|the last|the past|the next|last|next) century\b"))),
    # ---- quarters
    ("quarter", _c(_I(rf"\b(?:(?:the|this|last|next|a flat|(?P<ownyr>this year's|last year's|next year's))\s+)?(?:(?P<pyear>{YEAR})\s+)?(?:(?:fiscal|latest|current)\s+)?"
                      rf"(?P<q>{ORD})[- ](?:fiscal[- ])?quarters?(?![\w-])(?:\s+of\s+(?:(?:fiscal|the fiscal year)\s+)?(?P<year>{YEAR}|this year|last year|next year))?"))),
    ("quarter_code", _c(rf"(?<![\w-])(?:(?P<pyear>{YEAR})\s+)?(?P<q>Q[1-4])(?:\s+(?P<year>{YEAR}))?(?P<ownyr>(?!))?(?![\w-])")),
    ("quarter_ctx", _c(_I(r"\b(?:the year-earlier|the year-ago|the year earlier|the comparable|the same|the corresponding|the latest|last year's|the|this|that|the current|the previous|the prior|the most recent|the (?P<pyear>1[6-9]\d\d|20\d\d))\s+(?P<what>quarter|period)(?:\s+(?P<ly>last year|a year (?:earlier|ago)))?(?![\w-])"))),
    ("half", _c(_I(rf"\b(?:the\s+)?(?P<h>first|second|last|1st|2nd)\s+half\s+of\s+(?:(?:the|fiscal)\s+)?(?P<year>{YEAR}|this year|last year|next year|the year)\b"))),
    ("narrative_offset", _c(_I(rf"\b(?:{MOD})?(?P<n>{NUM}|a few|several)\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier)\b"))),
    ("year_ago", _c(_I(rf"\b(?:{MOD})?(?:(?P<n>{NUM}|{VAGUE_RE})\s+)?(?P<unit>{UNIT})s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|from now|hence)\b"))),
    ("year_earlier_adj", _c(_I(r"\b(?:the\s+)?year-(?:earlier|ago)\b(?!\s+(?:quarter|period))"))),
    # ---- relative to the anchor
    ("relday", _c(_I(rf"\b(?:(?P<pre>early|late|later|earlier|mid-afternoon|mid afternoon|the day before|the day after)\s+)?(?P<day>today|tonight|yesterday|tomorrow)(?:'s)?(?:\s+(?P<part>{PART}))?\b"))),
    ("thispart", _c(_I(rf"\b(?:(?P<pre>early|late|later|earlier)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{PART})\b"))),
    ("relunit", _c(_I(rf"\b(?:(?P<pre>early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of)[- ]?\s*)?(?P<rel>this|last|next|the past|the last|the coming|the next|the current|current|the previous|previous|the following|following|the same|that|the latest|this past|this coming)\s+(?:fiscal\s+)?(?P<unit>week|month|year|decade|weekend|summer|winter|spring|fall|autumn)(?![\w-])"))),
    ("weekday", _c(rf"(?<![\w])(?:(?P<rel>{_I('last|next|this|this past|this coming|the previous|the following|the next|early|late|earlier|later|each|every')})\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?(?:'s)?(?:\s+(?P<part>{_I(PART)})(?P<partpl>s)?)?(?![\w])")),
    ("season", _c(_I(rf"\b(?:(?P<pre>early|late|mid|the|this|last|next|this past|this coming|the early|the late)[- ]?\s*)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?\b(?!-)"))),
    ("holiday", _c(rf"(?<![\w])(?:(?P<rel>{_I('last|next|this|this past')})\s+)?(?P<h>{HOLIDAY})(?:\s+(?P<week>{_I('week')})|,?\s+(?P<year>{YEAR})(?!\d))?(?![\w])")),
    # "the end of the month", "the start of the week": the anchor's month or week
    ("edge_of", _c(_I(r"\bthe\s+(?:end|beginning|start|middle|rest|remainder)\s+of\s+the\s+(?P<unit>week|month)\b"))),
    # "in the evening", "by late afternoon": a part of the day the story is telling about
    ("part_of_ref_day", _c(_I(r"\b(?:in|during|by)\s+(?P<span>(?:the\s+)?(?:(?P<pre>early|late|mid-)\s*)?(?P<part>morning|afternoon|evening))\b"
                              r"(?!-|\s+(?:of|news|paper|papers|show|edition|session|rush|trading|shift|prayers?)\b)"))),
    # ---- relative to the narrative's reference time: "the next day", "that same morning", "the week of March 6"
    ("week_of", _c(rf"(?<![\w])(?:{_I('the')}\s+)?{_I('week')}\s+{_I('of')}\s+(?P<day>{MONTH}\s*{DAY}(?:,?\s+{YEAR})?)(?![\d])")),
    ("narrative", _c(_I(rf"\b(?:(?P<pre>earlier|later|early|late)\s+(?:on\s+|in\s+)?)?(?P<rel>that same|that very|that|the same|the next|the following|the previous|the preceding|the prior)\s+(?P<unit>day|morning|afternoon|evening|night)(?![\w-])"))),
    # ---- durations: "three days", "the past several months", "five-hour", "a decade"
    ("duration", _c(_I(rf"\b(?:{MOD})?(?:(?P<det>the|these|those|that|this)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|following|final|recent|remaining|ensuing|initial)\s+)?"
                       rf"(?P<n>{NUM}|{VAGUE_RE})(?:\s+and\s+a\s+half)?\s+(?:(?:more|additional|full|straight|consecutive|long|trading|business|working|school)\s+)?(?P<unit>{UNIT})s?(?:\s+(?:or so|and a half))?(?![\w-])"))),
    ("duration_large", _c(_I(rf"\b(?:{MOD})?(?:(?P<det>the|these|those)\s+)?(?:(?P<rel>past|last|next|first)\s+)?"
                             rf"(?P<n>{_LARGE_WORD})\s+(?P<unit>{UNIT})s?(?![\w-])"))),
    ("duration_nonum", _c(_I(rf"\b(?:{MOD})?(?:(?P<det>the|these)\s+)?(?P<rel>past|last|next|coming|recent|first)\s+(?P<unit>{UNIT})s(?![\w-])"))),
    ("duration_adj", _c(_I(rf"\b(?P<n>\d+(?:\.\d+)?|{_NUM_WORD}|several|multi)-(?P<unit>{UNIT})(?:-long)?(?![\w]|-[a-z])"))),
    # "a quarter century": 25 years (not the financial quarter)
    ("quarter_century", _c(_I(rf"\b(?:{MOD})?(?:a|one)\s+quarter[- ]century\b"))),
    # "days later", "weeks before the shooting": a vague stretch from the story's reference time
    ("vague_offset", _c(_I(r"\b(?P<unit>minutes|hours|days|weeks|months|years)(?=\s+(?P<dir>later|earlier|after|before)\b)"))),
    ("duration_long", _c(_I(rf"\b(?P<unit>{UNIT}s?)-long\b"))),
    ("duration_plural", _c(_I(rf"\b(?:for|within|over|in|took|takes|lasted)\s+(?P<span>(?:(?<=over\s)the\s+)?(?P<unit>days|weeks|months|years|decades|hours|minutes|centuries))(?![\w-])"))),
    # "the weeks ahead": an unspecified length still to come
    ("duration_ahead", _c(_I(r"\bthe\s+(?P<unit>days|weeks|months|years)\s+ahead\b"))),
    # ---- sets
    ("set", _c(_I(rf"\b(?:(?P<n>{NUM})\s+times\s+a\s+|(?P<twice>once|twice)\s+a\s+|every\s+(?:other\s+|(?P<every>{NUM})\s+(?=\w+s\b))?|each\s+|per\s+)(?P<unit>{UNIT}s?|{SEASON}|{_alt(WEEKDAYS)}|{_alt(m for m in MONTHS if len(m) > 3)})\b"))),
    ("set_adv", _c(_I(r"\b(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)\b(?!\s+(?:newspaper|paper|news|mail|bread))"))),
    # ---- reference points
    ("ref", _c(_I(r"\b(?:(?P<present>right now|just now|now|currently|at present|presently|these days|nowadays|at the moment|the present|current(?=\s+[a-z]))|(?P<past>more recently|recently|the past|formerly|the old days)|(?P<future>the near future|the future|the foreseeable future|the near term|the short term|as soon as possible|a later date))\b(?!-)"))),
)


def _t(pattern: str, back: int = 50, ahead: int = 40) -> tuple[re.Pattern[str], int, int, bool, bool]:
    """A trigger: regex, reach back and ahead, whether it runs on the lower-cased text, whether a hit must start a word.

    A case-insensitive trigger runs case-sensitive on the lower-cased text (several times faster).
    """
    lower = pattern.startswith("(?i)") and pattern[4:] == pattern[4:].lower()
    if lower:
        pattern = pattern[4:]
    # a leading \b stops the regex engine's fast scan for the first character: the caller checks
    # the word start instead (only when no top-level alternative could start inside a word)
    word_start = pattern.startswith(r"\b") and not _top_level_branch(pattern)
    if word_start:
        pattern = pattern[2:]
    return re.compile(pattern), back, ahead, lower, word_start


def _top_level_branch(pattern: str) -> bool:
    depth = 0
    for i, ch in enumerate(pattern):
        if ch == "\\" or (i and pattern[i - 1] == "\\"):
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            return True
    return False


_UNIT_TRIGGER = _t(r"(?i)\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni)", 70, 30)
_MONTH_TRIGGER = _t(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)", 40, 40)
_QUARTER_TRIGGER = _t(r"(?i)quarter|period|half", 50, 40)

#: a cheap regex per kind, with how far before and after a hit the full pattern may
#: reach: the full pattern only runs in windows around the hits. Kinds not listed
#: scan the whole text. See :func:`_t` for the two flags.
TRIGGERS: MappingProxyType = MappingProxyType({
    "clock": _t(r"(?i)\d:\d\d|\d\s*[ap]\.?m\b|noon|mid(?:night|day)|\d{4}\s+(?:gmt|utc|hours\b|hrs\b)", 30, 50),
    "mdy": _MONTH_TRIGGER, "dmy": _MONTH_TRIGGER, "md": _MONTH_TRIGGER, "dm": _MONTH_TRIGGER,
    "my": _MONTH_TRIGGER, "month_rel": _MONTH_TRIGGER, "month": _MONTH_TRIGGER,
    "iso": _t(r"\d-\d", 10, 10), "slash": _t(r"\d/\d", 10, 10),
    "year": _t(r"(?:1[6-9]|20)\d\d", 30, 10),
    "spelled_year": _t(r"(?i)\b(?:nineteen|twenty|two thousand)", 20, 50),
    "year_end": _t(r"(?i)year(?:-| |'s )end|end of", 20, 20), "the_weekend": _t(r"(?i)weekend", 15, 5),
    "the_year": _t(r"(?i)\bthe (?:full |fiscal |whole |entire )?year\b", 20, 40), "decade": _t(r"0'?s\b|'\d0", 30, 10),
    "century": _t(r"(?i)century", 20, 5), "thiscentury": _t(r"(?i)century", 20, 5),
    "quarter": _QUARTER_TRIGGER, "quarter_ctx": _QUARTER_TRIGGER, "half": _QUARTER_TRIGGER,
    "year_ago": _t(r"(?i)\b(?:ago\b|earlier|from now|hence)", 70, 10),
    "year_earlier_adj": _t(r"(?i)year-", 10, 10),
    "relday": _t(r"(?i)to(?:day|night|morrow)|yesterday", 30, 20),
    "thispart": _t(r"(?i)morning|afternoon|evening|night", 30, 5),
    "relunit": _t(r"(?i)\b(?:week|month|year|decade|summer|winter|spring|fall|autumn)", 50, 10),
    "weekday": _t(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day", 20, 20),
    "season": _t(r"(?i)\b(?:spring|summer|fall|autumn|winter)", 20, 20),
    "holiday": _t(r"Christmas|New Year|Thanksgiving|Independence|Labor|Memorial|Election|Valentine|Halloween|Easter|"
                  r"Good Friday|Palm Sunday|Mother|Father|Luther King|Presidents|Veterans|Columbus|Boxing|Bastille|May Day",
                  20, 30),
    "edge_of": _t(r"(?i)\bof the (?:week|month)\b", 40, 5),
    "quarter_code": _t(r"Q[1-4]", 10, 10),
    "part_of_ref_day": _t(r"(?i)(?:morning|afternoon|evening)\b", 40, 40),
    "rate": _t(r"(?i)\ban? (?:year|month|week|day|hour|minute)\b", 60, 5),
    "week_of": _t(r"(?i)\bweek of\b", 10, 30),
    "narrative": _t(r"(?i)\b(?:day|morning|afternoon|evening|night)\b", 40, 5),
    "narrative_offset": _t(r"(?i)\b(?:later|earlier)\b", 70, 5),
    "decade_words": _t(r"(?i)ties\b", 20, 5),
    "duration": _UNIT_TRIGGER, "duration_nonum": _UNIT_TRIGGER,
    "duration_large": _t(r"(?i)\b(?:hundred|thousand)\b", 60, 40),
    "duration_adj": _t(r"(?i)-(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur)", 30, 20),
    "quarter_century": _t(r"(?i)quarter[- ]century", 40, 5),
    "vague_offset": _t(r"(?i)s\s+(?:later|earlier|after|before)\b", 10, 5),
    "duration_long": _t(r"(?i)s?-long\b", 20, 5),
    "duration_plural": _t(r"(?i)\b(?:days|weeks|months|years|decades|hours|minutes|centuries)\b", 20, 5),
    "duration_ahead": _t(r"(?i)\bahead\b", 30, 5),
    "set": _t(r"(?i)\b(?:every|each|per|times a|once a|twice a)\b", 30, 30),
    "set_adv": _t(r"(?i)(?:dai|week|month|annual|year|hour|night|quarter)ly\b", 10, 30),
    "ref": _t(r"(?i)\b(?:now|current|present|recent|formerly|past|future|these days|moment|old days|term\b|soon as|later date)", 30, 30),
})
