"""Clean one HTML news page into body text and metadata.

Layered like trafilatura itself, so each layer can be measured and switched off on its own:

1. **Parse once** with trafilatura's loader (it repairs and decodes what browsers would accept);
   every later layer reuses the tree instead of re-parsing.
2. **Metadata** (title, date, site name, canonical URL) from trafilatura's metadata extractor,
   with date search limited so that a page without a date keeps ``published_given=None``.
3. **Body** from trafilatura in precision mode (comments excluded). Precision mode cuts the
   teasers, widgets and template debris that balanced mode lets through, but on some pages it
   over-prunes; when its output is shorter than a few thousand characters we also run balanced
   mode and keep whichever a general rule prefers (:func:`choose_candidate`). Then recall mode
   runs too, and the paragraphs it finds beyond that body are added where jusText would call
   them good text (:func:`add_recall_prose`): precision and balanced modes both cut some
   articles short, at an inline box or a photo.
4. **Line filters**: small named heuristics over the body's paragraphs that remove what
   trafilatura keeps but a reader would not call article text: the headline echoed at the top,
   a leading timestamp/reading-time line, "Read more:" promos, and trailing credits, contact
   lines and sign-up pleas (on by default); separator rules and the dek under the headline
   (registered, off by default). Each is a pure function over lines, testable alone,
   registered by its rule name in :data:`LINE_FILTERS`.
4b. **Block add** (``block-add``, :mod:`newsgraph.ingest.blocks`): the page is cut into text
   blocks in one lxml pass, a small logistic regression over layout features and over where the
   body is (``models/dom_blocks``, fitted on the tune parts) scores each block the body lacks,
   and confident prose blocks (ten words or more, a sentence end, not opening with a link, not
   a promo or credit line) are inserted at their place in document order: the paragraphs after
   an inline box, the list items and boxed passages that no trafilatura mode keeps.
5. **Dropped record**: what was removed, as :class:`~newsgraph.model.Dropped` entries, so a user
   can see what cleaning threw away without the record growing as large as the page.

No rule is keyed to a site, a domain or a class name: every heuristic has to make sense for any
news page. All tunables live in :class:`CleanerSettings`.

Measured with ``newsgraph eval content`` (:mod:`newsgraph.eval.content`; trafilatura 2.3.1 as the
ScrapingHub benchmark runs it, comments off, is the baseline) on two gold sets: the ScrapingHub
article-extraction benchmark (181 pages) and WCXB's development articles (790). Each layer's figure
is its ablation gain, F1 minus the F1 of the same cleaner without that layer, which the scorer
reports under ``layers``. A layer is on by default only where that gain is >= 0 on the union of both
sets' validation parts (347 pages, :mod:`newsgraph.eval.split`); the re-check thresholds were chosen
on the tune parts, and recall-prose takes jusText's own defaults. Validation parts, ScrapingHub /
WCXB: F1 0.972 / 0.930 against trafilatura's 0.954 / 0.928, the paired 95% interval of the gain
[+0.010, +0.029] / [-0.001, +0.006]. Layer gains, same order: precision mode with its re-check
+0.0103 / -0.0002; recall-prose +0.0002 / +0.0028; title-echo +0.0039 / +0.0007; dateline +0.0016
/ -0.0001; promo +0.0009 / -0.0001; trailing-credit +0.0009 / -0.0001. Off because, measured with
the other filters on, they lowered the union's F1: separator -0.0001 (the gold keeps "___" as a
word) and dek -0.00004. Recall mode alone or as a vote with the other two modes was weighed on the
tune parts and lost on ScrapingHub (teasers and related links): 0.960 and 0.962 against 0.972.
With block-add (added later, measured the same way): validation parts F1 0.9705 / 0.9375
against trafilatura's 0.9539 / 0.9277, gain interval [+0.008, +0.028] / [+0.004, +0.017];
block-add's own gain -0.0017 [-0.0041, 0.0] on 3 ScrapingHub pages / +0.0073 [+0.0021,
+0.0132] on 75 WCXB pages, +0.0059 [+0.0019, +0.0112] on the union. Its cost is a median 5% of
spaCy's time on the page's text (clean_html 0.27 of it with the layer, 0.22 without, on 126
tune pages). Before it: all 181 ScrapingHub pages: F1 0.972 [0.963, 0.981] (P 0.969, R
0.976) against 0.960. Measured earlier on ScrapingHub alone and left out because they hurt or helped
through one site only: favor_recall, fast mode, tables off, trafilatura's deduplicate, prune_xpath
for figure/aside/related/caption, dropping repeated paragraphs or bare URL/e-mail lines (gold text
keeps them), restoring a lead from the meta description (it is usually the dek), dropping lines
above the headline, appending same-class sibling containers of a split body, and dropping teaser
lines after a bare "Don't miss" label.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import justext
import trafilatura
from justext.core import LENGTH_HIGH_DEFAULT, STOPWORDS_HIGH_DEFAULT
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata

from newsgraph.ingest import blocks as dom_blocks
from newsgraph.ingest.cleaned import Cleaned
from newsgraph.model import Dropped

__all__ = [
    "DEFAULT_SETTINGS",
    "LINE_FILTERS",
    "CleanerSettings",
    "add_block_prose",
    "admits_block",
    "choose_candidate",
    "clean_html",
    "drop_promo_lines",
    "drop_separator_lines",
    "strip_dek",
    "strip_leading_dateline",
    "strip_title_echo",
    "trim_trailing_credits",
]

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CleanerSettings:
    """Every knob of the cleaner in one place, so an evaluation can switch layers on and off.

    The defaults keep a layer only where switching it off does not raise F1 on the union of the
    validation parts of both content gold sets (ScrapingHub and WCXB, see the module docstring
    and ``newsgraph eval content``, whose ``layers`` figures are the ablations); the thresholds
    of the balanced re-check were chosen on their tune parts.
    """

    # Layer 3: body extraction.
    precision_first: bool = True
    """Extract in trafilatura's precision mode first (balanced mode keeps more debris)."""
    recheck_below_chars: int = 5000
    """Precision output shorter than this is double-checked against balanced mode. At 500 only very
    short output was checked and precision mode's over-pruning of articles a few thousand characters
    long went through: precision mode then cost WCXB 0.0055 F1 on its tune part (0.0004 at 5000 with
    the ratio below, ScrapingHub's tune F1 unchanged). The cost is a second trafilatura run on the
    pages whose precision output is shorter: about a quarter of WCXB's, three quarters of
    ScrapingHub's (clean_html +8% and +35% in time)."""
    min_precision_ratio: float = 0.6
    """Keep the precision output only if it has at least this share of balanced mode's text;
    0.6 rather than 0.5 on the tune parts (ScrapingHub unchanged, WCXB +0.0007)."""
    include_tables: bool = True
    """Tables in news pages are mostly data the article refers to, so keep them."""
    recall_prose: bool = True
    """Add the prose paragraphs recall mode finds beyond the body (:func:`add_recall_prose`)."""
    recall_min_containment: float = 0.9
    """Recall's text must hold this share of the body's characters to count as the same
    article; jusText's defaults decide which of its extra paragraphs are prose."""

    # Layer 4: line filters, by name (see LINE_FILTERS); order is the order they run in.
    line_filters: tuple[str, ...] = (
        "title-echo",
        "dateline",
        "promo",
        "trailing-credit",
    )
    """"separator" and "dek" are registered but off: switched on, each lowered F1 on the
    validation union (see the module docstring; for separator, the gold keeps "___" as a word)."""

    # Layer 4b: the DOM block classifier (newsgraph.ingest.blocks).
    block_add: bool = True
    """Add the page's blocks that the body lacks and the block model is confident are article
    text (:func:`newsgraph.ingest.blocks.add_blocks`), each at its place in document order."""

    # Layer 5: the dropped record.
    record_boilerplate: bool = True
    """List visible text blocks of the page that did not make it into the body."""
    max_dropped_blocks: int = 20
    max_dropped_chars: int = 200

    # Metadata.
    extensive_date_search: bool = False
    """htmldate's free-text search guesses dates from any text (copyright lines, comments), so
    it stays off: a missing date is better than a wrong one for a time-anchored knowledge base."""

    paragraph_separator: str = "\n\n"
    """Blank line between paragraphs: readable, and spaCy never joins sentences across it."""

    def with_filters(self, *names: str) -> CleanerSettings:
        """A copy running only the named line filters (for ablations and tests)."""
        return replace(self, line_filters=tuple(names))


