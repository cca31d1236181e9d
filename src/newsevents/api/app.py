"""The FastAPI application: the JSON API under ``/api``, the dashboard at ``/``.

>>> import tempfile, pathlib
>>> app = create_app(pathlib.Path(tempfile.mkdtemp()) / "events.db", token="s3cret")
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api"))[:3]
['/api/articles', '/api/articles/{article_id}', '/api/events']
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import InputError, Messages, ModelError, NewsEventsError, QueryError, StoreError
from ..store import Store, default_db_path
from .routes import router
from .schemas import ErrorOut

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 5 * 1024 * 1024
STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
# The dashboard loads only its own files; data is shown as text, and this is the second line of defence.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
ERROR_STATUS: dict[type[NewsEventsError], int] = {QueryError: 400, InputError: 422, ModelError: 503, StoreError: 503}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(ErrorOut(error=message).model_dump(), status_code=status, headers=headers)


class _BodyTooLarge(Exception):
    pass


class LimitsMiddleware:
    """Refuse request bodies over ``max_body`` bytes with 413 and add the security headers to every response."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = _error(413, Messages.API_TOO_LARGE.format(limit=self.max_body))
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await too_large(scope, receive, self._secured(send))
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await self._secured(send)(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _BodyTooLarge:
            if started:
                raise
            await too_large(scope, receive, self._secured(send))

    @staticmethod
    def _secured(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return wrapped


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(
    store_path: str | Path | None = None,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    static_dir: Path = STATIC_DIR,
) -> FastAPI:
    """The API and dashboard over the database at ``store_path`` (``None``: :func:`default_db_path`).

    With ``token`` set, writing endpoints need ``Authorization: Bearer <token>``;
    request bodies over ``max_body`` bytes get 413.
    """
    path = Path(store_path).expanduser() if store_path is not None else default_db_path()
    Store(path).close()  # create and migrate now, so that readers can open it read-only
    app = FastAPI(
        title="newsevents",
        version=__version__,
        summary="Political events coded from news articles (PLOVER/CAMEO/ACLED), with their evidence.",
        # The interactive docs pages load their scripts from a CDN; the schema itself is served.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store_path = path
    app.state.token = token or None
    app.include_router(router)

    @app.exception_handler(NewsEventsError)
    async def _newsevents_error(request: Request, error: NewsEventsError) -> JSONResponse:
        status = next((code for kind, code in ERROR_STATUS.items() if isinstance(error, kind)), 400)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, error)
        return _error(status, str(error))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(error))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail), headers=getattr(error, "headers", None))

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        index = static_dir / "index.html"
        if not index.is_file():
            raise StarletteHTTPException(503, Messages.API_NO_DASHBOARD)
        return FileResponse(index)

    app.mount("/static", StaticFiles(directory=static_dir, check_dir=False), name="static")
    app.add_middleware(LimitsMiddleware, max_body=max_body)
    return app
