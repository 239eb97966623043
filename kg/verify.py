"""Claims checked against the figure's own numbers, and claims the numbers alone show.

verify(extraction) -> the same extraction whose `claims` are
  1. every stated claim (origin Text) with a verdict, the observations that
     support it and, when contradicted, those that refute it (indexes into
     `extraction.observations`); the tally goes in the note;
  2. claims derived from the numbers (origin Data, no evidence, Supported):
     - outperforms(A, B) per metric, when A and B share at least two settings
       and A is at or above B at every one of them and strictly above at one;
     - increasesWith / decreasesWith(metric, parameter), when every series of
       the metric along the parameter moves one way (ties allowed, one strict
       step each) and one series has three points at least.

A *setting* is what an observation was measured at besides its system:
(metric, dataset, model, conditions). Two systems are compared setting by
setting; a *series* is the observations of one system/model/dataset/metric
with the same other conditions, ordered along one parameter.

Verdict rules (hedges as kg/data/claims_hedges.json classes them):
- outperforms: no shared setting -> Unverifiable. Never worse -> Supported
  (Contradicted when only ties). Worse somewhere -> Contradicted when never
  better or when a universal hedge ("consistently") promises every setting;
  otherwise the majority of the settings that differ decides.
- increasesWith / decreasesWith along a parameter: no series with two points ->
  Unverifiable; the majority of series whose endpoints move the claimed way
  decides. Between two metrics: Spearman's rank correlation over the systems'
  paired values (three pairs at least) decides by its sign.
- peaksAt / plateausWith / tradeOffWith: checked on the series shape / the
  correlation sign where the numbers allow, else Unverifiable.

A stated claim whose object (or subject) was only implied ("A performs best",
"A outperforms all others") and names no system of the figure's observations
is dropped: the mention was a component or a family name, not a competitor.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from kg.lexicon import lower_is_better_by_name, norm
from kg.model import Claim, ClaimOrigin, Condition, FigureExtraction, Observation, Verdict

DATA_DIR = Path(__file__).resolve().parent / "data"

# Claim.note of a stated claim whose other side was implied, not named.
IMPLIED_NOTE = "implied: the other side is every other system of the figure"

OUTPERFORMS = "outperforms"
INCREASES_WITH = "increasesWith"
DECREASES_WITH = "decreasesWith"
PEAKS_AT = "peaksAt"
PLATEAUS_WITH = "plateausWith"
TRADE_OFF_WITH = "tradeOffWith"

_NO_CONTEXT = "the numbers have nothing under the claim's names"
# Values closer than this (relative) are a tie: the descriptions round to 0.1.
_TIE = 1e-9
# A plateau: the second half of a series moves less than this share of the first half.
_PLATEAU_SHARE = 0.5


@cache
def claim_data(name: str) -> dict:
    """One of kg/data/claims_*.json, read once."""
    return json.loads((DATA_DIR / f"claims_{name}.json").read_text(encoding="utf-8"))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def default_lower_is_better(metric: str) -> bool:
    """True when a metric's name says lower is better (a loss, an error, a latency...)."""
    return lower_is_better_by_name(metric)


def hedge_kind(hedge: str | None) -> str:
    """'universal', 'frequency', 'other' or 'none'."""
    if not hedge:
        return "none"
    key = hedge.lower().strip()
    for kind in ("universal", "frequency", "other"):
        if key in claim_data("hedges")[kind]:
            return kind
    return "other"


# --- matching names between claims and observations --------------------------