DEFAULT_SETTINGS = CleanerSettings()


# --------------------------------------------------------------------------------------------
# Text helpers


_WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")


def _words(text: str) -> list[str]:
    """Lower-cased word tokens: the unit lines are compared in, ignoring punctuation and case."""
    return [w.lower() for w in _WORD_RE.findall(text)]


def _squash(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _truncate(text: str, limit: int) -> str:
    text = _squash(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------
# Layer 3: body extraction


def _extract_text(
    tree: HtmlElement, url: str | None, settings: CleanerSettings, **mode: Any
) -> str:
    """Run trafilatura's body extraction on a copy of ``tree`` and return plain text lines.

    ``bare_extraction`` copies a tree it is given, so one parse serves several runs.
    Formatting is off: markdown markers would end up in the text users read and spaCy tags.
    """
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=settings.include_tables,
            include_formatting=False,
            include_links=False,
            include_images=False,
            **mode,
        )
    except Exception:  # trafilatura raises from deep inside lxml on odd markup
        LOGGER.warning("trafilatura failed on %s", url, exc_info=True)
        return ""
    if document is None:
        return ""
    return getattr(document, "text", None) or ""


def choose_candidate(precise: str, balanced: str, settings: CleanerSettings) -> str:
    """Prefer precision mode unless it kept less than ``min_precision_ratio`` of balanced mode.

    Precision mode's extra pruning mostly removes teasers and template text; when it removes
    more than half of what balanced mode found, it has usually cut into the article itself
    (typically a page whose body sits beside a disclaimer or paywall box it chose instead).
    """
    if len(precise) >= settings.min_precision_ratio * len(balanced):
        return precise
    return balanced


# trafilatura's three modes, by name, as keyword arguments of its extraction.
MODES: dict[str, dict[str, bool]] = {
    "precision": {"favor_precision": True},
    "balanced": {},
    "recall": {"favor_recall": True},
}

# One trafilatura run: (settings, mode name) -> text. An evaluation passes one that keeps each
# run, so that ablations of the same page share them.
Extraction = Callable[[CleanerSettings, str], str]


def extract_body(tree: HtmlElement, url: str | None, settings: CleanerSettings,
                 extract: Extraction | None = None) -> str:
    """The body text of layer 3: precision mode, re-checked against balanced mode when short,
    then the prose that recall mode finds beyond it (:func:`add_recall_prose`)."""
    def run(run_settings: CleanerSettings, mode: str) -> str:
        return _extract_text(tree, url, run_settings, **MODES[mode])

    extract = extract or run
    if not settings.precision_first:
        body = extract(settings, "balanced")
    else:
        body = extract(settings, "precision")
        if len(body) < settings.recheck_below_chars:
            # short output: the only case where precision mode was seen to over-prune
            body = choose_candidate(body, extract(settings, "balanced"), settings)
    if settings.recall_prose:
        body = add_recall_prose(body, extract(settings, "recall"), settings)
    return body


def add_recall_prose(body: str, recall: str, settings: CleanerSettings) -> str:
    """``body`` with the paragraphs recall mode found beyond it that read as article prose.

    Precision and balanced modes cut some pages' article short (a paragraph after an inline
    box, the part below a photo); recall mode keeps those, and teasers, captions and link lists
    with them. Where recall's text holds the body (``recall_min_containment`` of its
    characters, so it found the same article rather than another block), its extra paragraphs
    are added in its order when jusText would call them good text: at least
    ``LENGTH_HIGH_DEFAULT`` characters, a share of stop words of at least
    ``STOPWORDS_HIGH_DEFAULT`` (jusText's own English list and defaults), ending as a sentence
    ends. Teasers and captions are short or do not end so; link lists have few function words.
    """
    kept = _lines(body)
    extra = _lines(recall)
    have = set(kept)
    if not extra or len(recall) <= len(body) or _held(kept, set(extra)) < \
            settings.recall_min_containment:
        return body
    merged = [line for line in extra if line in have or _reads_as_prose(line)]
    merged_set = set(merged)
    merged += [line for line in kept if line not in merged_set]  # never lose a body line
    return "\n".join(merged)


def _lines(text: str) -> list[str]:
    return [line for line in (raw.strip() for raw in text.splitlines()) if line]


def _held(lines: Sequence[str], others: set[str]) -> float:
    """The share of the characters of ``lines`` in lines that ``others`` also has."""
    total = sum(len(line) for line in lines)
    return sum(len(line) for line in lines if line in others) / total if total else 1.0


_SENTENCE_END_RE = re.compile(r"[.!?…]['\"’”)\]]*$")
_STOPLIST = frozenset(justext.get_stoplist("English"))


def _reads_as_prose(line: str) -> bool:
    """jusText's test for a good paragraph (long, dense in function words), on one line."""
    words = [w.strip(".,;:!?\"'()“”‘’").lower() for w in line.split()]
    if len(line) < LENGTH_HIGH_DEFAULT or not words or not _SENTENCE_END_RE.search(line):
        return False
    return sum(w in _STOPLIST for w in words) / len(words) >= STOPWORDS_HIGH_DEFAULT


BLOCK_ADD_LAYER = "block-add"
"""The layer name of :func:`add_block_prose`."""


def admits_block(text: str) -> bool:
    """Whether a block may be added by ``block-add``: not a promo or credit line that the line
    filters would remove (the layer runs after them)."""
    return not (drop_promo_lines([text])[1] or _is_credit(text))


def add_block_prose(tree: HtmlElement, lines: Sequence[str], recall: Callable[[], str],
                    settings: CleanerSettings) -> list[str]:
    """Layer 4b over the line-filtered body: the ``block-add`` layer when it is on
    (:func:`newsgraph.ingest.blocks.add_blocks` with the stored model). ``recall`` gives
    recall mode's text of the page (a feature of the model), run only if the layer is on."""
    if not settings.block_add or not lines:
        return list(lines)
    return dom_blocks.add_blocks(tree, lines, recall(), dom_blocks.load_model(), admits_block)


def filter_lines(text: str, titles: Sequence[str], settings: CleanerSettings
                 ) -> tuple[list[str], list[tuple[str, str]]]:
    """Layer 4 over a body text: its kept lines, and ``(filter name, line)`` for each removed."""
    lines = _lines(text)
    removed: list[tuple[str, str]] = []
    for name in settings.line_filters:
        lines, dropped = LINE_FILTERS[name](lines, titles)
        removed.extend((name, line) for line in dropped)
    return lines, removed


# --------------------------------------------------------------------------------------------
# Layer 4: line filters. Each takes the body's lines (and, for dek and title-echo, the titles) and
# returns (kept, removed). They never reorder or edit lines, only drop whole ones.

LineFilterResult = tuple[list[str], list[str]]


_HAS_ALNUM_RE = re.compile(r"[^\W_]")


def drop_separator_lines(lines: Sequence[str]) -> LineFilterResult:
    """Drop lines with no letter or digit ("___", "* * *", "—").

    They are visual rules between sections; as text they only glue unrelated words together
    (and ``___`` even counts as a word for ``\\w``-based tools).
    """
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        (kept if _HAS_ALNUM_RE.search(line) or not line.strip() else removed).append(line)
    return kept, removed


TITLE_ECHO_WINDOW = 3
"""How many leading lines may hold the headline; beyond that a match is a quote, not an echo."""


def strip_title_echo(lines: Sequence[str], titles: Sequence[str]) -> LineFilterResult:
    """Drop the headline when it is repeated as one of the first lines of the body.

    The headline is metadata (it goes to ``Cleaned.title``); repeated in the body it would be
    annotated twice and would open the text with a sentence fragment. A line counts as the
    headline when its words equal a title's words, or when it is a long enough prefix of one
    (titles often carry a " | Site" suffix the line lacks, or the reverse).
    """
    title_words = [w for w in (_words(t) for t in titles if t) if w]
    if not title_words:
        return list(lines), []
    kept: list[str] = []
    removed: list[str] = []
    seen = 0
    for line in lines:
        if seen < TITLE_ECHO_WINDOW and line.strip():
            seen += 1
            words = _words(line)
            if words and any(_is_title_echo(words, t) for t in title_words):
                removed.append(line)
                continue
        kept.append(line)
    return kept, removed


def _is_title_echo(words: list[str], title: list[str]) -> bool:
    if words == title:
        return True
    shorter, longer = (words, title) if len(words) < len(title) else (title, words)
    # a prefix of at least 4 words covering most of the longer one: "Headline" vs
    # "Headline - Site Name"; short prefixes are too likely to be a coincidence
    return (
        len(shorter) >= 4
        and longer[: len(shorter)] == shorter
        and len(shorter) >= 0.6 * len(longer)
    )


_SENTENCE_END_RE = re.compile(r"[.!?…。！？:;][\"”’')\]»]?\s*$")
DEK_MAX_WORDS = 30


def _is_fragment(line: str, max_words: int) -> bool:
    """A short line not ending like a sentence: headline-style text, not running prose."""
    return len(_words(line)) <= max_words and not _SENTENCE_END_RE.search(line)


def strip_dek(lines: Sequence[str], titles: Sequence[str]) -> LineFilterResult:
    """Drop the standfirst (dek) printed right under the headline echo.

    A dek is a second, headline-style summary: short and without closing punctuation, where
    the lead paragraph is a full sentence. It is only recognised directly after a line that
    echoes the headline, i.e. when the extractor evidently started inside the page header; a
    headline-style first line elsewhere may be a section heading and is kept.
    """
    title_words = [w for w in (_words(t) for t in titles if t) if w]
    content = [i for i, line in enumerate(lines) if line.strip()][:TITLE_ECHO_WINDOW]
    for pos, i in enumerate(content):
        words = _words(lines[i])
        if words and any(_is_title_echo(words, t) for t in title_words):
            following = content[pos + 1] if pos + 1 < len(content) else None
            if following is not None and _is_fragment(lines[following], DEK_MAX_WORDS):
                return [x for j, x in enumerate(lines) if j != following], [lines[following]]
            break
    return list(lines), []


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(
    r"\b\d{1,2}:\d{2}\b"  # clock time
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # numeric date
    rf"|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}\b"  # Nov 19 / 19 Nov 2019
    r"|\b\d{1,2}\s+de\s+\w+\s+de\s+\d{4}\b",  # 19 de novembro de 2019
    re.IGNORECASE,
)
_READING_TIME_RE = re.compile(
    r"\b\d+\s*(?:min|mins|minutes?|minutos?|minuten)\b.{0,15}\bread\b|\breading\s+time\b"
    r"|\btempo\s+de\s+leitura\b|\blesezeit\b|\btemps\s+de\s+lecture\b",
    re.IGNORECASE,
)
DATELINE_MAX_WORDS = 20
DATELINE_MAX_LINES = 2


def strip_leading_dateline(lines: Sequence[str]) -> LineFilterResult:
    """Drop timestamp, "by X, 5:45 AM" and reading-time lines opening the body.

    Page headers print when the story was posted and how long it takes to read; the date goes
    to ``Cleaned.published_given`` via the metadata, and as body text it would be annotated as an
    event time of the story. Only short, non-sentence lines at the very top are considered.
    """
    kept = list(lines)
    removed: list[str] = []
    while kept and len(removed) < DATELINE_MAX_LINES:
        line = kept[0]
        if _is_fragment(line, DATELINE_MAX_WORDS) and (
            _DATE_RE.search(line) or _READING_TIME_RE.search(line)
        ):
            removed.append(kept.pop(0))
        else:
            break
    return kept, removed


_PROMO_RE = re.compile(
    r"""^\W*(?:
        read\ (?:more|also|next|this)|see\ (?:more|also)|also\ (?:read|see|on)|more|related
        |related\ (?:posts?|articles?|stories|coverage|content|reading|links?)
        |recommended(?:\ (?:reading|for\ you))?|don'?t\ miss|must\ read|trending|popular
        |you\ (?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)|more\ from\ \S+(?:\ \S+)?
        |more\ (?:on|about)\ this(?:\ story)?|most\ (?:read|popular|viewed)
        |watch|watch\ more|listen|leggi\ anche|lesen\ sie\ auch|leia\ (?:também|mais)
        |voir\ aussi|lire\ aussi|lee\ también|veja\ também|читайте\ также
    )\b\W{0,3}(?::|\||$|\.{3}|…)""",
    re.IGNORECASE | re.VERBOSE,
)
PROMO_MAX_CHARS = 250
"""A promo is a label plus a headline; longer lines are prose that happens to start alike."""


def drop_promo_lines(lines: Sequence[str]) -> LineFilterResult:
    """Drop cross-promotion lines: "Read more: <other headline>", "Related: …", "You may also
    like…", wherever they sit in the body.

    They link to other articles, so keeping them would attach another story's facts to this one.
    Only a short line that *starts* with such a label followed by a colon, bar, ellipsis or
    nothing counts, which keeps prose like "More than 100 people…" safe.
    """
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        is_promo = len(line) <= PROMO_MAX_CHARS and _PROMO_RE.match(line.strip()) is not None
        (removed if is_promo else kept).append(line)
    return kept, removed


_CREDIT_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # wire-service and newsroom credits
        r"^\W*(?:additional\ )?(?:reporting|writing|editing|research|compiled|"
        r"translated|produced)\ by\b",
        r"\bcontributed\ (?:to\ )?(?:this\ )?(?:report|reporting|story|article)\b",
        r"^\W*(?:with\ )?(?:contributing|contributions?)\s*(?:by|from)?\s*:",
        r"^\W*(?:source|sources|via|photo|photos|image|images|credit|credits|pictures?)\s*:",
        # contact and follow pleas
        r"^\W*(?:follow|like|join|find)\ .{0,120}\b(?:twitter|facebook|instagram|youtube|"
        r"linkedin|tiktok|telegram)\b",
        r"^\W*(?:e-?mail|contact|reach|write\ to)\b.{0,120}"
        r"(?:@\w|\b\w+\.(?:com|org|net|co|uk|io)\b)",
        r"^\W*have\ a\ (?:news\ )?tip\b",
        # subscription and sharing pleas
        r"\b(?:sign(?:ing)?\ up|subscrib\w*|delivered|get|receive)\b.{0,100}"
        r"\b(?:newsletters?|inbox)\b",
        r"^\W*(?:sign\ up|subscribe)\ (?:to|for)\ (?:our|the|free)\b",
        r"^\W*(?:share\ this|like\ this\ (?:story|article))\b",
        # page furniture
        r"^\W*(?:copyright\b|©|\(c\)\ \d{4})",
        r"\ball\ rights\ reserved\b",
        r"^\W*(?:\d+\ )?comments?\W*$",
        r"^\W*(?:tags|filed\ under|topics|categories)\s*(?::|$)",
        r"^\W*(?:print(?:\ article)?|order\ reprints|reprints?)\W*$",
    )
]
CREDIT_MAX_CHARS = 300
"""Credits and pleas are one or two sentences; a longer line is an article paragraph."""
CREDIT_MAX_LINES = 8
"""Trim at most this many lines from the end, so a mis-fire cannot eat the article."""


