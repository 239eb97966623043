"""Document -> ParsedFigure: sections, axes, legend, panels, raw data points, sentences.

The parser knows the shapes descriptions take (headings, bold labels, bullets,
tables, prose with values) but not what the names in them are: it keeps each
point's enclosing headings as written, and `extract` decides which one is the
system, the dataset or the metric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from kg.lexicon import section_of, words
from kg.model import Axis, Document, ParsedFigure, RawPoint, Sentence
from kg.numbers import APPROX, NUMBER, leading_quantity, quantities, to_float

# --- lines -------------------------------------------------------------------

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^(?:[*\-+•]|\d{1,2}[.)])\s+(.*)$")
_BOLD_LABEL_RE = re.compile(r"^\*\*(.+?)\*\*\s*(?::\s*|(?=$))(.*)$")
_BOLD_LABEL_INNER_COLON_RE = re.compile(r"^\*\*(.+?):\*\*\s*(.*)$")
# a bold lead-in that ends with a full stop: '**Panel 1: MMLU.** text'
_BOLD_LEAD_IN_RE = re.compile(r"^\*\*([^*]+?)\.\*\*\s+(.+)$|^\*\*([^*]+?)\*\*\.\s+(.+)$")
_ITALIC_LABEL_RE = re.compile(r"^\*(?!\*)(.+?):?\*\s*:?\s*(.*)$")
_CODE_LABEL_RE = re.compile(r"^`([^`]+)`\s*:\s*(.*)$")
_PLAIN_LABEL_RE = re.compile(r"^([^:]{1,80}?)\s*:\s+(.*)$|^([^:]{1,80}?)\s*:$")
_AXIS_WORD_RE = re.compile(
    r"\b(?:(?:primary|secondary|left|right|top|bottom)\s+)?([xy])[-\s]?ax(?:is|es)\b"
    # a heatmap's columns and rows are its x axis and its second axis, its colour bar the values
    r"|^(col)umns?\s*(?=\()|^(row)s?\s*(?=\()|\b(colou?r)[\s-]?(?:bar|scale)\b|\b(radial)\s+(?:scale|axis)\b",
    re.IGNORECASE,
)


def strip_markup(text: str) -> str:
    """Remove markdown emphasis and code marks, keep the words."""
    text = re.sub(r"\*\*|__|`", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)", r"\1", text)
    return text.strip()


@dataclass
class Line:
    no: int
    raw: str
    heading_level: int = 0
    bullet: bool = False
    label: str | None = None  # the label before a colon, markup removed
    rest: str = ""  # what follows the label, markup kept
    content: str = ""  # the line without bullet or heading marks
    label_only: bool = False  # a label and nothing after it
    whole_bold: bool = False  # the line is one bold phrase


def read_line(no: int, raw: str) -> Line:
    line = Line(no=no, raw=raw)
    text = raw.strip()
    m = _HEADING_RE.match(text)
    if m:
        line.heading_level = len(m.group(1))
        line.content = strip_markup(m.group(2))
        line.label = line.content.rstrip(":").strip()
        line.label_only = True
        return line
    m = _BULLET_RE.match(text)
    if m:
        line.bullet = True
        text = m.group(1).strip()
    line.content = text
    if re.fullmatch(r"\*\*[^*]+\*\*:?", text) or re.fullmatch(r"\*\*[^*]+:\*\*", text):
        line.whole_bold = True
        line.label = strip_markup(text).rstrip(":").strip()
        line.label_only = True
        return line
    m = _BOLD_LEAD_IN_RE.match(text)
    if m:
        line.label = strip_markup(m.group(1) or m.group(3)).strip()
        line.rest = (m.group(2) or m.group(4)).strip()
        return line
    for pattern in (_BOLD_LABEL_INNER_COLON_RE, _BOLD_LABEL_RE, _ITALIC_LABEL_RE, _CODE_LABEL_RE):
        m = pattern.match(text)
        if m:
            line.label = strip_markup(m.group(1)).rstrip(":").strip()
            line.rest = m.group(2).strip()
            line.label_only = not line.rest
            return line
    m = _PLAIN_LABEL_RE.match(text)
    if m and not text.startswith("|"):
        label = (m.group(1) or m.group(3) or "").strip()
        # a label is short and is not itself a sentence
        if label and len(label.split()) <= 8 and not re.search(r"[.!?]\s", label):
            line.label = strip_markup(label)
            line.rest = (m.group(2) or "").strip()
            line.label_only = not line.rest
    return line


# --- labels ------------------------------------------------------------------

_ATTRIBUTE_WORDS = {
    "label",
    "labels",
    "title",
    "scale",
    "range",
    "ranges",
    "ticks",
    "tick",
    "markers",
    "marker",
    "values",
    "value",
    "increments",
    "position",
    "location",
    "color",
    "colour",
    "colors",
    "line style",
    "style",
    "units",
    "unit",
    "legend",
    "categories",
    "orientation",
    "format",
    "grid",
    "annotations",
    "rings",
    "gridlines",
    "opacity",
    "annotation",
    "layout",
    "type",
    "chart type",
    "image type",
    "note",
    "ticks/values",
    "tick labels",
    "tick marks",
    "axis title",
    "entries",
    "x-axis label",
    "y-axis label",
    "data labels",
    "color scale",
    "colour scale",
    "background",
    "source",
}


def label_core(label: str) -> str:
    """A label without numbering, trailing parenthetical and quotes: '1. CoLA (Mcc)' -> 'CoLA'."""
    text = re.sub(r"^\s*(?:\d{1,2}[.)]\s+|\(\w\)\s+)", "", label)
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    return text.strip(" \"'“”:")


def is_noise_label(label: str) -> bool:
    core = label_core(label).lower()
    core = re.sub(r"^(?:data series|series)\s*\d*\s*:?\s*$", "data series", core)
    return (
        core in words("noise_labels")
        or core in _ATTRIBUTE_WORDS
        or section_of(label) is not None
        or bool(re.fullmatch(r"(?:trend|data points?|values?)\b.*", core))
    )


def is_attribute_label(label: str) -> bool:
    core = label_core(label).lower()
    return core in _ATTRIBUTE_WORDS or bool(_AXIS_WORD_RE.search(label))


# --- axes ------------------------------------------------------------------

_RANGE_RE = re.compile(
    rf"(?:from|range[sd]?|ranging|scale|between|\(|`?,)\s*(?:from\s*)?:?\s*(?:{APPROX}\s*)?"
    rf"`?(?P<lo>{NUMBER})`?\s*%?\s*(?:to|–|—|-|and)\s*(?:{APPROX}\s*)?`?(?P<hi>{NUMBER})`?",
    re.IGNORECASE,
)
_BARE_RANGE_RE = re.compile(
    rf"^\s*(?:{APPROX}\s*)?`?(?P<lo>{NUMBER})`?\s*%?\s*(?:to|–|—)\s*(?:{APPROX}\s*)?`?(?P<hi>{NUMBER})`?"
)
_UNIT_PAREN_RE = re.compile(r"\(([^()]{1,20})\)\s*$")
_POSITION_WORDS = re.compile(
    r"^(?:common|all|shared|left|right|top|bottom|horizontal|vertical|primary|secondary|"
    r"vary|varies|per|for|each|rotated|located|categories|categorical|x|y)\b",
    re.IGNORECASE,
)


def _find_range(text: str) -> tuple[float, float] | None:
    m = _RANGE_RE.search(text) or _BARE_RANGE_RE.search(text)
    if not m:
        return None
    lo, hi = to_float(m.group("lo")), to_float(m.group("hi"))
    if lo is None or hi is None or lo >= hi:
        return None
    return lo, hi


def _clean_axis_label(text: str) -> tuple[str, str | None]:
    """'Throughput (TPS)' -> ('Throughput', 'TPS'); 'Accuracy (%)' -> ('Accuracy', '%')."""
    text = strip_markup(text).strip(" \"'“”*.,")
    unit = None
    m = re.match(r"^(.*\S),\s*(%|[A-Za-z/]{1,12})$", text)  # 'GSM8K Accuracy, %', 'Batch size, sequences'
    if m and len(m.group(1).split()) <= 6:
        text, unit = m.group(1), m.group(2)
    m = _UNIT_PAREN_RE.search(text)
    if m and text[: m.start()].strip():
        inner = m.group(1).strip()
        if len(inner.split()) <= 3 and not _POSITION_WORDS.match(inner) and not _find_range("(" + inner):
            unit = inner
            text = text[: m.start()].strip()
    # a trailing one-letter symbol names the quantity again: 'LoRA rank r', 'Temperature T'
    m = re.match(r"^(.*\S{2,})\s+[A-Za-zα-ωτ]$", text.strip())
    if m and len(m.group(1).split()) >= 2:
        text = m.group(1)
    return text.strip(" \"'“”"), unit


@dataclass
class _AxisDraft:
    role: str
    line: int
    header: str
    texts: list[str] = field(default_factory=list)
    label: str | None = None
    panel_axes: list[Axis] = field(default_factory=list)
    panel: str | None = None  # the panel heading the axis is stated under


def _axis_label_from(draft: _AxisDraft) -> tuple[str | None, str | None]:
    """The axis title: an explicit 'Label:'/'Title:' item, 'Labeled "X"', the header's
    parenthetical ('X-axis (KV Budget)'), or the first words after the axis word."""
    for text in draft.texts:
        m = re.match(r"^\s*(?:axis\s+)?(?:label|title|name)\s*:\s*(.+)$", text, re.IGNORECASE)
        if m:
            value = re.sub(
                r"\s*\((?:rotated|centered|centred|located|positioned|vertical|horizontal|at|on|left|right|bottom|top)[^)]*\)",
                "",
                m.group(1),
            )
            value = value.strip().rstrip(".").strip(" `*\"'“”")
            return _clean_axis_label(value)
        m = re.search(r"labell?ed\s+[`\"“]([^`\"”]+)[`\"”]", text, re.IGNORECASE)
        if m:
            return _clean_axis_label(m.group(1))
    m = re.search(
        r"(?:ax(?:is|es)|columns?|rows?)\s*\(([^()]+(?:\([^()]*\))?[^()]*)\)", draft.header, re.IGNORECASE
    )
    if m and not _POSITION_WORDS.match(m.group(1).strip()):
        return _clean_axis_label(m.group(1))
    if re.search(r"categor", draft.header, re.IGNORECASE):
        return None, None  # 'Y-Axis (categories): SFT, DPO': the items are not a title
    first = strip_markup(draft.texts[0]) if draft.texts else ""
    first = re.sub(
        r"^(?:represents|shows|displays|labell?ed|denotes)\s+", "", first.strip(), flags=re.IGNORECASE
    )
    first = re.split(
        r",|;|:|(?<!\b[Aa]vg)(?<!\b[Aa]ve)(?<!\b[Nn]um)(?<!\b[Nn]o)\.\s|\.$|\s+ranging|\s+ranges|\s+from\s|\s+\((?:values|range|\d)|\s+-\s|\s+–\s|\s*\(\s*(?:log|linear|\d)",
        first,
        maxsplit=1,
    )[0].strip()
    if (
        first
        and not re.match(
            rf"^(?:{NUMBER}|scale|range|varies|numerical|linear|logarithmic|the\b|a\b|an\b)",
            first,
            re.IGNORECASE,
        )
        and len(first.split()) <= 8
    ):
        return _clean_axis_label(first)
    return None, None


def _finish_axis(draft: _AxisDraft) -> list[Axis]:
    label, unit = _axis_label_from(draft)
    joined = " ".join(draft.texts)
    rng = None
    for text in draft.texts:
        if re.search(r"varies|vary", text, re.IGNORECASE) and not re.search(
            r"typically", text, re.IGNORECASE
        ):
            continue
        rng = _find_range(text)
        if rng:
            break
    scale = "log" if re.search(r"logarithmic|log[\s-]scale|\blog\b", joined, re.IGNORECASE) else None
    ticks: list[float] = []
    categories: list[str] = []
    m = re.search(
        r"(?:values|ticks|markers|labels|scale|categories)[^:]*:\s*(.+)", joined, re.IGNORECASE
    ) or re.search(
        rf"(?:values|ticks|markers)\s+(?:at|of)\s+((?:`?{NUMBER}`?%?,?\s*(?:and\s+)?){{2,}})",
        joined,
        re.IGNORECASE,
    )  # 'with markers at 12, 24, 36, and 50'

    if m:
        # a 'Scale:' item gives numbers only; names along the axis come as categories, labels, ticks
        named = not re.match(r"scale", m.group(0), re.IGNORECASE)
        items = [strip_markup(i).strip(" .\"'`$") for i in re.split(r",|\band\b", m.group(1))]
        for item in items:
            number = to_float(item.rstrip("%"))
            if number is not None:
                ticks.append(number)
            elif (
                named
                and item
                and len(item) < 40
                and not re.search(
                    r"\s(?:to|from)\s|^(?:linear|log|logarithmic|ranging|from)\b", item, re.IGNORECASE
                )
            ):
                categories.append(item)  # the names along a category axis, not a scale's description
    axes = []
    if label or rng:
        axes.append(
            Axis(
                role=draft.role,
                label=label or "",
                unit=unit,
                low=rng[0] if rng else None,
                high=rng[1] if rng else None,
                scale=scale,
                ticks=tuple(ticks),
                categories=tuple(categories) if not ticks else (),
                panel=draft.panel,
                line=draft.line,
            )
        )
    axes.extend(draft.panel_axes)
    return axes


# --- legend ------------------------------------------------------------------


def _is_style_text(text: str) -> bool:
    """True when a text only describes colour, line style or markers."""
    tokens = re.findall(r"[\w'+/\\#-]+", text.lower())
    if not tokens:
        return True
    styles = words("colours")
    known = sum(
        1 for t in tokens if t in styles or re.fullmatch(r"#?[0-9a-f]{6}", t) or t.split("-")[0] in styles
    )
    return known >= max(1, len(tokens) - 1) and known / len(tokens) >= 0.5


def _only_style(text: str) -> bool:
    """True when every word of a text is a colour, line or marker word ('Light Blue', 'dashed line')."""
    tokens = re.findall(r"[\w'+/\\#-]+", text.lower())
    return bool(tokens) and all(t in words("colours") for t in tokens)


def strip_style(text: str, descriptions: bool = False) -> str:
    """'LLM2Vec-7B (Solid Blue Line)' -> 'LLM2Vec-7B'; 'RSD-C (ours)' -> 'RSD-C'.

    With `descriptions`, also a trailing description of three words or more
    ('QLoRA (4-bit NF4 base weights)'), as legends write them.
    """
    text = strip_markup(text).strip()
    while True:
        m = re.search(r"\s+\(([^()]*)\)\s*$", text)  # 'Original(MRL)' keeps its attached parentheses
        if not m or not text[: m.start()].strip():
            break
        inner = m.group(1)
        if (
            _is_style_text(inner)
            or inner.strip().lower() in words("units")  # 'Attention (ms)', 'Win (%)'
            or (descriptions and len(inner.split()) >= 3)
            or inner.strip().lower() in {"ours", "baseline", "proposed", "our method", "baseline model"}
            or re.match(r"(?:note|see|i\.e|e\.g)\b", inner.strip(), re.IGNORECASE)
        ):
            text = text[: m.start()].strip()
        else:
            break
    return text.strip(" \"'“”")


_COLOURS = r"(?:red|blue|green|orange|purple|black|gray|grey|yellow|brown|pink|teal|cyan|magenta|navy|olive)"
_NAME = r"([A-Za-z][\w+-]*(?:\.[\w+-]+)*(?:\s+[A-Z0-9][\w+-]*(?:\.[\w+-]+)*)*)"
_COLOUR_NAMES_RE = re.compile(
    rf"\b{_COLOURS}\s+(?:is|=|denotes|represents|marks|shows)\s+{_NAME}", re.IGNORECASE
)
_QUOTED_IS_RE = re.compile(
    r"[\"“`]([^\"”`]{1,40})[\"”`]\s+(?:is|=|denotes|represents|marks)\s+(?:an?\s+|the\s+)?\w"
)
# 'The blue line represents Whisper-Small, the orange line represents Conformer-CTC'
_PROSE_LEGEND_RE = re.compile(
    rf"\b{_COLOURS}\s+(?:(?:solid|dashed|dotted|dash-dot|thick|thin)\s+)?(?:line|curve|bars?|markers?|points?|series)\s+"
    rf"(?:represents|shows|denotes|is|corresponds\s+to|stands\s+for)\s+(?:the\s+)?{_NAME}",
    re.IGNORECASE,
)


def legend_entries(line: Line) -> list[str]:
    """Legend entry names named on one legend line."""
    return [name for raw in _legend_names(line) for name in _group_members(raw) if _is_name(name)]


def _legend_names(line: Line) -> list[str]:
    content = line.content
    m = re.search(r"(?:represents|labell?ed|denotes|indicates)\s+\*\*([^*]+)\*\*", content, re.IGNORECASE)
    if m:
        return [strip_style(m.group(1), descriptions=True)]
    for group in re.findall(r"`([^`]+)`|\"([^\"]+)\"|“([^”]+)”", content):
        quoted = next(q for q in group if q)
        if not re.match(r"^(?:#[0-9A-Fa-f]{6}|[\d.,\s%]+)$", quoted):  # not a colour code or a number
            return [strip_style(quoted, descriptions=True)]
    label, rest = line.label, strip_markup(line.rest)
    if label and is_attribute_label(label):
        return []
    if label and rest:
        pairs = re.findall(r"\b[\w-]+\s*=\s*([^,;=]+?)(?=,\s*[\w\s-]+\s*=|[,;.]?$)", rest)
        if pairs and _is_style_text(label + " " + " ".join(re.findall(r"\b([\w-]+)\s*=", rest))):
            return [strip_style(p.strip(), descriptions=True) for p in pairs]  # 'circle = Qwen, square = Phi'
        rest_first = re.split(r"\s+[-–—]\s+|\.\s", rest)[0]
        if _is_style_text(label) or re.match(r"^(?:entry|series|item)\s*\d*$", label, re.IGNORECASE):
            return [
                strip_style(p, descriptions=True)
                for p in re.split(r",\s*(?![^()]*\))", rest_first.rstrip("."))
                if p.strip()
            ]
        return [strip_style(label, descriptions=True)]
    if label and line.label_only:
        return [strip_style(label, descriptions=True)] if not _is_style_text(label) else []
    text = strip_markup(content)
    text = re.split(r"\s+[-–—]\s+|:\s", text)[0]
    return [strip_style(text, descriptions=True)]


def _group_members(name: str) -> list[str]:
    """'open-weight models (Phi-3-mini, Mistral-7B)' -> its members; 'API model (gpt-4o-mini)' -> the name."""
    m = re.match(r"^([A-Za-z][A-Za-z\s-]*)\s*\(([^()]+)\)$", name)
    if m and re.search(r"\b(?:models?|methods?|baselines?|variants?|systems?)\b", m.group(1)):
        return [part.strip() for part in m.group(2).split(",") if part.strip()]
    return [name]


def _is_name(name: str) -> bool:
    """A legend entry is a short name, not a sentence about the legend or a setting value."""
    return bool(
        name
        and len(name.split()) <= 6
        and not _only_style(name)
        and not re.search(r"\b(?:is|are|was|were|shows?|printed|located|appears?|marks?)\b", name)
        and not re.match(r"^\d+(?:\.\d+)?[- ]?[A-Za-z]*(?:\s*\([^)]*\))?$", name)  # '16-bit (FP16)'
    )


# --- panel titles ----------------------------------------------------------------

_TITLES_LABEL_RE = re.compile(
    r"^(?:(?:sub)?(?:plot|chart|panel|graph)\s+)?titles?\b(?!\s*:?\s*$)|^titles\b|^titles of|^(?:subplots?|panels?)\s*(?:\(|:|$)|"
    r"^(?:row|column)\s+(?:labels|headers|titles)\b|^(?:row|column)\s+headers?\b",
    re.IGNORECASE,
)


def _title_items(text: str) -> list[str]:
    """Panel names listed on a line: quoted ones, else the comma-separated items."""
    text = strip_markup(text).strip().rstrip(".")
    if not text:
        return []
    quoted = [next(q for q in group if q) for group in re.findall(r"\"([^\"]+)\"|“([^”]+)”", text)]
    if quoted:
        return quoted
    items = [re.sub(r"^\d+[.)]\s*", "", part).strip() for part in _split_top_level(text)]
    return [strip_style(item) for item in items if item and len(item) < 60]


# --- points ------------------------------------------------------------------

_TUPLE_RE = re.compile(
    rf"^\(\s*(?:{APPROX}\s*)?({NUMBER})\s*(?:%|[A-Za-z/]{{1,8}})?\s*,\s*(?:{APPROX}\s*)?({NUMBER})\s*(?:%|[A-Za-z/]{{1,8}})?\s*\)"
)
_X_LABEL_RE = re.compile(
    rf"^(?:at\s+)?(?:(?P<pre>[^\d:=()]{{0,30}}?)(?:\s*=\s*|\s+))?(?P<num>{NUMBER})\s*(?P<post>[A-Za-z%]{{0,12}}s?)\s*$",
    re.IGNORECASE,
)
_PAIR_RE = re.compile(
    rf"^(?P<name>[^≈~=:]+?)\s*(?:≈|~=|~|=|:)\s*(?P<q>(?:{APPROX}\s*)?{NUMBER}\s*%?)",
)
_NAME_PAREN_VALUE_RE = re.compile(rf"^(?P<name>.+?)\s*\([^()]*?(?P<q>(?:{APPROX}\s*)?{NUMBER})\s*%?\s*\)\s*$")


def _x_of_label(label: str, x_words: set[str]) -> tuple[float, str | None, str] | None:
    """'KV 2500' -> (2500, 'KV', ...); 'At 5' -> (5, None, ...); '0.3B' -> (0.3, None, ...)."""
    text = strip_markup(label).strip(" `")
    m = _X_LABEL_RE.match(text)
    if not m:
        return None
    pre = (m.group("pre") or "").strip().rstrip("=").strip()
    value = to_float(m.group("num"))
    if value is None:
        return None
    if pre and pre.lower() != "at":
        pre_key = pre.lower().rstrip("s")
        if not (len(pre) <= 3 or pre_key in x_words or any(w.startswith(pre_key) for w in x_words)):
            return None
    post = m.group("post") or ""
    if post in {"K", "k", "M"} and not pre:
        value *= 1e3 if post.lower() == "k" else 1e6  # '200K' steps; sizes in B stay as written ('0.3B')
    if pre and pre.lower() != "at":
        return value, pre, text
    # '12 Layers', '32 bits': the noun after the number names the quantity
    return value, (post if len(post) >= 3 and post.isalpha() else None), text


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


@dataclass(frozen=True)
class _Value:
    value: float
    approximate: bool
    unit: str | None
    x: float | None
    x_text: str | None
    x_label: str | None
    series: str | None


_X_AFTER_RE = re.compile(
    rf"^\s*(?:at|for|with)\s+(?:(?P<pre>[A-Za-zα-ωτ₀-₉ _.#-]{{1,30}}?)\s*(?:=\s*)?)?(?P<num>{NUMBER})(?:\s*(?P<post>[A-Za-z%][\w/-]*))?",
    re.IGNORECASE,
)
_X_PAREN_RE = re.compile(rf"^\s*\(\s*(?:at\s+)?(?P<num>{NUMBER})\s+(?P<post>[A-Za-z][\w/-]*)\s*\)")
_RANGE_AFTER_RE = re.compile(rf"^\s*%?\s*(?:-|–|—|to)\s*(?:{APPROX}\s*)?{NUMBER}", re.IGNORECASE)
_DELTA_BEFORE_RE = re.compile(
    r"(?:\bby|\+|\bof\s+\+|\bgap\s+of|\bdifference\s+of|\bdrop\s+of|\bincrease\s+of|\bgain\s+of)\s*$",
    re.IGNORECASE,
)
# a number followed by one of these counts things, marks a position or is a difference
_COUNT_AFTER_RE = re.compile(
    r"^\s*(?:-?(?:rows?|columns?|col|chart|charts|panel|panels|line|lines|models|methods|benchmarks|datasets|tasks"
    r"|data\s+points|bars|series|subplots|graphs|times|x|fold|th|st|nd|rd|points?|markers?|ticks?|gridlines?"
    r"|higher|lower|more|less|better|worse|above|below))\b",
    re.IGNORECASE,
)
_COUNT_BEFORE_RE = re.compile(
    r"(?:chart|graph|panel|figure|fig\.?|row|column|step|trial|top|bottom|series|entry|version|v|table|level|rank|#)\s*$",
    re.IGNORECASE,
)


# 'declines from ~1.5 to ~0.7' is a movement between two values, 'ranges from 1 to 5' a range.
_MOVE_FROM = (
    r"\b(?:declin|decreas|drop|fall|fell|ris|rose|increas|grow|climb|improv|jump|shift|go|goes|went|"
    r"mov|chang|reduc|degrad|boost|rais|lower|decay|plummet|surg|sink|sank)\w*\s+"
    r"(?:\w+\s+){0,2}?from\s*(?:~|≈|approximately\s+|about\s+|around\s+)?$"
)


def prose_values(text: str, series_names: list[str], x_words: set[str]) -> list[_Value]:
    """Values in a prose segment: 'starts at ~49.3 at dimension 128, rises to 53.9 at 256'.

    Series names split the text: values after a name belong to it.
    """
    clean = strip_markup(text)
    # Where each series name occurs; longest names first so 'RSD-C' is not read inside 'RSD-C2'.
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(clean)
    for name in sorted(set(series_names), key=len, reverse=True):
        if not name:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", clean):
            if not any(taken[m.start() : m.end()]):
                spans.append((m.start(), m.end(), name))
                for i in range(m.start(), m.end()):
                    taken[i] = True
    spans.sort()
    # Mask names and name-like tokens that carry digits (Llama2-7B, Pass@1, GPT-4, 2x3).
    masked = list(clean)
    for start, end, _ in spans:
        for i in range(start, end):
            masked[i] = " "
    masked_text = "".join(masked)
    for m in re.finditer(
        r"(?<![\w.])(?:[A-Za-zα-ωτ]\w*\s?=\s?[\d.]+|[A-Za-zα-ωτ][\w.@'’³-]*\d[\w.@-]*|\d+(?:\.\d+)?[BMK](?![a-z])|\d+x\d+|\d+[-–](?:row|column|bit)\w*)",
        masked_text,
    ):
        for i in range(m.start(), m.end()):
            masked[i] = " "
    masked_text = "".join(masked)

    def series_at(pos: int) -> str | None:
        current = None
        for start, _end, name in spans:
            if start <= pos:
                current = name
        return current

    values: list[_Value] = []
    consumed: set[int] = set()
    for q in quantities(masked_text):
        if q.start in consumed:
            continue
        before = masked_text[: q.start]
        after = masked_text[q.end :]
        # Part of a range: '~1.3-1.4', '35–48', 'between 40 and 48'.
        moves = re.search(_MOVE_FROM, before, re.IGNORECASE)
        in_range = (
            re.search(rf"(?:between|from)\s*(?:{APPROX}\s*)?$", before, re.IGNORECASE)
            and re.match(rf"^\s*%?\s*(?:and|to|-|–)\s*(?:{APPROX}\s*)?{NUMBER}", after, re.IGNORECASE)
            and not moves
        )
        if (_RANGE_AFTER_RE.match(after) and not moves) or in_range:
            for r in quantities(after[:40])[:1]:
                consumed.add(q.end + r.start)
            continue
        if re.search(rf"{NUMBER}\s*%?\s*(?:-|–|—)\s*$", before):
            continue
        if _DELTA_BEFORE_RE.search(before) or q.text.lstrip().startswith(("+",)):
            continue
        if _COUNT_AFTER_RE.match(after) or _COUNT_BEFORE_RE.search(before):
            continue
        # An x position written before the value: 'at 30 tokens', 'at dimension 128' without a value after.
        prev_word = re.search(r"([A-Za-zα-ωτ₀-₉#.]+)\s*=?\s*$", before)
        if (
            re.search(
                r"\b(?:at|after|before|until|beyond|above|below|under|over|past|from|to|between|than|near|by)\s*$",
                before,
                re.IGNORECASE,
            )
            and not q.approximate
        ):
            # 'increases to 53.9' is a value; 'at 256' alone is an x position.
            if re.search(r"\b(?:to|from|than|near|over|under|above|below)\s*$", before, re.IGNORECASE):
                pass
            else:
                continue
        if prev_word and prev_word.group(1).lower().rstrip("s") in x_words and not q.approximate:
            continue
        if (
            re.match(
                r"^\s*(?:"
                + "|".join(re.escape(w) for w in sorted(x_words, key=len, reverse=True) if w)
                + r")s?\b",
                after,
                re.IGNORECASE,
            )
            if x_words
            else False
        ):
            continue
        x = x_text = x_label = None
        unit = q.unit
        m = _X_AFTER_RE.match(after)
        if m:
            x = to_float(m.group("num"))
            x_text = m.group(0).strip()
            x_label = m.group("pre") or m.group("post") or None
            consumed.add(q.end + m.start("num"))
        else:
            m = _X_PAREN_RE.match(after)
            if m and m.group("post").lower() not in {"points", "pts", "score", "scores"}:
                x = to_float(m.group("num"))
                x_text = m.group(0).strip(" ()")
                x_label = m.group("post")
                consumed.add(q.end + m.start("num"))
            else:
                m = re.match(r"^\s*([A-Za-z][A-Za-z/]{0,10})\b", after)
                if m and m.group(1).upper() == m.group(1) and len(m.group(1)) <= 6:
                    unit = unit or m.group(1)
        if (
            x is None
            and re.search(rf"\bfrom\s*(?:{APPROX}\s*)?$", before, re.IGNORECASE)
            and re.match(rf"^\s*%?\s*to\s*(?:{APPROX}\s*)?{NUMBER}\s*%?\s*(?:[.,;)]|$)", after, re.IGNORECASE)
        ):
            x_text = "@start"  # 'declines from ~1.5 to ~0.7': the ends of the plotted range
        elif x is None and re.search(
            rf"\bfrom\s*(?:{APPROX}\s*)?{NUMBER}\s*%?\s*to\s*(?:{APPROX}\s*)?$", before, re.IGNORECASE
        ):
            x_text = "@end"
        values.append(_Value(q.value, q.approximate, unit, x, x_text, x_label, series_at(q.start)))
    # A value without its own x inherits the single x the line gives others
    # ('A is highest (~2.5 at 30 tokens), followed by B (~2.3)').
    xs = {(v.x, v.x_text, v.x_label) for v in values if v.x is not None}
    if len(xs) == 1 and len({v.series for v in values}) == len(values) and len(values) > 1:
        x, x_text, x_label = next(iter(xs))
        values = [
            v if v.x is not None else _Value(v.value, v.approximate, v.unit, x, x_text, x_label, v.series)
            for v in values
        ]
    return values


# --- tables ------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in row.split("|")]


def _is_separator(row: str) -> bool:
    return bool(re.fullmatch(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?", row.strip()))


# --- the parser ----------------------------------------------------------------


@dataclass
class _Frame:
    depth: int
    label: str


_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[\"“(*`A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|vs|etc|approx|num|no|fig|ave|avg|eq|al|resp|cf|incl|dept|est|max|min|std)\.)$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    parts = _SENTENCE_SPLIT_RE.split(text)
    sentences: list[str] = []
    for part in parts:
        if sentences and _ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] = sentences[-1] + " " + part
        else:
            sentences.append(part)
    return [s.strip() for s in sentences if s.strip()]


_TITLE_PREFIX_RE = re.compile(
    r"^(?:technical\s+(?:data|document)\s+extraction|image\s+description|chart\s+description|figure\s+description)\s*:\s*",
    re.IGNORECASE,
)


def _title_of(lines: list[Line]) -> tuple[str, str | None]:
    """The figure's title (first heading or line) and the chart type it announces."""
    title = ""
    chart_type = None
    for line in lines:
        if line.heading_level and line.content:
            title = line.content
            break
        if line.content and not line.heading_level:
            title = strip_markup(line.content)
            break
    m = re.match(
        r"^([^:]{0,60}?\b(?:chart|charts|plot|plots|graph|graphs|heatmap|heat map|diagram|histogram|figure)s?)\s*(?:\([^)]*\))?\s*:\s*(.+)$",
        title,
        re.IGNORECASE,
    )
    if m:
        chart_type = m.group(1).strip().lower()
    return _TITLE_PREFIX_RE.sub("", title).strip(), chart_type


