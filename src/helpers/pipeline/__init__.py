"""Stage 3, corpus to tables: run the extractors over a corpus, cache per step, write Parquet.

``run`` (in process or a pool; :func:`~helpers.pipeline.run.ensure_tables` is the one
entry point for readers of a corpus's tables), ``cache`` (per-step caches),
``versions`` (what the caches depend on), ``store`` (Parquet datasets, all or
nothing) and ``cluster`` (the same work as Dask tasks).
"""
