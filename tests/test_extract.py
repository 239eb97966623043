"""Extraction on small descriptions: who, what, where and at which setting."""

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import applied_method, extract, name_parts, settings_of, simplify_latex
from kg.model import Condition, Document, EntityType
from kg.parse import parse


def extracted(text: str):
    return extract(parse(Document(source_file="f.md", path="f.md", text=text)))


def rows(text: str):
    return [
        (o.value, o.system, o.model, o.dataset, o.metric, tuple((c.parameter, c.value) for c in o.conditions))
        for o in extracted(text).observations
    ]


def test_extract_title_model_is_the_system_and_headed_series_the_metric():
    text = (
        "## Line Chart: Accuracy vs Compression-Rate on Qwen2.5-7B Model\n### Components/Axes\n"
        "- **X-axis (Compression Rate)**: Ranges from 5 to 30.\n- **Y-axis (Accuracy)**: 27 to 29.\n"
        "### Detailed Analysis\n#### Accuracy (Blue Line)\n- At **5**: 27.2\n"
    )
    assert rows(text) == [(27.2, "Qwen2.5-7B", None, None, "Accuracy", (("Compression Rate", 5.0),))]


def test_extract_panel_title_gives_model_and_dataset():
    text = (
        "## Charts\n### Components/Axes\n* **X-Axis:**\n* **Label:** `KV Budget`\n* **Y-Axis:**\n* **Label:** `Pass@1`\n"
        "### Detailed Analysis\n**Chart 1: R1-Llama | AIME24**\n* KV 2500: ~40.0\n"
    )
    assert rows(text) == [(40.0, "R1-Llama", None, "AIME24", "Pass@1", (("KV Budget", 2500.0),))]


def test_extract_method_series_runs_on_the_model_heading():
    text = (
        '## Grid\n### Components/Axes\n* **X-Axis (Common):** Labeled "tokens".\n* **Legend:** bottom.\n'
        "* **SD:** Orange dotted line.\n* **RSD-S (ours):** Solid blue line.\n### Detailed Analysis\n"
        "**1. Llama 2-7B**\n* **WMT:**\n* *MBSU:* RSD-S (blue) is highest (~2.4 at 30 tokens), followed by SD (orange, ~1.9).\n"
    )
    assert rows(text) == [
        (2.4, "RSD-S", "Llama 2-7B", "WMT", "MBSU", (("tokens", 30.0),)),
        (1.9, "SD", "Llama 2-7B", "WMT", "MBSU", (("tokens", 30.0),)),
    ]


def test_extract_scatter_gives_one_observation_per_axis_metric():
    text = (
        "## Scatter Plot: Speed vs Score\n### Components/Axes\n- **X-axis**: Decoding speed (token/sec)\n"
        "- **Y-axis**: Task score (avg)\n### Detailed Analysis\n- **Phi-2**: (600, 35)\n"
    )
    assert rows(text) == [
        (600.0, "Phi-2", None, None, "Decoding speed", ()),
        (35.0, "Phi-2", None, None, "Task score", ()),
    ]


def test_extract_settings_legend_becomes_conditions_not_systems():
    text = (
        "## Line Graph\n### Components/Axes\n- **X-axis**: `#Paths` (values: 4, 40).\n- **Y-axis**: `Accuracy (%)`\n"
        "- **Legend**: top.\n- Blue: `T=0.7, k=40`\n### Detailed Analysis\n1. **Blue Line (`T=0.7, k=40`)**:\n"
        "- Starts at ~18% (4 paths) and rises to ~26% (40 paths).\n"
    )
    assert rows(text) == [
        (18.0, None, None, None, "Accuracy", (("T", 0.7), ("k", 40.0), ("#Paths", 4.0))),
        (26.0, None, None, None, "Accuracy", (("T", 0.7), ("k", 40.0), ("#Paths", 40.0))),
    ]
    types = {(m.text, m.type) for m in extracted(text).mentions}
    assert {("T", EntityType.PARAMETER), ("k", EntityType.PARAMETER)} <= types


def test_extract_table_rows_are_systems_when_columns_are_datasets():
    text = (
        "## Bar Charts\n### Components/Axes\n* **Y-Axis:** `Avg. Eval`\n* **Legend:**\n* Blue: `xx→en`\n* Orange: `en→xx`\n"
        "### Data Table\n| Loss | xx→en (Blue) | en→xx (Orange) |\n|---|---|---|\n| $\\mathcal{L}_{\\text{NLL}}$ | 83.78 | 85.84 |\n"
    )
    assert rows(text) == [
        (83.78, "L_NLL", None, "xx→en", "Avg. Eval", ()),
        (85.84, "L_NLL", None, "en→xx", "Avg. Eval", ()),
    ]