@dataclass
class _Layout:
    """What the first pass learns: where each section is, the axes, the legend."""

    section_by_line: dict[int, str]
    axes: list[Axis]
    panel_ranges: list[_AxisDraft]  # ranges stated inside a panel, placed in pass 2
    legend: list[str]
    panels: list[str]
    x_words: set[str]


_PANEL_HEADING_RE = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:\(\w\)\s*)?(?:(?:panel|chart|graph|plot|subplot|figure)\b|[^:]*\|)",
    re.IGNORECASE,
)


_PROSE_AXIS_RE = re.compile(
    r"\b([xy])-axis\s+(?:is|shows|represents|displays|plots|measures)\s+(?:again\s+)?(?:the\s+)?"
    r"(?P<label>[A-Za-z#][^,.;()]*?(?:\.\s?[A-Z][^,.;()]*?)?)\s*(?:\((?P<unit>[^()]*)\))?\s*(?=,|\.\s|\.$|;|$|\s+running|\s+ranging|\s+from)"
    r"(?P<rest>[^.;]*)",
    re.IGNORECASE,
)


def _prose_axes(lines: list[Line], found: list[Axis]) -> list[Axis]:
    """Axes a sentence states ('The y-axis is MATH-500 Accuracy (%), running from 50 to 75'),
    where no axis item of that role (and panel) was found; the line's own label is its panel."""
    have = {(a.role, a.panel) for a in found}
    axes = []
    for line in lines:
        for m in _PROSE_AXIS_RE.finditer(strip_markup(line.content)):
            role = m.group(1).lower()
            panel = line.label if line.label and not _AXIS_WORD_RE.search(line.label) else None
            if (role, panel) in have or (role, None) in have:
                continue
            have.add((role, panel))
            label, unit = _clean_axis_label(m.group("label"))
            in_parentheses = m.group("unit") or ""
            rng = _find_range(m.group("rest") or "") or _find_range(f"({in_parentheses}")
            if _find_range(f"({in_parentheses}"):
                in_parentheses = ""  # '(0 to 1000)' is the range, not a unit
            axes.append(
                Axis(
                    role=role,
                    label=label,
                    unit=in_parentheses or unit,
                    low=rng[0] if rng else None,
                    high=rng[1] if rng else None,
                    panel=panel,
                    line=line.no,
                )
            )
    return axes


