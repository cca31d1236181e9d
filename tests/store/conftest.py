"""Fixtures of the store tests."""

from __future__ import annotations

import pytest
from store_samples import shooting_reports


@pytest.fixture()
def reports() -> list[Extraction]:
    return shooting_reports()


@pytest.fixture()
def db_path(tmp_path):
    return tmp_path / "events.db"