def test_extract_duplicate_values_from_two_layouts_are_kept_once():
    text = (
        '## Line Chart\n### Components/Axes\n- **X-Axis:**\n- Title: *"Ratio"*\n- **Y-Axis:**\n- Title: *"Pile Loss"*\n'
        "## Legend\n- **ModelA-1B**\n- Data Points:\n- `1/16`: 7.5\n## Data\n| Ratio | ModelA-1B Pile Loss |\n|---|---|\n| `1/16` | 7.5 |\n"
    )
    assert rows(text) == [(7.5, "ModelA-1B", None, None, "Pile Loss", (("Ratio", 0.0625),))]


@pytest.mark.parametrize(
    ("label", "parts"),
    [
        ("Chart 1: R1-Llama | AIME24", ["R1-Llama", "AIME24"]),
        (
            "1. CoLA (Matthews Correlation Coefficient - Mcc)",
            ["CoLA", "Matthews Correlation Coefficient", "Mcc"],
        ),
        ('Data Series 1: "w/o MRL" (Blue Squares, Dashed Line)', ["w/o MRL"]),
        ("Blue Line (`T=0.7, k=40`)", ["T=0.7, k=40"]),
        ("ProofWriter Dataset", ["ProofWriter"]),
        ("Llama 2-7B on WMT", ["Llama 2-7B", "WMT"]),
    ],
)
def test_extract_name_parts_of_headings(label, parts):
    assert name_parts(label) == parts


def test_extract_settings_and_applied_methods():
    assert settings_of("T=0.5, no top k") == [Condition("T", 0.5)]
    assert settings_of("GPT-4 Turbo") is None
    assert applied_method("LLM2Vec-7B (w/ SMEC)") == ("SMEC", "LLM2Vec-7B")
    assert applied_method("w/ MRL") is None
    assert (
        simplify_latex("$\\mathcal{L}_{\\text{prefer}} + \\mathcal{L}_{\\text{NLL}}$") == "L_prefer + L_NLL"
    )


def test_extract_axis_title_spelt_like_a_series_is_an_alias_not_a_new_metric():
    text = (
        "## Line Chart: Accuracy vs Rate on Qwen2.5-7B\n### Components/Axes\n- **X-axis (Rate)**: 5 to 30.\n"
        "- **Y-axis (Averaged Math Accuracy)**: Ranges from 27.2 to 28.0.\n- **Legend**:\n"
        "- **Blue line**: Represents **Average Math Accuracy**.\n### Detailed Analysis\n#### Average Math Accuracy (Blue)\n- At 5: 27.2\n"
    )
    result = extracted(text)
    metrics = sorted(m.text for m in result.mentions if m.type == EntityType.METRIC)
    assert metrics == ["Average Math Accuracy"]
    assert result.aliases == (("Averaged Math Accuracy", "Average Math Accuracy"),)


def test_extract_model_named_at_the_end_of_a_sentence_has_no_full_stop():
    from kg import nlp

    assert [e[0] for e in nlp.entities("It beats LLM2Vec-7B.")] == ["LLM2Vec-7B"]


def test_extract_heatmap_of_two_parameters_gives_two_settings():
    text = (
        "## Heatmap: WikiText-2 Perplexity of OLMo-2-1B across Learning Rate and Batch Size\n### Components/Axes\n"
        "* **Rows (Learning rate):** 1e-5, 1e-4.\n* **Columns (Batch size, sequences):** 16, 32.\n### Detailed Analysis\n"
        "| Learning rate | 16 | 32 |\n|---|---|---|\n| 1e-5 | 14.82 | 15.10 |\n"
    )
    assert rows(text) == [
        (
            14.82,
            "OLMo-2-1B",
            None,
            "WikiText-2",
            "Perplexity",
            (("Learning rate", 1e-05), ("Batch size", 16.0)),
        ),
        (
            15.1,
            "OLMo-2-1B",
            None,
            "WikiText-2",
            "Perplexity",
            (("Learning rate", 1e-05), ("Batch size", 32.0)),
        ),
    ]