def _opens_panel(line: Line) -> bool:
    """A heading that names one chart of a multi-panel figure ('Panel (a), top-left: X', 'Chart 1: M | D')."""
    if not (line.heading_level or line.whole_bold):
        return False
    return bool(_PANEL_HEADING_RE.match(line.label or "")) and section_of(line.label or "") is None


def _scan_layout(lines: list[Line], title: str) -> _Layout:
    """Pass 1: sections, axes (with per-panel scales), legend entries, panel title lists."""
    section_by_line: dict[int, str] = {}
    section = "overview"
    axis_drafts: list[_AxisDraft] = []
    legend: list[str] = []
    in_legend = False
    in_titles = False
    axis_draft: _AxisDraft | None = None
    panels: list[str] = []
    panel: str | None = None  # the panel heading the lines are under, if any
    for line in lines:
        heading_section = None
        if (
            line.heading_level or line.whole_bold or (line.label_only and line.label and not line.bullet)
        ) and line.label:
            heading_section = section_of(line.label)
        commentary = (
            heading_section in {"observations", "interpretation"} and line.whole_bold and not line.bullet
        )
        if line.heading_level or line.whole_bold:
            in_titles = False  # a list of panel titles ends at the next heading
        if heading_section and (line.heading_level or commentary):
            section = heading_section
            axis_draft = None
            panel = None
            in_legend = heading_section == "axes" and "legend" in line.label.lower()
            section_by_line[line.no] = section
            continue
        if line.no > 1 and line.label and line.content != title and _opens_panel(line):
            panel = line.label
        if (
            line.heading_level
            and line.heading_level <= 2
            and line.no > 1
            and section != "analysis"
            and title
            and line.content != title
        ):
            # a level-2 heading that is not a known section usually opens a panel or a data part
            section = "analysis" if section in {"axes", "overview"} and line.heading_level == 2 else section
        section_by_line[line.no] = section
        label = line.label or ""
        axis_match = _AXIS_WORD_RE.search(label) if label else None
        if axis_match is None and not line.label and line.content:
            axis_match = re.match(
                r"^\s*(?:\*\*)?(?:(?:primary|secondary|left|right)\s+)?([xy])[-\s]?axis",
                line.content,
                re.IGNORECASE,
            )
        if axis_match and (
            section in {"axes", "overview", "other"}
            or line.label_only
            or "range" in label.lower()
            or line.rest
        ):
            role = (
                axis_match.group(1)
                or (
                    "x"
                    if axis_match.group(2)
                    else "row"
                    if axis_match.group(3)
                    else "y"
                    if axis_match.group(5)
                    else "color"
                )
            ).lower()
            if re.search(r"secondary|right", label, re.IGNORECASE) and role == "y":
                role = "y2"
            text_after = line.rest if line.label else line.content[axis_match.end() :]
            if re.search(r"axis\s+range", label, re.IGNORECASE) or (
                section == "analysis"
                and panel is None
                and not re.search(r"label|title", label, re.IGNORECASE)
                and _BARE_RANGE_RE.match(strip_markup(text_after))
                and not line.label_only
            ):
                # a range stated inside a panel: 'Y-Axis Range: -1.7 to +4.5', 'The left y-axis ranges from 20 to 60'
                panel_axis_text = text_after
                axis_drafts.append(_AxisDraft(role=role, line=line.no, header=label, texts=[panel_axis_text]))
                axis_drafts[-1].label = "@panel"
                axis_draft = None
                continue
            shared = re.search(r"\((?:all|common|shared|every|each)\b", label, re.IGNORECASE)
            in_titles = False
            axis_draft = _AxisDraft(
                role=role,
                line=line.no,
                header=label or line.content,
                texts=[text_after] if text_after else [],
                panel=None if shared else panel,
            )
            axis_drafts.append(axis_draft)
            in_legend = False
            continue
        if (
            label
            and axis_draft is None
            and line.rest
            and re.fullmatch(r"(?:chart|figure|plot|image)?\s*title", label_core(label), re.IGNORECASE)
        ):
            quoted = re.search(r"[\"“`]([^\"”`]+)[\"”`]", line.rest)
            panels.append(
                quoted.group(1) if quoted else strip_markup(line.rest).strip(" `*\"'")
            )  # the chart's title
            continue
        if label and _TITLES_LABEL_RE.match(label_core(label)):
            # 'Titles (Top of each chart): CoLA, MNLI', 'Row Labels: "Pass@1" (top row), ...'
            in_titles = True
            in_legend = False
            axis_draft = None
            panels.extend(_title_items(line.rest))
            continue
        if in_titles:
            if line.bullet and not line.label_only:
                panels.extend(_title_items(line.content))
                continue
            in_titles = False
        if label and re.match(r"^legends?\b", label, re.IGNORECASE):
            in_legend = True
            axis_draft = None
            rest = strip_markup(line.rest)
            # 'red is GRPO, blue is PPO'; '"Full FT" is a black solid line; "LoRA (r=8)" is ...'
            named = _COLOUR_NAMES_RE.findall(rest) or _QUOTED_IS_RE.findall(line.rest)
            if named:
                legend.extend(strip_style(name) for name in named)
            elif rest and not re.search(
                r"located|position|top|bottom|left|right|corner", rest, re.IGNORECASE
            ):
                legend.extend(e for e in (strip_style(p) for p in _split_top_level(rest)) if _is_name(e))
            continue
        if axis_draft is not None:
            if line.heading_level or line.whole_bold or not line.content:
                axis_draft = None
            elif line.bullet and line.label and not is_attribute_label(line.label) and section == "axes":
                # per-panel scales: 'CoLA: Labeled "Mcc". Scale from 50.0 to 60.0.'
                sub_label, sub_unit = None, None
                m = re.search(r"labell?ed\s+[`\"“]([^`\"”]+)[`\"”]", line.rest, re.IGNORECASE)
                if m:
                    sub_label, sub_unit = _clean_axis_label(m.group(1))
                rng = _find_range(line.rest)
                if (
                    (sub_label or rng)
                    and not re.search(r"varies", line.rest, re.IGNORECASE)
                    or (rng and re.search(r"typically", line.rest, re.IGNORECASE))
                ):
                    panel_name = label_core(line.label)
                    axis_draft.panel_axes.append(
                        Axis(
                            role=axis_draft.role,
                            label=sub_label or panel_name,
                            unit=sub_unit,
                            low=rng[0] if rng else None,
                            high=rng[1] if rng else None,
                            panel=panel_name if sub_label or axis_draft.texts else None,
                            line=line.no,
                        )
                    )
                    continue
                axis_draft.texts.append(strip_markup(line.content))
                continue
            else:
                axis_draft.texts.append(strip_markup(line.content))
                continue
        if in_legend:
            if line.heading_level or (section != "axes" and not line.bullet) or not line.content:
                in_legend = in_legend and not line.heading_level
                continue
            if line.whole_bold and not line.bullet:
                in_legend = False
                continue
            if line.label and re.match(
                r"^(?:chart|graph|plot|panel|subplot|figure|annotations?|grid|title|axes|axis)\b",
                label_core(line.label),
                re.IGNORECASE,
            ):
                in_legend = False
                continue
            if (
                line.label
                and is_attribute_label(line.label)
                and not re.match(r"^legends?", line.label, re.IGNORECASE)
            ):
                continue
            if not re.search(r"\w", line.content):
                continue
            if line.label and re.match(
                r"^(?:data points|color|line style|marker)", line.label, re.IGNORECASE
            ):
                continue
            if re.match(rf"^`?{NUMBER}`?$", (line.label or "").strip()):
                continue
            legend.extend(e for e in legend_entries(line) if e)

    axes: list[Axis] = []
    panel_ranges: list[_AxisDraft] = [d for d in axis_drafts if d.label == "@panel"]
    for draft in axis_drafts:
        if draft.label == "@panel":
            continue
        axes.extend(_finish_axis(draft))
    axes.extend(_prose_axes(lines, axes))
    if not legend:  # a legend told in a sentence
        for line in lines:
            legend.extend(strip_style(name) for name in _PROSE_LEGEND_RE.findall(strip_markup(line.content)))
    legend = list(dict.fromkeys(e for e in legend if e and len(e) < 80))

    x_axis = next((a for a in axes if a.role == "x" and a.panel is None), None)
    x_words = set()
    if x_axis and x_axis.label:
        x_words = {
            w.lower().rstrip("s")
            for w in re.findall(r"[\w₀-₉#]+", x_axis.label)
            if len(w) > 1 or not w.isascii()
        }
        x_words |= {w.lower() for w in re.findall(r"[\w₀-₉#]+", x_axis.label)}
        if x_axis.unit:
            x_words.add(x_axis.unit.lower().rstrip("s"))
    x_words -= {"of", "the", "at", "in", "on", "per", "number", "num", "a", "with", "and", "to"}
    return _Layout(section_by_line, axes, panel_ranges, legend, panels, x_words)


