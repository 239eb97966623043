"""SPARQL over a claimkg graph: the cross-figure questions in queries/ and `kg query`.

    resolve_query(name_or_path)           a .rq path, or a name/number in queries/ -> Path
    run_query(text, graph, bindings)      -> (columns, rows), rows in a deterministic order
    format_rows(columns, rows, fmt)       "table" (aligned text), "csv" or "json" (list of objects)
    query_cli(query, graph_path, ...)     the `kg query` command: 0 answered, 2 unusable input
    run_all(graph, out_dir)               every query in queries/ -> out_dir/<stem>.csv

Determinism. rdflib's evaluation order follows the order triples were added,
which differs between a graph built in memory and one read back from a file.
So, when the query has no ORDER BY, the rows are sorted; and the values of a
GROUP_CONCAT with an explicit separator (other than a single space) are split
on it, empty pieces dropped, sorted and joined again, since SPARQL leaves the
order inside a GROUP_CONCAT undefined. A piece that itself holds the separator
is then sorted as two pieces: the text is unchanged apart from that order.

Bindings (`--bind name=value`) are passed as initBindings with plain string
literals. A query that takes a run-time name, like 10-entity-profile.rq, must
use ?name in the top-level pattern (not only in a sub-select) and project it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import BNode, Node

from kg.errors import ClaimKGError
from kg.vocab import REPO_ROOT

QUERIES_DIR = REPO_ROOT / "queries"
FORMATS = ("table", "csv", "json")

# the variable a query takes its run-time name from (see 10-entity-profile.rq)
NAME_VARIABLE = "name"

INTEGER_TYPES = {
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.short,
    XSD.byte,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.negativeInteger,
    XSD.nonPositiveInteger,
    XSD.unsignedLong,
    XSD.unsignedInt,
    XSD.unsignedShort,
    XSD.unsignedByte,
}
NUMERIC_TYPES = INTEGER_TYPES | {XSD.decimal, XSD.double, XSD.float}

# compact IRIs in the text table only; csv and json keep full IRIs
TABLE_PREFIXES = (
    ("ckgid:", "https://w3id.org/claimkg/id/"),
    ("ckg:", "https://w3id.org/claimkg/ontology#"),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
)

Row = list[Node | None]


class QueryError(ClaimKGError):
    """A query file that is missing, unreadable or not valid SPARQL, or a query that fails."""


# --- finding and reading queries ----------------------------------------------


def list_queries(folder: Path = QUERIES_DIR) -> list[Path]:
    """The .rq files of queries/, by name."""
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def resolve_query(name_or_path: str | Path) -> Path:
    """A path to a .rq file, or a query of queries/ named by stem or number.

    "04", "4", "04-best-system" and "04-best-system.rq" all name
    queries/04-best-system.rq. Raises QueryError when nothing or more than one
    query matches.
    """
    path = Path(name_or_path)
    if path.is_file():
        return path
    if path.is_dir():
        msg = f"{name_or_path}: is a folder, not a query file"
        raise QueryError(msg)
    name = str(name_or_path)
    known = list_queries()
    if "/" not in name and "\\" not in name:
        stem = name[:-3] if name.endswith(".rq") else name
        matches = [q for q in known if q.stem == stem]
        if not matches and stem.isdigit():
            matches = [q for q in known if _number_of(q) == int(stem)]
        if not matches:
            matches = [q for q in known if q.stem.startswith(f"{stem}-")]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(q.name for q in matches)
            msg = f"{name}: names more than one query in {QUERIES_DIR}: {names}"
            raise QueryError(msg)
    names = ", ".join(q.stem for q in known) or "none"
    msg = f"{name}: no such query file, nor a query of that name in {QUERIES_DIR} (known: {names})"
    raise QueryError(msg)


def _number_of(path: Path) -> int | None:
    head = path.stem.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        msg = f"{path}: cannot read the query: {err}"
        raise QueryError(msg) from err


def prepare(query_text: str, source: str = "query") -> Query:
    """Parse SPARQL 1.1 text; QueryError naming `source` when it is not valid."""
    try:
        return prepareQuery(query_text)
    except Exception as err:  # pyparsing's ParseException, rdflib's own errors, ...
        detail = " ".join(str(err).split())[:300] or type(err).__name__
        msg = f"{source}: not a valid SPARQL query: {detail}"
        raise QueryError(msg) from err


# --- running ------------------------------------------------------------------


def run_query(
    query_text: str | Query,
    graph: Graph,
    bindings: Mapping[str, str] | None = None,
    source: str = "query",
) -> tuple[list[str], list[Row]]:
    """Run a query with rdflib; (column names, rows of rdflib terms, None when unbound).

    SELECT gives its projected variables; ASK one column "ask"; CONSTRUCT and
    DESCRIBE the columns subject, predicate, object. Rows are sorted when the
    query has no ORDER BY, and GROUP_CONCAT values are put in a fixed order
    (see the module's docstring).
    """
    prepared = query_text if isinstance(query_text, Query) else prepare(query_text, source)
    init = {Variable(key): Literal(value) for key, value in (bindings or {}).items()}
    try:
        result = graph.query(prepared, initBindings=init)
        if result.type == "ASK":
            return ["ask"], [[Literal(bool(result.askAnswer))]]
        if result.type in {"CONSTRUCT", "DESCRIBE"}:
            triples = [list(triple) for triple in result.graph or Graph()]
            return ["subject", "predicate", "object"], sorted(triples, key=row_sort_key)
        columns = [str(var) for var in result.vars or []]
        rows: list[Row] = [[row[i] for i in range(len(columns))] for row in result]
    except ClaimKGError:
        raise
    except Exception as err:
        detail = " ".join(str(err).split())[:300] or type(err).__name__
        msg = f"{source}: the query failed: {detail}"
        raise QueryError(msg) from err
    rows = normalize_group_concat(columns, rows, group_concat_columns(prepared))
    if not has_order_by(prepared):
        rows.sort(key=row_sort_key)
    return columns, rows


def _walk(node: Any) -> Iterable[CompValue]:
    """Every CompValue in a query's algebra, depth first."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(value for key, value in item.items() if key != "_vars")
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def group_concat_columns(query: Query | str) -> dict[str, str]:
    """Projected variables that hold a GROUP_CONCAT with an explicit separator -> that separator.

    Follows `(GROUP_CONCAT(...) AS ?x)`, `(COALESCE(GROUP_CONCAT(...), "") AS ?x)`,
    `BIND (COALESCE(?x, "") AS ?y)` of such a variable, and such variables
    projected by a sub-select. Each SELECT is its own scope (rdflib names the
    aggregates of every sub-select __agg_1__, __agg_2__, ... again). A
    single-space separator (also the default) is left alone: splitting on it
    would reorder the words of the values.
    """
    prepared = prepare(query) if isinstance(query, str) else query
    top = prepared.algebra.get("p")
    while isinstance(top, CompValue) and top.name != "Project":
        top = top.get("p")
    if not isinstance(top, CompValue):
        return {}
    return _concat_scope(top)


def _scope(project: CompValue) -> tuple[list[CompValue], list[CompValue]]:
    """The nodes of one SELECT, and the SELECTs nested in it (not descended into)."""
    own: list[CompValue] = []
    nested: list[CompValue] = []
    stack: list[Any] = [value for key, value in project.items() if key != "_vars"]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "Project":
                nested.append(item)
                continue
            own.append(item)
            stack.extend(value for key, value in item.items() if key != "_vars")
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return own, nested


def _concat_scope(project: CompValue) -> dict[str, str]:
    own, nested = _scope(project)
    separators: dict[str, str] = {}
    for child in nested:
        separators.update(_concat_scope(child))
    for node in own:
        if node.name == "Aggregate_GroupConcat":
            separator = node.get("separator")
            if separator is not None and str(separator) not in {"", " "}:
                separators[str(node["res"])] = str(separator)
    # a GROUP BY key is re-bound through SAMPLE: it keeps what it held
    for node in own:
        if node.name == "Aggregate_Sample" and isinstance(node.get("vars"), Variable):
            if str(node["vars"]) in separators:
                separators[str(node["res"])] = separators[str(node["vars"])]
    extends = [(str(node["var"]), node["expr"]) for node in own if node.name == "Extend"]
    changed = True
    while changed:
        changed = False
        for var, expr in extends:
            source = expr
            if isinstance(expr, CompValue) and expr.name == "Builtin_COALESCE":
                args = expr.get("arg") or []
                source = args[0] if args else None
            if isinstance(source, Variable) and str(source) in separators and var not in separators:
                separators[var] = separators[str(source)]
                changed = True
    projected = {str(var) for var in project.get("PV") or []}
    return {var: sep for var, sep in separators.items() if var in projected}


def normalize_group_concat(columns: Sequence[str], rows: list[Row], concat: Mapping[str, str]) -> list[Row]:
    """Sort the pieces of each GROUP_CONCAT value; drop empty pieces. Other cells unchanged."""
    indexes = [(i, concat[name]) for i, name in enumerate(columns) if name in concat]
    if not indexes:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i, separator in indexes:
            cell = row[i]
            if isinstance(cell, Literal) and cell.datatype in (None, XSD.string):
                pieces = sorted(piece for piece in str(cell).split(separator) if piece != "")
                row[i] = Literal(separator.join(pieces), lang=cell.language, datatype=cell.datatype)
        out.append(row)
    return out


def has_order_by(query: Query) -> bool:
    """True when the query's own solution modifiers include ORDER BY."""
    node = query.algebra.get("p")
    while isinstance(node, CompValue):
        if node.name == "OrderBy":
            return True
        if node.name not in {"Project", "Distinct", "Reduced", "Slice", "ToMultiSet"}:
            return False
        node = node.get("p")
    return False


def row_sort_key(row: Sequence[Node | None]) -> tuple:
    return tuple(_cell_key(cell) for cell in row)


def _cell_key(cell: Node | None) -> tuple:
    # unbound first, then numbers by value, then everything else by text
    if cell is None:
        return (0, 0.0, "")
    if isinstance(cell, Literal) and cell.datatype in NUMERIC_TYPES:
        try:
            return (1, float(cell), str(cell))
        except (TypeError, ValueError):
            pass
    rank = 2 if isinstance(cell, Literal) else 3 if isinstance(cell, URIRef) else 4
    return (rank, 0.0, str(cell))


# --- formatting ---------------------------------------------------------------


def _text(cell: Node | None) -> str:
    if cell is None:
        return ""
    if isinstance(cell, BNode):
        return f"_:{cell}"
    return str(cell)


def _table_text(cell: Node | None) -> str:
    if isinstance(cell, URIRef):
        text = str(cell)
        for prefix, namespace in TABLE_PREFIXES:
            if text.startswith(namespace):
                return prefix + text[len(namespace) :]
        return f"<{text}>"
    return " ".join(_text(cell).split())  # one line per row


def _json_value(cell: Node | None) -> Any:
    if cell is None:
        return None
    if isinstance(cell, Literal):
        if cell.datatype == XSD.boolean:
            return bool(cell.toPython())
        if cell.datatype in INTEGER_TYPES:
            try:
                return int(str(cell))
            except ValueError:
                return str(cell)
        if cell.datatype in NUMERIC_TYPES:
            value = cell.toPython()
            if isinstance(value, (Decimal, float, int)):
                number = float(value)
                return number if number == number and abs(number) != float("inf") else str(cell)
            return str(cell)
    return _text(cell)


def _is_numeric(cell: Node | None) -> bool:
    return isinstance(cell, Literal) and cell.datatype in NUMERIC_TYPES


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Node | None]], fmt: str = "table") -> str:
    """The answer as text: "table" (aligned columns), "csv" (with a header) or "json"."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(cell) for cell in row])
        return buffer.getvalue()
    if fmt == "json":
        objects = [{name: _json_value(cell) for name, cell in zip(columns, row)} for row in rows]
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        cells = [[_table_text(cell) for cell in row] for row in rows]
        widths = [len(name) for name in columns]
        for row in cells:
            widths = [max(width, len(text)) for width, text in zip(widths, row)]
        # numbers right-aligned when a column holds only numbers
        numeric = [
            bool(rows) and all(row[i] is None or _is_numeric(row[i]) for row in rows)
            for i in range(len(columns))
        ]

        def line(texts: Sequence[str]) -> str:
            parts = [
                text.rjust(width) if right else text.ljust(width)
                for text, width, right in zip(texts, widths, numeric)
            ]
            return "  ".join(parts).rstrip()

        lines = [line(columns), "  ".join("-" * width for width in widths)]
        lines.extend(line(row) for row in cells)
        lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
        return "\n".join(lines) + "\n"
    msg = f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}"
    raise QueryError(msg)


# --- the command --------------------------------------------------------------


def parse_bindings(bindings: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """["name=Llama 2", ...] -> {"name": "Llama 2"}; a leading "?" on the name is allowed."""
    if bindings is None:
        return {}
    if isinstance(bindings, Mapping):
        return {str(k).lstrip("?$"): str(v) for k, v in bindings.items()}
    out = {}
    for item in bindings:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not key or not key.replace("_", "a").isalnum():
            msg = f"--bind {item!r}: write it as NAME=VALUE, e.g. --bind name=Llama2-7B-Chat"
            raise QueryError(msg)
        out[key] = value
    return out


def query_cli(
    query: str,
    graph_path: str,
    bindings: Iterable[str] | Mapping[str, str] | None = None,
    output_format: str = "table",
) -> int:
    """`kg query`: print the answer; 0 when answered, 2 when an input is unusable."""
    # imported here: kg.validate pulls in pyshacl, which `kg query` needs only for load_graph
    from kg.validate import load_graph

    try:
        if output_format not in FORMATS:
            msg = f"unknown output format {output_format!r}; use one of {', '.join(FORMATS)}"
            raise QueryError(msg)
        values = parse_bindings(bindings)
        path = resolve_query(query)
        prepared = prepare(read_query(path), str(path))
        graph = load_graph(graph_path)
        if uses_variable(prepared, NAME_VARIABLE) and NAME_VARIABLE not in values:
            print(
                f"kg query: note: {path.name} takes ?{NAME_VARIABLE}: add --bind {NAME_VARIABLE}=VALUE",
                file=sys.stderr,
            )
        columns, rows = run_query(prepared, graph, values, source=str(path))
        text = format_rows(columns, rows, output_format)
    except ClaimKGError as err:
        print(f"kg query: error: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


# --- the main job ---------------------------------------------------------------


def most_named_model(graph: Graph) -> str | None:
    """rdfs:label of the ckg:Model named in the most figures; the first label on ties."""
    text = """
        PREFIX ckg:  <https://w3id.org/claimkg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label (COUNT(DISTINCT ?figure) AS ?figures)
        WHERE {
            ?model a ckg:Model ; rdfs:label ?label .
            OPTIONAL { ?model ckg:appearsIn ?figure }
        }
        GROUP BY ?model ?label
    """
    best: tuple[int, str] | None = None
    for label, count in graph.query(text):
        key = (-int(count), str(label))
        if best is None or key < best:
            best = key
    return best[1] if best else None


def uses_variable(query: Query, name: str) -> bool:
    return any(str(var) == name for node in _walk(query.algebra) for var in node.get("_vars", ()) or ())


def run_all(graph: Graph, out_dir: str | Path, queries: Sequence[Path] | None = None) -> list[Path]:
    """Answer every query of queries/ over `graph`: out_dir/<query stem>.csv, written atomically.

    A query that takes ?name (10-entity-profile) is run for the model named in
    the most figures (the first by label on ties); the CSV then opens with a
    comment line `# name = <label> (...)` before its header. Returns the files
    written, in query order. Raises QueryError when a query cannot be read,
    parsed or run, OutputError when a file cannot be written.
    """
    from kg.output import write_text

    out = Path(out_dir)
    written = []
    chosen: str | None = None
    chosen_known = False
    for path in list_queries() if queries is None else queries:
        prepared = prepare(read_query(path), str(path))
        header = ""
        bindings: dict[str, str] = {}
        if uses_variable(prepared, NAME_VARIABLE):
            if not chosen_known:
                chosen, chosen_known = most_named_model(graph), True
            if chosen is None:
                header = f"# {NAME_VARIABLE} unbound: the graph has no ckg:Model\n"
            else:
                bindings[NAME_VARIABLE] = chosen
                header = f"# {NAME_VARIABLE} = {chosen} (the model named in the most figures)\n"
        columns, rows = run_query(prepared, graph, bindings, source=str(path))
        target = out / f"{path.stem}.csv"
        write_text(target, header + format_rows(columns, rows, "csv"))
        written.append(target)
    return written
