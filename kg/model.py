"""Plain data passed between the pipeline stages.

read -> Document -> parse -> ParsedFigure -> extract -> FigureExtraction
-> link -> KnowledgeBase -> verify -> KnowledgeBase (claims with verdicts)
-> rdf -> rdflib graph.

Nothing here imports rdflib or spaCy: the stages agree on these types only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    """The five entity types of the contract."""

    MODEL = "Model"
    METHOD = "Method"
    DATASET = "Dataset"
    METRIC = "Metric"
    PARAMETER = "Parameter"


class Verdict(str, Enum):
    SUPPORTED = "Supported"
    CONTRADICTED = "Contradicted"
    UNVERIFIABLE = "Unverifiable"


class ClaimOrigin(str, Enum):
    """Where a claim comes from: the description's words or its numbers alone."""

    TEXT = "Text"
    DATA = "Data"


# --- read --------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One input description, decoded and checked."""

    source_file: str  # file name without folder (ckg:sourceFile)
    path: str  # the path as given, for messages
    text: str


# --- parse -------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """An axis the description states."""

    role: str  # "x", "y", "y2" (secondary) or "color"
    label: str  # as written, units stripped ("KV Budget")
    unit: str | None = None  # "TPS", "%", "token/sec"
    low: float | None = None  # stated range
    high: float | None = None
    scale: str | None = None  # "log" / "linear"
    ticks: tuple[float, ...] = ()
    categories: tuple[str, ...] = ()  # non-numeric tick labels
    panel: str | None = None  # panel title when the axis is per panel
    line: int = 0


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose, with its section, for claim extraction."""

    text: str
    line: int  # 1-based line in the source file
    section: str  # normalized section name: "overview", "analysis", "observations", ...


@dataclass(frozen=True)
class RawPoint:
    """A value read off the figure, with the names around it as written.

    The names are surface strings; extract decides what each one is.
    """

    value: float
    line: int
    text: str  # the source line, stripped
    series: str | None = None  # legend entry / row / column name
    x: float | None = None  # x position when numeric
    x_text: str | None = None  # x as written ("KV 2500", "1/16", "0.3B")
    x_label: str | None = None  # the word written with x ("KV", "tokens", "d₁")
    metric_hint: str | None = None  # a metric named with the value ("Test Accuracy ≈ 58")
    unit: str | None = None
    approximate: bool = False
    context: tuple[str, ...] = ()  # enclosing headings / panel names, outermost first
    scatter_axis: str | None = None  # "x"/"y" when the point is one coordinate of a scatter point
    category: str | None = None  # non-numeric x category (table row, bar group)
    row: tuple[str, float] | None = None  # a heatmap row's parameter and value ('Learning rate', 1e-4)


@dataclass(frozen=True)
class ParsedFigure:
    document: Document
    title: str
    chart_type: str | None
    axes: tuple[Axis, ...]
    legend: tuple[str, ...]  # legend entries as written, cleaned of colour notes
    panels: tuple[str, ...]  # panel titles as written
    points: tuple[RawPoint, ...]
    sentences: tuple[Sentence, ...]
    truncated: bool = False
    listed_panels: tuple[str, ...] = ()  # the panel titles a 'Titles:' item lists, as written


# --- extract -----------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A surface form naming an entity in one figure."""

    text: str
    type: EntityType


@dataclass(frozen=True)
class Condition:
    parameter: str  # surface name of the parameter
    value: float


@dataclass(frozen=True)
class Observation:
    value: float
    metric: str | None
    system: str | None = None
    model: str | None = None  # the model a method ran on
    dataset: str | None = None
    conditions: tuple[Condition, ...] = ()
    line: int = 0
    source_text: str = ""
    approximate: bool = False
    unit: str | None = None


@dataclass(frozen=True)
class Claim:
    """A statement about the figure: subject relation object, with context."""

    subject: str
    relation: str  # "outperforms", "decreasesWith", "increasesWith", ...
    object: str | None
    origin: ClaimOrigin
    evidence: str | None = None  # the sentence, for a claim from the text
    line: int = 0
    metric: str | None = None
    dataset: str | None = None
    model: str | None = None
    hedge: str | None = None  # "generally", "slightly", ...
    verdict: Verdict | None = None
    refuted_by: tuple[int, ...] = ()  # indexes into the figure's observations
    supported_by: tuple[int, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class FigureExtraction:
    figure: ParsedFigure
    mentions: tuple[Mention, ...]
    observations: tuple[Observation, ...]
    claims: tuple[Claim, ...] = ()
    # (surface, other surface of the same entity) the figure itself equates:
    # an axis title spelt differently from the series it plots.
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def source_file(self) -> str:
        return self.figure.document.source_file


# --- link --------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One real-world thing across all figures."""

    key: str  # stable identifier derived from the canonical name
    type: EntityType
    label: str  # canonical name
    alt_labels: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()  # source files naming it
    lower_is_better: bool = False  # metrics only


@dataclass
class KnowledgeBase:
    """Everything the graph will say, with names resolved to entity keys.

    `figures` keeps the extractions; `resolve` maps (figure source file,
    surface form) to the entity key.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    figures: list[FigureExtraction] = field(default_factory=list)
    resolve: dict[tuple[str, str], str] = field(default_factory=dict)
    # (figure source file, surface, type) -> entity key, for a surface typed two ways in one figure
    resolve_typed: dict[tuple[str, str, EntityType], str] = field(default_factory=dict)
    problems: list = field(default_factory=list)  # kg.errors.InputError per input left out or without data

    def key_for(
        self, source_file: str, surface: str | None, types: tuple[EntityType, ...] = ()
    ) -> str | None:
        """The entity a figure's surface form names; with `types`, only an entity of one of them."""
        if surface is None:
            return None
        if not types:
            return self.resolve.get((source_file, surface))
        for entity_type in types:
            key = self.resolve_typed.get((source_file, surface, entity_type))
            if key is not None:
                return key
        return None
