"""Extraction on small descriptions: who, what, where and at which setting."""

import pytest

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
