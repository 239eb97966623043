"""SHACL validation of a claimkg graph with the shapes in shapes/.

    load_graph(path)          any RDF file claimkg writes -> one rdflib.Graph
    validate_graph(graph)     -> Report (conforms, sorted results, sh:ValidationReport graph)
    format_report(report)     -> readable summary
    validate_cli(path, ...)   the `kg validate` command: 0 conforms, 1 violations, 2 unusable input

Inference is "none" on purpose. With "rdfs", the ontology's rdfs:range axioms
would type every object of ckg:metric as a ckg:Metric (and so on), and the
shapes' sh:class checks could never fail. SHACL itself still follows
rdfs:subClassOf for sh:targetClass and sh:class, and the ontology is mixed
into (a copy of) the data graph, so subclass reasoning is not lost.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node, URIRef

from kg.errors import ClaimKGError, GraphInputError, OutputError
from kg.output import write_text
from kg.vocab import CKG, ONTOLOGY_PATH, SHAPES_DIR, bind_prefixes

# file suffix -> rdflib parser name
GRAPH_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
}

SHAPES_NAMESPACE = "https://w3id.org/claimkg/shapes#"

# formats that may hold named graphs: read into a Dataset, then merged
QUAD_FORMATS = {"trig", "nquads", "json-ld"}

SEVERITIES = ("Violation", "Warning", "Info")  # most severe first


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # "Violation", "Warning" or "Info"
    focus_node: str  # IRI (or blank node id) of the node the result is about
    focus_label: str  # its rdfs:label, else an observation's ckg:sourceText, else the IRI
    message: str
    path: str | None  # sh:resultPath when it is a plain property
    shape: str | None  # sh:sourceShape


@dataclass(frozen=True)
class Report:
    conforms: bool  # True when there is no sh:Violation (warnings allowed)
    results: tuple[ValidationResult, ...]  # distinct, most severe first, then by focus node
    graph: Graph  # the sh:ValidationReport graph


# --- loading -----------------------------------------------------------------


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Read an RDF file into one Graph; named graphs are merged (their union).

    The format comes from the suffix. Raises GraphInputError naming the file
    when it is missing, of an unknown format or cannot be parsed.
    """
    file_path = Path(path)
    rdf_format = GRAPH_FORMATS.get(file_path.suffix.lower())
    if rdf_format is None:
        known = " ".join(sorted(GRAPH_FORMATS))
        msg = f"{path}: unknown graph format {file_path.suffix!r}; use one of {known}"
        raise GraphInputError(msg)
    if not file_path.is_file():
        reason = "is a folder, not a graph file" if file_path.is_dir() else "no such file"
        msg = f"{path}: {reason}"
        raise GraphInputError(msg)
    try:
        if rdf_format not in QUAD_FORMATS:
            return Graph().parse(file_path, format=rdf_format)
        dataset = Dataset()
        dataset.parse(file_path, format=rdf_format)
    except Exception as err:
        # rdflib's parsers raise many unrelated types (BadSyntax, JSONDecodeError,
        # SAXParseException, UnicodeDecodeError, ...): any of them means unusable input.
        detail = " ".join(str(err).split())[:300] or type(err).__name__
        msg = f"{path}: cannot be read as {rdf_format}: {detail}"
        raise GraphInputError(msg) from err
    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)
    for subject, predicate, obj, _context in dataset.quads((None, None, None, None)):
        graph.add((subject, predicate, obj))
    return graph


@cache
def _shapes_graph() -> Graph:
    shape_files = sorted(SHAPES_DIR.glob("*.ttl"))
    if not shape_files:
        msg = f"{SHAPES_DIR}: no SHACL shapes (*.ttl) found"
        raise FileNotFoundError(msg)
    shapes = Graph()
    for shape_file in shape_files:
        shapes.parse(shape_file, format="turtle")
    return shapes


@cache
def _ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


