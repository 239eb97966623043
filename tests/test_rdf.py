"""The RDF edge: slots point at entities of the right type."""

from rdflib.namespace import RDF

from kg.link import link
from kg.model import (
    Claim,
    ClaimOrigin,
    Document,
    EntityType,
    FigureExtraction,
    Mention,
    Observation,
    ParsedFigure,
    Verdict,
)
from kg.rdf import to_dataset, union
from kg.vocab import CKG


def test_rdf_a_name_typed_two_ways_fills_each_slot_with_the_right_entity():
    figure = ParsedFigure(Document("f.md", "f.md", "x"), "t", None, (), (), (), (), ())
    extraction = FigureExtraction(
        figure,
        (
            Mention("Sad", EntityType.DATASET),
            Mention("Sad", EntityType.METHOD),
            Mention("Acc", EntityType.METRIC),
        ),
        (Observation(value=0.7, metric="Acc", system="Sad", dataset="Sad"),),
        (Claim("Sad", "outperforms", "Sad", ClaimOrigin.TEXT, evidence="x", verdict=Verdict.UNVERIFIABLE),),
    )
    graph = union(to_dataset(link([extraction])))
    (observation,) = graph.subjects(RDF.type, CKG.Observation)
    assert (graph.value(observation, CKG.system), RDF.type, CKG.Method) in graph
    assert (graph.value(observation, CKG.dataset), RDF.type, CKG.Dataset) in graph
    (claim,) = graph.subjects(RDF.type, CKG.Claim)
    assert (graph.value(claim, RDF.subject), RDF.type, CKG.Method) in graph
