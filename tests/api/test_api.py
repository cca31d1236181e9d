"""The HTTP API over a real database: ingest, filters, pagination, errors, token, size limit, schema."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from newsevents.api import create_app


def all_events(client, **params):
    return client.get("/api/events", params={"limit": 1000, **params}).json()["items"]


def test_post_returns_stored_events_with_evidence(api_db, client, articles):
    _, posted = api_db
    first = posted[articles[0]["title"]]
    assert first["stored"] is True
    assert first["published"] == "2023-05-16"
    assert first["events"], "an arrest of protesters should be coded"
    article = client.get(f"/api/articles/{first['article_id']}").json()
    for event in first["events"]:
        assert event["article_id"] == first["article_id"]
        for mention in event["mentions"]:
            # Evidence offsets index the article body.
            assert article["body"][mention["start"] : mention["end"]].strip() in mention["sentence"]
    assert any(e["type"] in {"COERCE", "ASSAULT"} for e in first["events"])


def test_posting_the_same_article_again_stores_nothing(api_db, client, articles):
    response = client.post("/api/articles", json=articles[1])
    assert response.status_code == 200
    assert response.json()["stored"] is False
    assert response.json()["article_id"] == api_db[1][articles[1]["title"]]["article_id"]
    assert response.headers["location"] == f"/api/articles/{response.json()['article_id']}"


def test_raw_text_body_takes_the_date_from_the_query(api_db, client):
    raw = api_db[1]["raw"]
    assert raw["title"] == "Ministers meet over grain deal"
    assert raw["published"] == "2023-06-07"
    assert raw["events"]
    assert all(e["published"] == "2023-06-07" for e in raw["events"])


def test_html_body_is_cleaned_before_coding(tmp_path):
    page = (
        "<html><head><title>Strike in Rotterdam</title></head><body><nav>Home | World | Sport</nav><article>"
        "<h1>Dock workers strike in Rotterdam</h1>"
        "<p>Thousands of dock workers went on strike in Rotterdam on Monday to demand higher wages.</p>"
        "<p>The union said the walkout would continue until employers improved their offer.</p>"
        "<figure><figcaption>Striking workers outside the port gates.</figcaption></figure>"
        "</article></body></html>"
    )
    client = TestClient(create_app(tmp_path / "events.db"))
    response = client.post(
        "/api/articles", content=page.encode(), params={"date": "2024-02-05", "url": "https://example.org/strike"},
        headers={"Content-Type": "text/html"},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    article = client.get(f"/api/articles/{response.json()['article_id']}").json()
    assert "Home | World" not in article["body"]
    assert "went on strike in Rotterdam" in article["body"]
    assert article["url"] == "https://example.org/strike"
    assert article["published"] == "2024-02-05"


def test_article_has_blocks_and_every_events_evidence(api_db, client, articles):
    article_id = api_db[1][articles[1]["title"]]["article_id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["title"] == articles[1]["title"]
    assert {b["kind"] for b in article["blocks"]} >= {"body"}
    assert article["events"]
    assert all(e["mentions"] for e in article["events"])
    killed = [e for e in article["events"] if e.get("fatalities")]
    assert killed and killed[0]["fatalities"] == 5


def test_events_filter_by_type_country_text_and_dates(client):
    events = all_events(client)
    assert len(events) >= 3
    kind = events[0]["type"]
    assert all(e["type"] == kind for e in all_events(client, type=kind.lower()))
    assert len(all_events(client, type=kind)) < len(events) or len({e["type"] for e in events}) == 1
    may = all_events(client, since="2023-05-01", until="2023-05-31")
    assert may and all(e["published"].startswith("2023-05") for e in may)
    assert not all_events(client, until="2000-01-01")
    worded = all_events(client, text="Maiduguri")
    assert worded and all(
        "Maiduguri" in e["article_title"] or any("Maiduguri" in m["sentence"] for m in e["mentions"]) for e in worded
    )
    nigeria = all_events(client, country="NGA")
    assert nigeria and all(
        "NGA" in {(e.get("location") or {}).get("country"), (e.get("source") or {}).get("country"),
                  (e.get("target") or {}).get("country")}
        for e in nigeria
    )  # fmt: skip


def test_near_filter_keeps_events_within_the_radius(client):
    located = [e for e in all_events(client) if (e.get("location") or {}).get("lat") is not None]
    assert located, "some event should have coordinates"
    place = located[0]["location"]
    near = all_events(client, near=f"{place['lat']},{place['lon']},25")
    assert located[0]["id"] in {e["id"] for e in near}
    antipode = f"{-place['lat']},{place['lon'] - 180 if place['lon'] > 0 else place['lon'] + 180},25"
    assert all_events(client, near=antipode) == []


def test_cursor_pagination_walks_every_event_once(client):
    everything = [e["seq"] for e in all_events(client)]
    seen, after = [], None
    while True:
        page = client.get("/api/events", params={"limit": 2, **({"after": after} if after else {})}).json()
        seen += [e["seq"] for e in page["items"]]
        assert len(page["items"]) <= 2
        if page["next"] is None:
            break
        assert page["next"] == page["items"][-1]["seq"]
        after = page["next"]
    assert seen == everything


def test_incidents_page_and_link_to_events(client):
    page = client.get("/api/incidents", params={"limit": 1000}).json()
    assert page["items"] and page["next"] is None
    event_ids = {e["id"] for e in all_events(client)}
    for incident in page["items"]:
        assert set(incident["event_ids"]) <= event_ids
        assert incident["article_ids"]
    one = client.get("/api/incidents", params={"limit": 1}).json()
    assert len(one["items"]) == 1 and (one["next"] is not None) == (len(page["items"]) > 1)


def test_stats_count_the_stored_events(client):
    stats = client.get("/api/stats").json()
    events = all_events(client)
    assert stats["events"] == len(events) == sum(stats["by_type"].values())
    assert stats["articles"] == 3
    assert sum(sum(day.values()) for day in stats["by_day"].values()) == len(events)
    only = next(iter(stats["by_type"]))
    assert client.get("/api/stats", params={"type": only}).json()["events"] == stats["by_type"][only]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"since": "last week"}, "since"),
        ({"type": "RIOT"}, "PLOVER"),
        ({"country": "KZ"}, "alpha-3"),
        ({"near": "43.2,76.9"}, "LAT,LON,KM"),
        ({"since": "2023-06-01", "until": "2023-05-01"}, "until"),
    ],
)
def test_bad_filter_values_are_400_with_a_message(client, params, word):
    for path in ("/api/events", "/api/incidents", "/api/stats"):
        response = client.get(path, params=params)
        assert response.status_code == 400
        assert word in response.json()["error"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 5000}, {"limit": "ten"}, {"after": -1}])
def test_bad_paging_values_are_422_with_a_message(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert set(response.json()) == {"error"} and next(iter(params)) in response.json()["error"]


def test_unknown_article_and_path_are_404_json(client):
    response = client.get("/api/articles/no-such-article")
    assert response.status_code == 404
    assert response.json() == {"error": "no article with id 'no-such-article'"}
    assert client.get("/api/nothing-here").json() == {"error": "Not Found"}


def test_bad_bodies_are_rejected_with_a_message(client):
    missing = client.post("/api/articles", json={"title": "No text"})
    assert missing.status_code == 422 and "text" in missing.json()["error"]
    unknown = client.post("/api/articles", json={"text": "Police arrested two men.", "author": "x"})
    assert unknown.status_code == 422 and "author" in unknown.json()["error"]
    broken = client.post("/api/articles", content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 422 and "JSON" in broken.json()["error"]
    image = client.post("/api/articles", content=b"\x89PNG", headers={"Content-Type": "image/png"})
    assert image.status_code == 415 and "image/png" in image.json()["error"]
    empty = client.post("/api/articles", content=b"   \n", headers={"Content-Type": "text/plain"})
    assert empty.status_code == 422 and "empty" in empty.json()["error"]
    bad_date = client.post("/api/articles", json={"text": "Police arrested two men.", "date": "06/01/2022"})
    assert bad_date.status_code == 422 and "date" in bad_date.json()["error"]


def test_write_needs_the_token_when_one_is_set(tmp_path):
    client = TestClient(create_app(tmp_path / "events.db", token="s3cret"))
    body = {"text": "Rebels shelled the port of Hodeidah on Friday, killing three fishermen.", "date": "2023-07-14"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0"}):
        response = client.post("/api/articles", json=body, headers=headers)
        assert response.status_code == 401
        assert "token" in response.json()["error"]
        assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/events").status_code == 200  # reading stays open
    response = client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 201, response.text


def test_request_bodies_over_the_limit_are_413(tmp_path):
    client = TestClient(create_app(tmp_path / "events.db", max_body=1000))
    big = b"Police arrested two men in Accra. " * 40
    declared = client.post("/api/articles", content=big, headers={"Content-Type": "text/plain"})
    assert declared.status_code == 413
    assert "1,000-byte limit" in declared.json()["error"]
    chunked = client.post(
        "/api/articles", content=(big[i : i + 100] for i in range(0, len(big), 100)),
        headers={"Content-Type": "text/plain"},
    )  # fmt: skip
    assert chunked.status_code == 413
    assert client.get("/api/stats").json()["articles"] == 0


def test_openapi_schema_is_valid_and_documents_errors(client):
    schema = client.get("/openapi.json").json()
    validate(schema)
    paths = schema["paths"]
    assert set(paths) >= {"/api/articles", "/api/events", "/api/incidents", "/api/articles/{article_id}",
                          "/api/stats", "/health"}  # fmt: skip
    assert {p["name"] for p in paths["/api/events"]["get"]["parameters"]} == {
        "type", "country", "actor", "since", "until", "near", "text", "limit", "after"
    }  # fmt: skip
    assert set(paths["/api/articles"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, methods in paths.items():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == error, (path, status)
    event = schema["components"]["schemas"]["EventOut"]["properties"]
    assert {"mentions", "location", "fatalities", "context", "seq", "article_id"} <= set(event)


def test_health_and_dashboard_page(client):
    assert client.get("/health").json()["status"] == "ok"
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/countries.json").json()["type"] == "Topology"
