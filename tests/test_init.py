"""The small Python API: ``newsevents.read`` and ``newsevents.extract``."""

from __future__ import annotations

import datetime as dt

import pytest

import newsevents
from newsevents.errors import InputError


def test_read_text_takes_first_line_as_title():
    article = newsevents.read("Troops fire on marchers in Khartoum\n\nSoldiers opened fire on marchers on Sunday.")
    assert article.title == "Troops fire on marchers in Khartoum"
    assert "Soldiers opened fire" in article.body


def test_read_path_with_date(example_path):
    article = newsevents.read(example_path, published="2022-01-06")
    assert article.published == dt.date(2022, 1, 6)
    assert len(article.captions) == 3 and len(article.credits) == 3


def test_read_rejects_bad_date(example_path):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        newsevents.read(example_path, published="6 Jan")


def test_read_empty_text_is_a_clear_error():
    with pytest.raises(InputError):
        newsevents.read("")


def test_extract_text_returns_contract_keys():
    result = newsevents.extract(
        "Rebels attack army base\n\nRebels attacked an army base near Goma on Tuesday, killing four soldiers.",
        published="2024-05-02",
    ).to_dict()
    assert set(result) == {"article", "entities", "quotes", "events"}
    event = next(e for e in result["events"] if e["type"] == "ASSAULT")
    assert {
        "id", "type", "mode", "cameo", "acled", "source", "target", "location", "date", "date_text",
        "fatalities", "injuries", "context", "attributed_to", "mentions",
    } <= set(event)
    assert event["fatalities"] == 4
    assert event["date"] == "2024-04-30"
