"""Stage 2, parsed article to rows: spaCy, the actor registry and one module per extractor.

``nlp`` loads spaCy once per process; ``parsed`` pairs an article with its parse and
sentences; ``registry`` reads the actor registry; ``actors``, ``timexes``,
``figures``, ``quotes`` and ``events`` each return the rows of one table;
``rows.extract_article`` runs them all in order on one article.
"""
