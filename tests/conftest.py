"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "kazakhstan-troops.txt"
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from newsevents import nlp as backbone

    return backbone.load()


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """``../shared/eval``; tests that need it skip cleanly when it is absent."""
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present")
    return path


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def unparsable_text() -> str:
    """An article body longer than the parser accepts (2 M characters): coding it fails, and must cost it alone."""
    paragraph = "Crowds gathered in the square again and the speeches went on into the night. " * 200
    return "Endless\n\n" + "\n\n".join([paragraph] * 140)
