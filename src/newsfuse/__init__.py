"""newsfuse: overlapping news reports in, one source-attributed account out.

The public API::

    from newsfuse import Settings, Store, account, build, load_settings

    settings = load_settings(db="story.db")        # defaults, then newsfuse.toml, then these
    build(["reports/"], settings)                   # ingest, annotate, fuse (resumable)
    with Store(settings.db) as store:
        story = account(store)                      # the fused account as a JSON-ready dict

Everything else is internal and may change. The names are imported on first use, so
``import newsfuse`` (and ``newsfuse --help``) stays quick: spaCy loads only when a build needs it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Settings", "Store", "__version__", "account", "build", "load_settings"]

#: public name -> module that defines it
_HOMES = {
    "Settings": "newsfuse.settings",
    "load_settings": "newsfuse.settings",
    "Store": "newsfuse.store.sqlite",
    "build": "newsfuse.pipeline",
    "account": "newsfuse.present.export",
}

if TYPE_CHECKING:
    from .pipeline import build
    from .present.export import account
    from .settings import Settings, load_settings
    from .store.sqlite import Store


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
