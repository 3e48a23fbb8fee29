"""Build the benchmark corpus: every distinct news document under ``../shared/data`` as plain text.

Why a converted copy instead of pointing the benchmarks at the shared data: the shared sets come
in five annotation formats (ECB+ token XML, TimeML, plain text, a JSON ground truth, CoNLL-U),
and a throughput benchmark must feed both newsgraph and the spaCy baseline the *same* article
bodies. Converting once, to one ``.txt`` per document, gives both sides an identical,
format-neutral input and takes the format readers out of what is measured.

The generated files go under ``benchmarks/corpus/`` (git-ignored); the shared data is only ever
read in place. The conversion functions are importable so tests can reuse them::

    from benchmarks.corpus import ecbplus_text, detokenize

CLI: ``python benchmarks/corpus.py [--out DIR] [--data DIR] [--force]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT_DIR = BENCH_DIR / "corpus" / "shared_news"

# Bumped whenever a converter changes its output, so an existing corpus built by an older
# version is rebuilt instead of silently reused (benchmark figures must match their input).
CORPUS_FORMAT_VERSION = 1

# The sources in the order they are read; the order decides which copy of a duplicate text is
# kept and, through the file names, what ``--limit`` selects in the throughput benchmark.
SOURCES: tuple[str, ...] = ("ecbplus", "timebank", "aquaint", "polnear", "scrapinghub", "gum")


@dataclass(frozen=True, slots=True)
class Document:
    """One converted document: where it came from and its plain-text body."""

    source: str
    name: str  # unique within the source; becomes part of the output file name
    text: str


# --------------------------------------------------------------------------------------------
# Detokenization (ECB+ ships tokens only, with no whitespace information)
# --------------------------------------------------------------------------------------------

# Tokens written flush against the previous token.
_ATTACH_LEFT = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "…", "”", "''", "n't", "N'T"}
)
# Tokens the next token is written flush against.
_ATTACH_RIGHT = frozenset({"(", "[", "{", "$", "£", "€", "“", "``", "‘"})
# Tokens that join both neighbours: hyphenated compounds and URL/date slashes are split in ECB+
# ("90 - day", "2013 / 05") but were written without spaces in the source articles.
_ATTACH_BOTH = frozenset({"-", "/"})
# English clitics split off by PTB-style tokenizers ("it 's", "do n't").
_CLITICS = frozenset({"'s", "'re", "'m", "'ve", "'d", "'ll", "’s", "’re", "’m", "’ve", "’d", "’ll"})
# What follows a curly apostrophe that ECB+ split off on its own ("it ’ s", "can ’ t").
_APOSTROPHE_TAILS = frozenset({"s", "t", "m", "re", "ve", "d", "ll"})
# PTB quote tokens, written back as the plain ASCII quote a news site would have used.
_QUOTE_MAP = {"``": '"', "''": '"'}
_URLISH = re.compile(r"^(https?|www)\b", re.IGNORECASE)


def _is_word(token: str) -> bool:
    return bool(token) and token[-1].isalnum()


def _merge_split_quotes(tokens: Sequence[str]) -> list[str]:
    """Rejoin PTB quotes that ECB+ sometimes splits in two (``'`` ``'`` for ``''``)."""
    merged: list[str] = []
    for tok in tokens:
        if merged and tok in ("'", "`") and merged[-1] == tok:
            merged[-1] = tok * 2
        else:
            merged.append(tok)
    return merged


def detokenize(tokens: Sequence[str], quote_state: dict[str, bool] | None = None) -> str:
    """Join PTB-style tokens into readable text.

    Why bother: spaCy's tokenizer, tagger and parser were trained on normally spaced text, and
    "Reid , her rep told People ." is parsed (and counted) differently from the original prose.
    The rules are heuristics for the ECB+ token stream, not a general detokenizer.

    ``quote_state`` carries the open/closed state of ambiguous straight quotes across the
    sentences of one document, because quotations in news routinely span sentences.
    """
    if not tokens:
        return ""
    if _URLISH.match(tokens[0]):
        # The ECB+ header line "http : / / articles . latimes . com / ..." is a URL: no spaces.
        return "".join(tokens)
    state = quote_state if quote_state is not None else {}
    tokens = _merge_split_quotes(tokens)
    out: list[str] = []
    glue_next = True  # no space before the first token
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        glue_left = tok in _ATTACH_LEFT or tok.lower() in _CLITICS
        glue_right = tok in _ATTACH_RIGHT
        both_words = _is_word(prev) and _is_word(nxt)
        clock = tok == ":" and prev.isdigit() and nxt.isdigit()  # "10 : 30"
        if (tok in _ATTACH_BOTH and both_words) or clock:
            glue_left = glue_right = True
        elif tok == "’":
            if _is_word(prev) and nxt.lower() in _APOSTROPHE_TAILS:
                glue_left = glue_right = True  # apostrophe inside a word: it ’ s -> it’s
            else:
                glue_left = True  # closing single quote or plural possessive
        elif tok in ("``", "“"):
            state['"'] = True
        elif tok in ("''", "”"):
            state['"'] = False
        elif tok == '"':
            opening = not state.get('"', False)
            state['"'] = opening
            glue_left, glue_right = (False, True) if opening else (True, False)
        elif tok == "'":
            if not state.get("'", False) and prev[-1:] in ("s", "S") and _is_word(prev):
                glue_left = True  # plural possessive: "victims ' families"
            else:
                opening = not state.get("'", False)
                state["'"] = opening
                glue_left, glue_right = (False, True) if opening else (True, False)
        elif len(tok) > 1 and tok.lower() not in _CLITICS:
            # ECB+ sometimes leaves a quote glued to a word ('"The', 'said"'); such tokens
            # still open or close a quotation, and the toggles above must know it.
            for q in ('"', "'"):
                if tok.startswith(q):
                    state[q] = True
                elif tok.endswith(q) and state.get(q, False):
                    state[q] = False
        if out and not (glue_next or glue_left):
            out.append(" ")
        out.append(_QUOTE_MAP.get(tok, tok))
        glue_next = glue_right
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Per-format converters
# --------------------------------------------------------------------------------------------


def ecbplus_text(path: Path) -> str:
    """ECB+ ``<token t_id sentence number>`` stream -> one detokenized sentence per line.

    The first sentence(s) of ECB+ documents are often a URL and a date: they are kept, as an
    ingest pipeline would see them in a scraped page too.
    """
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[int, str]]] = {}
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        num = int(tok.get("number", "0"))
        sentences.setdefault(sent, []).append((num, tok.text or ""))
    quote_state: dict[str, bool] = {}
    lines = []
    for sent in sorted(sentences):
        tokens = [t for _, t in sorted(sentences[sent]) if t]
        line = detokenize(tokens, quote_state)
        if line:
            lines.append(line)
    return "\n".join(lines)


def timeml_text(path: Path) -> str:
    """TimeML ``.tml`` -> the text of ``<TEXT>``, inline EVENT/TIMEX3/SIGNAL tags removed."""
    root = ET.parse(path).getroot()
    text_el = root.find("TEXT")
    if text_el is None:
        return ""
    return "".join(text_el.itertext()).strip()


def polnear_text(path: Path) -> str:
    """PolNeAR articles are plain text already; only a BOM and outer whitespace are dropped."""
    return path.read_text(encoding="utf-8-sig").strip()


def scrapinghub_texts(path: Path) -> Iterator[tuple[str, str]]:
    """ScrapingHub article-extraction ground truth -> ``(key, articleBody)`` pairs."""
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    for key in sorted(data):
        body = data[key].get("articleBody") or ""
        yield key, body.strip()


def gum_text(path: Path) -> str:
    """GUM CoNLL-U -> the ``# text =`` lines, one paragraph per ``# newpar``.

    Sentences of a paragraph are joined with a space (they were running prose), paragraphs with
    a blank line. ``# newpar_block = ...`` lines describe the paragraph just opened and are not
    breaks of their own.
    """
    paragraphs: list[list[str]] = [[]]
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line == "# newpar" or line.startswith(("# newpar ", "# newpar=")):
                if paragraphs[-1]:
                    paragraphs.append([])
            elif line.startswith("# text ="):
                paragraphs[-1].append(line[len("# text =") :].strip())
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


# --------------------------------------------------------------------------------------------
# Corpus assembly
# --------------------------------------------------------------------------------------------


def iter_documents(data_dir: Path) -> Iterator[Document]:
    """Every document of every source, in a fixed order (sources as in SOURCES, files sorted)."""
    ecb = sorted(
        (data_dir / "coref" / "ecbplus_topics_1_35").glob("*/*.xml"),
        key=lambda p: (_natural_key(p.parent.name), _natural_key(p.name)),
    )
    for p in ecb:
        yield Document("ecbplus", p.stem, ecbplus_text(p))
    tb_root = data_dir / "temporal" / "timebank_aquaint"
    for sub, source in (("TimeBank", "timebank"), ("AQUAINT", "aquaint")):
        for p in sorted((tb_root / sub).glob("*.tml")):
            yield Document(source, p.stem, timeml_text(p))
    for p in sorted((data_dir / "quotes" / "polnear_dev" / "text").glob("*.txt")):
        yield Document("polnear", p.stem, polnear_text(p))
    gt = data_dir / "content_extraction" / "scrapinghub_aeb" / "ground-truth.json"
    if gt.is_file():
        for key, body in scrapinghub_texts(gt):
            yield Document("scrapinghub", key[:16], body)
    for p in sorted((data_dir / "entities" / "gum_news" / "dep").glob("*.conllu")):
        yield Document("gum", p.stem, gum_text(p))


def _natural_key(name: str) -> list[int | str]:
    """Sort "2" before "10" so ECB+ topics come out in their numeric order."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def manifest_path(out_dir: Path) -> Path:
    """The manifest sits *next to* the corpus dir, not in it.

    Why: ``newsgraph ingest DIR`` reads every file in DIR, and a JSON file in there would be
    ingested (or reported as unreadable) and skew the article count.
    """
    return out_dir.parent / f"{out_dir.name}.manifest.json"