def _scan_points(
    lines: list[Line], layout: _Layout, title: str
) -> tuple[list[RawPoint], list[Sentence], list[str]]:
    """Pass 2: data points and sentences, each point with its enclosing headings."""
    section_by_line, axes, legend, x_words = (
        layout.section_by_line,
        layout.axes,
        layout.legend,
        layout.x_words,
    )
    panels = list(layout.panels)
    panel_ranges = layout.panel_ranges
    stack: list[_Frame] = []
    points: list[RawPoint] = []
    sentences: list[Sentence] = []
    table_header: list[str] | None = None
    table_context: tuple[str, ...] = ()
    pending_panel_ranges = {d.line: d for d in panel_ranges}

    def push(depth: int, label: str) -> None:
        while stack and stack[-1].depth >= depth:
            stack.pop()
        stack.append(_Frame(depth, label))

    def context() -> tuple[str, ...]:
        return tuple(f.label for f in stack)

    for line in lines:
        section = section_by_line.get(line.no, "other")
        text = line.raw.strip()
        if not text:
            table_header = None
            continue
        if line.no in pending_panel_ranges:
            draft = pending_panel_ranges[line.no]
            rng = _find_range(" ".join(draft.texts))
            if rng:
                axes.append(
                    Axis(
                        role=draft.role,
                        label="",
                        low=rng[0],
                        high=rng[1],
                        panel=" / ".join(context()) or None,
                        line=line.no,
                    )
                )
            if not (line.label and line.rest and not _AXIS_WORD_RE.search(line.label)):
                continue
        # Tables
        if text.startswith("|"):
            if _is_separator(text):
                continue
            cells = [strip_markup(c) for c in _cells(text)]
            if table_header is None:
                table_header = cells
                table_context = context()
                continue
            if section in {"overview", "interpretation"}:
                continue
            points.extend(_table_points(table_header, cells, line, table_context, x_words))
            continue
        table_header = None

        if line.heading_level:
            if section_of(line.label or "") is not None:
                while stack and stack[-1].depth >= line.heading_level:
                    stack.pop()
                if line.no > 1:
                    continue
            if line.no == 1 or (line.content == title or _TITLE_PREFIX_RE.sub("", line.content) == title):
                continue
            push(line.heading_level, line.label or "")
            if section == "analysis" and line.label and not is_noise_label(line.label):
                panels.append(line.label)
            continue
        if line.whole_bold and not line.bullet:
            if line.label and not is_noise_label(line.label) and section_of(line.label) is None:
                push(7, line.label)
                if section == "analysis":
                    panels.append(line.label)
            continue
        label = line.label
        if section in {"observations", "interpretation", "overview"}:
            _add_sentences(sentences, line, section)
            continue
        if label and _AXIS_WORD_RE.search(label):
            _add_sentences(sentences, line, section)
            continue
        if line.label_only:
            if label and not is_noise_label(label) and not _only_style(label):
                push(8 if line.bullet else 7, label)
            continue
        data_points = _structured_points(line, context(), x_words, legend, in_axes=section == "axes")
        if data_points is not None:
            points.extend(data_points)
            continue
        # label + prose, or plain prose
        own_context = context()
        if label and not is_noise_label(label) and not is_attribute_label(label):
            push(9, label)
            own_context = context()
        elif label and re.match(
            r"^(?:trend|slope|observation|note|pattern|behaviou?r)", label_core(label), re.IGNORECASE
        ):
            _add_sentences(sentences, line, section)
            continue
        _add_sentences(sentences, line, section)
        if section == "axes":  # prose in the axes section describes, it does not report values
            continue
        body = line.rest if label else line.content
        # 'SparseGPT: follows Wanda closely (~6.4 at 20%)': the label's series owns the values
        own_series = label and strip_style(label) in legend
        for v in prose_values(body, [] if own_series else legend, x_words):
            points.append(
                RawPoint(
                    value=v.value,
                    line=line.no,
                    text=strip_markup(line.content),
                    series=v.series,
                    x=v.x,
                    x_text=v.x_text,
                    x_label=v.x_label,
                    unit=v.unit,
                    approximate=v.approximate,
                    context=own_context,
                )
            )
    return points, sentences, panels


