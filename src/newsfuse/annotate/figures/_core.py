"""Figures: reported quantities with what they count.

:func:`extract_figures` reads a parsed article and returns one
:class:`~newsfuse.records.FigureMention` per quantity a reader would compare
across reports. It changes nothing and keeps no state.

Values
    Digits ("2,500", "1.5"), words ("three", "twenty-five"), scales ("1.5 million",
    "$5.4bn", "50k", "4 hundred", South Asian "Rs 500 crore", "2 lakh"), fractions ("a third of", "two thirds", "two-thirds"), currencies before or after ("$", "S$", "RM",
    "euros", "yen"), units ("%", "per cent", "km", "mph", "sq m"...).
    Vague plurals take the smallest plural of their unit with qualifier
    ``about``: "dozens" = 24, "scores" = 40, "hundreds" = 200, "thousands" = 2,000,
    "tens of thousands" = 20,000, "millions" = 2,000,000 (only when followed by
    "of"/"more"). Ranges ("between 20 and 30", "from 20 to 30", "20-30",
    "33-35 billion", "$10-12 billion": a scale written once serves both ends unless the low
    end would pass the high one, "from $200 to $4 million") give ``value`` = low, ``value_max``
    = high, qualifier ``range``.

Qualifiers (cue written just before, or after, the value)
    ``about``: about, around, roughly, approximately, some, an estimated, close to,
    nearly, almost, barely, "or so" (nearly/almost say the true value is close,
    not a bound, so they are ``about``). ``more_than``: more than, over, above, in
    excess of, upwards of. ``less_than``: less than, fewer than, under, below,
    "sub-". ``at_least``: at least, no fewer than, "or more", "500+".
    ``at_most``: up to, at most, no more than, as many as. Otherwise ``exact``.

Units
    money -> the currency ("dollar", "euro", "japanese yen"); percentages ->
    "percent"; measurements -> the unit name ("kilometre", "square metre", "pint", "knot",
    "decibel", "light-year"; feet written as a prime glued to digits, "30' when");
    counts -> the singular lemma of the counted noun ("troop", "attack",
    "person"; not a time that "last"/"this"/"next" pins: "rose to 45,000 last year"); "attacked 150 times" -> the event noun of the verb ("attack");
    an elided noun ("2,500 troops in Iraq and about 900 in Syria", "killed three
    troops and wounded 34") is taken from the count before it in the sentence.
    A bare number with none of these gets unit "" and is kept only when written
    in digits, unless it is paired with an amount that has one: "8 or $9",
    "280 million of the 1.5 billion shekels", "1,463.87 points ... to 1,333.18"
    (a following amount joined by or/to/of/up/down, or a preceding one, percentages
    skipped, joined by to/at/versus/and). A bare number converted into money in brackets
    is money, never an elided count, in the currency of an earlier amount converted the same
    way ("2,435,000 YEN ($22,480) for the manual and 2,380,000 ($21,972) for the CVT"), never in
    the currency it is converted into. "$48,000 and $90,000 a year" is one range in
    "dollar per year"; "5 percent a year" (or "per annum") is "percent per year", but "3.9% a year ago" is a time.

Not figures
    dates and parts of dates ("December 8", "Jan. 25"), years (1800-2100 written
    as plain digits with no unit, unless a plural noun follows: "2000 people"),
    times ("10:30", "3 p.m."), ordinals ("2nd"), phone numbers, numbers inside
    names (after a capitalised naming word or inside a named entity: "Tower 22",
    "Resolution 2334", "COVID-19", "5G", "its new HIV 2 drug regimen"; a second number in a phrase
    whose noun another number already counts: "two new 737 Max jets"; in a sentence written
    without capitals, after a noun compounded with it: "the sp 500 is poised"); a number word written with a
    capital next to another capitalised word: "the Kick Six win", not in a title-case headline), ages ("44-year-old", "aged 44",
    "Nick Hague 44": kept only with ``with_ages=True``), numbers written in
    words that count nothing ("one of them", "one of the loudest voices": kept only with
    ``with_one_of=True``), words that only modify ("a five-year plan", "one 52,000 barrel-a-day refinery", where
    "one" stands for "a"; "three 20,000-ton ships" counts ships), and a small count
    named with a definite word, which points back at a set the reader already knows ("the two
    countries agreed", "their three children": kept only with ``with_references=True``;
    casualties are kept: "the three soldiers killed").
    The rule: a number is a figure when a reader could compare it across reports
    as an amount of something. Dates, times, ordinals and ages name a point or a
    rank, not an amount, so they are left out, while durations ("200 days", "more
    than 30 years") and counts of events ("attacked 150 times") are figures.
    Casualties are figures ("killed three US troops and wounded 34" gives keys
    "troop killed" and "troop wounded"), which the events stage reads for its
    killed / injured counts.

Measure, key, scope, date
    ``measure`` is the counted noun with its modifiers, prepositional phrases and
    participles ("US troops deployed in Iraq"), with the role the governing verb
    gives it: casualties ("US troops killed in the attack against Tower 22"),
    agents ("Spanish military personnel who trained members of ..."), owners
    ("Spain's soldiers in Iraq"), tallies ("attacks on US-led coalition forces in
    Iraq and Syria since mid-October"). For amounts it is the thing measured
    ("net worth", "revenue"); a change measures the object that changed ("raised its rate by 25
    basis points" -> "its rate"), a price what it pays for ("paid £89m for Pogba"; a conjoined price
    what its own "for" phrase names: "$20 for adults and $10 for children"). A conjoined verb with
    no subject in the parse takes the subject written in its own clause ("Healthcare dropped 1.61%,
    while energy, last year's worst sector, fell 0.94%" -> "energy"), else the first verb's. What a figure
    measures or is about is never another figure of the sentence (its number or unit); a conjunct
    measures what the first conjunct does ("between 15.5 cm and 23.5 cm across"). ``measure_key`` is the noun's lemma with synonyms
    merged (soldier/personnel/forces -> troop) plus the casualty participle
    ("troop killed") or the agent's verb ("troop (train)"). ``scope`` lists the
    places and nationalities in the measure (demonyms as country names:
    ("spain", "iraq")). ``as_of`` is a date written in the sentence (resolved
    against ``published``; a date after "since" is a start, not the as-of date),
    else ``published`` ("so far", "since October 17" describe the day of publication).

About
    ``about`` names whom or what the figure is about, the owner or subject a
    reader would name with it ("Duly has more than 900 doctors" -> "Duly",
    "Facebook, which has 2.2 billion users" -> "Facebook"), empty when the
    figure is itself the subject ("300 residents were evacuated") or the subject
    is a pronoun (rules in :mod:`newsfuse.annotate.figures._about`). A conversion
    in brackets ("1.23 billion shekels ($330 million)") measures what the figure
    before it measures; a bracketed aside with no noun of its own ("for $149.36 (Save
    $303.63)") is about what the figure before it is about.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...lexicons import months
from ...records import FigureMention
from ._dates import as_of_date, trend
from ._doc import doc_text, expr_span, sent_ents, value_tokens
from ._lexicon import CASUALTY_VERBS
from ._measure import counted_noun, describe
from ._nonfigures import is_appositive_age, non_figure_reason
from ._about import about_words
from ._values import RawValue, find_values
from ..sentences import sentences

__all__ = ["count_start", "extract_figures", "figure_trend", "figure_values"]

_ELISION_CUE = re.compile(r"\b(and|or|while|but|including|compared with|compared to|versus|vs\.?"
                          r"|against|from|with)\b|,|;", re.I)


_BRACKETED = re.compile(r"\s*[(\[]\s*")


def figure_values(doc: Doc) -> list[RawValue]:
    """Every number expression of the document, sentence by sentence (figures or not)."""
    out: list[RawValue] = []
    for sent in sentences(doc):
        out.extend(find_values(sent.text, base=sent.start_char))
    return out


def extract_figures(doc: Doc, article: str, published: str | None = None, *,
                    with_ages: bool = False, with_one_of: bool = False,
                    with_references: bool = False) -> list[FigureMention]:
    """The figures of one parsed article (``doc = nlp(text)``), in text order.

    ``published`` (ISO date) anchors relative dates and is the ``as_of`` of figures
    whose sentence gives no date. ``with_ages`` keeps ages (unit "year of age");
    ``with_one_of`` keeps "one of the N" ("one of the realest conversations" = 1
    conversation), which counts nothing a reader would compare and is left out by default;
    ``with_references`` keeps "the two countries" (a set named again, not a count reported).
    """
    figures: list[FigureMention] = []
    for sent in sentences(doc):
        counted: list[tuple[RawValue, Token]] = []
        found: list[tuple[RawValue, FigureMention]] = []
        raws = find_values(sent.text, base=sent.start_char)
        tokens = _figure_tokens(doc, raws)
        for k, raw in enumerate(raws):
            others = frozenset().union(*(toks for j, toks in enumerate(tokens) if j != k))
            money = k + 1 < len(raws) and _converted(doc_text(doc), raw, raws[k + 1])
            figure = _figure(doc, sent, raw, counted, article, published, with_ages, with_one_of,
                             with_references, others, money)
            if figure is None:
                continue
            figure = _same_quantity(doc, found[-1][1] if found else None, figure)
            as_of = as_of_date(doc, sent, published, near=figure.start)
            found.append((raw, figure if as_of is None else replace(figure, as_of=as_of)))
        figures.extend(_shared_units(doc_text(doc), found))
    return figures


def _figure_tokens(doc: Doc, raws: list[RawValue]) -> list[frozenset[int]]:
    """The tokens (number, cue, unit) of each value of a sentence that may be a figure; empty for
    dates, years, times and names, which can be part of what a figure measures ("the 2003 Iron Bowl")."""
    out = []
    for raw in raws:
        if non_figure_reason(doc, raw) is not None:  # "a four-bedroom house": words of the phrase
            out.append(frozenset())
            continue
        out.append(frozenset(t.i for t in expr_span(doc, raw)))
    return out


_UNIT_BEFORE = re.compile(r"\s*(?:or|to|-|–|of(?: the)?|up|down)\s*")
_UNIT_AFTER = re.compile(r".*\b(?:to|at|versus|vs\.?|and)\s*$", re.S)


def _converted(text: str, raw: RawValue, nxt: RawValue) -> bool:
    """The amount is converted into money in the bracket right after it ("1.3 billion shekels
    ($350 million)", "2,380,000 ($21,972)")."""
    return nxt.unit_kind == "currency" and bool(_BRACKETED.fullmatch(text[raw.end:nxt.start]))


def _converted_like(text: str, found: list[tuple[RawValue, FigureMention]], k: int) -> str | None:
    """A bare number converted in brackets is money in the currency of an earlier amount
    converted the same way: "an MSRP of 2,435,000 YEN ($22,480) for the manual and 2,380,000
    ($21,972) for the CVT" -> yen. None when no earlier amount was converted into that currency
    (a bare "1.356 billion ($1.762bn)" names no currency of its own)."""
    if k + 1 >= len(found) or not _converted(text, found[k][0], found[k + 1][0]):
        return None
    into = found[k + 1][1].unit
    for j in range(k - 2, -1, -1):
        (raw, figure), (nxt_raw, nxt) = found[j], found[j + 1]
        if raw.unit_kind == "currency" and nxt.unit == into and raw.unit != into and \
                _converted(text, raw, nxt_raw):
            return figure.unit
    return None


def _shared_units(text: str, found: list[tuple[RawValue, FigureMention]]) -> list[FigureMention]:
    """A bare number takes the unit of an amount it is paired with: "8 or $9", "280 million of
    the 1.5 billion shekels", "16,369.03, up 58.06 points", "1,463.87 points ... to 1,333.18",
    or converted the same way ("2,435,000 YEN ($22,480) ... and 2,380,000 ($21,972)")."""
    out = [figure for _, figure in found]
    for k, (raw, figure) in enumerate(found):
        if raw.unit is not None or figure.unit:
            continue
        unit = _converted_like(text, found, k)
        if k + 1 < len(found):
            nxt_raw, nxt = found[k + 1]
            if nxt_raw.unit_kind in ("currency", "measure") and \
                    _UNIT_BEFORE.fullmatch(text[figure.end:nxt_raw.start]):
                unit = nxt.unit
        for prev_raw, prev in reversed(found[:k]):
            if unit is not None or prev_raw.unit_kind == "percent":
                continue  # "1,463.87 points, while the TA-125 climbed 0.1% to 1,333.18"
            gap = text[prev.end:raw.start]
            if prev_raw.unit_kind in ("currency", "measure") and len(gap) < 80 and \
                    _UNIT_AFTER.fullmatch(gap):
                unit = prev.unit
            break
        if unit and k + 1 < len(found) and _converted(text, raw, found[k + 1][0]) and \
                found[k + 1][1].unit == unit:
            unit = None  # "from 1.2 billion ($1.5bn) to 900 million ($1.1bn)": not in what it converts into
        if unit:
            out[k] = replace(figure, unit=unit, measure_key=figure.measure_key or unit)
    return out


def _figure(doc: Doc, sent: Span, raw: RawValue, counted: list[tuple[RawValue, Token]],
            article: str, published: str | None, with_ages: bool,
            with_one_of: bool = False, with_references: bool = False,
            others: frozenset[int] = frozenset(), money: bool = False) -> FigureMention | None:
    reason = non_figure_reason(doc, raw)
    if reason in (None, "name") and is_appositive_age(doc, raw):
        reason = "age"
    if reason == "age" and with_ages:
        return _age(doc, raw, article)
    if reason is not None:
        return None
    if raw.is_word and raw.value == 1 and re.match(r"\s+of\b", doc_text(doc)[raw.num_end:raw.num_end + 4]) \
            and not with_one_of:
        return None  # "one of the loudest voices" counts nothing
    noun = counted_noun(doc, raw) if raw.unit is None else None
    if noun is not None and noun.lower_ in ("percent", "pct"):
        noun = None
    inherited = False
    if noun is None and raw.unit is None and counted and not money:
        # a bare number converted into money in brackets is an amount, not a count whose noun
        # was left out ("... version and 2,380,000 ($21,972)")
        noun = _elided(doc, raw, counted[-1])
        inherited = noun is not None
    if noun is None and raw.unit is None and raw.is_word and not raw.vague and raw.value >= 1:
        return None
    if noun is not None and not inherited:
        counted.append((raw, noun))
    measure = describe(doc, raw, noun, elided=inherited, others=others)
    if not with_references and not inherited and _refers_back(doc, raw, noun) and \
            measure.key.split(" ")[-1] not in CASUALTY_WORDS:
        return None
    if raw.unit == "count":
        unit = measure.unit or "time"
    elif raw.unit is not None:
        unit = raw.unit
    else:
        unit = measure.unit or ""
    end = raw.end
    if noun is not None and not inherited and noun.idx >= raw.end and noun.idx - raw.end < 40:
        end = noun.idx + len(noun.text)
    return FigureMention(
        article=article, start=raw.start, end=end, text=doc_text(doc)[raw.start:end],
        value=raw.value, qualifier=raw.qualifier, unit=unit, measure=measure.words,
        value_max=raw.value_max, as_of=None, measure_key=measure.key or unit,
        scope=measure.scope, about=_about(doc, raw, noun if not inherited else None, others),
        since=count_start(measure.words),
    )


#: words that make a following count definite: it names again a set the text already gave
_DEFINITE = frozenset({"the", "these", "those", "both", "its", "their", "his", "her", "our", "my", "your"})
#: the last word of a casualty key ("troop killed"): such counts are figures however they are written
CASUALTY_WORDS = frozenset(CASUALTY_VERBS.values())
#: a count at or above this is reported, not referred to ("the 2,500 US troops in Iraq")
_REFERENCE_BELOW = 10


def _refers_back(doc: Doc, raw: RawValue, noun: Token | None) -> bool:
    """"the two countries", "their three children": a small exact count of a plural noun after a
    definite word refers back to a known set; it reports no amount a reader would compare."""
    if noun is None or raw.value >= _REFERENCE_BELOW or raw.qualifier != "exact" or raw.vague or \
            raw.unit is not None or noun.tag_ not in ("NNS", "NNPS"):
        return False
    toks = value_tokens(doc, raw)
    if not len(toks) or toks[0].i == 0:
        return False
    return doc[toks[0].i - 1].lower_ in _DEFINITE


_SINCE = re.compile(r"\bsince\s+(?:(mid|early|late)[- ])?(" + "|".join(sorted(months(), key=len, reverse=True))
                    + r")\b\.?(?:\s+(\d{1,2})\b)?", re.I)
#: the day a vague part of a month stands for ("mid-October": the 15th)
_PART_DAY = {"early": 5, "mid": 15, "late": 25}


def count_start(measure: str) -> str | None:
    """Where a running count starts, from the words of its measure: "attacks since mid-October" ->
    ``"--10-15"`` (month and day, no year: the figure's date decides the year), None when it names none."""
    m = _SINCE.search(measure)
    if m is None:
        return None
    month = months()[m.group(2).lower()]
    day = int(m.group(3)) if m.group(3) else _PART_DAY.get((m.group(1) or "").lower(), 1)
    return f"--{month:02d}-{day:02d}"


def _about(doc: Doc, raw: RawValue, noun: Token | None, others: frozenset[int] = frozenset()) -> str:
    """Whom/what the figure is about (see :mod:`._about`); ``others``: the other figures' tokens."""
    span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    anchor = noun if noun is not None else span.root
    skip = {t.i for t in span}
    if noun is not None:
        skip.add(noun.i)
    return about_words(doc, anchor, skip, money=raw.unit_kind == "currency", others=others - skip)


def _same_quantity(doc: Doc, previous: FigureMention | None, figure: FigureMention) -> FigureMention:
    """A conversion in brackets ("1.23 billion shekels ($330 million)", "15.5 cm (6.1 inches)")
    measures what the figure before it measures."""
    if previous is None:
        return figure
    between = doc_text(doc)[previous.end:figure.start]
    if not _BRACKETED.fullmatch(between):
        return _bracketed_aside(doc, previous, figure, between)
    return replace(figure, measure=previous.measure, measure_key=previous.measure_key,
                   scope=previous.scope, about=previous.about, since=previous.since)


#: a bracket opened right after a figure, with a word or two before the next figure ("(Save ")
_ASIDE = re.compile(r"\s*[(\[]\s*(?:[A-Za-z]+\s+){1,2}")


def _bracketed_aside(doc: Doc, previous: FigureMention, figure: FigureMention, between: str) -> FigureMention:
    """A bracket opened right after a figure, whose words before its own figure name nothing
    ("for $149.36 (Save $303.63)", "at $12 (up 5%)"), is an aside on the same thing: with no
    ``about`` of its own, the figure is about what the figure before it is about."""
    if figure.about or not previous.about or not _ASIDE.fullmatch(between):
        return figure
    words = doc.char_span(previous.end, figure.start, alignment_mode="contract")
    if words is None or any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return figure
    return replace(figure, about=previous.about)


def _elided(doc: Doc, raw: RawValue, previous: tuple[RawValue, Token]) -> Token | None:
    """The noun of an earlier count that this bare number shares ("... and about 900")."""
    prev_raw, noun = previous
    toks = value_tokens(doc, raw)
    if not len(toks) or raw.start < prev_raw.end:
        return None
    tok = toks[-1]
    between = doc_text(doc)[prev_raw.end:raw.start]
    if len(between) > 80:
        return None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ == "NOUN" or nxt.lower_ == "of"):
        return None
    if tok.dep_ == "conj" or (tok.dep_ in ("dobj", "pobj", "appos", "attr", "nsubj", "npadvmod",
                                           "nsubjpass", "ROOT")
                              and _ELISION_CUE.search(between)):
        return noun
    return None


