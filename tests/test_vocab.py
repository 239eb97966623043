"""kg/vocab.py and ontology/claimkg.ttl declare the same ckg: terms."""

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.vocab import CKG, ID, MLS, ONTOLOGY_PATH, QB, SHAPES_DIR, bind_prefixes

CKG_NS = str(CKG._NS)
DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def declared_terms(ontology: Graph) -> set[str]:
    return {
        str(term)
        for declaring_type in DECLARING_TYPES
        for term in ontology.subjects(RDF.type, declaring_type)
        if str(term).startswith(CKG_NS)
    }


def python_terms() -> set[str]:
    return {str(term) for term in dir(CKG)}


def test_vocab_declares_every_ontology_term(ontology):
    missing = declared_terms(ontology) - python_terms()
    assert not missing, f"in the ontology but not in kg.vocab.CKG: {sorted(missing)}"


def test_vocab_declares_no_term_the_ontology_lacks(ontology):
    extra = python_terms() - declared_terms(ontology)
    assert not extra, f"in kg.vocab.CKG but not declared in the ontology: {sorted(extra)}"


def test_vocab_ontology_uses_only_declared_terms(ontology):
    # catches a typo in a domain, range or subPropertyOf that declares nothing
    used = {str(node) for triple in ontology for node in triple if str(node).startswith(CKG_NS)}
    assert used <= declared_terms(ontology)


def test_vocab_shapes_use_only_declared_terms():
    # SPARQL text included: a misspelt ckg: name there would silently match nothing
    used = set()
    for shape_file in sorted(SHAPES_DIR.glob("*.ttl")):
        text = shape_file.read_text(encoding="utf-8")
        used |= {CKG_NS + name for name in re.findall(r"\bckg:(\w+)", text)}
    assert used, "no ckg: term found in shapes/"
    assert used <= python_terms(), sorted(used - python_terms())


@pytest.mark.parametrize("annotation", [RDFS.label, RDFS.comment])
def test_vocab_every_ontology_term_is_annotated(ontology, annotation):
    unannotated = sorted(
        term for term in declared_terms(ontology) if ontology.value(URIRef(term), annotation) is None
    )
    assert not unannotated, f"terms without {annotation}: {unannotated}"


@pytest.mark.parametrize("name", ["Figure", "value", "outperforms", "Supported", "FromData"])
def test_vocab_terms_are_ontology_iris(name):
    assert str(getattr(CKG, name)) == CKG_NS + name


def test_vocab_unknown_term_is_an_error():
    with pytest.raises(AttributeError):
        CKG.outperform  # noqa: B018 - the lookup itself must fail


def test_vocab_paths_ship_with_the_repo():
    assert ONTOLOGY_PATH.is_file()
    assert SHAPES_DIR.is_dir()
    assert list(SHAPES_DIR.glob("*.ttl"))


@pytest.mark.parametrize(
    ("prefix", "namespace"),
    [
        ("ckg", "https://w3id.org/claimkg/ontology#"),
        ("ckgid", "https://w3id.org/claimkg/id/"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("qb", "http://purl.org/linked-data/cube#"),
        ("mls", "http://www.w3.org/ns/mls#"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("sh", "http://www.w3.org/ns/shacl#"),
    ],
)
def test_vocab_bind_prefixes_binds(prefix, namespace):
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    bound = {name: str(iri) for name, iri in graph.namespaces()}
    assert bound[prefix] == namespace


def test_vocab_bind_prefixes_writes_short_names():
    graph = bind_prefixes(Graph())
    graph.add((ID["model/llama-2-7b"], RDF.type, CKG.Model))
    turtle = graph.serialize(format="turtle")
    assert "a ckg:Model" in turtle


def test_vocab_namespace_constants():
    assert str(ID) == "https://w3id.org/claimkg/id/"
    assert str(MLS) == "http://www.w3.org/ns/mls#"
    assert str(QB) == "http://purl.org/linked-data/cube#"
