"""Rebuilding the package's learned models from the shared gold data.

Each model is declared once in :data:`MODELS`: the module that trains it (its ``build(data,
out, log)`` parses the data, fits, and writes the model's files into ``out``), the data it
reads by default under the shared folder, and what it is. ``newsgraph train NAME`` and
``make models`` read this table; each model's files and its card live in
``newsgraph/models/NAME/``, loaded from the package at run time, never fetched. Training is
deterministic (fixed seeds and epochs) and reads only training parts: the sets the README
scores a model on are never read here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Trainer:
    module: str  # newsgraph.train.<module>, whose build(data, out, log) trains the model
    data: str  # the default training data, relative to the shared folder
    summary: str

    def build(self, data: Path, out: Path, log: Callable[[str], Any] = print) -> dict[str, Any]:
        return import_module(f"newsgraph.train.{self.module}").build(data, out, log)


MODELS: dict[str, Trainer] = {
    "attribution_cues": Trainer(
        "speech_cues", "data/quotes/polnear_train",
        "the speech stage's learned cues, on PolNeAR's train split"),
    "dom_blocks": Trainer(
        "dom_blocks", "data/content_extraction",
        "the HTML cleaner's block-add layer, on the content gold sets' tune parts"),
}


def shared_dir() -> Path:
    """The shared data folder: $NEWSGRAPH_SHARED, else ``../shared`` beside the checkout."""
    given = os.environ.get("NEWSGRAPH_SHARED")
    return Path(given) if given else Path(__file__).resolve().parents[3].parent / "shared"


def model_dir(name: str) -> Path:
    """Where the package keeps model ``name``'s files (its weights, training.json, card)."""
    return Path(__file__).resolve().parents[1] / "models" / name
