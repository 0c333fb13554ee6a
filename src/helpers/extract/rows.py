"""Every extractor over one parsed article: the one place that calls them, in order.

Order: mentions (actors), timexes, quotes, figures, casualties, descriptors, events. Each later extractor
reads the rows of the earlier ones (figures and events need the mentions and
dates; figures take a quote's speaker). The result maps table names to lists of row dicts (see :mod:`helpers.schema`).
"""

from __future__ import annotations

from helpers.corpus import Article
from helpers.extract import actors, casualties, casualty_model, descriptors, events, figures, nlp, quotes, timexes
from helpers.extract.parsed import ParsedArticle
from helpers.extract.registry import Registry
from helpers.extract.towns import town_countries

Rows = dict[str, list[dict]]


def prepare(registry: Registry) -> None:
    """Load what every extractor reuses in a process: the model, the registry's index, the casualty model, the towns.

    Each is built once per process on first use anyway; calling this before forking workers
    builds it once for all of them.
    """
    nlp.load_model()
    actors.registry_index(registry)
    casualty_model.load_model()
    town_countries()


def metadata_rows(article: Article, n_sentences: int, n_words: int) -> Rows:
    """Return the ``articles`` and ``dropped_lines`` rows, which come from the corpus alone."""
    return {
        "articles": [{
            "article_id": article.article_id, "source_path": article.source_path,
            "title": article.title, "outlet": article.outlet, "author": article.author,
            "url": article.url, "published": article.published,
            "published_precision": article.published_precision,
            "published_source": article.published_source, "body": article.body,
            "n_sentences": n_sentences, "n_words": n_words,
            "fingerprint": article.fingerprint(), "title_source": article.title_source,
            "author_source": article.author_source,
        }],
        "dropped_lines": [
            {"article_id": article.article_id, "line_no": d.line_no, "text": d.text,
             "reason": d.reason}
            for d in article.clean.dropped
        ],
    }


def article_rows(article: Article, parsed: ParsedArticle) -> Rows:
    """Return the rows of the article-level tables that describe the article itself."""
    flags = parsed.doc.to_array(["IS_SPACE", "IS_PUNCT"]).reshape(-1, 2)
    n_words = int((flags.sum(axis=1) == 0).sum())  # neither a space nor punctuation
    rows = metadata_rows(article, len(parsed.sentences), n_words)
    rows["sentences"] = [
        {"article_id": article.article_id, "sentence_id": s.sentence_id,
         "paragraph_id": s.paragraph_id, "start_char": s.start_char, "end_char": s.end_char,
         "text": s.text, "section": _innermost(article.clean.section_of(s.paragraph_id))}
        for s in parsed.sentences
    ]
    return rows


def _innermost(trail: tuple[str, ...]) -> str | None:
    """Return the nearest heading of a trail ("Casualties" under "Gaza Strip"), None when there is none."""
    return trail[-1] if trail else None


def extract_article(parsed: ParsedArticle, registry: Registry,
                    timex_rows: list[dict] | None = None) -> Rows:
    """Run every extractor on one parsed article and return its rows, table by table.

    ``timex_rows``, when given, are the article's cached timexes (they do not depend on
    the registry) and the timex extractor is not run again.
    """
    rows = article_rows(parsed.article, parsed)
    rows["mentions"] = actors.extract_mentions(parsed, registry)
    rows["timexes"] = timexes.extract_timexes(parsed) if timex_rows is None else timex_rows
    quote_rows = quotes.extract_quotes(parsed, rows["mentions"])
    rows["figures"] = figures.extract_figures(parsed, rows["mentions"], rows["timexes"], quote_rows)
    rows["casualties"] = casualties.extract_casualties(parsed, registry, rows["mentions"], rows["figures"])
    rows["descriptors"] = descriptors.extract_descriptors(parsed, rows["mentions"])
    rows["quotes"] = quote_rows
    rows["events"] = events.extract_events(parsed, rows["mentions"], rows["timexes"])
    return rows
