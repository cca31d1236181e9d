"""A real dashboard for the browser tests: a database built through the API, ``newsevents serve``, headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Runs only if the page ever executes article text as markup.
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
ARTICLES = [
    {
        "title": "Troops fire on crowd in Mandalay",
        "text": (
            "Soldiers opened fire on protesters in Mandalay on Sunday, killing three people, witnesses said.\n\n"
            "Thousands of people had marched through the city to demand the release of detained politicians."
        ),
        "date": "2022-01-03",
    },
    {
        "title": f"Strike at the port {XSS}",
        "text": (
            f"Dock workers went on strike in Rotterdam on Tuesday to demand higher wages. {XSS}\n\n"
            "Police arrested four strikers who blocked the main gate of the port."
        ),
        "date": "2022-01-04",
    },
]


def _browser_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
    if not chromium or not driver:
        pytest.skip("headless Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    return chromium, driver


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def dashboard_db(tmp_path_factory, example_path) -> tuple[Path, dict[str, str]]:
    """(database, {title: article id}) holding the example (published 2022-01-06) and the articles above."""
    _browser_paths()
    path = tmp_path_factory.mktemp("web") / "events.db"
    client = TestClient(create_app(path))
    ids = {}
    response = client.post(
        "/api/articles", content=example_path.read_bytes(), params={"date": "2022-01-06"},
        headers={"Content-Type": "text/plain"},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    ids["example"] = response.json()["article_id"]
    syndicated = client.post(
        "/api/articles", content=example_path.read_bytes(), headers={"Content-Type": "text/plain"},
        params={"date": "2022-01-06", "url": "https://mirror.example.org/kazakhstan", "source": "Mirror Wire"},
    )  # fmt: skip
    assert syndicated.status_code == 200 and syndicated.json()["article_id"] == ids["example"], syndicated.text
    for article in ARTICLES:
        response = client.post("/api/articles", json=article)
        assert response.status_code == 201, response.text
        ids[article["title"]] = response.json()["article_id"]
    return path, ids


@pytest.fixture(scope="session")
def server(dashboard_db):
    """``newsevents serve`` on a free loopback port; yields its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from newsevents.cli import main; sys.exit(main())", "serve", "--db", str(dashboard_db[0]), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "NEWSEVENTS_TOKEN": "test-token"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"newsevents serve did not start:\n{process.stdout.read().decode(errors='replace')}")
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = _browser_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1400,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def xss_article() -> tuple[dict, str]:
    """(the article whose title and body carry markup, the markup)."""
    return ARTICLES[1], XSS


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