def test_extract_table_with_a_row_per_method_has_a_column_per_measure():
    text = "## Bars\n### Data Table\n| Method | Win (%) | Tie (%) |\n|---|---|---|\n| DPO | 47.9 | 10.6 |\n"
    assert rows(text) == [(47.9, "DPO", None, None, "Win", ()), (10.6, "DPO", None, None, "Tie", ())]


def test_extract_series_with_a_unit_setting_and_a_drawn_reference_line():
    text = (
        "## Scatter Plot\n## Axes\n- **X-axis**: Peak GPU Memory (GB)\n- **Y-axis**: HumanEval pass@1 (%)\n"
        "## Data Points\n- **Phi-3-mini, 4-bit**: (2.3, 54.9)\n"
    )
    assert rows(text) == [
        (2.3, "Phi-3-mini", None, None, "Peak GPU Memory", (("bit-width", 4.0),)),
        (54.9, "Phi-3-mini", None, None, "HumanEval pass@1", (("bit-width", 4.0),)),
    ]
    lines = (
        "## Chart\n### Components/Axes\n* **Y-Axis:** `Win Rate (%)`\n* **Legend:**\n* Black dashed line: `SFT`\n"
        "### Detailed Analysis\n* **SFT line:** ≈ 14.1\n"
    )
    assert rows(lines) == [(14.1, "SFT", None, None, "Win Rate", ())]


def test_extract_labelled_series_owns_values_even_when_it_names_another():
    text = (
        "## Line Chart\n### Components/Axes\n- **X-axis**: Sparsity (%)\n- **Y-axis**: Perplexity\n- **Legend**: red is Wanda, blue is SparseGPT\n"
        "### Detailed Analysis\n* **SparseGPT (Blue):** Follows Wanda closely (approximately 6.4 at 20%, 7.1 at 40%).\n"
    )
    assert [(v, s, c) for v, s, _m, _d, _metric, c in rows(text)] == [
        (6.4, "SparseGPT", (("Sparsity", 20.0),)),
        (7.1, "SparseGPT", (("Sparsity", 40.0),)),
    ]


def test_extract_panel_axes_and_panel_names():
    text = (
        "# Technical Document Extraction: Effect of beta (OLMo-2-13B)\n## 1. Shared Elements\n"
        "* **X-Axis (all panels):** `β`, ticks at 0.01, 0.1.\n* **Legend:**\n* Red line: `DPO`\n"
        "## 2. Panel (a), top-left: AlpacaEval 2.0\n* **Y-Axis:** `LC Win Rate (%)`, 10 to 30.\n* **β = 0.01:** DPO ≈ 24.6\n"
        "## 3. Panel (b), top-right: TruthfulQA\n* **Y-Axis:** `MC2 (%)`, 45 to 60.\n* **β = 0.01:** DPO ≈ 56.8\n"
    )
    assert rows(text) == [
        (24.6, "DPO", "OLMo-2-13B", "AlpacaEval 2.0", "LC Win Rate", (("β", 0.01),)),
        (56.8, "DPO", "OLMo-2-13B", "TruthfulQA", "MC2", (("β", 0.01),)),
    ]


def test_extract_bold_lead_in_names_the_panel():
    text = (
        "## Bar Charts\n### Components/Axes\n* **Y-axis:** Score (%), 0–100.\n* **Legend:**\n* Green bar: gpt-4o-mini\n"
        "### Detailed Analysis\n**Panel 1: MMLU.** gpt-4o-mini (Green) scores highest (~82.0).\n"
    )
    assert rows(text) == [(82.0, "gpt-4o-mini", None, "MMLU", "Score", ())]


def test_extract_figure_level_names_from_the_overview():
    text = (
        "## Dual-Axis Chart: Experts vs Perplexity\n### Overview\nA family of models (**MoE-1.3B**) trained on **C4**; "
        "the dashed line is the **Dense-1.3B** baseline.\n### Components/Axes\n* **X-axis:** Number of experts E: 4, 8.\n"
        "* **Y-axis:** Perplexity, 13.0 to 17.0.\n* **Legend:**\n* Black dashed line: `Dense-1.3B`\n### Detailed Analysis\n"
        "* E = 4: Perplexity ≈ 15.92\n"
    )
    assert rows(text) == [(15.92, "MoE-1.3B", None, "C4", "Perplexity", (("Number of experts", 4.0),))]


