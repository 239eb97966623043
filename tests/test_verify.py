"""kg.verify: stated claims checked against hand-built numbers, and claims from the numbers."""

from __future__ import annotations

import pytest

from kg.lexicon import norm
from kg.model import (
    Claim,
    ClaimOrigin,
    Condition,
    Document,
    FigureExtraction,
    Observation,
    ParsedFigure,
    Verdict,
)
from kg.verify import IMPLIED_NOTE, default_lower_is_better, spearman, verify

FIGURE = ParsedFigure(
    document=Document(source_file="toy.txt", path="toy.txt", text="a toy figure"),
    title="Toy",
    chart_type="line chart",
    axes=(),
    legend=(),
    panels=(),
    points=(),
    sentences=(),
)


def obs(system, value, at=None, metric="Recall@5", dataset=None, model=None, parameter="Batch Size"):
    conditions = () if at is None else (Condition(parameter, float(at)),)
    return Observation(
        value=value, metric=metric, system=system, dataset=dataset, model=model, conditions=conditions
    )


def line(system, values, xs=(1, 2, 4, 8), **kw):
    return [obs(system, v, x, **kw) for x, v in zip(xs, values)]


def stated(subject, relation, obj, **kw):
    return Claim(
        subject=subject, relation=relation, object=obj, origin=ClaimOrigin.TEXT, evidence="s.", line=3, **kw
    )


def check(observations, *claims, lower_is_better=None):
    extraction = FigureExtraction(FIGURE, (), tuple(observations), tuple(claims))
    return verify(extraction, lower_is_better)


def text_claims(result):
    return [c for c in result.claims if c.origin is ClaimOrigin.TEXT]


def data_claims(result):
    return {(c.subject, c.relation, c.object) for c in result.claims if c.origin is ClaimOrigin.DATA}


TWO_LINES = line("Alpha", [50, 55, 60, 62]) + line("Beta", [48, 55, 57, 58])


def test_verify_outperforms_supported():
    (claim,) = text_claims(check(TWO_LINES, stated("Alpha", "outperforms", "Beta", hedge="consistently")))
    assert claim.verdict is Verdict.SUPPORTED
    assert claim.refuted_by == ()
    assert set(claim.supported_by) == set(range(8))


def test_verify_outperforms_contradicted_names_the_refuting_observations():
    (claim,) = text_claims(check(TWO_LINES, stated("Beta", "outperforms", "Alpha")))
    assert claim.verdict is Verdict.CONTRADICTED
    # Beta is below Alpha at sizes 1, 4 and 8 (indexes 0, 2, 3 and 4, 6, 7); equal at 2.
    assert claim.refuted_by == (0, 2, 3, 4, 6, 7)


@pytest.mark.parametrize(
    ("hedge", "verdict"),
    [
        ("consistently", Verdict.CONTRADICTED),  # one loss breaks "consistently"
        ("generally", Verdict.SUPPORTED),  # three wins of four decide
        (None, Verdict.SUPPORTED),
    ],
)
def test_verify_outperforms_mixed_results_follow_the_hedge(hedge, verdict):
    observations = line("Alpha", [50, 56, 60, 62]) + line("Beta", [52, 55, 57, 58])
    (claim,) = text_claims(check(observations, stated("Alpha", "outperforms", "Beta", hedge=hedge)))
    assert claim.verdict is verdict
    assert claim.supported_by == (1, 2, 3, 5, 6, 7)
    # Only a contradicted claim is refuted; a hedged one keeps its exceptions in the note.
    assert claim.refuted_by == ((0, 4) if verdict is Verdict.CONTRADICTED else ())
    assert "worse at 1" in claim.note


def test_verify_outperforms_minority_of_wins_is_contradicted():
    observations = line("Alpha", [50, 54, 56, 62]) + line("Beta", [52, 55, 57, 58])
    (claim,) = text_claims(check(observations, stated("Alpha", "outperforms", "Beta", hedge="generally")))
    assert claim.verdict is Verdict.CONTRADICTED


def test_verify_lower_is_better_metric():
    observations = line("Alpha", [2.0, 1.8, 1.5], metric="Val Loss") + line(
        "Beta", [2.0, 2.4, 2.6], metric="Val Loss"
    )
    result = check(
        observations,
        stated("Alpha", "outperforms", "Beta", metric="Val Loss"),
        stated("Beta", "outperforms", "Alpha", hedge="consistently"),
    )
    first, second = text_claims(result)
    assert first.verdict is Verdict.SUPPORTED
    assert second.verdict is Verdict.CONTRADICTED
    assert ("Alpha", "outperforms", "Beta") in data_claims(result)


