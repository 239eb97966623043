"""FigureExtractions -> KnowledgeBase: one entity per real-world thing across figures.

Two surface forms name the same thing when they have the same type and the
same link key: the vocabulary's canonical name for known terms; for models,
family + version + size + sorted suffixes (`Llama2-7B-Chat` = `Llama 2-Chat-7B`
but not `Llama 2-7B`); otherwise the gold format's normalization (case,
spaces, '-', '_', '.'). Entity keys, and so IRIs, derive from the link key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.lexicon import lookup, lower_is_better_by_name, norm
from kg.model import Entity, EntityType, FigureExtraction, KnowledgeBase


def model_key(name: str) -> str:
    """'Llama 2-Chat-7B' and 'Llama2-7B-Chat' -> 'llama-2-7b-chat'."""
    text = unicodedata.normalize("NFKC", name).lower()
    tokens = re.findall(r"\d+(?:\.\d+)?[bmk]\b|[a-z]+|\d+(?:\.\d+)?", text.replace("_", " "))
    if not tokens:
        return norm(name)
    head: list[str] = [tokens[0]]
    rest = tokens[1:]
    # the family's version number stays in place; size and suffixes are a set
    if rest and re.fullmatch(r"\d+(?:\.\d+)?", rest[0]):
        head.append(rest.pop(0))
    return "-".join(head + sorted(rest))


def link_key(name: str, entity_type: EntityType) -> str:
    term = lookup(name)
    if term is not None and term.type == entity_type:
        return norm(term.label)
    if entity_type == EntityType.MODEL:
        return model_key(name)
    return norm(name)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("@", "-at-").replace("%", "-pct").replace("+", "-plus-").replace("#", "num-")
    text = text.replace("→", "-to-").replace("->", "-to-")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x"


def is_lower_better(label: str, alt_labels: Iterable[str] = ()) -> bool:
    """The vocabulary's flag for a known metric, else what its name says (a loss, an error, ...)."""
    for name in (label, *alt_labels):
        term = lookup(name)
        if term is not None and term.lower_is_better:
            return True
        if lower_is_better_by_name(name):
            return True
    return False


def link(figures: list[FigureExtraction]) -> KnowledgeBase:
    groups: dict[tuple[EntityType, str], Counter] = defaultdict(Counter)
    appearances: dict[tuple[EntityType, str], set[str]] = defaultdict(set)
    surface_key: dict[tuple[str, str, EntityType], tuple[EntityType, str]] = {}
    for extraction in figures:
        for mention in extraction.mentions:
            key = (mention.type, link_key(mention.text, mention.type))
            groups[key][mention.text] += 1
            appearances[key].add(extraction.source_file)
            surface_key[(extraction.source_file, mention.text, mention.type)] = key
        for alias, target in extraction.aliases:
            found = [
                k for (f, t, _ty), k in surface_key.items() if f == extraction.source_file and t == target
            ]
            if found:
                groups[found[0]][alias] += 1
                surface_key[(extraction.source_file, alias, found[0][0])] = found[0]

    kb = KnowledgeBase(figures=list(figures))
    key_ids: dict[tuple[EntityType, str], str] = {}
    for key in sorted(groups, key=lambda k: (k[0].value, k[1])):
        entity_type, linked = key
        surfaces = groups[key]
        term = lookup(next(iter(surfaces)))
        if term is not None and term.type == entity_type:
            label = term.label
        else:
            label = sorted(surfaces, key=lambda s: (-surfaces[s], s))[0]
        alt_labels = tuple(sorted(s for s in surfaces if s != label))
        entity_id = (
            f"{entity_type.value.lower()}/{slug(linked if entity_type == EntityType.MODEL else label)}"
        )
        while entity_id in kb.entities and kb.entities[entity_id].label != label:
            entity_id += "-" + slug(linked)[:8]
        key_ids[key] = entity_id
        kb.entities[entity_id] = Entity(
            key=entity_id,
            type=entity_type,
            label=label,
            alt_labels=alt_labels,
            figures=tuple(sorted(appearances[key])),
            lower_is_better=entity_type == EntityType.METRIC and is_lower_better(label, alt_labels),
        )
    # Resolve every surface form of every figure; a surface typed twice keeps its first type.
    for (source_file, text, _type), key in sorted(
        surface_key.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
    ):
        kb.resolve.setdefault((source_file, text), key_ids[key])
        kb.resolve_typed[(source_file, text, _type)] = key_ids[key]
    return kb
