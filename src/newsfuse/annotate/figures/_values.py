"""Find numeric values in text: numbers, scales, ranges, qualifiers, currencies, units.

A pure, text-only scanner (no parse): :func:`find_values` returns one
:class:`RawValue` per number expression, with the character spans of its parts.
Deciding whether a value is a *figure* (not a date, a name or an age) and what
it counts needs the parse and happens in :mod:`newsfuse.annotate.figures._measure`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ...lexicons import scales
from ._lexicon import (
    CURRENCY_PREFIXES, CURRENCY_WORDS, MULTIPLIER_SUFFIX, QUALIFIER_CUES_AFTER, QUALIFIER_CUES_BEFORE,
    INDIAN_SCALES, SCALES, SI_PREFIXES, SI_SYMBOLS, SMALL_NUMBERS, TENS, UNIT_EXPONENTS, UNIT_WORDS, VAGUE_PLURALS,
)

__all__ = ["RawValue", "find_values", "parse_number_text", "symbol_unit"]

#: scientific notation ("1e6", "2.5E-3") is one number, not a number, a word and a number
_SCIENTIFIC = r"\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])"
_TOKEN = re.compile(_SCIENTIFIC + r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|[^\W\d_]+|\S")
_DIGITS = re.compile(_SCIENTIFIC + r"|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
#: no figure in the news is this large: a bigger value (or an infinite one, "1e309") is not a figure
MAX_FIGURE = 1e18
_SCALE_WORDS = (*scales(), *INDIAN_SCALES)
_SCALE_ABBREV = ("k", "m", "mn", "mln", "mil", "mio", "b", "bn", "bln", "tn", "trn")
#: single letters that are only a unit when glued to the number ("5g", "3l")
_GLUED_ONLY = frozenset({"g", "l", "c", "f", "p", "w", "v", "m", "b", "mi", "in.", "pc", "ms", "′", "″"})
#: words after "N m" that make "m" metres, not million
_LENGTH_WORDS = frozenset({"long", "tall", "high", "wide", "deep", "away", "above", "below",
                           "from", "in", "of", "thick", "down", "up", "across", "and", "to"})
_UNIT_KEYS = tuple(sorted(set(UNIT_WORDS) | set(CURRENCY_WORDS), key=len, reverse=True))
_UNITS_LOWER = {k.lower(): v for k, v in UNIT_WORDS.items()}
_CURRENCY_LOWER = {k.lower(): v for k, v in CURRENCY_WORDS.items()}
_UNIT_RE = re.compile(
    r"(?:\s?-\s?|\s?)(" + "|".join(re.escape(k) for k in _UNIT_KEYS) + r")(?![\w²])",
    re.IGNORECASE,
)
_CUES_BEFORE = tuple(sorted(QUALIFIER_CUES_BEFORE, key=len, reverse=True))
_CUE_BEFORE_RE = re.compile(
    r"(?:^|(?<=[^\w]))(" + "|".join(re.escape(c) for c in _CUES_BEFORE) + r")[\s-]*$",
    re.IGNORECASE,
)
_CUE_AFTER_RE = re.compile(
    r"\s*(" + "|".join(re.escape(c) for c in sorted(QUALIFIER_CUES_AFTER, key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE,
)
_PREFIX_RE = re.compile(
    r"(US\s?\$|HK\s?\$|S\s?\$|A\s?\$|C\s?\$|NZ\s?\$|R\$|\$|€|£|¥|₹|₩|₪|Y=|RMB|RM|Rs\.?|INR|"
    r"USD|EUR|GBP|JPY|CNY|NIS|CHF|Rp|PS)\s?$"
)


@dataclass(frozen=True, slots=True)
class RawValue:
    """One number expression found in text (offsets into the scanned text)."""

    start: int  # whole expression: qualifier cue .. unit
    end: int
    num_start: int  # the number itself (first number of a range)
    num_end: int  # end of the (last) number, scales included
    value: float
    value_max: float | None = None
    qualifier: str = "exact"
    unit: str | None = None  # currency or measurement unit name
    unit_kind: str | None = None  # currency | percent | measure | count | multiplier ("sixfold")
    unit_text: str = ""  # the unit as written
    unit_end: int | None = None
    vague: bool = False  # "dozens", "hundreds of"
    is_word: bool = False  # written in words ("three")
    has_scale: bool = False  # "million", "bn"
    is_integer_text: bool = False  # plain digits, no comma, no decimals ("2014")


@dataclass(frozen=True, slots=True)
class _Num:
    start: int
    end: int
    value: float
    is_word: bool
    has_scale: bool
    vague: bool
    plain: bool


def parse_number_text(text: str) -> float | None:
    """Value of a number written in digits or words ("2,500", "1.5 million", "twenty-five")."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    nums = _scan_numbers(text, toks)
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end >= len(text.rstrip()):
        return nums[0].value
    return None


