"""Places: find toponyms in an article and resolve them to coordinates and country.

Resolution scores every gazetteer candidate of a name with

* a prior: countries and continents first, then first-level regions, then towns by
  population (national capitals get a bonus);
* the document's context: countries and regions the article (and the story,
  ``context``) mentions, demonyms included ("Iraqi" speaks for Iraq);
* explicit hierarchy next to the name ("Springfield, Ill.", "Hilla in Babil
  Governorate") and closeness to the other places of the article;
* US counties: a town and its county named in one text steer each other ("Paris" and
  "Henry County" -> Paris, Tennessee); a county may be named without "County" ("DeKalb"),
  at a lower prior;
* a town that only one of its alternate (often historic) names links to the phrase ranks
  below the towns that bear the name;
* a second round: the countries the first round chose for the other names of the text vote
  ("Jordan" among Minnesota towns is Jordan, Minnesota), and the regions of the towns it chose
  count as named, except a town of a million or more, which any news names;
* a list ("Washington, New York and Boston") is no "City, State" qualifier;
* one sense per article: every occurrence of a name gets the same place.

A name the gazetteer lacks ("Tower 22") falls back to the most specific known
place the sentence gives ("at Jordan's border with Syria" -> Jordan), marked with
feature ``fallback``. The module is pure: nothing is cached at module level.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...records import PlaceMention
from ..sentences import doc_text
from ._gazetteer import US_STATE_ABBREVIATIONS, Gazetteer, Place, haversine_km, normalize_name

__all__ = ["Resolution", "resolve_toponym", "resolve_spans", "extract_places", "PLACE_LABELS"]

#: spaCy entity labels taken as place mentions.
PLACE_LABELS = ("GPE", "LOC", "FAC")

_GENERIC_TAIL = re.compile(
    r"\s+(?:(?:international|civil|military|regional|municipal)\s+)?"
    r"(?:air\s*base|airbase|airport|air\s+field|airfield|base|camp|garrison|border|border\s+crossing|"
    r"city|town|village|province|governorate|district|region|area|county|refinery|port|harbou?r|"
    r"crossing|checkpoint|embassy|consulate|compound|prison|hospital|university|stadium|square)$",
    re.I,
)
_DIRECTION = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north[- ]?(?:east|west)(?:ern)?|south[- ]?(?:east|west)(?:ern)?|upstate|downtown|greater|"
    r"rural|metro|metropolitan|suburban|coastal|inner)\s+)+", re.I)
_LEADING = re.compile(r"^(?:the\s+)?(?:city|town|province|governorate|state|region|village|county)\s+of\s+",
                      re.I)
_POSSESSIVE = re.compile(r"[\u2019']s?$")
_QUALIFIER = re.compile(
    r"^\s*(?:,\s*(?:in\s+)?|\s+in\s+(?:the\s+)?(?:(?:province|governorate|state|region)\s+of\s+)?)"
    r"((?:[A-Z][\w.\u2019'-]*)(?:\s+[A-Z][\w.\u2019'-]*){0,3})")
_LIST_GOES_ON = re.compile(r"\s+(?:and|or|&)\s+[A-Z]")
_ANCHOR_BEFORE = re.compile(r"(?:\b(?:in|at|near|inside|outside|of|from|to|into|across)\s+(?:the\s+)?)$", re.I)
_FACILITY_AFTER = re.compile(r"\s+(?:air\s*base|airbase|airport|air\s+field|airfield|military\s+base|base|camp)\b",
                             re.I)
_ABBREVIATION = re.compile(r"^(?=(?:[^A-Za-z]*[A-Z]){2,5}[^A-Za-z]*$)[A-Z][A-Z.&]{1,7}$")
_STATE_NAMES = {normalize_name(k): v for k, v in US_STATE_ABBREVIATIONS.items()}


@dataclass(frozen=True, slots=True)
class Resolution:
    """A name resolved to a place (the PlaceMention fields without the provenance)."""

    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    geonameid: str | None
    feature: str | None  # continent | region | country | admin1 | admin2 | city | fallback
    admin1: str | None = None
    score: float = 0.0

    def mention(self, article: str, start: int, end: int, text: str) -> PlaceMention:
        """The PlaceMention of this resolution at one span of an article."""
        return PlaceMention(article, start, end, text, self.name, self.lat, self.lon,
                            self.country_code, self.geonameid, self.feature)


def _from_place(place: Place, score: float = 0.0, feature: str | None = None) -> Resolution:
    return Resolution(place.name, place.lat, place.lon, place.country_code, place.geonameid,
                      feature or place.feature, place.admin1, score)


# ---------------------------------------------------------------------- candidates


def _variants(phrase: str) -> list[str]:
    """The phrase, then shorter forms of it that may name the same place."""
    text = re.sub(r"\s+", " ", phrase.strip(" \t\n,.;:\"()[]")).strip()
    text = _POSSESSIVE.sub("", text) if re.search(r"[\u2019']s?$", text) else text
    out = [text]
    stripped = _LEADING.sub("", _DIRECTION.sub("", text))
    out.append(stripped)
    tail = stripped
    for _ in range(2):
        shorter = _GENERIC_TAIL.sub("", tail)
        if shorter == tail:
            break
        tail = shorter
        out.append(tail)
    for form in list(out):
        if re.match(r"^(?:al|el|as|an|ar|ad)[- ]", form, re.I):
            out.append(form[3:])
        elif form and form[0].isupper() and " " not in form:
            out.append("Al " + form)
    seen: list[str] = []
    for form in out:
        if form and form not in seen:
            seen.append(form)
    return seen


def _candidates(gaz: Gazetteer, phrase: str) -> tuple[list[Place], bool]:
    """Candidate places for a phrase, and whether they came from a shortened form."""
    abbrev = US_STATE_ABBREVIATIONS.get(phrase.strip().replace(". ", "."))
    if abbrev is None and re.fullmatch(r"[A-Z][a-z]{1,4}", phrase.strip()):  # "Calif", its dot outside the name
        abbrev = US_STATE_ABBREVIATIONS.get(phrase.strip() + ".")
    if abbrev:
        return [r for r in gaz.regions("US") if _US_CODES.get(r.name) == abbrev], False
    short = phrase.strip()
    if _ABBREVIATION.match(short) and (found := gaz.abbreviation(short)):
        return list(found), False
    forms = _variants(phrase)
    for i, form in enumerate(forms):
        code = gaz.demonym(form)
        if code is None and form.endswith("s"):  # "Iraqis", "Americans"
            code = gaz.demonym(form[:-1])
        if code and (country := gaz.country(code)) is not None:
            return [country], i > 0
        found = list(gaz.lookup(form))
        if found:
            return _drop_shadowed(found, normalize_name(form)), i > 0
    if re.fullmatch(r"[A-Z][a-z]{3,}", forms[0]):  # an adjective that is a country's name less its -s
        found = [p for p in gaz.lookup(forms[0] + "s") if p.feature == "country"]  # "Philippine"
        if found:
            return found, True
    return [], False


def _drop_shadowed(cands: list[Place], key: str = "") -> list[Place]:
    """Drop small towns named like the region they lie in ("Minnesota", Minnesota), and towns
    that only an alternate name links to a country's name ("Mexico" for Mexico City)."""
    if any(p.feature == "country" for p in cands):
        cands = [p for p in cands if p.feature != "city" or normalize_name(p.name) == key]
    if any(p.feature in ("country", "admin1", "continent", "region") for p in cands):
        cands = [p for p in cands if p.feature != "admin2" or normalize_name(p.name) == key]  # "Texas"
    regions = {(p.country_code, normalize_name(p.name)) for p in cands if p.feature == "admin1"}
    if not regions:
        return cands
    return [p for p in cands if p.feature != "city" or p.population >= 100_000
            or (p.country_code, normalize_name(p.name)) not in regions]


