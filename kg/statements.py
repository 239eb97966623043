"""Claims stated in a description's prose: sentences + the figure's mentions -> Claims.

Each sentence becomes a spaCy Doc (blank English) in which every mention found
in it is one token; a Matcher marks the trigger phrases of
kg/data/claims_triggers.json, and small readers take the claim around each
trigger:

- comparisons: "A (consistently) outperforms B", "B lags behind A", "A is
  better than B", "A performs worse than B", "the superiority of A over B",
  "A has lower sMAPE than B" (read through the metric's direction);
- rankings: "A > B > C", "A is highest, followed by B, C and D", "A leads, B, C";
- superlatives: "A performs best" / "A is the lowest" (against every other
  system mention of the figure, marked IMPLIED_NOTE);
- trends: "M decreases as P increases", "as P increases, M rises", "M increases
  with P", "increasing M with increasing P", "higher P yields lower M",
  "inverse relationship between M and P"; the direction flips when P decreases;
- peaksAt ("peaks at", "sweet spot"), plateausWith ("plateaus", "diminishing
  returns"), tradeOffWith ("trade-off between M1 and M2").

Subjects and objects are always mentions (their text as the mention gives it).
Where a trend sentence says only "performance" / "score", or speaks of a system
or a line, the figure's metric stands in when the figure has exactly one; a line
that simply "increases" (no turn, no comparison) moves along the figure's only
parameter. A sentence opening with "Label:" (a dataset, metric or system) gives
that context to itself and to the later sentences of its line.

Context: metric, dataset and model are set when the clause (metric) or the
sentence (dataset, model; examples in parentheses aside) names exactly one.
The hedge is read in the claim's clause, outside parentheses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import norm
from kg.model import Claim, ClaimOrigin, EntityType, Mention, Sentence
from kg.verify import (
    DECREASES_WITH,
    IMPLIED_NOTE,
    INCREASES_WITH,
    OUTPERFORMS,
    PEAKS_AT,
    PLATEAUS_WITH,
    TRADE_OFF_WITH,
    claim_data,
    default_lower_is_better,
)

SYSTEM_TYPES = frozenset({EntityType.MODEL, EntityType.METHOD})
TREND_OBJECT_TYPES = frozenset({EntityType.METRIC, EntityType.PARAMETER})

# Markdown and quoting marks between words: never part of a claim.
_MARKUP_RE = re.compile(r"[*`\"“”$]")
_BRACKET_RE = re.compile(r"([()])")
# Words that may sit between coordinated names ("A, B and C").
_COORDINATORS = frozenset({",", "and", "or", "&", "/", "both", "as", "well", "then", "closely", "the"})
# Words after a comparison that mean "every other system".
_ALL_OTHERS = frozenset({"all", "every", "other", "others", "rest", "remaining", "each"})
# Comparative words: a direction, but too often a comparison between systems to start a trend.
_COMPARATIVES = frozenset(
    {"higher", "lower", "greater", "larger", "smaller", "more", "less", "fewer", "better", "worse"}
)
# How many words may separate a name from its trigger ("Pass@1 accuracy generally improves").
_SUBJECT_WINDOW = 6
_OBJECT_WINDOW = 6
# Words a shortened name may not start or end with ("Ratio of" is no name).
_NAME_EDGE_STOPWORDS = frozenset(
    {"of", "with", "the", "at", "per", "for", "in", "on", "and", "to", "a", "an", "by", "vs", "from"}
)


# --- the spaCy side: one blank pipeline and one trigger matcher, built once ---


@cache
def _nlp() -> Language:
    return spacy.blank("en")


def _token_pattern(word: str) -> list[dict]:
    if word.endswith("*"):
        return [{"LOWER": {"REGEX": "^" + re.escape(word[:-1].lower())}}]
    return [{"LOWER": t.lower_} for t in _nlp().tokenizer(word)]


@cache
def _matcher(data: str) -> Matcher:
    """A Matcher with one label per category of kg/data/claims_<data>.json."""
    matcher = Matcher(_nlp().vocab)
    for label, phrases in claim_data(data).items():
        if not label.startswith("_"):
            matcher.add(
                label, [[t for word in phrase.split() for t in _token_pattern(word)] for phrase in phrases]
            )
    return matcher


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(claim_data("metrics")[name])


# --- finding mentions in a sentence -------------------------------------------


@dataclass(frozen=True)
class _Form:
    """A normalized surface form that names a mention."""

    key: str
    mention: Mention
    exact: bool  # the mention's own text rather than a shortened form
    cased: str | None = None  # short names match with their case: "T", "SD"


_key = norm


def _ignored(c: str) -> bool:
    """Characters the gold key drops inside names."""
    return c.isspace() or c in "-_."


def _cased(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not _ignored(c))


def _short_forms(mention: Mention) -> list[str]:
    """Shorter ways a text names a metric or parameter: without a parenthetical
    unit ("Throughput (TPS)"), "number of" for "#"/"num.", two-word-or-longer
    heads and tails ("Compression-Rate" of "Latent Compression-Rate")."""
    text = mention.text
    forms = []
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", text).strip()
    bare = re.sub(r"\s*/?\s*%$", "", bare).strip()
    forms.append(bare)
    expanded = re.sub(r"^(?:#|num\.?\s|no\.\s)\s*", "number of ", bare, flags=re.IGNORECASE)
    forms.append(expanded)
    for base in dict.fromkeys((bare, expanded)):
        words = [w for w in re.split(r"[\s\-_]+", base) if w]
        for size in range(2, len(words)):
            for part in (words[:size], words[-size:]):
                if (
                    part[0].lower() not in _NAME_EDGE_STOPWORDS
                    and part[-1].lower() not in _NAME_EDGE_STOPWORDS
                ):
                    forms.append(" ".join(part))
    return [f for f in forms if len(_key(f)) >= 3]


def _forms(mentions: Sequence[Mention]) -> list[_Form]:
    exact: dict[str, _Form] = {}
    for mention in mentions:
        key = _key(mention.text)
        if key and key not in exact:
            exact[key] = _Form(key, mention, True, _cased(mention.text) if len(key) <= 2 else None)
    shortened: dict[str, _Form | None] = {}
    for mention in mentions:
        if mention.type not in TREND_OBJECT_TYPES:
            continue
        for form in _short_forms(mention):
            key = _key(form)
            if key in exact:
                continue
            known = shortened.get(key, _Form(key, mention, False))
            # A shortened form two different kinds of thing share names neither.
            shortened[key] = None if known is None or known.mention.type != mention.type else known
    return list(exact.values()) + [f for f in shortened.values() if f is not None]


def _alias_forms(mentions: Sequence[Mention], aliases: Sequence[tuple[str, str]]) -> list[_Form]:
    by_text = {m.text: m for m in mentions}
    taken = {_key(m.text) for m in mentions}
    forms = []
    for alias, target in aliases:
        if target not in by_text:
            continue
        for text in (alias, alias[:-1] if re.fullmatch(r"[A-Za-z]{4,}s", alias) else None):
            if text and _key(text) not in taken:
                taken.add(_key(text))
                forms.append(_Form(_key(text), by_text[target], False))
    return forms


def _normalized(text: str) -> tuple[str, list[int]]:
    """The text as keys are written, with each character's offset in the original."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).lower():
            if not _ignored(c):
                chars.append(c)
                offsets.append(i)
    return "".join(chars), offsets


