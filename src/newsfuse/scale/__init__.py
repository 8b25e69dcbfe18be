"""Scale-out: parse and extract on a Dask cluster (``newsfuse build --scheduler dask``)."""

from __future__ import annotations

from .cluster import process_on_dask

__all__ = ["process_on_dask"]
