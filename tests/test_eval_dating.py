"""The mixed-feed dating scorer: how the undated half of a feed is counted."""

from __future__ import annotations

from datetime import date

from newsgraph.eval.dating import _figures


def row(url: str, published: str | None, earliest: str | None, latest: str | None,
        confidence: float) -> dict[str, object]:
    return {"url": url, "published": published, "published_earliest": earliest,
            "published_latest": latest, "published_confidence": confidence,
            "published_basis": "test"}


def test_right_within_wrong_and_unknown_are_counted_apart() -> None:
    truth = {u: date(2013, 5, 2) for u in "abcde"}
    figures = _figures([
        row("a", "2013-05-02", "2013-05-02", "2013-05-02", 0.9),  # right
        row("b", "2013-05-01", "2013-04-30", "2013-05-06", 0.5),  # inside, not the day
        row("c", "2012-05-02", "2012-05-02", "2012-05-09", 0.5),  # wrong
        row("d", None, "2013-06-01", None, 0.0),  # a bound alone, excluding it: wrong
        row("e", None, None, None, 0.0),  # unknown
    ], truth)
    assert (figures["day_accuracy"], figures["within_accuracy"]) == (0.2, 0.4)
    assert (figures["wrong_rate"], figures["unknown_rate"]) == (0.4, 0.2)
    assert figures["by_confidence"][">=0.5"] == {"files": 3, "wrong": 1}
    assert figures["by_confidence"][">=0.9"] == {"files": 1, "wrong": 0}
