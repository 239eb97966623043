"""ParsedFigure -> FigureExtraction: typed entity mentions and observations.

Each raw point's enclosing headings, series name, x position and table cell
are resolved to the observation's system, model, dataset, metric and settings,
using the figure's own structure first (legend entries are the compared
systems, the x-axis is the varied parameter, the y-axis the metric) and the
spaCy pipeline's vocabulary and name patterns second.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from kg import nlp
from kg.lexicon import lookup, norm
from kg.model import (
    Axis,
    Condition,
    EntityType,
    FigureExtraction,
    Mention,
    Observation,
    ParsedFigure,
    RawPoint,
)
from kg.parse import is_noise_label, label_core, strip_markup, strip_style

SYSTEM_TYPES = (EntityType.MODEL, EntityType.METHOD)

_METRIC_WORDS = re.compile(
    r"\b(?:accuracy|acc|scores?|loss|error|f1|bleu|rouge\S*|chrf\S*|throughput|speed|latency|efficiency|"
    r"perplexity|ppl|ndcg\S*|mrr|map|recall|precision|correlation|mcc|pearson|spearman|eval\w*|success|"
    r"win\s+rate|counts?|time|memory|performance|auc|exact\s+match|reward|return|proportion|percentage|"
    r"mbsu|tps|rate|mse|mae|rmse|smape|mape|wer|cer|fid|em|pass@\S*|top-?\d|hit@\S*|utility|cost|"
    r"gain|speedup|bits per\s+\w+|bpc|bpb|coverage|agreement|quality|fidelity)\b|@\d",
    re.IGNORECASE,
)
_PARAMETER_WORDS = re.compile(
    r"(?:^#|\bnumber of\b|\bnum\.?\b|\bbudget\b|\bsizes?\b|\bbits?\b|\bbit-width\b|\bdimensions?\b|"
    r"\bdimensionality\b|\bratio\b|\bsteps?\b|\bepochs?\b|\btemperature\b|\bshots?\b|\blength\b|"
    r"\btrials?\b|\blayers?\b|\bheads?\b|\bsparsity\b|\bthreshold\b|\bwindow\b|\bcompression\b|"
    r"\biterations?\b|\brounds?\b|\bbatch\b|\blearning rate\b|\btokens\b|\bparameters\b)",
    re.IGNORECASE,
)
_DATASET_PATTERN = re.compile(r"(?:->|→|⇒|=>)|\b(?:dataset|benchmark|corpus|split)\b", re.IGNORECASE)
_PANEL_PREFIX = re.compile(
    r"^(?:\(\w\)\s*|\d{1,2}[.)]\s+)?(?:(?:(?:left|right|top|bottom|middle|center|centre|upper|lower)\s+)?(?:chart|graph|plot|panel|subplot|figure|fig\.|row|column|series|data series|"
    r"subfigure|table|heatmap)\s*\d*\s*(?:\([^)]*\))?"
    # 'Panel (a), top-left: X': a position after the panel's number
    r"(?:\s*,\s*(?:top|bottom|middle|center|centre|upper|lower|left|right)(?:[- ](?:left|right|center|centre))?)?"
    r"\s*[:.-]\s*)?",
    re.IGNORECASE,
)
_PANEL_SUFFIX = re.compile(
    r"\s+(?:dataset|column|row|chart|panel|subplot|graph|plot|results?|data)\s*$", re.IGNORECASE
)
# Headings that describe rather than name: 'Impact of Loss Objective', 'Performance Comparison'.
_DESCRIPTIVE = re.compile(
    r"\b(?:impact|effect|analysis|comparison|overview|versus|vs\.?|of\s+the|across|by)\b", re.IGNORECASE
)
_PANEL_LABEL = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:\(\w\)\s*)?(?:panel|chart|graph|plot|subplot|subfigure)\s*\(?\w{0,3}\)?\s*[:.,-]",
    re.IGNORECASE,
)
# names of a group of systems, not of a benchmark: 'Open-source LLMs', 'Closed-source models'
_GROUP_WORDS = re.compile(
    r"\b(?:llms?|models?|methods?|baselines?|systems?|variants?|comparison|results?|overview)\b", re.I
)
_SETTING = re.compile(r"([A-Za-zα-ωτ][\w₀-₉]*)\s*=\s*([-+]?\d*\.?\d+)")
_LATEX_NAME = re.compile(r"\\math\w*\{(\w+)\}(?:_\{?\\?(?:text|mathrm)?\{?(\w+)\}?\}?)?")


def simplify_latex(text: str) -> str:
    """'$\\mathcal{L}_{\\text{prefer}} + \\mathcal{L}_{\\text{NLL}}$' -> 'L_prefer + L_NLL'."""
    if "\\" not in text:
        return text
    out = _LATEX_NAME.sub(lambda m: m.group(1) + (f"_{m.group(2)}" if m.group(2) else ""), text)
    out = out.replace("$", "")
    return re.sub(r"\s+", " ", out).strip()


_APPLIED = re.compile(r"^(?P<model>.+?)\s*(?:\(\s*(?:w/|with)\s*(?P<m1>[^)]+)\)|\s(?:w/|with)\s+(?P<m2>.+))$")


def applied_method(name: str) -> tuple[str, str] | None:
    """'LLM2Vec-7B (w/ SMEC)' -> ('SMEC', 'LLM2Vec-7B'): a method run on a model."""
    m = _APPLIED.match(name.strip())
    if not m:
        return None
    model = m.group("model").strip()
    method = (m.group("m1") or m.group("m2") or "").strip()
    if not model or not method or nlp.whole_name_type(model) != EntityType.MODEL:
        return None
    return method, model


def settings_of(text: str) -> list[Condition] | None:
    """'T=0.7, k=40' -> [T=0.7, k=40]; None when the text is not a list of settings."""
    found = _SETTING.findall(text)
    if not found:
        return None
    rest = _SETTING.sub("", text)
    if re.search(r"[A-Za-z]{4,}", re.sub(r"\bno\s+top\s*k\b|\bno\b", "", rest, flags=re.IGNORECASE)):
        return None
    return [Condition(name, float(value)) for name, value in found]


def name_parts(label: str) -> list[str]:
    """Candidate entity names in a heading: 'Chart 1: R1-Llama | AIME24' -> ['R1-Llama', 'AIME24']."""
    text = strip_markup(label).strip()
    quoted = re.findall(r"\"([^\"]+)\"|“([^”]+)”|`([^`]+)`", text)
    if quoted:
        names = [next(q for q in group if q) for group in quoted]
        return [strip_style(n) for n in names if n.strip()]
    text = _PANEL_PREFIX.sub("", text).strip()
    head, paren = text, None
    m = re.search(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$", text)
    if m and text[: m.start()].strip():
        head, paren = text[: m.start()].strip(), m.group(1).strip()
        stripped = strip_style(text)
        if stripped != text:  # the parenthetical is style ('(Blue Line)'), not content
            head, paren = stripped, None
    parts: list[str] = []
    if (
        head
        and re.fullmatch(r"(?:[\w-]+\s+)?(?:line|bars?|curve|series|markers?|dots?|points?)", head.lower())
        and paren
    ):
        # 'Blue Line (T=0.7, k=40)': the name is in the parentheses
        return [strip_style(paren)]
    for piece in re.split(r"\s+\|\s+|\s+on\s+|\s+for\s+|\s+vs\.?\s+|\s*;\s*|:\s+", head):
        piece = _PANEL_SUFFIX.sub("", piece.strip(" :-"))
        if piece:
            parts.append(piece)
    if paren:
        for piece in re.split(r"\s+-\s+|\s*,\s*|\s*/\s*", paren):
            piece = piece.strip()
            if piece and not re.fullmatch(
                r"(?:left|right|top|bottom|center|centre|middle)(?:[- ]\w+)*(?:\s+chart)?",
                piece,
                re.IGNORECASE,
            ):
                parts.append(piece)
    return parts


@dataclass
class _Typer:
    """Types names for one figure: structure first, then vocabulary and patterns."""

    roles: dict[str, EntityType]
    legend: set[str]

    def type_of(self, name: str, default: EntityType | None = None, guess: bool = True) -> EntityType | None:
        """Structure, vocabulary and name patterns; with `guess`, also the metric-word heuristic."""
        key = norm(name)
        for known, entity_type in self.roles.items():
            if norm(known) == key:
                return entity_type
        if settings_of(name):
            return None
        term = lookup(name) or lookup(re.sub(r"\s*v?\d+(?:\.\d+)*$", "", name))  # 'AlpacaEval 2.0'
        if term is not None:
            return term.type
        found = nlp.whole_name_type(name)
        if found is not None:
            return found
        if _DATASET_PATTERN.search(name):
            return EntityType.DATASET
        if guess and _METRIC_WORDS.search(name) and len(name.split()) <= 5 and not _DESCRIPTIVE.search(name):
            return EntityType.METRIC
        if name in self.legend:
            return EntityType.METHOD
        return default


def _same_quantity(short: str, label: str) -> bool:
    """'KV' / 'KV Budget', 'tokens' / 'num. tokens at the target', 'bits' / 'bit': one quantity."""
    stems = {w[:4] for w in re.findall(r"[a-z0-9₀-₉]+", label.lower())}
    return any(w[:4] in stems for w in re.findall(r"[a-z0-9₀-₉]+", short.lower()))


def _looks_like_metric(name: str) -> bool:
    term = lookup(name)
    return (term is not None and term.type == EntityType.METRIC) or bool(
        _METRIC_WORDS.search(name) and not re.search(r"colou?r|bar|gradient|scale", name, re.IGNORECASE)
    )


def _is_range_text(text: str) -> bool:
    return bool(re.match(r"^[\d.\s~≈-]+(?:to|–)", text))


def _figure_roles(figure: ParsedFigure) -> tuple[dict[str, EntityType], Axis | None, list[Axis], bool]:
    roles: dict[str, EntityType] = {}
    scatter = bool(figure.chart_type and "scatter" in figure.chart_type) or any(
        p.scatter_axis for p in figure.points
    )
    x_axis = next((a for a in figure.axes if a.role == "x" and a.panel is None and a.label), None)
    # a y-axis of categories (a heatmap's rows) names no metric; the colour bar then does
    y_axes = [a for a in figure.axes if a.role in {"y", "y2"} and a.label and not a.categories]
    if not y_axes:
        y_axes = [
            replace(a, role="y")
            for a in figure.axes
            if a.role == "color" and a.label and not _is_range_text(a.label) and _looks_like_metric(a.label)
        ]
    for axis in y_axes:
        roles.setdefault(axis.label, EntityType.METRIC)
    if x_axis is not None:
        roles.setdefault(x_axis.label, EntityType.METRIC if scatter else EntityType.PARAMETER)
    return roles, x_axis, y_axes, scatter


_PROSE_METRIC = re.compile(
    r"\b(?:is|are)\s+(?:represented|measured|shown|expressed|reported|given|quantified)\s+(?:as|in|by|using)\s+"
    r"(?:an?\s+|the\s+)?\**(?P<metric>[A-Za-z][\w@%/-]*(?:\s+[A-Za-z@][\w@%/-]*){0,2}?)\**"
    r"(?=\s*(?:[,.;(]|\s+(?:with|for|across|where|on|metric)\b))",
    re.IGNORECASE,
)
_LEGEND_STATS = re.compile(
    r"\b(?:their|the)\s+(?P<primary>[a-z][\w -]{2,30}?)(?:\s+across\s+[\w ]+?)?,?\s+and\s+(?:an?|the)\s+"
    r"(?P<secondary>[a-z][\w -]{2,30}?)(?:\s+values?)?\s+in\s+parenthes[ie]s",
    re.IGNORECASE,
)


def _metrics_named_in_prose(figure: ParsedFigure) -> tuple[str | None, str | None]:
    """A metric the overview names when no axis does ('represented as a percentage score'),
    and the two statistics of a legend that lists 'A (B)' per entry."""
    primary = secondary = None
    for sentence in figure.sentences:
        if sentence.section != "overview":
            continue
        m = _LEGEND_STATS.search(sentence.text)
        if m and secondary is None:
            primary, secondary = m.group("primary").strip(), m.group("secondary").strip()
            continue
        m = _PROSE_METRIC.search(sentence.text)
        if m and primary is None and _METRIC_WORDS.search(m.group("metric")):
            primary = m.group("metric").strip()
    return primary, secondary


_UNIT_SETTING = re.compile(r"^(?:(?P<name>.+?),\s*)?(?P<value>\d+(?:\.\d+)?)%?[- ]?(?P<unit>[A-Za-z]{3,})$")
# a box plot's statistics are not systems
_STATISTICS = {
    "median",
    "mean",
    "average",
    "q1",
    "q3",
    "iqr",
    "min",
    "max",
    "minimum",
    "maximum",
    "whisker",
    "whiskers",
    "outlier",
    "outliers",
    "lower whisker",
    "upper whisker",
    "first quartile",
    "third quartile",
}


def _unit_setting(series: str) -> tuple[str, Condition | None]:
    """'Phi-3-mini, 4-bit' -> ('Phi-3-mini', bit-width=4): the unit names the parameter."""
    m = _UNIT_SETTING.match(series)
    if m:
        term = lookup(m.group("unit"))
        if term is not None and term.type == EntityType.PARAMETER:
            return (m.group("name") or "").strip(), Condition(term.label, float(m.group("value")))
    return series, None


_ROW_KINDS = {
    "system": re.compile(
        r"^(?:methods?|models?|systems?|approach(?:es)?|variants?|configurations?|baselines?|agents?)\b", re.I
    ),
    "dataset": re.compile(
        r"^(?:datasets?|benchmarks?|tasks?|subjects?|domains?|languages?|splits?|categor(?:y|ies))\b", re.I
    ),
}


def _row_kind(header: str | None) -> str | None:
    """What a table's rows are, from its first header cell ('Method', 'Benchmark')."""
    for kind, pattern in _ROW_KINDS.items():
        if header and pattern.match(header.strip()):
            return kind
    return None


