"""Stage 2, parsed article to rows: spaCy, the actor registry and one module per extractor.

``nlp`` loads spaCy once per process; ``parsed`` pairs an article with its parse and
sentences; ``registry`` reads the actor registry and ``parties`` says which side an
actor belongs to; ``actors``, ``timexes``, ``figures``, ``casualties``, ``descriptors``,
``quotes`` and ``events`` each return the rows of one table (``casualty_model`` is the
small classifier ``casualties`` applies);
``rows.extract_article`` runs them all in order on one article.
"""