def parse(document: Document) -> ParsedFigure:
    lines = [read_line(i + 1, raw) for i, raw in enumerate(document.text.split("\n"))]
    title, chart_type = _title_of(lines)
    layout = _scan_layout(lines, title)
    points, sentences, panels = _scan_points(lines, layout, title)
    axes, legend = layout.axes, layout.legend
    last = next((l.raw.strip() for l in reversed(lines) if l.raw.strip()), "")
    truncated = not re.search(r"[.!?:|)*`\"”]$", last)
    return ParsedFigure(
        document=document,
        title=title,
        chart_type=chart_type,
        axes=tuple(axes),
        legend=tuple(legend),
        panels=tuple(dict.fromkeys(panels)),
        listed_panels=tuple(dict.fromkeys(layout.panels)),
        points=tuple(points),
        sentences=tuple(sentences),
        truncated=truncated,
    )


def _add_sentences(sentences: list[Sentence], line: Line, section: str) -> None:
    body = line.rest if (line.label and line.rest) else line.content
    if line.label and line.rest and not is_noise_label(line.label) and not is_attribute_label(line.label):
        # keep the naming label ('GSM8k: Qwen leads ...'): it gives the claim its context
        body = f"{line.label}: {line.rest}"
    body = strip_markup(body)
    for sentence in split_sentences(body):
        if len(sentence.split()) >= 3:
            sentences.append(Sentence(text=sentence, line=line.no, section=section))


