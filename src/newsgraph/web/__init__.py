"""The web interface: an HTTP API and server-rendered pages over one store (``newsgraph serve``)."""

from newsgraph.web.app import create_app

__all__ = ["create_app"]