def _word_value(word: str) -> float | None:
    w = word.lower()
    if w in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[w])
    if w in TENS:
        return float(TENS[w])
    if "-" in w:
        a, _, b = w.partition("-")
        if a in TENS and b in SMALL_NUMBERS and 0 < SMALL_NUMBERS[b] < 10:
            return float(TENS[a] + SMALL_NUMBERS[b])
    return None


def _scan_numbers(text: str, toks: list[tuple[str, int, int]]) -> list[_Num]:
    """Numbers with their scales, in order; ranges and units are left to the caller."""
    out: list[_Num] = []
    i, n = 0, len(toks)
    while i < n:
        word, start, end = toks[i]
        low = word.lower()
        value: float | None = None
        is_word = vague = False
        j = i + 1
        if _DIGITS.fullmatch(word):
            value = float(word.replace(",", ""))
            # "1/2", "1⁄32": a fraction written with a slash and no spaces
            if j + 1 < n and toks[j][0] in ("/", "⁄") and toks[j][1] == end and \
                    toks[j + 1][1] == toks[j][2] and re.fullmatch(r"\d+", toks[j + 1][0]) and \
                    "." not in word and float(toks[j + 1][0]) > 0:
                nxt_end = toks[j + 1][2]
                if not text[nxt_end:nxt_end + 1].isalnum() and text[nxt_end:nxt_end + 1] != "/":
                    out.append(_Num(start, nxt_end, value / float(toks[j + 1][0]), False, False,
                                    False, False))
                    i = j + 2
                    continue
            if re.search(r"(?:\bminus[\s-]?|(?<![\w.,])-)$", text[max(0, start - 6):start], re.I):
                value = -value
        elif (v := _word_value(word)) is not None or (
                low.endswith(MULTIPLIER_SUFFIX) and
                (v := _word_value(low[:-len(MULTIPLIER_SUFFIX)].rstrip("-"))) is not None):
            value, is_word = v, True
            # twenty-five written as separate tokens "twenty - five"
            if j + 1 < n and toks[j][0] == "-" and low in TENS and toks[j][1] == end:
                unit = SMALL_NUMBERS.get(toks[j + 1][0].lower())
                if unit is not None and 0 < unit < 10:
                    value, end, j = value + unit, toks[j + 1][2], j + 2
        elif low in ("a", "an") and j < n and toks[j][0].lower() in _SCALE_WORDS:
            value, is_word = 1.0, True
        elif low in _FRACTIONS and \
                _fraction(toks, i) is not None:
            f_start, value = _fraction(toks, i)
            if out and out[-1].start == f_start:
                out.pop()
            out.append(_Num(f_start, end, value, True, False, False, False))
            i += 1
            continue
        elif low == "half" and j + 1 < n and toks[j][0].lower() == "a" and \
                toks[j + 1][0].lower() in ("million", "billion", "dozen", "thousand", "hundred"):
            value, is_word, j = 0.5, True, j + 1
        elif low in ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens"):
            nxt = toks[j][0].lower() if j < n else ""
            if low == "tens" or low == "hundreds":
                if nxt == "of" and j + 1 < n and toks[j + 1][0].lower() in ("thousands", "millions"):
                    phrase = f"{low} of {toks[j + 1][0].lower()}"
                    base = VAGUE_PLURALS.get(phrase, VAGUE_PLURALS["hundreds"] * 1e3)
                    if phrase == "hundreds of millions":
                        base = 2e8
                    out.append(_Num(start, toks[j + 1][2], base, True, True, True, False))
                    i = j + 2
                    continue
            if low in VAGUE_PLURALS and nxt in ("of", "more", "upon", "and"):
                out.append(_Num(start, end, VAGUE_PLURALS[low], True, True, True, False))
            i = j
            continue
        if value is None:
            i += 1
            continue
        plain = bool(re.fullmatch(r"\d+", word))
        has_scale = False
        # scale words: "1.5 million", "4 hundred", "two-thousand"
        while j < n:
            w2 = toks[j][0].lower()
            if w2 == "-" and j + 1 < n and toks[j + 1][0].lower() in _SCALE_WORDS:
                j += 1
                continue
            if w2 in _SCALE_WORDS:
                value *= SCALES[w2]
                end, j, has_scale = toks[j][2], j + 1, True
                continue
            break
        # abbreviations "5bn", "$1.5m", "2.7m sales", "50k"
        if not has_scale and j < n and toks[j][0].lower() in _SCALE_ABBREV and not is_word:
            abbr, a_start, a_end = toks[j][0], toks[j][1], toks[j][2]
            glued = a_start == end
            after = text[a_end:a_end + 1]
            if not (after.isalnum() or after == "²") and _abbrev_is_scale(text, toks, j, abbr, glued, start):
                value *= SCALES[abbr.lower()]
                end, j, has_scale = a_end, j + 1, True
        if math.isfinite(value) and abs(value) <= MAX_FIGURE:
            out.append(_Num(start, end, value, is_word, has_scale, vague, plain and not has_scale))
        i = j
    return out


