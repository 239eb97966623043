"""Shared fixtures: the repo's paths and one build of the seeds per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_GOLD = Path(__file__).resolve().parent / "data" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_build():
    """(KnowledgeBase, Dataset) of the five seeds, built once."""
    from kg.pipeline import build_graph

    return build_graph([SEEDS])


@pytest.fixture(scope="session")
def seeds_graph(seeds_build):
    from kg.rdf import union

    return union(seeds_build[1])


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