# 'BT ≈ 33.0 (+1.6 over baseline)': a short name, '≈', '=' or ':', a value, maybe a note
_STRICT_PAIR_RE = re.compile(
    rf"^[\w@.+/→ -]{{1,40}}?\s*(?:≈|=|:)\s*(?:{APPROX}\s*)?{NUMBER}\s*%?\s*(?:\([^()]*\))?$"
)
_TUPLE_ANYWHERE_RE = re.compile(rf"\(\s*({NUMBER})\s*,\s*({NUMBER})\s*\)")
_X_VALUE_PAIRS_RE = re.compile(rf"`?({NUMBER})`?\s*:\s*((?:{APPROX}\s*)?{NUMBER}\s*%?)")


def _structured_points(
    line: Line, ctx: tuple[str, ...], x_words: set[str], legend: list[str], in_axes: bool = False
) -> list[RawPoint] | None:
    """Points from a 'label: value' line, or None when the line is not one. In the axes
    section only legend entries carry values ('finetuning: 23.11 (43.74)'); other
    labels there describe the chart ('Grid Structure: 4 rows by 4 columns')."""
    label = line.label
    if not label or not line.rest:
        return None
    rest = strip_markup(line.rest)
    text = strip_markup(line.content)
    whole = strip_markup(line.content)
    if len(_X_VALUE_PAIRS_RE.findall(whole)) >= 2 and _X_VALUE_PAIRS_RE.sub("", whole).strip(" ,;.") == "":
        rest, label = whole, None  # '96: ~0.368, 192: ~0.401': pairs only, the series is the heading
    pairs = _X_VALUE_PAIRS_RE.findall(rest)
    if len(pairs) >= 2 and _X_VALUE_PAIRS_RE.sub("", rest).strip(" ,;.") == "":
        series = strip_style(label) if label else None
        found = []
        for x_text, value_text in pairs:
            q = leading_quantity(value_text)
            if q is not None and to_float(x_text) is not None:
                found.append(
                    RawPoint(
                        value=q.value,
                        line=line.no,
                        text=text,
                        series=series,
                        x=to_float(x_text),
                        x_text=x_text,
                        unit=q.unit,
                        approximate=q.approximate,
                        context=ctx,
                    )
                )
        return found
    tuples = _TUPLE_ANYWHERE_RE.findall(rest)
    if len(tuples) >= 2:
        # '(16, 0.1241), (32, 0.1368), ...': the (x, y) points of one line
        series = None if is_noise_label(label) else strip_style(label)
        return [
            RawPoint(
                value=to_float(y),
                line=line.no,
                text=text,
                series=series,
                x=to_float(x),
                x_text=x,
                context=ctx,
            )
            for x, y in tuples
            if to_float(x) is not None and to_float(y) is not None
        ]
    # Scatter: 'Qwen1.5-4B-Chat: (450, 56)', 'X: Located at approximately (2.1 ms, 75.2%)'
    lead = re.match(r"^(?:[A-Za-z]+\s+){0,4}(?=\()", rest)
    m = _TUPLE_RE.match(rest[lead.end() :] if lead else rest)
    if m:
        x_value, y_value = to_float(m.group(1)), to_float(m.group(2))
        if x_value is None or y_value is None:
            return None
        approx = bool(re.search(APPROX, m.group(0)))
        series = strip_style(label)
        return [
            RawPoint(
                value=value,
                line=line.no,
                text=text,
                series=series,
                scatter_axis=axis,
                approximate=approx,
                context=ctx,
            )
            for value, axis in ((x_value, "x"), (y_value, "y"))
        ]
    x_info = None if label in legend else _x_of_label(label, x_words)
    if x_info is not None:
        x_value, x_label, x_text = x_info
        at_x = partial(
            RawPoint, line=line.no, text=text, x=x_value, x_text=x_text, x_label=x_label, context=ctx
        )
        q = leading_quantity(rest)
        if q is not None and not _RANGE_AFTER_RE.match(rest[q.end :]):
            unit = q.unit if q.unit and len(q.unit) <= 12 else None
            return [at_x(value=q.value, unit=unit, approximate=q.approximate)]
        pairs = _name_value_pairs(rest)
        if not pairs and re.search(r"[A-Za-z]{3,}", rest):
            # '12 Layers: The bar reaches approximately 38.4%.'
            values = [v for v in prose_values(rest, legend, x_words) if v.x is None]
            if values:
                return [
                    at_x(value=v.value, series=v.series, unit=v.unit, approximate=v.approximate)
                    for v in values
                ]
        if pairs:
            return [
                at_x(value=q.value, series=name, unit=q.unit, approximate=q.approximate) for name, q in pairs
            ]
        return None
    parts = _split_top_level(rest.rstrip("."))
    pairs = [pair for part in parts for pair in _name_value_pairs(part) if _STRICT_PAIR_RE.match(part)]
    grouped = not (in_axes or is_attribute_label(label) or is_noise_label(label) or _is_style_text(label))
    if grouped and len(pairs) >= 2 and len(pairs) == len(parts):
        category = strip_style(label)  # the group the values share: a dataset, a setting
        return [
            RawPoint(
                value=q.value,
                line=line.no,
                text=text,
                series=name,
                category=category,
                unit=q.unit,
                approximate=q.approximate,
                context=ctx,
            )
            for name, q in pairs
        ]
    # 'finetuning: 23.11 (43.74)', 'Ours: 88.5%'
    q = leading_quantity(rest)
    if (
        q is not None
        and (not in_axes or strip_style(label) in legend)
        and not _RANGE_AFTER_RE.match(rest[q.end :])
        and not is_attribute_label(label)
        and not is_noise_label(label)
        and not _only_style(label)  # 'Light Blue: 12 Layers' is a legend entry, not a value
    ):
        series = strip_style(label)
        found = [
            RawPoint(
                value=q.value,
                line=line.no,
                text=text,
                series=series,
                unit=q.unit if q.unit and len(q.unit) <= 12 else None,
                approximate=q.approximate,
                context=ctx,
            )
        ]
        m = re.match(rf"^\s*\(\s*(?:{APPROX}\s*)?({NUMBER})\s*\)", rest[q.end :])
        if m and to_float(m.group(1)) is not None:
            found.append(
                RawPoint(
                    value=to_float(m.group(1)),
                    line=line.no,
                    text=text,
                    series=series,
                    category="(secondary)",
                    context=ctx,
                )
            )
        return found
    return None


