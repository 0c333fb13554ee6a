"""Stage 2, parsed article to rows: spaCy, the actor registry and one module per extractor.

``nlp`` loads spaCy once per process; ``parsed`` pairs an article with its parse and
sentences; ``registry`` reads the actor registry and ``parties`` says which side an
actor belongs to; ``actors``, ``timexes``, ``figures``, ``casualties``, ``descriptors``,
``quotes`` and ``events`` each return the rows of one table (``casualty_model`` is the
small classifier ``casualties`` applies); ``rows.extract_article`` runs them all in order
on one article. ``actors`` leans on ``names`` (clean spans, stable ids), ``states`` (the
country library), ``discovery`` (actors the registry lacks) and ``roles`` (roles read from
the parse); ``merge`` gives each discovered actor one id across a corpus, once, after
extraction; ``suggest`` drafts registry entries from them.
"""
