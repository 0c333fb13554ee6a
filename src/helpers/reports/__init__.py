"""Stage 6, notebooks to HTML reports: jobs, papermill, nbconvert templates, provenance.

Rendering reads the tables the notebooks load; it never imports spaCy or the
extraction stages (the command line prepares the tables first).
"""
