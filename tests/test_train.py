"""`newsgraph train`: a model rebuilt from raw annotated text, the same twice, and loadable."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.speech import learned
from newsgraph.train import MODELS, model_dir, speech_cues

SPEAKERS = ["Mayor Ada Rook", "The minister", "Officials", "Critics", "A spokesman",
            "The governor", "Residents", "The council", "Analysts", "The senator",
            "Union leaders", "The company"]
VERBS = ["said", "warned", "argued", "claimed", "insisted", "noted"]


def _polnear(root: Path) -> Path:
    """Twelve invented articles in PolNeAR's brat layout, two attributions each."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for n, speaker in enumerate(SPEAKERS):
        verb, other = VERBS[n % len(VERBS)], VERBS[(n + 1) % len(VERBS)]
        first = f"{speaker} {verb} that the bridge would open in May."
        second = f"The cost will rise, {speaker.lower()} {other}."
        text = f"{first} Work began last year. {second}\n"
        lines, t = [], 0
        for source, cue, content, sentence in (
                (speaker, verb, "the bridge would open in May", first),
                (speaker.lower(), other, "The cost will rise", second)):
            base = text.index(sentence)
            spans = {name: (base + sentence.index(piece), base + sentence.index(piece)
                            + len(piece)) for name, piece in
                     (("Source", source), ("Cue", cue), ("Content", content))}
            ids = {}
            for name, (s, e) in spans.items():
                t += 1
                ids[name] = f"T{t}"
                lines.append(f"T{t}\t{name} {s} {e}\t{text[s:e]}")
            t += 1
            s, e = spans["Cue"]
            lines.append(f"T{t}\tAttribution {s} {e}\t{text[s:e]}")
            lines.append(f"E{t}\tAttribution:T{t} Content:{ids['Content']} Cue:{ids['Cue']} "
                         f"Source:{ids['Source']}")
        (root / "text" / f"doc{n:02}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"doc{n:02}_a1.ann").write_text("\n".join(lines) + "\n",
                                                                 encoding="utf-8")
    return root


def test_a_model_is_rebuilt_from_raw_text_the_same_each_time(tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_SHARED", str(tmp_path))  # no news bodies: PolNeAR alone
    data = _polnear(tmp_path / "polnear")
    runs = [CliRunner().invoke(main, ["train", "attribution_cues", str(data), "--out",
                                      str(tmp_path / name)]) for name in ("a", "b")]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    info = json.loads((tmp_path / "a" / "training.json").read_text())
    assert info["documents"] == len(SPEAKERS) and info["positives"] >= len(SPEAKERS)
    with np.load(tmp_path / "a" / "weights.npz") as a, np.load(tmp_path / "b" / "weights.npz") as b:
        assert np.array_equal(a["weights"], b["weights"])
    model = learned.read_model(tmp_path / "a" / "weights.npz")
    assert model is not None and model.threshold in speech_cues.THRESHOLDS


def test_the_checker_reads_the_news_labels_by_document_and_cue(tmp_path: Path) -> None:
    body = ("Mr. Trump opined about the good old days of American manufacturing. "
            "He said the race was far from over.")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "ground-truth.json").write_text(
        json.dumps({"d1": {"articleBody": body}}), encoding="utf-8")
    start = body.index("opined")
    (tmp_path / "checks.tsv").write_text(
        "set\tdocument\tcue_start\tcue_end\tlabel\n"
        f"news\td1\t{start}\t{start + len('opined')}\t0\n", encoding="utf-8")
    checks = speech_cues.read_checks(tmp_path / "checks.tsv")
    assert checks == {"news/d1": {(start, start + len("opined")): 0}}
    docs = speech_cues.news_docs(tmp_path, checks)
    assert [d.name for d in docs] == ["news/d1"]
    shipped = learned.load_model()
    assert shipped is not None
    collecting = learned.CueModel(shipped.weights, shipped.bits, speech_cues.COLLECT_THRESHOLD,
                                  shipped.sourceless)
    rows, labels = speech_cues.news_examples(docs, collecting)
    assert labels == [0] and "l=opine" in rows[0]  # the rules' "said" carries no label
    assert speech_cues.news_docs(tmp_path / "missing", checks) == []


def test_every_model_has_its_card_and_files(tmp_path: Path) -> None:
    for name in MODELS:
        folder = model_dir(name)
        assert (folder / "card.md").is_file(), name
        assert {p.name for p in folder.iterdir()} - {"card.md"}, name  # its weights
    missing = CliRunner().invoke(main, ["train", "attribution_cues", str(tmp_path / "none")])
    assert missing.exit_code == 2


def test_every_file_the_package_reads_is_in_its_package_data() -> None:
    """A wheel carries only what pyproject.toml's package-data names: a data file, a model or
    a template outside those patterns works from a checkout and is missing once installed."""
    import tomllib
    from pathlib import PurePosixPath

    root = Path(learned.__file__).resolve().parents[1]
    config = tomllib.loads((root.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["newsgraph"]
    files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
             and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert files
    def packaged(name: str) -> bool:  # setuptools' globs: a * never crosses a folder
        path = PurePosixPath(name)
        return any(len(path.parts) == len(PurePosixPath(p).parts) and path.match(p)
                   for p in patterns)

    assert [f for f in files if not packaged(f)] == []
