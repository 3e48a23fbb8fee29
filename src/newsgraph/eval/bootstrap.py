"""Bootstrap intervals: how far a figure measured on a few hundred documents can be trusted.

A change of a few hundredths on 55 validation records or a few thousandths on 181 pages may
be noise; every scorer reports a 95% interval beside its headline figures, from resampling
its documents with replacement. The seed is fixed, so two runs of the same system agree to the
last digit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

BOOTSTRAP_SEED = 20200101
RESAMPLES = 1000


def interval(statistic: Callable[[Sequence[int]], float], n: int,
             resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> list[float]:
    """The 95% interval of ``statistic`` (a figure computed from the documents at the given
    indices, repeats allowed) over ``resamples`` draws of ``n`` documents; the point value twice
    when there is nothing to resample."""
    if resamples <= 0 or n == 0:
        point = statistic(range(n))
        return [point, point]
    rng = np.random.default_rng(seed)
    values = [statistic(rng.integers(0, n, size=n)) for _ in range(resamples)]
    lo, hi = np.percentile(values, [2.5, 97.5])
    return [float(lo), float(hi)]


def ratio_interval(numerators: Sequence[float], denominators: Sequence[float],
                   resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> list[float]:
    """The interval of sum(numerators) / sum(denominators), one pair per document (a record's
    right answers over its chances); 0 for a resample whose denominators sum to 0."""
    top, bottom = np.asarray(numerators, float), np.asarray(denominators, float)

    def ratio(indices: Sequence[int]) -> float:
        total = float(bottom[list(indices)].sum())
        return float(top[list(indices)].sum()) / total if total else 0.0

    return interval(ratio, len(top), resamples, seed)
