"""The web layer: an HTML UI and a JSON HTTP API over a newsfuse database. It only reads the store."""

from .app import WebApp, serve

__all__ = ["WebApp", "serve"]