def _is_credit(line: str) -> bool:
    return len(line) <= CREDIT_MAX_CHARS and any(r.search(line) for r in _CREDIT_RES)


def trim_trailing_credits(lines: Sequence[str]) -> LineFilterResult:
    """Drop credits, contact lines, sign-up and share pleas, copyright and tag lists at the end.

    Such lines close most news articles ("Reporting by …; Editing by …", "Follow her on
    Twitter", "Sign up for our newsletter", "© 2019 …"). They are not part of the story and
    would feed bogus actors and claims to the annotators. Only the tail is trimmed, where they
    can be recognised without context; blank lines in between are skipped.
    """
    end = len(lines)
    trimmed = 0
    while end > 0 and trimmed < CREDIT_MAX_LINES:
        line = lines[end - 1]
        if not line.strip():
            end -= 1
            continue
        if not _is_credit(line):
            break
        end -= 1
        trimmed += 1
    return list(lines[:end]), [line for line in lines[end:] if line.strip()]


LineFilter = Callable[[Sequence[str], Sequence[str]], LineFilterResult]

LINE_FILTERS: dict[str, LineFilter] = {
    "separator": lambda lines, _titles: drop_separator_lines(lines),
    "dek": strip_dek,
    "title-echo": strip_title_echo,
    "dateline": lambda lines, _titles: strip_leading_dateline(lines),
    "promo": lambda lines, _titles: drop_promo_lines(lines),
    "trailing-credit": lambda lines, _titles: trim_trailing_credits(lines),
}
"""Line filters by the rule name they record in ``Cleaned.dropped``."""


