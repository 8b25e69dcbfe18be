"""A self-contained HTML report of the fused account (one file, no network, all article text escaped).

It is rendered from the same templates as the web app's pages (:mod:`newsfuse.present.render`), with
links that point inside the file instead of at the web app.
"""

from __future__ import annotations

from pathlib import Path

from ..store.sqlite import Store
from .export import account
from .render import Renderer, ReportLinks
from .views import AccountIndex

__all__ = ["render_report", "write_report"]


def render_report(store: Store) -> str:
    return Renderer(AccountIndex(account(store), store.last_run()), ReportLinks()).report()


def write_report(store: Store, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(store), encoding="utf-8")
    return out