@pytest.mark.parametrize(
    ("name", "entity_type"),
    [
        ("GSM8K", EntityType.DATASET),
        ("AlpacaEval 2.0", EntityType.DATASET),
        ("Token Counts", EntityType.METRIC),
    ],
)
def test_extract_vocabulary_typing(name, entity_type):
    from kg.extract import _Typer

    assert _Typer(roles={}, legend=set()).type_of(name, guess=False) == entity_type


def test_extract_brand_cased_benchmark_is_not_a_common_word_in_prose():
    from kg import nlp

    assert nlp.entities("It keeps the quality of the text on QuALITY.") == [
        ("QuALITY", EntityType.DATASET, 36, 43)
    ]


def test_extract_unknown_legend_entry_among_models_is_a_model():
    text = (
        "## Line Graph\n- **X-axis**: `Prediction Horizon` (values: 96, 192)\n- **Y-axis**: `MSE`\n- **Legend**:\n"
        "  - Blue: `FreqMLP (ours)`\n  - Orange: `PatchTST`\n  - Green: `DLinear`\n### Detailed Analysis\n"
        "1. **Blue Line (`FreqMLP (ours)`)**:\n   - 96: ~0.368, 192: ~0.401.\n"
    )
    result = extracted(text)
    assert ("FreqMLP", EntityType.MODEL) in {(m.text, m.type) for m in result.mentions}
    assert rows(text) == [
        (0.368, "FreqMLP", None, None, "MSE", (("Prediction Horizon", 96.0),)),
        (0.401, "FreqMLP", None, None, "MSE", (("Prediction Horizon", 192.0),)),
    ]


def test_extract_values_listed_without_positions_are_read_at_the_ticks():
    text = (
        "## Line Graphs\n### Components/Axes\n* **X-axis:** Training Epochs, with markers at 12, 24, and 36.\n"
        "* **Y-axis:** Box mAP, ranging from 36 to 54.\n### Detailed Analysis\n"
        "* **Mask R-CNN (Blue):** Starts at approximately 42.7 and increases to approximately 44.1 and 46.0.\n"
    )
    assert [(v, c) for v, _s, _m, _d, _metric, c in rows(text)] == [
        (42.7, (("Training Epochs", 12.0),)),
        (44.1, (("Training Epochs", 24.0),)),
        (46.0, (("Training Epochs", 36.0),)),
    ]


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ("12 Layers", ("", Condition("Number of Layers", 12.0))),
        ("Phi-3-mini, 4-bit", ("Phi-3-mini", Condition("bit-width", 4.0))),
    ],
)
def test_extract_unit_settings(series, expected):
    from kg.extract import _unit_setting

    assert _unit_setting(series) == expected


def test_extract_heatmap_colour_bar_names_the_metric_and_rows_are_systems():
    text = (
        "# Technical Data Extraction: Heatmap\n## 1. General Layout\n* **Title:** `Natural Questions (test): EM`\n"
        "* **Y-Axis (Rows):**\n    * **Label:** `Reader`\n    * **Categories:** `Flan-T5-XL`, `Mistral-7B-Instruct`\n"
        "* **Color Bar:**\n    * **Label:** `Exact Match (%)`\n## 2. Data Table\n| Reader | $k=1$ |\n| :--- | :---: |\n"
        "| Flan-T5-XL | 33.4 |\n"
    )
    assert rows(text) == [(33.4, "Flan-T5-XL", None, "Natural Questions", "Exact Match", (("k", 1.0),))]


_SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=len(_SEED_TEXTS) - 1), st.floats(min_value=0.02, max_value=1.0))
def test_extract_a_description_cut_anywhere_gives_what_came_before(index, fraction):
    from dataclasses import replace

    from kg.statements import extract_stated_claims
    from kg.verify import verify

    full = _SEED_TEXTS[index]
    cut = full[: max(1, int(len(full) * fraction))]
    result = extracted(cut)
    claims = extract_stated_claims(result.figure.sentences, result.mentions, result.aliases)
    verify(replace(result, claims=tuple(claims)))
    complete = {(o.value, o.line) for o in extracted(full).observations}
    # every value read from the cut text sits on a line the full text also reads it from
    assert {(o.value, o.line) for o in result.observations if o.line < cut.count("\n")} <= complete


def test_extract_model_names_are_not_cut_inside_a_hyphenated_name():
    from kg import nlp

    assert [e[0] for e in nlp.entities("Conformer-CTC beats Whisper-Small; a Conformer-XL-foo run")] == [
        "Conformer-CTC",
        "Whisper-Small",
    ]
