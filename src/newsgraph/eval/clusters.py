"""Cluster scores shared by the scorers: B³, pairwise, MUC, CEAF-e and the CoNLL average.

Each takes two labelings of items (``gold``, ``system``: item → cluster label) and returns
``(precision, recall, f1)``; an item the system left out counts as a singleton of its own, an
item the gold does not have is ignored. A ratio with nothing to count is 0, as in the CoNLL
reference scorer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping

import numpy as np

Scores = tuple[float, float, float]


def share(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return share(2 * precision * recall, precision + recall)


def _prf(precision: float, recall: float) -> Scores:
    return precision, recall, _f1(precision, recall)


def _completed(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]
               ) -> dict[Hashable, Hashable]:
    """The system map over exactly the gold items; missing ones in singleton clusters of their
    own (a fresh object per item can equal no label)."""
    return {item: system[item] if item in system else ("<singleton>", object())
            for item in gold}


def _clusters(labels: Mapping[Hashable, Hashable]) -> list[set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


def b_cubed(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> Scores:
    """B³ (Bagga and Baldwin, 1998): per item, the share of its system cluster that is in its
    gold cluster (precision) and the reverse (recall), averaged over items."""
    system = _completed(gold, system)
    if not gold:
        return 0.0, 0.0, 0.0
    cells = Counter((gold[i], system[i]) for i in gold)
    gold_size = Counter(gold.values())
    system_size = Counter(system.values())
    precision = sum(n * n / system_size[s] for (_, s), n in cells.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in cells.items()) / len(gold)
    return _prf(precision, recall)


def pairwise(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> Scores:
    """Pairwise (link) scores: of the item pairs the system puts together, the share gold puts
    together (precision), and the reverse (recall)."""
    system = _completed(gold, system)

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    common = sum(pairs(n) for n in Counter((gold[i], system[i]) for i in gold).values())
    system_pairs = sum(pairs(n) for n in Counter(system.values()).values())
    gold_pairs = sum(pairs(n) for n in Counter(gold.values()).values())
    return _prf(share(common, system_pairs), share(common, gold_pairs))


def muc(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> Scores:
    """MUC (Vilain et al., 1995): recall is, over gold chains K, sum(|K| - |parts of K in the
    system|) / sum(|K| - 1); precision the same with the roles swapped."""
    system = _completed(gold, system)

    def score(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> float:
        numerator = denominator = 0
        for chain in _clusters(key):
            numerator += len(chain) - len({response[i] for i in chain})
            denominator += len(chain) - 1
        return share(numerator, denominator)

    return _prf(score(system, gold), score(gold, system))


def ceaf_e(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> Scores:
    """Entity-based CEAF (Luo, 2005): the best one-to-one alignment of gold and system entities
    under phi4(K, R) = 2|K ∩ R| / (|K| + |R|); recall is its total over the number of gold
    entities, precision over the number of system entities."""
    system = _completed(gold, system)
    if not gold:
        return 0.0, 0.0, 0.0
    total = _best_alignment_total(gold, system)
    return _prf(total / len(set(system.values())), total / len(set(gold.values())))


def _best_alignment_total(gold: Mapping[Hashable, Hashable],
                          system: Mapping[Hashable, Hashable]) -> float:
    """The optimal sum of phi4 over one-to-one entity pairs. Entities that share no item score
    0 together, so the assignment splits into the connected components of the "share an item"
    graph, solved one by one: small matrices instead of one entities × entities one."""
    overlaps = Counter((gold[i], system[i]) for i in gold)
    gold_size = Counter(gold.values())
    system_size = Counter(system.values())
    parent: dict[tuple[str, Hashable], tuple[str, Hashable]] = {}

    def find(node: tuple[str, Hashable]) -> tuple[str, Hashable]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for g, s in overlaps:
        parent[find(("gold", g))] = find(("system", s))
    components: dict[tuple[str, Hashable], list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for g, s in overlaps:
        components[find(("gold", g))].append((g, s))
    total = 0.0
    for cells in components.values():
        row_at = {g: k for k, g in enumerate(dict.fromkeys(g for g, _ in cells))}
        col_at = {s: k for k, s in enumerate(dict.fromkeys(s for _, s in cells))}
        similarity = np.zeros((len(row_at), len(col_at)))
        for g, s in cells:
            similarity[row_at[g], col_at[s]] = 2 * overlaps[g, s] / (gold_size[g] + system_size[s])
        total += sum(float(similarity[r, c]) for r, c in linear_assignment_max(similarity))
    return total


def linear_assignment_max(weights: np.ndarray) -> list[tuple[int, int]]:
    """A maximum-weight one-to-one assignment of rows to columns (rectangular allowed), as
    (row, column) pairs. scipy is not a dependency, so this is the O(n²m) Hungarian method
    (Kuhn-Munkres with potentials), its inner loop over columns done in numpy."""
    weights = np.asarray(weights, dtype=float)
    if weights.size == 0:
        return []
    transposed = weights.shape[0] > weights.shape[1]
    cost = -(weights.T if transposed else weights)  # rows <= columns, minimize
    n, m = cost.shape
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    owner = np.zeros(m + 1, dtype=int)  # owner[j]: the row (1-based) holding column j, 0 none
    way = np.zeros(m + 1, dtype=int)
    for row in range(1, n + 1):
        owner[0] = row
        column = 0
        best = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[column] = True
            current_row = owner[column]
            reduced = cost[current_row - 1] - u[current_row] - v[1:]
            free = ~used[1:]
            better = free & (reduced < best[1:])
            best[1:][better] = reduced[better]
            way[1:][better] = column
            candidates = np.where(free, best[1:], np.inf)
            nxt = int(np.argmin(candidates)) + 1
            delta = candidates[nxt - 1]
            taken = np.nonzero(used)[0]
            u[owner[taken]] += delta
            v[taken] -= delta
            best[1:][free] -= delta
            column = nxt
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    pairs = [(int(owner[j]) - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    if transposed:
        pairs = [(c, r) for r, c in pairs]
    return sorted(pairs)


def conll_f1(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> float:
    """The CoNLL-2012 figure: the mean of the MUC, B³ and CEAF-e F1."""
    return (muc(gold, system)[2] + b_cubed(gold, system)[2] + ceaf_e(gold, system)[2]) / 3


# -- scoring ------------------------------------------------------------------------------------