def corpus_files(out_dir: Path) -> list[Path]:
    """The corpus documents in benchmark order: the read order, which the file names encode."""
    return sorted(out_dir.glob("*.txt"))


def is_up_to_date(out_dir: Path) -> bool:
    """True when ``out_dir`` holds exactly the documents its manifest lists, at this version."""
    mpath = manifest_path(out_dir)
    if not (out_dir.is_dir() and mpath.is_file()):
        return False
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    if manifest.get("format_version") != CORPUS_FORMAT_VERSION:
        return False
    listed = set(manifest.get("files", []))
    return bool(listed) and listed == {p.name for p in corpus_files(out_dir)}


def build_corpus(data_dir: Path, out_dir: Path, *, force: bool = False) -> dict[str, object]:
    """Convert and deduplicate all documents into ``out_dir``; return the manifest.

    The corpus is built in a sibling temporary directory and renamed into place, so an
    interrupted build never leaves a half-written corpus that a later benchmark would mistake
    for the real one. An up-to-date corpus is reused unless ``force`` is set.
    """
    mpath = manifest_path(out_dir)
    if not force and is_up_to_date(out_dir):
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        manifest["reused"] = True
        return manifest
    if out_dir.exists() and any(out_dir.iterdir()) and not mpath.exists() and not force:
        raise SystemExit(
            f"{out_dir} exists, is not empty and was not built by this script; "
            "pass --force to replace it or choose another --out"
        )

    counts: dict[str, Counter[str]] = {s: Counter() for s in SOURCES}
    seen: dict[str, str] = {}  # text hash -> file name of the first copy
    duplicates: list[dict[str, str]] = []
    files: list[str] = []
    tmp = out_dir.parent / f".{out_dir.name}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    for doc in iter_documents(data_dir):
        c = counts.setdefault(doc.source, Counter())
        c["found"] += 1
        text = doc.text.replace("\r\n", "\n").strip()
        if not text:
            c["empty"] += 1
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        # The running number makes sorted file order equal to read order.
        fname = f"{len(files):04d}_{doc.source}__{_safe(doc.name)}.txt"
        if digest in seen:
            c["duplicate"] += 1
            duplicates.append({"file": fname, "same_as": seen[digest]})
            continue
        seen[digest] = fname
        (tmp / fname).write_text(text + "\n", encoding="utf-8")
        files.append(fname)
        c["written"] += 1
        c["words"] += len(text.split())

    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    manifest: dict[str, object] = {
        "format_version": CORPUS_FORMAT_VERSION,
        "data_dir": str(data_dir),
        "documents": len(files),
        "words": sum(c["words"] for c in counts.values()),
        "per_source": {s: dict(c) for s, c in counts.items()},
        "duplicates": duplicates,
        "files": files,
    }
    mpath.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    manifest["reused"] = False
    return manifest


