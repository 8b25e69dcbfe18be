"""Decades and centuries: "the 1990s", "early 1990s", "the nineties", "the 20th century", "this century"."""

from __future__ import annotations

from ._durations import Resolved as _Result

__all__ = ["HANDLERS"]


def _decade(m, ctx, start, end):
    dec = m.group("decade")
    if dec.startswith("'"):
        century = "19" if int(dec[1]) > 2 or ctx.anchor is None or ctx.anchor.year < 2000 else "20"
        if ctx.anchor is not None and ctx.anchor.year >= 2030:
            century = "20"
        dec = century + dec[1:]
    # TimeML writes a decade as its three digits ("the 1990s" -> 199); a bare "1990s" often
    # reads as "some year of the 1990s" (199X)
    if m.group("the"):
        return _Result("DATE", dec[:3], "decade")
    return _Result("DATE", dec[:3] + "X", "decade-year")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade_words(m, ctx, start, end):
    return _Result("DATE", f"19{_DECADE_WORDS[m.group('decade').lower()]}", "decade-words")


def _century(m, ctx, start, end):
    return _Result("DATE", f"{int(m.group('n')) - 1:02d}", "century")


def _this_century(m, ctx, start, end):
    return _Result("DURATION", "P100Y", "century-duration")


HANDLERS = {"decade": _decade, "decade_words": _decade_words, "century": _century, "thiscentury": _this_century}
