"""Durations, sets and reference points: the TIMEX3 values that need no calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._patterns import MONTHS, SEASONS, UNITS, WEEKDAYS, parse_number

__all__ = ["Resolved", "duration_value", "parse_amount", "HANDLERS"]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised value before it becomes a :class:`~newsfuse.records.Timex`."""

    type: str
    value: str
    rule: str


_Result = Resolved


def _unit_code(unit: str) -> tuple[str, int, bool] | None:
    u = unit.lower().rstrip("s")
    if u.startswith("millenni"):
        u = "millennium"
    return UNITS.get(u)


def duration_value(n: float | None, unit: str) -> str | None:
    code = _unit_code(unit)
    if code is None:
        return None
    letter, mult, is_time = code
    prefix = "PT" if is_time else "P"
    if n is None:
        if mult >= 10:
            letter = {10: "DE", 100: "CE", 1000: "ML"}[mult]
        return f"{prefix}X{letter}"
    total = n * mult
    if total != int(total):
        whole, frac = int(total), total - int(total)
        lower = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True),
                 "H": ("M", 60, True), "Q": ("M", 3, False)}.get(letter if not (is_time and letter == "M")
                                                                 else "min")
        if is_time and letter == "M":
            lower = ("S", 60, True)
        if lower is None:
            return f"{prefix}{total:g}{letter}"
        sub_letter, factor, sub_time = lower
        sub = int(round(frac * factor))
        if whole == 0:
            return f"{'PT' if sub_time else 'P'}{sub}{sub_letter}"
        if sub_time and not is_time:
            return f"P{whole}{letter}T{sub}{sub_letter}"
        return f"{prefix}{whole}{letter}{sub}{sub_letter}"
    return f"{prefix}{int(total)}{letter}"


def parse_amount(word: str | None) -> float | None:
    if word is None:
        return None
    word = word.strip()
    frac = re.fullmatch(r"(\d+)\s+(\d)/(\d)", word)
    if frac:
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
    return parse_number(word)


_MODAL_BEFORE = re.compile(r"(?i)\b(?:will|would|could|might|may|can|shall|should)\s+(?:\w+ly\s+)?$")


def _duration(m, ctx, start, end):
    groups = m.groupdict()
    rel = (groups.get("rel") or "").lower()
    n_word = groups.get("n")
    n = parse_amount(n_word) if n_word else None
    unit = m.group("unit")
    if rel == "recent" or (n_word or "").lower() == "recent":
        n = None
    if n is None and (n_word or "").lower() in ("first", "second"):
        return None
    if m.group(0).lower() == "one day" and _MODAL_BEFORE.search(ctx.text, max(0, start - 30), start):
        return _Result("DATE", "FUTURE_REF", "one-day-future")  # "Islam will one day be...": some future day
    if "and a half" in m.group(0).lower() and n is not None:
        n += 0.5
    value = duration_value(n, unit)
    if value is None:
        return None
    return _Result("DURATION", value, "duration")


def _duration_plural(m, ctx, start, end):
    value = duration_value(None, m.group("unit"))
    return _Result("DURATION", value, "duration-vague") if value else None


_SET_VALUES = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W"}


def _duration_long(m, ctx, start, end):
    """"year-long" (one year), "decades-long" (some decades)."""
    unit = m.group("unit")
    plural = unit.lower().endswith("s") and not unit.lower().endswith("ss")
    value = duration_value(None if plural else 1, unit)
    return _Result("DURATION", value, "duration-long") if value else None


def _quarter_century(m, ctx, start, end):
    return _Result("DURATION", "P25Y", "quarter-century")


def _set(m, ctx, start, end):
    unit = m.group("unit").lower()
    if unit in WEEKDAYS:
        return _Result("SET", f"XXXX-WXX-{WEEKDAYS[unit]}", "set-weekday")
    if unit in MONTHS:
        return _Result("SET", f"XXXX-{MONTHS[unit]:02d}", "set-month")
    if unit in SEASONS:  # "each summer"
        return _Result("SET", f"XXXX-{SEASONS[unit]}", "set-season")
    every = m.groupdict().get("every")
    n = parse_amount(every) if every else 2 if "other" in m.group(0).lower() else 1
    if n is None:
        return None
    if not every and unit.endswith("s") and not unit.endswith("ss"):
        return None  # "each years": no reading
    value = duration_value(n, unit)
    return _Result("SET", value, "set") if value else None


def _rate(m, ctx, start, end):
    value = duration_value(1, m.group("unit"))
    return _Result("SET", value, "rate") if value else None


def _set_adv(m, ctx, start, end):
    return _Result("SET", _SET_VALUES[m.group("adv").lower()], "set-adverb")


def _ref(m, ctx, start, end):
    if m.group("present"):
        return _Result("DATE", "PRESENT_REF", "present-ref")
    if m.group("past"):
        return _Result("DATE", "PAST_REF", "past-ref")
    return _Result("DATE", "FUTURE_REF", "future-ref")


HANDLERS = {
    "duration": _duration, "duration_nonum": _duration, "duration_large": _duration, "duration_adj": _duration,
    "duration_plural": _duration_plural, "duration_long": _duration_long, "quarter_century": _quarter_century, "duration_ahead": _duration_plural, "set": _set, "set_adv": _set_adv, "rate": _rate, "ref": _ref,
}
