"""Shared fixtures: the sample corpus, a fresh store, and the shared data (skipped if absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"


def shared_path(relative: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (tests read ../shared in place)")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """An empty input directory, apart from the store's."""
    path = tmp_path / "inputs"
    path.mkdir()
    return path
