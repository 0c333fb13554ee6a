"""Placeholder until the extractor lands (owned by its issue)."""

from __future__ import annotations


def extract_timexes(parsed) -> list[dict]:
    """Return no rows yet."""
    return []
