"""The web layer: pages for analysts and a JSON HTTP API over a newsfuse database. It only reads the store."""

from .app import WebApp
from .server import make_server, serve

__all__ = ["WebApp", "make_server", "serve"]
