"""Stage 4, tables to frames: co-occurrence, comparisons of figures, timelines, overviews.

Computations on the extracted tables, with no drawing: ``cooccurrence``,
``comparison`` (figures across sources), ``reference`` (official figures, from data
files), ``places``, ``tolls`` (daily reports' running totals), ``timeline`` (dated
events and episodes), ``overview`` and ``exercises`` (the walkthrough's checks).
"""