def test_verify_lower_is_better_can_be_given():
    observations = line("Alpha", [5, 6, 7]) + line("Beta", [4, 5, 6])
    result = check(observations, stated("Beta", "outperforms", "Alpha"), lower_is_better=lambda metric: True)
    (claim,) = text_claims(result)
    assert claim.verdict is Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("name", "lower"),
    [
        ("Pile Loss", True),
        ("sMAPE", True),
        ("Latency (ms)", True),
        ("Word Error Rate", True),
        ("Perplexity", True),
        ("Test Accuracy", False),
        ("Throughput (TPS)", False),
        ("Pass@1", False),
    ],
)
def test_verify_default_lower_is_better(name, lower):
    assert default_lower_is_better(name) is lower


@pytest.mark.parametrize(
    "claim",
    [
        stated("Alpha", "outperforms", "Gamma"),  # Gamma has no numbers
        stated("Alpha", "outperforms", "Beta", dataset="OtherSet"),  # nothing measured there
        stated("Recall@5", "increasesWith", "Learning Rate"),  # not a condition of the numbers
        stated("Recall@5", "sameAs", "Beta"),
    ],
)
def test_verify_unverifiable(claim):
    (checked,) = text_claims(check(TWO_LINES, claim))
    assert checked.verdict is Verdict.UNVERIFIABLE
    assert checked.refuted_by == checked.supported_by == ()


def test_verify_outperforms_within_context():
    observations = [
        obs("Alpha", 70, dataset="ToyQA"),
        obs("Beta", 60, dataset="ToyQA"),
        obs("Alpha", 20, dataset="MiniBench"),
        obs("Beta", 30, dataset="MiniBench"),
    ]
    toy, mini = text_claims(
        check(
            observations,
            stated("Alpha", "outperforms", "Beta", dataset="ToyQA"),
            stated("Alpha", "outperforms", "Beta", dataset="MiniBench"),
        )
    )
    assert (toy.verdict, mini.verdict) == (Verdict.SUPPORTED, Verdict.CONTRADICTED)
    assert mini.refuted_by == (2, 3)


def test_verify_method_on_model_meets_the_bare_model():
    observations = line("Orca-7B", [50, 55, 60]) + line("Booster", [58, 61, 63], model="Orca-7B")
    (claim,) = text_claims(check(observations, stated("Orca-7B (w/ Booster)", "outperforms", "Orca-7B")))
    assert claim.verdict is Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("relation", "verdict"),
    [("increasesWith", Verdict.SUPPORTED), ("decreasesWith", Verdict.CONTRADICTED)],
)
def test_verify_trend_along_a_parameter(relation, verdict):
    (claim,) = text_claims(check(TWO_LINES, stated("Recall@5", relation, "Batch Size")))
    assert claim.verdict is verdict


def test_verify_trend_follows_the_majority_of_series():
    observations = (
        line("Alpha", [50, 48, 58, 60]) + line("Beta", [40, 44, 43, 47]) + line("Gamma", [60, 58, 57, 55])
    )
    (claim,) = text_claims(
        check(observations, stated("Recall@5", "increasesWith", "Batch Size", hedge="generally"))
    )
    assert claim.verdict is Verdict.SUPPORTED
    assert claim.supported_by == tuple(range(8))  # Alpha and Beta end higher; Gamma goes down
    assert claim.refuted_by == ()


def test_verify_trend_contradicted_by_the_majority():
    observations = (
        line("Alpha", [50, 48, 46, 60]) + line("Beta", [40, 38, 37, 35]) + line("Gamma", [60, 58, 57, 55])
    )
    (claim,) = text_claims(check(observations, stated("Recall@5", "increasesWith", "Batch Size")))
    assert claim.verdict is Verdict.CONTRADICTED
    assert claim.refuted_by == tuple(range(4, 12))


def test_verify_trend_parameter_named_loosely():
    observations = line("Alpha", [3, 2, 1], parameter="#Sampled Paths")
    (claim,) = text_claims(
        check(observations, stated("Recall@5", "decreasesWith", "number of sampled paths"))
    )
    assert claim.verdict is Verdict.SUPPORTED


def test_verify_trend_between_two_metrics():
    speed = [obs(name, v, metric="Speed") for name, v in (("A", 100), ("B", 200), ("C", 300), ("D", 400))]
    score = [obs(name, v, metric="Score") for name, v in (("A", 50), ("B", 45), ("C", 44), ("D", 30))]
    result = check(
        speed + score,
        stated("Score", "decreasesWith", "Speed"),
        stated("Score", "increasesWith", "Speed"),
        stated("Score", "tradeOffWith", "Speed"),
    )
    assert [c.verdict for c in text_claims(result)] == [
        Verdict.SUPPORTED,
        Verdict.CONTRADICTED,
        Verdict.SUPPORTED,
    ]


