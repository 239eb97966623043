"""The cross-figure queries of queries/ over the seeds' graph, with rdflib and pyoxigraph.

Each query runs once per session with rdflib (kg.query.run_query) and once with
pyoxigraph, a second, independent SPARQL engine: both must give the same rows.
The key answers the seeds must give are checked one by one; where a question
can be answered in plain Python from the graph's triples (best system,
out-of-range values, contradicted claims), that independent answer is compared
with the query's.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef, namespace
from rdflib.namespace import RDF, RDFS

from kg.query import (
    NUMERIC_TYPES,
    QueryError,
    format_rows,
    group_concat_columns,
    list_queries,
    most_named_model,
    normalize_group_concat,
    prepare,
    query_cli,
    resolve_query,
    run_all,
    run_query,
)
from kg.vocab import CKG, ID

pyoxigraph = pytest.importorskip("pyoxigraph")

TESTS = Path(__file__).resolve().parent
QUERIES = TESTS.parent / "queries"
QUERY_FILES = list_queries(QUERIES)
STEMS = [path.stem for path in QUERY_FILES]

REQUIRED = [
    "01-shared-entities",
    "02-metrics-decreasing",
    "03-trade-offs",
    "04-best-system",
    "05-contradicted-claims",
    "06-head-to-head",
    "07-parameters-varied",
    "08-out-of-range",
    "09-throughput",
    "10-entity-profile",
]

# seed files
F000 = "000_5662fc66c746de60.txt"
F001 = "001_335ffc9a8f036822.txt"
F002 = "002_5718bcfc2b90ade2.txt"
F003 = "003_6e0eda015fd086bf.txt"
F004 = "004_3bbf4a5f191380b5.txt"
LLAMA_CHAT_7B = str(ID["model/llama-2-7b-chat"])


# --- fixtures -------------------------------------------------------------------


@pytest.fixture(scope="session")
def graph(seeds_graph) -> Graph:
    """The seeds' graph: conftest builds it once per session with
    kg.pipeline.build_graph([tests/../seeds]) and merges it with kg.rdf.union."""
    return seeds_graph


@pytest.fixture(scope="session")
def store(graph):
    """The same triples in a pyoxigraph store, read from rdflib's N-Triples."""
    ox_store = pyoxigraph.Store()
    ox_store.load(input=graph.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return ox_store


@pytest.fixture(scope="session")
def name_binding(graph) -> dict[str, str]:
    """The binding run_all uses for 10-entity-profile: the model in the most figures."""
    return {"name": most_named_model(graph)}


def bindings_for(stem: str, name_binding: dict[str, str]) -> dict[str, str]:
    return name_binding if stem.startswith("10-") else {}


@pytest.fixture(scope="session")
def rdflib_answers(graph, name_binding) -> dict[str, tuple[list[str], list[list]]]:
    """stem -> (columns, rows of rdflib terms), every query run once."""
    answers = {}
    for path in QUERY_FILES:
        text = path.read_text(encoding="utf-8")
        answers[path.stem] = run_query(text, graph, bindings_for(path.stem, name_binding), source=str(path))
    return answers


def answer(rdflib_answers, stem: str) -> list[dict]:
    """A query's rows as dicts of plain Python values."""
    columns, rows = rdflib_answers[stem]
    return [dict(zip(columns, (plain(cell) for cell in row))) for row in rows]


# --- normalising terms of both engines --------------------------------------------


def plain(cell):
    """rdflib term -> comparable Python value: numbers as floats, IRIs and strings as str."""
    if cell is None:
        return None
    if isinstance(cell, Literal):
        if cell.datatype in NUMERIC_TYPES:
            return round(float(cell), 6)
        if cell.datatype == namespace.XSD.boolean:
            return str(cell).strip().lower() in {"true", "1"}
        return str(cell)
    if isinstance(cell, BNode):
        return f"_:{cell}"
    return str(cell)


def from_oxigraph(term):
    """pyoxigraph term -> the rdflib term."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def run_oxigraph(store, text: str, bindings: dict[str, str]) -> tuple[list[str], list[list]]:
    substitutions = {pyoxigraph.Variable(k): pyoxigraph.Literal(v) for k, v in bindings.items()}
    solutions = store.query(text, substitutions=substitutions)
    columns = [variable.value for variable in solutions.variables]
    rows = [[from_oxigraph(solution[variable]) for variable in solutions.variables] for solution in solutions]
    # the same treatment run_query gives GROUP_CONCAT values: order inside is undefined in SPARQL
    rows = normalize_group_concat(columns, rows, group_concat_columns(prepare(text)))
    return columns, rows


def sort_key(row):
    return tuple((value is None, type(value).__name__, str(value)) for value in row)


def comparable(rows) -> list[tuple]:
    return sorted((tuple(plain(cell) for cell in row) for row in rows), key=sort_key)


# --- the files -----------------------------------------------------------------------


def test_every_required_query_exists():
    assert set(REQUIRED) <= set(STEMS), sorted(set(REQUIRED) - set(STEMS))


@pytest.mark.parametrize("path", QUERY_FILES, ids=STEMS)
def test_query_opens_with_question_and_columns(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    head = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line)
    comment = "\n".join(head)
    assert lines[0].startswith("# Question:"), f"{path.name} must open with '# Question:'"
    assert "Columns:" in comment, f"{path.name}: the opening comment must list the result columns"
    columns = [str(v) for v in prepare(text).algebra["PV"]]
    missing = [c for c in columns if c not in comment]
    assert not missing, f"{path.name}: columns not described in the opening comment: {missing}"


@pytest.mark.parametrize("path", QUERY_FILES, ids=STEMS)
def test_query_is_standard_sparql_both_engines_parse(path: Path, store):
    text = path.read_text(encoding="utf-8")
    prepare(text, str(path))  # rdflib
    variables = {"name"} if path.stem.startswith("10-") else set()
    substitutions = {pyoxigraph.Variable(v): pyoxigraph.Literal("x") for v in variables}
    list(store.query(text, substitutions=substitutions))  # pyoxigraph raises SyntaxError if not


# --- both engines agree -----------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_pyoxigraph_gives_the_same_rows(stem, rdflib_answers, store, name_binding):
    text = (QUERIES / f"{stem}.rq").read_text(encoding="utf-8")
    ox_columns, ox_rows = run_oxigraph(store, text, bindings_for(stem, name_binding))
    columns, rows = rdflib_answers[stem]
    assert ox_columns == columns
    assert comparable(ox_rows) == comparable(rows)


@pytest.mark.parametrize("stem", STEMS)
def test_every_query_answers_on_the_seeds(stem, rdflib_answers):
    _columns, rows = rdflib_answers[stem]
    assert rows, f"{stem} gives no rows on the seeds"


# --- 01 shared entities --------------------------------------------------------------------


def test_01_shared_entities(rdflib_answers, graph):
    rows = answer(rdflib_answers, "01-shared-entities")
    by_entity = {row["entity"]: row for row in rows}
    # the seed 001 "Llama2-7B-Chat" and the seed 004 "Llama 2-Chat-7B" are one model
    llama = by_entity[LLAMA_CHAT_7B]
    assert llama["type"] == "Model"
    assert llama["figureCount"] == 2
    assert llama["figures"] == f"{F001}; {F004}"
    assert "Llama2-7B-Chat" in llama["altLabels"].split("; ") or llama["label"] == "Llama2-7B-Chat"
    for row in rows:
        assert row["type"] in {"Model", "Method", "Dataset", "Metric"}
        assert row["figureCount"] > 1
        assert row["figureCount"] == len(row["figures"].split("; "))
    # and nothing that only one figure names
    single = {
        str(e) for e in graph.subjects(RDF.type, CKG.Model) if len(set(graph.objects(e, CKG.appearsIn))) == 1
    }
    assert single and not single & set(by_entity)
    # parameters are not asked for
    assert not any("/parameter/" in entity for entity in by_entity)


# --- 02 metrics that decrease -----------------------------------------------------------------


def test_02_metrics_decreasing(rdflib_answers):
    rows = answer(rdflib_answers, "02-metrics-decreasing")
    pairs = {(row["metricLabel"], row["parameterLabel"]): row for row in rows}
    assert pairs[("Throughput", "KV Budget")]["figures"] == F002
    assert pairs[("Token Counts", "Latent Compression-Rate")]["figures"] == F000
    for row in rows:
        assert "Contradicted" not in row["verdicts"]
        assert row["figureCount"] == len(row["figures"].split("; "))
    # Pass@1 rises with the KV budget: it must not be listed
    assert not any(row["metricLabel"] == "Pass@1" for row in rows)


def test_02_leaves_out_contradicted_claims(graph):
    extra = copy_of(graph)
    claim = ID["claim/test/contradicted-decrease"]
    extra.add((claim, RDF.type, CKG.Claim))
    extra.add((claim, RDF.subject, ID["metric/pass-at-1"]))
    extra.add((claim, RDF.predicate, CKG.decreasesWith))
    extra.add((claim, RDF.object, ID["parameter/kv-budget"]))
    extra.add((claim, CKG.figure, ID["figure/002-5718bcfc2b90ade2"]))
    extra.add((claim, CKG.verdict, CKG.Contradicted))
    rows = rows_of(extra, "02-metrics-decreasing")
    assert not any(row["metricLabel"] == "Pass@1" for row in rows)
    extra.set((claim, CKG.verdict, CKG.Unverifiable))
    rows = rows_of(extra, "02-metrics-decreasing")
    assert [row["verdicts"] for row in rows if row["metricLabel"] == "Pass@1"] == ["Unverifiable"]


# --- 03 trade-offs ------------------------------------------------------------------------------


def test_03_trade_offs(rdflib_answers):
    rows = answer(rdflib_answers, "03-trade-offs")
    found = {
        (row["figure"], row["parameterLabel"], row["risingMetric"], row["fallingMetric"]): row for row in rows
    }
    kv = found[(F002, "KV Budget", "Pass@1", "Throughput")]
    assert kv["statedTradeOff"] is True  # seed 002 says "trade-off between ... Throughput ... and ... Pass@1"
    for row in rows:
        assert row["risingMetric"] != row["fallingMetric"]
    # seed 003: every metric rises with the bit-width, none falls
    assert not any(row["figure"] == F003 for row in rows)


# --- 04 best system -------------------------------------------------------------------------------


def python_best(graph: Graph) -> set[tuple]:
    """(metric, dataset or None, system, value) of the best systems, straight from the triples."""
    groups = defaultdict(list)
    for obs in graph.subjects(RDF.type, CKG.Observation):
        system = graph.value(obs, CKG.system)
        metric = graph.value(obs, CKG.metric)
        value = graph.value(obs, CKG.value)
        if system is None or metric is None or value is None:
            continue
        dataset = graph.value(obs, CKG.dataset)
        groups[(str(metric), str(dataset) if dataset is not None else None)].append(
            (str(system), float(value))
        )
    best = set()
    for (metric, dataset), values in groups.items():
        lower = graph.value(URIRef(metric), CKG.lowerIsBetter)
        lower = lower is not None and bool(lower.toPython())
        top = min(v for _s, v in values) if lower else max(v for _s, v in values)
        best |= {(metric, dataset, system, round(top, 6)) for system, v in values if v == top}
    return best


def test_04_best_system_matches_python(rdflib_answers, graph):
    rows = answer(rdflib_answers, "04-best-system")
    got = {(row["metric"], row["dataset"], row["system"], row["bestValue"]) for row in rows}
    assert got == python_best(graph)


def test_04_best_system_key_rows(rdflib_answers):
    rows = answer(rdflib_answers, "04-best-system")
    best = defaultdict(set)
    value = {}
    for row in rows:
        key = (row["metricLabel"], row["datasetLabel"])
        best[key].add(row["systemLabel"])
        value[key] = row["bestValue"]
    # seed 003: Budget-C is (at least tied) best on every task
    for dataset, metric in [
        ("CoLA", "Mcc"),
        ("MNLI", "Accuracy"),
        ("STS-B", "Pearson"),
        ("Ave. 8 Tasks", "GLUE Scores"),
    ]:
        assert "Budget-C" in best[(metric, dataset)]
    assert value[("Mcc", "CoLA")] == 59.8
    # seed 000: Token Counts is lower-is-better: 480 wins, not 580
    assert best[("Token Counts", "")] == {"Llama3.2-3B"}
    assert value[("Token Counts", "")] == 480.0
    assert value[("Average Math Accuracy", "")] == 28.1
    # seed 001 has no dataset: its metrics still get a winner
    assert best[("Professional tasks with retrieval", "")] == {"Qwen1.5-4B-Chat"}
    assert best[("Decoding speed with retrieval", "")] == {"Gemma-2B-it"}
    # seed 002, seed 004
    assert best[("Pass@1", "AIME24")] == {"R1-Llama"} and value[("Pass@1", "AIME24")] == 49.3
    assert best[("block efficiency", "XSum")] == {"RSD-S"} and value[("block efficiency", "XSum")] == 4.0
    lower = {row["metricLabel"]: row["lowerIsBetter"] for row in rows}
    assert lower["Token Counts"] is True and lower["Pass@1"] is False


# --- 05 contradicted claims ------------------------------------------------------------------------


def test_05_contradicted_claims(rdflib_answers, graph):
    rows = answer(rdflib_answers, "05-contradicted-claims")
    contradicted = {str(c) for c in graph.subjects(CKG.verdict, CKG.Contradicted)}
    assert {row["claim"] for row in rows} == contradicted
    # one row per refuting observation, with its value
    expected = {
        (str(c), str(o), float(graph.value(o, CKG.value)))
        for c in map(URIRef, contradicted)
        for o in graph.objects(c, CKG.refutedBy)
    }
    got = {(row["claim"], row["observation"], row["refutingValue"]) for row in rows if row["observation"]}
    assert got == expected
    # the seed 003 sentence that has Budget-A over Budget-C, which the numbers refute
    budget = [
        row
        for row in rows
        if (row["subjectLabel"], row["relation"], row["objectLabel"])
        == ("Budget-A", "outperforms", "Budget-C")
    ]
    assert budget and all(row["figure"] == F003 for row in budget)
    assert all('superiority of "Budget-A" over "Budget-C"' in row["evidence"] for row in budget)
    refuting = {
        (row["refutingSystem"], row["refutingDataset"], row["conditions"], row["refutingValue"])
        for row in budget
    }
    assert ("Budget-A", "CoLA", "bit-width=1", 50.5) in refuting
    assert ("Budget-C", "CoLA", "bit-width=1", 57.5) in refuting


# --- 06 head to head ----------------------------------------------------------------------------------


def head_to_head(rows) -> dict[tuple[str, str], dict]:
    return {(row["systemA"], row["systemB"]): row for row in rows}


def test_06_head_to_head(rdflib_answers):
    pairs = head_to_head(answer(rdflib_answers, "06-head-to-head"))
    # seed 003: six tasks x three bit-widths; Budget-C wins at 2 and 1 bit except two ties
    budget = pairs[("Budget-A", "Budget-C")]
    assert (budget["comparisons"], budget["winsA"], budget["winsB"], budget["ties"]) == (18, 0, 10, 8)
    assert budget["figures"] == F003
    # the teacher is measured only at 32 bits, where all three are equal
    assert pairs[("Budget-A", "teacher")]["ties"] == pairs[("Budget-A", "teacher")]["comparisons"] == 6
    # seed 004: RSD-S beats SD at every shared setting of the same model and dataset
    rsd = pairs[("RSD-S", "SD")]
    assert rsd["winsA"] == rsd["comparisons"] > 1 and rsd["winsB"] == 0
    for row in pairs.values():
        assert row["comparisons"] > 1
        assert row["winsA"] + row["winsB"] + row["ties"] == row["comparisons"]


def test_06_respects_lower_is_better(graph):
    extra = copy_of(graph)
    extra.add((ID["metric/mcc"], CKG.lowerIsBetter, Literal(True)))
    budget = head_to_head(rows_of(extra, "06-head-to-head"))[("Budget-A", "Budget-C")]
    # CoLA (Mcc) at 2 and 1 bit now goes to Budget-A
    assert (budget["comparisons"], budget["winsA"], budget["winsB"], budget["ties"]) == (18, 2, 8, 8)


# --- 07 parameters varied -------------------------------------------------------------------------------


def test_07_parameters_varied(rdflib_answers):
    rows = answer(rdflib_answers, "07-parameters-varied")
    found = {(row["parameterLabel"], row["systemLabel"]): row for row in rows}
    kv = found[("KV Budget", "R1-Llama")]
    assert (kv["minValue"], kv["maxValue"], kv["valueCount"], kv["figures"]) == (2500.0, 5000.0, 6, F002)
    bits = found[("bit-width", "Budget-C")]
    assert (bits["minValue"], bits["maxValue"], bits["valueCount"]) == (1.0, 32.0, 3)
    rate = found[("Latent Compression-Rate", "Llama3.2-3B")]
    assert (rate["minValue"], rate["maxValue"], rate["valueCount"]) == (5.0, 30.0, 3)
    # the teacher is shown at 32 bits only: not varied
    assert ("bit-width", "teacher") not in found
    assert all(row["valueCount"] > 1 and row["minValue"] < row["maxValue"] for row in rows)


# --- 08 out of range --------------------------------------------------------------------------------------


def test_08_out_of_range_exactly_the_two_seed_values(rdflib_answers):
    rows = answer(rdflib_answers, "08-out-of-range")
    assert sorted((row["figure"], row["value"]) for row in rows) == [(F000, 28.1), (F001, 56.0)]
    by_value = {row["value"]: row for row in rows}
    assert (by_value[28.1]["rangeMin"], by_value[28.1]["rangeMax"]) == (27.2, 28.0)
    assert (by_value[56.0]["rangeMin"], by_value[56.0]["rangeMax"]) == (35.0, 55.0)
    assert by_value[56.0]["systemLabel"] == "Qwen1.5-4B-Chat"


def test_08_agrees_with_the_shacl_range_warning(rdflib_answers, graph):
    """The same rule as ckgsh:ObservationInAxisRangeShape: the same observations."""
    from kg.validate import validate_graph

    report = validate_graph(graph)
    warned = {r.focus_node for r in report.results if (r.shape or "").endswith("ObservationInAxisRangeShape")}
    rows = answer(rdflib_answers, "08-out-of-range")
    assert {row["observation"] for row in rows} == warned


def test_08_panel_axis_applies_to_its_dataset_only(graph):
    extra = copy_of(graph)
    fig = ID["figure/003-6e0eda015fd086bf"]
    # a figure-wide Mcc axis that every Mcc value exceeds, and a CoLA panel axis that 50.5 falls below
    wide = ID["figure/003-6e0eda015fd086bf/axis/test-wide"]
    panel = ID["figure/003-6e0eda015fd086bf/axis/test-panel"]
    for axis in (wide, panel):
        extra.add((fig, CKG.axis, axis))
        extra.add((axis, RDF.type, CKG.Axis))
        extra.add((axis, CKG.axisMetric, ID["metric/mcc"]))
    extra.add((wide, CKG.rangeMin, Literal(Decimal("0"), datatype=namespace.XSD.decimal)))
    extra.add((wide, CKG.rangeMax, Literal(Decimal("10"), datatype=namespace.XSD.decimal)))
    extra.add((panel, CKG.rangeMin, Literal(Decimal("55"), datatype=namespace.XSD.decimal)))
    extra.add((panel, CKG.panelDataset, ID["dataset/cola"]))
    # all Mcc observations are on CoLA: the panel axis takes the place of the wide one
    rows = rows_of(extra, "08-out-of-range")
    mcc = sorted(row["value"] for row in rows if row["metricLabel"] == "Mcc")
    assert mcc == [50.5]
    assert {row["axis"] for row in rows if row["metricLabel"] == "Mcc"} == {str(panel)}


# --- 09 throughput ------------------------------------------------------------------------------------------


def test_09_throughput(rdflib_answers):
    rows = answer(rdflib_answers, "09-throughput")
    by_figure = defaultdict(list)
    for row in rows:
        by_figure[row["figure"]].append(row)
        assert row["tokensPerSecond"] == row["value"]  # TPS and token/sec are already tokens per second
    # seed 002: 4 benchmarks x 6 KV budgets in TPS; seed 001: 7 models in token/sec (the axis' unit)
    assert len(by_figure[F002]) == 24 and {row["unit"] for row in by_figure[F002]} == {"TPS"}
    assert len(by_figure[F001]) == 7 and {row["unit"] for row in by_figure[F001]} == {"token/sec"}
    assert {row["conditions"] for row in by_figure[F002]} == {
        f"KV Budget={v}" for v in range(2500, 5001, 500)
    }
    gemma = [row for row in by_figure[F001] if row["systemLabel"] == "Gemma-2B-it"]
    assert [row["tokensPerSecond"] for row in gemma] == [1000.0]
    # seed 004's "token rate" is a ratio, not tokens per second
    assert not by_figure[F004]


def test_09_converts_units(graph):
    extra = copy_of(graph)
    fig = ID["figure/001-335ffc9a8f036822"]

    def observation(name: str, metric: str, value: str, unit: str | None) -> None:
        node = ID[f"observation/test/{name}"]
        extra.add((node, RDF.type, CKG.Observation))
        extra.add((node, CKG.figure, fig))
        extra.add((node, CKG.metric, ID[f"metric/{metric}"]))
        extra.add((node, CKG.value, Literal(Decimal(value), datatype=namespace.XSD.decimal)))
        if unit is not None:
            extra.add((node, CKG.unit, Literal(unit)))

    extra.add((ID["metric/test-speed"], RDF.type, CKG.Metric))
    extra.add((ID["metric/test-speed"], RDFS.label, Literal("Generation speed (tok/s)")))
    extra.add((ID["metric/test-rate"], RDF.type, CKG.Metric))
    extra.add((ID["metric/test-rate"], RDFS.label, Literal("Serving rate")))
    observation("ms", "test-rate", "2", "tokens/ms")
    observation("k", "test-rate", "1.5", "k tokens/s")
    observation("min", "test-rate", "600", "tokens per minute")
    observation("label", "test-speed", "42", None)
    observation("samples", "throughput", "7", "samples/s")  # a throughput, but not of tokens
    observation("latency", "test-rate", "20", "ms/token")  # the inverse: not a throughput
    rows = rows_of(extra, "09-throughput")
    converted = {
        row["observation"].rsplit("/", 1)[1]: row["tokensPerSecond"]
        for row in rows
        if "/test/" in row["observation"]
    }
    assert converted == {"ms": 2000.0, "k": 1500.0, "min": 10.0, "label": 42.0}


# --- 10 entity profile ---------------------------------------------------------------------------------------


def test_10_profile_of_the_model_in_most_figures(rdflib_answers, name_binding, graph):
    assert name_binding == {"name": "Llama 2-Chat-7B"}
    rows = answer(rdflib_answers, "10-entity-profile")
    check_llama_profile(rows, "Llama 2-Chat-7B", graph)


OBSERVATION_ROLES = {"system": CKG.system, "model": CKG.model, "dataset": CKG.dataset, "metric": CKG.metric}
CLAIM_ROLES = {
    "subject": RDF.subject,
    "object": RDF.object,
    "context model": CKG.contextModel,
    "context dataset": CKG.contextDataset,
    "context metric": CKG.contextMetric,
}


def check_llama_profile(rows, name, graph):
    assert rows and {row["entity"] for row in rows} == {LLAMA_CHAT_7B}
    assert {row["name"] for row in rows} == {name}
    kinds = defaultdict(list)
    for row in rows:
        kinds[row["kind"]].append(row)
    assert {row["figure"] for row in kinds["figure"]} == {F001, F004}
    assert [(row["role"], row["detail"]) for row in kinds["entity"]] == [("Model", "Llama 2-Chat-7B")]
    assert {row["detail"] for row in kinds["altLabel"]} == {
        str(label) for label in graph.objects(URIRef(LLAMA_CHAT_7B), namespace.SKOS.altLabel)
    }
    assert "Llama2-7B-Chat" in {row["detail"] for row in kinds["altLabel"]}
    # every observation and claim that names it, in the role it has there
    entity = URIRef(LLAMA_CHAT_7B)
    observations = {
        (str(o), role) for role, p in OBSERVATION_ROLES.items() for o in graph.subjects(p, entity)
    }
    assert {(row["item"], row["role"]) for row in kinds["observation"]} == observations
    claims = {
        (str(c), role)
        for role, p in CLAIM_ROLES.items()
        for c in graph.subjects(p, entity)
        if (c, RDF.type, CKG.Claim) in graph
    }
    assert {(row["item"], row["role"]) for row in kinds["claim"]} == claims
    # seed 001: it is a system, with a decoding speed of 400 and a score of 36
    seed001 = {
        (row["metric"], row["value"])
        for row in kinds["observation"]
        if row["figure"] == F001 and row["role"] == "system"
    }
    assert seed001 == {("Decoding speed with retrieval", 400.0), ("Professional tasks with retrieval", 36.0)}
    # seed 004: it is the model the methods ran on
    seed004 = [row for row in kinds["observation"] if row["figure"] == F004]
    assert seed004 and {row["role"] for row in seed004} == {"model"}
    assert {"RSD-S", "SD"} <= {row["system"] for row in seed004}
    for row in kinds["claim"]:
        assert row["verdict"] in {"Supported", "Contradicted", "Unverifiable"}
        if row["role"] in {"subject", "object"}:
            assert "Llama 2-Chat-7B" in row["detail"]


@pytest.mark.parametrize("name", ["llama2-7b-chat", "LLAMA 2-CHAT-7B"])
def test_10_name_matches_labels_case_insensitively(graph, store, name):
    text = (QUERIES / "10-entity-profile.rq").read_text(encoding="utf-8")
    columns, rows = run_query(text, graph, {"name": name})
    check_llama_profile([dict(zip(columns, map(plain, row))) for row in rows], name, graph)
    ox_columns, ox_rows = run_oxigraph(store, text, {"name": name})
    assert comparable(ox_rows) == comparable(rows)


def test_10_unknown_name_gives_nothing(graph):
    text = (QUERIES / "10-entity-profile.rq").read_text(encoding="utf-8")
    assert run_query(text, graph, {"name": "no such model"})[1] == []


# --- kg/query.py itself -------------------------------------------------------------------------------------


def copy_of(graph: Graph) -> Graph:
    extra = Graph()
    for triple in graph:
        extra.add(triple)
    return extra


def rows_of(graph: Graph, stem: str, bindings: dict[str, str] | None = None) -> list[dict]:
    columns, rows = run_query((QUERIES / f"{stem}.rq").read_text(encoding="utf-8"), graph, bindings)
    return [dict(zip(columns, map(plain, row))) for row in rows]


@pytest.mark.parametrize("name", ["04", "4", "04-best-system", "04-best-system.rq"])
def test_resolve_query_by_name(name):
    assert resolve_query(name) == QUERIES / "04-best-system.rq"


def test_resolve_query_by_path(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == path


@pytest.mark.parametrize("name", ["99", "no-such-query", "queries/none.rq"])
def test_resolve_query_unknown(name):
    with pytest.raises(QueryError, match="no such query"):
        resolve_query(name)


def test_order_is_the_same_whatever_the_triple_order(graph, rdflib_answers):
    """A graph read back from N-Triples holds the triples in another order: same answers, same order."""
    reread = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    for stem in ("01-shared-entities", "06-head-to-head", "07-parameters-varied"):
        text = (QUERIES / f"{stem}.rq").read_text(encoding="utf-8")
        columns, rows = run_query(text, reread)
        assert [list(map(plain, r)) for r in rows] == [list(map(plain, r)) for r in rdflib_answers[stem][1]]


def test_rows_are_sorted_without_order_by(graph):
    text = "PREFIX ckg: <https://w3id.org/claimkg/ontology#> SELECT ?v WHERE { ?o ckg:value ?v }"
    _columns, rows = run_query(text, graph)
    values = [float(row[0]) for row in rows]
    assert values == sorted(values) and len(values) > 100


def test_group_concat_columns_are_found():
    text = (QUERIES / "05-contradicted-claims.rq").read_text(encoding="utf-8")
    assert group_concat_columns(prepare(text)) == {"conditions": "; "}
    # each SELECT is its own scope: rdflib reuses __agg_1__ ... in the sub-select
    text = (QUERIES / "01-shared-entities.rq").read_text(encoding="utf-8")
    assert group_concat_columns(prepare(text)) == {"altLabels": "; ", "figures": "; "}


def test_format_rows():
    columns = ["label", "value", "iri", "flag", "missing"]
    rows = [
        [
            Literal("Phi-2"),
            Literal(Decimal("35.0"), datatype=namespace.XSD.decimal),
            ID["model/phi-2"],
            Literal(True),
            None,
        ],
        [Literal("Gemma, 2B"), Literal(7), ID["model/gemma"], Literal(False), None],
    ]
    table = format_rows(columns, rows, "table").splitlines()
    assert table[0].split() == columns
    assert table[2].startswith("Phi-2      ") and "ckgid:model/phi-2" in table[2]
    assert table[2].index("35.0") + 4 == table[3].index("7") + 1  # numbers right-aligned
    assert table[-1] == "(2 rows)"
    parsed = list(csv.reader(format_rows(columns, rows, "csv").splitlines()))
    assert parsed[0] == columns
    assert parsed[2] == ["Gemma, 2B", "7", str(ID["model/gemma"]), "false", ""]
    objects = json.loads(format_rows(columns, rows, "json"))
    assert objects[0] == {
        "label": "Phi-2",
        "value": 35.0,
        "iri": str(ID["model/phi-2"]),
        "flag": True,
        "missing": None,
    }
    assert objects[1]["value"] == 7
    with pytest.raises(QueryError):
        format_rows(columns, rows, "xml")


# --- the command ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def graph_file(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "seeds.ttl"
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    return path


def test_cli_prints_the_answer(graph_file, capsys):
    assert query_cli("08", str(graph_file), bindings=[], output_format="csv") == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(out.splitlines()))
    assert sorted(float(row["value"]) for row in rows) == [28.1, 56.0]


def test_cli_binds_a_name(graph_file, capsys):
    assert query_cli("10", str(graph_file), bindings=["name=Llama2-7B-Chat"], output_format="json") == 0
    objects = json.loads(capsys.readouterr().out)
    assert objects and {o["entity"] for o in objects} == {LLAMA_CHAT_7B}


@pytest.mark.parametrize(
    ("query", "bindings", "message"),
    [
        ("no-such-query", [], "no such query"),
        ("04", ["name"], "NAME=VALUE"),
    ],
)
def test_cli_bad_query_or_binding(graph_file, capsys, query, bindings, message):
    assert query_cli(query, str(graph_file), bindings=bindings) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg query: error: ") and message in err


def test_cli_unparsable_query(graph_file, tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    assert query_cli(str(bad), str(graph_file)) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg query: error: ") and "bad.rq" in err and "not a valid SPARQL query" in err


@pytest.mark.parametrize(
    ("name", "content"), [("missing.ttl", None), ("broken.ttl", "this is not turtle ."), ("graph.xyz", "")]
)
def test_cli_unreadable_graph(tmp_path, capsys, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert query_cli("01", str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg query: error: ") and name in err


# --- run_all ---------------------------------------------------------------------------------------------------


def test_run_all_writes_one_csv_per_query(graph, tmp_path, rdflib_answers):
    out = tmp_path / "answers"
    written = run_all(graph, out)
    assert [p.name for p in written] == [f"{stem}.csv" for stem in STEMS]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}.csv" for stem in STEMS
    )  # no temp files left
    profile = (out / "10-entity-profile.csv").read_text(encoding="utf-8").splitlines()
    assert profile[0] == "# name = Llama 2-Chat-7B (the model named in the most figures)"
    assert profile[1].startswith("name,entity,")
    for stem in STEMS:
        lines = (out / f"{stem}.csv").read_text(encoding="utf-8").splitlines()
        lines = [line for line in lines if not line.startswith("#")]
        columns, rows = rdflib_answers[stem]
        assert lines[0] == ",".join(columns)
        assert len(list(csv.reader(lines))) == len(rows) + 1
