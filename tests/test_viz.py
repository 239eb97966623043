"""kg.viz: claim graph -> networkx -> .png .svg .graphml .html."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg import viz
from kg.cli import main
from kg.errors import ClaimKGError, GraphInputError, OutputError
from kg.vocab import CKG, ID

DATA = Path(__file__).parent / "data" / "viz"
FIXTURE = DATA / "fixture.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE)


def _ids(*names: str) -> set[str]:
    return {str(ID[n]) for n in names}


AROUND_BUDGET_A = _ids("method/budget-a", "method/budget-c", "model/teacher")


@pytest.mark.parametrize(
    ("filters", "nodes", "edges"),
    [
        ({}, 11, 8),
        ({"figure": "002_5718bcfc2b90ade2.txt"}, 5, 3),
        ({"figure": "003_6e0eda015fd086bf"}, 6, 5),
        ({"figure": str(ID["figure/003"])}, 6, 5),
        ({"entity": "Budget-A"}, 3, 4),
        ({"entity": "kv cache budget"}, 3, 3),
        ({"relation": "outperforms"}, 3, 4),
        ({"relation": "increasesWith"}, 4, 2),
        ({"relation": "tradeOffWith"}, 2, 1),
        ({"figure": "003_6e0eda015fd086bf.txt", "relation": "increasesWith"}, 2, 1),
        ({"figure": "003_6e0eda015fd086bf.txt", "entity": "Mcc"}, 2, 1),
        ({"figure": "002_5718bcfc2b90ade2.txt", "relation": "outperforms"}, 0, 0),
    ],
)
def test_viz_counts_under_each_filter(graph, filters, nodes, edges):
    G = viz.relation_graph(graph, **filters)
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"entity": "Budget-A"}, AROUND_BUDGET_A),
        ({"entity": "BUDGET-a"}, AROUND_BUDGET_A),
        ({"entity": str(ID["method/budget-a"])}, AROUND_BUDGET_A),
        ({"entity": "method/budget-a"}, AROUND_BUDGET_A),
        ({"entity": "bits"}, _ids("parameter/bit-width", "metric/mcc")),
        ({"entity": "teacher", "relation": "increasesWith"}, _ids("model/teacher")),
        ({"relation": "ckg:decreasesWith"}, _ids("metric/throughput", "parameter/kv-budget")),
        ({"relation": "DECREASESWITH"}, _ids("metric/throughput", "parameter/kv-budget")),
    ],
)
def test_viz_filter_keeps_these_entities(graph, filters, expected):
    assert set(viz.relation_graph(graph, **filters).nodes) == expected


@pytest.mark.parametrize("unused", [None])
def test_viz_contradicted_edge_carries_verdict(graph, unused):
    G = viz.relation_graph(graph)
    a, c = str(ID["method/budget-a"]), str(ID["method/budget-c"])
    edges = G.get_edge_data(a, c)
    assert list(edges) == [str(ID["claim/003/bb0000000003"])]
    edge = edges[str(ID["claim/003/bb0000000003"])]
    assert edge["verdict"] == "Contradicted"
    assert edge["relation"] == "outperforms"
    assert edge["figure"] == "003_6e0eda015fd086bf"
    assert edge["origin"] == "FromText"
    assert edge["evidence"].startswith("The consistent superiority")
    assert edge["hedge"] == "consistent"
    # the contradicted claim has no plain triple, yet it is drawn
    assert (URIRef(a), CKG.outperforms, URIRef(c)) not in graph


@pytest.mark.parametrize("unused", [None])
def test_viz_plain_triple_without_claim_is_an_edge(graph, unused):
    G = viz.relation_graph(graph)
    edges = G.get_edge_data(str(ID["metric/pass-at-1"]), str(ID["metric/throughput"]))
    assert [d["relation"] for d in edges.values()] == ["tradeOffWith"]
    (edge,) = edges.values()
    assert (edge["verdict"], edge["origin"], edge["claim"]) == ("", "Triple", "")
    # a plain triple that a claim covers is not drawn a second time
    c, a = str(ID["method/budget-c"]), str(ID["method/budget-a"])
    assert sorted(G.get_edge_data(c, a)) == sorted(str(ID[f"claim/003/bb000000000{i}"]) for i in (1, 2))


@pytest.mark.parametrize(
    ("iri", "label", "kind"),
    [
        ("model/teacher", "teacher", "Model"),
        ("method/budget-c", "Budget-C", "Method"),
        ("dataset/cola", "CoLA", "Dataset"),
        ("metric/pass-at-1", "Pass@1", "Metric"),
        ("parameter/kv-budget", "KV Budget", "Parameter"),
    ],
)
def test_viz_node_attributes(graph, iri, label, kind):
    node = viz.relation_graph(graph).nodes[str(ID[iri])]
    assert (node["label"], node["type"], node["iri"]) == (label, kind, str(ID[iri]))
    assert all(isinstance(v, str) for v in node.values())


@pytest.mark.parametrize(
    ("filters", "needle"),
    [
        ({"entity": "Budget-Z"}, "did you mean 'Budget-C', 'Budget-A'"),
        ({"entity": "nothing like it"}, "'Budget-A'"),
        ({"figure": "009_nope.txt"}, "'002_5718bcfc2b90ade2.txt'"),
        ({"relation": "beats"}, "'outperforms'"),
        ({"relation": "outperform"}, "did you mean 'outperforms'"),
        ({"figure": "002_5718bcfc2b90ade2.txt", "entity": "Budget-A"}, "003_6e0eda015fd086bf.txt"),
    ],
)
def test_viz_unknown_choice_raises(graph, filters, needle):
    with pytest.raises(GraphInputError) as info:
        viz.relation_graph(graph, **filters)
    assert needle in str(info.value)
    assert isinstance(info.value, ClaimKGError)


@pytest.mark.parametrize("unused", [None])
def test_viz_insertion_is_sorted(graph, unused):
    G = viz.relation_graph(graph)
    assert list(G.nodes) == sorted(G.nodes)
    keys = [(u, v, d["relation"], k) for u, v, k, d in G.edges(keys=True, data=True)]
    assert keys == sorted(keys)


@pytest.mark.parametrize("unused", [None])
def test_viz_graphml_round_trips(graph, unused, tmp_path):
    out = tmp_path / "claims.graphml"
    viz.draw(viz.relation_graph(graph), out)
    back = nx.read_graphml(out, force_multigraph=True)
    assert back.number_of_nodes() == 11
    assert back.number_of_edges() == 8
    assert back.nodes[str(ID["metric/mcc"])]["type"] == "Metric"
    edge = back.get_edge_data(str(ID["method/budget-a"]), str(ID["method/budget-c"]))
    assert [d["verdict"] for d in edge.values()] == ["Contradicted"]
    assert "None" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("filters", [{}, {"entity": "Budget-C"}])
def test_viz_graphml_is_deterministic(filters, tmp_path):
    outs = []
    for i in range(2):
        G = viz.relation_graph(Graph().parse(FIXTURE), **filters)
        out = tmp_path / f"{i}.graphml"
        viz.draw(G, out)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


_DRAW_ALL = """
import sys
from rdflib import Graph
from kg import viz
G = viz.relation_graph(Graph().parse(sys.argv[1]))
for suffix in (".html", ".graphml"):
    viz.draw(G, sys.argv[2] + suffix)