# ---------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class _Weights:
    """Scoring weights (tuned on LGL, checked on GeoWebNews; see bench/geo.py)."""

    area: float = 12.5  # countries, continents, seas
    us_state: float = 8.6
    region: float = 5.5  # first-level regions elsewhere
    county: float = 6.0
    capital: float = 3.5
    exact: float = 0.5  # the phrase is the place's own name, not an alternate one
    alias_town: float = 3.0  # a town that only one of its alternate names links to the phrase
    bare_county: float = 3.0  # a US county named without "County" ("DeKalb")
    country_share: float = 5.0  # times the share of the text's country evidence
    country_seen: float = 1.0
    region_named: float = 3.0  # the town's region is named in the text
    region_support: float = 2.0  # per other name with a candidate in the same region
    county_named: float = 1.5  # another name of the text is, or lies in, the same US county
    county_link: float = 3.0  # a town and the US county it lies in are both named
    local_cap: float = 4.5
    big_town: float = 0.0  # local evidence is discounted for towns this far above 10^4 people
    qualifier: float = 15.0
    near: float = 1.0
    near_each: float = 0.5
    metro: int = 1_000_000  # a chosen town this large is named in any news: it speaks for no region
    vote: float = 6.0  # country evidence per other name, from the places the first round chose


_W = _Weights()


