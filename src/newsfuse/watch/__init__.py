"""Watch a developing story: poll feeds and pages, update the account, alert on what changed.

``newsfuse watch SOURCES`` runs :func:`watch`; alerts are stored (``newsfuse alerts``), written as
JSON Lines, posted to a webhook and served as an Atom feed (``/alerts.atom``).
"""

from __future__ import annotations

from .alerts import KINDS, Alert, Track, diff, parse_track, snapshot
from ..present.alerts import atom_feed
from .deliver import JsonLines, Webhook
from .poll import PollResult, poll_source
from .runner import RoundResult, deliver_pending, poll_round, set_baseline, watch

__all__ = [
    "KINDS", "Alert", "JsonLines", "PollResult", "RoundResult", "Track", "Webhook", "atom_feed", "deliver_pending",
    "diff", "parse_track", "poll_round", "poll_source", "set_baseline", "snapshot", "watch",
]
