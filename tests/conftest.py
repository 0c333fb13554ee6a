"""Shared fixtures: the seed corpus read once, and its extracted tables."""

from pathlib import Path

import pytest

from checkout import SEEDS_DIR
from helpers.corpus import read_corpus
from helpers.pipeline.run import extract_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_articles():
    articles, problems = read_corpus(SEEDS_DIR)
    return {a.article_id: a for a in articles}


@pytest.fixture(scope="session")
def seed_tables():
    return extract_corpus(SEEDS_DIR).tables