_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
              "fourths": 4, "fifth": 5, "fifths": 5}


def _fraction(toks: list[tuple[str, int, int]], i: int) -> tuple[int, float] | None:
    """"a third of", "one fourth", "two thirds", "half of": (start, value) or None."""
    word = toks[i][0].lower()
    nxt = toks[i + 1][0].lower() if i + 1 < len(toks) else ""
    prev = toks[i - 1][0].lower() if i > 0 else ""
    denominator = _FRACTIONS[word]
    if prev == "-" and i >= 2 and toks[i - 2][2] == toks[i - 1][1] and toks[i - 1][2] == toks[i][1] and \
            word != "half":  # written with a hyphen: "two-thirds", "one-fifth", "three-quarters"
        numerator = toks[i - 2][0].lower()
        if (numerator in ("two", "three", "four") and word.endswith("s")) or \
                (numerator == "one" and not word.endswith("s")):
            return toks[i - 2][1], SMALL_NUMBERS[numerator] / denominator
        return None
    if prev in ("a", "an", "one") and nxt in ("of", "the", "a"):
        return toks[i - 1][1], 1.0 / denominator
    if prev in ("two", "three", "four") and word.endswith("s"):
        return toks[i - 1][1], SMALL_NUMBERS[prev] / denominator
    if word == "half" and nxt == "of" and prev not in ("second", "first", "the", "other"):
        return toks[i][1], 0.5
    return None


def _abbrev_is_scale(text: str, toks: list[tuple[str, int, int]], j: int, abbr: str,
                     glued: bool, num_start: int) -> bool:
    """Is "m"/"b"/"k" after a number a multiplier (million) or a unit (metre, bytes)?"""
    low = abbr.lower()
    has_currency = bool(_PREFIX_RE.search(text[max(0, num_start - 6):num_start]))
    if low in ("mn", "mln", "mil", "mio", "bn", "bln", "tn", "trn"):
        return True
    if has_currency:
        return True
    nxt = toks[j + 1][0] if j + 1 < len(toks) else ""
    if low == "k":
        return glued
    if low == "b":
        return abbr == "B" or glued
    # "m": million when a noun follows ("2.7m sales"), metres otherwise ("72m long")
    return bool(nxt) and nxt[0].isalpha() and nxt.lower() not in _LENGTH_WORDS


