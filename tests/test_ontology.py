"""ontology/claimkg.ttl: parses, is consistent under OWL-RL, aligns with standards."""

from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.vocab import CKG, ID, MLS, ONTOLOGY_PATH, QB

ONTOLOGY_IRI = URIRef("https://w3id.org/claimkg/ontology")
SHAPE_FIXTURES = Path(__file__).parent / "data" / "shapes"
# where owlrl writes the inconsistencies it finds (owlrl/Closure.py)
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


def load_ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def owlrl_problems(graph: Graph) -> list[str]:
    """Expand graph in place with OWL-RL; return what owlrl found inconsistent."""
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    problems = sorted(str(message) for message in graph.objects(None, OWLRL_ERRORS.error))
    problems += sorted(f"{node} is of type owl:Nothing" for node in graph.subjects(RDF.type, OWL.Nothing))
    return problems


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_ontology_declares_its_iri(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, RDFS.comment) is not None


def test_ontology_owlrl_closure_is_consistent():
    assert owlrl_problems(load_ontology()) == []


def test_ontology_with_conforming_data_is_consistent():
    # the disjointness axioms must not fire on data the shapes accept
    graph = load_ontology()
    for fixture in sorted(SHAPE_FIXTURES.glob("*.ok.ttl")):
        graph.parse(fixture, format="turtle")
    assert owlrl_problems(graph) == []


def test_ontology_owlrl_catches_a_figure_typed_observation():
    # the check above is not vacuous: owlrl does report disjointness clashes
    graph = load_ontology()
    node = ID["figure/000"]
    graph.add((node, RDF.type, CKG.Figure))
    graph.add((node, RDF.type, CKG.Observation))
    assert owlrl_problems(graph)


@pytest.mark.parametrize(
    ("term", "relation", "standard_term"),
    [
        (CKG.Observation, RDFS.subClassOf, QB.Observation),
        (CKG.Observation, RDFS.subClassOf, MLS.ModelEvaluation),
        (CKG.Observation, RDFS.subClassOf, PROV.Entity),
        (CKG.Claim, RDFS.subClassOf, PROV.Entity),
        (CKG.Claim, RDFS.subClassOf, RDF.Statement),
        (CKG.Figure, RDFS.subClassOf, PROV.Entity),
        (CKG.Metric, RDFS.subClassOf, MLS.EvaluationMeasure),
        (CKG.Dataset, RDFS.subClassOf, MLS.Dataset),
        (CKG.Model, RDFS.subClassOf, MLS.Model),
        (CKG.Method, RDFS.subClassOf, MLS.Algorithm),
        (CKG.Parameter, RDFS.subClassOf, MLS.HyperParameter),
        (CKG.Setting, RDFS.subClassOf, MLS.HyperParameterSetting),
        (CKG.Verdict, RDFS.subClassOf, SKOS.Concept),
        (CKG.metric, RDFS.subPropertyOf, MLS.specifiedBy),
        (CKG.parameter, RDFS.subPropertyOf, MLS.specifiedBy),
        (CKG.value, RDFS.subPropertyOf, MLS.hasValue),
        (CKG.figure, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (CKG.value, RDF.type, QB.MeasureProperty),
        (CKG.metric, RDF.type, QB.DimensionProperty),
    ],
)
def test_ontology_aligns_with_standard(ontology, term, relation, standard_term):
    assert (term, relation, standard_term) in ontology


def test_ontology_observation_is_inferred_a_qb_and_prov_entity():
    graph = load_ontology()
    observation = ID["observation/000/x"]
    graph.add((observation, RDF.type, CKG.Observation))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    for standard_class in (QB.Observation, MLS.ModelEvaluation, PROV.Entity):
        assert (observation, RDF.type, standard_class) in graph


@pytest.mark.parametrize(
    "characteristic",
    [
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.AsymmetricProperty,
        OWL.IrreflexiveProperty,
        OWL.TransitiveProperty,
    ],
)
def test_ontology_makes_no_property_characteristic_claims(ontology, characteristic):
    # real extractions can break these; the shapes report such data instead
    assert list(ontology.subjects(RDF.type, characteristic)) == []


@pytest.mark.parametrize("property_type", [OWL.ObjectProperty, OWL.DatatypeProperty])
def test_ontology_every_property_has_a_domain(ontology, property_type):
    without_domain = sorted(
        str(prop)
        for prop in ontology.subjects(RDF.type, property_type)
        if ontology.value(prop, RDFS.domain) is None
    )
    assert without_domain == []


def test_ontology_every_object_property_has_a_range(ontology):
    without_range = sorted(
        str(prop)
        for prop in ontology.subjects(RDF.type, OWL.ObjectProperty)
        if ontology.value(prop, RDFS.range) is None
    )
    assert without_range == []


@pytest.mark.parametrize(
    ("individual", "cls"),
    [
        (CKG.Supported, CKG.Verdict),
        (CKG.Contradicted, CKG.Verdict),
        (CKG.Unverifiable, CKG.Verdict),
        (CKG.FromText, CKG.ClaimOrigin),
        (CKG.FromData, CKG.ClaimOrigin),
    ],
)
def test_ontology_individuals_have_their_class(ontology, individual, cls):
    assert (individual, RDF.type, cls) in ontology