_STYLE_TAIL = re.compile(r"\s+(?:line|curve|bars?|baseline|reference|marker|points?)$", re.IGNORECASE)


def _legend_name(name: str, legend: list[str]) -> str:
    """'SFT line' or 'Dense-1.3B baseline' -> the legend entry 'SFT' / 'Dense-1.3B' it draws."""
    short = _STYLE_TAIL.sub("", name)
    while short != name:
        if short in legend:
            return short
        name, short = short, _STYLE_TAIL.sub("", short)
    return name


def _values_at_ticks(figure: ParsedFigure, x_axis: Axis | None) -> dict[int, float]:
    """'Starts at ~42.7 and increases to ~44.1, 44.8, and 46.0': one series' values without
    positions, as many as the x-axis has ticks (three or more), are read at the ticks in order."""
    if x_axis is None or len(x_axis.ticks) < 3:
        return {}
    groups: dict[tuple, list[RawPoint]] = {}
    for point in figure.points:
        if point.x is None and not point.x_text and not point.scatter_axis and not point.category:
            groups.setdefault((point.line, point.series, point.context), []).append(point)
    found = {}
    for points in groups.values():
        if len(points) == len(x_axis.ticks):
            found.update((id(p), x) for p, x in zip(points, sorted(x_axis.ticks)))
    return found


