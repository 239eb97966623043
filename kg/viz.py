"""Claim graph -> networkx -> picture (.png .svg .graphml .html).

`relation_graph` reads the entities and claims of a claimkg graph
(docs/graph.md) into a `networkx.MultiDiGraph`: one node per entity, one edge
per claim, drawn from the reified `ckg:Claim` nodes so that contradicted claims
(which have no plain triple) are there too, plus one edge per plain relation
triple that no claim covers. `draw` writes it out; `viz_cli` is what `kg viz`
calls.

`rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph` turns every
triple into an edge; here a claim is a node of the RDF graph but an edge of the
picture, so the conversion is done by hand.

Node attributes: label, type, iri, altLabels, figures.
Edge attributes: relation, verdict, figure, evidence, origin, claim, hedge,
context, sourceLine. Graph attributes: the filters (figure, figureTitle,
entity, focus, relation) and source (the graph file's name, set by viz_cli).
Every value is a string ("" when absent), so the graph writes to GraphML as is.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import os
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS

from kg.errors import GraphInputError, OutputError
from kg.output import atomic_path
from kg.vocab import CKG, ID

__all__ = [
    "ENTITY_TYPES",
    "MAX_READABLE_NODES",
    "OUTPUT_SUFFIXES",
    "RELATIONS",
    "DrawResult",
    "draw",
    "relation_graph",
    "viz_cli",
]

ENTITY_TYPES = ("Model", "Method", "Dataset", "Metric", "Parameter")
RELATIONS = (
    "outperforms",
    "decreasesWith",
    "increasesWith",
    "peaksAt",
    "plateausWith",
    "tradeOffWith",
)
VERDICTS = ("Supported", "Contradicted", "Unverifiable")
OUTPUT_SUFFIXES = (".png", ".svg", ".graphml", ".html")

# Above this many entities the .png/.svg picture keeps only those in claims.
MAX_READABLE_NODES = 60

SEED = 7  # layout seed: the same graph gives the same picture

_NODE_PT = 11.5  # radius of a drawn entity, points
_CHAR_IN = 0.085  # width of a 10 pt character, inches (DejaVu Sans, on average)
_LINE_IN = 0.17  # height of a 10 pt line, inches

# Entity types told apart by colour (Okabe-Ito, colour-blind safe) and shape.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    # type: (colour, matplotlib marker)
    "Model": ("#0072B2", "o"),
    "Method": ("#E69F00", "s"),
    "Dataset": ("#009E73", "D"),
    "Metric": ("#CC79A7", "^"),
    "Parameter": ("#F0E442", "h"),
    "Other": ("#BBBBBB", "p"),
}
_TYPE_ORDER = {t: i for i, t in enumerate((*ENTITY_TYPES, "Other"))}

# Edge styles by verdict: (colour, matplotlib linestyle, svg dasharray, legend text)
EDGE_STYLE: dict[str, tuple[str, str, str, str]] = {
    "Supported": ("#333333", "solid", "", "supported claim"),
    "Contradicted": ("#D62728", "dashed", "7 4", "✗ contradicted claim"),
    "Unverifiable": ("#8C8C8C", "dotted", "2 3", "? unverifiable claim"),
    "": ("#5A7FA8", "dashdot", "8 3 2 3", "plain triple, no claim"),
}


# --- reading the RDF graph ---------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    iri: str
    source_file: str
    stem: str  # the figure's short name: its file name without extension
    title: str


@dataclass(frozen=True)
class _Entity:
    iri: str
    label: str
    type: str
    alt_labels: tuple[str, ...]
    figures: tuple[str, ...]  # figure IRIs


@dataclass(frozen=True)
class _Edge:
    key: str
    subject: str
    object: str
    relation: str
    verdict: str
    origin: str
    evidence: str
    figures: tuple[str, ...]  # figure IRIs
    claim: str
    hedge: str
    context: str
    source_line: str


@dataclass(frozen=True)
class _Index:
    figures: dict[str, _Figure]
    entities: dict[str, _Entity]
    edges: list[_Edge]
    relations: tuple[str, ...]  # every relation name a filter may ask for


def _local(term: object) -> str:
    text = str(term)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1] or text
    return text


def _first(values: Iterable[object]) -> str:
    """The smallest string of several values (one when the graph is right)."""
    found = sorted(str(v) for v in values)
    return found[0] if found else ""


def _union(g: Graph) -> tuple[Graph, dict[tuple, set[str]]]:
    """One graph with every triple, and the named graphs each ckg: triple is in.

    A Dataset read from TriG or N-Quads keeps the figures' triples in named
    graphs, which plain `triples()` may not look into.
    """
    contexts: dict[tuple, set[str]] = defaultdict(set)
    if not isinstance(g, ConjunctiveGraph):
        return g, contexts
    union = Graph()
    for s, p, o, c in g.quads((None, None, None, None)):
        union.add((s, p, o))
        if str(p).startswith(str(CKG)) and c is not None:
            name = c.identifier if isinstance(c, Graph) else c
            contexts[(s, p, o)].add(str(name))
    return union, contexts


def _index(g: Graph) -> _Index:
    g, contexts = _union(g)

    figures: dict[str, _Figure] = {}
    for fig in set(g.subjects(RDF.type, CKG.Figure)):
        source = _first(g.objects(fig, CKG.sourceFile))
        stem = Path(source).stem if source else _local(fig)
        figures[str(fig)] = _Figure(str(fig), source, stem, _first(g.objects(fig, DCTERMS.title)))

    def entity(node: URIRef) -> _Entity:
        types = sorted(
            {_local(t) for t in g.objects(node, RDF.type) if _local(t) in ENTITY_TYPES},
            key=_TYPE_ORDER.__getitem__,
        )
        return _Entity(
            iri=str(node),
            label=_first(g.objects(node, RDFS.label)) or _local(node),
            type=types[0] if types else "Other",
            alt_labels=tuple(sorted({str(a) for a in g.objects(node, SKOS.altLabel)})),
            figures=tuple(sorted({str(f) for f in g.objects(node, CKG.appearsIn)})),
        )

    entities: dict[str, _Entity] = {}
    for type_name in ENTITY_TYPES:
        for node in g.subjects(RDF.type, CKG[type_name]):
            if isinstance(node, URIRef) and str(node) not in entities:
                entities[str(node)] = entity(node)

    def labels(nodes: Iterable[object]) -> str:
        out = []
        for n in nodes:
            e = entities.get(str(n))
            out.append(e.label if e else _first(g.objects(n, RDFS.label)) or _local(n))
        return ", ".join(sorted(out, key=str.lower))

    edges: list[_Edge] = []
    claimed: set[tuple] = set()
    relation_iris = {CKG[r] for r in RELATIONS}
    for claim in set(g.subjects(RDF.type, CKG.Claim)):
        s = g.value(claim, RDF.subject)
        p = g.value(claim, RDF.predicate)
        o = g.value(claim, RDF.object)
        if not isinstance(s, URIRef) or not isinstance(o, URIRef) or p is None:
            continue  # a claim about a literal has no edge to draw
        for end in (s, o):
            if str(end) not in entities:
                entities[str(end)] = entity(end)
        claimed.add((s, p, o))
        relation_iris.add(p)
        context = labels(
            n
            for prop in (CKG.contextMetric, CKG.contextDataset, CKG.contextModel)
            for n in g.objects(claim, prop)
        )
        edges.append(
            _Edge(
                key=str(claim),
                subject=str(s),
                object=str(o),
                relation=_local(p),
                verdict=_local(_first(g.objects(claim, CKG.verdict))),
                origin=_local(_first(g.objects(claim, CKG.origin))),
                evidence=_first(g.objects(claim, CKG.evidence)),
                figures=tuple(sorted({str(f) for f in g.objects(claim, CKG.figure)})),
                claim=str(claim),
                hedge=", ".join(sorted(str(h) for h in g.objects(claim, CKG.hedge))),
                context=context,
                source_line=_first(g.objects(claim, CKG.sourceLine)),
            )
        )

    # plain relation triples that no claim stands for
    for p in sorted(relation_iris):
        for s, o in g.subject_objects(p):
            if (s, p, o) in claimed or isinstance(s, Literal) or isinstance(o, Literal):
                continue
            for end in (s, o):
                if str(end) not in entities:
                    entities[str(end)] = entity(end)
            edges.append(
                _Edge(
                    key=f"triple:{s} {_local(p)} {o}",
                    subject=str(s),
                    object=str(o),
                    relation=_local(p),
                    verdict="",
                    origin="Triple",
                    evidence="",
                    figures=tuple(sorted(c for c in contexts.get((s, p, o), ()) if c in figures)),
                    claim="",
                    hedge="",
                    context="",
                    source_line="",
                )
            )

    relations = tuple(sorted({_local(p) for p in relation_iris}, key=str.lower))
    edges.sort(key=lambda e: (e.subject, e.object, e.relation, e.key))
    return _Index(figures, entities, edges, relations)


# --- choosing what to show ---------------------------------------------------


def _unknown(kind: str, value: str, choices: Iterable[str]) -> GraphInputError:
    choices = sorted(set(choices), key=str.lower)
    if not choices:
        return GraphInputError(f"unknown {kind} {value!r}: the graph has no {kind}s")
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    shown = ", ".join(repr(c) for c in choices[:8])
    more = f", ... ({len(choices)} in all)" if len(choices) > 8 else ""
    return GraphInputError(f"unknown {kind} {value!r}{hint} (choose from {shown}{more})")


def _match_figures(index: _Index, wanted: str) -> set[str]:
    w = wanted.strip().casefold()
    found = set()
    for f in index.figures.values():
        names = {f.iri, f.source_file, f.stem, _local(f.iri)}
        if w in {n.casefold() for n in names if n}:
            found.add(f.iri)
    if not found:
        raise _unknown("figure", wanted, (f.source_file or f.stem for f in index.figures.values()))
    return found


def _match_entities(index: _Index, wanted: str) -> set[str]:
    w = wanted.strip().casefold()
    found = set()
    for e in index.entities.values():
        names = {e.iri, e.label, *e.alt_labels}
        if e.iri.startswith(str(ID)):
            names.add(e.iri.removeprefix(str(ID)))  # model/llama-2-7b
        if w in {n.casefold() for n in names}:
            found.add(e.iri)
    if not found:
        raise _unknown("entity", wanted, (e.label for e in index.entities.values()))
    return found


def _match_relation(index: _Index, wanted: str) -> str:
    w = wanted.strip().removeprefix("ckg:").casefold()
    w = _local(w) if "://" in w else w
    for r in index.relations:
        if r.casefold() == w:
            return r
    raise _unknown("relation", wanted, index.relations)


def relation_graph(
    g: Graph,
    figure: str | None = None,
    entity: str | None = None,
    relation: str | None = None,
) -> nx.MultiDiGraph:
    """The entities and claims of `g` as a MultiDiGraph, optionally narrowed.

    figure: a figure's source file name, its stem or its IRI: only the
        entities that appear in it and the claims made in it.
    entity: an entity's label (any case), altLabel or IRI: that entity and its
        neighbours one claim away.
    relation: a relation's local name (`outperforms`, ...): only those edges
        and the entities they join.

    Nodes are keyed by IRI; edges by claim IRI (or "triple:..." for a plain
    triple no claim covers). Raises GraphInputError for a figure, entity or
    relation the graph does not have.
    """
    index = _index(g)
    nodes = set(index.entities)
    edges = list(index.edges)

    figure_iris: set[str] = set()
    if figure is not None:
        figure_iris = _match_figures(index, figure)
        in_figure = {iri for iri, e in index.entities.items() if figure_iris & set(e.figures)}
        edges = [
            e
            for e in edges
            if figure_iris & set(e.figures)
            or (not e.figures and e.subject in in_figure and e.object in in_figure)
        ]
        nodes = in_figure | {e.subject for e in edges} | {e.object for e in edges}

    focus: set[str] = set()
    if entity is not None:
        focus = _match_entities(index, entity)
        if not focus & nodes:
            names = ", ".join(sorted(index.entities[i].label for i in focus))
            figs = sorted(
                index.figures[f].source_file or index.figures[f].stem
                for i in focus
                for f in index.entities[i].figures
                if f in index.figures
            )
            where = f"; it appears in {', '.join(figs)}" if figs else ""
            msg = f"entity {names} is not in figure {figure!r}{where}"
            raise GraphInputError(msg)

    rel = None
    if relation is not None:
        rel = _match_relation(index, relation)
        edges = [e for e in edges if e.relation == rel]
        nodes = {e.subject for e in edges} | {e.object for e in edges} | (focus & nodes)

    if focus:
        keep = focus & nodes
        for e in edges:
            if e.subject in focus:
                keep.add(e.object)
            if e.object in focus:
                keep.add(e.subject)
        nodes = keep
        edges = [e for e in edges if e.subject in nodes and e.object in nodes]

    G = nx.MultiDiGraph()
    G.graph.update(
        {
            "figure": ", ".join(
                sorted(index.figures[f].source_file or index.figures[f].stem for f in figure_iris)
            ),
            "entity": ", ".join(sorted(index.entities[i].label for i in focus)),
            "figureTitle": "; ".join(sorted(index.figures[f].title for f in figure_iris)),
            "relation": rel or "",
            "focus": " ".join(sorted(focus)),  # the --entity nodes, drawn emphasised
            "source": "",
        }
    )

    def fig_names(iris: Iterable[str]) -> str:
        return ", ".join(index.figures[f].stem if f in index.figures else _local(f) for f in iris)

    for iri in sorted(nodes):
        e = index.entities[iri]
        G.add_node(
            iri,
            label=e.label,
            type=e.type,
            iri=e.iri,
            altLabels="; ".join(e.alt_labels),
            figures=fig_names(e.figures),
        )
    for e in sorted(edges, key=lambda e: (e.subject, e.object, e.relation, e.key)):
        G.add_edge(
            e.subject,
            e.object,
            key=e.key,
            relation=e.relation,
            verdict=e.verdict,
            figure=fig_names(e.figures),
            evidence=e.evidence,
            origin=e.origin,
            claim=e.claim,
            hedge=e.hedge,
            context=e.context,
            sourceLine=e.source_line,
        )
    return G


# --- describing and laying out -----------------------------------------------


def _counts(G: nx.MultiDiGraph) -> dict[str, int]:
    counts = {v: 0 for v in (*VERDICTS, "")}
    for _, _, verdict in G.edges(data="verdict", default=""):
        counts[verdict if verdict in counts else ""] += 1
    return counts


def _summary(G: nx.MultiDiGraph) -> str:
    c = _counts(G)
    claims = c["Supported"] + c["Contradicted"] + c["Unverifiable"]
    parts = [f"{claims} claim{'s' if claims != 1 else ''}"]
    detail = [f"{c[v]} {v.lower()}" for v in VERDICTS if c[v]]
    if detail:
        parts[0] += f" ({', '.join(detail)})"
    if c[""]:
        parts.append(f"{c['']} plain triple{'s' if c[''] != 1 else ''} without a claim")
    n = G.number_of_nodes()
    return f"{n} entit{'ies' if n != 1 else 'y'}, " + ", ".join(parts)


def _subtitle(G: nx.MultiDiGraph) -> str:
    """The counts, after the figure's own title when one figure is drawn."""
    title = G.graph.get("figureTitle", "")
    if not title:
        return _summary(G)
    title = title if len(title) <= 80 else title[:79] + "…"
    return f"“{title}” · {_summary(G)}"