def _edge_ok(text: str, inside: int, outside: int, step: int) -> bool:
    """No word continues past a name's edge ("SD" is not in "RSD-S")."""
    if not text[inside].isalnum():
        return True
    if not 0 <= outside < len(text):
        return True
    if text[outside].isalnum():
        return False
    beyond = outside + step
    return not (text[outside] in "-_." and 0 <= beyond < len(text) and text[beyond].isalnum())


def find_mentions(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int, Mention]]:
    """(start, end, mention) of every mention in the text, longest first, without overlaps.

    Names match as the gold key does (NFKC, lower case, spaces, '-', '_' and '.'
    ignored), with a plural 's'; names of one or two characters match with case."""
    return _find(text, _forms(mentions))


def _find(text: str, forms: Sequence[_Form]) -> list[tuple[int, int, Mention]]:
    flat, offsets = _normalized(text)
    found = []
    for form in forms:
        at = flat.find(form.key)
        while at != -1:
            end = at + len(form.key)
            start_char, end_char = offsets[at], offsets[end - 1] + 1
            plural = end < len(flat) and flat[end] == "s" and offsets[end] == end_char
            plural_end = end_char + 1 if plural and _edge_ok(text, end_char, end_char + 1, 1) else None
            ok_start = _edge_ok(text, start_char, start_char - 1, -1)
            ok_end = _edge_ok(text, end_char - 1, end_char, 1)
            if form.cased is not None and _cased(text[start_char:end_char]) != form.cased:
                ok_start = False
            if ok_start and (ok_end or plural_end):
                stop = end_char if ok_end else plural_end
                found.append((start_char, stop, form))
            at = flat.find(form.key, at + 1)
    found.sort(key=lambda f: (-len(f[2].key), not f[2].exact, f[0]))
    taken: list[tuple[int, int, Mention]] = []
    for start, end, form in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, form.mention))
    return sorted(taken, key=lambda t: t[0])


# --- one sentence as tokens ---------------------------------------------------


@dataclass
class _View:
    """A sentence as tokens, its mentions as single tokens, with trigger spans."""

    doc: Doc
    mentions: list[Mention | None]  # per token
    labels: list[str | None]  # trigger category per token (None outside triggers)
    triggers: list[Span]
    hedges: list[Span]
    closing: dict[int, int]  # index of "(" -> index of its ")"
    opening: dict[int, int]  # index of ")" -> index of its "("

    def __len__(self) -> int:
        return len(self.doc)

    def lower(self, i: int) -> str:
        return self.doc[i].lower_

    def is_system(self, i: int) -> bool:
        m = self.mentions[i]
        return m is not None and m.type in SYSTEM_TYPES

    def of_type(self, i: int, types: Iterable[EntityType]) -> bool:
        m = self.mentions[i]
        return m is not None and m.type in types

    def walk(self, start: int, stop: int, direction: int = 1) -> Iterator[int]:
        """Indexes from start towards stop (exclusive), jumping over parenthesized groups."""
        k = start
        while (k < stop) if direction > 0 else (k > stop):
            if direction > 0 and k in self.closing:
                k = self.closing[k] + 1
                continue
            if direction < 0 and k in self.opening:
                k = self.opening[k] - 1
                continue
            yield k
            k += direction

    def clause(self, i: int, comparison: bool) -> tuple[int, int]:
        """[lo, hi) of the clause around token i: ';', 'but', 'whereas' (and for a
        comparison 'while') end a clause."""

        def ends(k: int) -> bool:
            return self.labels[k] == "clause_end" or (comparison and self.lower(k) == "while")

        lo = i
        while lo > 0 and not ends(lo - 1):
            lo -= 1
        hi = i
        while hi < len(self) and not ends(hi):
            hi += 1
        return lo, hi

    def negated(self, start: int, lo: int) -> bool:
        return any(self.labels[k] == "negation" for k in range(max(lo, start - 3), start))


