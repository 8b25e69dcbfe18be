"""Shared test configuration: hypothesis profiles for the fuzz suite.

``pytest -m fuzz`` runs the fuzz suite with the fast ``ci`` profile (the default);
``pytest -m fuzz --hypothesis-profile=long`` runs it long, for a developer hunting bugs.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               derandomize=False, print_blob=True)
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.register_profile("long", max_examples=3000, **_COMMON)
settings.load_profile("ci")