# --------------------------------------------------------------------------------------------
# Metadata


@dataclass(slots=True)
class _Meta:
    title: str | None = None
    published_given: str | None = None
    outlet: str | None = None
    url: str | None = None
    titles: list[str] = field(default_factory=list)


def _metadata(tree: HtmlElement, url: str | None, settings: CleanerSettings) -> _Meta:
    """Title, date, outlet and canonical URL from trafilatura's metadata extractor.

    htmldate is bounded by today's date but never *returns* today when it finds nothing; with
    ``extensive_date_search`` off it also ignores dates in free text, so an undated page keeps
    ``published_given=None``.
    """
    params = {"original_date": True, "extensive_search": settings.extensive_date_search}
    try:
        meta = extract_metadata(tree, default_url=url, date_config=params)
    except Exception:  # metadata is best effort: a body without it is still useful
        LOGGER.warning("metadata extraction failed on %s", url, exc_info=True)
        return _Meta(url=url)
    titles = [t for t in (meta.title, _first_heading(tree)) if t]
    return _Meta(
        title=meta.title or None,
        published_given=meta.date or None,
        outlet=meta.sitename or None,
        url=meta.url or url,
        titles=titles,
    )


def _first_heading(tree: HtmlElement) -> str | None:
    """The page's first ``<h1>``: the on-page headline, which can differ from ``<title>``."""
    for h1 in tree.iter("h1"):
        text = _squash(h1.text_content())
        if text:
            return text
    return None