def _prior(place: Place, phrase_key: str, w: _Weights = _W) -> float:
    if place.feature in ("country", "continent", "region"):
        score = w.area + math.log10(place.population + 1) / 10
    elif place.feature == "admin1":
        score = w.us_state if place.country_code == "US" else w.region
    elif place.feature == "admin2":
        score = w.county
    else:
        score = math.log10(place.population + 1) + (w.capital if place.capital else 0.0)
    if normalize_name(place.name) == phrase_key:
        score += w.exact
    elif place.feature == "city" and not place.capital:
        score -= w.alias_town
    elif place.feature == "admin2":
        score -= w.bare_county
    return score


@dataclass(slots=True)
class _Context:
    countries: Counter
    regions: dict  # (country, admin1 name) -> names (phrase keys) that point there
    points: list[tuple[str, float, float]]  # (phrase key, lat, lon) of resolved places
    support: dict | None = None  # (country, admin1 name) -> {name key: weight} of names with a candidate there
    counties: dict | None = None  # (admin1, county) -> names with a candidate that is or lies in that US county
    county_names: dict | None = None  # (admin1, county) -> names with that US county as a candidate
    votes: dict | None = None  # name key -> country code of the place an earlier round chose for it
    vote_counts: Counter | None = None  # country code -> weighted votes of all names


def _qualifier(gaz: Gazetteer, text: str, end: int, cands: Sequence[Place]) -> Place | None:
    """A region or country written right after a name that holds one of its candidates:
    "Springfield, Ill.", "Hilla in Babil Governorate"."""
    match = _QUALIFIER.match(text[end:end + 60])
    if not match:
        return None
    words = match.group(1).split()
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        if _LIST_GOES_ON.match(text, end + match.start(1) + len(phrase)):
            continue  # "stops in Washington, New York and Boston": a list of places, not a qualifier
        code = _STATE_NAMES.get(normalize_name(phrase)) if phrase.endswith(".") else None
        if code:
            for region in gaz.regions("US"):
                if _US_CODES.get(region.name) == code and any(_within(c, region) for c in cands):
                    return region
        phrase = phrase.rstrip(".,")
        for place in gaz.lookup(phrase):
            if place.feature in ("admin1", "country") and any(_within(c, place) for c in cands):
                return place
    return None


_US_CODES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
    "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL",
    "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY",
    "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR",
    "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD",
    "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA",
    "Washington": "WA", "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
}


def _within(place: Place, region: Place) -> bool:
    if region.feature == "country":
        return place.country_code == region.country_code and place.feature != "country"
    if place.country_code != region.country_code or place.feature in ("country", "admin1"):
        return False
    if place.admin1 == region.admin1:
        return True
    return region.country_code != "US" and haversine_km(place.lat, place.lon, region.lat, region.lon) < 150


def _score(place: Place, key: str, ctx: _Context, qualifier: Place | None, w: _Weights = _W) -> float:
    score = _prior(place, key, w)
    total = sum(ctx.countries.values())
    here = ctx.countries[place.country_code] if place.country_code else 0
    if ctx.votes:
        own = ctx.votes.get(key)
        total += w.vote * (sum(ctx.vote_counts.values()) - (1 if own else 0))
        if place.country_code:
            here += w.vote * (ctx.vote_counts[place.country_code] - (1 if own == place.country_code else 0))
    if place.country_code and total:
        share = here / total
        score += w.country_share * share + (w.country_seen if share > 0 else 0.0)
    if place.feature in ("city", "admin2"):
        local = w.region_named if ctx.regions.get((place.country_code, place.admin1), set()) - {key} else 0.0
        backing = (ctx.support or {}).get((place.country_code, place.admin1), {})
        local += w.region_support * min(sum(v for k, v in backing.items() if k != key), 2.0)
        cap = w.local_cap - w.big_town * max(0.0, math.log10(place.population + 1) - 4.0)
        score += min(local, max(cap, 0.0))
        score += _county_evidence(place, key, ctx, w)
    if qualifier is not None and _within(place, qualifier):
        score += w.qualifier
    if place.feature in ("city", "admin2"):
        near = [d for k, lat, lon in ctx.points if k != key
                for d in (haversine_km(place.lat, place.lon, lat, lon),) if d < 150]
        if near:
            score += w.near + min(len(near), 3) * w.near_each
    return score


