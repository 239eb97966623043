"""KnowledgeBase -> rdflib Dataset, and serialization. The only module that builds RDF.

Each figure's triples go in a named graph (the figure's IRI); entity
descriptions in `ckgid:graph/entities`. Turtle, N-Triples and JSON-LD get the
union; TriG and N-Quads keep the named graphs. Output is deterministic: IRIs
derive from names and content, and line-based formats are sorted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import OutputError
from kg.link import slug
from kg.model import Axis, Claim, ClaimOrigin, EntityType, KnowledgeBase, Observation, Verdict
from kg.numbers import format_decimal
from kg.vocab import CKG, ID, bind_prefixes

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}
ENTITIES_GRAPH = ID["graph/entities"]
SYSTEM_TYPES = (EntityType.MODEL, EntityType.METHOD)
CONTEXT_PATH = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"
ENTITY_CLASS = {
    EntityType.MODEL: CKG.Model,
    EntityType.METHOD: CKG.Method,
    EntityType.DATASET: CKG.Dataset,
    EntityType.METRIC: CKG.Metric,
    EntityType.PARAMETER: CKG.Parameter,
}
VERDICTS = {
    Verdict.SUPPORTED: CKG.Supported,
    Verdict.CONTRADICTED: CKG.Contradicted,
    Verdict.UNVERIFIABLE: CKG.Unverifiable,
}
ORIGINS = {ClaimOrigin.TEXT: CKG.FromText, ClaimOrigin.DATA: CKG.FromData}


def decimal(value: float) -> Literal:
    return Literal(Decimal(format_decimal(value)), datatype=XSD.decimal)


def figure_iri(source_file: str) -> URIRef:
    return ID[f"figure/{slug(Path(source_file).stem)}"]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def to_dataset(kb: KnowledgeBase) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    entities = dataset.graph(ENTITIES_GRAPH)
    for entity in kb.entities.values():
        node = ID[entity.key]
        entities.add((node, RDF.type, ENTITY_CLASS[entity.type]))
        entities.add((node, RDFS.label, Literal(entity.label)))
        for alt in entity.alt_labels:
            entities.add((node, SKOS.altLabel, Literal(alt)))
        if entity.lower_is_better:
            entities.add((node, CKG.lowerIsBetter, Literal(True)))

    for extraction in kb.figures:
        figure = extraction.figure
        source = extraction.source_file
        fig = figure_iri(source)
        fig_slug = str(fig).rsplit("/", 1)[-1]
        g = dataset.graph(fig)
        g.add((fig, RDF.type, CKG.Figure))
        g.add((fig, RDF.type, PROV.Entity))
        g.add((fig, CKG.sourceFile, Literal(source)))
        if figure.title:
            g.add((fig, DCTERMS.title, Literal(figure.title)))
        if figure.chart_type:
            g.add((fig, CKG.chartType, Literal(figure.chart_type)))
        if figure.truncated:
            g.add((fig, CKG.truncated, Literal(True)))

        def entity(surface: str | None, types: tuple[EntityType, ...], source: str = source) -> URIRef | None:
            key = kb.key_for(source, surface, types)
            return ID[key] if key else None

        for (file, _surface), key in kb.resolve.items():
            if file == source:
                g.add((ID[key], CKG.appearsIn, fig))

        for axis in figure.axes:
            if axis.low is None and not axis.label:
                continue
            suffix = axis.role + (f"-{slug(axis.panel)}" if axis.panel else "") + f"-l{axis.line}"
            node = ID[f"figure/{fig_slug}/axis/{suffix}"]
            g.add((fig, CKG.axis, node))
            g.add((node, RDF.type, CKG.Axis))
            g.add((node, CKG.axisRole, Literal(axis.role)))
            if axis.label:
                g.add((node, RDFS.label, Literal(axis.label)))
            if axis.unit:
                g.add((node, CKG.unit, Literal(axis.unit)))
            if axis.low is not None and axis.high is not None:
                g.add((node, CKG.rangeMin, decimal(axis.low)))
                g.add((node, CKG.rangeMax, decimal(axis.high)))
            if axis.scale:
                g.add((node, CKG.scale, Literal(axis.scale)))
            plotted = _axis_entity(kb, source, axis)
            plots = {EntityType.METRIC: CKG.axisMetric, EntityType.PARAMETER: CKG.axisParameter}
            if plotted is not None and kb.entities[plotted].type in plots:  # a category axis plots neither
                g.add((node, plots[kb.entities[plotted].type], ID[plotted]))
            if axis.panel:
                panel_dataset = _panel_dataset(kb, source, axis.panel)
                if panel_dataset:
                    g.add((node, CKG.panelDataset, ID[panel_dataset]))

        observation_iris: list[URIRef] = []
        for observation in extraction.observations:
            node = ID[f"observation/{fig_slug}/{_observation_digest(observation)}"]
            observation_iris.append(node)
            g.add((node, RDF.type, CKG.Observation))
            g.add((node, CKG.figure, fig))
            g.add((node, PROV.wasDerivedFrom, fig))
            g.add((node, CKG.value, decimal(observation.value)))
            for predicate, surface, types in (
                (CKG.metric, observation.metric, (EntityType.METRIC,)),
                (CKG.system, observation.system, SYSTEM_TYPES),
                (CKG.model, observation.model, (EntityType.MODEL,)),
                (CKG.dataset, observation.dataset, (EntityType.DATASET,)),
            ):
                target = entity(surface, types)
                if target is not None:
                    g.add((node, predicate, target))
            for condition in observation.conditions:
                parameter_key = kb.key_for(source, condition.parameter, (EntityType.PARAMETER,))
                if parameter_key is None:
                    continue
                setting = ID[f"setting/{parameter_key.split('/', 1)[1]}/{format_decimal(condition.value)}"]
                g.add((node, CKG.condition, setting))
                g.add((setting, RDF.type, CKG.Setting))
                g.add((setting, CKG.parameter, ID[parameter_key]))
                g.add((setting, CKG.parameterValue, decimal(condition.value)))
            if observation.approximate:
                g.add((node, CKG.approximate, Literal(True)))
            if observation.unit:
                g.add((node, CKG.unit, Literal(observation.unit)))
            g.add((node, CKG.sourceLine, Literal(observation.line)))
            g.add((node, CKG.sourceText, Literal(observation.source_text)))

        for claim in extraction.claims:
            _add_claim(g, kb, source, fig, fig_slug, claim, observation_iris)
    return dataset


def _observation_digest(observation: Observation) -> str:
    return _digest(
        observation.value,
        observation.metric,
        observation.system,
        observation.model,
        observation.dataset,
        sorted((c.parameter, c.value) for c in observation.conditions),
        observation.line,
    )


def _axis_entity(kb: KnowledgeBase, source: str, axis: Axis) -> str | None:
    return kb.key_for(source, axis.label) if axis.label else None


def _panel_dataset(kb: KnowledgeBase, source: str, panel: str) -> str | None:
    for part in re.split(r"\s*/\s*", panel):
        for candidate in (
            part,
            re.sub(r"\s*\([^)]*\)\s*$", "", part),
            re.sub(
                r"\s+(?:column|row|chart|panel)\s*$",
                "",
                re.sub(r"\s*\([^)]*\)\s*$", "", part),
                flags=re.IGNORECASE,
            ),
        ):
            key = kb.key_for(source, candidate.strip())
            if key and kb.entities[key].type == EntityType.DATASET:
                return key
    return None


def _add_claim(
    g: Graph,
    kb: KnowledgeBase,
    source: str,
    fig: URIRef,
    fig_slug: str,
    claim: Claim,
    observations: list[URIRef],
) -> None:
    # an outperforms claim compares systems; a trend relates a metric to a parameter or metric
    if claim.relation == "outperforms":
        subject_types = object_types = SYSTEM_TYPES
    else:
        subject_types, object_types = (EntityType.METRIC,), (EntityType.PARAMETER, EntityType.METRIC)
    if claim.relation == "tradeOffWith":
        object_types = (EntityType.METRIC,)
    subject = kb.key_for(source, claim.subject, subject_types)
    obj = kb.key_for(source, claim.object, object_types) if claim.object else None
    if subject is None or obj is None:  # the contract gives every claim a subject and an object
        return
    predicate = getattr(CKG, claim.relation)
    node = ID[
        f"claim/{fig_slug}/"
        + _digest(
            subject,
            claim.relation,
            obj,
            claim.metric,
            claim.dataset,
            claim.model,
            claim.evidence,
            claim.origin.value,
        )
    ]
    g.add((node, RDF.type, CKG.Claim))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, RDF.subject, ID[subject]))
    g.add((node, RDF.predicate, predicate))
    if obj:
        g.add((node, RDF.object, ID[obj]))
    g.add((node, CKG.figure, fig))
    g.add((node, PROV.wasDerivedFrom, fig))
    g.add((node, CKG.origin, ORIGINS[claim.origin]))
    verdict = claim.verdict or Verdict.UNVERIFIABLE
    g.add((node, CKG.verdict, VERDICTS[verdict]))
    if claim.evidence:
        g.add((node, CKG.evidence, Literal(claim.evidence)))
        g.add((node, CKG.sourceLine, Literal(claim.line)))
    if claim.hedge:
        g.add((node, CKG.hedge, Literal(claim.hedge)))
    for predicate_, surface, types in (
        (CKG.contextMetric, claim.metric, (EntityType.METRIC,)),
        (CKG.contextDataset, claim.dataset, (EntityType.DATASET,)),
        (CKG.contextModel, claim.model, (EntityType.MODEL,)),
    ):
        key = kb.key_for(source, surface, types)
        if key:
            g.add((node, predicate_, ID[key]))
    for index in claim.refuted_by:
        if 0 <= index < len(observations):
            g.add((node, CKG.refutedBy, observations[index]))
    for index in claim.supported_by:
        if 0 <= index < len(observations):
            g.add((node, CKG.supportedBy, observations[index]))
    if verdict != Verdict.CONTRADICTED and obj:
        g.add((ID[subject], predicate, ID[obj]))


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def serialize(dataset: Dataset, fmt: str) -> str:
    """Deterministic text of the dataset in one of FORMATS' values.

    Turtle, TriG, N-Triples and N-Quads are written here, sorted, because
    rdflib's serializers order their output by hash and are slow on large
    graphs; JSON-LD goes through rdflib and is then put in a fixed order.
    """
    if fmt == "nt":
        lines = {f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o, _g in dataset.quads((None, None, None, None))}
        return "\n".join(sorted(lines)) + "\n"
    if fmt == "nquads":
        lines = {
            f"{s.n3()} {p.n3()} {o.n3()} {g.n3() if isinstance(g, URIRef) else g.identifier.n3()} ."
            for s, p, o, g in dataset.quads((None, None, None, None))
        }
        return "\n".join(sorted(lines)) + "\n"
    if fmt == "json-ld":
        text = union(dataset).serialize(format="json-ld", context=_jsonld_context(), auto_compact=True)
        return json.dumps(_sorted_json(json.loads(text)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    writer = _TurtleWriter(dataset.namespace_manager.namespaces())
    if fmt == "turtle":
        body = writer.block((s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None)))
        return writer.prefix_lines() + "\n" + body
    blocks = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph):
            body = writer.block(iter(graph), indent="    ")
            blocks.append(f"{writer.term(graph.identifier)} {{\n{body}}}\n")
    return writer.prefix_lines() + "\n" + "\n".join(blocks)


_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


class _TurtleWriter:
    """Sorted Turtle: subjects in IRI order, then predicates (rdf:type first), then objects."""

    def __init__(self, namespaces: Iterable[tuple[str, URIRef]]) -> None:
        # longest namespace first, so 'ckgid:' is tried before a shorter prefix of it
        self.namespaces = sorted(
            ((str(ns), prefix) for prefix, ns in namespaces if prefix), key=lambda x: -len(x[0])
        )
        self.used: set[str] = set()

    def term(self, node: object) -> str:
        if isinstance(node, URIRef):
            if node == RDF.type:
                return "a"
            iri = str(node)
            for namespace, prefix in self.namespaces:
                if iri.startswith(namespace) and _PN_LOCAL.fullmatch(iri[len(namespace) :] or "_"):
                    if iri[len(namespace) :]:
                        self.used.add(prefix)
                        return f"{prefix}:{iri[len(namespace) :]}"
            return f"<{iri}>"
        if isinstance(node, Literal):
            if node.datatype == XSD.decimal and "." in str(node) and "e" not in str(node).lower():
                return str(node)
            if node.datatype == XSD.boolean:
                return str(node).lower()
            if node.datatype == XSD.integer:
                return str(int(node))
            if node.datatype is not None:
                return f"{Literal(str(node)).n3()}^^{self.term(node.datatype)}"
            return node.n3()
        return str(node)

    def block(self, triples: Iterable[tuple], indent: str = "") -> str:
        by_subject: dict[object, dict[object, set]] = defaultdict(lambda: defaultdict(set))
        for s, p, o in triples:
            by_subject[s][p].add(o)
        out = []
        for subject in sorted(by_subject, key=str):
            predicates = by_subject[subject]
            parts = []
            for predicate in sorted(predicates, key=lambda p: (p != RDF.type, str(p))):
                objects = sorted((self.term(o) for o in predicates[predicate]))
                parts.append(f"{self.term(predicate)} " + f",\n{indent}        ".join(objects))
            out.append(f"{indent}{self.term(subject)} " + f" ;\n{indent}    ".join(parts) + " .\n")
        return "\n".join(out)

    def prefix_lines(self) -> str:
        lines = [
            f"@prefix {prefix}: <{namespace}> ."
            for namespace, prefix in self.namespaces
            if prefix in self.used
        ]
        return "\n".join(sorted(lines)) + "\n"


def _sorted_json(value: object) -> object:
    """Every JSON-LD array in a fixed order: the graph holds no rdf:List, so arrays are sets."""
    if isinstance(value, dict):
        return {key: _sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld_context() -> dict:
    """The published context, ontology/context.jsonld, embedded so the file reads offline."""
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        msg = f"{path}: unknown output format {suffix or '(none)'}; use one of {', '.join(FORMATS)}"
        raise OutputError(msg)
    return FORMATS[suffix]
