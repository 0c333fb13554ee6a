"""Placeholder until the extractor lands (owned by its issue)."""

from __future__ import annotations


def extract_mentions(parsed, registry) -> list[dict]:
    """Return no rows yet."""
    return []