# --------------------------------------------------------------------------------------------
# Layer 5: what the page showed that the body does not contain

_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg", "select"}
_BLOCK_TAGS = (
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "figcaption",
    "dd", "dt", "pre", "caption", "div", "section", "article", "aside", "header", "footer",
    "nav", "address", "form", "ul", "ol", "table", "figure", "main",
)  # fmt: skip


def _visible_blocks(tree: HtmlElement) -> list[str]:
    """Texts of the page's innermost visible blocks, in document order.

    A block is a block-level element with no block-level element inside, so nested wrappers do
    not repeat their children's text. One pass marks every ancestor of a block as a wrapper.
    """
    wrappers: set[HtmlElement] = set()
    for element in tree.iter(*_BLOCK_TAGS):
        for ancestor in element.iterancestors():
            if ancestor in wrappers:
                break
            wrappers.add(ancestor)
    hidden = {d for e in tree.iter(*_INVISIBLE_TAGS) for d in e.iter()}
    blocks: list[str] = []
    for element in tree.iter(*_BLOCK_TAGS):
        if element in wrappers or element in hidden:
            continue
        text = _visible_text(element, hidden)
        if len(_words(text)) >= 2:
            blocks.append(text)
    return blocks


def _visible_text(element: HtmlElement, hidden: set[HtmlElement]) -> str:
    """``element``'s text without scripts, styles or HTML comments nested inside it."""
    parts = [element.text or ""]
    for node in element.iterdescendants():
        if isinstance(node.tag, str) and node not in hidden:
            parts.append(node.text or "")
        if node.getparent() not in hidden:
            parts.append(node.tail or "")
    return _squash(" ".join(parts))


