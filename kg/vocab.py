"""The ckg: terms for Python, and the namespaces the graph uses.

`ontology/claimkg.ttl` is the source of truth; tests/test_vocab.py checks that
`CKG` declares exactly the terms the ontology defines. `_fail = True` makes a
misspelt term (`CKG.outperform`) an AttributeError instead of a silent new IRI.
"""

# No `from __future__ import annotations`: DefinedNamespace reads the
# annotations at run time (as_jsonld_context checks they are URIRef classes).
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

REPO_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_PATH = REPO_ROOT / "ontology" / "claimkg.ttl"
SHAPES_DIR = REPO_ROOT / "shapes"

ID = Namespace("https://w3id.org/claimkg/id/")
MLS = Namespace("http://www.w3.org/ns/mls#")
QB = Namespace("http://purl.org/linked-data/cube#")


class CKG(DefinedNamespace):
    """claimkg ontology: https://w3id.org/claimkg/ontology#"""

    _NS = Namespace("https://w3id.org/claimkg/ontology#")
    _fail = True

    # classes
    Figure: URIRef  # one input document
    Axis: URIRef  # an axis the description states
    Model: URIRef  # a trained model
    Method: URIRef  # a method / algorithm / configuration compared
    Dataset: URIRef  # a dataset or benchmark
    Metric: URIRef  # a measured quantity
    Parameter: URIRef  # a quantity the experimenter sets
    Observation: URIRef  # one value read off a figure
    Setting: URIRef  # one parameter at one value
    Claim: URIRef  # one reified statement about a figure
    Verdict: URIRef  # outcome of checking a claim
    ClaimOrigin: URIRef  # text or numbers

    # individuals
    Supported: URIRef  # verdict: the numbers agree
    Contradicted: URIRef  # verdict: the numbers disagree
    Unverifiable: URIRef  # verdict: the numbers cannot tell
    FromText: URIRef  # origin: a sentence states the claim
    FromData: URIRef  # origin: found in the numbers alone

    # object properties
    appearsIn: URIRef  # entity -> Figure naming it
    figure: URIRef  # Observation/Claim -> Figure
    metric: URIRef  # Observation -> Metric
    system: URIRef  # Observation -> Model or Method
    model: URIRef  # Observation -> Model a method ran on
    dataset: URIRef  # Observation -> Dataset
    condition: URIRef  # Observation -> Setting
    parameter: URIRef  # Setting -> Parameter
    axis: URIRef  # Figure -> Axis
    axisMetric: URIRef  # Axis -> Metric it plots
    axisParameter: URIRef  # Axis -> Parameter it plots
    panelDataset: URIRef  # Axis -> Dataset of its panel
    contextMetric: URIRef  # Claim -> Metric it is about
    contextDataset: URIRef  # Claim -> Dataset it is restricted to
    contextModel: URIRef  # Claim -> Model it is restricted to
    refutedBy: URIRef  # Claim -> Observation disagreeing
    supportedBy: URIRef  # Claim -> Observation agreeing
    verdict: URIRef  # Claim -> Verdict
    origin: URIRef  # Claim -> ClaimOrigin
    outperforms: URIRef  # Model/Method -> Model/Method
    decreasesWith: URIRef  # Metric -> Parameter or Metric
    increasesWith: URIRef  # Metric -> Parameter or Metric
    peaksAt: URIRef  # Metric -> Parameter: rises then falls
    plateausWith: URIRef  # Metric -> Parameter: levels off
    tradeOffWith: URIRef  # Metric -> Metric: one rises as the other falls

    # datatype properties
    sourceFile: URIRef  # Figure: input file name, no folder
    value: URIRef  # Observation: the number
    parameterValue: URIRef  # Setting: the parameter's value
    evidence: URIRef  # Claim: the sentence stating it
    hedge: URIRef  # Claim: hedge word as written
    sourceLine: URIRef  # Observation/Claim: 1-based line
    sourceText: URIRef  # Observation: the source line, stripped
    approximate: URIRef  # Observation: written with ~, ≈, ...
    unit: URIRef  # Axis/Observation: unit as written
    chartType: URIRef  # Figure: "line chart", ...
    truncated: URIRef  # Figure: the text is cut off
    axisRole: URIRef  # Axis: "x", "y", "y2", "color"
    rangeMin: URIRef  # Axis: stated low end
    rangeMax: URIRef  # Axis: stated high end
    scale: URIRef  # Axis: "log" / "linear"
    lowerIsBetter: URIRef  # Metric: lower values are better


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes claimkg writes with; returns the graph for chaining."""
    prefixes = {
        "ckg": CKG._NS,
        "ckgid": ID,
        "rdf": RDF._NS,
        "rdfs": RDFS._NS,
        "skos": SKOS._NS,
        "dcterms": DCTERMS._NS,
        "prov": PROV._NS,
        "xsd": XSD._NS,
        "qb": QB,
        "mls": MLS,
        "owl": OWL._NS,
        "sh": SH._NS,
    }
    for prefix, namespace in prefixes.items():
        # replace=True: rdflib may already hold a default binding for the same prefix
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