def _county_evidence(place: Place, key: str, ctx: _Context, w: _Weights = _W) -> float:
    """Bonus for a US town or county when another name of the text is, or lies in, the same
    county; more when one is the town and the other its county ("Paris" and "Henry County")."""
    if not place.admin2 or not ctx.counties:
        return 0.0
    area = (place.admin1, place.admin2)
    others = ctx.counties.get(area, set()) - {key}
    if not others:
        return 0.0
    named = (ctx.county_names or {}).get(area, set())
    linked = bool(others & named) if place.feature == "city" else bool(others - named)
    return w.county_named + (w.county_link if linked else 0.0)


def _best(cands: Sequence[Place], key: str, ctx: _Context, qualifier: Place | None) -> tuple[Place, float]:
    scored = [(_score(p, key, ctx, qualifier), -i, p) for i, p in enumerate(cands)]
    score, _, place = max(scored)
    return place, score


# ---------------------------------------------------------------------- public API


def resolve_toponym(phrase: str, context: Sequence[str] = (), *, gazetteer: Gazetteer | None = None,
                    regions: Sequence[tuple[str, str]] = (),
                    near: Sequence[tuple[float, float]] = ()) -> Resolution | None:
    """Resolve one place name on its own, given the story's country codes (``context``).

    ``regions`` are (country code, region name) pairs known to be in play; ``near`` are
    coordinates of other places of the same text. None when the gazetteer has no such name.
    """
    gaz = gazetteer or Gazetteer.default()
    cands, _ = _candidates(gaz, phrase)
    if not cands:
        return None
    ctx = _Context(Counter({c.upper(): 3 for c in context}), {r: {""} for r in regions},
                   [("", lat, lon) for lat, lon in near])
    place, score = _best(cands, normalize_name(phrase), ctx, None)
    return _from_place(place, score)


def resolve_spans(text: str, spans: Sequence[tuple[int, int]], context: Sequence[str] = (), *,
                  gazetteer: Gazetteer | None = None, fallback: bool = True) -> list[Resolution | None]:
    """Resolve toponym spans of one text together, each name in the light of the others.

    ``context`` holds country codes of the story. With ``fallback``, a name the gazetteer
    lacks gets the most specific known place its sentence (else the text) gives.
    """
    gaz = gazetteer or Gazetteer.default()
    keys = [normalize_name(text[s:e]) for s, e in spans]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[key].append(i)
    cands: dict[str, list[Place]] = {}
    quals: dict[str, Place | None] = {}
    for key, members in groups.items():
        s, e = spans[members[0]]
        cands[key] = _candidates(gaz, text[s:e])[0]
        quals[key] = next((q for i in members if (q := _qualifier(gaz, text, spans[i][1], cands[key]))),
                          None)

    ctx = _Context(Counter({c.upper(): 3 for c in context}), {}, [])
    for key, members in groups.items():
        _seed_context(ctx, cands[key], quals[key], len(members))
    seeded = {r: set(v) for r, v in ctx.regions.items()}
    ctx.support = {}
    for key, places in cands.items():
        areas = {(p.country_code, p.admin1) for p in places
                 if p.feature in ("city", "admin2", "admin1") and p.admin1}
        for area in areas:
            ctx.support.setdefault(area, {})[key] = 1.0 / len(areas)
    ctx.counties, ctx.county_names = {}, {}
    for key, places in cands.items():
        for p in places:
            if p.admin2 and p.feature in ("city", "admin2"):
                ctx.counties.setdefault((p.admin1, p.admin2), set()).add(key)
                if p.feature == "admin2":
                    ctx.county_names.setdefault((p.admin1, p.admin2), set()).add(key)
    chosen: dict[str, tuple[Place, float]] = {}
    for _round in range(2):
        for key in groups:
            if cands[key]:
                chosen[key] = _best(cands[key], key, ctx, quals[key])
        ctx.points = [(k, p.lat, p.lon) for k, (p, _) in chosen.items() if p.feature in ("city", "admin2")]
        ctx.votes = {k: p.country_code for k, (p, _) in chosen.items() if p.country_code}
        ctx.vote_counts = Counter(ctx.votes.values())
        ctx.regions = {r: set(v) for r, v in seeded.items()}
        for key, (place, _) in chosen.items():
            if place.feature in ("admin1", "city", "admin2") and place.admin1 and place.population < _W.metro:
                ctx.regions.setdefault((place.country_code, place.admin1), set()).add(key)
    counts = Counter(keys)
    out: list[Resolution | None] = []
    for i, key in enumerate(keys):
        if key in chosen:
            place, score = chosen[key]
            if place.approx:
                place = _anchor_county(place, key, chosen, counts)
            out.append(_from_place(place, score))
        elif fallback:
            out.append(_fallback(text, spans[i], spans, chosen, keys, ctx, gaz))
        else:
            out.append(None)
    return out


