"""Figures: reported quantities with what they count.

:func:`extract_figures` reads a parsed article and returns one
:class:`~newsfuse.records.FigureMention` per quantity a reader would compare
across reports. It changes nothing and keeps no state.

Values
    Digits ("2,500", "1.5"), words ("three", "twenty-five"), scales ("1.5 million",
    "$5.4bn", "50k", "4 hundred"), currencies before or after ("$", "S$", "RM",
    "euros", "yen"), units ("%", "per cent", "km", "mph", "sq m"...).
    Vague plurals take the smallest plural of their unit with qualifier
    ``about``: "dozens" = 24, "scores" = 40, "hundreds" = 200, "thousands" = 2,000,
    "tens of thousands" = 20,000, "millions" = 2,000,000 (only when followed by
    "of"/"more"). Ranges ("between 20 and 30", "from 20 to 30", "20-30",
    "33-35 billion") give ``value`` = low, ``value_max`` = high, qualifier ``range``.

Qualifiers (cue written just before, or after, the value)
    ``about``: about, around, roughly, approximately, some, an estimated, close to,
    nearly, almost, barely, "or so" (nearly/almost say the true value is close,
    not a bound, so they are ``about``). ``more_than``: more than, over, above, in
    excess of, upwards of. ``less_than``: less than, fewer than, under, below,
    "sub-". ``at_least``: at least, no fewer than, "or more", "500+".
    ``at_most``: up to, at most, no more than, as many as. Otherwise ``exact``.

Units
    money -> the currency ("dollar", "euro", "japanese yen"); percentages ->
    "percent"; measurements -> the unit name ("kilometre", "square metre");
    counts -> the singular lemma of the counted noun ("troop", "attack",
    "person"); "attacked 150 times" -> the event noun of the verb ("attack");
    an elided noun ("2,500 troops in Iraq and about 900 in Syria", "killed three
    troops and wounded 34") is taken from the count before it in the sentence.
    A bare number with none of these gets unit "" and is kept only when written
    in digits.

Not figures
    dates and parts of dates ("December 8", "Jan. 25"), years (1800-2100 written
    as plain digits with no unit, unless a plural noun follows: "2000 people"),
    times ("10:30", "3 p.m."), ordinals ("2nd"), phone numbers, numbers inside
    names (after a capitalised naming word or inside a named entity: "Tower 22",
    "Resolution 2334", "COVID-19", "5G"), ages ("44-year-old", "aged 44",
    "Nick Hague 44": kept only with ``with_ages=True``), numbers written in
    words that count nothing ("one of them", "one of the loudest voices") and
    words that only modify ("a five-year plan").

Measure, key, scope, date
    ``measure`` is the counted noun with its modifiers, prepositional phrases and
    participles ("US troops deployed in Iraq"), with the role the governing verb
    gives it: casualties ("US troops killed in the attack against Tower 22"),
    agents ("Spanish military personnel who trained members of ..."), owners
    ("Spain's soldiers in Iraq"), tallies ("attacks on US-led coalition forces in
    Iraq and Syria since mid-October"). For amounts it is the thing measured
    ("net worth", "revenue"). ``measure_key`` is the noun's lemma with synonyms
    merged (soldier/personnel/forces -> troop) plus the casualty participle
    ("troop killed") or the agent's verb ("troop (train)"). ``scope`` lists the
    places and nationalities in the measure (demonyms as country names:
    ("spain", "iraq")). ``as_of`` is a date written in the sentence (resolved
    against ``published``; a date after "since" is a start, not the as-of date),
    else ``published``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import FigureMention
from .figures_measure import (
    as_of_date, counted_noun, describe, is_appositive_age, non_figure_reason, trend,
    value_tokens,
)
from .figures_values import RawValue, find_values
from .sentences import sentences

__all__ = ["extract_figures", "figure_trend", "figure_values"]

_ELISION_CUE = re.compile(r"\b(and|or|while|but|including|compared with|compared to|versus|vs\.?"
                          r"|against|from|with)\b|,|;", re.I)


def figure_values(doc: Doc) -> list[RawValue]:
    """Every number expression of the document, sentence by sentence (figures or not)."""
    out: list[RawValue] = []
    for sent in sentences(doc):
        out.extend(find_values(sent.text, base=sent.start_char))
    return out


def extract_figures(doc: Doc, article: str, published: str | None = None, *,
                    with_ages: bool = False) -> list[FigureMention]:
    """The figures of one parsed article (``doc = nlp(text)``), in text order.

    ``published`` (ISO date) anchors relative dates and is the ``as_of`` of figures
    whose sentence gives no date. ``with_ages`` keeps ages (unit "year of age").
    """
    figures: list[FigureMention] = []
    for sent in sentences(doc):
        counted: list[tuple[RawValue, Token]] = []
        for raw in find_values(sent.text, base=sent.start_char):
            figure = _figure(doc, sent, raw, counted, article, published, with_ages)
            if figure is None:
                continue
            as_of = as_of_date(doc, sent, published, near=figure.start)
            figures.append(figure if as_of is None else replace(figure, as_of=as_of))
    return figures


def _figure(doc: Doc, sent: Span, raw: RawValue, counted: list[tuple[RawValue, Token]],
            article: str, published: str | None, with_ages: bool) -> FigureMention | None:
    reason = non_figure_reason(doc, raw)
    if reason in (None, "name") and is_appositive_age(doc, raw):
        reason = "age"
    if reason == "age" and with_ages:
        return _age(doc, raw, article)
    if reason is not None:
        return None
    if raw.is_word and raw.value == 1 and re.match(r"\s+of\b", doc.text[raw.num_end:raw.num_end + 4]):
        return None  # "one of the loudest voices" counts nothing
    noun = counted_noun(doc, raw) if raw.unit is None else None
    if noun is not None and noun.lower_ in ("percent", "pct"):
        noun = None
    inherited = False
    if noun is None and raw.unit is None and counted:
        noun = _elided(doc, raw, counted[-1])
        inherited = noun is not None
    if noun is None and raw.unit is None and raw.is_word and not raw.vague and raw.value >= 1:
        return None
    if noun is not None and not inherited:
        counted.append((raw, noun))
    measure = describe(doc, raw, noun, elided=inherited)
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
        article=article, start=raw.start, end=end, text=doc.text[raw.start:end],
        value=raw.value, qualifier=raw.qualifier, unit=unit, measure=measure.words,
        value_max=raw.value_max, as_of=None, measure_key=measure.key or unit,
        scope=measure.scope,
    )


def _elided(doc: Doc, raw: RawValue, previous: tuple[RawValue, Token]) -> Token | None:
    """The noun of an earlier count that this bare number shares ("... and about 900")."""
    prev_raw, noun = previous
    toks = value_tokens(doc, raw)
    if not len(toks) or raw.start < prev_raw.end:
        return None
    tok = toks[-1]
    between = doc.text[prev_raw.end:raw.start]
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
    m = re.match(r"\s?-?\s?years?[\s-]old|-year-old", doc.text[raw.num_end:raw.num_end + 12], re.I)
    if m:
        end = raw.num_end + m.end()
    span = doc.char_span(raw.start, end, alignment_mode="expand")
    whom = ""
    if span is not None:
        after = span.doc[span.end:span.end + 3]
        person = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= span.start
                  and span.start - e.end <= 2]
        noun = next((t for t in after if t.pos_ == "NOUN"), None)
        whom = person[-1].text if person else (noun.text if noun is not None else "")
    return FigureMention(article=article, start=raw.start, end=end, text=doc.text[raw.start:end],
                         value=raw.value, qualifier=raw.qualifier, unit="year of age",
                         measure=f"age of {whom}" if whom else "age", measure_key="age")


def figure_trend(doc: Doc, figure: FigureMention) -> str | None:
    """"up" or "down" when the figure is a change ("rose 5%", "fell by 2 points"), else None."""
    for raw in find_values(doc.text[figure.start:figure.end], base=figure.start):
        return trend(doc, raw)
    return None