def _title(G: nx.MultiDiGraph) -> str:
    what = "Claims"
    if G.graph.get("relation"):
        what = f"‘{G.graph['relation']}’ claims"
    where = f" in {G.graph['source']}" if G.graph.get("source") else ""
    bits = []
    if G.graph.get("figure"):
        bits.append(f"figure {G.graph['figure']}")
    if G.graph.get("entity"):
        bits.append(f"around {G.graph['entity']}")
    return what + where + (": " + ", ".join(bits) if bits else "")


def _readable_subgraph(G: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, str]:
    """The part of G a static picture can show, and a note when it is cut."""
    if G.number_of_nodes() <= MAX_READABLE_NODES:
        return G, ""
    keep = [n for n in G.nodes if G.degree(n) > 0]
    note = (
        f"showing the {len(keep)} of {G.number_of_nodes()} entities that take part in "
        "claims; narrow it with --figure, --entity or --relation"
    )
    # not G.subgraph(keep).copy(): a subgraph view iterates a set, whose order
    # changes with PYTHONHASHSEED; this keeps G's sorted order
    kept = set(keep)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in kept)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in kept and v in kept)
    return H, note


def _layout(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions in units of about one node spacing, y up.

    Each connected group of entities gets a spring layout of its own (fixed
    seed), the groups are packed in rows, largest first, and entities in no
    claim go in rows at the bottom, by type.
    """
    pos: dict[str, tuple[float, float]] = {}
    if G.number_of_nodes() == 0:
        return pos
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)

    def label_key(n: str) -> tuple:
        kind = G.nodes[n].get("type", "Other")
        return (_TYPE_ORDER.get(kind, 99), G.nodes[n]["label"].lower(), n)

    # how many kinds of edge (direction, relation, verdict) each pair has
    kinds: dict[frozenset, int] = defaultdict(int)
    for u, v, _rel, _verdict in sorted(
        {(u, v, d.get("relation", ""), d.get("verdict", "")) for u, v, d in G.edges(data=True)}
    ):
        kinds[frozenset((u, v))] += 1

    comps = [sorted(c) for c in nx.connected_components(U) if len(c) > 1]
    comps.sort(key=lambda c: (-len(c), min(label_key(n) for n in c)))
    isolates = sorted((n for n in U.nodes if U.degree(n) == 0), key=label_key)

    blocks: list[dict[str, tuple[float, float]]] = []
    for comp in comps:
        # a fresh graph in sorted order: a subgraph view iterates a set, whose
        # order changes with PYTHONHASHSEED, and so would the layout
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in U.subgraph(comp).edges()))
        if len(comp) == 2:
            a, b = sorted(comp, key=label_key)
            raw = {a: (-1.3, 0.0), b: (1.3, 0.0)}
        else:
            layout = nx.spring_layout(sub, seed=SEED, iterations=300, k=1.6 / math.sqrt(len(comp)))
            raw = {n: (float(x), float(y)) for n, (x, y) in layout.items()}
            raw = _spread(raw, sorted(sub.edges()), max(kinds[frozenset(e)] for e in sub.edges()))
        blocks.append(raw)

    # pack the blocks in rows (shelf packing); a block's box holds its
    # entities' labels too (1.25 inches per unit, the usual scale)
    def extent(n: str) -> tuple[float, float]:
        lines = _wrap(G.nodes[n]["label"]).split("\n")
        half_w = (max(len(line) for line in lines) * _CHAR_IN + 0.1) / 1.25 / 2
        return max(half_w, 0.3), 0.3 + (len(lines) * _LINE_IN + 0.1) / 1.25

    def box(b: dict[str, tuple[float, float]]) -> tuple[float, float, float, float]:
        ext = {n: extent(n) for n in b}
        return (
            min(x - ext[n][0] for n, (x, _) in b.items()),
            max(x + ext[n][0] for n, (x, _) in b.items()),
            min(y - ext[n][1] for n, (_, y) in b.items()),
            max(y + ext[n][1] for n, (_, y) in b.items()),
        )

    margin = 0.35
    boxes = [box(b) for b in blocks]
    total_area = sum((x1 - x0 + 2 * margin) * (y1 - y0 + 2 * margin) for x0, x1, y0, y1 in boxes)
    row_width = max(math.sqrt(total_area) * 1.4, 6.0)
    x0 = 0.0
    y_top = 0.0
    row_height = 0.0
    for b, (minx, maxx, miny, maxy) in zip(blocks, boxes):
        w = maxx - minx + 2 * margin
        h = maxy - miny + 2 * margin
        if x0 > 0 and x0 + w > row_width:
            y_top -= row_height
            x0 = 0.0
            row_height = 0.0
        for n, (x, y) in b.items():
            pos[n] = (x0 + margin + x - minx, y_top - margin - (maxy - y))
        x0 += w
        row_height = max(row_height, h)
    width = max([x for x, _ in pos.values()] + [row_width if blocks else 0.0])

    if isolates:
        y = y_top - row_height - (0.3 if blocks else 0.0)
        dx, dy = (2.0, 1.5) if len(isolates) <= 10 else (1.8, 1.15)
        per_row = max(4, int(max(width, 6.0) / dx) + 1)
        for i, n in enumerate(isolates):
            row, col = divmod(i, per_row)
            pos[n] = (1.0 + col * dx, y - 0.8 - row * dy)
    return pos


def _spread(
    raw: dict[str, tuple[float, float]], edges: list[tuple[str, str]], parallel: int = 1
) -> dict[str, tuple[float, float]]:
    """Scale a spring layout so that edges are long enough for their labels
    (median 2.3 units, more when pairs of entities have several kinds of edge
    between them) and no two entities sit closer than 1.5 units."""
    lengths = sorted(math.dist(raw[u], raw[v]) for u, v in edges) or [1.0]
    median = max(lengths[len(lengths) // 2], 1e-9)
    scale = 2.3 * (1 + 0.3 * (min(parallel, 5) - 1)) / median
    nodes = sorted(raw)
    closest = min(
        (math.dist(raw[a], raw[b]) for i, a in enumerate(nodes) for b in nodes[i + 1 :]),
        default=1.0,
    )
    if closest * scale < 1.5:
        scale = min(1.5 / max(closest, 1e-9), 2 * scale)
    return {n: (x * scale, y * scale) for n, (x, y) in raw.items()}


def _wrap(label: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(label, width=width, break_long_words=False)) or label


class _Group(NamedTuple):
    u: str
    v: str
    relation: str
    verdict: str
    count: int
    rad: float


def _merged_edges(G: nx.MultiDiGraph) -> list[_Group]:
    """Parallel edges with the same relation and verdict drawn as one, with a count."""
    counts: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for u, v, d in G.edges(data=True):
        verdict = d.get("verdict", "")
        counts[(u, v, d.get("relation", ""), verdict if verdict in EDGE_STYLE else "")] += 1
    by_direction: dict[tuple[str, str], list] = defaultdict(list)
    pairs: dict[frozenset, int] = defaultdict(int)
    for key in sorted(counts):
        by_direction[key[:2]].append(key)
        pairs[frozenset(key[:2])] += 1
    groups = []
    for (u, v), keys in sorted(by_direction.items()):
        alone = pairs[frozenset((u, v))] == 1
        for i, key in enumerate(keys):
            rad = 0.08 if alone else 0.22 * (i + 1)
            groups.append(_Group(*key, counts[key], rad))
    return groups


def _edge_text(group: _Group) -> str:
    text = group.relation
    if group.count > 1:
        text += f" ×{group.count}"
    if group.verdict == "Contradicted":
        text = "✗ " + text
    elif group.verdict == "Unverifiable":
        text = "? " + text
    return text


def _label_side(pos: dict[str, tuple[float, float]], n: str, groups: list[_Group]) -> str:
    """Where to put a node's label: the side (below first) farthest from its edges.

    An arc leaves and reaches a node heading for its control point, so that is
    the direction measured.
    """
    x, y = pos[n]
    angles = []
    for g in groups:
        if g.u == g.v or n not in (g.u, g.v):
            continue
        (x1, y1), (x2, y2) = pos[g.u], pos[g.v]
        cx = (x1 + x2) / 2 + g.rad * (y2 - y1)
        cy = (y1 + y2) / 2 - g.rad * (x2 - x1)
        angles.append(math.atan2(cy - y, cx - x))
    if not angles:
        return "below"
    sides = {"below": -math.pi / 2, "above": math.pi / 2, "right": 0.0, "left": math.pi}

    def clearance(side: str) -> float:
        a = sides[side]
        return min(abs((a - b + math.pi) % (2 * math.pi) - math.pi) for b in angles)

    # below or above when no edge comes within 70 degrees: keeps labels narrow
    for side in ("below", "above"):
        if clearance(side) >= math.radians(70):
            return side
    best = max(clearance(s) for s in sides)
    return next(s for s in sides if clearance(s) >= best - 0.35)  # below when nearly as good


# --- writing files -----------------------------------------------------------


class DrawResult(NamedTuple):
    path: str
    nodes: int  # drawn
    edges: int  # drawn (claims and plain triples, before merging)
    note: str  # why fewer than the graph's were drawn, or ""


def _atomic_write(path: Path, write: Callable[[str], None]) -> None:
    """Call write(temp_path) for a temp file next to path, then move it in place."""
    with atomic_path(path) as tmp:
        write(str(tmp))


def _output_suffix(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        msg = (
            f"{path}: unknown picture format {suffix or '(no extension)'!r}; "
            f"use one of {', '.join(OUTPUT_SUFFIXES)}"
        )
        raise OutputError(msg)
    return suffix


def draw(graph: nx.MultiDiGraph, path: str | os.PathLike) -> DrawResult:
    """Write `graph` (from `relation_graph`) to `path`; the suffix picks the format.

    .png/.svg: a matplotlib picture (above MAX_READABLE_NODES entities, only the
    entities in claims); .graphml: every node and edge with its attributes;
    .html: a self-contained interactive page (no network access needed).
    """
    suffix = _output_suffix(path)
    target = Path(path)
    if suffix == ".graphml":
        _atomic_write(target, lambda tmp: _write_graphml(graph, tmp))
        return DrawResult(str(path), graph.number_of_nodes(), graph.number_of_edges(), "")
    if suffix == ".html":
        _atomic_write(target, lambda tmp: Path(tmp).write_text(_html(graph), encoding="utf-8"))
        return DrawResult(str(path), graph.number_of_nodes(), graph.number_of_edges(), "")
    shown, note = _readable_subgraph(graph)
    _atomic_write(target, lambda tmp: _draw_matplotlib(shown, tmp, suffix[1:], note))
    return DrawResult(str(path), shown.number_of_nodes(), shown.number_of_edges(), note)


def _write_graphml(G: nx.MultiDiGraph, tmp: str) -> None:
    H = nx.MultiDiGraph()
    H.graph.update({k: "" if v is None else str(v) for k, v in sorted(G.graph.items())})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: "" if v is None else str(v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: "" if b is None else str(b) for a, b in d.items()})
    nx.write_graphml(H, tmp, encoding="utf-8", prettyprint=True)


def _node_label_box(
    x: float, y: float, label: str, side: str, inch: float
) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) of an entity's label, in layout units."""
    lines = _wrap(label).split("\n")
    w = (max(len(line) for line in lines) * _CHAR_IN + 0.1) / inch
    h = (len(lines) * _LINE_IN + 0.06) / inch
    r = (_NODE_PT + 3) / 72 / inch
    return {
        "below": (x - w / 2, x + w / 2, y - r - h, y - r),
        "above": (x - w / 2, x + w / 2, y + r, y + r + h),
        "right": (x + r, x + r + w, y - h / 2, y + h / 2),
        "left": (x - r - w, x - r, y - h / 2, y + h / 2),
    }[side]


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dx = min(a[1], b[1]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[2], b[2])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _place_edge_labels(
    G: nx.MultiDiGraph,
    pos: dict[str, tuple[float, float]],
    groups: list[_Group],
    node_boxes: list[tuple[float, float, float, float]],
    inch: float,
) -> dict[int, tuple[float, float]]:
    """Where each edge label goes: on its arc, at the middle when that is free,
    else slid along the arc to where it covers the least of the other labels."""
    r = _NODE_PT / 72 / inch
    taken = list(node_boxes) + [(x - r, x + r, y - r, y + r) for x, y in pos.values()]
    placed: dict[int, tuple[float, float]] = {}
    for i, g in enumerate(groups):
        if g.u == g.v:
            continue
        (x1, y1), (x2, y2) = pos[g.u], pos[g.v]
        cx = (x1 + x2) / 2 + g.rad * (y2 - y1)
        cy = (y1 + y2) / 2 - g.rad * (x2 - x1)
        w = (len(_edge_text(g)) * _CHAR_IN * 0.9 + 0.1) / inch / 2
        h = (_LINE_IN * 0.9 + 0.04) / inch / 2
        best = None
        for t in (0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75):
            x = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2
            y = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2
            box = (x - w, x + w, y - h, y + h)
            cost = sum(_overlap(box, other) for other in taken)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, x, y, box)
            if cost == 0:
                break
        assert best is not None
        placed[i] = (best[1], best[2])
        taken.append(best[3])
    return placed


