"""The columns and types of every extracted table (see DATA_MODEL.md).

Extractors return rows as dicts; :func:`to_frame` turns them into a DataFrame with
exactly these columns in this order, so that an empty table still has its columns
and Parquet files written from different runs or partitions share one schema.
"""

from __future__ import annotations

import functools

import pandas as pd
import pyarrow as pa

STR, INT, FLOAT, DATE, BOOL = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
STR_LIST = pa.list_(pa.string())

TABLES: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", STR), ("source_path", STR), ("title", STR), ("outlet", STR),
        ("author", STR), ("url", STR), ("published", DATE), ("published_precision", STR),
        ("published_source", STR), ("body", STR), ("n_sentences", INT), ("n_words", INT),
        ("fingerprint", STR), ("title_source", STR), ("author_source", STR),
    ]),
    "dropped_lines": pa.schema([
        ("article_id", STR), ("line_no", INT), ("text", STR), ("reason", STR),
    ]),
    "sentences": pa.schema([
        ("article_id", STR), ("sentence_id", INT), ("paragraph_id", INT),
        ("start_char", INT), ("end_char", INT), ("text", STR), ("section", STR),
    ]),
    "actors": pa.schema([
        ("actor_id", STR), ("name", STR), ("type", STR), ("aliases", STR_LIST),
        ("affiliation", STR), ("country", STR), ("origin", STR), ("merged_from", STR_LIST),
        ("merge_reasons", STR_LIST),
    ]),
    "mentions": pa.schema([
        ("article_id", STR), ("sentence_id", INT), ("start_char", INT), ("end_char", INT),
        ("text", STR), ("actor_id", STR), ("actor_name", STR), ("actor_type", STR), ("method", STR),
    ]),
    "timexes": pa.schema([
        ("article_id", STR), ("sentence_id", INT), ("start_char", INT), ("end_char", INT),
        ("text", STR), ("value", STR), ("start", DATE), ("end", DATE), ("granularity", STR),
        ("kind", STR), ("anchor", STR), ("modifier", STR), ("type", STR),
    ]),
    "events": pa.schema([
        ("event_id", STR), ("article_id", STR), ("sentence_id", INT), ("date_start", DATE),
        ("date_end", DATE), ("granularity", STR), ("event_type", STR), ("plover_type", STR),
        ("trigger", STR), ("actors", STR_LIST), ("text", STR),
    ]),
    "figures": pa.schema([
        ("figure_id", STR), ("article_id", STR), ("sentence_id", INT), ("start_char", INT),
        ("end_char", INT), ("text", STR), ("kind", STR), ("value_low", FLOAT),
        ("value_high", FLOAT), ("qualifier", STR), ("unit", STR), ("per", STR),
        ("victims", STR), ("location", STR), ("source", STR), ("source_actor_id", STR),
        ("actor_id", STR), ("date_start", DATE), ("date_end", DATE), ("part_of", STR),
        ("hypothetical", BOOL),
    ]),
    "casualties": pa.schema([
        ("article_id", STR), ("sentence_id", INT), ("start_char", INT), ("end_char", INT),
        ("trigger", STR), ("kind", STR), ("grammar", STR), ("victims", STR), ("victim_group", STR),
        ("victim_sides", STR_LIST), ("side_method", STR), ("agent", STR), ("agent_is_cause", BOOL),
        ("agent_actor_id", STR), ("responsible", STR_LIST), ("acts_by", STR_LIST), ("attribution", STR),
        ("attribution_actor_id", STR), ("attribution_cue", STR), ("figure_id", STR),
        ("model_victim_sides", STR_LIST), ("model_responsible", STR_LIST),
    ]),
    "descriptors": pa.schema([
        ("article_id", STR), ("sentence_id", INT), ("start_char", INT), ("end_char", INT),
        ("text", STR), ("descriptor", STR), ("form", STR), ("actor_id", STR), ("mention", STR),
    ]),
    "quotes": pa.schema([
        ("article_id", STR), ("sentence_id", INT), ("start_char", INT), ("end_char", INT),
        ("text", STR), ("speaker", STR), ("speaker_actor_id", STR), ("cue", STR), ("kind", STR),
    ]),
}

#: Tables with one set of rows per article (the rest describe the whole run).
ARTICLE_TABLES = [name for name in TABLES if name != "actors"]


def rows_to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Return ``rows`` as an Arrow table with the schema of ``table``.

    Missing keys become nulls; keys that are not in the schema raise ``KeyError`` so a
    typo in an extractor is caught by the tests rather than silently dropped.
    """
    schema = TABLES[table]
    extra = {key for row in rows for key in row} - set(schema.names)
    if extra:
        raise KeyError(f"table {table}: columns not in the schema: {sorted(extra)}")
    return pa.Table.from_pylist(rows, schema=table_schema(table))


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Return ``rows`` as a DataFrame with the columns and dtypes of ``table`` (see :func:`rows_to_arrow`)."""
    return arrow_to_frame(rows_to_arrow(table, rows))


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    """Return an Arrow table of one of :data:`TABLES` as a DataFrame with nullable dtypes."""
    return table.to_pandas(types_mapper=_types_mapper)


def _types_mapper(arrow_type: pa.DataType):
    """Map Arrow types to nullable pandas dtypes (dates stay ``datetime.date`` objects)."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_int64(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_float64(arrow_type):
        return pd.Float64Dtype()
    return None


@functools.cache
def table_schema(table: str) -> pa.Schema:
    """Return the schema of ``table`` with the pandas metadata that ``pd.read_parquet`` uses.

    With it, pandas reads the Parquet files with the same nullable dtypes as :func:`to_frame`.
    """
    empty = arrow_to_frame(TABLES[table].empty_table())
    return pa.Table.from_pandas(empty, schema=TABLES[table], preserve_index=False).schema


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    """Return a DataFrame of ``table`` as an Arrow table with the declared schema."""
    return pa.Table.from_pandas(frame, schema=TABLES[table], preserve_index=False)
