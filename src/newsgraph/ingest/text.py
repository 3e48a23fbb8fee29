"""Cleaning of plain-text news captures: the body, plus what the capture says about itself.

A text capture is what a scraper or a copy-paste left of a page: the article paragraphs, but
also the headline on top, an image URL glued to the first word, share bars, comment widgets,
pagination and photo credits, and sometimes paragraphs glued together because the markup that
separated them was thrown away.

The design follows trafilatura's: every heuristic is a small named function (a *rule*) that can
be tested alone, and :data:`TEXT_RULES` is the one ordered list that :func:`clean_text` runs.
A rule reads and edits a :class:`TextState` (the lines of the capture, plus the metadata found so
far) and records everything it takes out as a :class:`~newsgraph.model.Dropped` whose ``rule``
is the rule's function name, so a user can always see why a piece of text is missing.

Rules only ever *remove* whole lines, cut at line edges, or insert line breaks; they never edit
the words of the body. Generic widget texts live in ``newsgraph/data/boilerplate_text.json``
(loaded once per process) rather than in code, so a new widget is a data change, not a new rule.
No rule is keyed to one site or one document.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsgraph.data import load
from newsgraph.ingest.cleaned import Cleaned
from newsgraph.ingest.stamps import SENTENCE_END as _TERMINAL
from newsgraph.ingest.stamps import (
    bylines,
    is_byline,
    metadata_line,
    parse_dateline,
    wire_dateline,
)
from newsgraph.model import Dropped

__all__ = [
    "TEXT_RULES",
    "TextRule",
    "TextState",
    "clean_text",
    "collapse_blank_lines",
    "dateline",
    "edge_widgets",
    "headline",
    "is_edge_widget",
    "is_headline",
    "is_photo_credit",
    "is_widget_line",
    "leading_image_url",
    "leading_metadata",
    "normalize_spaces",
    "photo_credits",
    "remove_control_chars",
    "run_rules",
    "split_glued_sentences",
    "trailing_related_block",
    "url_lines",
    "widget_lines",
]


# --------------------------------------------------------------------------------------------
# State


@dataclass(slots=True)
class TextState:
    """The capture as a list of lines (``""`` is a blank line) and the metadata found so far.

    Lines rather than one string because almost every signal in a text capture is line-shaped
    (a headline line, a widget line, the last line), and removing whole lines can never cut a
    word in half.
    """

    lines: list[str]
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    published_given: str | None = None
    dropped: list[Dropped] = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw: str) -> TextState:
        """Split on every line ending (CRLF, CR, LF, U+2028 ...) so none survives as text."""
        return cls(lines=raw.splitlines())

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def drop(self, rule: str, text: str) -> None:
        """Record that ``rule`` removed ``text`` (empty removals are not worth a record)."""
        if text.strip():
            self.dropped.append(Dropped(rule=rule, text=text))

    def content_indexes(self) -> list[int]:
        """Indexes of the non-blank lines, in order: the edges rules look at."""
        return [i for i, line in enumerate(self.lines) if line.strip()]


TextRule = Callable[[TextState], None]


# --------------------------------------------------------------------------------------------
# Boilerplate data (loaded once per process)


@dataclass(frozen=True, slots=True)
class _Boilerplate:
    phrases: frozenset[tuple[str, ...]]
    max_phrase_len: int
    section_markers: frozenset[tuple[str, ...]]
    line_patterns: tuple[re.Pattern[str], ...]
    edge_patterns: tuple[re.Pattern[str], ...]
    credit_patterns: tuple[re.Pattern[str], ...]
    credit_by_prefix: re.Pattern[str]
    abbreviations: frozenset[str]


def _full(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in patterns)


@functools.cache
def _boilerplate() -> _Boilerplate:
    """Read ``boilerplate_text.json`` once; the phrase lists are data so they can grow freely."""
    data = load("boilerplate_text.json")
    phrases = {_widget_tokens(p) for p in data["widget_phrases"]}
    phrases |= {_widget_tokens(p) for p in data["social_networks"]}
    phrases.discard(())
    return _Boilerplate(
        phrases=frozenset(phrases),
        max_phrase_len=max(len(p) for p in phrases),
        section_markers=frozenset(_widget_tokens(p) for p in data["section_markers"]),
        line_patterns=_full(data["line_patterns"]),
        edge_patterns=_full(data["edge_patterns"]),
        credit_patterns=_full(data["credit_patterns"]),
        credit_by_prefix=re.compile(data["credit_by_prefix"], re.IGNORECASE),
        abbreviations=frozenset(data["title_abbreviations"]),
    )


# --------------------------------------------------------------------------------------------
# Shared predicates (each usable and testable alone)

_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_CLOSERS = "”’)]»"
_OPENERS = "“‘(«"


def _widget_tokens(text: str) -> tuple[str, ...]:
    """Case-folded word tokens without numbers: ``"Post a Comment (0)"`` -> post, a, comment.

    Counts are dropped because widgets carry them ("3 comments", "Comments (12)") and they say
    nothing about whether the line is a widget.
    """
    norm = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return tuple(t for t in _WORD.findall(norm) if not t.isdigit())


def _segments_into_phrases(
    tokens: tuple[str, ...], phrases: frozenset[tuple[str, ...]], longest: int
) -> bool:
    """Whether ``tokens`` is exactly a run of known phrases ("previous post" + "next post")."""
    if not tokens:
        return False
    reachable = [True] + [False] * len(tokens)
    for start in range(len(tokens)):
        if not reachable[start]:
            continue
        for end in range(start + 1, min(len(tokens), start + longest) + 1):
            if tokens[start:end] in phrases:
                reachable[end] = True
    return reachable[-1]


def is_widget_line(line: str) -> bool:
    """Whether a whole line is page furniture: a run of widget phrases or a pagination pattern.

    A line ending with a period is never a widget: widgets are labels, and a body line such as
    "No comment." is a sentence (an ellipsis is a label's: "Loading..."). Words inside a
    longer line never match, so "Comments by the minister ..." is safe.
    """
    text = line.strip()
    if not text or len(text) > 150 or (text.endswith(".") and not text.endswith("...")):
        return False
    data = _boilerplate()
    if any(p.fullmatch(text) for p in data.line_patterns):
        return True
    tokens = _widget_tokens(text)
    if len(tokens) > 20:
        return False
    return _segments_into_phrases(tokens, data.phrases, data.max_phrase_len)


def is_edge_widget(line: str) -> bool:
    """Looser widget shapes ("Tags: ...", "Follow us on Telegram @news") trusted only at an edge.

    These start like widgets but carry free text, so they are only believed in the run of junk
    at the start or end of a capture, never in the middle of the body.
    """
    text = line.strip()
    if not text or len(text) > 250:
        return False
    return is_widget_line(text) or any(p.fullmatch(text) for p in _boilerplate().edge_patterns)


def is_photo_credit(line: str) -> bool:
    """Whether a whole line is an image credit ("Photo: Reuters", "© AFP 2023 / John Smith").

    Credits sit between paragraphs wherever an image was, so they are removed anywhere, but only
    as whole short lines; "Photo by X" needs the credited part to look like names, so a sentence
    such as "Pictures from the parade showed ..." stays.
    """
    text = line.strip()
    if len(text) >= 2 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip()
    if not text or len(text) > 150:
        return False
    data = _boilerplate()
    if any(p.fullmatch(text) for p in data.credit_patterns):
        return True
    match = data.credit_by_prefix.match(text)
    if not match:
        return False
    words = re.findall(r"[^\s,;|/]+", text[match.end() :].rstrip("."))
    return 0 < len(words) <= 10 and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in {"on", "via", "and", "for", "of", "the"}
        for w in words
    )


_CAPTION_CREDIT = re.compile(
    r"\((?:file\s+)?(?:photo|photograph|image|picture|pic)s?\s*(?::|by|courtesy|via)[^()]{1,80}\)$",
    re.IGNORECASE)


def is_caption(line: str) -> bool:
    """Whether a line is a photo caption: a short description ending with its credit in
    parentheses ("The minister meets her counterpart. (Photo: Reuters)")."""
    text = line.strip()
    return len(text) <= 300 and _CAPTION_CREDIT.search(text) is not None


_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "by",
    "with", "from", "as", "vs", "via", "into", "over", "after", "is", "are", "was", "be",
})
_DANGLING = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
    "from", "that", "as",
})


def _is_title_case(line: str) -> bool:
    """Most content words capitalized, the way headlines (not sentences) are written."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    return capitalized / len(words) >= 0.7


def is_headline(line: str, next_line: str | None, followed_by_blank: bool) -> bool:
    """Whether the first line of a capture is its headline rather than its first sentence.

    Signals, all general: short (3 to 30 words); no terminal punctuation, or a question or
    exclamation; starts with a capital; does not end on a dangling word and is not continued by
    a next line in lower case (a sentence broken across lines); and either set off by a blank
    line or written in title case. A lone line is never a headline: then it is the body.
    """
    text = line.strip()
    if next_line is None or not text:
        return False
    words = text.split()
    if not 3 <= len(words) <= 30 or len(text) > 250:
        return False
    if re.search(r"[.,;:…][\"'”’)\]]*$", text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    if words[-1].lower() in _DANGLING:
        return False
    nxt = next_line.strip()
    if not nxt or nxt[0].islower():
        return False
    return followed_by_blank or _is_title_case(text) or wire_dateline(nxt) is not None


# --------------------------------------------------------------------------------------------
# Rules, in the order TEXT_RULES runs them

_REMOVED_FORMAT = frozenset("\ufeff\u200b\u2060\u00ad\ufffe")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MULTI_SPACE = re.compile(r" {2,}")


def remove_control_chars(state: TextState) -> None:
    """Remove NULs and other control characters, byte-order marks and zero-width spaces.

    They are invisible, break tokenizers and regexes, and are never part of a word. Tabs stay
    for :func:`normalize_spaces`. One record lists what was removed, escaped so it is readable.
    """
    removed: list[str] = []
    for i, line in enumerate(state.lines):
        kept = []
        for ch in line:
            if ch == "\t":
                kept.append(ch)
            elif ch in _REMOVED_FORMAT or unicodedata.category(ch) == "Cc":
                removed.append(ch)
            else:
                kept.append(ch)
        if len(kept) != len(line):
            state.lines[i] = "".join(kept)
    if removed:
        escaped = "".join(ch.encode("unicode_escape").decode("ascii") for ch in removed)
        state.dropped.append(Dropped(rule="remove_control_chars", text=escaped))


def normalize_spaces(state: TextState) -> None:
    """Turn tabs and exotic spaces into plain spaces, collapse runs, strip line ends.

    Only whitespace changes, so no word does; later rules can then compare lines exactly.
    """
    for i, line in enumerate(state.lines):
        state.lines[i] = _MULTI_SPACE.sub(" ", _SPACES.sub(" ", line)).strip()


_IMAGE_URL = re.compile(
    r"(?:https?:)?//[^\s]+?\.(?i:jpe?g|png|gif|webp|avif|bmp|svg|tiff?)"
    r"(?:\.(?i:jpe?g|png|gif|webp|avif))*"
    r"(?:\?[a-z0-9_=&%.,;:+\-]*)?"
)


def leading_image_url(state: TextState) -> None:
    """Cut an image URL from the start of any line, even when the next word is glued to it.

    Scrapers often emit the lead image's ``src`` right before the first paragraph with no
    separator ("...1920x0.jpg.webpThe Kremlin announced"). An image URL ends with its file
    extension, so the cut point is known; a query string is only taken in lower case so a glued
    capitalized word is left alone.
    """
    for i, line in enumerate(state.lines):
        while True:
            match = _IMAGE_URL.match(line)
            if not match:
                break
            state.drop("leading_image_url", match.group())
            line = line[match.end() :].lstrip()
        state.lines[i] = line


_URL_LINE = re.compile(r"<?(?:https?://|www\.)\S+>?")


def url_lines(state: TextState) -> None:
    """Drop lines that are nothing but a URL: link previews and image sources, not prose."""
    for i, line in enumerate(state.lines):
        if _URL_LINE.fullmatch(line):
            state.drop("url_lines", line)
            state.lines[i] = ""


def trailing_related_block(state: TextState) -> None:
    """Drop a closing "Related articles" / "Read more" list: the marker and the list after it.

    Only when everything after the marker looks like a list of links (short lines without a
    sentence end, or widget lines) and there is body before it; if a real sentence follows, the
    marker was not a closing block and nothing is cut.
    """
    data = _boilerplate()
    content = state.content_indexes()
    for pos in range(len(content) - 1, 0, -1):
        idx = content[pos]
        line = state.lines[idx]
        if (
            len(line) > 60
            or line.endswith(".")
            or (_widget_tokens(line) not in data.section_markers)
        ):
            continue
        after = [state.lines[j] for j in content[pos + 1 :]]
        if all(_looks_like_link_text(a) for a in after):
            state.drop("trailing_related_block", "\n".join([line, *after]))
            for j in content[pos:]:
                state.lines[j] = ""
        return


def _looks_like_link_text(line: str) -> bool:
    return (
        is_widget_line(line)
        or is_photo_credit(line)
        or parse_dateline(line) is not None
        or (len(line) <= 200 and not _TERMINAL.search(line))
    )


def widget_lines(state: TextState) -> None:
    """Drop whole lines that are widget labels, wherever they are (see :func:`is_widget_line`).

    "Comments", "Share on Facebook", "Previous Post Next Post", "Page 1 of 3" as lines of their
    own are never prose, so the position does not matter.
    """
    for i, line in enumerate(state.lines):
        if is_widget_line(line):
            state.drop("widget_lines", line)
            state.lines[i] = ""


def photo_credits(state: TextState) -> None:
    """Drop whole lines that are image credits (see :func:`is_photo_credit`)."""
    for i, line in enumerate(state.lines):
        if is_photo_credit(line) or is_caption(line):
            state.drop("photo_credits", line)
            state.captions.append(line.strip())
            state.lines[i] = ""


def edge_widgets(state: TextState) -> None:
    """Peel looser widgets off both edges, and a widget glued after the last sentence.

    From the end, lines are dropped while they are widgets, credits or date stamps; then from
    the start, while they are widgets or credits (date stamps on top are left to
    :func:`leading_metadata`, which keeps the date). The first real line stops the peeling, so
    nothing in the middle of the body is touched. Then, if the last line ends with a sentence
    followed directly by a widget of two or more words ("...partners.Post a Comment (0)"), that
    tail is cut after the sentence end.
    """
    content = state.content_indexes()
    while content and _is_edge_junk(state.lines[content[-1]]):
        idx = content.pop()
        state.drop("edge_widgets", state.lines[idx])
        state.lines[idx] = ""
    while content and _is_edge_junk(state.lines[content[0]], dates=False):
        idx = content.pop(0)
        state.drop("edge_widgets", state.lines[idx])
        state.lines[idx] = ""
    if content:
        idx = content[-1]
        state.lines[idx] = _cut_glued_tail(state, state.lines[idx])


def _is_edge_junk(line: str, *, dates: bool = True) -> bool:
    if is_edge_widget(line) or is_photo_credit(line):
        return True
    return dates and parse_dateline(line) is not None


_GLUED_TAIL_SPAN = 250  # no widget is longer; bounds the work on a huge last line


def _cut_glued_tail(state: TextState, line: str) -> str:
    start = max(0, len(line) - _GLUED_TAIL_SPAN - 10)
    for match in re.compile(r"[.!?][\"'”’)\]]*\s*").finditer(line, start):
        tail = line[match.end() :]
        if not tail or len(tail) > _GLUED_TAIL_SPAN:
            continue
        if len(_widget_tokens(tail) + tuple(re.findall(r"\d+", tail))) >= 2 and (
            is_edge_widget(tail)
        ):
            state.drop("edge_widgets", tail)
            return line[: match.end()].rstrip()
    return line


def leading_metadata(state: TextState) -> None:
    """Drop byline, date stamp and reading-time lines above the body; keep the date.

    Looks at the top five lines only, up to the first that reads like a paragraph (a long
    line, or a sentence opening the capture or following another); a headline and a dek under
    it (one sentence, or a line without a full stop as decks often are) may stand above the
    stamp. A line goes when it
    is metadata as :func:`metadata_line` reads it ("By Jane Doe | 26 July 2023 - 11:01 | 4
    min read", "PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM"). The first non-update date found
    becomes ``published_given``, as written; an update stays in ``dropped``, where the time stage
    reads it as a bound.
    """
    dek: int | None = None
    above: list[int] = []  # the lines above the stamp that are not metadata
    for scanned, idx in enumerate(state.content_indexes()):
        line = state.lines[idx]
        if scanned >= 5 or len(line) > 200:
            return
        if _TERMINAL.search(line) and not is_byline(line):
            if scanned == 0 or dek is not None:
                return  # the body has begun
            dek = idx  # a sentence under the headline: a dek if metadata follows it
            above.append(idx)
            continue
        stamps = metadata_line(line)
        if stamps is None:
            above.append(idx)
            continue
        if dek is None and len(above) == 2:
            dek = above[1]  # headline, a dek without a full stop, then the stamp
        for found, is_update in stamps:
            if not is_update and state.published_given is None:
                state.published_given = found
        state.byline = state.byline or next(iter(bylines(line)), None)
        state.drop("leading_metadata", line)
        state.lines[idx] = ""
        if dek is not None and state.subtitle is None:  # headline, dek, then the stamp
            state.subtitle = state.lines[dek].strip()
            state.drop("dek", state.lines[dek])
            state.lines[dek] = ""


def dateline(state: TextState) -> None:
    """Cut a wire dateline off the first paragraph ("SEOUL, July 27 (Examplewire) -- "): it
    says where and when the story was filed, which the time stage reads from ``dropped``, and
    is not part of what the article says."""
    indexes = state.content_indexes()
    if not indexes:
        return
    line = state.lines[indexes[0]]
    found = wire_dateline(line)
    if found is not None and line[found.end:].strip():
        state.drop("dateline", found.text)
        state.lines[indexes[0]] = line[found.end:].lstrip()


def headline(state: TextState) -> None:
    """Move a headline on the first line into ``title`` (see :func:`is_headline`).

    A capture's first line is often the page title, which is not part of the body; above it
    may stand the page's section ("World", "Asia Pacific"), which goes too.
    """
    content = state.content_indexes()
    if len(content) < 2 or state.title is not None:
        return
    if len(content) >= 3 and _is_section(state.lines[content[0]]) and _headline_at(
            state, content[1], content[2]):
        state.drop("headline", state.lines[content[0]])
        state.lines[content[0]] = ""
        content = content[1:]
    first, second = content[0], content[1]
    if _headline_at(state, first, second):
        state.title = state.lines[first]
        state.drop("headline", state.lines[first])
        state.lines[first] = ""


def _headline_at(state: TextState, first: int, second: int) -> bool:
    return is_headline(state.lines[first], state.lines[second],
                       followed_by_blank=second > first + 1)


def _is_section(line: str) -> bool:
    """A page section's name: one to three capitalized words, no punctuation."""
    words = line.split()
    return 1 <= len(words) <= 3 and len(line) <= 30 and all(
        w[0].isupper() and w.isalpha() for w in words)


_SENTENCE_END = re.compile(r"[.!?]+")


def split_glued_sentences(state: TextState) -> None:
    """Insert a paragraph break where a sentence end touches the next capital letter.

    Captures whose markup was stripped glue paragraphs and headings together ("relationship
    start?When Did Moscow ..."), which hurts sentence splitting and hides headings. Nothing is
    removed: the line is cut in two exactly at the junction, and each junction is recorded with
    the two words that touched. Abbreviations and initials are left alone: the word before the
    period must have no period in it ("U.S.A", "e.g.Foo"), be longer than one letter and not be
    a title like "Mr"; and the capital must start a word ("A memo", "Moscow", "USSR").
    """
    new_lines: list[str] = []
    for line in state.lines:
        parts = _split_glued(state, line)
        for k, part in enumerate(parts):
            if k:
                new_lines.append("")
            new_lines.append(part)
    state.lines = new_lines


def _split_glued(state: TextState, line: str) -> list[str]:
    abbreviations = _boilerplate().abbreviations
    parts: list[str] = []
    start = 0
    quotes, counted_to = 0, 0  # straight double quotes in line[start:counted_to]
    for match in _SENTENCE_END.finditer(line):
        if match.start() <= start:
            continue
        cut = match.end()
        # closing quotes and brackets belong to the sentence that ends here; a straight double
        # quote closes only when the sentence so far has an odd number of them
        while cut < len(line):
            if line[cut] == '"':
                quotes += line.count('"', counted_to, cut)
                counted_to = cut
                if quotes % 2 == 0:
                    break
            elif line[cut] not in _CLOSERS and line[cut] != "'":
                break
            cut += 1
        if not _capital_word_at(line, cut):
            continue
        word_start = max(line.rfind(" ", start, match.start()) + 1, start)
        left = line[word_start : match.start()].lstrip("\"'“‘([«")
        if (
            not left
            or "." in left
            or "://" in left
            or "@" in left
            or (len(left) == 1 and left.isalpha())
            or (match.group() == "." and left.lower() in abbreviations)
        ):
            continue
        right_end = line.find(" ", cut)
        right = line[cut:] if right_end == -1 else line[cut:right_end]
        state.drop("split_glued_sentences", line[word_start:cut] + right)
        parts.append(line[start:cut])
        start = cut
        quotes, counted_to = 0, cut
    parts.append(line[start:])
    return parts


def _capital_word_at(line: str, pos: int) -> bool:
    """Whether a word starting with a capital begins at ``pos`` (after an optional opener)."""
    if pos < len(line) and line[pos] in _OPENERS + '"':
        pos += 1
    if pos >= len(line) or not line[pos].isupper():
        return False
    nxt = line[pos + 1] if pos + 1 < len(line) else ""
    if nxt.islower() or nxt in (" ", "'", "’"):
        return True
    if nxt.isupper():
        word = re.match(r"[^\W\d_]+", line[pos:])
        end = pos + (len(word.group()) if word else 0)
        return end == len(line) or line[end] in " ,;:'’"
    return False


def collapse_blank_lines(state: TextState) -> None:
    """Trim blank lines at both ends and squeeze every run of blank lines into one.

    One blank line is a paragraph break; more say nothing and removed lines leave many behind.
    Single line breaks inside the text are kept: some captures separate paragraphs that way.
    """
    lines: list[str] = []
    for line in state.lines:
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    state.lines = lines


TEXT_RULES: list[TextRule] = [
    remove_control_chars,
    normalize_spaces,
    leading_image_url,
    url_lines,
    trailing_related_block,
    widget_lines,
    photo_credits,
    edge_widgets,
    leading_metadata,
    headline,
    dateline,
    split_glued_sentences,
    collapse_blank_lines,
]
"""The rules :func:`clean_text` runs, in order. Order matters: characters and spaces are
normalized first so later rules compare clean lines; the related-links block goes before the
widget lines that would otherwise eat its marker; edges are peeled before the headline is
looked for, so a share bar above it does not hide it; glued sentences are split last, so the
headline and widget rules see the lines as captured."""


def run_rules(state: TextState, rules: Iterable[TextRule] = TEXT_RULES) -> TextState:
    """Apply ``rules`` in order to ``state`` (in place) and return it."""
    for rule in rules:
        rule(state)
    return state


def clean_text(raw: str, rules: Iterable[TextRule] = TEXT_RULES) -> Cleaned:
    """Clean a plain-text capture into its body, title and publication date.

    Empty or whitespace-only input gives an empty body, which the caller reports as skipped.
    ``rules`` can be narrowed for tests or experiments; the default is :data:`TEXT_RULES`.
    """
    if not raw or not raw.strip():
        return Cleaned(body="")
    state = run_rules(TextState.from_raw(raw), rules)
    body = state.text.strip()
    return Cleaned(body=body, title=state.title, subtitle=state.subtitle, byline=state.byline,
                   captions=state.captions, published_given=state.published_given,
                   dropped=state.dropped)