def _view(text: str, found: Sequence[tuple[int, int, Mention]]) -> _View:
    nlp = _nlp()
    words: list[str] = []
    mentions: list[Mention | None] = []
    position = 0
    for start, end, mention in [*found, (len(text), len(text), None)]:
        # Brackets on their own ("8)" would stay one token: spaCy reads it as an emoticon).
        gap = _BRACKET_RE.sub(r" \1 ", _MARKUP_RE.sub(" ", text[position:start]))
        for token in nlp.tokenizer(gap):
            if not token.is_space:
                words.append(token.text)
                mentions.append(None)
        if mention is not None:
            words.append(text[start:end])
            mentions.append(mention)
        position = end
    doc = Doc(nlp.vocab, words=words)
    spans = [
        Span(doc, s, e, label=label)
        for label, s, e in _matcher("triggers")(doc)
        if all(mentions[k] is None for k in range(s, e))
    ]
    triggers = sorted(filter_spans(spans), key=lambda s: s.start)
    labels: list[str | None] = [None] * len(doc)
    for span in triggers:
        for k in range(span.start, span.end):
            labels[k] = span.label_
    hedges = [Span(doc, s, e, label=label) for label, s, e in _matcher("hedges")(doc)]
    closing, opening, stack = {}, {}, []
    for k, token in enumerate(doc):
        if token.text == "(" and mentions[k] is None:
            stack.append(k)
        elif token.text == ")" and mentions[k] is None and stack:
            o = stack.pop()
            closing[o], opening[k] = k, o
    return _View(
        doc, mentions, labels, triggers, sorted(filter_spans(hedges), key=lambda s: s.start), closing, opening
    )


# --- context: metric, dataset, model, hedge -----------------------------------


@dataclass(frozen=True)
class _Figure:
    """What the whole figure's mentions say, for stand-ins and 'all others'."""

    systems: tuple[Mention, ...]
    metrics: tuple[Mention, ...]
    parameters: tuple[Mention, ...]

    @property
    def single_metric(self) -> Mention | None:
        return _only(self.metrics)

    @property
    def single_parameter(self) -> Mention | None:
        return _only(self.parameters)


def _only(mentions: Sequence[Mention]) -> Mention | None:
    """The one name among the mentions (spelled one way or several), else None."""
    return mentions[0] if len({_key(m.text) for m in mentions}) == 1 else None


@dataclass(frozen=True)
class _Label:
    """Mentions of a 'Label:' that opens a line, inherited by its later sentences."""

    metric: Mention | None = None
    dataset: Mention | None = None
    model: Mention | None = None
    system: Mention | None = None


def _distinct(
    view: _View,
    lo: int,
    hi: int,
    types: Iterable[EntityType],
    skip: Iterable[Mention] = (),
    outside_parentheses=False,
) -> list[Mention]:
    """The mentions of some types in [lo, hi), once per name, in reading order."""
    types = set(types)
    skipped = {_key(m.text) for m in skip}
    seen: dict[str, Mention] = {}
    indexes = view.walk(lo, hi) if outside_parentheses else range(lo, hi)
    for k in indexes:
        m = view.mentions[k]
        if m is not None and m.type in types and _key(m.text) not in skipped:
            seen.setdefault(_key(m.text), m)
    return list(seen.values())


def _has_word(view: _View, lo: int, hi: int, words: frozenset[str]) -> bool:
    return any(view.mentions[k] is None and view.lower(k) in words for k in range(lo, hi))


def _metric_in(view: _View, lo: int, hi: int, figure: _Figure, label: _Label) -> Mention | None:
    """The metric a clause speaks of: the one it names; else, when it says
    'performance' / 'score', the figure's only metric; else the sentence's or
    the line label's one metric."""
    named = _distinct(view, lo, hi, {EntityType.METRIC})
    if named:
        return named[0] if len(named) == 1 else None
    if _has_word(view, lo, hi, _words("generic_metric_words")):
        return figure.single_metric
    whole = _distinct(view, 0, len(view), {EntityType.METRIC})
    if len(whole) == 1:
        return whole[0]
    return label.metric if not whole else None


def _context(
    view: _View, entity_type: EntityType, used: Iterable[Mention], inherited: Mention | None
) -> str | None:
    """The one dataset (model) the sentence names, examples in parentheses aside;
    else the line label's."""
    found = _distinct(view, 0, len(view), {entity_type}, skip=used, outside_parentheses=True)
    if len(found) == 1:
        return found[0].text
    return inherited.text if not found and inherited is not None else None


