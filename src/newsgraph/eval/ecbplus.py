"""The ``ecbplus`` scorer: stories and cross-document event coreference against ECB+.

ECB+ (Cybulska and Vossen, 2014) holds one folder per topic (a kind of event: "celebrity
checks into rehab"); inside a topic, ``N_Mecb.xml`` files report one real-world event and
``N_Mecbplus.xml`` files another event of the same kind. The two halves are the sub-topics, and
a sub-topic is what our stories should recover: same kind of event is not same story. Event
mentions (``ACTION_*`` and ``NEG_ACTION_*`` markables) are chained across documents by
``CROSS_DOC_COREF`` relations, which is what our merged happenings should recover.

Reading (`read_ecbplus`):

* Text is the tokens joined by single spaces, a newline between sentences, but glued where the
  original had no space (before ``, . ) 's n't``, after ``( `` $``, around hyphens), so that the
  linker sees something close to news prose. Every token keeps its character offsets, so the
  text at a mention's offsets is exactly the tokens' text (design rule 7).
* Sentence 0 of an ``ecbplus`` file is the URL the text was found at; it is left out of the
  text. It is not article prose, and only ``ecbplus`` files have it, so a linker could tell the
  two sub-topics apart by it alone.
* Event mentions are restricted to the sentences listed in ``ECBplus_coreference_sentences.csv``
  when the folder has it, as the corpus README recommends: annotation aimed at those sentences,
  and mentions elsewhere are incomplete. (Two documents, 20_10ecbplus and 34_5ecb, list no
  sentence and so carry no gold event mention; they still count for stories.) Without the file
  every event mention is kept.
* A mention's chain is the ``instance_id`` of its ``CROSS_DOC_COREF`` target. Mentions in an
  ``INTRA_DOC_COREF`` chain (which the README says are chains "that do not participate in
  cross-document relations") share a chain id unique to that document and relation; mentions
  in no relation get a singleton chain id of their own.
* A mention whose tokens are not contiguous (a few dozen, e.g. "checked ... into") spans from
  its first token to its last.

Scoring (`score_ecbplus`): the system sees blinded copies of the documents (opaque ids in a
shuffled order, no topic, sub-topic or gold mentions; only the text), since file names, order
and topics would give the sub-topics away. Stories are scored against sub-topics (B³ and
pairwise), and against topics for reference. System event mentions are aligned one-to-one to
gold ones in the same document by character overlap (greedy, the largest overlap first), and
the coreference scores (MUC, B³, CEAF-e, CoNLL) are computed over the aligned gold mentions
only: gold chains restricted to them, system clusters read off the aligned system mentions'
labels. ``alignment_rate`` says how much of the gold those figures cover.

The system (`ecbplus_system`) is newsgraph itself: each document goes through the same stages
as an ingest, into a temporary store, in the order given; linking then assigns stories and
happenings exactly as after a real ingest. Event offsets are mapped from the cleaned body back
to the document's text (cleaning may take the first line as a headline), by finding each
event's sentence in the text.
"""

from __future__ import annotations