def _boilerplate_record(
    tree: HtmlElement, body: str, already: Sequence[str], settings: CleanerSettings
) -> list[Dropped]:
    """One ``html-boilerplate`` entry per visible block missing from the body, capped.

    Only the first ``max_dropped_blocks`` blocks are listed in full (truncated); a final entry
    counts the rest, so the record stays small however large the page's navigation is.
    """
    body_key = " ".join(_words(body))
    dropped: list[Dropped] = []
    seen = {" ".join(_words(text)) for text in already}
    extra_blocks = extra_chars = 0
    for text in _visible_blocks(tree):
        key = " ".join(_words(text))
        if key in seen or key in body_key:
            continue
        seen.add(key)
        if len(dropped) < settings.max_dropped_blocks:
            dropped.append(Dropped("html-boilerplate", _truncate(text, settings.max_dropped_chars)))
        else:
            extra_blocks += 1
            extra_chars += len(text)
    if extra_blocks:
        dropped.append(
            Dropped(
                "html-boilerplate",
                f"… and {extra_blocks} more blocks ({extra_chars} characters) not listed",
            )
        )
    return dropped


# --------------------------------------------------------------------------------------------
# Entry point


def _parse(html: str) -> HtmlElement | None:
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, TypeError, etree.ParserError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def runs_once(tree: HtmlElement, url: str | None) -> Extraction:
    """An ``extract`` callback for :func:`extract_body` that runs trafilatura at most once a
    page in each mode, so that later layers reuse a run an earlier one made."""
    runs: dict[str, str] = {}

    def run(run_settings: CleanerSettings, mode: str) -> str:
        if mode not in runs:
            runs[mode] = _extract_text(tree, url, run_settings, **MODES[mode])
        return runs[mode]

    return run