def _name_value_pairs(text: str) -> list[tuple[str, object]]:
    pairs = []
    for part in _split_top_level(text):
        m = _PAIR_RE.match(part) or _NAME_PAREN_VALUE_RE.match(part)
        if not m:
            continue
        name = strip_style(m.group("name"))
        q = leading_quantity(m.group("q"))
        if name and q is not None and not re.fullmatch(r"[\d.\s]+", name):
            pairs.append((name, q))
    return pairs


def _table_points(
    header: list[str], cells: list[str], line: Line, ctx: tuple[str, ...], x_words: set[str]
) -> list[RawPoint]:
    if len(cells) < 2 or len(header) < 2:
        return []
    text = " | ".join(cells)
    row_key = cells[0].strip()
    header_numeric = all(to_float(h.strip(" `$")) is not None for h in header[1:] if h)
    found: list[RawPoint] = []
    for col, cell in zip(header[1:], cells[1:]):
        q = leading_quantity(cell)
        if q is None or q.end < len(cell.strip()) - 3 and not cell.strip().endswith("%"):
            continue
        if header_numeric:
            # columns are x values; rows are series, or a second parameter (a heatmap of two)
            x = to_float(col.strip(" `$"))
            row_value = to_float(row_key.strip(" `$"))
            found.append(
                RawPoint(
                    value=q.value,
                    line=line.no,
                    text=text,
                    series=None if row_value is not None else strip_style(row_key),
                    row=(header[0], row_value) if row_value is not None and header[0] else None,
                    x=x,
                    x_text=col,
                    x_label=header[0] or None,
                    approximate=q.approximate,
                    unit=q.unit,
                    context=ctx,
                )
            )
            continue
        x = to_float(row_key.strip(" `$"))
        if x is None:
            x_info = _x_of_label(row_key, x_words)
            x = x_info[0] if x_info else None
        found.append(
            RawPoint(
                value=q.value,
                line=line.no,
                text=text,
                series=strip_style(col),
                x=x,
                x_text=row_key if x is not None else None,
                x_label=header[0] or None,
                category=None if x is not None else row_key,
                approximate=q.approximate,
                unit=q.unit if q.unit and q.unit != "%" else ("%" if q.unit == "%" else None),
                context=ctx,
            )
        )
    return found
