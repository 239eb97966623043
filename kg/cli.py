"""The `kg` command: arguments in, pipeline calls, errors out as messages and exit codes.

Exit codes: 0 success; 1 the job ran and found a problem (SHACL violations,
inputs of a folder left out or without data); 2 unusable input or arguments.

Each subcommand imports its stage lazily, so `kg --help` and `kg query` do
not pay for loading spaCy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kg.errors import ClaimKGError


def _build(args: argparse.Namespace) -> int:
    from kg.pipeline import build_to_file

    stats = build_to_file(args.inputs, args.output)
    for problem in stats.problems:
        print(f"kg build: warning: {problem}", file=sys.stderr)
    print(
        f"wrote {args.output}: {stats.figures} figures, {stats.entities} entities, "
        f"{stats.observations} observations, {stats.claims} claims"
    )
    # the graph holds every usable description; a non-zero status says some were not
    return 1 if stats.problems else 0


def _run(args: argparse.Namespace) -> int:
    from kg.pipeline import run_main_job

    return run_main_job(args.inputs, args.output_dir)


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate_paths, format_report

    report = evaluate_paths(args.inputs, args.gold)
    print(format_report(report, show_missed=not args.quiet))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_cli

    return validate_cli(args.graph, report_path=args.report)


def _query(args: argparse.Namespace) -> int:
    from kg.query import query_cli

    return query_cli(args.query, args.graph, bindings=args.bind, output_format=args.format)


def _viz(args: argparse.Namespace) -> int:
    from kg.viz import viz_cli

    return viz_cli(
        args.graph,
        args.output,
        figure=args.figure,
        entity=args.entity,
        relation=args.relation,
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="descriptions -> RDF graph")
    p.add_argument("inputs", nargs="+", help=".txt/.md files or folders of them")
    p.add_argument("-o", "--output", required=True, help="output file; .ttl .nt .jsonld .trig .nq")
    p.set_defaults(func=_build)

    p = sub.add_parser("run", help="the main job: build every format, validate, answer queries/, draw")
    p.add_argument("inputs", nargs="+")
    p.add_argument("-o", "--output-dir", default="out")
    p.set_defaults(func=_run)

    p = sub.add_parser("eval", help="score extraction against gold JSON files")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--gold", required=True, help="folder of gold .json files")
    p.add_argument("-q", "--quiet", action="store_true", help="scores only, no missed items")
    p.set_defaults(func=_eval)

    p = sub.add_parser("validate", help="SHACL validation with shapes/")
    p.add_argument("graph")
    p.add_argument("--report", help="write the sh:ValidationReport graph here (Turtle)")
    p.set_defaults(func=_validate)

    p = sub.add_parser("query", help="run a SPARQL file over a graph")
    p.add_argument("query", help="a .rq file, or the name of one in queries/")
    p.add_argument("graph")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=_query)

    p = sub.add_parser("viz", help="draw the relations (.png .svg .graphml .html)")
    p.add_argument("graph")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--figure", help="only this figure (source file name or IRI)")
    p.add_argument("--entity", help="only this entity's neighbourhood (label or IRI)")
    p.add_argument("--relation", help="only this relation (outperforms, decreasesWith, ...)")
    p.set_defaults(func=_viz)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except ClaimKGError as err:
        print(f"kg {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
