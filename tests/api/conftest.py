"""A real temporary database filled through ``POST /api/articles`` (real cleaner, pipeline and store)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app

ARTICLES = [
    {
        "title": "Police detain marchers in Lagos",
        "text": (
            "Police arrested 12 protesters in Lagos on Monday after a march against fuel prices turned violent.\n\n"
            "The demonstrators had blocked a main road near the state parliament for several hours."
        ),
        "date": "2023-05-16",
        "url": "https://news.example.org/lagos-arrests",
        "source": "Example News",
    },
    {
        "title": "Attack on village near Maiduguri",
        "text": (
            "Gunmen killed five villagers in an attack near Maiduguri on Saturday, a local official said.\n\n"
            "Soldiers later clashed with the attackers outside the town, the army said."
        ),
        "date": "2023-05-21",
        "url": "https://news.example.org/maiduguri-attack",
        "source": "Example News",
    },
]
RAW_TEXT = (
    "Ministers meet over grain deal\n\n"
    "The foreign ministers of Turkey and Ukraine met in Ankara on Wednesday to discuss grain exports.\n\n"
    "Turkey's foreign minister said the two countries agreed to extend the shipping corridor."
)


@pytest.fixture(scope="session")
def api_db(tmp_path_factory):
    """(database path, {title: POST response JSON}) for the articles above and one raw text body."""
    path = tmp_path_factory.mktemp("api") / "events.db"
    client = TestClient(create_app(path))
    posted = {}
    for article in ARTICLES:
        response = client.post("/api/articles", json=article)
        assert response.status_code == 201, response.text
        posted[article["title"]] = response.json()
    response = client.post(
        "/api/articles", content=RAW_TEXT.encode(), params={"date": "2023-06-07"},
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    posted["raw"] = response.json()
    return path, posted


@pytest.fixture(scope="session")
def articles() -> list[dict]:
    return ARTICLES


@pytest.fixture()
def client(api_db):
    return TestClient(create_app(api_db[0]))