def _hedge(view: _View, lo: int, hi: int) -> str | None:
    """The hedge of a clause as written: a frequency hedge first ('generally'
    allows exceptions), then a universal one ('consistently'), then any other."""
    outside = set(view.walk(lo, hi))  # "(approximately 40)" hedges a number, not the claim
    inside = [h for h in view.hedges if h.start in outside and h.end - 1 in outside]
    for kind in ("frequency", "universal", "other"):
        for span in inside:
            if span.label_ == kind:
                return span.text.lower()
    return None


# --- reading claims -----------------------------------------------------------

# Trigger kinds that end the search for a comparison's subject or object.
_COMPARISON_KINDS = frozenset(
    {
        "outperform",
        "underperform",
        "higher_than",
        "lower_than",
        "over_noun",
        "best",
        "worst",
        "value_max",
        "value_min",
        "followed_by",
        "rank_gt",
        "rank_lt",
        "clause_end",
    }
)


@dataclass(frozen=True)
class _Found:
    subject: Mention
    relation: str
    object: Mention
    lo: int  # the clause, where the hedge is read
    hi: int
    metric: Mention | None = None
    implied: bool = False


def _group(view: _View, k: int, bound: int, direction: int) -> list[int]:
    """Indexes of the coordinated systems of one type that start at token k,
    read in one direction up to bound (exclusive): 'A, B and C', 'A (blue) and B (green)'."""
    group = [k]
    kind = view.mentions[k].type
    for j in view.walk(k + direction, bound, direction):
        if view.is_system(j) and view.mentions[j].type == kind:
            group.append(j)
        elif view.lower(j) not in _COORDINATORS or view.labels[j] not in (None, "followed_by"):
            break
    return group if direction > 0 else group[::-1]


def _names(view: _View, indexes: Iterable[int]) -> list[Mention]:
    return [view.mentions[k] for k in indexes]


def _nearest_system(view: _View, start: int, stop: int, direction: int, window: int) -> int | None:
    """The nearest system mention from start towards stop (exclusive), within
    `window` words, not across another comparison."""
    for seen, k in enumerate(view.walk(start, stop, direction)):
        if seen > window:
            return None
        if view.is_system(k):
            return k
        if view.labels[k] in _COMPARISON_KINDS:
            return None
    return None


def _subjects(
    view: _View, at: int, lo: int, earlier: list[tuple[int, list[Mention]]], label: _Label
) -> list[Mention]:
    """Who a comparison at token `at` is about: the nearest systems before it in
    its clause, unless that name was the object of the comparison just before
    ('A outperforms B and beats C': A); else the earlier comparison's subject,
    the line label's system, or the sentence's first system ('X ... but lags behind Y')."""
    k = next((j for j in view.walk(at - 1, lo - 1, -1) if view.is_system(j)), None)
    if k is not None:
        if (
            earlier
            and earlier[-1][0] < k
            and {view.lower(j) for j in range(k + 1, at)} & {"and", ",", "but", "yet"}
        ):
            return earlier[-1][1]
        return _names(view, _group(view, k, lo - 1, -1))
    if earlier:
        return earlier[-1][1]
    if label.system is not None:
        return [label.system]
    first = next((j for j in range(lo) if view.is_system(j)), None)
    return [view.mentions[first]] if first is not None else []


def _others(figure: _Figure, exclude: Sequence[Mention]) -> list[Mention]:
    """The figure's other systems of the same type (methods against methods)."""
    skip = {_key(m.text) for m in exclude}
    types = {m.type for m in exclude}
    seen: dict[str, Mention] = {}
    for m in figure.systems:
        if _key(m.text) not in skip and m.type in types:
            seen.setdefault(_key(m.text), m)
    return list(seen.values())


def _pairs(
    better: Sequence[Mention],
    worse: Sequence[Mention],
    lo: int,
    hi: int,
    metric: Mention | None,
    implied=False,
) -> list[_Found]:
    return [
        _Found(b, OUTPERFORMS, w, lo, hi, metric, implied)
        for b in better
        for w in worse
        if _key(b.text) != _key(w.text)
    ]


def _ranking(order: Sequence[Mention], lo: int, hi: int, metric: Mention | None) -> list[_Found]:
    """Every name outperforms every name after it."""
    found = []
    for i, better in enumerate(order):
        found.extend(_pairs([better], order[i + 1 :], lo, hi, metric))
    return found


def _lower_better(metric: Mention | None) -> bool:
    return metric is not None and default_lower_is_better(metric.text)


_SPLIT_COMPARATIVES = {"up": "higher_than", "down": "lower_than", "good": "outperform", "bad": "underperform"}


def _comparison_spans(view: _View) -> list[Span]:
    """The triggers, with a comparative split from its 'than' joined to it:
    'a lower Word Error Rate than', 'better Recall@5 than'."""
    spans = []
    for span in view.triggers:
        if span.label_ in _SPLIT_COMPARATIVES and view.lower(span.start) in _COMPARATIVES:
            for j in range(span.end, min(len(view), span.end + 5)):
                if view.lower(j) == "than":
                    spans.append(Span(view.doc, span.start, j + 1, label=_SPLIT_COMPARATIVES[span.label_]))
                    break
                if view.is_system(j) or view.labels[j] is not None:
                    break
        else:
            spans.append(span)
    return spans