def _figure_level_names(figure: ParsedFigure, typer: _Typer) -> tuple[list[str], list[str]]:
    """The models and datasets the whole figure is about: named in the title, or,
    when the title names none, the one the overview names ('RULER accuracy of ...')."""
    found: dict[EntityType, list[str]] = {}
    for entity_type in (EntityType.MODEL, EntityType.DATASET):
        names = sorted({t for t, ty, *_ in nlp.entities(figure.title) if ty == entity_type})
        if not names and len(figure.panels) == 1:
            names = sorted({t for t, ty, *_ in nlp.entities(figure.panels[0]) if ty == entity_type})
        if not names:
            overview = " ".join(s.text for s in figure.sentences if s.section == "overview")
            names = sorted(
                {
                    t
                    for t, ty, *_ in nlp.entities(overview)
                    if ty == entity_type and typer.roles.get(t) is None
                }
            )
            names = names if len(names) == 1 else []
        found[entity_type] = names
    return found[EntityType.MODEL], found[EntityType.DATASET]


def extract(figure: ParsedFigure) -> FigureExtraction:
    reader = _FigureReader(figure)
    observations: list[Observation] = []
    seen: set[tuple] = set()
    for point in figure.points:
        observation = reader.observation(point)
        key = (
            observation.value,
            observation.metric and norm(observation.metric),
            observation.system and norm(observation.system),
            observation.model and norm(observation.model),
            observation.dataset and norm(observation.dataset),
            tuple(sorted((norm(c.parameter), c.value) for c in observation.conditions)),
        )
        if key not in seen:  # the same value written twice (a list and a table) is one observation
            seen.add(key)
            observations.append(observation)
    reader.declare_names()
    aliases = reader.aliases()
    reader.name_prose_entities()
    return FigureExtraction(
        figure=figure,
        mentions=tuple(Mention(text, entity_type) for text, entity_type in reader.mentions),
        observations=tuple(observations),
        aliases=tuple(aliases),
    )