def _anchor_county(place: Place, key: str, chosen: dict[str, tuple[Place, float]],
                   counts: Counter) -> Place:
    """Place a county (approximate point) at the text's most mentioned town of its state."""
    towns = [(counts[k], p.population, p) for k, (p, _) in chosen.items()
             if k != key and p.feature == "city" and p.country_code == place.country_code
             and p.admin1 == place.admin1]
    if not towns:
        return place
    town = max(towns, key=lambda t: (t[0], t[1]))[2]
    return Place(place.geonameid, place.name, town.lat, town.lon, place.country_code, place.feature,
                 place.population, place.admin1, place.capital, place.approx)


def _seed_context(ctx: _Context, cands: Sequence[Place], qualifier: Place | None, count: int) -> None:
    """Count the countries and regions a name speaks for, when it is unambiguous enough."""
    if qualifier is not None:
        if qualifier.country_code:
            ctx.countries[qualifier.country_code] += 2
        if qualifier.feature == "admin1":
            ctx.regions.setdefault((qualifier.country_code, qualifier.admin1), set()).add("")
    if not cands:
        return
    key = normalize_name(cands[0].name)
    head = max(cands, key=lambda p: _prior(p, key))
    top = [p for p in cands if p.feature in ("country", "admin1", "continent", "region")]
    if head.feature not in ("country", "admin1", "continent", "region") or not top:
        top = list(cands)
    codes = {p.country_code for p in top}
    if len(codes) == 1 and None not in codes:
        ctx.countries[next(iter(codes))] += count


def _fallback(text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]],
              chosen: dict[str, tuple[Place, float]], keys: Sequence[str], ctx: _Context,
              gaz: Gazetteer) -> Resolution | None:
    """The most specific known place that the sentence (else the text) gives for an unknown name."""
    start, end = span
    sent_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    sent_end = min(stop) if stop else len(text)
    best: tuple[float, Place] | None = None
    for (s, e), key in zip(spans, keys):
        if key not in chosen or (s, e) == span or s < sent_start or e > sent_end:
            continue
        place = chosen[key][0]
        if text[e:e + 1] == "-":  # "US-led": a modifier, not a location
            continue
        rank = 0.0
        rank += 2.0 if s > end else 0.0
        rank += 2.0 if re.match(r"[\u2019']s\b", text[e:e + 3]) else 0.0
        rank += 1.5 if _ANCHOR_BEFORE.search(text[max(0, s - 12):s]) else 0.0
        rank += {"city": 1.0, "admin2": 0.8, "admin1": 0.6, "country": 0.3}.get(place.feature, 0.0)
        rank -= abs((s if s > end else start) - (end if s > end else e)) / 200
        if best is None or rank > best[0]:
            best = (rank, place)
    if best is None:
        best = _dominant(chosen, keys, ctx, gaz)
    if best is None:
        return None
    return _from_place(best[1], 0.0, feature="fallback")


def _dominant(chosen: dict[str, tuple[Place, float]], keys: Sequence[str], ctx: _Context,
              gaz: Gazetteer) -> tuple[float, Place] | None:
    """The text's most mentioned town, else region, else country."""
    counts = Counter(k for k in keys if k in chosen)
    for feature in ("city", "admin2", "admin1", "country"):
        ranked = [(n, chosen[k][0]) for k, n in counts.most_common() if chosen[k][0].feature == feature]
        if ranked:
            return float(ranked[0][0]), ranked[0][1]
    if ctx.countries:
        code, _ = ctx.countries.most_common(1)[0]
        country = gaz.country(code)
        if country is not None:
            return 0.0, country
    return None