def _comparisons(view: _View, figure: _Figure, label: _Label) -> list[_Found]:
    found: list[_Found] = []
    earlier: list[tuple[int, list[Mention]]] = []
    for span in _comparison_spans(view):
        kind = span.label_
        lo, hi = view.clause(span.start, comparison=True)
        if kind in ("outperform", "underperform", "higher_than", "lower_than"):
            if view.negated(span.start, lo):
                continue
            subjects = _subjects(view, span.start, lo, earlier, label)
            first = _nearest_system(view, span.end, hi, 1, _OBJECT_WINDOW)
            implied = False
            if first is not None:
                objects = _names(view, _group(view, first, hi, 1))
            elif _has_word(view, span.end, min(hi, span.end + 3), _ALL_OTHERS):
                objects, implied = _others(figure, subjects), True
            else:
                objects = []
            if not subjects or not objects:
                continue
            earlier.append((span.start, subjects))
            metric = _metric_in(view, lo, hi, figure, label)
            if kind in ("higher_than", "lower_than"):
                if metric is None:
                    continue  # "higher" says nothing until the metric says which way is better
                subject_better = (kind == "higher_than") != _lower_better(metric)
            else:
                subject_better = kind == "outperform"
            better, worse = (subjects, objects) if subject_better else (objects, subjects)
            found.extend(_pairs(better, worse, lo, hi, metric, implied))
        elif kind == "over_noun":
            # "the superiority of A over B", "A's advantage over B"
            over = next((k for k in range(span.end, min(hi, span.end + 6)) if view.lower(k) == "over"), None)
            if over is None or view.negated(span.start, lo):
                continue
            inner = _nearest_system(view, span.end, over, 1, _OBJECT_WINDOW)
            if inner is not None:
                subjects = _names(view, _group(view, inner, over, 1))
            else:
                subjects = _subjects(view, span.start, lo, earlier, label)
            target = _nearest_system(view, over + 1, hi, 1, _OBJECT_WINDOW)
            if not subjects or target is None:
                continue
            earlier.append((span.start, subjects))
            objects = _names(view, _group(view, target, hi, 1))
            found.extend(_pairs(subjects, objects, lo, hi, _metric_in(view, lo, hi, figure, label)))
        elif kind in ("best", "worst", "value_max", "value_min"):
            found.extend(_superlative(view, span, lo, hi, figure, label))
    found.extend(_rank_chains(view, figure, label))
    return found


def _listed_after(view: _View, start: int, hi: int) -> list[int]:
    """Systems listed after a superlative: 'followed by B, C and D' or ', B (~2.2), C'.
    A few words may come first ('the highest accuracy (92%), followed by B')."""
    words, linked = 0, False
    for k in view.walk(start, hi):
        if view.is_system(k):
            return _group(view, k, hi, 1) if linked else []
        if view.labels[k] == "followed_by" or view.lower(k) == ",":
            linked = True
        elif view.mentions[k] is None and view.lower(k) not in _COORDINATORS:
            words += 1
            if linked or words > 3:
                return []
    return []


_GENERIC = Mention("", EntityType.METRIC)  # "the highest score": some metric, not named


def _metric_after(view: _View, start: int, hi: int, figure: _Figure) -> Mention | None:
    """The metric a superlative qualifies, in the words right after it ('the
    highest Recall@5'), or _GENERIC when those words only say 'score'."""
    for seen, k in enumerate(view.walk(start, hi)):
        if seen >= 3:
            break
        m = view.mentions[k]
        if m is not None:
            return m if m.type == EntityType.METRIC else None
        if view.lower(k) in _words("generic_metric_words"):
            return _GENERIC
    return None


def _superlative(view: _View, span: Span, lo: int, hi: int, figure: _Figure, label: _Label) -> list[_Found]:
    """'A performs best' / 'A is highest (~2.5), followed by B, C and D' / 'A leads, B, C'."""
    kind = span.label_
    if view.negated(span.start, lo) or (
        kind == "best" and span.end < len(view) and view.lower(span.end) == "to"
    ):
        return []
    before = _nearest_system(view, span.start - 1, lo - 1, -1, _SUBJECT_WINDOW)
    if before is not None:
        subjects = _group(view, before, lo - 1, -1)
    else:
        after = _nearest_system(view, span.end, hi, 1, 3)  # "the best is A"
        if after is None:
            return []
        subjects = _group(view, after, hi, 1)
    listed = _listed_after(view, max(span.end, subjects[-1] + 1), hi)
    metric = _metric_after(view, span.end, hi, figure)
    if metric is None:
        metric = _metric_in(view, lo, hi, figure, label)
    elif metric is _GENERIC:
        metric = figure.single_metric
    if kind in ("value_max", "value_min"):
        if metric is None and not listed:
            return []  # "highest" of what: without a metric it may be an axis or a count
        descending = (kind == "value_max") != _lower_better(metric)
    else:
        descending = kind == "best"
    if listed:
        order = _names(view, subjects + listed)
        return _ranking(order if descending else order[::-1], lo, hi, metric)
    opposite = {"best": "worst", "worst": "best", "value_max": "value_min", "value_min": "value_max"}[kind]
    if any(view.labels[k] == opposite for k in range(len(view))):
        return []  # "the highest speed but the lowest score": a trade-off, not a winner
    named = _names(view, subjects)
    others = _others(figure, named)
    if descending:
        return _pairs(named, others, lo, hi, metric, implied=True)
    return _pairs(others, named, lo, hi, metric, implied=True)


