"""Composes the stages; no logic of its own.

read -> parse -> extract -> statements -> link -> verify -> rdf
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError, NoDataError
from kg.extract import extract
from kg.link import link
from kg.model import FigureExtraction, KnowledgeBase
from kg.output import write_text
from kg.parse import parse
from kg.rdf import format_for, serialize, to_dataset
from kg.read import find_inputs, read_document
from kg.statements import extract_stated_claims
from kg.verify import verify


@dataclass(frozen=True)
class BuildStats:
    figures: int
    entities: int
    observations: int
    claims: int
    problems: tuple[InputError, ...] = ()  # inputs left out or without data, each naming its file


def extract_figure(path: Path) -> FigureExtraction:
    document = read_document(path)
    figure = parse(document)
    extraction = extract(figure)
    claims = extract_stated_claims(figure.sentences, extraction.mentions, extraction.aliases)
    return replace(extraction, claims=tuple(claims))


def extract_figures(inputs: Iterable[str | Path]) -> tuple[list[FigureExtraction], list[InputError]]:
    """Read, parse and extract every description.

    One unusable file does not sink the others: a file that cannot be read is left
    out and a description with no value is kept (its names still count), and each
    is reported. When no description gives a value at all, that is an error.
    """
    extractions: list[FigureExtraction] = []
    problems: list[InputError] = []
    for path in find_inputs(inputs):
        try:
            extraction = extract_figure(path)
        except InputError as err:
            problems.append(err)
            continue
        if not extraction.observations:
            problems.append(NoDataError(str(path), "no data point could be read from this description"))
        extractions.append(extraction)
    if not any(e.observations for e in extractions):
        if len(problems) == 1:
            raise problems[0]
        listed = "; ".join(str(p) for p in problems)
        msg = f"no description gave a data point ({listed})" if problems else "no description found"
        raise InputError(", ".join(str(p) for p in inputs), msg)
    return extractions, problems


def build_knowledge_base(inputs: Iterable[str | Path]) -> KnowledgeBase:
    extractions, problems = extract_figures(inputs)
    kb = link(extractions)
    kb.problems = problems
    kb.figures = [verify(f, _lower_is_better(kb, f.source_file)) for f in kb.figures]
    return kb


def _lower_is_better(kb: KnowledgeBase, source_file: str) -> Callable[[str], bool]:
    """The linked metric's flag: one answer per metric across all figures."""

    def is_lower(metric: str) -> bool:
        key = kb.key_for(source_file, metric)
        return bool(key and kb.entities[key].lower_is_better)

    return is_lower


def build_graph(inputs: Iterable[str | Path]) -> tuple[KnowledgeBase, Dataset]:
    kb = build_knowledge_base(inputs)
    return kb, to_dataset(kb)


def build_to_file(inputs: Sequence[str | Path], output: str | Path) -> BuildStats:
    fmt = format_for(output)  # refuse an unknown format before any work
    kb, dataset = build_graph(inputs)
    write_text(output, serialize(dataset, fmt))
    return stats_of(kb)


def stats_of(kb: KnowledgeBase) -> BuildStats:
    return BuildStats(
        figures=len(kb.figures),
        entities=len(kb.entities),
        observations=sum(len(f.observations) for f in kb.figures),
        claims=sum(len(f.claims) for f in kb.figures),
        problems=tuple(kb.problems),
    )


def run_main_job(inputs: Sequence[str | Path], output_dir: str | Path) -> int:
    """Build the graph in every format, validate it, answer queries/, draw it.

    Returns 0 when the graph conforms to the shapes, 1 when it has violations.
    """
    from kg.query import run_all
    from kg.rdf import FORMATS, union
    from kg.validate import format_report, validate_graph, write_report
    from kg.viz import draw, relation_graph

    out = Path(output_dir)
    kb, dataset = build_graph(inputs)
    for suffix, fmt in sorted(FORMATS.items()):
        write_text(out / f"graph{suffix}", serialize(dataset, fmt))
    stats = stats_of(kb)
    for problem in stats.problems:
        print(f"kg run: warning: {problem}")
    print(
        f"graph: {stats.figures} figures, {stats.entities} entities, "
        f"{stats.observations} observations, {stats.claims} claims -> {out}/graph.ttl (.nt .jsonld .trig .nq)"
    )
    graph = union(dataset)
    report = validate_graph(graph)
    write_report(report, out / "validation-report.ttl")
    print(format_report(report))
    answers = run_all(graph, out / "answers")
    print(f"answers: {len(answers)} queries -> {out}/answers/")
    relations = relation_graph(graph)
    relations.graph["source"] = "graph.ttl"
    for suffix in (".png", ".svg", ".graphml", ".html"):
        draw(relations, out / f"relations{suffix}")
    print(f"picture: {out}/relations.png (.svg .graphml .html)")
    return 0 if report.conforms and not stats.problems else 1
