"""Placeholder until the extractor lands (owned by its issue)."""

from __future__ import annotations


def extract_events(parsed, mentions, timexes) -> list[dict]:
    """Return no rows yet."""
    return []
