import pytest

from kg.link import link, link_key, model_key, slug
from kg.model import Document, EntityType, FigureExtraction, Mention, ParsedFigure


def extraction(name: str, *mentions: tuple[str, EntityType]) -> FigureExtraction:
    figure = ParsedFigure(Document(name, name, "x"), "t", None, (), (), (), (), ())
    return FigureExtraction(figure, tuple(Mention(t, ty) for t, ty in mentions), ())


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Llama2-7B-Chat", "Llama 2-Chat-7B", True),
        ("Llama-2-7b-chat", "Llama 2-Chat-7B", True),
        ("Llama 2-7B", "Llama 2-Chat-7B", False),
        ("Memory³-2B-SFT", "Memory3-2B-SFT", True),
        ("Qwen2.5-7B", "Qwen2.5-72B", False),
    ],
)
def test_link_model_keys(a, b, same):
    assert (model_key(a) == model_key(b)) is same


@pytest.mark.parametrize(
    ("a", "b", "entity_type", "same"),
    [
        ("Acc.", "Accuracy", EntityType.METRIC, True),
        ("TPS", "Throughput", EntityType.METRIC, True),
        ("tokens/sec", "Throughput", EntityType.METRIC, True),
        ("RSD-C", "RSD-S", EntityType.METHOD, False),
        ("GSM8k", "GSM8K", EntityType.DATASET, True),
    ],
)
def test_link_keys_follow_vocabulary(a, b, entity_type, same):
    assert (link_key(a, entity_type) == link_key(b, entity_type)) is same


def test_link_one_node_per_thing_across_figures_with_alt_labels():
    kb = link(
        [
            extraction("001.txt", ("Llama2-7B-Chat", EntityType.MODEL), ("Acc.", EntityType.METRIC)),
            extraction("004.txt", ("Llama 2-Chat-7B", EntityType.MODEL), ("Llama 2-7B", EntityType.MODEL)),
        ]
    )
    chat = kb.entities[kb.key_for("001.txt", "Llama2-7B-Chat")]
    assert kb.key_for("004.txt", "Llama 2-Chat-7B") == chat.key
    assert chat.figures == ("001.txt", "004.txt")
    assert {chat.label, *chat.alt_labels} == {"Llama2-7B-Chat", "Llama 2-Chat-7B"}
    assert kb.key_for("004.txt", "Llama 2-7B") != chat.key
    accuracy = kb.entities[kb.key_for("001.txt", "Acc.")]
    assert (accuracy.label, accuracy.alt_labels, accuracy.key) == ("Accuracy", ("Acc.",), "metric/accuracy")


def test_link_keys_do_not_depend_on_input_order():
    a = extraction("a.txt", ("Llama2-7B-Chat", EntityType.MODEL))
    b = extraction("b.txt", ("Llama 2-Chat-7B", EntityType.MODEL))
    assert sorted(link([a, b]).entities) == sorted(link([b, a]).entities) == ["model/llama-2-7b-chat"]


def test_link_lower_is_better_from_vocabulary_and_names():
    kb = link(
        [
            extraction(
                "a.txt",
                ("Pile Loss", EntityType.METRIC),
                ("sMAPE", EntityType.METRIC),
                ("Pass@1", EntityType.METRIC),
            )
        ]
    )
    flags = {e.label: e.lower_is_better for e in kb.entities.values()}
    assert flags == {"Pile Loss": True, "sMAPE": True, "Pass@1": False}


def test_link_slug_is_readable():
    assert slug("Pass@1") == "pass-at-1"
    assert slug("xx→en") == "xx-to-en"