def format_counts(manifest: dict[str, object]) -> str:
    """A small per-source table for the terminal."""
    per_source = manifest.get("per_source", {})
    assert isinstance(per_source, dict)
    rows = [f"{'source':<12} {'found':>6} {'written':>8} {'dup':>5} {'empty':>6} {'words':>9}"]
    for source, c in per_source.items():
        rows.append(
            f"{source:<12} {c.get('found', 0):>6} {c.get('written', 0):>8} "
            f"{c.get('duplicate', 0):>5} {c.get('empty', 0):>6} {c.get('words', 0):>9}"
        )
    rows.append(
        f"{'total':<12} {'':>6} {manifest['documents']:>8} {'':>5} {'':>6} {manifest['words']:>9}"
    )
    return "\n".join(rows)


def ensure_corpus(out_dir: Path, data_dir: Path = DEFAULT_DATA_DIR, *, quiet: bool = False) -> bool:
    """Build the corpus if it is missing or stale; False when neither it nor the data exist."""
    if is_up_to_date(out_dir):
        return True
    if not data_dir.is_dir():
        return False
    manifest = build_corpus(data_dir, out_dir)
    if not quiet:
        print(format_counts(manifest))
    return True


def main(argv: Iterable[str] | None = None) -> int:
    """CLI entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output directory")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="shared data dir")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not args.data.is_dir():
        print(f"skipped: shared data not found at {args.data} (nothing to convert)")
        return 0
    manifest = build_corpus(args.data, args.out, force=args.force)
    state = "up to date, reused" if manifest.get("reused") else "written"
    print(f"corpus {state}: {args.out} ({manifest['documents']} documents)")
    print(format_counts(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
