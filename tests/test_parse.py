"""The parser on small descriptions written in each layout the generators use."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Document
from kg.parse import parse, split_sentences


def parsed(text: str):
    return parse(Document(source_file="f.md", path="f.md", text=text))


def points(text: str):
    return [(p.value, p.series, p.x, p.context) for p in parsed(text).points]


HEADED_SERIES = """## Line Chart: Score vs Steps
### Components/Axes
- **X-axis (Steps)**: Ranges from 1 to 3.
- **Y-axis (Score)**: Ranges from 10.0 to 12.0 in increments of 0.5.
### Detailed Analysis
#### Score (Blue Line)
- **Data Points**:
- At **1**: 10.5
- At **3**: 12.4 (peak)
- **Trend**: Rises from 1 to 3.
"""


def test_parse_headed_series_with_at_points():
    figure = parsed(HEADED_SERIES)
    assert points(HEADED_SERIES) == [
        (10.5, None, 1.0, ("Score (Blue Line)",)),
        (12.4, None, 3.0, ("Score (Blue Line)",)),
    ]
    x, y = figure.axes
    assert (x.role, x.label, x.low, x.high) == ("x", "Steps", 1.0, 3.0)
    assert (y.role, y.label, y.low, y.high) == ("y", "Score", 10.0, 12.0)


def test_parse_scatter_tuple_gives_one_point_per_axis():
    text = "## Scatter Plot: A vs B\n### Detailed Analysis\n- **Model-7B**: (450, 56) – highest.\n"
    assert [(p.value, p.series, p.scatter_axis) for p in parsed(text).points] == [
        (450.0, "Model-7B", "x"),
        (56.0, "Model-7B", "y"),
    ]


def test_parse_panel_with_labelled_x_and_units():
    text = (
        "## Charts\n### Components/Axes\n* **X-Axis:**\n* **Label:** `KV Budget`\n"
        "### Detailed Analysis\n**Chart 1: M | BenchA**\n* **Throughput (Orange Line):** falls.\n"
        "* KV 2500: ~600 TPS\n* KV 3000: ~570 TPS\n"
    )
    figure = parsed(text)
    assert [(p.value, p.x, p.x_label, p.unit, p.approximate) for p in figure.points] == [
        (600.0, 2500.0, "KV", "TPS", True),
        (570.0, 3000.0, "KV", "TPS", True),
    ]
    assert figure.points[0].context == ("Chart 1: M | BenchA", "Throughput (Orange Line)")
    assert figure.axes[0].label == "KV Budget"


def test_parse_several_series_on_one_x_line():
    text = "## Chart\n### Detailed Analysis\n**1. TaskA (Acc)**\n* **32 bits:** Alpha ≈ 59.8, Beta ≈ 58.1 (close).\n"
    assert [(p.value, p.series, p.x) for p in parsed(text).points] == [
        (59.8, "Alpha", 32.0),
        (58.1, "Beta", 32.0),
    ]


def test_parse_prose_ranking_shares_its_x_and_skips_ranges():
    text = (
        "## Chart\n### Components/Axes\n* **Legend:** bottom.\n* **P:** blue line.\n* **Q:** red line.\n"
        '* **X-Axis:** Labeled "num. tokens".\n### Detailed Analysis\n**WMT:**\n'
        "* *Rate:* P (blue) is highest (~2.5 at 30 tokens), followed by Q (red, ~2.3).\n"
        "* *Speed:* P is flat and high (~1.3-1.4). Q declines from ~1.2 at 6 tokens to ~0.4 at 30 tokens.\n"
    )
    assert [(p.value, p.series, p.x) for p in parsed(text).points] == [
        (2.5, "P", 30.0),
        (2.3, "Q", 30.0),
        (1.2, "Q", 6.0),
        (0.4, "Q", 30.0),
    ]


def test_parse_markdown_table_with_a_column_per_series():
    text = "## Chart\n### Data Table\n| Ratio | A Loss | B Loss |\n|---|---|---|\n| `0` | 2 | 2 |\n| `1/16` | 7.5 | 5.5 |\n"
    assert [(p.value, p.series, p.x) for p in parsed(text).points] == [
        (2.0, "A Loss", 0.0),
        (2.0, "B Loss", 0.0),
        (7.5, "A Loss", 0.0625),
        (5.5, "B Loss", 0.0625),
    ]


def test_parse_table_with_names_in_rows_gives_categories():
    text = "## Heatmap\n### Detailed Analysis\n| Subject | M1 | M2 |\n|---|---|---|\n| Algebra | 95.81 | 97.21 |\n"
    assert [(p.value, p.series, p.category) for p in parsed(text).points] == [
        (95.81, "M1", "Algebra"),
        (97.21, "M2", "Algebra"),
    ]


def test_parse_legend_entries_without_colours():
    text = (
        "## Chart\n### Components/Axes\n* **Legend:** Located top-right.\n"
        "* Blue with circle marker: Original(X)\n* `Budget-A`: Blue solid line.\n"
        '* **RSD-C (ours):** Green dashed line.\n* Dark Red: "Ours" (Baseline model)\n'
    )
    assert parsed(text).legend == ("Original(X)", "Budget-A", "RSD-C", "Ours")


def test_parse_log_axis_range_in_powers_of_ten():
    text = "## Scatter Plot\n### Components/Axes\n- **X-axis**: Speed (token/sec)\n- Scale: Logarithmic (4×10² to 10³)\n"
    axis = parsed(text).axes[0]
    assert (axis.label, axis.unit, axis.low, axis.high, axis.scale) == (
        "Speed",
        "token/sec",
        400.0,
        1000.0,
        "log",
    )


def test_parse_truncated_text_keeps_what_came_before():
    text = "## Chart\n### Detailed Analysis\n#### S (Blue)\n- At 1: 3.5\n- At 2: 4.5\n### Key Observations\n* S consistently"
    figure = parsed(text)
    assert figure.truncated
    assert [p.value for p in figure.points] == [3.5, 4.5]


def test_parse_sentences_keep_section_and_line():
    figure = parsed(
        "## T\n### Key Observations\n1. **GSM8K:** A beats B. B lags behind C.\n2. **Trend:** A rises steadily.\n"
    )
    assert [(s.text, s.line, s.section) for s in figure.sentences] == [
        ("GSM8K: A beats B.", 3, "observations"),
        ("B lags behind C.", 3, "observations"),
        ("A rises steadily.", 4, "observations"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"), [("It rose, e.g. to 5. Then fell.", ["It rose, e.g. to 5.", "Then fell."])]
)
def test_parse_split_sentences_respects_abbreviations(text, expected):
    assert split_sentences(text) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('#*-|:~≈ ()`"abcXYZ0123456789.,\n')), max_size=300))
def test_parse_never_fails_on_odd_markdown(text):
    figure = parsed(text or "x")
    for point in figure.points:
        assert point.line >= 1


@pytest.mark.parametrize(
    ("legend_lines", "entries"),
    [
        (
            "- **Shape**: circle = Qwen2.5-14B-Instruct, square = Phi-3-mini\n",
            ("Qwen2.5-14B-Instruct", "Phi-3-mini"),
        ),
        (
            "- Green: open-weight models (Phi-3-mini, Mistral-7B-v0.3)\n- Purple: API model (gpt-4o-mini)\n",
            ("Phi-3-mini", "Mistral-7B-v0.3", "gpt-4o-mini"),
        ),
        ("- **Mistral-7B**: Teal, dash-dot; the line stops at `32` (its window)\n", ("Mistral-7B",)),
        ("- Green bar: gpt-4o-mini\n- Numeric labels are printed above each bar.\n", ("gpt-4o-mini",)),
        ("- **Color (bit-width)**: dark blue = 16-bit (FP16), teal = 8-bit (INT8)\n", ()),
    ],
)
def test_parse_legend_lines_name_entries_not_descriptions(legend_lines, entries):
    text = (
        "## Chart\n### Components/Axes\n- **Legend**:\n" + legend_lines + "### Detailed Analysis\n- At 1: 2\n"
    )
    assert parsed(text).legend == entries


def test_parse_legend_in_prose_colour_is_name():
    text = "## Chart\n### Components/Axes\n* **Legend:** Bottom-right; red is GRPO, blue is PPO. Bands show ranges.\n"
    assert parsed(text).legend == ("GRPO", "PPO")


def test_parse_axes_stated_in_prose_belong_to_their_chart():
    text = (
        "## Line Charts\n### Components/Axes\n* **Left chart:** The x-axis is Training Steps, running from 0 to 1000. "
        "The y-axis is MATH-500 Accuracy (%), running from 50 to 75.\n"
        "* **Right chart:** The x-axis is again Training Steps (0 to 1000).\n"
    )
    assert [(a.role, a.label, a.unit, a.low, a.high, a.panel) for a in parsed(text).axes] == [
        ("x", "Training Steps", None, 0.0, 1000.0, "Left chart"),
        ("y", "MATH-500 Accuracy", "%", 50.0, 75.0, "Left chart"),
        ("x", "Training Steps", None, 0.0, 1000.0, "Right chart"),
    ]


def test_parse_axis_item_with_a_range_after_its_title_inside_a_panel():
    text = "## Grid\n## 2. Panel (a), top-left: AlpacaEval 2.0\n* **Y-Axis:** `LC Win Rate (%)`, 10 to 30.\n"
    (axis,) = parsed(text).axes
    assert (axis.label, axis.unit, axis.low, axis.high, axis.panel) == (
        "LC Win Rate",
        "%",
        10.0,
        30.0,
        "2. Panel (a), top-left: AlpacaEval 2.0",
    )


def test_parse_numbered_colour_headers_switch_the_series():
    text = (
        "## Line Graph\n### Detailed Analysis\n1. **Blue Line (`FreqMLP`)**:\n   - 96: ~0.368, 192: ~0.401.\n"
        "   - Lowest at every horizon; the 720 marker sits above, about 0.01 higher throughout.\n"
        "2. **Orange Line (`PatchTST`)**:\n   - 96: ~0.377, 192: ~0.413.\n"
    )
    assert [(p.value, p.x, p.context[-1]) for p in parsed(text).points] == [
        (0.368, 96.0, "Blue Line (FreqMLP)"),
        (0.401, 192.0, "Blue Line (FreqMLP)"),
        (0.377, 96.0, "Orange Line (PatchTST)"),
        (0.413, 192.0, "Orange Line (PatchTST)"),
    ]


def test_parse_legend_told_in_a_sentence_and_pairs_grouped_by_a_category():
    text = (
        "## Line Chart\n### Overview\nThe blue line represents Whisper-Small, the orange line represents Conformer-CTC.\n"
        "### Detailed Analysis\n* **eng→amh:** NLLB-600M ≈ 31.4; BT ≈ 33.0 (+1.6 over baseline)\n"
    )
    figure = parsed(text)
    assert figure.legend == ("Whisper-Small", "Conformer-CTC")
    assert [(p.value, p.series, p.category) for p in figure.points] == [
        (31.4, "NLLB-600M", "eng→amh"),
        (33.0, "BT", "eng→amh"),
    ]


def test_parse_values_written_with_thousands_and_tuple_lists():
    text = (
        "## Line Chart\n### Detailed Analysis\n- **PPO**\n  - `500k`: 0.6k\n  - `1M`: 1.2k\n"
        "* **Data Points:** (16, 0.1241), (32, 0.1368)\n"
    )
    assert [(p.value, p.x) for p in parsed(text).points] == [
        (600.0, 500000.0),
        (1200.0, 1000000.0),
        (0.1241, 16.0),
        (0.1368, 32.0),
    ]


def test_parse_legend_sentence_with_quoted_names():
    text = (
        "## Line Chart\n### Components/Axes\n"
        '* **Legend:** Top-right. "Full FT" is a black solid line; "LoRA (r=8)" is a purple dashed line.\n'
    )
    assert parsed(text).legend == ("Full FT", "LoRA (r=8)")