def clean_html(
    html: str, url: str | None = None, settings: CleanerSettings = DEFAULT_SETTINGS
) -> Cleaned:
    """Extract the article body and metadata from one HTML page.

    Never raises on bad markup: an unparseable page gives an empty body (and the given URL), a
    truncated one whatever text could be recovered. ``dropped`` records the lines the filters
    removed (under each filter's rule name) and the page's other visible text blocks
    (``html-boilerplate``), truncated and capped.
    """
    tree = _parse(html) if html and html.strip() else None
    if tree is None:
        return Cleaned(body="", url=url)
    meta = _metadata(tree, url, settings)
    page_url = meta.url or url
    run = runs_once(tree, page_url)  # block-add reuses recall-prose's recall run
    text = extract_body(tree, page_url, settings, extract=run)
    lines, removed = filter_lines(text, meta.titles, settings)
    lines = add_block_prose(tree, lines, lambda: run(settings, "recall"), settings)
    removed_lines = [line for _name, line in removed]
    dropped = [Dropped(name, _truncate(line, settings.max_dropped_chars))
               for name, line in removed]
    body = settings.paragraph_separator.join(lines)

    if settings.record_boilerplate:
        dropped.extend(_boilerplate_record(tree, body, removed_lines, settings))
    return Cleaned(
        body=body,
        title=meta.title,
        published_given=meta.published_given,
        outlet=meta.outlet,
        url=meta.url,
        dropped=dropped,
    )
