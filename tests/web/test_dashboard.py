"""The dashboard in real headless Chromium: map, timeline, filters, brushing, article evidence, XSS."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

# Generous: CI machines are small and the first page load also warms the server.
WAIT_S = 60

pytestmark = pytest.mark.browser
ALMATY = (43.25, 76.92)


def api(server: str, path: str, **params) -> dict:
    with urllib.request.urlopen(f"{server}{path}?{urllib.parse.urlencode(params)}", timeout=10) as response:
        return json.load(response)


def open_dashboard(browser, server: str, fragment: str = "") -> None:
    browser.get(f"{server}/{fragment}")
    wait_ready(browser)


def wait_ready(browser) -> None:
    WebDriverWait(browser, WAIT_S).until(lambda d: d.execute_script("return document.body.dataset.state") in {"ready", "error"})
    assert browser.execute_script("return document.body.dataset.state") == "ready", browser.find_element(By.ID, "status").text
    # Leaflet animates clusters in; give markers a moment to be drawn.
    WebDriverWait(browser, WAIT_S).until(lambda d: d.execute_script(
        "return document.querySelectorAll('.ne-marker, .marker-cluster').length > 0 || window.__newsevents.mapped === 0"))


def table_rows(browser) -> list[list[str]]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#table tbody tr')].map(r => [...r.cells].map(c => c.textContent))")


def visible_markers(browser) -> int:
    return browser.execute_script(
        "return document.querySelectorAll('.ne-marker').length"
        " + [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + Number(s.textContent), 0)"
    )


def test_map_timeline_and_table_show_the_stored_events(browser, server, dashboard_db, artifacts):
    open_dashboard(browser, server)
    events = api(server, "/api/events", limit=1000)["items"]
    located = [e for e in events if (e.get("location") or {}).get("lat") is not None]
    assert located
    assert len(table_rows(browser)) == len(events)
    # Clusters animate in (old and new layers overlap for a moment): wait for the count to settle on the events.
    WebDriverWait(browser, WAIT_S).until(lambda d: visible_markers(d) == len(located))
    by_day = api(server, "/api/stats")["by_day"]
    bars = browser.execute_script(
        "return [...document.querySelectorAll('#timeline rect[data-since]')].map(r => [r.dataset.since, r.dataset.until])")
    assert browser.execute_script("return document.querySelector('#timeline svg').dataset.unit") == "day"
    days = {since for since, until in bars if since == until}
    assert days and days <= set(by_day)
    # The example: an event in Almaty, and the days of the uprising on the timeline.
    example = [e for e in events if e["article_id"] == dashboard_db[1]["example"]]
    assert any(
        abs(e["location"]["lat"] - ALMATY[0]) < 0.5 and abs(e["location"]["lon"] - ALMATY[1]) < 0.5
        for e in example if (e.get("location") or {}).get("lat") is not None
    ), "the example should put an event in Almaty"  # fmt: skip
    assert "2022-01-06" in days
    assert {d for d in by_day if "2022-01-01" <= d <= "2022-01-06"} <= days
    browser.save_screenshot(str(artifacts / "dashboard.png"))
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def test_type_filter_changes_table_and_markers(browser, server):
    open_dashboard(browser, server)
    stats = api(server, "/api/stats")
    chosen = min(stats["by_type"], key=stats["by_type"].get)
    before_rows, before_markers = len(table_rows(browser)), visible_markers(browser)
    Select(browser.find_element(By.CSS_SELECTOR, "#filters select[name=type]")).select_by_value(chosen)
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    # The state may still read "ready" from the last load for a moment: wait for the table itself.
    WebDriverWait(browser, WAIT_S).until(lambda d: len(table_rows(d)) < before_rows)
    wait_ready(browser)
    rows = table_rows(browser)
    assert len(rows) == stats["by_type"][chosen] < before_rows
    assert all(row[1] == chosen for row in rows)
    expected = [e for e in api(server, "/api/events", type=chosen, limit=1000)["items"] if (e.get("location") or {}).get("lat") is not None]
    WebDriverWait(browser, WAIT_S).until(lambda d: visible_markers(d) == len(expected))
    assert len(expected) <= before_markers
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    WebDriverWait(browser, WAIT_S).until(lambda d: len(table_rows(d)) == before_rows)
    wait_ready(browser)


def test_text_filter_with_no_match_empties_the_view_and_bad_input_shows_the_api_error(browser, server):
    open_dashboard(browser, server)
    box = browser.find_element(By.CSS_SELECTOR, "#filters input[name=text]")
    box.send_keys("zzqx no such words")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait_ready(browser)
    assert table_rows(browser) == [] and visible_markers(browser) == 0
    box.clear()
    country = browser.find_element(By.CSS_SELECTOR, "#filters input[name=country]")
    country.send_keys("K4Z")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    WebDriverWait(browser, WAIT_S).until(lambda d: d.execute_script("return document.body.dataset.state") == "error")
    assert "alpha-3" in browser.find_element(By.ID, "status").text


def test_brushing_the_timeline_filters_map_and_table(browser, server):
    open_dashboard(browser, server)
    total = len(table_rows(browser))
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect[data-since]")
    first_day = min(bar.get_attribute("data-since") for bar in bars)
    first = next(bar for bar in bars if bar.get_attribute("data-since") == first_day)
    last_day = first.get_attribute("data-until")
    # Drag across the first bar only.
    ActionChains(browser).move_to_element_with_offset(first, -first.size["width"] // 2 + 1, 0).click_and_hold() \
        .move_by_offset(first.size["width"] - 2, 0).release().perform()
    WebDriverWait(browser, WAIT_S).until(lambda d: d.execute_script("return window.__newsevents.range !== null"))
    assert browser.execute_script("return window.__newsevents.range") == {"since": first_day, "until": last_day}
    rows = table_rows(browser)
    assert 0 < len(rows) < total and all(first_day <= row[0] <= last_day for row in rows)
    assert browser.find_element(By.ID, "brush-range").text.startswith(first_day)
    browser.find_element(By.ID, "brush-clear").click()
    assert len(table_rows(browser)) == total
    assert browser.execute_script("return window.__newsevents.range") is None


def test_article_view_highlights_each_events_evidence(browser, server, dashboard_db, artifacts):
    article_id = dashboard_db[1]["example"]
    stored = api(server, f"/api/articles/{urllib.parse.quote(article_id, safe='')}")
    open_dashboard(browser, server)
    row = browser.find_element(By.CSS_SELECTOR, f'#table tbody tr[data-article="{article_id}"]')
    row.click()
    WebDriverWait(browser, WAIT_S).until(lambda d: d.execute_script("return document.getElementById('article').dataset.state") == "ready")
    assert browser.find_element(By.ID, "article-title").text == stored["title"]
    assert [c["url"] for c in stored["copies"]] == ["https://mirror.example.org/kazakhstan"]
    copy_link = browser.find_element(By.CSS_SELECTOR, '#article-meta a[href="https://mirror.example.org/kazakhstan"]')
    assert "also at" in browser.find_element(By.ID, "article-meta").text and copy_link.is_displayed()
    body = browser.find_element(By.ID, "article-body")
    assert body.get_attribute("textContent") == stored["body"]
    marks = body.find_elements(By.CSS_SELECTOR, "mark.evidence")
    assert marks
    evidence = " ".join(m["sentence"] for e in stored["events"] for m in e["mentions"])
    for mark in marks:
        assert mark.get_attribute("textContent").strip() in evidence
    cards = browser.find_elements(By.CSS_SELECTOR, "#article-events .event-card")
    assert [c.find_element(By.TAG_NAME, "h3").text.split(" ")[0] for c in cards] == [e["type"] for e in stored["events"]]
    shown_captions = [li.get_attribute("textContent") for li in browser.find_elements(By.CSS_SELECTOR, "#article-captions li")]
    assert shown_captions == stored["captions"]
    for caption in stored["captions"]:
        assert caption not in stored["body"]
    assert [li.get_attribute("textContent") for li in browser.find_elements(By.CSS_SELECTOR, "#article-credits li")] == stored["credits"]
    marks[0].click()
    focused = browser.find_elements(By.CSS_SELECTOR, "#article-events .event-card.focus")
    assert len(focused) == 1
    browser.save_screenshot(str(artifacts / "article.png"))
    browser.find_element(By.ID, "article-close").click()
    assert not browser.find_element(By.ID, "article").is_displayed()


def test_markup_in_article_text_is_shown_as_text_and_never_runs(browser, server, dashboard_db, xss_article):
    article, markup = xss_article
    title = article["title"]
    article_id = dashboard_db[1][title]
    open_dashboard(browser, server)
    cells = [row[7] for row in table_rows(browser)]
    assert title in cells
    open_dashboard(browser, server, f"#article={urllib.parse.quote(article_id, safe='')}")
    WebDriverWait(browser, WAIT_S).until(lambda d: d.execute_script("return document.getElementById('article').dataset.state") == "ready")
    assert browser.find_element(By.ID, "article-title").text == title
    assert markup in browser.find_element(By.ID, "article-body").get_attribute("textContent")
    assert browser.execute_script("return window.__xss") is None
    assert browser.execute_script("return document.querySelectorAll('#article img, #table img, #article script').length") == 0
    assert browser.title == "newsevents"


def test_incidents_view_lists_incidents_and_sorts(browser, server):
    open_dashboard(browser, server)
    browser.find_element(By.CSS_SELECTOR, "input[name=kind][value=incidents]").click()
    wait_ready(browser)
    incidents = api(server, "/api/incidents", limit=1000)["items"]
    rows = table_rows(browser)
    assert len(rows) == len(incidents) and browser.find_element(By.ID, "table-title").text == "Incidents"
    killed = browser.find_element(By.CSS_SELECTOR, "#table th[data-key=fatalities]")
    killed.click()  # numbers sort largest first
    values = [int(row[5]) for row in table_rows(browser) if row[5]]
    assert len(values) >= 2 and values == sorted(values, reverse=True)
    browser.find_element(By.CSS_SELECTOR, "#table th[data-key=fatalities]").click()
    values = [int(row[5]) for row in table_rows(browser) if row[5]]
    assert values == sorted(values)
