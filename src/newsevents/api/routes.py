"""The endpoints: ingest an article, query events and incidents, read an article, counts, health.

Readers open the database read-only per request (SQLite in WAL mode lets
them read while an ingest writes); blocking work runs in worker threads.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import Messages
from ..records import Article
from ..store import Filters, Store, content_hash
from . import ingest
from .schemas import (
    ArticleIn,
    ArticleOut,
    ErrorOut,
    EventPage,
    HealthOut,
    IncidentPage,
    IngestOut,
    StatsOut,
)

MAX_LIMIT = 1000
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A filter has a malformed value"},
    422: {"model": ErrorOut, "description": "A parameter or the body is invalid"},
    503: {"model": ErrorOut, "description": "The database cannot be opened"},
}
router = APIRouter()
_bearer = HTTPBearer(auto_error=False, description="Needed for writing when the server was started with --token")


def reader(request: Request) -> Iterator[Store]:
    with Store(request.app.state.store_path, readonly=True) as store:
        yield store


def filters(
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated", examples=["ASSAULT,COERCE"])] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 of the place or of either actor")] = None,
    actor: Annotated[str | None, Query(description="part of an actor's name, or an actor code (KAZ, KAZCOP, COP)")] = None,
    since: Annotated[str | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="last day, YYYY-MM-DD")] = None,
    near: Annotated[str | None, Query(description="LAT,LON,KM", examples=["43.24,76.91,50"])] = None,
    text: Annotated[str | None, Query(description="part of the evidence sentence or the article title")] = None,
) -> Filters:
    return Filters.from_strings(
        type=type, country=country, actor=actor, since=since, until=until, near=near, text=text
    )


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    expected = request.app.state.token
    if expected is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, Messages.API_UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
After = Annotated[int | None, Query(ge=0, description="cursor: the `next` of the previous page")]
StoreDep = Annotated[Store, Depends(reader)]
FiltersDep = Annotated[Filters, Depends(filters)]


def _page(rows: list[dict], limit: int) -> dict[str, Any]:
    """One page from ``limit + 1`` rows: the extra row only says that there is more."""
    items = rows[:limit]
    return {"items": items, "next": items[-1]["seq"] if len(rows) > limit else None}


@router.get("/api/events", response_model=EventPage, responses=ERRORS, tags=["query"])
def list_events(store: StoreDep, where: FiltersDep, limit: Limit = 100, after: After = None) -> dict[str, Any]:
    """Events matching the filters, in storage order, a page at a time."""
    return _page(store.events(where, limit=limit + 1, after=after), limit)


@router.get("/api/incidents", response_model=IncidentPage, responses=ERRORS, tags=["query"])
def list_incidents(store: StoreDep, where: FiltersDep, limit: Limit = 100, after: After = None) -> dict[str, Any]:
    """Incidents with at least one event matching the filters, a page at a time."""
    return _page(store.incidents(where, limit=limit + 1, after=after), limit)


@router.get("/api/stats", response_model=StatsOut, responses=ERRORS, tags=["query"])
def stats(store: StoreDep, where: FiltersDep) -> dict[str, Any]:
    """Counts of the matching events by type, by country and by day."""
    return store.stats(where)


@router.get(
    "/api/articles/{article_id}",
    response_model=ArticleOut,
    responses={404: {"model": ErrorOut, "description": "No such article"}, 422: ERRORS[422], 503: ERRORS[503]},
    tags=["articles"],
)
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    """A stored article: text, blocks (body, captions, credits) and every event with its evidence."""
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, Messages.API_NO_ARTICLE.format(id=article_id))
    return found


_RAW_BODY = {"type": "string"}
_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")},
            "text/plain": {"schema": _RAW_BODY},
            "text/html": {"schema": _RAW_BODY},
        },
    }
}


@router.post(
    "/api/articles",
    response_model=IngestOut,
    status_code=201,
    responses={
        200: {"model": IngestOut, "description": "This exact article was already stored"},
        401: {"model": ErrorOut, "description": "Missing or wrong token"},
        413: {"model": ErrorOut, "description": "The body is over the size limit"},
        415: {"model": ErrorOut, "description": "Unsupported content type"},
        422: ERRORS[422],
        503: ERRORS[503],
    },
    openapi_extra=_INGEST_BODY,
    dependencies=[Depends(require_token)],
    tags=["articles"],
)
async def post_article(
    request: Request,
    response: Response,
    date: Annotated[dt.date | None, Query(description="publication date for a raw body")] = None,
    title: Annotated[str | None, Query(description="title for a raw body")] = None,
    url: Annotated[str | None, Query(description="address of the article, for a raw body")] = None,
    source: Annotated[str | None, Query(description="publisher, for a raw body")] = None,
) -> dict[str, Any]:
    """Code one article and store it: JSON ``{"text", "title", "date", "url", "source"}``, or a raw
    ``text/plain`` or ``text/html`` body with ``?date=`` (and optionally title, url, source)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if media_type == "application/json":
        try:
            payload = ArticleIn.model_validate_json(body)
        except ValidationError as error:
            raise RequestValidationError(error.errors()) from None
        article = await run_in_threadpool(ingest.article_from_json, payload)
    elif media_type in ingest.HTML_TYPES | ingest.TEXT_TYPES:
        article = await run_in_threadpool(
            ingest.article_from_bytes, body, media_type=media_type, published=date, title=title, url=url, source=source
        )
    else:
        raise HTTPException(415, Messages.API_MEDIA_TYPE.format(media_type=media_type or "(none)"))
    result = await run_in_threadpool(_code_and_store, request.app.state.store_path, article)
    response.status_code = 201 if result["stored"] else 200
    response.headers["Location"] = f"/api/articles/{result['article_id']}"
    return result


def _code_and_store(path: Any, article: Article) -> dict[str, Any]:
    extraction = ingest.extract_one(article)
    with Store(path) as store:
        summary = store.add([extraction])
        stored = _stored_version(store, article)
    return {
        "article_id": stored.get("id", article.id),
        "title": article.title,
        "published": article.published,
        "stored": summary.stored > 0,
        "events": stored.get("events", []),
    }


def _stored_version(store: Store, article: Article) -> dict[str, Any]:
    """The stored row of ``article``: under its own id, or the id the store gives a new version of it."""
    for article_id in (article.id, f"{article.id}~{content_hash(article)[:12]}"):
        found = store.article(article_id)
        if found is not None and found["body"] == article.body and found["title"] == article.title:
            return found
    return {}


@router.get("/health", response_model=HealthOut, responses={503: ERRORS[503]}, tags=["health"])
def health(store: StoreDep) -> dict[str, str]:
    """The server is up and the database opens."""
    return {"status": "ok", "version": __version__}