import csv
import random
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph import settings
from newsgraph.eval.clusters import b_cubed, ceaf_e, muc, pairwise, share
from newsgraph.eval.speech import greedy_align
from newsgraph.eval.split import select
from newsgraph.ingest.identity import article_id, sha256
from newsgraph.link import link
from newsgraph.model import Article
from newsgraph.pipeline import DEFAULT_STAGES, process_chunk
from newsgraph.store import Store

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
BLIND_SEED = 20140526  # a fixed shuffle: the same run gives the same figures


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EcbToken:
    """One token: its id in the file, its sentence number and its offsets in the text."""

    t_id: int
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ file. ``event_mentions`` are (start, end, chain_id), offsets into ``text``;
    ``scored_spans`` are the character spans of the sentences whose event mentions are gold
    (all sentences when the folder has no sentence list), so that system mentions elsewhere
    can be left out of precision."""

    id: str
    topic: str
    subtopic: str
    text: str
    tokens: list[EcbToken] = field(default_factory=list)
    event_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    scored_spans: list[tuple[int, int]] = field(default_factory=list)


_EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
_NO_SPACE_BEFORE = {
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "”", "...", "…",
    "'s", "'m", "'re", "'ve", "'ll", "'d", "n't", "’s", "’m", "’re", "’ve", "’ll", "’d", "n’t",
    "-",
}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "“", "‘", "$", "#", "-"}
_APOSTROPHE_TAILS = {"s", "t", "m", "re", "ve", "ll", "d"}


def _spaced(tokens: list[str]) -> list[bool]:
    """Whether each token of one sentence takes a space before it. The tokenization lost the
    original spacing; these rules put back the common cases (punctuation, clitics, brackets,
    hyphenated words, quotes that open and close) and leave a space where unsure, which costs
    nothing but looks."""
    spaces: list[bool] = []
    open_double = open_single = glue_next = False
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        space = bool(i) and not glue_next
        glue_next = False
        if token.lower() in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
            space = False  # hyphens are in both: high-profile, 40-year-old
        elif token in {"'", "’"}:
            if following.lower() in _APOSTROPHE_TAILS:  # it ’ s -> it’s
                space, glue_next = False, True
            elif open_single:  # closes 'locked down'
                space = open_single = False
            elif previous[-1:] in {"s", "S"}:  # the Chargers' coach
                space = False
            else:
                open_single = glue_next = True
        elif token == '"':
            if open_double:
                space = open_double = False
            else:
                open_double = glue_next = True
        if token == "‘":
            open_single = True
        spaces.append(space)
    return spaces


def _sentence_list(directory: Path) -> dict[str, set[int]] | None:
    """Document id -> its listed sentence numbers, or None when the folder has no list."""
    path = directory / SENTENCES_CSV
    if not path.is_file():
        return None
    selected: dict[str, set[int]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            doc_id = f"{row['Topic'].strip()}_{row['File'].strip()}"
            selected[doc_id].add(int(row["Sentence Number"]))
    return selected


def _topic_dirs(directory: Path) -> list[Path]:
    """Topic folders in numeric order where their names are numbers ("2" before "10")."""
    folders = [p for p in directory.iterdir() if p.is_dir() and any(p.glob("*.xml"))]
    return sorted(folders, key=lambda p: (not p.name.isdigit(), int(p.name) if p.name.isdigit()
                                          else 0, p.name))


def read_ecbplus(directory: Path, limit_topics: int | None = None,
                 split: str = "all") -> list[EcbDocument]:
    """All documents of the topics of ``split`` of an ECB+ folder (one sub-folder per topic),
    the first ``limit_topics`` of those topics only when given. The split goes by topic folder
    name, not by document: a sub-topic's documents are what the stories and event chains
    cluster, so cutting a topic in two would score each part against a half-gold. Event
    mentions are restricted to the sentences of ``ECBplus_coreference_sentences.csv`` when the
    folder has it (see the module docstring)."""
    directory = Path(directory)
    selected = _sentence_list(directory)
    topics = select(_topic_dirs(directory), lambda folder: folder.name, split)
    if limit_topics is not None:
        topics = topics[:limit_topics]
    documents = []
    for topic_dir in topics:
        for path in sorted(topic_dir.glob("*.xml"), key=_file_key):
            sentences = None if selected is None else selected.get(path.stem, set())
            documents.append(read_ecb_file(path, topic_dir.name, sentences))
    return documents


def _file_key(path: Path) -> tuple[int, int, str]:
    """ecb files before ecbplus ones, then by number: 1_2ecb, 1_10ecb, 1_2ecbplus."""
    match = re.fullmatch(r"\d+_(\d+)(ecb|ecbplus)", path.stem)
    if not match:
        return (2, 0, path.stem)
    return (0 if match.group(2) == "ecb" else 1, int(match.group(1)), path.stem)


def read_ecb_file(path: Path, topic: str, sentences: set[int] | None = None) -> EcbDocument:
    """One ECB+ XML file. ``sentences``: the sentence numbers whose event mentions count
    (None: all)."""
    root = ET.parse(path).getroot()
    doc_id = path.stem
    is_plus = doc_id.endswith("ecbplus")
    subtopic = f"{topic}_ecbplus" if is_plus else f"{topic}_ecb"

    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if is_plus and sentence == 0:
            continue  # the source URL, not prose (see the module docstring)
        by_sentence[sentence].append((int(token.get("t_id", "0")), token.text or ""))

    parts: list[str] = []
    tokens: list[EcbToken] = []
    sentence_spans: dict[int, tuple[int, int]] = {}
    offset = 0
    for number in sorted(by_sentence):
        words = [w for _, w in by_sentence[number]]
        if parts:
            parts.append("\n")
            offset += 1
        sentence_start = offset
        for (t_id, word), space in zip(by_sentence[number], _spaced(words), strict=True):
            if space:
                parts.append(" ")
                offset += 1
            parts.append(word)
            tokens.append(EcbToken(t_id, number, offset, offset + len(word)))
            offset += len(word)
        sentence_spans[number] = (sentence_start, offset)
    text = "".join(parts)

    token_at = {t.t_id: t for t in tokens}
    chains = _chains(root, doc_id)
    mentions: list[tuple[int, int, str]] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if not markable.tag.startswith(_EVENT_TAGS):
            continue
        anchors = [int(a.get("t_id", "0")) for a in markable.findall("token_anchor")]
        if not anchors or any(a not in token_at for a in anchors):
            continue  # an instance (no anchors), or a mention in the left-out URL line
        first = min(anchors, key=lambda a: token_at[a].start)
        last = max(anchors, key=lambda a: token_at[a].end)
        if sentences is not None and token_at[first].sentence not in sentences:
            continue
        m_id = markable.get("m_id", "")
        chain = chains.get(m_id, f"{doc_id}/m{m_id}")
        mentions.append((token_at[first].start, token_at[last].end, chain))
    mentions.sort()

    scored = [span for number, span in sorted(sentence_spans.items())
              if sentences is None or number in sentences]
    return EcbDocument(doc_id, topic, subtopic, text, tokens, mentions, scored)


def _chains(root: ET.Element, doc_id: str) -> dict[str, str]:
    """Source m_id -> chain id: the CROSS_DOC_COREF target's instance_id, or one id per
    INTRA_DOC_COREF relation, unique to the document."""
    markables = root.find("Markables")
    instance = {m.get("m_id", ""): m.get("instance_id") for m in
                (markables if markables is not None else [])}
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None:
            continue
        if relation.tag == "CROSS_DOC_COREF":
            chain = instance.get(target.get("m_id", "")) or relation.get("note") or ""
            if not chain:
                chain = f"{doc_id}/cross{relation.get('r_id', '')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{doc_id}/intra{relation.get('r_id', '')}"
        else:
            continue
        for source in relation.findall("source"):
            chains.setdefault(source.get("m_id", ""), chain)
    return chains


# -- clustering metrics ------------------------------------------------------------------------
#
# Each takes gold and system maps item -> cluster label. The gold map decides the items: a gold
# item the system left out is a singleton in the system (the system said nothing links it), and
# a system item that is not gold is dropped (there is nothing to judge it against). A ratio
# with an empty denominator is 0, as in the CoNLL reference scorer (so MUC gives 0 when every
# gold chain is a singleton: it only counts links).


@dataclass
class SystemOutput:
    """What a linker says about a set of documents. ``stories``: document id -> story label;
    ``events``: (document id, start, end, cluster label) with offsets into the document's
    text and labels shared across documents for one happening."""

    stories: dict[str, str] = field(default_factory=dict)
    events: list[tuple[str, int, int, str]] = field(default_factory=list)


System = Callable[[list[EcbDocument]], SystemOutput]


def ecbplus_system(documents: list[EcbDocument]) -> SystemOutput:
    """Stories and happening-labelled event mentions for the given documents, from newsgraph's
    own ingest and link steps (see the module docstring)."""
    output = SystemOutput()
    by_source = {d.id: d for d in documents}
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "e.db") as store:
        for start in range(0, len(documents), settings.CHUNK_SIZE):
            chunk = [_article(d) for d in documents[start : start + settings.CHUNK_SIZE]]
            for result in process_chunk(chunk, DEFAULT_STAGES):
                if isinstance(result, Article):
                    store.save_article(result)
        link(store)
        source_of = {row["id"]: row["source"] for row in store.articles()}
        for article, story in store.article_stories().items():
            output.stories[source_of[article]] = story
        for row in store.events(include_negated=True):
            source = source_of[row["article_id"]]
            text = by_source[source].text
            at = text.find(row["text"].strip())
            if at < 0 or row["happening"] is None:
                continue
            shift = at - row["start"] - (len(row["text"]) - len(row["text"].lstrip()))
            output.events.append((source, row["predicate_start"] + shift,
                                  row["predicate_end"] + shift, row["happening"]))
    return output


def _article(document: EcbDocument) -> Article:
    """The document as an ingest would read a text file of it, under an id of its own."""
    raw_sha = sha256(document.text.encode("utf-8"))
    return Article(id=article_id(None, sha256(f"{document.id}\n".encode() + raw_sha.encode())),
                   source=document.id, format="txt", markup="text", raw=document.text,
                   raw_sha256=raw_sha, encoding="utf-8")


def blind(documents: list[EcbDocument], seed: int = BLIND_SEED
          ) -> tuple[list[EcbDocument], dict[str, str]]:
    """Copies carrying only their text under opaque ids, shuffled; with the map from opaque id
    back to document id. File names, their order, the topic folders and the tokens' sentence
    numbers (ecbplus files start at 1, their URL line left out) would give the answer away."""
    order = list(documents)
    random.Random(seed).shuffle(order)
    copies, back = [], {}
    for k, document in enumerate(order):
        opaque = f"doc{k:04d}"
        back[opaque] = document.id
        copies.append(EcbDocument(opaque, "", "", document.text))
    return copies, back


def score_ecbplus(directory: Path, system: System, limit_topics: int | None = None,
                  blinded: bool = True, *, split: str = "all") -> dict[str, Any]:
    """Stories against sub-topics (and topics), event clusters against gold chains, over the
    topics of ``split``; the singleton-stories baseline in the same run on the same documents.
    ``blinded=False`` hands the system the documents as read (tests, debugging); scores are
    only meaningful blinded."""
    documents = read_ecbplus(Path(directory), limit_topics, split)
    if blinded:
        given, back = blind(documents)
    else:
        given, back = documents, {d.id: d.id for d in documents}
    output = system(given)
    stories = {back[k]: v for k, v in output.stories.items() if k in back}
    events = [(back[d], start, end, label) for d, start, end, label in output.events
              if d in back]
    result: dict[str, Any] = {
        "split": split,
        "documents": len(documents),
        "topics": len({d.topic for d in documents}),
        "subtopics": len({d.subtopic for d in documents}),
    }
    result.update(story_scores(documents, stories))
    result["events"] = event_scores(documents, events)
    result["baseline"] = {
        "singletons": story_scores(documents, {d.id: d.id for d in documents})["subtopic"],
    }
    return result


def story_scores(documents: Iterable[EcbDocument], stories: Mapping[str, str]
                 ) -> dict[str, dict[str, float]]:
    """Stories against sub-topics (the target) and against topics (for reference: a linker
    that merges by kind of event scores well there and badly on sub-topics)."""
    documents = list(documents)
    subtopics = {d.id: d.subtopic for d in documents}
    topics = {d.id: d.topic for d in documents}
    b3 = b_cubed(subtopics, stories)
    pairs = pairwise(subtopics, stories)
    return {
        "subtopic": {
            "b3_precision": b3[0], "b3_recall": b3[1], "b3_f1": b3[2],
            "pairwise_precision": pairs[0], "pairwise_recall": pairs[1],
            "pairwise_f1": pairs[2],
        },
        "topic": {
            "b3_f1": b_cubed(topics, stories)[2], "pairwise_f1": pairwise(topics, stories)[2],
        },
    }


def align_events(document: EcbDocument, system_mentions: list[tuple[int, int, str]]
                 ) -> dict[int, int]:
    """Gold mention index -> system mention index, one-to-one within one document: pairs that
    share at least one character, the largest overlap first (ties: the closer length)."""
    candidates = []
    for g, (gold_start, gold_end, _) in enumerate(document.event_mentions):
        for s, (start, end, _) in enumerate(system_mentions):
            overlap = min(gold_end, end) - max(gold_start, start)
            if overlap > 0:
                closeness = -abs((end - start) - (gold_end - gold_start))
                candidates.append(((overlap, closeness), g, s))
    return greedy_align(candidates)


def event_scores(documents: Iterable[EcbDocument],
                 events: Iterable[tuple[str, int, int, str]]) -> dict[str, float | int]:
    """Coreference over the aligned gold mentions (see the module docstring), with how much of
    the gold was aligned and how precise the system's mentions are in the scored sentences."""
    by_document: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for doc_id, start, end, label in events:
        by_document[doc_id].append((start, end, label))
    gold: dict[tuple[str, int], str] = {}
    system: dict[tuple[str, int], str] = {}
    gold_mentions = system_scored = 0
    chains: set[str] = set()
    for document in documents:
        chains.update(chain for _, _, chain in document.event_mentions)
        mentions = sorted(by_document.get(document.id, []))
        gold_mentions += len(document.event_mentions)
        system_scored += sum(
            1 for start, end, _ in mentions
            if any(min(end, b) > max(start, a) for a, b in document.scored_spans))
        for g, s in align_events(document, mentions).items():
            gold[document.id, g] = document.event_mentions[g][2]
            system[document.id, g] = mentions[s][2]
    m, b3, ce = muc(gold, system), b_cubed(gold, system), ceaf_e(gold, system)
    return {
        "alignment_rate": share(len(gold), gold_mentions),
        "mention_precision": share(len(gold), system_scored),
        "conll_f1": (m[2] + b3[2] + ce[2]) / 3,
        "muc_f1": m[2],
        "b3_f1": b3[2],
        "ceaf_e_f1": ce[2],
        "aligned": len(gold),
        "gold_mentions": gold_mentions,
        "system_mentions": system_scored,
        "gold_chains": len(chains),
        "aligned_gold_chains": len(set(gold.values())),
    }
