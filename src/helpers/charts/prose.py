"""Sentences computed from the data, shown in a notebook as Markdown.

Notebooks keep the prose that holds for any corpus in Markdown cells; what depends
on the corpus (how many articles, which outlets, why a section is empty) is computed
by the analyses and shown with :func:`say`, so no sentence written for one corpus
appears in another's report. Text from articles goes through :func:`md` first.
"""

from __future__ import annotations

import html
import re

from IPython.display import Markdown, display

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~<>$])")


def md(text: object) -> str:
    r"""Return ``text`` (from an article, a catalogue or a registry) safe inside Markdown.

    >>> md("<b>*Hamas*</b> [x](javascript:y)")
    '&lt;b&gt;\\*Hamas\\*&lt;/b&gt; \\[x\\](javascript:y)'

    Dollar signs are escaped too, so that "$10 million ... $5" is not typeset as mathematics.
    """
    escaped = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "<>" else m.group(1), str(text))
    return html.escape(escaped, quote=False)


def say(*lines: str) -> None:
    """Display ``lines`` as Markdown, one sentence per line (already escaped with :func:`md`)."""
    display(Markdown("\n".join(line for line in lines if line)))


def say_plain(*sentences: str) -> None:
    """Display computed sentences (plain text, e.g. with names from articles), escaped, one per line."""
    say(*(md(sentence) for sentence in sentences))
