"""kg.statements: claims stated in prose, on short sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import ClaimOrigin, EntityType, Mention, Sentence
from kg.statements import extract_stated_claims, find_mentions
from kg.verify import IMPLIED_NOTE

MODEL, METHOD, DATASET, METRIC, PARAMETER = (
    EntityType.MODEL,
    EntityType.METHOD,
    EntityType.DATASET,
    EntityType.METRIC,
    EntityType.PARAMETER,
)

SYSTEMS = [
    Mention("Alpha-Net", METHOD),
    Mention("BetaFormer", METHOD),
    Mention("Gamma", METHOD),
    Mention("Delta-S", METHOD),
]
MENTIONS = SYSTEMS + [
    Mention("Orca-7B", MODEL),
    Mention("ToyQA", DATASET),
    Mention("MiniBench", DATASET),
    Mention("Recall@5", METRIC),
    Mention("Word Error Rate", METRIC),
    Mention("Throughput", METRIC),
    Mention("Batch Size", PARAMETER),
]
# A figure with one metric, so that "performance" can only mean it.
ONE_METRIC = SYSTEMS + [Mention("Recall@5", METRIC), Mention("bit-width", PARAMETER)]


def triples(text: str, mentions=MENTIONS) -> set[tuple[str, str, str]]:
    claims = extract_stated_claims([Sentence(text, 1, "observations")], mentions)
    return {(c.subject, c.relation, c.object) for c in claims}


def claims_of(text: str, mentions=MENTIONS):
    return extract_stated_claims([Sentence(text, 7, "analysis")], mentions)


OUT = "outperforms"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alpha-Net outperforms BetaFormer.", {("Alpha-Net", OUT, "BetaFormer")}),
        (
            "Alpha-Net consistently outperforms or matches BetaFormer at every size.",
            {("Alpha-Net", OUT, "BetaFormer")},
        ),
        ("BetaFormer lags behind Alpha-Net on both sets.", {("Alpha-Net", OUT, "BetaFormer")}),
        ("Alpha-Net is better than Gamma.", {("Alpha-Net", OUT, "Gamma")}),
        ("Gamma clearly surpasses Delta-S.", {("Gamma", OUT, "Delta-S")}),
        ("Gamma beats Delta-S by two points.", {("Gamma", OUT, "Delta-S")}),
        ("Gamma exceeds Delta-S everywhere.", {("Gamma", OUT, "Delta-S")}),
        ("Gamma performs worse than BetaFormer.", {("BetaFormer", OUT, "Gamma")}),
        ("Gamma is outperformed by BetaFormer.", {("BetaFormer", OUT, "Gamma")}),
        ("We see the superiority of Delta-S over Gamma.", {("Delta-S", OUT, "Gamma")}),
        (
            "Alpha-Net and BetaFormer outperform Gamma.",
            {("Alpha-Net", OUT, "Gamma"), ("BetaFormer", OUT, "Gamma")},
        ),
        (
            "Alpha-Net outperforms BetaFormer and beats Gamma.",
            {("Alpha-Net", OUT, "BetaFormer"), ("Alpha-Net", OUT, "Gamma")},
        ),
    ],
)
def test_statements_outperforms_pairs(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The order holds: Alpha-Net (red) > BetaFormer (blue) > Gamma (green) > Delta-S.",
        "Alpha-Net is highest (~2.5 at 8), followed by BetaFormer (~2.1), Gamma (~1.9), and Delta-S (~1.2).",
        "Alpha-Net leads (~2.4), BetaFormer (~2.2), Gamma (~2.0), Delta-S (~1.1).",
        "Delta-S < Gamma < BetaFormer < Alpha-Net in every panel.",
    ],
)
def test_statements_ranking_gives_every_implied_pair(text):
    order = ["Alpha-Net", "BetaFormer", "Gamma", "Delta-S"]
    expected = {(a, OUT, b) for i, a in enumerate(order) for b in order[i + 1 :]}
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Alpha-Net outperforms all other methods.", True),
        ("Alpha-Net performs best on ToyQA.", True),
        ("Alpha-Net achieves the highest Recall@5.", True),
        ("Alpha-Net is the worst of the four.", False),
        ("Alpha-Net has the lowest Recall@5.", False),
        ("Alpha-Net has the lowest Word Error Rate.", True),  # lower is better
    ],
)
def test_statements_superlative_against_every_other_system(text, best):
    others = ["BetaFormer", "Gamma", "Delta-S"]
    claims = claims_of(text)
    expected = {("Alpha-Net", OUT, o) if best else (o, OUT, "Alpha-Net") for o in others}
    assert {(c.subject, c.relation, c.object) for c in claims} == expected
    assert all(c.note == IMPLIED_NOTE for c in claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recall@5 for Gamma is higher than for BetaFormer.", {("Gamma", OUT, "BetaFormer")}),
        (
            "The Word Error Rate of Gamma is generally higher than that of BetaFormer.",
            {("BetaFormer", OUT, "Gamma")},
        ),
        ("Gamma reaches a lower Word Error Rate than Delta-S.", {("Gamma", OUT, "Delta-S")}),
    ],
)
def test_statements_value_comparison_reads_metric_direction(text, expected):
    assert triples(text) == expected


def test_statements_value_comparison_needs_a_metric():
    assert triples("Gamma sits higher than BetaFormer in the legend.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Alpha-Net does not outperform Gamma.",
        "Zeta-Net outperforms Omega on ToyQA.",  # no mention names them
        "The legend places Alpha-Net above Gamma.",
        "Throughput is shown for every batch.",
    ],
)
def test_statements_nothing_claimed(text):
    assert triples(text) == set()


def test_statements_unknown_name_is_not_an_object():
    assert triples("Alpha-Net outperforms Zeta-Net.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Throughput decreases linearly as Batch Size increases.",
            ("Throughput", "decreasesWith", "Batch Size"),
        ),
        ("Recall@5 drops as Batch Size decreases.", ("Recall@5", "increasesWith", "Batch Size")),
        ("As Batch Size increases, Throughput rises.", ("Throughput", "increasesWith", "Batch Size")),
        ("Throughput increases with Batch Size.", ("Throughput", "increasesWith", "Batch Size")),
        ("Recall@5 falls with increasing Batch Size.", ("Recall@5", "decreasesWith", "Batch Size")),
        ("Higher Batch Size yields lower Recall@5.", ("Recall@5", "decreasesWith", "Batch Size")),
        ("This shows rising Recall@5 with larger batch sizes.", ("Recall@5", "increasesWith", "Batch Size")),
        ("Word Error Rate improves as Batch Size grows.", ("Word Error Rate", "decreasesWith", "Batch Size")),
        (
            "There is an inverse relationship between Batch Size and Throughput.",
            ("Throughput", "decreasesWith", "Batch Size"),
        ),
        (
            "We find a positive correlation between Recall@5 and Throughput.",
            ("Recall@5", "increasesWith", "Throughput"),
        ),
        ("Recall@5 peaks at a Batch Size of 64.", ("Recall@5", "peaksAt", "Batch Size")),
        ("Recall@5 levels off once Batch Size passes 64.", ("Recall@5", "plateausWith", "Batch Size")),
        (
            "The chart shows a trade-off between Throughput and Recall@5.",
            ("Throughput", "tradeOffWith", "Recall@5"),
        ),
    ],
)
def test_statements_trend_relations(text, expected):
    assert expected in triples(text)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Performance decreases as bit-width is reduced.", "increasesWith"),
        ("Performance improves as bit-width grows.", "increasesWith"),
        ("The score drops when bit-width increases.", "decreasesWith"),
        ("Each line rises as bit-width is lowered.", "decreasesWith"),
    ],
)
def test_statements_trend_direction_and_figure_metric(text, relation):
    assert triples(text, ONE_METRIC) == {("Recall@5", relation, "bit-width")}


def test_statements_generic_metric_word_needs_a_single_metric():
    assert triples("Performance decreases as Batch Size is reduced.") == set()


def test_statements_negated_trend_is_dropped():
    assert triples("Recall@5 shows no decline as Batch Size increases.") == set()


def test_statements_count_word_names_a_parameter():
    mentions = [Mention("Recall@5", METRIC), Mention("#Sampled Paths", PARAMETER)]
    text = "Recall@5 improves as the number of sampled paths increases."
    assert triples(text, mentions) == {("Recall@5", "increasesWith", "#Sampled Paths")}


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("Alpha-Net generally outperforms Gamma.", "generally"),
        ("Alpha-Net consistently outperforms Gamma.", "consistently"),
        ("The consistent superiority of Alpha-Net over Gamma is clear.", "consistent"),
        ("Alpha-Net slightly outperforms Gamma.", "slightly"),
        ("Recall@5 tends to rise as Batch Size increases.", "tends to"),
        ("Alpha-Net outperforms Gamma.", None),
    ],
)
def test_statements_hedge_kept(text, hedge):
    (claim,) = claims_of(text)
    assert claim.hedge == hedge


def test_statements_claim_fields():
    text = 'On ToyQA, "alpha net" outperforms BetaFormer (Orca-7B) in Recall@5.'
    (claim,) = claims_of(text)
    assert claim.subject == "Alpha-Net"  # the mention's spelling, not the sentence's
    assert claim.object == "BetaFormer"
    assert claim.origin is ClaimOrigin.TEXT
    assert claim.evidence == text
    assert claim.line == 7
    assert (claim.metric, claim.dataset) == ("Recall@5", "ToyQA")
    assert claim.model is None  # named only inside parentheses
    assert claim.verdict is None


def test_statements_context_model_and_several_datasets():
    (claim,) = claims_of("On Orca-7B, Gamma outperforms Delta-S on ToyQA and MiniBench.")
    assert claim.model == "Orca-7B"
    assert claim.dataset is None  # two datasets: the claim is about both


def test_statements_label_gives_context_to_its_line():
    sentences = [
        Sentence("ToyQA: every method improves.", 3, "analysis"),
        Sentence("Gamma is highest (~80), followed by Delta-S (~70).", 3, "analysis"),
    ]
    (claim,) = extract_stated_claims(sentences, MENTIONS)
    assert (claim.subject, claim.object, claim.dataset) == ("Gamma", "Delta-S", "ToyQA")


def test_statements_duplicates_keep_first_evidence():
    sentences = [
        Sentence("Alpha-Net outperforms Gamma.", 2, "analysis"),
        Sentence("Again, Alpha-Net outperforms Gamma.", 9, "interpretation"),
    ]
    claims = extract_stated_claims(sentences, MENTIONS)
    assert [(c.line, c.evidence) for c in claims] == [(2, "Alpha-Net outperforms Gamma.")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("RSD-S beats SD.", ["RSD-S", "SD"]),  # "SD" is not read inside "RSD-S"
        ("Llama2-7B and llama 2 7b", ["Llama 2-7B", "Llama 2-7B"]),
        ("token counts fall", ["Token Count"]),  # plural
        ("latent compression-rate grows", ["Latent Compression-Rate"]),
        ("the compression rate grows", ["Latent Compression-Rate"]),  # a two-word tail
        ("at T=0.5 and t", ["T"]),  # short names keep their case
    ],
)
def test_statements_find_mentions(text, found):
    mentions = [
        Mention("SD", METHOD),
        Mention("RSD-S", METHOD),
        Mention("Llama 2-7B", MODEL),
        Mention("Token Count", METRIC),
        Mention("Latent Compression-Rate", PARAMETER),
        Mention("T", PARAMETER),
    ]
    assert [m.text for _, _, m in find_mentions(text, mentions)] == found


def test_statements_empty_input():
    assert extract_stated_claims([], MENTIONS) == []
    assert extract_stated_claims([Sentence("Alpha-Net outperforms Gamma.", 1, "analysis")], []) == []
    assert triples("( ) , > ; : (( ))") == set()


WORDS = [m.text for m in MENTIONS] + [
    "outperforms",
    "lags",
    "behind",
    "than",
    "better",
    "higher",
    "lower",
    "best",
    "highest",
    "lowest",
    "followed",
    "by",
    ">",
    "<",
    "(",
    ")",
    ",",
    ";",
    ":",
    "as",
    "increases",
    "decreases",
    "with",
    "not",
    "all",
    "others",
    "over",
    "superiority",
    "of",
    "trade-off",
    "between",
    "and",
    "peaks",
    "at",
    "the",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_statements_claims_name_only_mentions(words):
    text = " ".join(words)
    names = {m.text for m in MENTIONS}
    for claim in claims_of(text):
        assert claim.subject in names and claim.object in names
        assert claim.subject != claim.object
        assert claim.evidence == text and claim.origin is ClaimOrigin.TEXT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gamma (green): starts near 40 and increases to 52.", {("Recall@5", "increasesWith", "bit-width")}),
        ("All lines show a steady decline.", {("Recall@5", "decreasesWith", "bit-width")}),
        ("Gamma rises to 50, then falls back to 41.", set()),  # turns: no single direction
        ("Gamma increases faster than Delta-S.", set()),  # a comparison, not a trend
        ("Recall@5 increases from 40 to 52.", set()),  # a named metric needs its parameter named too
    ],
)
def test_statements_line_moving_along_the_only_parameter(text, expected):
    assert triples(text, ONE_METRIC) == expected


def test_statements_label_metric_stands_for_the_moving_lines_and_aliases_name_the_parameter():
    mentions = [
        Mention("block efficiency", EntityType.METRIC),
        Mention("MBSU", EntityType.METRIC),
        Mention("num. tokens at the target", EntityType.PARAMETER),
        Mention("SD", EntityType.METHOD),
    ]
    sentence = Sentence("Block Efficiency: All methods increase with token count.", 7, "analysis")
    claims = extract_stated_claims([sentence], mentions, aliases=[("tokens", "num. tokens at the target")])
    assert [(c.subject, c.relation, c.object) for c in claims] == [
        ("block efficiency", "increasesWith", "num. tokens at the target")
    ]
    assert extract_stated_claims([sentence], mentions) == []