def _rank_chains(view: _View, figure: _Figure, label: _Label) -> list[_Found]:
    """'A > B > C' (and 'C < B < A'): every earlier name outperforms every later one."""
    chains: list[tuple[str, list[int]]] = []
    for k in range(len(view)):
        kind = view.labels[k]
        if kind not in ("rank_gt", "rank_lt"):
            continue
        left = next(view.walk(k - 1, -1, -1), None)
        right = next(view.walk(k + 1, len(view)), None)
        if left is None or right is None or not (view.is_system(left) and view.is_system(right)):
            continue
        if chains and chains[-1][0] == kind and chains[-1][1][-1] == left:
            chains[-1][1].append(right)
        else:
            chains.append((kind, [left, right]))
    found = []
    everything = (0, len(view))
    metric = _metric_in(view, *everything, figure, label)
    for kind, chain in chains:
        order = _names(view, chain)
        found.extend(_ranking(order if kind == "rank_gt" else order[::-1], *everything, metric))
    return found


# --- trends --------------------------------------------------------------------

_DIRECTION_KINDS = frozenset({"up", "down", "good", "bad"})
_FILLERS = frozenset({"the", "a", "an", "model", "further", "its", "their"})
_EMPHASIS = frozenset({"especially", "particularly", "notably", "even", "mainly", "mostly"})


def _direction(view: _View, k: int, subject: Mention | None) -> int:
    """+1 / -1 for the direction word at token k (improve/degrade read through
    the subject metric's direction), 0 when there is none."""
    kind = view.labels[k]
    if kind == "up":
        return 1
    if kind == "down":
        return -1
    if kind in ("good", "bad") and subject is not None:
        sign = 1 if kind == "good" else -1
        return -sign if _lower_better(subject) else sign
    return 0


@dataclass(frozen=True)
class _ObjectPhrase:
    mention: Mention
    index: int
    direction: int
    lo: int  # the phrase's tokens, which the subject's direction must not come from
    hi: int


def _is_setting(view: _View, k: int) -> bool:
    """'T=0.3', 'd1 = 100': a parameter set to a value, not the axis a trend runs along."""
    return k + 1 < len(view) and view.doc[k + 1].text.startswith("=")


def _modifier_before(view: _View, j: int) -> bool:
    """'especially at lower T': the phrase says where an effect is strongest,
    not what the metric moves with."""
    return j > 0 and view.lower(j - 1) in _EMPHASIS


def _as_phrase(view: _View, k: int, lo: int, hi: int) -> _ObjectPhrase | None:
    """'as P increases', 'when P is reduced', 'as the number of P grows'."""
    conn = None
    for j in range(k - 1, max(lo, k - 4) - 1, -1):
        if view.mentions[j] is not None:
            return None
        if view.labels[j] == "as":
            conn = j
            break
    if conn is None or _modifier_before(view, conn):
        return None
    for seen, j in enumerate(view.walk(k + 1, hi)):
        if seen >= 4 or view.mentions[j] is not None:
            return None
        if view.labels[j] in ("up", "down"):
            return _ObjectPhrase(view.mentions[k], k, _direction(view, j, None), conn, j + 1)
    return None


def _with_phrase(view: _View, k: int, lo: int, hi: int) -> _ObjectPhrase | None:
    """'with increasing P', 'at higher P', 'higher P yields ...', and a bare
    'M rises with P' (P going up)."""
    j = k - 1
    while j >= lo and view.lower(j) in _FILLERS and view.labels[j] not in ("up", "down"):
        j -= 1
    if j >= lo and view.labels[j] in ("up", "down"):
        connected = j - 1 >= lo and view.labels[j - 1] == "with"
        if connected and _modifier_before(view, j - 1):
            return None
        if connected or _causal_after(view, k, hi):
            return _ObjectPhrase(view.mentions[k], k, _direction(view, j, None), max(lo, j - 1), k + 1)
        return None
    if j >= lo and view.lower(j) in ("with", "along"):
        return _ObjectPhrase(view.mentions[k], k, 1, j, k + 1)
    return None


def _causal_after(view: _View, k: int, hi: int) -> bool:
    """A causal verb within three words after token k ('... often correspond to')."""
    for seen, j in enumerate(view.walk(k + 1, hi)):
        if seen >= 3 or view.mentions[j] is not None:
            return False
        if view.labels[j] == "causal":
            return True
    return False


def _object_phrases(view: _View, lo: int, hi: int) -> list[_ObjectPhrase]:
    phrases = []
    for k in range(lo, hi):
        if view.of_type(k, TREND_OBJECT_TYPES) and not _is_setting(view, k):
            phrase = _as_phrase(view, k, lo, hi) or _with_phrase(view, k, lo, hi)
            if phrase is not None:
                phrases.append(phrase)
    return phrases


