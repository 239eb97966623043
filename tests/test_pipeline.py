"""kg build end to end: formats, determinism, bad input, atomic output."""

import json
import os
import subprocess
import sys

import pytest
from conftest import SEEDS, write
from rdflib import Dataset, Graph, URIRef

from kg.cli import main

GOOD = "## Line Chart: Score vs Steps\n### Detailed Analysis\n#### Score (Blue)\n- At 1: 10.5\n- At 2: 11.0\n"


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig", ".nq"])
def test_pipeline_build_writes_each_format_that_parses_back(tmp_path, suffix):
    out = tmp_path / f"g{suffix}"
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}[suffix]
    if suffix in {".trig", ".nq"}:
        dataset = Dataset()
        dataset.parse(out, format=fmt)
        names = {str(g.identifier) for g in dataset.graphs()}
        assert "https://w3id.org/claimkg/id/figure/000-5662fc66c746de60" in names
        assert "https://w3id.org/claimkg/id/graph/entities" in names
    else:
        assert len(Graph().parse(out, format=fmt)) > 1000


def test_pipeline_output_is_byte_identical_across_processes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for suffix in (".ttl", ".jsonld", ".trig"):
            subprocess.run(
                [sys.executable, "-m", "kg.cli", "build", str(SEEDS), "-o", str(out.with_suffix(suffix))],
                check=True,
                env=env,
                capture_output=True,
            )
        outputs.append([out.with_suffix(s).read_bytes() for s in (".ttl", ".jsonld", ".trig")])
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\x00\x01binary", "binary data"),
        (b"\xff\xfe caf\xe9", "not UTF-8"),
        (b"## Just a title\nNo numbers here at all.\n", "no data point"),
    ],
)
def test_pipeline_bad_input_names_the_file_and_writes_nothing(tmp_path, capsys, content, message):
    bad = write(tmp_path, "bad.md", content)
    out = tmp_path / "out.ttl"
    assert main(["build", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.md" in err and message in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_pipeline_failed_build_keeps_the_previous_output_whole(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    out = tmp_path / "out.ttl"
    assert main(["build", str(good), "-o", str(out)]) == 0
    before = out.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    write(bad, "a.md", b"")
    write(bad, "b.md", b"## Title only\nNothing measured here.\n")
    assert main(["build", str(bad), "-o", str(out)]) == 2
    assert out.read_bytes() == before


def test_pipeline_folder_with_an_unusable_file_builds_the_rest_and_names_it(tmp_path, capsys):
    write(tmp_path, "good.md", GOOD)
    write(tmp_path, "empty.md", b"")
    write(tmp_path, "words.md", b"## A chart about Llama3.2-3B\nNo numbers were read.\n")
    out = tmp_path / "out.ttl"
    assert main(["build", str(tmp_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "empty.md: file is empty" in err
    assert "words.md: no data point could be read" in err
    graph = Graph().parse(out)
    files = {str(o) for o in graph.objects(None, URIRef("https://w3id.org/claimkg/ontology#sourceFile"))}
    assert files == {"good.md", "words.md"}  # a description without values still names its figure


def test_pipeline_unknown_output_format_is_refused(tmp_path, capsys):
    good = write(tmp_path, "good.md", GOOD)
    assert main(["build", str(good), "-o", str(tmp_path / "g.xml")]) == 2
    assert "unknown output format .xml" in capsys.readouterr().err


def test_pipeline_missing_input(tmp_path, capsys):
    assert main(["build", str(tmp_path / "none.md"), "-o", str(tmp_path / "g.ttl")]) == 2
    assert "none.md" in capsys.readouterr().err


def test_pipeline_observation_traces_back_to_its_line(seeds_graph):
    rows = seeds_graph.query(
        """PREFIX ckg: <https://w3id.org/claimkg/ontology#>
        SELECT ?line ?text ?file WHERE { ?o ckg:value 28.1 ; ckg:sourceLine ?line ; ckg:sourceText ?text ;
        ckg:figure/ckg:sourceFile ?file }"""
    )
    assert [(int(r.line), str(r.text), str(r.file)) for r in rows] == [
        (14, "At 15: 28.1 (peak)", "000_5662fc66c746de60.txt")
    ]


def test_pipeline_jsonld_has_its_context(tmp_path):
    out = tmp_path / "g.jsonld"
    assert main(["build", str(SEEDS / "000_5662fc66c746de60.txt"), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"]["ckg"] == "https://w3id.org/claimkg/ontology#"


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".trig", "trig"), (".nq", "nquads")]
)
def test_pipeline_own_serializers_say_exactly_what_the_graph_holds(tmp_path, seeds_build, suffix, fmt):
    from rdflib.compare import isomorphic

    from kg.rdf import serialize, union

    _, dataset = seeds_build
    text = serialize(dataset, fmt)
    if fmt in {"trig", "nquads"}:
        back = Dataset()
        back.parse(data=text, format=fmt)
        for graph in dataset.graphs():
            if len(graph):
                assert isomorphic(back.graph(graph.identifier), graph), graph.identifier
    else:
        assert isomorphic(Graph().parse(data=text, format=fmt), union(dataset))


def test_pipeline_output_file_is_readable_by_others(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    out = tmp_path / "g.ttl"
    old = os.umask(0o022)
    try:
        assert main(["build", str(good), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_pipeline_jsonld_context_is_the_published_one(tmp_path):
    from kg.rdf import CONTEXT_PATH

    out = tmp_path / "g.jsonld"
    assert main(["build", str(SEEDS / "003_6e0eda015fd086bf.txt"), "-o", str(out)]) == 0
    published = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    assert json.loads(out.read_text(encoding="utf-8"))["@context"] == published
    # the same triples whether read with the embedded context or not
    assert len(Graph().parse(out, format="json-ld")) > 100
