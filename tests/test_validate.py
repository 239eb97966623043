"""kg/validate.py and the SHACL shapes in shapes/.

Fixtures in tests/data/shapes/: `<Shape>.ok.ttl` conforms to the node shape
<Shape>; `<Shape>[.case].bad.ttl` breaks the shape <Shape> (a property or
SPARQL shape) and nothing else, unless EXPECTED_RESULTS says otherwise.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.cli import main as kg_main
from kg.errors import GraphInputError
from kg.validate import (
    Report,
    ValidationResult,
    format_report,
    load_graph,
    validate_cli,
    validate_graph,
)
from kg.vocab import CKG, ID, SHAPES_DIR

FIXTURES = Path(__file__).parent / "data" / "shapes"
SHAPES_NS = "https://w3id.org/claimkg/shapes#"

V, W = "Violation", "Warning"

# fixture -> the exact results: (severity, focus node under id:, shape local name)
EXPECTED_RESULTS: dict[str, set[tuple[str, str, str]]] = {
    "Figure-sourceFile.missing.bad": {(V, "figure/000", "Figure-sourceFile")},
    "Figure-sourceFile.folder.bad": {(V, "figure/000", "Figure-sourceFile")},
    "Figure-sourceFile.datatype.bad": {(V, "figure/000", "Figure-sourceFile")},
    "Figure-title.bad": {(V, "figure/000", "Figure-title")},
    "Figure-chartType.bad": {(V, "figure/000", "Figure-chartType")},
    "Figure-truncated.bad": {(V, "figure/000", "Figure-truncated")},
    "Figure-axis.bad": {(V, "figure/000", "Figure-axis")},
    "Axis-figure.bad": {(V, "figure/000/axis/y", "Axis-figure")},
    "Axis-role.bad": {(V, "figure/000/axis/y", "Axis-role")},
    "Axis-label.bad": {(V, "figure/000/axis/y", "Axis-label")},
    "Axis-metric.bad": {(V, "figure/000/axis/y", "Axis-metric")},
    "Axis-parameter.bad": {(V, "figure/000/axis/x", "Axis-parameter")},
    "Axis-rangeMin.bad": {(V, "figure/000/axis/y", "Axis-rangeMin")},
    "Axis-rangeMax.bad": {(V, "figure/000/axis/y", "Axis-rangeMax")},
    "Axis-rangeOrder.bad": {(V, "figure/000/axis/y", "Axis-rangeOrder")},
    "Axis-scale.bad": {(V, "figure/000/axis/y", "Axis-scale")},
    "Axis-unit.bad": {(V, "figure/000/axis/y", "Axis-unit")},
    "Axis-panelDataset.bad": {(V, "figure/000/axis/y-cola", "Axis-panelDataset")},
    "Entity-label.missing.bad": {(V, "model/a", "Entity-label")},
    "Entity-label.two.bad": {(V, "dataset/cola", "Entity-label")},
    "Entity-altLabel.bad": {(V, "method/h2o", "Entity-altLabel")},
    "Entity-appearsIn.bad": {(V, "parameter/kv-budget", "Entity-appearsIn")},
    "Metric-lowerIsBetter.bad": {(V, "metric/perplexity", "Metric-lowerIsBetter")},
    "Observation-valueCount.bad": {(V, "observation/000/x", "Observation-valueCount")},
    "Observation-valueDatatype.bad": {(V, "observation/000/x", "Observation-valueDatatype")},
    "Observation-metric.bad": {(V, "observation/000/x", "Observation-metric")},
    "Observation-figure.bad": {(V, "observation/000/x", "Observation-figure")},
    "Observation-system.bad": {(V, "observation/000/x", "Observation-system")},
    "Observation-model.bad": {(V, "observation/000/x", "Observation-model")},
    "Observation-dataset.bad": {(V, "observation/000/x", "Observation-dataset")},
    "Observation-condition.bad": {(V, "observation/000/x", "Observation-condition")},
    "Observation-approximate.bad": {(V, "observation/000/x", "Observation-approximate")},
    "Observation-sourceLine.bad": {(V, "observation/000/x", "Observation-sourceLine")},
    "Observation-sourceText.bad": {(V, "observation/000/x", "Observation-sourceText")},
    "Observation-unit.bad": {(V, "observation/000/x", "Observation-unit")},
    "ObservationInAxisRangeShape.bad": {(W, "observation/000/x", "ObservationInAxisRangeShape")},
    "Setting-parameter.bad": {(V, "setting/kv-budget/2500", "Setting-parameter")},
    "Setting-parameterValue.bad": {(V, "setting/kv-budget/2500", "Setting-parameterValue")},
    "Claim-subject.bad": {(V, "claim/000/c", "Claim-subject")},
    "Claim-predicate.bad": {(V, "claim/000/c", "Claim-predicate")},
    # a literal object is neither an IRI nor a model or method: both rules say so
    "Claim-object.bad": {
        (V, "claim/000/c", "Claim-object"),
        (V, "claim/000/c", "ClaimOutperformsTypesShape"),
    },
    "Claim-figure.bad": {(V, "claim/000/c", "Claim-figure")},
    "Claim-verdict.bad": {(V, "claim/000/c", "Claim-verdict")},
    "Claim-evidence.bad": {(V, "claim/000/c", "Claim-evidence")},
    "Claim-origin.bad": {(V, "claim/000/c", "Claim-origin")},
    "Claim-hedge.bad": {(V, "claim/000/c", "Claim-hedge")},
    "Claim-contextMetric.bad": {(V, "claim/000/c", "Claim-contextMetric")},
    "Claim-contextDataset.bad": {(V, "claim/000/c", "Claim-contextDataset")},
    "Claim-contextModel.bad": {(V, "claim/000/c", "Claim-contextModel")},
    "Claim-refutedBy.bad": {(V, "claim/000/c", "Claim-refutedBy")},
    "Claim-supportedBy.bad": {(V, "claim/000/c", "Claim-supportedBy")},
    "Claim-sourceLine.bad": {(V, "claim/000/c", "Claim-sourceLine")},
    "ClaimSupportedButRefutedShape.bad": {(V, "claim/000/c", "ClaimSupportedButRefutedShape")},
    "ClaimOutperformsTypesShape.bad": {(V, "claim/000/c", "ClaimOutperformsTypesShape")},
    "ClaimTrendTypesShape.bad": {
        (V, "claim/000/dec", "ClaimTrendTypesShape"),
        (V, "claim/000/peak", "ClaimTrendTypesShape"),
    },
    "ClaimPlainTripleShape.bad": {(V, "claim/000/c", "ClaimPlainTripleShape")},
    "OutperformsSubjectShape.bad": {(V, "dataset/cola", "OutperformsSubjectShape")},
    "OutperformsObjectShape.bad": {(V, "model/unknown", "OutperformsObjectShape")},
    "TrendSubjectShape.bad": {(V, "parameter/kv-budget", "TrendSubjectShape")},
    "DecreasesIncreasesObjectShape.bad": {(V, "model/a", "DecreasesIncreasesObjectShape")},
    "PeakPlateauObjectShape.bad": {(V, "metric/latency", "PeakPlateauObjectShape")},
    "TradeOffObjectShape.bad": {(V, "parameter/kv-budget", "TradeOffObjectShape")},
    # the per-panel axis rule (see the fixtures' comments)
    "ObservationInAxisRange.panels": {
        (W, "observation/000/cola-out", "ObservationInAxisRangeShape"),
        (W, "observation/000/sst2-out", "ObservationInAxisRangeShape"),
        (W, "observation/000/none-out", "ObservationInAxisRangeShape"),
    },
    "ObservationInAxisRange.panel-only": {(W, "observation/000/cola", "ObservationInAxisRangeShape")},
    "ObservationInAxisRange.other-figure": set(),
}

OK_FIXTURES = sorted(path.name.removesuffix(".ok.ttl") for path in FIXTURES.glob("*.ok.ttl"))


def fixture_path(name: str) -> Path:
    return FIXTURES / f"{name}.ttl"


def validate_fixture(name: str) -> Report:
    return validate_graph(load_graph(fixture_path(name)))


def result_keys(report: Report) -> set[tuple[str, str, str]]:
    return {
        (
            result.severity,
            result.focus_node.removeprefix(str(ID)),
            (result.shape or "").removeprefix(SHAPES_NS),
        )
        for result in report.results
    }


@pytest.fixture(scope="module")
def shapes_graph() -> Graph:
    graph = Graph()
    for shape_file in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(shape_file, format="turtle")
    return graph


# --- the shapes themselves ----------------------------------------------------


def test_validate_shapes_conform_to_shacl_shacl(shapes_graph):
    conforms, _graph, text = meta_validate(shapes_graph)
    assert conforms, text


def test_validate_every_constraint_has_a_message(shapes_graph):
    # a property shape or SPARQL constraint, or a node shape with constraints of its own
    own_constraints = (SH["class"], SH["or"], SH.datatype, SH.nodeKind, SH["in"])
    needs_message = set(shapes_graph.subjects(RDF.type, SH.PropertyShape))
    needs_message |= set(shapes_graph.subjects(RDF.type, SH.SPARQLConstraint))
    needs_message |= {
        shape
        for shape in shapes_graph.subjects(RDF.type, SH.NodeShape)
        if any(shapes_graph.value(shape, constraint) is not None for constraint in own_constraints)
    }
    assert needs_message
    without_message = sorted(
        str(node) for node in needs_message if shapes_graph.value(node, SH.message) is None
    )
    assert without_message == []


def test_validate_every_shape_is_named(shapes_graph):
    # sh:sourceShape in a report must say which rule fired
    shapes = set(shapes_graph.objects(None, SH.property)) | set(shapes_graph.subjects(RDF.type, SH.NodeShape))
    assert all(isinstance(shape, URIRef) for shape in shapes)


def test_validate_every_shape_has_fixtures(shapes_graph):
    broken = {shape for expected in EXPECTED_RESULTS.values() for _, _, shape in expected}
    node_shapes = {str(s).removeprefix(SHAPES_NS) for s in shapes_graph.subjects(RDF.type, SH.NodeShape)}
    property_shapes = {
        str(s).removeprefix(SHAPES_NS) for s in shapes_graph.subjects(RDF.type, SH.PropertyShape)
    }
    grouping_shapes = {
        str(s).removeprefix(SHAPES_NS)
        for s in shapes_graph.subjects(RDF.type, SH.NodeShape)
        if shapes_graph.value(s, SH.property) is not None
    }
    assert node_shapes <= set(OK_FIXTURES), "node shapes without a conforming fixture"
    assert (property_shapes | node_shapes - grouping_shapes) <= broken, "shapes no fixture breaks"


# --- fixtures, one shape at a time ---------------------------------------------


@pytest.mark.parametrize("name", OK_FIXTURES)
def test_validate_conforming_fixture_has_no_result(name):
    report = validate_fixture(f"{name}.ok")
    assert report.conforms
    assert report.results == ()


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED_RESULTS.items()))
def test_validate_fixture_gives_exact_results(name, expected):
    report = validate_fixture(name)
    assert result_keys(report) == expected
    assert report.conforms == all(severity != V for severity, _, _ in expected)


@pytest.mark.parametrize(
    ("value", "warned"),
    [
        ("28.1", True),  # above the stated 27.2-28.0
        ("27.1", True),  # below it
        ("27.9", False),
        ("27.2", False),  # the bounds are inside the range
        ("28.0", False),
    ],
)
def test_validate_value_outside_axis_range_is_a_warning(value, warned):
    graph = load_graph(fixture_path("ObservationInAxisRangeShape.ok"))
    observation = ID["observation/000/x"]
    graph.set((observation, CKG.value, Literal(Decimal(value))))  # xsd:decimal
    report = validate_graph(graph)
    expected = {(W, "observation/000/x", "ObservationInAxisRangeShape")} if warned else set()
    assert result_keys(report) == expected
    assert report.conforms  # a warning alone does not break conformance


def test_validate_range_warning_names_value_and_range():
    (result,) = validate_fixture("ObservationInAxisRangeShape.bad").results
    assert result == ValidationResult(
        severity=W,
        focus_node=str(ID["observation/000/x"]),
        focus_label="Method A: 28.1",  # no rdfs:label: the observation's source text
        message=(
            "Value 28.1 lies outside the range 27.2 to 28.0 stated for axis "
            f"{ID['figure/000/axis/y']}: re-check the number read off the figure, "
            "or the stated axis range."
        ),
        path=str(CKG.value),
        shape=SHAPES_NS + "ObservationInAxisRangeShape",
    )


def test_validate_range_warning_is_in_the_report_graph():
    report = validate_fixture("ObservationInAxisRangeShape.bad")
    (result_node,) = report.graph.subjects(RDF.type, SH.ValidationResult)
    assert report.graph.value(result_node, SH.resultSeverity) == SH.Warning
    assert report.graph.value(result_node, SH.focusNode) == ID["observation/000/x"]
    assert (None, SH.conforms, Literal(True)) in report.graph


def test_validate_supported_but_refuted_claim_is_a_violation():
    report = validate_fixture("ClaimSupportedButRefutedShape.bad")
    assert not report.conforms
    (result,) = report.results
    assert (result.severity, result.focus_node) == (V, str(ID["claim/000/c"]))
    assert str(ID["observation/000/a"]) in result.message
    assert result.path == str(CKG.refutedBy)


@pytest.mark.parametrize(
    ("fixture", "focus", "label"),
    [
        ("Entity-label.two.bad", "dataset/cola", "CoLA"),  # the first label, sorted
        ("Observation-unit.bad", "observation/000/x", str(ID["observation/000/x"])),
        ("ObservationInAxisRangeShape.bad", "observation/000/x", "Method A: 28.1"),
        ("Claim-hedge.bad", "claim/000/c", str(ID["claim/000/c"])),
    ],
)
def test_validate_focus_label(fixture, focus, label):
    (result,) = [r for r in validate_fixture(fixture).results if r.focus_node == str(ID[focus])]
    assert result.focus_label == label


def test_validate_results_are_sorted_and_repeatable():
    graph = load_graph(fixture_path("ObservationInAxisRange.panels"))
    for fixture in ("ClaimTrendTypesShape.bad", "Axis-unit.bad"):
        graph.parse(fixture_path(fixture), format="turtle")
    first = validate_graph(graph).results
    assert first == validate_graph(graph).results
    severities = [result.severity for result in first]
    assert severities == sorted(severities, key=[V, W].index)
    assert [r.focus_node for r in first if r.severity == W] == sorted(
        r.focus_node for r in first if r.severity == W
    )


def test_validate_graph_leaves_data_graph_unchanged():
    graph = load_graph(fixture_path("ClaimShape.ok"))
    before = len(graph)
    validate_graph(graph)
    assert len(graph) == before


# --- format_report --------------------------------------------------------------


def test_validate_format_report_counts_then_lines():
    graph = load_graph(fixture_path("ObservationInAxisRangeShape.bad"))
    graph.parse(fixture_path("Entity-label.missing.bad"), format="turtle")
    lines = format_report(validate_graph(graph)).splitlines()
    assert lines[0] == "does not conform: 1 violations, 1 warnings, 0 infos"
    assert lines[1].startswith(f"VIOLATION  {ID['model/a']}: Every entity needs exactly one rdfs:label")
    assert lines[2].startswith("WARNING    Method A: 28.1: Value 28.1 lies outside the range 27.2 to 28.0")
    assert len(lines) == 3


def test_validate_format_report_conforming():
    text = format_report(validate_fixture("ClaimShape.ok"))
    assert text == "conforms: 0 violations, 0 warnings, 0 infos"


# --- load_graph -------------------------------------------------------------------


def named_graph_dataset(graph: Graph) -> Dataset:
    """Split a graph into two named graphs, as the pipeline's TriG output does."""
    dataset = Dataset()
    entities = dataset.graph(ID["graph/entities"])
    figure = dataset.graph(ID["figure/000"])
    for triple in graph:
        subject = str(triple[0])
        target = entities if "/model/" in subject or "/metric/" in subject else figure
        target.add(triple)
    return dataset


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig", ".nq"])
def test_validate_load_graph_reads_every_output_format(tmp_path, suffix):
    original = load_graph(fixture_path("ClaimShape.ok"))
    path = tmp_path / f"graph{suffix}"
    formats = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}
    if suffix in (".trig", ".nq"):
        named_graph_dataset(original).serialize(path, format=formats[suffix])
    else:
        original.serialize(path, format=formats[suffix])
    loaded = load_graph(path)
    assert set(loaded) == set(original)  # no blank nodes in the fixture: plain set equality


