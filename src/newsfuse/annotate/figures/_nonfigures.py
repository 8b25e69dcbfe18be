"""Values that are not figures: dates, years, times, ordinals, phone numbers, names ("Tower 22"), ages.

Helpers of :mod:`._core`; every function is pure and reads a spaCy ``Doc`` plus a
:class:`~newsfuse.annotate.figures._values.RawValue`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ._doc import doc_text, sent_ents, value_tokens
from ._lexicon import MONTHS, NAME_WORDS, WEEKDAYS
from ._values import RawValue
from ..sentences import sent_of

__all__ = ["is_appositive_age", "non_figure_reason"]

_NAME_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "PERSON"})
_DATE_WORDS = MONTHS | set(WEEKDAYS) | {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "bst", "est"}

# --------------------------------------------------------------------------- non-figures


def non_figure_reason(doc: Doc, raw: RawValue) -> str | None:
    """Why this value is not a figure ("date", "year", "time", "ordinal", "phone", "name",
    "age"), or None when it is one. See the module docstring of ``figures`` for the rules."""
    text = doc_text(doc)
    before = text[max(0, raw.num_start - 30):raw.num_start]
    after = text[raw.num_end:raw.num_end + 30]
    if re.match(r"(st|nd|rd|th)\b", after, re.I) and not raw.is_word:
        return "ordinal"
    if raw.num_start > 0 and text[raw.num_start - 1].isalpha() and raw.unit_kind != "currency" \
            and not raw.is_word:
        return "name"  # "Kurdistan24", "A320"
    if re.match(r":\d\d", after) or re.search(r"\d:$", before) or \
            re.match(r"\s?(a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|hrs\b|h\b)", after, re.I):
        return "time"
    window = text[max(0, raw.num_start - 12):raw.num_end + 12]
    if re.search(r"\+?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}", window) and not raw.has_scale \
            and raw.unit is None and "," not in text[raw.num_start:raw.num_end]:
        return "phone"
    if re.match(r"\s?-?\s?(years?|months?)[\s-]old|-(year|month)-old|\s?-?\s?yr[\s-]old",
                after, re.I) or \
            re.search(r"\b(aged|age|ages)\s+(of\s+)?$", before, re.I) or \
            re.match(r"\s?-?\s?year-olds?", after, re.I):
        return "age"
    toks = value_tokens(doc, raw)
    if not len(toks):
        return None
    first, last = toks[0], toks[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if raw.unit in ("year", "month", "week", "day", "hour", "minute", "second", "decade"):
        return None  # a duration: "200 days", "more than 30 years"
    near = {t.lower_.rstrip(".") for t in (prev, nxt) if t is not None}
    if near & MONTHS and not raw.has_scale and raw.unit is None and raw.value_max is None \
            and raw.value < 32:
        return "date"
    lowest = 1000 if raw.value_max is not None else 1800
    if raw.is_integer_text and lowest <= raw.value <= 2100 and raw.unit is None and \
            raw.qualifier in ("exact", "range"):
        if nxt is None or nxt.ent_type_ == "DATE" or first.ent_type_ in ("DATE", "") or \
                nxt.tag_ not in ("NNS", "NNPS"):
            return "year"
    if re.search(r"\b(mid|early|late|pre|post)-$", before, re.I):
        return "year" if raw.value >= 1000 else "date"
    if first.ent_type_ in ("DATE", "TIME") and raw.unit is None:
        ent_words: set[str] = set()
        for ent in sent_ents(first):
            if ent.start <= first.i < ent.end:
                ent_words = {t.lower_.rstrip(".") for t in ent}
                break
        if ent_words & _DATE_WORDS:
            return "date"
    if raw.is_word and raw.unit is None and _capitalised_in_name(first, prev, nxt):
        return "name"  # "the Kick Six win", "the Big Ten", "Formula One"
    if raw.unit is None and raw.qualifier == "exact" and not raw.is_word and not raw.has_scale:
        # (a number with a scale word is an amount, never a name: "and France 67 million")
        glued = text[raw.num_start - 1:raw.num_start] if raw.num_start else ""
        if glued == "-" and re.search(r"[A-Za-z]-$", before) and \
                not re.search(r"\b(sub|over|under)-$", before, re.I):
            return "name"  # "COVID-19", "F-35", "TA-35"
        if re.match(r"[A-Za-z]", after) and not re.match(r"(st|nd|rd|th|s)\b", after):
            return "name"  # "5G", "4K"
        if prev is not None and prev.text[:1].isupper() and prev.i != sent_of(prev).start and \
                (prev.lower_ in NAME_WORDS or (prev.ent_type_ in _NAME_LABELS and
                                               first.ent_type_ == prev.ent_type_ and
                                               first.ent_iob_ == "I")):
            return "name"  # "Tower 22", "Resolution 2334"
        if prev is not None and prev.lower_ in NAME_WORDS and prev.text[:1].isupper():
            return "name"
        if _name_context(doc, first, last, prev, nxt):
            return "name"
    if raw.is_word and text[raw.num_end:raw.num_end + 1] == "-" and raw.unit is None:
        return "modifier"  # "a five-year award", "a three-bed apartment"
    if raw.is_word and raw.value == 1 and nxt is not None and nxt.like_num and not nxt.is_alpha:
        return "modifier"  # "one 52,000 barrel-a-day refinery" ("two 500 Series trucks" counts trucks)
    return None


def _capitalised_in_name(first: Token, prev: Token | None, nxt: Token | None) -> bool:
    """A number word written with a capital inside a sentence, next to another capitalised word, is
    part of a name ("the Kick Six win", "the Big Ten"); not at the start of a sentence, not before a
    plural noun it counts ("WASHINGTON - Five American soldiers"), and not in a headline written in
    title case ("Police Say Three Killed")."""
    sent = sent_of(first)
    if not first.text[:1].isupper() or first.text.isupper() or first.i == sent.start:
        return False
    if not any(t is not None and t.is_alpha and t.text[:1].isupper() for t in (prev, nxt)):
        return False
    doc = first.doc
    if any(t.tag_ == "NNS" for t in doc[first.i + 1:min(len(doc), first.i + 3)]):
        return False  # a count of a plural noun: "Five American soldiers"
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return sum(t.text[:1].isupper() for t in words) * 4 < len(words) * 3


def _name_context(doc: Doc, first: Token, last: Token, prev: Token | None,
                  nxt: Token | None) -> bool:
    """"iPhone 11", "S&P 500", "Game 7", "737 Max", "Prescott (4)": a number naming a thing."""
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
        before = doc[prev.i - 1] if prev.i > 0 else None
        return before is not None and before.pos_ == "PROPN"
    if prev is not None and prev.pos_ == "PROPN" and prev.i != sent_of(prev).start and \
            prev.text[:1].isupper() and first.head.i == prev.i and first.dep_ in ("nummod", "compound") \
            and prev.ent_type_ not in ("GPE", "NORP"):
        return True  # "its new HIV 2 drug regimen": the number belongs to the name it follows
    if prev is not None and prev.i != sent_of(prev).start and prev.pos_ in ("PROPN", "NOUN") and \
            prev.dep_ == "compound" and prev.head.i == first.i and _uncased(sent_of(first).text):
        # "the sp 500 is poised to drop": a sentence written without capitals hides the name's
        # capital, so a noun compounded before a bare number is read as the name's word
        return not any(t.tag_ in ("NNS", "NNPS") for t in doc[last.i + 1:last.i + 3])
    if prev is not None and prev.i != sent_of(prev).start and prev.pos_ in ("PROPN", "NOUN", "X", "SYM") \
            and any(c.isupper() for c in prev.text) and not prev.is_punct:
        after = doc[last.i + 1:last.i + 3]
        return not any(t.tag_ in ("NNS", "NNPS") for t in after)
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
            re.fullmatch(r"\d+", first.text) and not nxt.text.isupper():
        plural = next((t for t in doc[nxt.i:nxt.i + 3] if t.tag_ in ("NNS", "NNPS")), None)
        return plural is None or _counted_before(plural, first)
    return False


def _counted_before(noun: Token, number: Token) -> bool:
    """Whether another number before ``number`` already counts ``noun``: a noun is counted once, so
    a second number inside its phrase is part of a name ("two new 737 Max jets")."""
    return any(c.dep_ == "nummod" and c.like_num and c.i < number.i for c in noun.children)


def is_appositive_age(doc: Doc, raw: RawValue) -> bool:
    """"Nick Hague 44 has spent...": a bare number right after a person's name."""
    toks = value_tokens(doc, raw)
    if not len(toks) or raw.unit is not None or raw.qualifier != "exact":
        return False
    prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
    nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
    if prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and prev.i > 0:
        name = doc[prev.i - 1]
        if name.ent_type_ == "PERSON" or (toks[-1].dep_ == "appos" and toks[-1].head.i == name.i and
                                          name.pos_ == "PROPN" and name.ent_type_ in ("", "GPE")
                                          and not raw.is_word):
            # "Maddon, 66, has ...": a number in apposition, set off by commas, after a name is
            # its age, even when the name was not recognised as a person (or taken for a place)
            return 15 <= raw.value <= 110 and float(raw.value).is_integer()
    return prev is not None and prev.ent_type_ == "PERSON" and 15 <= raw.value <= 110 \
        and float(raw.value).is_integer()


def _uncased(text: str) -> bool:
    """A sentence written without any capital letter (its case tells nothing about names)."""
    return any(c.isalpha() for c in text) and not any(c.isupper() for c in text)
