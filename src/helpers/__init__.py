"""News articles to evidence-linked tables."""