@pytest.mark.parametrize(
    ("file_name", "content", "reason"),
    [
        ("missing.ttl", None, "no such file"),
        ("broken.ttl", "<a> <b> .", "cannot be read as turtle"),
        ("broken.jsonld", "{not json", "cannot be read as json-ld"),
        ("broken.nq", "<a> <b> <c> <d> <e> .", "cannot be read as nquads"),
        ("graph.csv", "a,b,c", "unknown graph format"),
    ],
)
def test_validate_load_graph_rejects_unusable_input(tmp_path, file_name, content, reason):
    path = tmp_path / file_name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphInputError) as raised:
        load_graph(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert reason in str(raised.value)


def test_validate_load_graph_rejects_a_folder(tmp_path):
    folder = tmp_path / "graph.ttl"
    folder.mkdir()
    with pytest.raises(GraphInputError, match="is a folder"):
        load_graph(folder)


# --- validate_cli -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "exit_code"),
    [
        ("ClaimShape.ok", 0),
        ("ObservationInAxisRangeShape.bad", 0),  # warnings only
        ("ClaimSupportedButRefutedShape.bad", 1),
        ("Figure-sourceFile.missing.bad", 1),
    ],
)
def test_validate_cli_exit_code(tmp_path, capsys, fixture, exit_code):
    report_path = tmp_path / "report.ttl"
    assert validate_cli(str(fixture_path(fixture)), report_path=str(report_path)) == exit_code
    out = capsys.readouterr().out
    assert out.startswith("conforms:" if exit_code == 0 else "does not conform:")
    report = Graph().parse(report_path, format="turtle")
    (report_node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(report_node, SH.conforms) == Literal(exit_code == 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.ttl"]  # no temp file left


def test_validate_cli_without_report_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert validate_cli(str(fixture_path("ClaimShape.ok"))) == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("file_name", "content"),
    [("missing.ttl", None), ("broken.ttl", "@prefix : <x> . :a :b"), ("graph.xyz", "")],
)
def test_validate_cli_unusable_input_exits_2(tmp_path, capsys, file_name, content):
    path = tmp_path / file_name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    report_path = tmp_path / "report.ttl"
    assert validate_cli(str(path), report_path=str(report_path)) == 2
    captured = capsys.readouterr()
    assert str(path) in captured.err
    assert captured.out == ""
    assert not report_path.exists()


def test_validate_cli_unwritable_report_exits_2(tmp_path, capsys):
    report_path = tmp_path / "no-such-folder" / "report.ttl"
    assert validate_cli(str(fixture_path("ClaimShape.ok")), report_path=str(report_path)) == 2
    assert str(report_path) in capsys.readouterr().err


def test_validate_cli_report_file_is_repeatable(tmp_path, capsys):
    graph_path = str(fixture_path("ObservationInAxisRange.panels"))
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    validate_cli(graph_path, report_path=str(first))
    validate_cli(graph_path, report_path=str(second))
    assert first.read_bytes() == second.read_bytes()


def test_validate_cli_replaces_an_existing_report(tmp_path, capsys):
    report_path = tmp_path / "report.ttl"
    report_path.write_text("old", encoding="utf-8")
    assert validate_cli(str(fixture_path("ClaimShape.ok")), report_path=str(report_path)) == 0
    assert "ValidationReport" in report_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fixture", "exit_code"), [("ClaimShape.ok", 0), ("Claim-figure.bad", 1)])
def test_validate_kg_command_runs_validate_cli(tmp_path, capsys, fixture, exit_code):
    assert kg_main(["validate", str(fixture_path(fixture)), "--report", str(tmp_path / "r.ttl")]) == exit_code
    assert (tmp_path / "r.ttl").is_file()
