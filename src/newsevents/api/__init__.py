"""The HTTP API and web dashboard of newsevents (``newsevents serve``).

>>> from newsevents.api import create_app
>>> app = create_app("events.db", token="s3cret")  # doctest: +SKIP
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