def _unit_after(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """(unit name, kind, as written, end) of a unit written right after ``pos``."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return None
    written = m.group(1)
    low = written.lower()
    glued = m.start(1) == pos
    if low in _GLUED_ONLY and not glued and written not in ("W", "V", "ms") and \
            not (written == "C" and re.match(r"\s+[a-z]|[.,;)]|$", text[m.end(1):m.end(1) + 2])):
        if not (low == "m" and text[m.end(1):m.end(1) + 1] in ("", ".", ",", ";", ")")):
            return None
    if low in ("c", "f") and not written.isupper():
        return None
    if low == "b" or low == "g" and written == "G":
        return None
    if low in _CURRENCY_LOWER and low not in _UNITS_LOWER:
        if low == "won" or low == "p" and not glued:
            return None
        return _CURRENCY_LOWER[low], "currency", written, m.end(1)
    name = _UNITS_LOWER.get(low)
    if name is None:
        return None
    kind = "percent" if name == "percent" else ("count" if name == "count" else "measure")
    return name, kind, written, m.end(1)


#: an ASCII prime glued to digits, then a word or the inches ("30' when", "5'10"")
_ASCII_PRIME = re.compile(r"'(?=\s+[a-z]|\d)")
#: a single quote that opens a quotation: at the start or after a space or bracket
_OPENING_QUOTE = re.compile(r"(?:^|[\s(\[])'")


def _prime_after(text: str, num: _Num) -> tuple[str, str, str, int] | None:
    """Feet written with an ASCII prime ("flying at an altitude of 30' when"). The same sign closes a
    quotation ("'We hired 300', he said"), so it is feet only when glued to digits, followed by a
    lower-case word or a digit, and no single quotation is open before the number."""
    if num.is_word or not _ASCII_PRIME.match(text, num.end) or _OPENING_QUOTE.search(text[:num.start]):
        return None
    return "foot", "measure", "'", num.end + 1


def symbol_unit(written: str) -> str | None:
    """The unit a written symbol names by the unit grammar: an exponent after it ("cm2", "m²"), an
    SI prefix before a base symbol ("kWh", "mg", "µm"; case matters: "Mt" is megatonne), else a
    unit word ("km", "miles"). None when it names no unit."""
    exponent = ""
    if len(written) > 1 and written[-1] in UNIT_EXPONENTS:
        exponent, written = UNIT_EXPONENTS[written[-1]] + " ", written[:-1]
    name = SI_SYMBOLS.get(written)
    if name is None and len(written) > 1 and written[0] in SI_PREFIXES and written[1:] in SI_SYMBOLS:
        name = SI_PREFIXES[written[0]] + SI_SYMBOLS[written[1:]]
    if name is None and len(written) > 1:
        name = _UNITS_LOWER.get(written.lower())
        if name in ("percent", "count") or (name is not None and exponent and " " in name):
            return None
    return exponent + name if name else None


#: a rate written with a slash: "1.3 A/cm2", "50 g/km", "3 mg/L"
_SLASH_RATE = re.compile(r" ?([^\W\d_]{1,4}[23²³]?) ?/ ?([^\W\d_]{1,4}[23²³]?)(?![\w/²³])")
#: "per" or "/" and the unit of a rate after a unit ("5 kg per square metre", "$5/kg")
_PER_ANY = re.compile(r"(?: per |/ ?)([^\W\d_]+(?: [^\W\d_]+)?)", re.IGNORECASE)


def _rate_after(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """(unit name, kind, as written, end) of a slash rate right after ``pos``, by the unit grammar."""
    m = _SLASH_RATE.match(text, pos)
    if not m:
        return None
    top, bottom = symbol_unit(m.group(1)), symbol_unit(m.group(2))
    if top is None or bottom is None or (len(m.group(1)) == 1 and len(m.group(2)) == 1 and
                                         m.group(0).strip().lower() not in _UNITS_LOWER):
        return None  # "3 N/A", "A/B": two bare letters are a rate only when listed ("m/s")
    return f"{top} per {bottom}", "measure", m.group(0).strip(), m.end()


#: a symbol with an exponent: "5 cm2", "40 km²" (the unit words list "m2" and "km²" already)
_POWER_SYMBOL = re.compile(r" ?([^\W\d_]{1,3}[23²³])(?![\w/²³])")


def _power_after(text: str, pos: int) -> tuple[str, str, str, int] | None:
    m = _POWER_SYMBOL.match(text, pos)
    name = symbol_unit(m.group(1)) if m else None
    if m is None or name is None:
        return None
    return name, "measure", m.group(1), m.end()


def _per_unit(text: str, pos: int) -> tuple[str, int] | None:
    """("per" unit name, end) for "per <unit>" or "/<unit>" right after a unit at ``pos``; the
    longest unit written wins ("per square foot" before "per square")."""
    m = _PER_ANY.match(text, pos)
    if not m:
        return None
    words = m.group(1).split(" ")
    for n in (2, 1):
        if len(words) < n:
            continue
        written = " ".join(words[:n])
        name = symbol_unit(written) if " " not in written else _UNITS_LOWER.get(written.lower())
        name = name or _PER_UNITS.get(written.lower())
        if name and name not in ("percent", "count"):
            end = m.start(1) + len(written)
            if text[end:end + 1].isalnum():
                continue
            return name, end
    return None


_PER_UNITS = {"share": "share", "month": "month", "year": "year", "week": "week", "day": "day",
              "gallon": "gallon", "ounce": "ounce", "barrel": "barrel", "hour": "hour",
              "night": "night", "person": "person", "head": "person", "tonne": "tonne",
              "ton": "ton", "litre": "litre", "liter": "litre", "kilogram": "kilogram",
              "kg": "kilogram", "pound": "pound-mass", "square foot": "square foot",
              "square metre": "square metre", "square meter": "square metre", "game": "game",
              "mile": "mile", "kilometre": "kilometre", "km": "kilometre", "annum": "year"}
#: "a year" before these says when ("$8 billion a year earlier", "3.9% a year ago"), not a rate
_PER = re.compile(r"\s+(?:per|a|an)\s+(" + "|".join(sorted(_PER_UNITS, key=len, reverse=True))
                  + r")\b(?![-\s]+(?:ago|earlier|before|later|after|prior)\b)", re.IGNORECASE)


def _currency_before(text: str, pos: int) -> tuple[str, str, int] | None:
    """(currency, as written, start) for a symbol or code written just before ``pos``."""
    m = _PREFIX_RE.search(text[max(0, pos - 6):pos])
    if not m:
        return None
    written = m.group(1)
    start = max(0, pos - 6) + m.start(1)
    if start > 0 and text[start - 1].isalpha() and written[0].isalpha():
        return None  # "...PS2" inside a word
    key = re.sub(r"\s", "", written).lower()
    return CURRENCY_PREFIXES.get(key, "dollar"), written, start


def _qualifier_before(text: str, pos: int) -> tuple[str, int] | None:
    m = _CUE_BEFORE_RE.search(text[max(0, pos - 24):pos])
    if not m:
        return None
    cue = m.group(1).lower()
    start = max(0, pos - 24) + m.start(1)
    return QUALIFIER_CUES_BEFORE[cue], start


def _expression(text: str, num: _Num) -> RawValue:
    """Attach currency, unit and qualifier cues around one number."""
    start, end = num.start, num.end
    unit = kind = None
    unit_text, unit_end = "", None
    cur = _currency_before(text, num.start)
    if cur is not None:
        unit, kind, unit_text, start = cur[0], "currency", cur[1], cur[2]
        # "$76 US", "S $1mil"; a currency word after the number refines the symbol
        after = _unit_after(text, num.end)
        if after is not None and after[1] == "currency":
            unit_end = end = after[3]
            if unit == "dollar" and after[0] not in ("dollar", "cent"):
                unit = after[0]  # "$1.25 sterling"
        elif (us := re.match(r"\s?US\b(?![-$])", text[num.end:num.end + 4])) and unit == "dollar":
            unit_end = end = num.end + us.end()  # "$76 US a barrel"
    elif text[num.start:num.end].lower().endswith(MULTIPLIER_SUFFIX) or \
            re.match(r"-?" + MULTIPLIER_SUFFIX + r"\b", text[num.end:num.end + 6], re.I):
        unit, kind, unit_text = "fold", "multiplier", MULTIPLIER_SUFFIX  # "grew sixfold", "a 3-fold rise"
        if not text[num.start:num.end].lower().endswith(MULTIPLIER_SUFFIX):
            end = unit_end = num.end + text[num.end:num.end + 6].lower().index(MULTIPLIER_SUFFIX) + 4
    elif (rate := _rate_after(text, num.end) or _power_after(text, num.end)) is not None:
        unit, kind, unit_text, unit_end = rate
        end = unit_end
    else:
        after = _unit_after(text, num.end) or _prime_after(text, num)
        if after is not None:
            unit, kind, unit_text, unit_end = after
            end = unit_end
            if kind == "percent" and text[end:end + 7].lower() == " points":
                unit, end, unit_end = "percentage point", end + 7, end + 7
    if unit == "pound sterling" and cur is None and not num.has_scale:
        unit = "pound-mass"  # "208 pounds", "1/2 pound of chocolate"; money takes "£"
    if unit is not None and (m := _PER.match(text, end)) and \
            (kind != "percent" or _PER_UNITS[m.group(1).lower()] in ("year", "month", "week", "day")):
        unit, end = f"{unit} per {_PER_UNITS.get(m.group(1).lower(), m.group(1).lower())}", m.end()
        unit_end = end
    elif unit is not None and kind in ("currency", "measure") and " per " not in unit and \
            (per := _per_unit(text, end)) is not None:
        unit, end = f"{unit} per {per[0]}", per[1]  # "5 kg per square metre", "$5/kg"
        unit_end = end
    qualifier = "about" if num.vague else "exact"
    q = _qualifier_before(text, start)
    if q is not None:
        qualifier, start = q
    m = _CUE_AFTER_RE.match(text, end)
    if m and qualifier == "exact":
        qualifier, end = QUALIFIER_CUES_AFTER[m.group(1).lower()], m.end()
    return RawValue(start, end, num.start, num.end, num.value, None, qualifier, unit, kind,
                    unit_text, unit_end, num.vague, num.is_word, num.has_scale, num.plain)


_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and|through|up to|-to-|/)\s*", re.IGNORECASE)


def _join_range(text: str, a: RawValue, b: RawValue) -> RawValue | None:
    """"between 20 and 30", "from $200,000 to $414 million", "5-6%", "33-35 billion"."""
    gap = text[a.end:b.start]
    if b.start < a.end or len(gap) > 12:
        return None
    sep = _RANGE_SEP.fullmatch(gap)
    if sep is None and not (gap.strip() == "" and text[b.start:b.num_start].lower().startswith("up to")):
        return None
    word = gap.strip().lower()
    before = text[max(0, a.start - 9):a.start].lower()
    opener = re.search(r"\b(between|from)\s+$", before)
    if gap.strip() == "" and text[b.start:b.num_start].lower().startswith("up to"):
        word = "up to"
    if (re.search(r"\bby\s+$", before) and a.unit is not None) or \
            (word == "/" and a.unit_kind != "currency"):
        return None  # "increased by $43.6 billion to $419.2 billion": a change, then a level
    if a.is_integer_text and 1800 <= a.value <= 2100 and not (b.is_integer_text and
                                                              1800 <= b.value <= 2100):
        return None  # "rose 60% in 2018 to 3.9 million"
    if word == "and" and not (opener and opener.group(1) == "between"):
        return None
    per_b = a.unit is not None and b.unit is not None and b.unit.startswith(a.unit + " per ")
    if word in ("to", "through", "up to") and a.unit is not None and a.unit != b.unit and \
            not (opener and b.unit is None) and not per_b:
        return None
    if a.unit is not None and b.unit is not None and a.unit != b.unit and not per_b:
        return None  # "$48,000 and $90,000 a year" is one range in dollars per year
    if word == "-" and (a.is_word or b.is_word):
        return None
    if word == "up to" and not opener:
        return None
    low, high = a.value, b.value
    if not a.has_scale and b.has_scale and abs(low) < 1000 and low * _scale_of(text, b) <= high:
        # "33-35 billion", "$10-12 billion", "about 10-12 million", "Rs 10-12 crore": the scale
        # written once serves both ends, unless the low end would pass the high one ("claims
        # ranging from $200 to $4 million")
        low = low * _scale_of(text, b)
    start = a.start - len(opener.group(0)) if opener else a.start
    qualifier = a.qualifier if a.qualifier not in ("exact", "about") else "range"
    return replace(b, start=start, num_start=a.num_start, value=low, value_max=high,
                   qualifier=qualifier if qualifier != "exact" else "range",
                   unit=b.unit or a.unit, unit_kind=b.unit_kind or a.unit_kind,
                   unit_text=b.unit_text or a.unit_text, vague=False,
                   is_integer_text=a.is_integer_text and b.is_integer_text)


def _scale_of(text: str, v: RawValue) -> float:
    written = text[v.num_start:v.num_end].lower()
    for word in ("trillion", "billion", "million", "thousand", "hundred", "crore", "lakh", "lac"):
        if word in written:
            return SCALES[word]
    m = re.search(r"(bn|mn|mln|mil|tn|k|m|b)$", written)
    return SCALES[m.group(1)] if m else 1.0


def find_values(text: str, base: int = 0) -> list[RawValue]:
    """Every number expression in ``text``; offsets are shifted by ``base``."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    exprs: list[RawValue] = []
    for num in _scan_numbers(text, toks):
        if exprs and exprs[-1].unit_end is not None and num.start < exprs[-1].unit_end:
            continue  # the "2" of "1.3 A/cm2": part of the unit written before it
        exprs.append(_expression(text, num))
    merged: list[RawValue] = []
    for expr in exprs:
        if merged and merged[-1].value_max is None:
            joined = _join_range(text, merged[-1], expr)
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(expr)
    if base:
        merged = [replace(v, start=v.start + base, end=v.end + base, num_start=v.num_start + base,
                          num_end=v.num_end + base,
                          unit_end=None if v.unit_end is None else v.unit_end + base)
                  for v in merged]
    return merged
