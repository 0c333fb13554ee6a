"""Stage 1, files to articles: read any mix of formats, apply the catalogue, strip boilerplate.

``read_corpus(folder)`` returns cleaned :class:`Article` objects (every dropped line
recorded) and the :class:`CorpusProblem` list; nothing here parses language.
Modules: ``sources`` (bytes to text), ``readers`` (one per format), ``cleaning``,
``catalog``, ``metadata`` (catalogue over file over text), ``read`` (the folder).
"""

from helpers.corpus.article import Article, CorpusProblem, NoArticlesError, parse_date
from helpers.corpus.read import read_corpus
from helpers.corpus.readers import ExportColumns

__all__ = ["Article", "CorpusProblem", "ExportColumns", "NoArticlesError", "parse_date", "read_corpus"]
