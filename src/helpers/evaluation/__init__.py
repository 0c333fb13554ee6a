"""Scores against hand-written gold: tables + gold folder -> precision, recall, F1.

Kept outside the extraction packages, so that editing a scorer never changes the
extraction cache's version.
"""