@pytest.mark.parametrize(
    ("relation", "values", "verdict"),
    [
        ("peaksAt", [27.2, 28.1, 27.9], Verdict.SUPPORTED),
        ("peaksAt", [27.2, 27.5, 27.9], Verdict.CONTRADICTED),
        ("plateausWith", [40, 60, 61], Verdict.SUPPORTED),
        ("plateausWith", [40, 41, 60], Verdict.CONTRADICTED),
    ],
)
def test_verify_shape_claims(relation, values, verdict):
    observations = line(None, values, xs=(5, 15, 30))
    (claim,) = text_claims(check(observations, stated("Recall@5", relation, "Batch Size")))
    assert claim.verdict is verdict


def test_verify_derives_outperforms_and_trend_from_lines():
    assert data_claims(check(TWO_LINES)) == {
        ("Alpha", "outperforms", "Beta"),
        ("Recall@5", "increasesWith", "Batch Size"),
    }
    derived = [c for c in check(TWO_LINES).claims if c.relation == "outperforms"]
    assert derived[0].metric == "Recall@5"
    assert derived[0].verdict is Verdict.SUPPORTED
    assert derived[0].evidence is None


def test_verify_does_not_flood_a_one_value_per_system_chart():
    observations = [obs(name, value) for name, value in (("A", 90), ("B", 80), ("C", 70), ("D", 60))]
    observations += [
        obs(name, value, metric="Speed") for name, value in (("A", 1), ("B", 2), ("C", 3), ("D", 4))
    ]
    result = check(observations, stated("A", "outperforms", "B", metric="Recall@5"))
    assert data_claims(result) == set()
    assert text_claims(result)[0].verdict is Verdict.SUPPORTED  # stated claims are still checked


def test_verify_no_trend_when_a_series_disagrees():
    observations = line("Alpha", [1, 2, 3, 4]) + line("Beta", [4, 3, 2, 1])
    assert data_claims(check(observations)) == set()


def test_verify_trend_allows_flat_steps():
    observations = line("Alpha", [1, 2, 2, 3]) + line("Beta", [5, 5, 6, 7]) + [obs("Teacher", 9, 8)]
    assert ("Recall@5", "increasesWith", "Batch Size") in data_claims(check(observations))


def test_verify_drops_implied_claims_about_non_systems():
    claims = [
        stated("Alpha", "outperforms", "Beta", note=IMPLIED_NOTE),
        stated("Alpha", "outperforms", "Decomposer", note=IMPLIED_NOTE),
    ]
    result = check(TWO_LINES, *claims)
    assert [(c.subject, c.object) for c in text_claims(result)] == [("Alpha", "Beta")]


def test_verify_replaces_old_data_claims():
    old = Claim("Beta", "outperforms", "Alpha", ClaimOrigin.DATA)
    assert ("Beta", "outperforms", "Alpha") not in data_claims(check(TWO_LINES, old))


@pytest.mark.parametrize(
    ("xs", "ys", "sign"),
    [([1, 2, 3], [3, 5, 9], 1), ([1, 2, 3], [9, 5, 3], -1), ([1, 2, 3], [2, 2, 2], 0)],
)
def test_verify_spearman_sign(xs, ys, sign):
    rho = spearman(xs, ys)
    assert (rho > 0) - (rho < 0) == sign


# --- the seeds' acceptance checks, through the whole pipeline -----------------

SEED_003, SEED_002, SEED_004 = (
    "003_6e0eda015fd086bf.txt",
    "002_5718bcfc2b90ade2.txt",
    "004_3bbf4a5f191380b5.txt",
)
RANKING = ["RSD-S", "RSD-C", "SpecTr", "SD"]


def _forms_of(kb, source_file, surface):
    key = kb.key_for(source_file, surface)
    entity = kb.entities.get(key) if key else None
    names = {surface} | ({entity.label, *entity.alt_labels} if entity else set())
    return {norm(n) for n in names}


@pytest.mark.parametrize(
    ("source_file", "subject", "relation", "obj", "verdict"),
    [
        (SEED_003, "Budget-C", "outperforms", "Budget-A", Verdict.SUPPORTED),
        (SEED_003, "Budget-A", "outperforms", "Budget-C", Verdict.CONTRADICTED),
        (SEED_002, "Throughput", "decreasesWith", "KV Budget", Verdict.SUPPORTED),
        *[
            (SEED_004, better, "outperforms", worse, Verdict.SUPPORTED)
            for i, better in enumerate(RANKING)
            for worse in RANKING[i + 1 :]
        ],
    ],
)
def test_verify_seed_acceptance(seeds_build, source_file, subject, relation, obj, verdict):
    kb = seeds_build[0]
    (figure,) = [f for f in kb.figures if f.source_file == source_file]
    found = [
        c
        for c in figure.claims
        if c.origin is ClaimOrigin.TEXT
        and c.relation == relation
        and norm(subject) in _forms_of(kb, source_file, c.subject)
        and norm(obj) in _forms_of(kb, source_file, c.object)
    ]
    assert found, f"no stated {subject} {relation} {obj}"
    assert {c.verdict for c in found} == {verdict}
    if verdict is Verdict.CONTRADICTED:
        assert all(c.refuted_by for c in found)