def _moves(view: _View, k: int, lo: int, hi: int, phrase: _ObjectPhrase, subject: Mention) -> int:
    """The direction of the name at token k: a direction word shortly after it
    ('Throughput (TPS) decreases', 'accuracy generally improves') or just before
    it ('lower task scores', 'increasing NDCG@10'), outside the object phrase."""

    def outside(j: int) -> bool:
        return not (phrase.lo <= j < phrase.hi)

    for seen, j in enumerate(view.walk(k + 1, hi)):
        if seen >= _SUBJECT_WINDOW or view.mentions[j] is not None or not outside(j):
            break
        d = _direction(view, j, subject)
        if d:
            return d
    for j in range(k - 1, max(lo, k - 3) - 1, -1):
        if not outside(j) or view.mentions[j] is not None:
            break
        d = _direction(view, j, subject)
        if d:
            return d
        if view.lower(j) not in _FILLERS:
            break
    return 0


def _trend_subject(
    view: _View, lo: int, hi: int, phrase: _ObjectPhrase, figure: _Figure
) -> tuple[Mention, int] | None:
    """The metric that moves, and which way: the metric mention nearest the
    object phrase that moves; else 'performance', a system or a line that
    moves, read as the figure's only metric."""
    best: tuple[int, Mention, int] | None = None  # (distance, metric, direction)
    for k in range(lo, hi):
        m = view.mentions[k]
        if m is None or m.type != EntityType.METRIC or phrase.lo <= k < phrase.hi:
            continue
        if _key(m.text) == _key(phrase.mention.text):
            continue
        d = _moves(view, k, lo, hi, phrase, m)
        if d and (best is None or abs(k - phrase.index) < best[0]):
            best = (abs(k - phrase.index), m, d)
    if best is not None:
        return best[1], best[2]
    stand_in = figure.single_metric
    if stand_in is None or _key(stand_in.text) == _key(phrase.mention.text):
        return None
    stand_in_words = _words("generic_metric_words") | _words("series_words")
    for k in range(lo, hi):
        if phrase.lo <= k < phrase.hi:
            continue
        if (view.mentions[k] is None and view.lower(k) in stand_in_words) or view.is_system(k):
            d = _moves(view, k, lo, hi, phrase, stand_in)
            if d:
                return stand_in, d
    return None


def _trends(view: _View, figure: _Figure, section: str) -> list[_Found]:
    found = []
    clauses = []
    for span in view.triggers:
        lo, hi = view.clause(span.start, comparison=False)
        if span.label_ in ("rel_pos", "rel_neg", "tradeoff", "peak", "plateau"):
            if not view.negated(span.start, lo):
                found.extend(_relation_nouns(view, span, lo, hi, figure))
        elif span.label_ in _DIRECTION_KINDS and (lo, hi) not in clauses:
            clauses.append((lo, hi))
    for lo, hi in clauses:
        if any(view.labels[k] == "negation" for k in range(lo, hi)):
            continue  # "no downward trend", "no longer improves"
        before = len(found)
        for phrase in _object_phrases(view, lo, hi):
            subject = _trend_subject(view, lo, hi, phrase, figure)
            if subject is not None:
                metric, direction = subject
                relation = INCREASES_WITH if direction == phrase.direction else DECREASES_WITH
                found.append(_Found(metric, relation, phrase.mention, lo, hi))
        if len(found) == before and section != "axes":
            found.extend(_series_moves(view, lo, hi, figure))
    return found


# A sentence that turns ("rises, then falls"), compares ("faster than") or
# describes the axes ("the scale increases") is no line moving one way.
_NOT_ONE_MOVE = frozenset(
    {
        "then",
        "but",
        "followed",
        "before",
        "after",
        "until",
        "while",
        "whereas",
        "although",
        "except",
        "than",
        "axis",
        "x-axis",
        "y-axis",
        "scale",
        "ticks",
        "increments",
        "legend",
    }
)


def _series_moves(view: _View, lo: int, hi: int, figure: _Figure) -> list[_Found]:
    """'Gemini (blue): Starts at 40 and increases to 50', 'All lines exhibit a
    steady increase': a line moving one way along the x-axis, read as the
    figure's only metric along its only parameter. Nothing but a system or a
    line may come before the movement, and the sentence may not turn."""
    metric, parameter = figure.single_metric, figure.single_parameter
    if metric is None or parameter is None or _has_word(view, 0, len(view), _NOT_ONE_MOVE):
        return []
    if any(view.labels[k] in _COMPARISON_KINDS for k in range(len(view))):
        return []
    moves = [
        k for k in range(lo, hi) if view.labels[k] in ("up", "down") and view.lower(k) not in _COMPARATIVES
    ]
    if not moves or len({view.labels[k] for k in moves}) != 1:
        return []
    if any(view.mentions[k] is not None and not view.is_system(k) for k in range(lo, moves[0])):
        return []
    relation = INCREASES_WITH if view.labels[moves[0]] == "up" else DECREASES_WITH
    return [_Found(metric, relation, parameter, lo, hi)]