"""


@pytest.mark.parametrize("seeds", [("1", "2")])
def test_viz_output_same_under_any_hash_seed(seeds, tmp_path):
    """Sets iterate in an order PYTHONHASHSEED picks; the pictures must not depend on it."""
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-c", _DRAW_ALL, str(FIXTURE), str(tmp_path / seed)]
        subprocess.run(cmd, check=True, env=env)
    for suffix in (".html", ".graphml"):  # .html holds the layout .png/.svg use
        first, second = (tmp_path / f"{seed}{suffix}" for seed in seeds)
        assert first.read_bytes() == second.read_bytes(), suffix


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_viz_picture_is_deterministic(graph, suffix, tmp_path):
    outs = [tmp_path / f"{i}{suffix}" for i in range(2)]
    for out in outs:
        viz.draw(viz.relation_graph(graph), out)
    assert outs[0].read_bytes() == outs[1].read_bytes()


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [
        (".png", b"\x89PNG"),
        (".svg", b"<?xml"),
        (".html", b"<!DOCTYPE html>"),
        (".graphml", b"<?xml"),
    ],
)
def test_viz_writes_file(graph, suffix, magic, tmp_path):
    out = tmp_path / f"claims{suffix}"
    result = viz.draw(viz.relation_graph(graph), out)
    assert out.read_bytes().startswith(magic)
    assert out.stat().st_size > 1000
    assert (result.nodes, result.edges, result.note) == (11, 8, "")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_viz_draws_empty_selection(graph, suffix, tmp_path):
    out = tmp_path / f"empty{suffix}"
    G = viz.relation_graph(graph, figure="002_5718bcfc2b90ade2.txt", relation="outperforms")
    viz.draw(G, out)
    assert out.stat().st_size > 0


@pytest.mark.parametrize("unused", [None])
def test_viz_html_is_self_contained(graph, unused, tmp_path):
    out = tmp_path / "claims.html"
    viz.draw(viz.relation_graph(graph), out)
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", page)
    assert "@import" not in page
    assert "<link" not in page
    # the data for the tooltips is in the page
    assert "The consistent superiority of" in page
    assert "Contradicted" in page


@pytest.mark.parametrize("evidence", ['</script><script src="https://evil.example/x.js"></script>'])
def test_viz_html_escapes_the_data(graph, evidence, tmp_path):
    g = Graph()
    g += graph
    claim = ID["claim/003/bb0000000004"]
    g.set((claim, CKG.evidence, Literal(evidence)))
    out = tmp_path / "claims.html"
    viz.draw(viz.relation_graph(g), out)
    page = out.read_text(encoding="utf-8")
    assert page.count("</script>") == 1
    assert "evil.example" in page  # still there, as data
    assert not re.search(r"""src\s*=\s*["']?https?://""", page)


