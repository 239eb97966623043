"""The spaCy pipeline: a blank English pipeline with claimkg's own components.

- `entity_ruler` / `acronym_ruler`: phrase patterns for every benchmark,
  metric and parameter name in `ontology/vocabulary.ttl` (long names matched
  on lower case, acronyms as written);
- `model_names`: model names as family + version + size + suffix
  (`Llama2-7B-Chat`, `Qwen2.5-14B-Instruct`, `Memory³-2B-SFT`, `llama3.2_3b`),
  the families coming from the vocabulary;
- `figure_roles`: names whose role the figure's structure fixes (legend
  entries are systems, the y-axis a metric ...), handed over in
  `doc.user_data["claimkg.roles"]`; these win over the generic rules.

No pretrained model is needed or loaded.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import vocabulary
from kg.model import EntityType

ROLES_KEY = "claimkg.roles"

_SIZE = r"\d+(?:\.\d+)?\s?[BMKbmk]\b"
# version: digits with dots (2, 2.5, 3.1), or v/V digits; suffix words after '-', '_' or ' '.
_MODEL_TAIL = (
    r"(?:[-_ .]?(?:v?\d+(?:\.\d+)*[a-z]?|[IVX]+\b))?"  # version
    r"(?:[-_ ]?(?:(?:\d+(?:\.\d+)?[xX]?)?\d*(?:\.\d+)?[BMKbmk]|x\d+(?:\.\d+)?|\d+x\d+[BbMm]?))?"  # size
    r"(?:[-_ ](?:Chat|chat|Instruct|instruct|it|IT|SFT|sft|Base|base|hf|HF|RLHF|DPO|Distill|Coder|Math|Preview|Turbo|Pro|Flash|Mini|mini|Nano|Lite|Large|large|Small|small|Medium|XL|XXL|Maverick|Scout|MoE|Ultra|Plus|Max|Opus|Sonnet|Haiku|Omni|V\d+(?:\.\d+)?|v\d+(?:\.\d+)?|\d+[BbMm]|Llama|Qwen"
    r"|(?-i:[A-Z]\d{0,2})(?:/\d+)?(?![\w])"  # variant letters: ConvNeXt-T, EfficientNet-B0, ViT-B/16
    r"|(?-i:[A-Z]{2,5})(?![\w])))*"  # an upper-case tag: Conformer-CTC, Whisper-ASR
)


@cache
def model_name_regex() -> re.Pattern[str]:
    # Family words without their version digits: 'Llama2' -> 'Llama'; the tail reads versions.
    stems = {
        f if len(re.sub(r"[\d.]+$", "", f)) < 3 else re.sub(r"[\d.]+$", "", f) for f in vocabulary().families
    }
    families = sorted(stems, key=len, reverse=True)
    family = "|".join(re.escape(f) for f in families)
    # Name-7B, QWO-32B; not a bare suffix word with a size ('Chat-7B' of 'Llama 2-Chat-7B')
    generic = (
        r"(?-i:(?!(?:Chat|Instruct|It)\b)[A-Z][A-Za-z³]*[A-Za-z³]\d*(?:\.\d+)?[-_ ]?\d+(?:\.\d+)?[BMK]\b)"
    )
    return re.compile(
        # a match may not stop inside a hyphenated name ('Conformer' of 'Conformer-XYZ-foo')
        rf"(?<![\w-])(?:(?:{family})(?=[\d\s\-_.³]|\b){_MODEL_TAIL}|{generic}(?-i:(?:-[A-Z][A-Za-z]*)*))(?![\w]|-\w)",
        re.IGNORECASE,
    )


def _is_acronym(form: str) -> bool:
    """Names that match only as written: short or all-capital ('MATH', 'KV', 'EM') and
    brand casing ('QuALITY', 'HumanEval'); plain words ('Accuracy', 'block efficiency')
    match in any case."""
    plain = all(word.islower() or word.istitle() for word in re.findall(r"[A-Za-z]+", form))
    return len(form) <= 4 or form.isupper() or not plain


def _vocabulary_patterns(acronyms: bool) -> list[dict]:
    patterns = []
    seen: set[tuple[str, str]] = set()
    for term in vocabulary().terms:
        for form in (term.label, *term.alt_labels):
            # forms matched as written differ by case ('ImageNet-1K', 'ImageNet-1k')
            key = (term.type.value, form if acronyms else form.lower())
            as_written = _is_acronym(form) or term.type == EntityType.DATASET
            if key in seen or len(form) < 2 or as_written != acronyms:
                continue
            seen.add(key)
            patterns.append({"label": term.type.value, "pattern": form, "id": term.label})
    return patterns


@Language.component("model_names", assigns=["doc.ents"])
def model_names_component(doc: Doc) -> Doc:
    spans = []
    for m in model_name_regex().finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), label=EntityType.MODEL.value, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    # vocabulary entries first: on a tie ('GSM8K' is a benchmark, not a size-8K model) they win
    doc.ents = filter_spans([*doc.ents, *spans])
    return doc


# named subsets that are part of a benchmark's name; plain 'test'/'validation' are not
_SPLIT_RE = re.compile(r"[\s-]?(test-other|test-clean|dev-other|dev-clean)(?![\w-])")


@Language.component("dataset_splits", assigns=["doc.ents"])
def dataset_splits_component(doc: Doc) -> Doc:
    """A benchmark named with its split ('LibriSpeech test-other') is named whole."""
    spans = []
    for ent in doc.ents:
        m = _SPLIT_RE.match(doc.text, ent.end_char) if ent.label_ == EntityType.DATASET.value else None
        wider = (
            doc.char_span(ent.start_char, m.end(), label=ent.label_, alignment_mode="expand") if m else None
        )
        spans.append(wider if wider is not None else ent)
    doc.ents = filter_spans(spans)
    return doc


@Language.component("figure_roles", assigns=["doc.ents"])
def figure_roles_component(doc: Doc) -> Doc:
    roles: dict[str, EntityType] = doc.user_data.get(ROLES_KEY, {})
    if not roles:
        return doc
    spans: list[Span] = []
    lowered = doc.text.lower()
    for name, entity_type in sorted(roles.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name.lower())}(?![\w])", lowered):
            span = doc.char_span(m.start(), m.end(), label=entity_type.value, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    # Figure roles first: filter_spans keeps the longest, then the first seen.
    doc.ents = filter_spans([*spans, *doc.ents])
    return doc


@cache
def pipeline() -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(_vocabulary_patterns(acronyms=False))
    acronym_ruler = nlp.add_pipe(
        "entity_ruler", name="acronym_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
    )
    acronym_ruler.add_patterns(_vocabulary_patterns(acronyms=True))
    nlp.add_pipe("model_names")
    nlp.add_pipe("dataset_splits")
    nlp.add_pipe("figure_roles")
    return nlp


def entities(text: str, roles: dict[str, EntityType] | None = None) -> list[tuple[str, EntityType, int, int]]:
    """Entity mentions in a text: (surface, type, start char, end char)."""
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc.user_data[ROLES_KEY] = roles or {}
    for _name, component in nlp.pipeline:
        doc = component(doc)
    found = []
    for ent in doc.ents:
        # spans are widened to whole tokens; a sentence's full stop is not part of a name
        text = ent.text.rstrip(".,;:!?")
        found.append((text, EntityType(ent.label_), ent.start_char, ent.start_char + len(text)))
    return found


@lru_cache(maxsize=4096)
def whole_name_type(name: str) -> EntityType | None:
    """The type the generic rules give a name, when one entity spans all of it."""
    found = entities(name)
    if len(found) == 1 and found[0][2] == 0 and found[0][3] >= len(name.rstrip()) - 1:
        return found[0][1]
    return None
