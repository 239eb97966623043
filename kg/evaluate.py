"""Score a built graph against gold annotations (docs/gold-format.md).

The graph is read through the contract's terms only, as a user's SPARQL
would: entities by type, rdfs:label, skos:altLabel and ckg:appearsIn;
observations by ckg:value, ckg:metric, ckg:system, ckg:dataset and
ckg:condition; claims by rdf:subject/predicate/object and ckg:verdict.
Scores are micro-averaged over documents.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import InputError
from kg.lexicon import norm
from kg.vocab import CKG

SCORED_RELATIONS = ("outperforms", "increasesWith", "decreasesWith")
ENTITY_TYPES = ("Model", "Method", "Dataset", "Metric", "Parameter")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)


CATEGORIES = (
    "entities",
    "entities_typed",
    "observations_loose",
    "observations_strict",
    "relations",
    "contradictions",
)


@dataclass
class Report:
    scores: dict[str, Score]
    documents: list[str]
    per_document: dict[str, dict[str, Score]]
    without_gold: list[str]
    problems: list[str] = field(default_factory=list)  # inputs left out or without data


# --- the graph, per document -----------------------------------------------------


@dataclass(frozen=True)
class _Entity:
    forms: frozenset[str]
    type: str
    label: str


@dataclass(frozen=True)
class _Observation:
    value: float
    conditions: tuple[float, ...]
    metric: frozenset[str]
    system: frozenset[str]
    dataset: frozenset[str]
    text: str


@dataclass(frozen=True)
class _Relation:
    relation: str
    subject: frozenset[str]
    object: frozenset[str]
    label: str


@dataclass
class _DocView:
    entities: list[_Entity] = field(default_factory=list)
    observations: list[_Observation] = field(default_factory=list)
    relations: list[_Relation] = field(default_factory=list)
    contradicted: list[_Relation] = field(default_factory=list)


def _forms(graph: Graph, node: URIRef | None) -> frozenset[str]:
    if node is None:
        return frozenset()
    labels = [graph.value(node, RDFS.label), *graph.objects(node, SKOS.altLabel)]
    return frozenset(norm(str(label)) for label in labels if label is not None)


def read_graph(graph: Graph) -> dict[str, _DocView]:
    views: dict[str, _DocView] = defaultdict(_DocView)
    figure_file = {fig: str(graph.value(fig, CKG.sourceFile)) for fig in graph.subjects(RDF.type, CKG.Figure)}
    types = {CKG[t]: t for t in ENTITY_TYPES}
    for cls, type_name in types.items():
        for node in graph.subjects(RDF.type, cls):
            entity = _Entity(_forms(graph, node), type_name, str(graph.value(node, RDFS.label)))
            for fig in graph.objects(node, CKG.appearsIn):
                if fig in figure_file:
                    views[figure_file[fig]].entities.append(entity)
    for node in graph.subjects(RDF.type, CKG.Observation):
        fig = graph.value(node, CKG.figure)
        if fig not in figure_file:
            continue
        conditions = tuple(
            sorted(
                float(graph.value(setting, CKG.parameterValue))
                for setting in graph.objects(node, CKG.condition)
            )
        )
        views[figure_file[fig]].observations.append(
            _Observation(
                value=float(graph.value(node, CKG.value)),
                conditions=conditions,
                metric=_forms(graph, graph.value(node, CKG.metric)),
                system=_forms(graph, graph.value(node, CKG.system)),
                dataset=_forms(graph, graph.value(node, CKG.dataset)),
                text=str(graph.value(node, CKG.sourceText) or ""),
            )
        )
    seen: set[tuple] = set()
    for node in graph.subjects(RDF.type, CKG.Claim):
        fig = graph.value(node, CKG.figure)
        predicate = graph.value(node, RDF.predicate)
        if fig not in figure_file or predicate is None:
            continue
        relation = str(predicate).rsplit("#", 1)[-1]
        if relation not in SCORED_RELATIONS:
            continue
        subject, obj = graph.value(node, RDF.subject), graph.value(node, RDF.object)
        contradicted = graph.value(node, CKG.verdict) == CKG.Contradicted
        key = (fig, relation, subject, obj, contradicted)
        if key in seen:
            continue
        seen.add(key)
        item = _Relation(
            relation,
            _forms(graph, subject),
            _forms(graph, obj),
            f"{graph.value(subject, RDFS.label)} {relation} {graph.value(obj, RDFS.label)}",
        )
        view = views[figure_file[fig]]
        (view.contradicted if contradicted else view.relations).append(item)
    # a relation both asserted and contradicted (from two sentences) counts as asserted once
    return views


# --- gold ------------------------------------------------------------------------------


def _gold_forms(gold: dict, name: str | None) -> frozenset[str]:
    if name is None:
        return frozenset()
    forms = {norm(name)}
    for entity in gold.get("entities", []):
        names = [entity["name"], *entity.get("aliases", [])]
        if norm(name) in {norm(n) for n in names}:
            forms.update(norm(n) for n in names)
    return frozenset(forms)


def score_document(gold: dict, view: _DocView) -> dict[str, Score]:
    scores = {name: Score() for name in CATEGORIES}
    doc = gold.get("doc", "")

    # entities
    gold_entities = [
        (
            frozenset(norm(n) for n in [e["name"], *e.get("aliases", [])]),
            e["type"],
            e.get("optional", False),
            e["name"],
        )
        for e in gold.get("entities", [])
    ]
    for typed, category in ((False, "entities"), (True, "entities_typed")):
        score = scores[category]
        for forms, type_name, optional, name in gold_entities:
            hit = any(forms & e.forms and (not typed or e.type == type_name) for e in view.entities)
            if hit and not optional:
                score.tp += 1
            elif not hit and not optional:
                score.fn += 1
                score.missed.append(f"{doc}: {type_name} {name}")
        for entity in view.entities:
            if not any(
                forms & entity.forms and (not typed or entity.type == type_name)
                for forms, type_name, *_ in gold_entities
            ):
                score.fp += 1
                score.spurious.append(f"{doc}: {entity.type} {entity.label}")

    # observations
    for strict, category in ((False, "observations_loose"), (True, "observations_strict")):
        score = scores[category]
        free = list(range(len(view.observations)))
        required = [o for o in gold.get("observations", []) if not o.get("optional")]
        optional = [o for o in gold.get("observations", []) if o.get("optional")]
        for group, counts in ((required, True), (optional, False)):
            for item in group:
                match = next((i for i in free if _obs_match(gold, item, view.observations[i], strict)), None)
                if match is not None:
                    free.remove(match)
                    if counts:
                        score.tp += 1
                elif counts:
                    score.fn += 1
                    score.missed.append(f"{doc}: {_describe(item)}")
        score.fp += len(free)
        score.spurious.extend(
            f"{doc}: {view.observations[i].value} ({view.observations[i].text[:60]})" for i in free
        )

    # relations and contradiction flags
    for category, gold_items, found in (
        ("relations", gold.get("relations", []), view.relations),
        (
            "contradictions",
            [c for c in gold.get("contradicted", []) if c.get("relation") in SCORED_RELATIONS],
            view.contradicted,
        ),
    ):
        score = scores[category]
        free = list(range(len(found)))
        # relations are compared as sets: gold may list one pair once per dataset
        unique: dict[tuple, dict] = {}
        for item in sorted(gold_items, key=lambda r: bool(r.get("optional"))):
            unique.setdefault((item["relation"], norm(item["subject"]), norm(item["object"])), item)
        ordered = list(unique.values())
        for item in ordered:
            subject, obj = _gold_forms(gold, item["subject"]), _gold_forms(gold, item["object"])
            match = next(
                (
                    i
                    for i in free
                    if found[i].relation == item["relation"]
                    and found[i].subject & subject
                    and found[i].object & obj
                ),
                None,
            )
            if match is not None:
                free.remove(match)
                if not item.get("optional"):
                    score.tp += 1
            elif not item.get("optional"):
                score.fn += 1
                score.missed.append(f"{doc}: {item['subject']} {item['relation']} {item['object']}")
        score.fp += len(free)
        score.spurious.extend(f"{doc}: {found[i].label}" for i in free)
    return scores


def _obs_match(gold: dict, item: dict, found: _Observation, strict: bool) -> bool:
    value = float(item["value"])
    if abs(found.value - value) > 1e-6 * max(1.0, abs(value)):
        return False
    values = list((item.get("condition") or {}).values())
    if not all(isinstance(v, (int, float)) for v in values):
        return False  # a setting named by a category ('S', 'Neutral'): the graph keeps numbers only
    conditions = tuple(sorted(float(v) for v in values))
    if len(conditions) != len(found.conditions) or any(
        abs(a - b) > 1e-6 * max(1.0, abs(a)) for a, b in zip(conditions, found.conditions)
    ):
        return False
    if not strict:
        return True
    if not (_gold_forms(gold, item.get("metric")) & found.metric):
        return False
    for name, forms in (("system", found.system), ("dataset", found.dataset)):
        if item.get(name) is not None and not (_gold_forms(gold, item[name]) & forms):
            return False
    return True


def _describe(item: dict) -> str:
    parts = [str(item.get(k)) for k in ("system", "dataset", "metric") if item.get(k)]
    return f"{item['value']} {item.get('condition') or ''} [{', '.join(parts)}]"


# --- entry points ---------------------------------------------------------------------------


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InputError(str(gold_dir), "gold folder not found")
    gold: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InputError(str(path), f"not a gold JSON file: {err}") from None
        gold[Path(data.get("doc", path.stem)).stem] = data
    return gold


def evaluate_graph(graph: Graph, gold: dict[str, dict], documents: Sequence[str]) -> Report:
    views = read_graph(graph)
    totals = {name: Score() for name in CATEGORIES}
    per_document: dict[str, dict[str, Score]] = {}
    scored, without = [], []
    for source_file in sorted(documents):
        stem = Path(source_file).stem
        if stem not in gold:
            without.append(source_file)
            continue
        scores = score_document(gold[stem], views.get(source_file, _DocView()))
        per_document[source_file] = scores
        scored.append(source_file)
        for name, score in scores.items():
            totals[name].add(score)
    return Report(totals, scored, per_document, without)


def evaluate_paths(inputs: Iterable[str | Path], gold_dir: str | Path) -> Report:
    from kg.pipeline import build_graph
    from kg.rdf import union

    gold = load_gold(gold_dir)
    kb, dataset = build_graph(inputs)
    report = evaluate_graph(union(dataset), gold, [f.source_file for f in kb.figures])
    report.problems = [str(problem) for problem in kb.problems]
    return report


def format_report(report: Report, show_missed: bool = True) -> str:
    lines = [f"documents scored: {len(report.documents)}"]
    if report.without_gold:
        lines.append(f"without gold (not scored): {', '.join(report.without_gold)}")
    lines.extend(f"warning: {problem}" for problem in report.problems)
    lines.append(f"{'category':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name in CATEGORIES:
        s = report.scores[name]
        lines.append(f"{name:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    if show_missed:
        for name in CATEGORIES:
            s = report.scores[name]
            if s.missed:
                lines.append(f"\nmissed {name} ({len(s.missed)}):")
                lines.extend(f"  {m}" for m in s.missed[:40])
            if s.spurious:
                lines.append(f"\nspurious {name} ({len(s.spurious)}):")
                lines.extend(f"  {m}" for m in s.spurious[:40])
    return "\n".join(lines)