@pytest.mark.parametrize("name", ["claims.pdf", "claims", "claims.dot"])
def test_viz_unknown_suffix_raises(graph, name, tmp_path):
    with pytest.raises(OutputError, match="use one of .png, .svg, .graphml, .html"):
        viz.draw(viz.relation_graph(graph), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("unused", [None])
def test_viz_failed_draw_keeps_old_file(graph, unused, tmp_path, monkeypatch):
    out = tmp_path / "claims.png"
    out.write_bytes(b"old picture")

    def broken(*args, **kwargs):
        Path(args[1]).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(viz, "_draw_matplotlib", broken)
    with pytest.raises(OutputError, match="No space left on device"):
        viz.draw(viz.relation_graph(graph), out)
    assert out.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.png"]


def _big_graph(entities: int, claimed: int) -> Graph:
    """`entities` Metric/Parameter entities; the first `claimed` pairs in claims."""
    g = Graph()
    for i in range(entities):
        kind = "Metric" if i % 2 == 0 else "Parameter"
        node = ID[f"{kind.lower()}/m{i:03d}"]
        g.add((node, RDF.type, CKG[kind]))
        g.add((node, RDFS.label, Literal(f"{kind} {i}")))
    for i in range(0, claimed, 2):
        claim = ID[f"claim/big/{i:012x}"]
        s, o = ID[f"metric/m{i:03d}"], ID[f"parameter/m{i + 1:03d}"]
        g.add((claim, RDF.type, CKG.Claim))
        g.add((claim, RDF.subject, s))
        g.add((claim, RDF.predicate, CKG.increasesWith))
        g.add((claim, RDF.object, o))
        g.add((claim, CKG.verdict, CKG.Supported))
        g.add((s, CKG.increasesWith, o))
    return g


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_viz_large_graph_draws_only_claim_entities(suffix, tmp_path):
    G = viz.relation_graph(_big_graph(80, 10))
    assert G.number_of_nodes() == 80
    result = viz.draw(G, tmp_path / f"big{suffix}")
    assert (result.nodes, result.edges) == (10, 5)
    assert "showing the 10 of 80 entities that take part in claims" in result.note
    assert "--figure" in result.note


@pytest.mark.parametrize("suffix", [".graphml", ".html"])
def test_viz_large_graph_keeps_everything_in_data_formats(suffix, tmp_path):
    result = viz.draw(viz.relation_graph(_big_graph(80, 10)), tmp_path / f"big{suffix}")
    assert (result.nodes, result.edges, result.note) == (80, 5, "")


@pytest.mark.parametrize("unused", [None])
def test_viz_named_graph_gives_plain_triple_its_figure(graph, unused):
    ds = Dataset()
    fig = ds.graph(ID["figure/002"])
    rest = ds.graph(ID["graph/entities"])
    for triple in graph:
        (fig if triple[1] == CKG.tradeOffWith else rest).add(triple)
    G = viz.relation_graph(ds)
    assert (G.number_of_nodes(), G.number_of_edges()) == (11, 8)
    edges = G.get_edge_data(str(ID["metric/pass-at-1"]), str(ID["metric/throughput"]))
    assert [d["figure"] for d in edges.values()] == ["002_5718bcfc2b90ade2"]


@pytest.mark.parametrize("suffix", [".png", ".graphml"])
def test_viz_cli_writes_and_reports(suffix, tmp_path, capsys):
    out = tmp_path / f"claims{suffix}"
    assert main(["viz", str(FIXTURE), "-o", str(out), "--figure", "003_6e0eda015fd086bf.txt"]) == 0
    assert out.stat().st_size > 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"wrote {out}: 6 entities, 5 claims")
    assert "1 contradicted" in printed


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--entity", "Budget-Z"], "unknown entity 'Budget-Z'"),
        (["--relation", "beats"], "unknown relation 'beats'"),
        (["--figure", "nope"], "unknown figure 'nope'"),
    ],
)
def test_viz_cli_unknown_choice_exits_2(args, needle, tmp_path, capsys):
    out = tmp_path / "claims.png"
    assert main(["viz", str(FIXTURE), "-o", str(out), *args]) == 2
    assert needle in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("name", ["claims.pdf"])
def test_viz_cli_unknown_suffix_exits_2(name, tmp_path, capsys):
    assert main(["viz", str(FIXTURE), "-o", str(tmp_path / name)]) == 2
    assert "unknown picture format '.pdf'" in capsys.readouterr().err
