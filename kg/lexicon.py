"""Domain words and vocabulary, loaded once from the data files.

`kg/data/lexicon.json` holds the words that give a line its role (section
names, colour words, hedges); `ontology/vocabulary.ttl` holds the SKOS
vocabulary of benchmarks, metrics, parameters and model families.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.model import EntityType

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
LEXICON_PATH = PACKAGE_DIR / "data" / "lexicon.json"
VOCABULARY_PATH = REPO_DIR / "ontology" / "vocabulary.ttl"

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_V = "https://w3id.org/claimkg/vocabulary#"
_CKG = "https://w3id.org/claimkg/ontology#"

_SCHEME_TYPES = {
    _V + "datasets": EntityType.DATASET,
    _V + "metrics": EntityType.METRIC,
    _V + "parameters": EntityType.PARAMETER,
}


def norm(text: str) -> str:
    """The matching key of the gold format: NFKC, lower case, no spaces, '-', '_' or '.'."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\-_.]+", "", text)


@dataclass(frozen=True)
class Term:
    """One vocabulary concept: its canonical name and every surface form."""

    label: str
    type: EntityType | None  # None for model families (they only mark a name as a model)
    alt_labels: tuple[str, ...]
    lower_is_better: bool = False


@dataclass(frozen=True)
class Vocabulary:
    terms: tuple[Term, ...]
    families: tuple[str, ...]  # model family names, every spelling

    @property
    def by_norm(self) -> dict[str, Term]:
        return _index_terms(self)


@cache
def _index_terms(vocabulary: Vocabulary) -> dict[str, Term]:
    index: dict[str, Term] = {}
    for term in vocabulary.terms:
        for form in (term.label, *term.alt_labels):
            index.setdefault(norm(form), term)
    return index


@cache
def lexicon() -> dict:
    return json.loads(LEXICON_PATH.read_text(encoding="utf-8"))


@cache
def vocabulary() -> Vocabulary:
    """Read the SKOS vocabulary (once per process)."""
    import rdflib

    graph = rdflib.Graph().parse(VOCABULARY_PATH, format="turtle")
    pref = rdflib.URIRef(_SKOS + "prefLabel")
    alt = rdflib.URIRef(_SKOS + "altLabel")
    in_scheme = rdflib.URIRef(_SKOS + "inScheme")
    member = rdflib.URIRef(_SKOS + "member")
    lower = rdflib.URIRef(_CKG + "lowerIsBetter")
    terms: list[Term] = []
    for concept, scheme in sorted(graph.subject_objects(in_scheme)):
        entity_type = _SCHEME_TYPES.get(str(scheme))
        if entity_type is None:
            continue
        label = str(graph.value(concept, pref))
        alts = tuple(sorted(str(a) for a in graph.objects(concept, alt)))
        lib = bool(graph.value(concept, lower))
        terms.append(Term(label, entity_type, alts, lib))
    families: list[str] = []
    collection_type = rdflib.URIRef(_SKOS + "Collection")
    members = (
        family
        for collection in graph.subjects(rdflib.RDF.type, collection_type)
        for family in graph.objects(collection, member)
    )
    for family in members:
        families.append(str(graph.value(family, pref)))
        families.extend(str(a) for a in graph.objects(family, alt))
    return Vocabulary(tuple(terms), tuple(sorted(set(families), key=lambda s: (-len(s), s))))


def lookup(text: str) -> Term | None:
    return vocabulary().by_norm.get(norm(text))


def section_of(heading: str) -> str | None:
    """Map a heading to a section kind, or None when it is not a section heading."""
    text = re.sub(r"^[\d.\s]+", "", heading.strip().lower()).strip(" :*#")
    text = re.sub(r"\s*\(.*?\)\s*$", "", text)
    for kind, names in lexicon()["sections"].items():
        for name in names:
            if text == name or text.startswith(name + ":"):
                return kind
    return None


@cache
def _metric_words() -> dict:
    return json.loads((PACKAGE_DIR / "data" / "claims_metrics.json").read_text(encoding="utf-8"))


def lower_is_better_by_name(metric: str) -> bool:
    """True when a metric's name says lower is better: a phrase ('error rate') or a word
    ('loss', 'latency', 'memory') of kg/data/claims_metrics.json, unless a word says the
    opposite ('tokens/s', 'throughput')."""
    data = _metric_words()
    lowered = " ".join(re.findall(r"[a-z0-9]+", metric.lower()))
    if any(phrase in lowered for phrase in data["lower_is_better_phrases"]):
        return True
    names = set(lowered.split())
    if names & set(data["higher_is_better_words"]):
        return False
    return bool(names & set(data["lower_is_better_words"]))


def words(name: str) -> frozenset[str]:
    return frozenset(lexicon()[name])
