"""Recognising the parts of a report that are not body text.

Header lines (display dates, "Posted by" bylines, standalone datelines, outlet
names, photo captions), the dateline at the start of a body ("ERBIL
(Kurdistan24) –"), and agency signatures at the end ("AFP"). Every function is
a pure test or parse of one line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..records import DateEvidence
from .dates import find_dates

__all__ = [
    "Dateline",
    "AGENCIES",
    "find_dateline",
    "is_date_line",
    "parse_byline",
    "is_place_line",
    "place_name",
    "is_caption",
    "is_outlet_line",
    "agency_signature",
    "header_date",
    "caption_dates",
]

#: News agencies: in a dateline's brackets or as a closing signature they name the agency, not the outlet.
AGENCIES = frozenset(
    "AFP AP Reuters DPA dpa ANSA EFE Xinhua UPI IANS PTI TASS Anadolu AA ANI KUNA WAM SPA "
    "INA IRNA Kyodo Yonhap Bernama Bloomberg Agence France-Presse Associated Press".split()
) | {"Agence France-Presse", "Associated Press", "Press Association", "PA"}

_WORD = r"[A-Z][A-Za-z'’.\-]*"
_DATELINE = re.compile(
    rf"^(?P<place>{_WORD}(?: {_WORD}){{0,3}})"
    r"(?:, (?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,? (?P<day>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}))?"
    r"(?: ?\((?P<source>[^()\n]{2,40})\))?"
    r"(?P<sep> (?:[–—]|--?) |(?<=\))[–—-] |: )"
)
_BYLINE = re.compile(r"^(?:posted|written|published|reported|updated)?\s*by\b|\bposted by\b|^(?:posted|published)\b",
                     re.I)
_BY_NAME = re.compile(r"\bby:?\s+(?P<name>[^|,;]+?)\s*(?:$|\||,|;|\bon\b|\bin\b)", re.I)
_PLACE_LINE = re.compile(rf"^{_WORD}(?: {_WORD}){{0,2}}[.,:]?$")
_CAPTION = re.compile(
    r"\((?:photo|image|picture|credit|file photo)s?\b|\b(?:photo|image|picture)s?(?: credit)?\s*:|"
    r"/(?:AFP|AP|Reuters|Getty(?: Images)?|EPA|Xinhua|Anadolu)\)|\bGetty Images\b|\bphoto by\b",
    re.I,
)
_DATE_WORDS = re.compile(r"\b(?:updated|published|posted|last|modified|on|at|am|pm|gmt|utc|[ap]\.m\.)\b", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b")


class Dateline(NamedTuple):
    """A dateline at the start of a paragraph: the place, the bracketed source, and the prefix length."""

    place: str
    source: str | None
    end: int  # characters of the paragraph the dateline takes, separator included
    text: str


def place_name(text: str) -> str:
    """``ERBIL`` -> ``Erbil``; ``Baghdad.`` -> ``Baghdad``."""
    name = text.strip().rstrip(".,:").strip()
    return name.title() if name.isupper() and len(name) > 3 else name


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph`` ("Baghdad –", "ERBIL (Kurdistan24) –", "BAGHDAD:")."""
    m = _DATELINE.match(paragraph)
    if not m or len(paragraph) - m.end() < 20:
        return None
    place = m.group("place")
    if ":" in m.group("sep") and not place.isupper():
        return None  # "Al-Sudani: The government..." is a speaker, not a dateline
    if not m.group("source") and not place.isupper() and len(place.split()) > 2:
        return None
    return Dateline(place_name(place), m.group("source"), m.end(), m.group(0).strip())


def is_date_line(line: str) -> bool:
    """A line that is only a date (with weekday, time or "Updated" words around it)."""
    dates = find_dates(line)
    if not dates or len(line) > 80:
        return False
    rest = line
    for d in dates:
        rest = rest.replace(d.text, " ")
    rest = _DATE_WORDS.sub(" ", _TIME.sub(" ", rest))
    return not re.search(r"[A-Za-z0-9]", rest)


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """``(author, date text)`` for a byline ("Jan 25, 2024. Posted by Balkan"), else None."""
    if len(line) > 160 or not _BYLINE.search(line):
        return None
    dates = find_dates(line)
    rest = line
    for d in dates:
        rest = rest.replace(d.text, " ")
    m = _BY_NAME.search(rest)
    author = m.group("name").strip(" .") if m else None
    if author and (len(author.split()) > 6 or not author[:1].isupper()):
        author = None
    if not author and not dates:
        return None
    return author, dates[0].text if dates else None


def is_place_line(line: str) -> bool:
    """A standalone short capitalised line such as ``Baghdad`` or ``Baghdad.``."""
    return len(line) <= 40 and " - " not in line and bool(_PLACE_LINE.match(line)) \
        and not any(ch.isdigit() for ch in line) and place_name(line) not in AGENCIES


def is_caption(line: str) -> bool:
    """A photo caption (it carries a photo credit)."""
    return bool(_CAPTION.search(line))


def is_outlet_line(line: str) -> bool:
    """A short header line naming a site ("Periscope - Hellas"): few words, no sentence."""
    words = line.split()
    return (
        0 < len(words) <= 6 and len(line) <= 50 and line[:1].isupper()
        and not re.search(r"[.!?,;\"“”]$", line) and not re.search(r"[\"“”‘’]", line)
    )


def agency_signature(line: str) -> str | None:
    """The agency of a closing signature line (``AFP``, ``— Reuters``, ``(AP)``, ``AFP/Reuters``)."""
    text = line.strip().strip("()[]—–- ").strip()
    if not text or len(text) > 40:
        return None
    parts = [p.strip() for p in re.split(r"\s*(?:/|,| and | with )\s*", text) if p.strip()]
    if parts and all(p in AGENCIES for p in parts):
        return text
    return None


def header_date(line: str) -> DateEvidence | None:
    """A page header date: the site's display date, weak evidence of publication."""
    dates = find_dates(line)
    if not dates:
        return None
    return DateEvidence(
        dates[0].value, "header", 0.2,
        f"page header date {line.strip()} (site display date, often not the publication date)",
    )


def caption_dates(caption: str) -> list[DateEvidence]:
    """Dates in a photo caption: when the photo was taken, often the day of the event."""
    return [
        DateEvidence(d.value, "caption", 0.6, f"photo caption date {d.text}")
        for d in find_dates(caption)
    ]