def _draw_matplotlib(G: nx.MultiDiGraph, tmp: str, fmt: str, note: str) -> None:
    # The object-oriented API with no pyplot: no global backend, no GUI.
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    pos = _layout(G)
    groups = _merged_edges(G)
    sides = {n: _label_side(pos, n, groups) for n in G.nodes}
    labels = {n: G.nodes[n].get("label", n) for n in G.nodes}
    focus = set(G.graph.get("focus", "").split())
    pad = 0.6

    def bounds(inch: float) -> tuple[float, float, float, float]:
        """The box around the entities and their labels, in layout units."""
        if not pos:
            return 0.0, 6.0, 0.0, 3.0
        boxes = [_node_label_box(*pos[n], labels[n], sides[n], inch) for n in pos]
        boxes += [(x - 0.3, x + 0.3, y - 0.3, y + 0.3) for x, y in pos.values()]
        return (
            min(b[0] for b in boxes),
            max(b[1] for b in boxes),
            min(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    # inches per layout unit: 1.25, less when that would make a huge picture,
    # but never so little that labels pile up
    minx, maxx, miny, maxy = bounds(1.25)
    inch = max(min(1.25, 30.0 / (maxx - minx + 2 * pad), 26.0 / (maxy - miny + 2 * pad)), 0.5)
    minx, maxx, miny, maxy = bounds(inch)
    span_x = maxx - minx + 2 * pad
    span_y = maxy - miny + 2 * pad
    min_width = 9.0
    if span_x * inch < min_width:  # widen the view, keep one scale on both axes
        extra = (min_width / inch - span_x) / 2
        minx, maxx = minx - extra, maxx + extra
        span_x = maxx - minx + 2 * pad
    top, bottom, side = (1.3 if note else 1.0), 1.0, 0.2  # inches: title, legend, margins
    ax_w, ax_h = span_x * inch, span_y * inch
    width, height = ax_w + 2 * side, ax_h + top + bottom
    big = min(max(width / 14.0, 1.0), 1.5)  # title and legend grow with the picture

    node_boxes = [_node_label_box(*pos[n], labels[n], sides[n], inch) for n in pos]
    label_at = _place_edge_labels(G, pos, groups, node_boxes, inch)

    with matplotlib.rc_context({"svg.hashsalt": "claimkg", "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(width, height), dpi=100)
        ax = fig.add_axes((side / width, bottom / height, ax_w / width, ax_h / height))
        ax.set_axis_off()
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)

        node_size = (2 * _NODE_PT) ** 2  # points^2
        radius_pt = _NODE_PT

        # edges first, under the entities
        for i, group in enumerate(groups):
            colour, linestyle, _, _ = EDGE_STYLE[group.verdict]
            (x1, y1), (x2, y2) = pos[group.u], pos[group.v]
            text = _edge_text(group)
            weight = "bold" if group.verdict == "Contradicted" else "normal"
            if group.u == group.v:
                ax.annotate(
                    "↻ " + text,
                    (x1, y1),
                    xytext=(0, radius_pt + 4),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=9,
                    color=colour,
                    fontweight=weight,
                )
                continue
            ax.add_patch(
                FancyArrowPatch(
                    (x1, y1),
                    (x2, y2),
                    connectionstyle=f"arc3,rad={group.rad}",
                    arrowstyle="-|>",
                    mutation_scale=15,
                    shrinkA=radius_pt + 1,
                    shrinkB=radius_pt + 2,
                    color=colour,
                    linestyle=linestyle,
                    linewidth=1.4 + 0.5 * min(group.count - 1, 4),
                    zorder=1,
                )
            )
            mx, my = label_at[i]
            ax.text(
                mx,
                my,
                text,
                fontsize=9,
                color=colour,
                ha="center",
                va="center",
                zorder=3,
                fontweight=weight,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            )

        types_present = sorted(
            {d.get("type", "Other") for _, d in G.nodes(data=True)},
            key=lambda t: _TYPE_ORDER.get(t, 99),
        )
        for t in types_present:
            colour, marker = TYPE_STYLE.get(t, TYPE_STYLE["Other"])
            members = [n for n, d in G.nodes(data=True) if d.get("type", "Other") == t]
            ax.scatter(
                [pos[n][0] for n in members],
                [pos[n][1] for n in members],
                s=node_size * (0.8 if marker in "sD" else 1.0),
                c=colour,
                marker=marker,
                edgecolors="#222222",
                linewidths=[3.0 if n in focus else 1.0 for n in members],
                zorder=4,
            )
        for n in G.nodes:
            gap = radius_pt + 3
            xytext, ha, va = {
                "below": ((0, -gap), "center", "top"),
                "above": ((0, gap), "center", "bottom"),
                "right": ((gap, 0), "left", "center"),
                "left": ((-gap, 0), "right", "center"),
            }[sides[n]]
            ax.annotate(
                _wrap(labels[n]),
                pos[n],
                xytext=xytext,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=10,
                zorder=5,
                fontweight="bold" if n in focus else "normal",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
            )

        lonely = sorted(n for n in G.nodes if G.degree(n) == 0)
        if lonely and len(lonely) < G.number_of_nodes():
            ax.text(
                min(pos[n][0] for n in lonely) - 0.6,
                max(pos[n][1] for n in lonely) + 0.45,
                "entities in no claim:",
                fontsize=10,
                color="#555555",
                style="italic",
                ha="left",
                va="bottom",
            )
        if not pos:
            ax.text(
                0.5,
                0.5,
                "nothing to draw: no entity matches",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=12,
                color="#666666",
            )

        fig.text(
            0.5,
            1 - 0.3 / height,
            _title(G),
            ha="center",
            va="center",
            fontsize=14 * big,
            fontweight="bold",
        )
        fig.text(
            0.5,
            1 - 0.62 / height,
            _subtitle(G) + (f"\n{note}" if note else ""),
            ha="center",
            va="top" if note else "center",
            fontsize=10 * big,
            color="#B22222" if note else "#333333",
        )

        type_handles = []
        for t in types_present:
            colour, marker = TYPE_STYLE.get(t, TYPE_STYLE["Other"])
            type_handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=marker,
                    markersize=11,
                    markerfacecolor=colour,
                    markeredgecolor="#222222",
                    label=t,
                )
            )
        edge_handles = []
        verdicts_present = {v if v in EDGE_STYLE else "" for _, _, v in G.edges(data="verdict", default="")}
        for verdict in (*VERDICTS, ""):
            if verdict in verdicts_present:
                colour, linestyle, _, text = EDGE_STYLE[verdict]
                edge_handles.append(
                    Line2D([], [], color=colour, linestyle=linestyle, linewidth=1.8, label=text)
                )
        for row, handles in ((0.55, type_handles), (0.15, edge_handles)):
            if handles:
                fig.legend(
                    handles=handles,
                    loc="lower center",
                    ncol=len(handles),
                    frameon=False,
                    fontsize=10 * big,
                    bbox_to_anchor=(0.5, row / height),
                    borderaxespad=0,
                    handlelength=2.6,
                    columnspacing=1.6,
                )
        # no date in the SVG, a fixed hash salt: the same graph gives the same bytes
        metadata = {"Date": None} if fmt == "svg" else None
        fig.savefig(tmp, format=fmt, metadata=metadata, facecolor="white")


# --- the interactive page ----------------------------------------------------

_SVG_SHAPES = {
    # type: an SVG shape centred on 0,0 of radius about 11
    "Model": '<circle r="11"/>',
    "Method": '<rect x="-10" y="-10" width="20" height="20"/>',
    "Dataset": '<polygon points="0,-13 13,0 0,13 -13,0"/>',
    "Metric": '<polygon points="0,-13 12,9 -12,9"/>',
    "Parameter": '<polygon points="-6,-11 6,-11 12,0 6,11 -6,11 -12,0"/>',
    "Other": '<polygon points="0,-12 11,-4 7,10 -7,10 -11,-4"/>',
}


def _html(G: nx.MultiDiGraph) -> str:
    pos = _layout(G)
    unit = 95.0  # pixels per layout unit
    nodes = []
    for n, d in G.nodes(data=True):
        x, y = pos[n]
        nodes.append(
            {
                "id": n,
                "label": d.get("label", n),
                "type": d.get("type", "Other"),
                "altLabels": d.get("altLabels", ""),
                "figures": d.get("figures", ""),
                "x": round(x * unit, 1),
                "y": round(-y * unit, 1),
            }
        )
    index = {n["id"]: i for i, n in enumerate(nodes)}
    edges = []
    # parallel edges between the same two nodes get their own curvature
    seen: dict[tuple[str, str], int] = defaultdict(int)
    both = {(u, v) for u, v in G.edges()}
    for u, v, k, d in G.edges(keys=True, data=True):
        i = seen[(u, v)]
        seen[(u, v)] += 1
        alone = G.number_of_edges(u, v) == 1 and (v, u) not in both
        edges.append(
            {
                "s": index[u],
                "t": index[v],
                "key": k,
                "relation": d.get("relation", ""),
                "verdict": d.get("verdict", "") if d.get("verdict", "") in EDGE_STYLE else "",
                "origin": d.get("origin", ""),
                "figure": d.get("figure", ""),
                "evidence": d.get("evidence", ""),
                "hedge": d.get("hedge", ""),
                "context": d.get("context", ""),
                "rad": 0.08 if alone else 0.2 * (i + 1),
            }
        )
    data = {
        "title": _title(G),
        "summary": _subtitle(G),
        "nodes": nodes,
        "edges": edges,
        "types": {t: TYPE_STYLE[t][0] for t in TYPE_STYLE},
        "styles": {v: {"colour": s[0], "dash": s[2], "text": s[3]} for v, s in EDGE_STYLE.items()},
    }
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    types_present = sorted({n["type"] for n in nodes}, key=lambda t: _TYPE_ORDER.get(t, 99))
    legend_types = "".join(
        f'<span class="item" data-type="{html.escape(t)}">'
        f'<svg width="26" height="26" viewBox="-13 -13 26 26">'
        f'<g fill="{TYPE_STYLE[t][0]}" stroke="#222">{_SVG_SHAPES[t]}</g></svg>'
        f"{html.escape(t)}</span>"
        for t in types_present
    )
    verdicts_present = [v for v in (*VERDICTS, "") if any(e["verdict"] == v for e in edges)]
    legend_edges = "".join(
        f'<span class="item"><svg width="40" height="12"><line x1="2" y1="6" x2="38" y2="6" '
        f'stroke="{EDGE_STYLE[v][0]}" stroke-width="2" '
        f'stroke-dasharray="{EDGE_STYLE[v][2]}"/></svg>'
        f"{html.escape(EDGE_STYLE[v][3])}</span>"
        for v in verdicts_present
    )
    shapes = json.dumps(_SVG_SHAPES, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        _HTML_TEMPLATE.replace("@TITLE@", html.escape(_title(G)))
        .replace("@SUMMARY@", html.escape(_subtitle(G)))
        .replace("@LEGEND_TYPES@", legend_types)
        .replace("@LEGEND_EDGES@", legend_edges)
        .replace("@SHAPES@", shapes)
        .replace("@DATA@", payload)
    )


_HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, "DejaVu Sans", sans-serif; }
  body { display: flex; flex-direction: column; }
  header { padding: 8px 14px; border-bottom: 1px solid #ddd; }
  h1 { font-size: 17px; margin: 0 0 2px 0; }
  .summary { color: #444; font-size: 13px; }
  .legend { font-size: 13px; margin-top: 4px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
  .legend .item { display: inline-flex; align-items: center; gap: 4px; cursor: default; }
  .legend .item[data-type] { cursor: pointer; }
  .legend .item.off { opacity: 0.35; }
  .help { color: #777; font-size: 12px; }
  #canvas { flex: 1; width: 100%; background: #fff; cursor: grab; touch-action: none; }
  .node { cursor: pointer; }
  .node text { font-size: 12px; paint-order: stroke; stroke: #fff; stroke-width: 3px; fill: #111; }
  .edge path.line { fill: none; stroke-width: 1.6; }
  .edge path.hit { fill: none; stroke: transparent; stroke-width: 10; cursor: help; }
  .edge text { font-size: 10px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
  .faded { opacity: 0.12; }
  .hidden { display: none; }
  #tip { position: fixed; pointer-events: none; background: #fffff4; border: 1px solid #999;
         border-radius: 4px; padding: 6px 8px; font-size: 12px; max-width: 420px;
         box-shadow: 0 2px 6px rgba(0,0,0,.2); display: none; }
  #tip b { font-size: 13px; }
  #tip .k { color: #666; }
</style>
</head>
<body>
<header>
  <h1>@TITLE@</h1>
  <div class="summary">@SUMMARY@</div>
  <div class="legend">@LEGEND_TYPES@ @LEGEND_EDGES@
    <span class="help">hover for evidence and verdict · click an entity to focus on it · drag to move · wheel to zoom · click a type to hide it</span>
  </div>
</header>
<svg id="canvas" xmlns="http://www.w3.org/2000/svg"></svg>
<div id="tip"></div>
<script>
"use strict";
(function () {
  const DATA = @DATA@;
  const SHAPES = @SHAPES@;
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.getElementById("canvas");
  const tip = document.getElementById("tip");
  const R = 13;
  const ORIGIN = {FromText: "stated in the text", FromData: "found in the numbers alone",
                  Triple: "a plain triple no claim stands for"};

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  const defs = el("defs", {}, svg);
  for (const v in DATA.styles) {
    const m = el("marker", {id: "arrow" + (v || "Triple"), viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse"}, defs);
    el("path", {d: "M0,0 L10,5 L0,10 z", fill: DATA.styles[v].colour}, m);
  }
  const world = el("g", {}, svg);
  const edgeLayer = el("g", {}, world);
  const nodeLayer = el("g", {}, world);

  function geometry(e) {
    const a = DATA.nodes[e.s], b = DATA.nodes[e.t];
    const dx = b.x - a.x, dy = b.y - a.y;
    // the same control point as matplotlib's arc3 (y points down here)
    const cx = (a.x + b.x) / 2 - e.rad * dy, cy = (a.y + b.y) / 2 + e.rad * dx;
    function towards(px, py, qx, qy, r) {
      const l = Math.hypot(qx - px, qy - py) || 1;
      return [px + (qx - px) * r / l, py + (qy - py) * r / l];
    }
    const p0 = towards(a.x, a.y, cx, cy, R), p2 = towards(b.x, b.y, cx, cy, R + 2);
    return {d: "M" + p0[0] + "," + p0[1] + " Q" + cx + "," + cy + " " + p2[0] + "," + p2[1],
            mx: 0.25 * a.x + 0.5 * cx + 0.25 * b.x, my: 0.25 * a.y + 0.5 * cy + 0.25 * b.y};
  }
  function edgeText(e) {
    return (e.verdict === "Contradicted" ? "\\u2717 " : e.verdict === "Unverifiable" ? "? " : "") + e.relation;
  }
  DATA.edges.forEach(function (e) {
    const st = DATA.styles[e.verdict];
    const g = el("g", {"class": "edge"}, edgeLayer);
    e.line = el("path", {"class": "line", stroke: st.colour, "stroke-dasharray": st.dash,
      "marker-end": "url(#arrow" + (e.verdict || "Triple") + ")"}, g);
    e.hit = el("path", {"class": "hit"}, g);
    e.text = el("text", {fill: st.colour, "text-anchor": "middle", "dominant-baseline": "middle"}, g);
    e.text.textContent = edgeText(e);
    e.g = g;
    g.addEventListener("mousemove", function (ev) { showTip(ev, edgeTip(e)); });
    g.addEventListener("mouseleave", hideTip);
  });
  DATA.nodes.forEach(function (n, i) {
    const g = el("g", {"class": "node"}, nodeLayer);
    const shape = el("g", {fill: DATA.types[n.type] || "#bbb", stroke: "#222", "stroke-width": "1"}, g);
    shape.innerHTML = SHAPES[n.type] || SHAPES.Other;
    const t = el("text", {y: "27", "text-anchor": "middle"}, g);
    t.textContent = n.label;
    n.g = g;
    g.addEventListener("mousemove", function (ev) { showTip(ev, nodeTip(n)); });
    g.addEventListener("mouseleave", hideTip);
    g.addEventListener("pointerdown", function (ev) { startDrag(ev, n); });
  });

  function place() {
    DATA.nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x + "," + n.y + ")"); });
    DATA.edges.forEach(function (e) {
      const gm = geometry(e);
      e.line.setAttribute("d", gm.d);
      e.hit.setAttribute("d", gm.d);
      e.text.setAttribute("x", gm.mx);
      e.text.setAttribute("y", gm.my);
    });
  }

  function esc(s) { const d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
  function row(k, v) { return v ? "<div><span class=k>" + esc(k) + ":</span> " + esc(v) + "</div>" : ""; }
  function nodeTip(n) {
    return "<b>" + esc(n.label) + "</b> (" + esc(n.type) + ")" + row("also called", n.altLabels) +
      row("figures", n.figures) + row("IRI", n.id);
  }
  function edgeTip(e) {
    const verdict = e.verdict || "no claim (plain triple)";
    return "<b>" + esc(DATA.nodes[e.s].label + " " + e.relation + " " + DATA.nodes[e.t].label) + "</b>" +
      row("verdict", verdict) + row("evidence", e.evidence ? "\\u201c" + e.evidence + "\\u201d" : "") +
      row("hedge", e.hedge) + row("context", e.context) + row("figure", e.figure) +
      row("origin", ORIGIN[e.origin] || e.origin) + row("claim", e.key.indexOf("triple:") === 0 ? "" : e.key);
  }
  function showTip(ev, content) {
    if (dragging) return;
    tip.innerHTML = content;
    tip.style.display = "block";
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(ev.clientX + 14, window.innerWidth - w - 8) + "px";
    tip.style.top = Math.min(ev.clientY + 14, window.innerHeight - h - 8) + "px";
  }
  function hideTip() { tip.style.display = "none"; }

  // zoom and pan
  let view = {x: 0, y: 0, k: 1};
  function applyView() { world.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }
  function fit() {
    const r = svg.getBoundingClientRect();
    if (!DATA.nodes.length) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    DATA.nodes.forEach(function (n) { x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y); x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y); });
    const pad = 70;
    const k = Math.min(1.6, r.width / (x1 - x0 + 2 * pad), r.height / (y1 - y0 + 2 * pad));
    view = {k: k, x: r.width / 2 - k * (x0 + x1) / 2, y: r.height / 2 - k * (y0 + y1) / 2};
    applyView();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    const f = Math.exp(-ev.deltaY * 0.0015);
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.k *= f;
    applyView();
  }, {passive: false});

  let dragging = null, moved = false;
  function startDrag(ev, n) { ev.stopPropagation(); dragging = {n: n, x: ev.clientX, y: ev.clientY}; moved = false; hideTip(); }
  svg.addEventListener("pointerdown", function (ev) { dragging = {pan: true, x: ev.clientX, y: ev.clientY}; moved = false; });
  window.addEventListener("pointermove", function (ev) {
    if (!dragging) return;
    const dx = ev.clientX - dragging.x, dy = ev.clientY - dragging.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) moved = true;
    dragging.x = ev.clientX; dragging.y = ev.clientY;
    if (dragging.pan) { view.x += dx; view.y += dy; applyView(); }
    else { dragging.n.x += dx / view.k; dragging.n.y += dy / view.k; place(); }
  });
  window.addEventListener("pointerup", function () {
    const d = dragging; dragging = null;
    if (!d || moved) return;
    focus(d.pan ? null : d.n);
  });

  // click an entity: fade everything more than one claim away
  function focus(n) {
    const keep = new Set();
    if (n) {
      const i = DATA.nodes.indexOf(n);
      keep.add(i);
      DATA.edges.forEach(function (e) { if (e.s === i) keep.add(e.t); if (e.t === i) keep.add(e.s); });
    }
    DATA.nodes.forEach(function (m, j) { m.g.classList.toggle("faded", !!n && !keep.has(j)); });
    DATA.edges.forEach(function (e) {
      const i = DATA.nodes.indexOf(n);
      e.g.classList.toggle("faded", !!n && e.s !== i && e.t !== i);
    });
  }

  // click a type in the legend: hide or show those entities and their edges
  const hiddenTypes = new Set();
  document.querySelectorAll(".legend .item[data-type]").forEach(function (item) {
    item.addEventListener("click", function () {
      const t = item.getAttribute("data-type");
      if (hiddenTypes.has(t)) hiddenTypes.delete(t); else hiddenTypes.add(t);
      item.classList.toggle("off", hiddenTypes.has(t));
      DATA.nodes.forEach(function (n) { n.g.classList.toggle("hidden", hiddenTypes.has(n.type)); });
      DATA.edges.forEach(function (e) {
        e.g.classList.toggle("hidden", hiddenTypes.has(DATA.nodes[e.s].type) || hiddenTypes.has(DATA.nodes[e.t].type));
      });
    });
  });

  if (!DATA.nodes.length) {
    const t = el("text", {x: "50%", y: "50%", "text-anchor": "middle", fill: "#666"}, svg);
    t.textContent = "nothing to draw: no entity matches";
  }
  place();
  fit();
  window.addEventListener("resize", fit);
})();
</script>
</body>
</html>
"""


# --- the command -------------------------------------------------------------


def viz_cli(
    graph_path: str,
    output: str,
    figure: str | None = None,
    entity: str | None = None,
    relation: str | None = None,
) -> int:
    """`kg viz GRAPH -o OUTPUT`: draw the graph's claims; 0 on success.

    Raises GraphInputError (unreadable graph, unknown figure/entity/relation)
    or OutputError (unknown suffix, unwritable place); the CLI turns them
    into exit code 2.
    """
    from kg.validate import load_graph

    _output_suffix(output)  # fail before reading the graph
    g = load_graph(graph_path)
    G = relation_graph(g, figure=figure, entity=entity, relation=relation)
    G.graph["source"] = Path(graph_path).name
    result = draw(G, output)
    line = f"wrote {output}: {_summary(G)}"
    if result.note:
        line += f"\n  {result.note}"
    print(line)
    return 0