def _strip_parenthetical(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip() or text


def _without_count_word(text: str) -> str:
    """'#Sampled Paths', 'num. paths', 'number of paths' -> 'paths'."""
    return re.sub(r"^\s*(?:#|num\.?\s|no\.\s|number\s+of\s)\s*", "", text, flags=re.IGNORECASE)


def _variant_keys(text: str) -> set[str]:
    bare = _strip_parenthetical(text)
    return {norm(bare), norm(_without_count_word(bare))} - {""}


def _word_run(text: str) -> tuple[str, ...]:
    return tuple(_words(_without_count_word(text)))


def _contains_run(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return 0 < n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _resolve(name: str | None, candidates: Iterable[str | None], how: str = "name") -> set[str | None]:
    """The candidate names that denote `name`. Always those with an equal key
    (the gold key: NFKC, lower case, no spaces, '-', '_', '.'). Failing that,
    for how="measure" (metrics, parameters) the one candidate equal without a
    parenthetical or a count word ('Accuracy (%)', '#Paths' / 'number of
    paths'); and for "measure" and "name" the one candidate whose words contain
    its words or are contained in them ('KV' / 'KV Budget', 'Heuristic' /
    'ReAct + Reflexion (Heuristic)'). how="exact" stops after equal keys.
    Empty when nothing fits, or when several would."""
    if name is None:
        return set()
    names = {c for c in candidates if c is not None}
    key = norm(name)
    equal = {c for c in names if norm(c) == key}
    if equal or how == "exact":
        return equal
    if how == "measure":
        keys = _variant_keys(name)
        similar = {c for c in names if _variant_keys(c) & keys}
        if similar:
            return similar if len(similar) == 1 else set()
    run = _word_run(name)
    contained = {c for c in names if _contains_run(_word_run(c), run) or _contains_run(run, _word_run(c))}
    return contained if len(contained) == 1 else set()


# --- settings and series -----------------------------------------------------


def _conditions_key(conditions: Sequence[Condition], leave_out: str | None = None) -> tuple:
    return tuple(sorted((c.parameter, c.value) for c in conditions if c.parameter != leave_out))


def _setting(obs: Observation) -> tuple:
    return (obs.metric, obs.dataset, obs.model, _conditions_key(obs.conditions))


def _in_context(extraction: FigureExtraction, claim: Claim) -> list[int] | None:
    """Indexes of observations inside the claim's metric/dataset/model context
    (a context model may be the observation's model or its system), or None
    when the numbers have nothing under a context name the claim gives. A
    metric name is let pass when the numbers carry a single metric anyway."""
    observations = extraction.observations
    chosen = list(range(len(observations)))
    fields = {"metric": ("metric",), "dataset": ("dataset",), "model": ("model", "system")}
    for context, value in (("metric", claim.metric), ("dataset", claim.dataset), ("model", claim.model)):
        if value is None:
            continue
        names = [getattr(observations[i], f) for i in chosen for f in fields[context]]
        fits = _resolve(value, names, "measure" if context == "metric" else "name")
        if fits:
            chosen = [i for i in chosen if any(getattr(observations[i], f) in fits for f in fields[context])]
        elif not (context == "metric" and len(set(names)) <= 1):
            return None
    return chosen


def _series_of(extraction: FigureExtraction, indexes: Sequence[int], name: str) -> dict[tuple, int]:
    """setting -> index of the named system's first observation there.

    A name that is a method joined to the model it ran on ('LLM2Vec-7B (w/
    SMEC)' for system SMEC on model LLM2Vec-7B) stands for that pair; its
    settings leave the model out, so that it meets the bare model's line."""
    observations = extraction.observations
    names = _resolve(name, (observations[i].system for i in indexes))
    found: dict[tuple, int] = {}
    if names:
        for i in indexes:
            if observations[i].system in names:
                found.setdefault(_setting(observations[i]), i)
        return found
    run = _word_run(name)
    for i in indexes:
        obs = observations[i]
        if not (obs.system and obs.model):
            continue
        if _contains_run(run, _word_run(obs.system)) and _contains_run(run, _word_run(obs.model)):
            found.setdefault((obs.metric, obs.dataset, None, _conditions_key(obs.conditions)), i)
    return found


def _better(a: float, b: float, lower_better: bool) -> int:
    """+1 when a is better than b, -1 when worse, 0 for a tie."""
    if abs(a - b) <= _TIE * max(abs(a), abs(b), 1.0):
        return 0
    return (1 if a > b else -1) * (-1 if lower_better else 1)


@dataclass(frozen=True)
class _Comparison:
    wins: tuple[tuple[int, int], ...]  # (index of A's observation, index of B's)
    losses: tuple[tuple[int, int], ...]
    ties: tuple[tuple[int, int], ...]


def _compare(
    extraction: FigureExtraction,
    indexes: Sequence[int],
    a: str,
    b: str,
    lower_is_better: Callable[[str], bool],
) -> _Comparison:
    of_a = _series_of(extraction, indexes, a)
    of_b = _series_of(extraction, indexes, b)
    if set(of_a.values()) & set(of_b.values()):
        return _Comparison((), (), ())  # two names for one series: nothing to compare
    wins, losses, ties = [], [], []
    for setting in sorted(of_a.keys() & of_b.keys(), key=repr):
        i, j = of_a[setting], of_b[setting]
        metric = extraction.observations[i].metric or ""
        outcome = _better(
            extraction.observations[i].value, extraction.observations[j].value, lower_is_better(metric)
        )
        (wins if outcome > 0 else losses if outcome < 0 else ties).append((i, j))
    return _Comparison(tuple(wins), tuple(losses), tuple(ties))


def _flat(pairs: Iterable[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sorted({i for pair in pairs for i in pair}))


@dataclass(frozen=True)
class _Series:
    key: tuple  # (system, model, dataset, metric, other conditions)
    points: tuple[tuple[float, float, int], ...]  # (parameter value, value, observation index), by parameter

    @property
    def steps(self) -> list[float]:
        return [b[1] - a[1] for a, b in zip(self.points, self.points[1:])]

    @property
    def indexes(self) -> tuple[int, ...]:
        return tuple(p[2] for p in self.points)


def _series_along(
    extraction: FigureExtraction, indexes: Iterable[int], metrics: set[str | None], parameter: str
) -> list[_Series]:
    """Series of the given metrics along one parameter, with two points at least."""
    grouped: dict[tuple, dict[float, tuple[float, int]]] = defaultdict(dict)
    for i in indexes:
        obs = extraction.observations[i]
        if obs.metric not in metrics:
            continue
        at = [c.value for c in obs.conditions if c.parameter == parameter]
        if not at:
            continue
        key = (obs.system, obs.model, obs.dataset, obs.metric, _conditions_key(obs.conditions, parameter))
        grouped[key].setdefault(at[0], (obs.value, i))
    series = []
    for key, points in grouped.items():
        if len(points) >= 2:
            ordered = tuple((x, v, i) for x, (v, i) in sorted(points.items()))
            series.append(_Series(key, ordered))
    return sorted(series, key=lambda s: repr(s.key))


def _direction(steps: Sequence[float]) -> int:
    """+1 / -1 when every step goes that way or is flat (one strict step at least), else 0."""
    ups = sum(1 for s in steps if s > _TIE)
    downs = sum(1 for s in steps if s < -_TIE)
    if ups and not downs:
        return 1
    if downs and not ups:
        return -1
    return 0


def _sign(x: float) -> int:
    return 0 if abs(x) <= _TIE else (1 if x > 0 else -1)


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation (ties get average ranks); 0.0 when undefined."""
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(rx)
    if n < 2:
        return 0.0
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0


def _paired(extraction: FigureExtraction, indexes: Sequence[int], m1: set, m2: set) -> list[tuple[int, int]]:
    """Observation index pairs of two metrics measured at the same system and setting."""
    first: dict[tuple, int] = {}
    second: dict[tuple, int] = {}
    for i in indexes:
        obs = extraction.observations[i]
        key = (obs.system, obs.model, obs.dataset, _conditions_key(obs.conditions))
        if obs.metric in m1:
            first.setdefault(key, i)
        elif obs.metric in m2:
            second.setdefault(key, i)
    return [(first[k], second[k]) for k in sorted(first.keys() & second.keys(), key=repr)]


# --- checking one stated claim -----------------------------------------------


def _verdict(claim: Claim, verdict: Verdict, note: str, support=(), refute=()) -> Claim:
    # Only a contradicted claim is refuted: the exceptions a hedged claim
    # allows ('generally improves') stay in the note, not in refutedBy.
    return replace(
        claim,
        verdict=verdict,
        supported_by=tuple(sorted(set(support))),
        refuted_by=tuple(sorted(set(refute))) if verdict == Verdict.CONTRADICTED else (),
        note=note if claim.note is None else f"{claim.note}; {note}",
    )


def _quality_only(extraction: FigureExtraction, indexes: list[int]) -> list[int]:
    """An unqualified 'A outperforms B' speaks of the figure's quality metrics, not of
    its costs ('Peak GPU Memory', 'latency') when the figure plots both."""
    resource = set(claim_data("metrics")["resource_words"])
    metrics = {extraction.observations[i].metric for i in indexes}
    quality = {m for m in metrics if m and not resource & set(_words(m))}
    if quality and len(quality) < len(metrics):
        return [i for i in indexes if extraction.observations[i].metric in quality]
    return indexes


def _check_outperforms(extraction: FigureExtraction, claim: Claim, lower_is_better) -> Claim:
    indexes = _in_context(extraction, claim)
    if claim.object is None or indexes is None:
        return _verdict(claim, Verdict.UNVERIFIABLE, _NO_CONTEXT)
    if claim.metric is None:
        indexes = _quality_only(extraction, indexes)
    result = _compare(extraction, indexes, claim.subject, claim.object, lower_is_better)
    wins, losses, ties = result.wins, result.losses, result.ties
    shared = len(wins) + len(losses) + len(ties)
    if not shared:
        return _verdict(claim, Verdict.UNVERIFIABLE, "no setting where both were measured")
    tally = f"better at {len(wins)}, worse at {len(losses)}, equal at {len(ties)} of {shared} shared settings"
    if not losses:
        if wins:
            return _verdict(claim, Verdict.SUPPORTED, tally, support=_flat(wins + ties))
        return _verdict(claim, Verdict.CONTRADICTED, tally, refute=_flat(ties))
    if not wins or hedge_kind(claim.hedge) == "universal":
        return _verdict(claim, Verdict.CONTRADICTED, tally, support=_flat(wins), refute=_flat(losses))
    verdict = Verdict.SUPPORTED if len(wins) > len(losses) else Verdict.CONTRADICTED
    return _verdict(claim, verdict, tally, support=_flat(wins), refute=_flat(losses))


def _metric_names(extraction: FigureExtraction, indexes: Sequence[int], metric: str) -> set[str | None]:
    names = [extraction.observations[i].metric for i in indexes]
    found = _resolve(metric, names, "measure")
    if not found and len(set(names)) == 1:
        # The numbers carry one metric (or none named): it is the one the text means.
        found = set(names)
    return found


def _parameter_name(extraction: FigureExtraction, indexes: Sequence[int], parameter: str) -> str | None:
    names = {c.parameter for i in indexes for c in extraction.observations[i].conditions}
    found = _resolve(parameter, names, "measure")
    return next(iter(found)) if len(found) == 1 else None


def _check_correlation(extraction, claim, indexes, m1, m2, want: int, lower_is_better) -> Claim:
    """Sign of Spearman's rho between two metrics; `want` +1 / -1 in value terms,
    or 0 for a trade-off (one gets better as the other gets worse)."""
    pairs = _paired(extraction, indexes, m1, m2)
    if len(pairs) < 3:
        return _verdict(claim, Verdict.UNVERIFIABLE, "fewer than 3 paired values of the two metrics")
    xs = [extraction.observations[i].value for i, _ in pairs]
    ys = [extraction.observations[j].value for _, j in pairs]
    rho = spearman(xs, ys)
    if want == 0:
        first = extraction.observations[pairs[0][0]].metric or ""
        second = extraction.observations[pairs[0][1]].metric or ""
        flips = lower_is_better(first) != lower_is_better(second)
        want = 1 if flips else -1
    note = f"Spearman rho {rho:+.2f} over {len(pairs)} pairs"
    indexes_used = _flat(pairs)
    if _sign(rho) == want:
        return _verdict(claim, Verdict.SUPPORTED, note, support=indexes_used)
    return _verdict(claim, Verdict.CONTRADICTED, note, refute=indexes_used)


def _check_trend(extraction: FigureExtraction, claim: Claim, lower_is_better) -> Claim:
    indexes = _in_context(extraction, claim)
    if indexes is None:
        return _verdict(claim, Verdict.UNVERIFIABLE, _NO_CONTEXT)
    want = 1 if claim.relation == INCREASES_WITH else -1
    metrics = _metric_names(extraction, indexes, claim.subject)
    if not metrics or claim.object is None:
        return _verdict(claim, Verdict.UNVERIFIABLE, "the metric has no observation")
    parameter = _parameter_name(extraction, indexes, claim.object)
    if parameter is None:
        other = _resolve(claim.object, (extraction.observations[i].metric for i in indexes), "measure")
        if other and not (other & metrics):
            return _check_correlation(extraction, claim, indexes, metrics, other, want, lower_is_better)
        return _verdict(claim, Verdict.UNVERIFIABLE, "the object is no condition of the observations")
    series = _series_along(extraction, indexes, metrics, parameter)
    if not series:
        return _verdict(claim, Verdict.UNVERIFIABLE, "no series with two points along the parameter")
    with_claim = [s for s in series if _sign(s.points[-1][1] - s.points[0][1]) == want]
    monotone = sum(1 for s in series if _direction(s.steps) == want)
    note = f"{len(with_claim)} of {len(series)} series end the claimed way, {monotone} move it at every step"
    support = [i for s in with_claim for i in s.indexes]
    refute = [i for s in series if s not in with_claim for i in s.indexes]
    if len(with_claim) * 2 > len(series):
        return _verdict(claim, Verdict.SUPPORTED, note, support=support)
    return _verdict(claim, Verdict.CONTRADICTED, note, support=support, refute=refute)


def _check_shape(extraction: FigureExtraction, claim: Claim) -> Claim:
    """peaksAt: the highest value lies strictly inside the series; plateausWith:
    the second half moves less than half as much as the first half."""
    indexes = _in_context(extraction, claim)
    if indexes is None:
        return _verdict(claim, Verdict.UNVERIFIABLE, _NO_CONTEXT)
    metrics = _metric_names(extraction, indexes, claim.subject)
    parameter = _parameter_name(extraction, indexes, claim.object) if claim.object else None
    if not metrics or parameter is None:
        return _verdict(claim, Verdict.UNVERIFIABLE, "no series of the metric along the parameter")
    series = [s for s in _series_along(extraction, indexes, metrics, parameter) if len(s.points) >= 3]
    if not series:
        return _verdict(claim, Verdict.UNVERIFIABLE, "no series with three points along the parameter")

    def holds(s: _Series) -> bool:
        values = [p[1] for p in s.points]
        if claim.relation == PEAKS_AT:
            top = max(values)
            return values[0] < top and values[-1] < top
        middle = len(values) // 2
        first, second = abs(values[middle] - values[0]), abs(values[-1] - values[middle])
        return first > _TIE and second < _PLATEAU_SHARE * first

    good = [s for s in series if holds(s)]
    note = f"{len(good)} of {len(series)} series have that shape"
    support = [i for s in good for i in s.indexes]
    refute = [i for s in series if s not in good for i in s.indexes]
    verdict = Verdict.SUPPORTED if len(good) * 2 > len(series) else Verdict.CONTRADICTED
    return _verdict(claim, verdict, note, support=support, refute=refute)


def _check_trade_off(extraction: FigureExtraction, claim: Claim, lower_is_better) -> Claim:
    indexes = _in_context(extraction, claim)
    if indexes is None:
        return _verdict(claim, Verdict.UNVERIFIABLE, _NO_CONTEXT)
    first = _metric_names(extraction, indexes, claim.subject)
    second = _resolve(claim.object, (extraction.observations[i].metric for i in indexes), "measure")
    if not first or not second or first & second:
        return _verdict(claim, Verdict.UNVERIFIABLE, "the two metrics are not both measured")
    return _check_correlation(extraction, claim, indexes, first, second, 0, lower_is_better)


def check_claim(extraction: FigureExtraction, claim: Claim, lower_is_better: Callable[[str], bool]) -> Claim:
    """The claim with its verdict, support and refutation."""
    if claim.relation == OUTPERFORMS:
        return _check_outperforms(extraction, claim, lower_is_better)
    if claim.relation in (INCREASES_WITH, DECREASES_WITH):
        return _check_trend(extraction, claim, lower_is_better)
    if claim.relation in (PEAKS_AT, PLATEAUS_WITH):
        return _check_shape(extraction, claim)
    if claim.relation == TRADE_OFF_WITH:
        return _check_trade_off(extraction, claim, lower_is_better)
    return _verdict(claim, Verdict.UNVERIFIABLE, f"no check for {claim.relation}")


# --- claims from the numbers alone -------------------------------------------


def _single(values: Iterable[str | None]) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def derive_outperforms(extraction: FigureExtraction, lower_is_better: Callable[[str], bool]) -> list[Claim]:
    """outperforms(A, B) per metric where A is never worse and once better over
    at least two shared settings. A chart with one value per system and metric
    shares at most one setting per pair, so it yields nothing here."""
    observations = extraction.observations
    by_metric: dict[str | None, list[int]] = defaultdict(list)
    for i, obs in enumerate(observations):
        if obs.system is not None:
            by_metric[obs.metric].append(i)
    claims = []
    quality = set(_quality_only(extraction, [i for group in by_metric.values() for i in group]))
    for metric in sorted(by_metric, key=lambda m: (m is None, m or "")):
        indexes = [i for i in by_metric[metric] if i in quality]  # costs (memory, latency) rank no one
        systems = list(dict.fromkeys(observations[i].system for i in indexes))
        for a in systems:
            for b in systems:
                if a == b:
                    continue
                result = _compare(extraction, indexes, a, b, lower_is_better)
                shared = result.wins + result.ties
                if result.losses or not result.wins or len(shared) < 2:
                    continue
                claims.append(
                    Claim(
                        subject=a,
                        relation=OUTPERFORMS,
                        object=b,
                        origin=ClaimOrigin.DATA,
                        metric=metric,
                        dataset=_single(observations[i].dataset for i, _ in shared),
                        model=_single(observations[i].model for i, _ in shared),
                        verdict=Verdict.SUPPORTED,
                        supported_by=_flat(shared),
                        note=f"better at {len(result.wins)}, equal at {len(result.ties)} shared settings",
                    )
                )
    return claims


def derive_trends(extraction: FigureExtraction) -> list[Claim]:
    """metric increasesWith / decreasesWith parameter where every series agrees."""
    observations = extraction.observations
    metrics = sorted({o.metric for o in observations if o.metric is not None})
    parameters = sorted({c.parameter for o in observations for c in o.conditions})
    everything = range(len(observations))
    claims = []
    for metric in metrics:
        for parameter in parameters:
            series = _series_along(extraction, everything, {metric}, parameter)
            if not series or max(len(s.points) for s in series) < 3:
                continue
            directions = {_direction(s.steps) for s in series}
            if len(directions) != 1 or 0 in directions:
                continue
            claims.append(
                Claim(
                    subject=metric,
                    relation=INCREASES_WITH if directions.pop() > 0 else DECREASES_WITH,
                    object=parameter,
                    origin=ClaimOrigin.DATA,
                    dataset=_single(s.key[2] for s in series),
                    model=_single(s.key[1] for s in series),
                    verdict=Verdict.SUPPORTED,
                    supported_by=tuple(sorted(i for s in series for i in s.indexes)),
                    note=f"every one of {len(series)} series moves this way",
                )
            )
    return claims


def _names_a_system(extraction: FigureExtraction, claim: Claim) -> bool:
    systems = [o.system for o in extraction.observations]
    return all(_resolve(name, systems, "exact") for name in (claim.subject, claim.object))


def verify(
    extraction: FigureExtraction, lower_is_better: Callable[[str], bool] | None = None
) -> FigureExtraction:
    """Check every stated claim against the numbers and add the claims the numbers show."""
    lower_is_better = lower_is_better or default_lower_is_better
    has_systems = any(o.system is not None for o in extraction.observations)
    checked = []
    for claim in extraction.claims:
        if claim.origin is not ClaimOrigin.TEXT:
            continue  # derived again below, from the same numbers
        if claim.note == IMPLIED_NOTE and has_systems and not _names_a_system(extraction, claim):
            continue
        checked.append(check_claim(extraction, claim, lower_is_better))
    derived = derive_outperforms(extraction, lower_is_better) + derive_trends(extraction)
    return replace(extraction, claims=tuple(checked + derived))