# --- validating --------------------------------------------------------------


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL text once.

    pyshacl sends the same SHACL-SPARQL query text once per focus node, and
    rdflib re-parses it every time: parsing (~50 ms) costs far more than
    evaluating (~1 ms), so the seed graph took ~25 s to validate instead of ~3.
    """

    def query(  # type: ignore[override]
        self,
        query_object,
        processor="sparql",
        result="sparql",
        initNs=None,  # noqa: N803 - rdflib's names
        initBindings=None,  # noqa: N803
        use_store_provided=True,
        **kwargs,
    ):
        # initNs and base change the parse: only plain text is cached (pyshacl
        # writes the prefixes into the text and passes neither)
        if isinstance(query_object, str) and not initNs and "base" not in kwargs:
            query_object = _prepared_query(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@lru_cache(maxsize=64)
def _prepared_query(text: str) -> Query:
    return prepareQuery(text)


def validate_graph(data_graph: Graph) -> Report:
    """Validate with every shape in shapes/; the data graph is not modified."""
    # The ontology is mixed in here rather than by pyshacl (ont_graph=) so that
    # the graph pyshacl queries is a _PreparedQueryGraph; SHACL's sh:class and
    # sh:targetClass then follow the ontology's rdfs:subClassOf.
    combined = _PreparedQueryGraph()
    for triple in data_graph:
        combined.add(triple)
    for triple in _ontology_graph():
        combined.add(triple)
    _conforms, report_graph, _text = pyshacl.validate(
        combined,
        shacl_graph=_shapes_graph(),
        inference="none",
        allow_warnings=True,
        advanced=False,
        inplace=True,  # combined is our own copy
    )
    bind_prefixes(report_graph)
    # set(): one shape can yield the same result twice (a string "58" fails both
    # sh:datatype and sh:minInclusive); a reader needs to see it once
    results = tuple(sorted(set(_read_results(report_graph, data_graph)), key=_result_sort_key))
    conforms = not any(result.severity == "Violation" for result in results)
    return Report(conforms=conforms, results=results, graph=report_graph)


def _read_results(report_graph: Graph, data_graph: Graph) -> list[ValidationResult]:
    results = []
    for result_node in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result_node, SH.focusNode)
        severity = report_graph.value(result_node, SH.resultSeverity)
        path = report_graph.value(result_node, SH.resultPath)
        shape = report_graph.value(result_node, SH.sourceShape)
        messages = sorted(str(m) for m in report_graph.objects(result_node, SH.resultMessage))
        results.append(
            ValidationResult(
                severity=_local_name(severity) if severity is not None else "Violation",
                focus_node=str(focus),
                focus_label=_label_of(data_graph, focus),
                message=" ".join(messages) or "(no message)",
                # complex paths are blank nodes: no stable name to show
                path=str(path) if isinstance(path, URIRef) else None,
                shape=str(shape) if isinstance(shape, URIRef) else None,
            )
        )
    return results


def _local_name(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label_of(data_graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    # sorted: a node with several labels (itself a violation) still shows the same one every run
    for predicate in (RDFS.label, CKG.sourceText):
        values = sorted(str(v) for v in data_graph.objects(node, predicate) if isinstance(v, Literal))
        if values:
            return values[0]
    return str(node)


def _result_sort_key(result: ValidationResult) -> tuple:
    rank = SEVERITIES.index(result.severity) if result.severity in SEVERITIES else len(SEVERITIES)
    return (rank, result.focus_node, result.path or "", result.shape or "", result.message)


# --- reporting ---------------------------------------------------------------


def format_report(report: Report) -> str:
    """Counts by severity, then one line per result: `SEVERITY  label: message`."""
    counts = Counter(result.severity for result in report.results)
    verdict = "conforms" if report.conforms else "does not conform"
    count_text = ", ".join(f"{counts.get(s, 0)} {s.lower()}s" for s in SEVERITIES)
    lines = [f"{verdict}: {count_text}"]
    lines.extend(
        f"{result.severity.upper():<9}  {result.focus_label}: {result.message}" for result in report.results
    )
    return "\n".join(lines)


def write_report(report: Report, report_path: str | os.PathLike[str]) -> None:
    """Write the report graph as Turtle, atomically: a temp file then os.replace.

    Blank nodes are canonicalised first so the same report gives the same file.
    """
    target = Path(report_path)
    folder = target.parent
    if not folder.is_dir():
        msg = f"{report_path}: cannot write the report: folder {folder} does not exist"
        raise OutputError(msg)
    canonical = bind_prefixes(Graph())
    canonical.bind("ckgsh", SHAPES_NAMESPACE)
    for triple in to_canonical_graph(report.graph):
        canonical.add(triple)
    write_text(target, canonical.serialize(format="turtle"))


def validate_cli(graph_path: str, report_path: str | None = None) -> int:
    """`kg validate`: print the summary; 0 conforms, 1 violations, 2 unusable input."""
    try:
        report = validate_graph(load_graph(graph_path))
        print(format_report(report))
        if report_path is not None:
            write_report(report, report_path)
    except ClaimKGError as err:
        print(f"kg validate: error: {err}", file=sys.stderr)
        return 2
    return 0 if report.conforms else 1