def _age(doc: Doc, raw: RawValue, article: str) -> FigureMention:
    end = raw.end
    m = re.match(r"\s?-?\s?(years?|months?)[\s-]old|-(year|month)-old",
                 doc_text(doc)[raw.num_end:raw.num_end + 12], re.I)
    if m:
        end = raw.num_end + m.end()
    span = doc.char_span(raw.start, end, alignment_mode="expand")
    whom = ""
    if span is not None:
        after = span.doc[span.end:span.end + 3]
        person = [e for e in sent_ents(span) if e.label_ == "PERSON" and e.end <= span.start
                  and span.start - e.end <= 2]
        person += [e for e in sent_ents(span) if e.label_ in ("PERSON", "GPE") and e.start >= span.end
                   and e.start - span.end <= 1][:1]  # "The 68 year-old Washington"
        noun = next((t for t in after if t.pos_ == "NOUN"), None)
        head = span[-1].head
        if not person and span[-1].dep_ == "appos" and head.pos_ == "PROPN" and head.i < span.start:
            # "Maddon, 66, has ...": the name the age is in apposition to
            whom = " ".join(t.text for t in head.lefts if t.dep_ == "compound") + " " + head.text
            whom = whom.strip()
        else:
            whom = person[-1].text if person else (noun.text if noun is not None else "")
        whom = _age_limit_holder(span) or whom
    return FigureMention(article=article, start=raw.start, end=end, text=doc_text(doc)[raw.start:end],
                         value=raw.value, qualifier=raw.qualifier,
                         unit="month of age" if "month" in doc_text(doc)[raw.num_end:end] else "year of age",
                         measure=f"age of {whom}" if whom else "age", measure_key="age")


def _age_limit_holder(span: Span) -> str:
    """"5 million children under the age of 5 years", "people over the age of 65": an age limit
    is the age of the noun its "under"/"over" phrase modifies."""
    age = span.doc[span.start - 2] if span.start >= 2 and span.doc[span.start - 1].lower_ == "of" else None
    if age is None or age.lemma_.lower() != "age" or age.dep_ != "pobj":
        return ""
    prep = age.head
    if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN") or prep.head.i >= prep.i:
        return ""
    return prep.head.text


def figure_trend(doc: Doc, figure: FigureMention) -> str | None:
    """"up" or "down" when the figure is a change ("rose 5%", "fell by 2 points"), else None."""
    for raw in find_values(doc_text(doc)[figure.start:figure.end], base=figure.start):
        return trend(doc, raw)
    return None