def extract_places(doc, article: str, context: Sequence[str] = (), *, gazetteer: Gazetteer | None = None,
                   include_demonyms: bool = False, within_names: bool = False) -> list[PlaceMention]:
    """Place mentions of a spaCy ``Doc`` (GPE/LOC/FAC entities and gazetteer names the model
    missed), resolved with the article's context and the story's country codes ``context``.

    Demonyms ("Iraqi") inform the context; with ``include_demonyms`` they are returned too.
    With ``within_names``, place names inside organisation names ("Dublin Arts Council") count
    too, as geoparsing corpora annotate them. A facility or area the gazetteer lacks gets the
    place its sentence gives (``fallback``).
    """
    gaz = gazetteer or Gazetteer.default()
    text = doc_text(doc)
    labels: dict[tuple[int, int], str] = {}
    for ent in doc.ents:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end <= start:
            continue
        if ent.label_ in PLACE_LABELS:
            labels[(start, end)] = ent.label_
        elif ent.label_ == "NORP" and _demonym_code(gaz, text[start:end]):
            labels[(start, end)] = "NORP"
    countries = {p.country_code for (s, e), lab in labels.items() if lab == "GPE"
                 for p in gaz.lookup(text[s:e]) if p.feature == "country"}
    for span in _missed_names(gaz, doc, list(labels), countries, within_names):
        labels[span] = "GAZ"
    story = list(context) + [code for (s, e), lab in labels.items() if lab == "NORP"
                             if (code := _demonym_code(gaz, text[s:e]))]
    wanted = sorted(span for span, lab in labels.items() if lab != "NORP" or include_demonyms)
    resolved = resolve_spans(text, wanted, story, gazetteer=gaz)
    out = []
    for (start, end), res in zip(wanted, resolved):
        if res is None or (res.feature == "fallback" and labels[(start, end)] not in ("FAC", "LOC")):
            continue
        out.append(res.mention(article, start, end, text[start:end]))
    return out


def _demonym_code(gaz: Gazetteer, word: str) -> str | None:
    return gaz.demonym(word) or (gaz.demonym(word[:-1]) if word.endswith("s") else None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    piece = text[start:end]
    lead = re.match(r"(?i)the\s+", piece)
    if lead:
        start += lead.end()
    tail = re.search(r"[\u2019']s?$", text[start:end])
    if tail:
        end = start + tail.start()
    return start, end


def _missed_names(gaz: Gazetteer, doc, taken: Iterable[tuple[int, int]],
                  countries: set[str], within_names: bool = False) -> list[tuple[int, int]]:
    """Capitalised names the model left out that are countries or regions, large towns, or
    towns of a country the article names introduced as one ("the city of Hilla", "in Hilla")."""
    covered = set()
    for s, e in taken:
        covered.update(range(s, e))
    other = set()  # names the model gave another label (a town taken for a PERSON)
    for ent in doc.ents:
        if not (within_names and ent.label_ in ("ORG", "FAC", "EVENT", "LAW", "PRODUCT")):
            other.update(range(ent.start_char, ent.end_char))
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.text[:1].isupper() or tok.idx in covered or (tok.is_sent_start and not within_names):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and j - i < 3 and tokens[j + 1].text[:1].isupper():
            j += 1
        before = text[max(0, tok.idx - 20):tok.idx]
        introduced = re.search(r"\b(?:city|town|village|province|governorate) of\s+$", before, re.I)
        anchored = re.search(r"\b(?:in|near|outside|at)\s+$", before)
        found = False
        for k in range(j, i - 1, -1):
            start, end = tokens[i].idx, tokens[k].idx + len(tokens[k].text)
            if any(c in covered for c in range(start, end)):
                continue
            facility = _FACILITY_AFTER.match(text, end)
            cands = [p for form in _variants(text[start:end])[:3] for p in gaz.lookup(form)]
            relabelled = any(c in other for c in range(start, end))
            if any((not relabelled and (p.feature in ("country", "admin1") or p.population >= 500_000
                                        or (anchored and p.population >= 20_000
                                            and p.country_code in countries)))
                   or (introduced and p.feature == "city")
                   or (facility and p.feature == "city" and p.country_code in countries)
                   for p in cands):
                out.append((start, facility.end() if facility else end))
                i, found = k + 1, True
                break
        if not found:
            i += 1
    return out
