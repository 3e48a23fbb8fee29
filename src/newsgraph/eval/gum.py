"""The ``gum`` scorer: entity types and Wikipedia links of the GUM news documents.

GUM (CoNLL-U, ``dep/*.conllu``) marks every entity mention in the MISC column:
``Entity=(12-place-new-nnnnn-cf6-2-sgl-Washington%2C_D.C.`` opens mention 12 (type ``place``,
Wikipedia identity ``Washington, D.C.``), ``12)`` closes it; ``(7-time-...)`` opens and closes
on one token. The scorer rebuilds each document's text from the tokens (``SpaceAfter=No``),
runs the NER and the actor resolver on it, and scores the *named* mentions (whose syntactic
head is a proper noun; pronouns and common-noun descriptions need coreference, which is not
this stage's job):

``type_accuracy``
    person/organization/place mentions whose head the system covers, with a label of the
    same type (PERSON; ORG; GPE, LOC or FAC) -- the resolver's label, which the KB corrects;
``link_accuracy``
    mentions with a Wikipedia identity that names a KB entry (by its ``wikipedia`` title),
    resolved to that entry;
``kb_coverage``
    the share of linked mentions whose identity the KB has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from newsgraph.actors.kb import KB, default_kb
from newsgraph.actors.resolve import ResolvedMention, resolve_mentions
from newsgraph.eval.split import select
from newsgraph.model import Mention, Token

EXPECTED_LABELS = {"person": {"PERSON"}, "organization": {"ORG"},
                   "place": {"GPE", "LOC", "FAC"}}


@dataclass(slots=True)
class GumMention:
    start: int  # characters in the rebuilt text
    end: int
    head_start: int
    head_end: int
    etype: str
    identity: str | None
    named: bool
    text: str = ""


@dataclass(slots=True)
class GumDoc:
    name: str
    text: str
    date: str | None
    mentions: list[GumMention] = field(default_factory=list)


def parse_conllu(path: Path) -> GumDoc:
    """A GUM document: its text (sentences on lines) and its entity mentions."""
    pieces: list[str] = []
    pos = 0
    date = None
    mentions: list[GumMention] = []
    sentence: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal sentence
        if sentence:
            mentions.extend(_sentence_mentions(sentence))
        sentence = []

    covered_until = 0  # last id of a multi-word token range ("Malaysia's" = Malaysia + 's)
    range_text, range_start, range_pos = "", 0, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            date = line.split("=", 1)[1].strip()[:10]
            continue
        if not line.strip():
            flush()
            covered_until = 0
            if pieces and pieces[-1] == " ":
                pieces[-1] = "\n"  # sentences on lines; offsets stay put
            elif pieces and pieces[-1] != "\n":
                pieces.append("\n")
                pos += 1
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or "." in cols[0]:
            continue
        misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
        if "-" in cols[0]:
            _, last = (int(x) for x in cols[0].split("-"))
            covered_until = last
            range_text, range_start, range_pos = cols[1], pos, 0
            pieces.append(cols[1])
            pos += len(cols[1])
            if misc.get("SpaceAfter") != "No":
                pieces.append(" ")
                pos += 1
            continue
        tid = int(cols[0])
        if tid <= covered_until:
            # a part of a multi-word token: its own stretch of the written form when found
            found = range_text.find(cols[1], range_pos)
            if found < 0:
                found = range_pos
            start = range_start + found
            end = min(range_start + len(range_text), start + len(cols[1]))
            if tid == covered_until:
                end = range_start + len(range_text)
            range_pos = end - range_start
        else:
            start, end = pos, pos + len(cols[1])
            pieces.append(cols[1])
            pos = end
            if misc.get("SpaceAfter") != "No":
                pieces.append(" ")
                pos += 1
        sentence.append({"id": tid, "start": start, "end": end, "upos": cols[3],
                         "xpos": cols[4], "head": int(cols[6]) if cols[6].isdigit() else 0,
                         "entity": misc.get("Entity", "")})
    flush()
    text = "".join(pieces)
    for m in mentions:
        m.text = text[m.start:m.end]
    return GumDoc(path.stem, text, date, mentions)


def brackets(value: str) -> list[tuple[str, str]]:
    """The bracket events of an ``Entity=`` value, in order: ("open", attributes),
    ("single", attributes) for a one-token mention, ("close", id).

    ``(1-event-...(2-abstract-...)`` opens 1 and opens-and-closes 2; ``(8-time-...)7)`` opens
    and closes 8, then closes 7. Attribute values never hold brackets (GUM escapes them).
    """
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            if j < len(value) and value[j] == ")":
                out.append(("single", value[i + 1:j]))
                i = j + 1
            else:
                out.append(("open", value[i + 1:j]))
                i = j
            continue
        j = i
        while j < len(value) and value[j].isdigit():
            j += 1
        if j > i and j < len(value) and value[j] == ")":
            out.append(("close", value[i:j]))
            i = j + 1
        else:
            i = max(j, i + 1)
    return out


def _sentence_mentions(tokens: list[dict[str, Any]]) -> list[GumMention]:
    open_: dict[str, list[tuple[int, str]]] = {}
    spans: list[tuple[int, int, str]] = []  # (first index, last index, attributes)
    for i, tok in enumerate(tokens):
        for what, value in brackets(tok["entity"]):
            if what == "single":
                spans.append((i, i, value))
            elif what == "open":
                open_.setdefault(value.split("-", 1)[0], []).append((i, value))
            else:
                stack = open_.get(value)
                if stack:
                    first, attrs = stack.pop()
                    spans.append((first, i, attrs))
    out: list[GumMention] = []
    by_id = {t["id"]: k for k, t in enumerate(tokens)}
    for first, last, attrs in spans:
        parts = attrs.split("-", 7)
        etype = parts[1] if len(parts) > 1 else ""
        identity = unquote(parts[7]) if len(parts) > 7 and parts[7] else None
        head = first
        for k in range(first, last + 1):
            h = by_id.get(tokens[k]["head"])
            if h is None or not first <= h <= last:
                head = k
                break
        named = tokens[head]["upos"] == "PROPN" or tokens[head]["xpos"] in ("NNP", "NNPS")
        out.append(GumMention(tokens[first]["start"], tokens[last]["end"],
                              tokens[head]["start"], tokens[head]["end"], etype,
                              identity.replace("_", " ") if identity else None, named))
    return out


def _covering(m: GumMention, resolved: list[ResolvedMention]) -> ResolvedMention | None:
    """The system mention for a gold one: among those covering its head, one inside the gold
    span first, then the one overlapping it most, then the shorter."""
    best = None
    score: tuple[int, int, int] | None = None
    for r in resolved:
        if r.start <= m.head_start and m.head_end <= r.end:
            overlap = min(m.end, r.end) - max(m.start, r.start)
            inside = int(m.start <= r.start and r.end <= m.end)
            s = (inside, overlap, -(r.end - r.start))
            if score is None or s > score:
                best, score = r, s
    return best


def document_paths(directory: Path, split: str = "all") -> list[Path]:
    """Every ``*.conllu`` under ``directory`` in ``split`` (decided by document name, the file's
    stem), sorted."""
    return select(sorted(Path(directory).rglob("*.conllu")), lambda path: path.stem, split)


def score_gum(
    directory: Path, kb: KB | None = None, *, max_errors: int = 40, split: str = "all"
) -> dict[str, Any]:
    """Type and link figures over the documents of ``split`` under ``directory`` (see module
    doc)."""
    from newsgraph.nlp import load_nlp

    kb = kb or default_kb()
    docs = [parse_conllu(p) for p in document_paths(directory, split)]
    nlp = load_nlp()
    counts = {"mentions": 0, "named": 0, "typed": 0, "typed_covered": 0, "typed_correct": 0,
              "linked": 0, "kb_covered": 0, "link_correct": 0}
    errors: list[dict[str, Any]] = []
    for gum, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        resolved = _resolve(gum, parsed, kb)
        for m in gum.mentions:
            counts["mentions"] += 1
            if not m.named:
                continue
            counts["named"] += 1
            system = _covering(m, resolved)
            if m.etype in EXPECTED_LABELS:
                counts["typed"] += 1
                if system is not None:
                    counts["typed_covered"] += 1
                    if system.label in EXPECTED_LABELS[m.etype]:
                        counts["typed_correct"] += 1
                    elif len(errors) < max_errors:
                        errors.append({"doc": gum.name, "kind": "type", "text": m.text,
                                       "gold": m.etype, "system": system.label})
            if m.identity is None:
                continue
            counts["linked"] += 1
            target = kb.by_wiki(m.identity)
            if target is None:
                continue
            counts["kb_covered"] += 1
            if system is not None and system.actor_id == target:
                counts["link_correct"] += 1
            elif len(errors) < max_errors:
                errors.append({"doc": gum.name, "kind": "link", "text": m.text,
                               "gold": target, "system": system.actor_id if system else None})
    return {
        "split": split,
        "documents": len(docs),
        "mentions": counts["mentions"],
        "named_mentions": counts["named"],
        "type_accuracy": _ratio(counts["typed_correct"], counts["typed_covered"]),
        "type_coverage": _ratio(counts["typed_covered"], counts["typed"]),
        "linked_mentions": counts["linked"],
        "kb_covered": counts["kb_covered"],
        "kb_coverage": _ratio(counts["kb_covered"], counts["linked"]),
        "link_accuracy": _ratio(counts["link_correct"], counts["kb_covered"]),
        "errors": errors,
    }


def _resolve(gum: GumDoc, parsed: Any, kb: KB) -> list[ResolvedMention]:
    sentence_of: dict[int, int] = {}
    for index, sent in enumerate(parsed.sents):
        for t in sent:
            sentence_of[t.i] = index
    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_, sentence_of[e.start])
                for e in parsed.ents]
    tokens = [Token(t.idx, t.idx + len(t.text), t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i,
                    sentence_of[t.i]) for t in parsed]
    return list(resolve_mentions(gum.text, mentions, gum.date, kb, tokens=tokens))


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None
