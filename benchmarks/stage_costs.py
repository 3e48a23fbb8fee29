"""What each pipeline stage costs per article, measured in one run on the benchmark corpus.

Answers questions such as "how much does speech extraction add to per-article processing?"
without a second full ingest: every stage of ``newsgraph.pipeline.DEFAULT_STAGES`` runs over
the same articles, in order, in one process, and its wall time is reported with its share of
the whole and its cost relative to spaCy's ``annotate`` stage. Two steps inside stages are
timed apart, again over the processed articles: placing events on the map (``places``, inside
``events``) and resolving the outlet profile (``outlets``, inside ``clean``).

    .venv/bin/python benchmarks/stage_costs.py [--limit 300] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsgraph import settings
from newsgraph.ingest.outlets import outlets_for, resolve_outlet
from newsgraph.ingest.readers import read_paths
from newsgraph.model import Article
from newsgraph.pipeline import DEFAULT_STAGES, STAGES
from newsgraph.places.locate import place_events

HERE = Path(__file__).resolve().parent
# The stages that read spaCy's annotations: each one's cost is what an issue budgets.
STAGES_AFTER_ANNOTATE = DEFAULT_STAGES[DEFAULT_STAGES.index("annotate") + 1 :]


def measure(paths: list[str]) -> dict[str, object]:
    """Seconds per stage over the articles read from ``paths`` (warm-up excluded)."""
    articles = [a for a in read_paths(paths) if isinstance(a, Article)]
    warm = articles[:2]
    for name in DEFAULT_STAGES:  # load models and lexicons before timing
        warm = [a for a in STAGES[name](warm) if isinstance(a, Article)]
    seconds: dict[str, float] = {}
    current = articles
    for name in DEFAULT_STAGES:
        started = time.perf_counter()
        current = [a for a in STAGES[name](current) if isinstance(a, Article)]
        seconds[name] = time.perf_counter() - started
    total = sum(seconds.values())
    outlets = outlets_for(settings.resources().outlet_files)
    steps = {"places": lambda a: place_events(a), "outlets": lambda a: resolve_outlet(a, outlets)}
    inside: dict[str, float] = {}
    for name, step in steps.items():
        started = time.perf_counter()
        for article in current:
            step(article)
        inside[name] = time.perf_counter() - started
    return {
        "steps_inside_stages": {k: round(v, 3) for k, v in inside.items()},
        "steps_vs_annotate": {k: round(v / seconds["annotate"], 4) for k, v in inside.items()},
        "articles": len(current),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "share": {k: round(v / total, 4) for k, v in seconds.items()},
        "vs_annotate": {k: round(v / seconds["annotate"], 4) for k, v in seconds.items()},
        # what a stage adds to the per-article work of all the others: its cost budget
        "added_to_the_rest": {k: round(v / (total - v), 4) for k, v in seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "shared_news")
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}: run benchmarks/corpus.py first")
    files = sorted(str(p) for p in args.corpus.glob("*.txt"))
    step = max(len(files) // args.limit, 1)  # spread over every source, not the first one
    result = measure(files[::step][: args.limit])
    print("| stage | seconds | share | vs annotate |\n|---|--:|--:|--:|")
    for name, value in result["seconds"].items():  # type: ignore[union-attr]
        print(f"| {name} | {value:.2f} | {result['share'][name]:.1%} | "  # type: ignore[index]
              f"{result['vs_annotate'][name]:.1%} |")  # type: ignore[index]
    added = result["added_to_the_rest"]
    print(f"\n{result['articles']} articles; added to the other stages: "
          + ", ".join(f"{k} {added[k]:.1%}" for k in STAGES_AFTER_ANNOTATE))  # type: ignore[index]
    print("steps inside stages, vs annotate: " + ", ".join(
        f"{k} {v:.1%}" for k, v in result["steps_vs_annotate"].items()))  # type: ignore[union-attr]
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "stage_costs.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