def _relation_nouns(view: _View, span: Span, lo: int, hi: int, figure: _Figure) -> list[_Found]:
    """'trade-off between M1 and M2', 'inverse relationship between M and P',
    'M plateaus ... P', 'M peaks at P = 15'."""
    kind = span.label_
    metrics = _distinct(view, lo, hi, {EntityType.METRIC})
    if kind == "tradeoff":
        after = _distinct(view, span.end, hi, {EntityType.METRIC})
        pair = after if len(after) >= 2 else metrics
        return [_Found(pair[0], TRADE_OFF_WITH, pair[1], lo, hi)] if len(pair) >= 2 else []
    if kind in ("rel_pos", "rel_neg"):
        names = _distinct(view, lo, hi, TREND_OBJECT_TYPES)
        if len(names) != 2 or all(m.type == EntityType.PARAMETER for m in names):
            return []
        subject, obj = names if names[0].type == EntityType.METRIC else names[::-1]
        return [_Found(subject, INCREASES_WITH if kind == "rel_pos" else DECREASES_WITH, obj, lo, hi)]
    parameters = [
        view.mentions[k]
        for k in range(len(view))
        if view.of_type(k, {EntityType.PARAMETER}) and not _is_setting(view, k)
    ]
    if len({_key(p.text) for p in parameters}) != 1:
        return []
    subject = metrics[0] if len(metrics) == 1 else (figure.single_metric if not metrics else None)
    if subject is None:
        return []
    return [_Found(subject, PEAKS_AT if kind == "peak" else PLATEAUS_WITH, parameters[0], lo, hi)]


def _peak_by_superlative(view: _View) -> list[_Found]:
    """'The highest accuracy (28.1) occurs at a compression-rate of 15': a metric's
    maximum placed at a parameter value, with no system in the clause."""
    found = []
    for span in view.triggers:
        if span.label_ != "value_max":
            continue
        lo, hi = view.clause(span.start, comparison=True)
        if any(view.is_system(k) for k in range(lo, hi)):
            continue
        metrics = _distinct(view, span.end, hi, {EntityType.METRIC})
        at = next((k for k in range(span.end, hi) if view.lower(k) == "at"), None)
        parameters = _distinct(view, at, hi, {EntityType.PARAMETER}) if at is not None else []
        if len(metrics) == 1 and len(parameters) == 1:
            found.append(_Found(metrics[0], PEAKS_AT, parameters[0], lo, hi))
    return found


# --- the stage ----------------------------------------------------------------


def _label_of(view: _View) -> _Label | None:
    """Mentions before a colon that opens the sentence ('HotpotQA: ...')."""
    colon = next((k for k in range(min(len(view), 10)) if view.doc[k].text == ":"), None)
    if colon is None:
        return None

    def one(types) -> Mention | None:
        found = _distinct(view, 0, colon, types)
        return found[0] if len(found) == 1 else None

    label = _Label(
        metric=one({EntityType.METRIC}),
        dataset=one({EntityType.DATASET}),
        model=one({EntityType.MODEL}),
        system=one(SYSTEM_TYPES),
    )
    return label if any((label.metric, label.dataset, label.model, label.system)) else None


def _to_claim(found: _Found, view: _View, sentence: Sentence, label: _Label) -> Claim:
    used = [found.subject, found.object]
    metric = found.metric.text if found.metric is not None and found.relation == OUTPERFORMS else None
    model = None
    if found.relation != OUTPERFORMS or found.subject.type == EntityType.METHOD:
        model = _context(view, EntityType.MODEL, used, label.model)
    return Claim(
        subject=found.subject.text,
        relation=found.relation,
        object=found.object.text,
        origin=ClaimOrigin.TEXT,
        evidence=sentence.text,
        line=sentence.line,
        metric=metric,
        dataset=_context(view, EntityType.DATASET, used, label.dataset),
        model=model,
        hedge=_hedge(view, found.lo, found.hi),
        note=IMPLIED_NOTE if found.implied else None,
    )


def extract_stated_claims(
    sentences: Sequence[Sentence], mentions: Sequence[Mention], aliases: Sequence[tuple[str, str]] = ()
) -> list[Claim]:
    """Every claim the sentences state about the mentions, in reading order, once each.

    `aliases` are (other name, mention text) pairs the figure itself equates
    ('tokens' for the x-axis 'num. tokens at the target'): found in a sentence,
    they stand for that mention."""
    forms = _forms(mentions) + _alias_forms(mentions, aliases)
    figure = _Figure(
        systems=tuple(m for m in mentions if m.type in SYSTEM_TYPES),
        metrics=tuple(m for m in mentions if m.type == EntityType.METRIC),
        parameters=tuple(m for m in mentions if m.type == EntityType.PARAMETER),
    )
    claims: dict[tuple, Claim] = {}
    labels: dict[int, _Label] = {}
    # Without a mention a sentence can only be a line moving along the only parameter.
    lines_may_move = figure.single_metric is not None and figure.single_parameter is not None
    for sentence in sentences:
        found_mentions = _find(sentence.text, forms)
        if not found_mentions and not lines_may_move:
            continue
        view = _view(sentence.text, found_mentions)
        own = _label_of(view)
        if own is not None:
            labels.setdefault(sentence.line, own)
        label = own or labels.get(sentence.line) or _Label()
        found = (
            _comparisons(view, figure, label)
            # under 'Block Efficiency: ...' the lines that move are that metric's
            + _trends(
                view, replace(figure, metrics=(label.metric,)) if label.metric else figure, sentence.section
            )
            + _peak_by_superlative(view)
        )
        for item in found:
            claim = _to_claim(item, view, sentence, label)
            key = (claim.subject, claim.relation, claim.object, claim.metric, claim.dataset, claim.model)
            claims.setdefault(key, claim)
    return list(claims.values())