@dataclass
class _Slots:
    """What one point is found to be about, filled in from its headings, series, cell and x."""

    metric: str | None = None
    system: str | None = None
    model: str | None = None
    dataset: str | None = None
    conditions: list[Condition] = field(default_factory=list)
    context_names: set[str] = field(default_factory=set)


class _FigureReader:
    """One figure's structure, typed once, and the observation each raw point makes."""

    def __init__(self, figure: ParsedFigure) -> None:
        self.figure = figure
        self.roles, self.x_axis, self.y_axes, self.scatter = _figure_roles(figure)
        self.legend = [simplify_latex(e) for e in figure.legend]
        self.typer = _Typer(roles=dict(self.roles), legend=set(self.legend))
        self.legend_types = self._type_legend()
        for entry, entity_type in self.legend_types.items():
            if entity_type is not None:
                self.typer.roles.setdefault(entry, entity_type)
        self.title_models, self.title_datasets = _figure_level_names(figure, self.typer)
        title_metrics = sorted({t for t, ty, *_ in nlp.entities(figure.title) if ty == EntityType.METRIC})
        self.title_metric = title_metrics[0] if len(title_metrics) == 1 else None  # no y-axis title
        self.prose_metric, self.secondary_metric = _metrics_named_in_prose(figure)
        self.label_parts = self._type_headings()
        # when a table's columns are datasets, its rows are systems, and the other way round
        self.series_types = Counter(
            self.typer.type_of(p.series) for p in figure.points if p.series and p.category
        )
        self.at_ticks = _values_at_ticks(figure, self.x_axis)
        self.mentions: dict[tuple[str, EntityType], None] = {}

    def mention(self, name: str | None, entity_type: EntityType | None) -> str | None:
        if not name or entity_type is None:
            return None
        name = name.strip()
        if not name or len(name) > 80:
            return None
        self.mentions.setdefault((name, entity_type), None)
        return name

    # --- figure-level typing ------------------------------------------------------

    def _type_legend(self) -> dict[str, EntityType | None]:
        """Legend entries are systems, unless they are metrics (seed 000), datasets or settings."""
        legend_types: dict[str, EntityType | None] = {}
        known_types: Counter = Counter()
        by_name = _Typer(roles=dict(self.roles), legend=set())  # what the entry's own name says
        for entry in self.legend:
            entity_type = by_name.type_of(entry)
            known_types[entity_type] += 1
            legend_types[entry] = None if settings_of(entry) else entity_type
        # The compared systems are of one kind: an unknown entry among named models is a model too.
        models = known_types[EntityType.MODEL]
        unknown_kind = (
            EntityType.MODEL if models >= 2 and models > known_types[EntityType.METHOD] else EntityType.METHOD
        )
        for entry in self.legend:
            if legend_types[entry] is None and not settings_of(entry):
                legend_types[entry] = unknown_kind
        return legend_types

    def _type_headings(self) -> dict[str, list[tuple[str, EntityType | None]]]:
        """Every enclosing heading split into names and typed; panels vote for datasets."""
        figure, typer = self.figure, self.typer
        label_parts: dict[str, list[tuple[str, EntityType | None]]] = {}
        for point in figure.points:
            for label in point.context:
                if label not in label_parts:
                    label_parts[label] = [
                        (simplify_latex(p), typer.type_of(simplify_latex(p))) for p in name_parts(label)
                    ]
        # A panel of a multi-panel figure is most often one benchmark: 'Panel 1: Passkey Retrieval'
        # names a dataset even when no vocabulary knows it.
        listed = {norm(p) for panel in figure.listed_panels for p in name_parts(panel)}
        for label, parts in label_parts.items():
            if not parts or any(t == EntityType.DATASET for _p, t in parts):
                continue
            part, part_type = parts[-1]
            names_panel = _PANEL_LABEL.match(label) or norm(part) in listed
            descriptive = _GROUP_WORDS.search(part) or _DESCRIPTIVE.search(part)
            if names_panel and part_type is None and not is_noise_label(part) and not descriptive:
                label_parts[label] = [*parts[:-1], (part, EntityType.DATASET)]
        # Unknown panel names whose sibling panels are datasets are datasets too ('Ave. 8 Tasks').
        depth_types: dict[int, Counter] = {}
        for point in figure.points:
            for depth, label in enumerate(point.context):
                types = {entity_type for _part, entity_type in label_parts[label]}
                vote = EntityType.DATASET if EntityType.DATASET in types else next(iter(types), None)
                depth_types.setdefault(depth, Counter())[vote] += 1
        for point in figure.points:
            for depth, label in enumerate(point.context):
                parts = label_parts[label]
                unknown = [i for i, (part, t) in enumerate(parts) if t is None and not is_noise_label(part)]
                if unknown and not any(t == EntityType.DATASET for _p, t in parts):
                    votes = depth_types.get(depth, Counter())
                    if votes[EntityType.DATASET] > votes[None] and votes[EntityType.DATASET] >= 2:
                        # the panel's unnamed part is its dataset: 'Ave. 8 Tasks (GLUE Scores)'
                        i = unknown[0]
                        label_parts[label] = [*parts[:i], (parts[i][0], EntityType.DATASET), *parts[i + 1 :]]
        return label_parts

    # --- one point -------------------------------------------------------------------

    def observation(self, point: RawPoint) -> Observation:
        slots = _Slots()
        self._from_headings(point, slots)
        rows = _row_kind(point.x_label) if point.category else None
        self._from_series(point, slots, rows)
        self._from_cell(point, slots, rows)
        self._from_position(point, slots)
        self._fill_from_figure(point, slots)
        for condition in slots.conditions:
            self.mention(condition.parameter, EntityType.PARAMETER)
        return Observation(
            value=point.value,
            metric=slots.metric,
            system=slots.system,
            model=slots.model,
            dataset=slots.dataset,
            conditions=tuple(slots.conditions),
            line=point.line,
            source_text=point.text,
            approximate=point.approximate,
            unit=point.unit,
        )

    def _set_system(self, slots: _Slots, name: str, entity_type: EntityType) -> None:
        """A method under a model heading ran on that model; a model under a method is the method's model."""
        current = self.typer.type_of(slots.system) if slots.system is not None else None
        if entity_type == EntityType.MODEL and current == EntityType.METHOD:
            slots.model = self.mention(name, entity_type)
            return
        if entity_type == EntityType.METHOD and current == EntityType.MODEL:
            slots.model = slots.system
        slots.system = self.mention(name, entity_type)

    def _from_headings(self, point: RawPoint, slots: _Slots) -> None:
        for label in point.context:
            slots.context_names.update((norm(label), norm(label_core(label))))
            for part, entity_type in self.label_parts[label]:
                slots.context_names.add(norm(part))
                applied = applied_method(part)
                if applied:
                    slots.system = self.mention(applied[0], EntityType.METHOD)
                    slots.model = self.mention(applied[1], EntityType.MODEL)
                elif entity_type == EntityType.METRIC:
                    slots.metric = self.mention(part, entity_type)
                elif entity_type == EntityType.DATASET:
                    slots.dataset = self.mention(part, entity_type)
                elif entity_type in SYSTEM_TYPES:
                    self._set_system(slots, part, entity_type)
                elif entity_type is None:
                    slots.conditions.extend(settings_of(part) or [])
                    _name, unit_setting = _unit_setting(part)  # '50% sparsity', '4 bits'
                    if unit_setting is not None and not _name:
                        parameter = self.mention(unit_setting.parameter, EntityType.PARAMETER)
                        slots.conditions.append(Condition(parameter, unit_setting.value))

    def _from_series(self, point: RawPoint, slots: _Slots, rows: str | None) -> None:
        series = simplify_latex(point.series) if point.series else None
        if series and series not in self.legend:
            series = _legend_name(series, self.legend)
        if not series:
            return
        # 'DeepSeekMoE Pile Loss': a legend entry followed by a metric.
        for entry in sorted(self.legend, key=len, reverse=True):
            if series != entry and series.startswith(entry + " "):
                rest = series[len(entry) :].strip()
                if self.typer.type_of(rest) == EntityType.METRIC:
                    slots.metric = self.mention(rest, EntityType.METRIC)
                    series = entry
                break
        found_settings = settings_of(series)
        series, unit_setting = _unit_setting(series)
        if unit_setting is not None:
            parameter = self.mention(unit_setting.parameter, EntityType.PARAMETER)
            slots.conditions.append(Condition(parameter, unit_setting.value))
        if not series or series.lower() in _STATISTICS:
            return  # '12 Layers' was a setting; 'Median' is a statistic, not a system
        if found_settings:
            slots.conditions.extend(found_settings)
            return
        applied = applied_method(series)
        if applied:
            slots.system = self.mention(applied[0], EntityType.METHOD)
            slots.model = self.mention(applied[1], EntityType.MODEL)
            return
        if series in self.legend_types:
            series_type = self.legend_types[series]
        else:
            series_type = self.typer.type_of(series, default=EntityType.METHOD)
            if rows == "system" and series_type != EntityType.DATASET:
                series_type = EntityType.METRIC  # a table with a row per system has a column per measure
        if series_type == EntityType.METRIC:
            slots.metric = self.mention(series, series_type)
        elif series_type == EntityType.DATASET:
            slots.dataset = self.mention(series, series_type)
        elif series_type in SYSTEM_TYPES:
            if (
                series_type == EntityType.METHOD
                and slots.system is not None
                and self.typer.type_of(slots.system) == EntityType.MODEL
            ):
                slots.model = slots.system
            slots.system = self.mention(series, series_type)

    def _from_cell(self, point: RawPoint, slots: _Slots, rows: str | None) -> None:
        """A table row or bar group named by text, not by a number."""
        if not point.category or point.category == "(secondary)":
            return
        category = simplify_latex(point.category)
        category_type = self.typer.type_of(category, guess=False)
        if rows == "system" and category_type not in SYSTEM_TYPES:
            category_type = EntityType.METHOD
        elif rows == "dataset" and category_type is None:
            category_type = EntityType.DATASET
        if category_type is None or category_type == EntityType.PARAMETER:
            category_type = (
                EntityType.METHOD if self.series_types.get(EntityType.DATASET, 0) else EntityType.DATASET
            )
        if category_type == EntityType.DATASET:
            slots.dataset = self.mention(category, category_type)
        elif category_type in SYSTEM_TYPES:
            if slots.system is not None and self.typer.type_of(slots.system) == EntityType.MODEL:
                slots.model = slots.model or slots.system
            slots.system = self.mention(category, category_type)
        elif category_type == EntityType.METRIC:
            slots.metric = self.mention(category, category_type)

    def _from_position(self, point: RawPoint, slots: _Slots) -> None:
        """The settings: the x position (or the scatter axis), a heatmap row."""
        x_axis = self.x_axis
        if point.scatter_axis:
            axis = (
                x_axis if point.scatter_axis == "x" else next((a for a in self.y_axes if a.role == "y"), None)
            )
            if axis is not None:
                slots.metric = self.mention(axis.label, EntityType.METRIC)
            return
        x_position = point.x if point.x is not None else self.at_ticks.get(id(point))
        if x_position is None and point.x_text in {"@start", "@end"} and x_axis is not None:
            ends = (
                (x_axis.ticks[0], x_axis.ticks[-1]) if len(x_axis.ticks) >= 2 else (x_axis.low, x_axis.high)
            )
            x_position = ends[0] if point.x_text == "@start" else ends[1]
        if x_position is not None:
            parameter = None
            named = point.x_label and not _same_quantity(point.x_label, x_axis.label if x_axis else "")
            if x_axis is not None and not (named and x_axis.categories):
                parameter = x_axis.label
            elif point.x_label and self.typer.type_of(point.x_label) in (EntityType.PARAMETER, None):
                # '12 Layers' on a chart whose x-axis lists benchmarks: the noun names the setting
                term = lookup(point.x_label)
                parameter = (
                    term.label if term is not None and term.type == EntityType.PARAMETER else point.x_label
                )
            if parameter:
                slots.conditions.append(Condition(self.mention(parameter, EntityType.PARAMETER), x_position))
        if point.row is not None:
            slots.conditions.insert(
                0, Condition(self.mention(point.row[0], EntityType.PARAMETER), point.row[1])
            )

    def _y_metric(self, point: RawPoint, context_names: set[str]) -> str | None:
        y_axes = self.y_axes
        if point.unit:
            for axis in y_axes:
                if axis.unit and norm(axis.unit) == norm(point.unit) and axis.panel is None:
                    return axis.label
        for axis in y_axes:
            if axis.panel and norm(axis.panel) in context_names:
                return axis.label
        general = [a for a in y_axes if a.panel is None and a.role == "y"]
        if len({norm(a.label) for a in general}) == 1:
            return general[0].label
        if not general:
            seconds = [a for a in y_axes if a.panel is None]
            if len(seconds) == 1:
                return seconds[0].label
        return None

    def _fill_from_figure(self, point: RawPoint, slots: _Slots) -> None:
        """What the point leaves open, the figure decides: its axes, its one model and dataset."""
        if point.category == "(secondary)":
            slots.metric = self.mention(self.secondary_metric, EntityType.METRIC)
        elif self.secondary_metric and point.x is None and not point.context and point.series in self.legend:
            # a legend that lists 'name: A (B)' per entry: A is the first statistic
            slots.metric = self.mention(self.prose_metric, EntityType.METRIC)
        elif slots.metric is None:
            metric = self._y_metric(point, slots.context_names) or self.prose_metric or self.title_metric
            slots.metric = self.mention(metric, EntityType.METRIC)
        if len(self.title_models) == 1:
            if slots.system is None:
                slots.system = self.mention(self.title_models[0], EntityType.MODEL)
            elif slots.model is None and self.typer.type_of(slots.system) == EntityType.METHOD:
                slots.model = self.mention(self.title_models[0], EntityType.MODEL)
        if slots.dataset is None and len(self.title_datasets) == 1:
            slots.dataset = self.mention(self.title_datasets[0], EntityType.DATASET)

    # --- names the figure declares ------------------------------------------------------

    def declare_names(self) -> None:
        """Names the figure declares even where no value is read for them."""
        for entry, entity_type in self.legend_types.items():
            applied = applied_method(entry)
            if applied:
                self.mention(applied[0], EntityType.METHOD)
                self.mention(applied[1], EntityType.MODEL)
            elif entity_type is not None:
                self.mention(entry, entity_type)
            else:
                for condition in settings_of(entry) or []:
                    self.mention(condition.parameter, EntityType.PARAMETER)
        x_axis = self.x_axis
        if (
            x_axis is not None
            and not self.scatter
            and not x_axis.categories
            and (
                lookup(x_axis.label)
                or _PARAMETER_WORDS.search(x_axis.label)
                or x_axis.ticks
                or x_axis.low is not None
            )
        ):
            self.mention(x_axis.label, EntityType.PARAMETER)
        for panel in self.figure.panels:
            for part in name_parts(panel):
                part_type = self.typer.type_of(simplify_latex(part), guess=False)
                if part_type in (EntityType.DATASET, EntityType.METRIC, EntityType.MODEL):
                    self.mention(simplify_latex(part), part_type)
        for name in self.title_models:
            self.mention(name, EntityType.MODEL)
        for name in self.title_datasets:
            self.mention(name, EntityType.DATASET)

    def aliases(self) -> list[tuple[str, str]]:
        """Other names the figure itself gives an entity (and the y-axis titles that are not)."""
        aliases = []
        # An axis title spelt differently from the metric its series name ('Averaged Math
        # Accuracy' over 'Average Math Accuracy') is the same metric.
        metric_names = [text for text, entity_type in self.mentions if entity_type == EntityType.METRIC]
        for axis in self.y_axes:
            if axis.label in metric_names:
                continue
            same = [name for name in metric_names if _stems(name) == _stems(axis.label)]
            if len(same) == 1:
                aliases.append((axis.label, same[0]))
            elif axis.panel is None:
                self.mention(axis.label, EntityType.METRIC)
        # The word the text writes with an x value ('at 30 tokens', 'KV 2500') is a short
        # name of the x-axis parameter.
        x_axis = self.x_axis
        if x_axis is not None and (x_axis.label, EntityType.PARAMETER) in self.mentions:
            short_names = {
                p.x_label for p in self.figure.points if p.x_label and p.x is not None and not p.row
            }
            for short in sorted(short_names):
                taken = norm(short) == norm(x_axis.label) or (short, EntityType.PARAMETER) in self.mentions
                if len(short) > 1 and not taken:
                    if any(w.startswith(norm(short)[:4]) for w in map(norm, x_axis.label.split())):
                        aliases.append((short, x_axis.label))
        return aliases

    def name_prose_entities(self) -> None:
        """Model names and benchmarks the prose names (high-precision rules only)."""
        for sentence in self.figure.sentences:
            for text, entity_type, *_ in nlp.entities(sentence.text, roles=self.typer.roles):
                if entity_type == EntityType.MODEL and re.search(r"\d", text):
                    self.mention(text, entity_type)  # a bare family name ('GPT') is not a model
                elif entity_type == EntityType.DATASET and lookup(text) is not None:
                    self.mention(text, entity_type)


def _stems(name: str) -> frozenset[str]:
    return frozenset(word[:5] for word in re.findall(r"[a-z0-9@]+", name.lower()))
