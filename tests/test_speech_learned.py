"""The learned attribution cues (newsgraph.speech.learned) and their training module."""

from __future__ import annotations

import numpy as np

from newsgraph import settings
from newsgraph.pipeline import process_text
from newsgraph.speech import learned
from newsgraph.train import speech_cues

# "opine" is no cue of the lexicon; the learned model finds it.
TEXT = ("Mr. Trump opined about the good old days of American manufacturing. "
        "He said the race was far from over.\n")


def _quotes(text: str, on: bool):
    saved = settings.SPEECH_CUE_MODEL
    settings.SPEECH_CUE_MODEL = on
    try:
        return process_text(text).quotes
    finally:
        settings.SPEECH_CUE_MODEL = saved


def test_the_shipped_model_loads():
    model = learned.load_model()
    assert model is not None
    assert model.weights.shape == (1 << model.bits,)
    assert 0.0 < model.threshold < 1.0


def test_a_cue_beyond_the_lexicon_is_added_and_the_rules_stay():
    rules = _quotes(TEXT, on=False)
    both = _quotes(TEXT, on=True)
    assert {q.cue for q in rules} <= {q.cue for q in both}
    opined = [q for q in both if q.cue == "opined"]
    assert opined and opined[0].speaker == "Mr. Trump"
    assert "good old days" in TEXT[opined[0].content_start:opined[0].content_end]


def test_the_checker_decides_which_learned_attributions_stay():
    shipped = learned.load_model()
    assert shipped is not None
    size = 1 << learned.CHECKER_BITS
    try:
        for bias, kept in ((-50.0, False), (50.0, True)):  # the checker's verdict on everything
            checker = np.zeros(size, dtype=np.float32)
            checker[learned.zlib.crc32(b"bias") & (size - 1)] = bias
            learned.use_model(learned.CueModel(shipped.weights, shipped.bits, shipped.threshold,
                                               shipped.sourceless, checker, 0.5))
            assert any(q.cue == "opined" for q in _quotes(TEXT, on=True)) is kept
    finally:
        learned.use_model(None)


def test_switched_off_the_stage_is_the_rules_alone():
    assert all(q.cue != "opined" for q in _quotes(TEXT, on=False))


def test_fit_is_deterministic_and_learns_a_separable_feature():
    rows = [["bias", "good"]] * 20 + [["bias", "bad"]] * 20
    labels = [1] * 20 + [0] * 20
    first = speech_cues.fit(rows, labels, bits=8, epochs=60)
    second = speech_cues.fit(rows, labels, bits=8, epochs=60)
    assert np.array_equal(first, second)
    model = learned.CueModel(first, 8, 0.5)
    good, bad = model.probabilities([["bias", "good"], ["bias", "bad"]])
    assert good > 0.8 > 0.2 > bad
