"""bench/quantities.py: how newsfuse figures are named in NewsQuant's terms (its unit is the
counted noun with all its modifiers, wherever they stand, in the singular)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    sys.path.append(str(_ROOT / "bench"))  # benchlib, after the stdlib (bench/types.py)
    try:
        spec = importlib.util.spec_from_file_location("bench_quantities", _ROOT / "bench" / "quantities.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(_ROOT / "bench"))
    return module


def units(bench, nlp, text):
    from spacy.lang.en.stop_words import STOP_WORDS

    rows = bench.bench_figures(nlp(text), 0, bench.measurement_units(), STOP_WORDS)
    return {row[3] if not isinstance(row[3], list) else tuple(row[3]): row[2] for row in rows}


@pytest.mark.parametrize("text,value,unit", [
    # adjectives of the counted noun written before the number are in the unit
    ("Shares had risen in the previous three sessions.", 3, "previous session"),
    ("The museum reopened its main two galleries.", 2, "main gallery"),
    # a number inside the name the counted noun carries stays in the unit
    ("The carrier grounded four new 787 Dreamliner planes.", 4, "new 787 Dreamliner plane"),
    # unchanged: the modifiers after the number, a measurement without modifiers
    ("Police questioned 96 Liverpool fans.", 96, "Liverpool fan"),
    ("The club sold 1,200 seats in the first two days.", 2, "day"),
])
def test_counted_unit_is_the_noun_with_its_modifiers(bench, nlp, text, value, unit):
    assert units(bench, nlp, text)[value] == unit
