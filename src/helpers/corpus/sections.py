"""The heading structure of a document: which headings each paragraph of the body sits under.

Readers of formats with headings (Markdown's ``#`` lines, a web page's ``<h2>``) keep
the headings out of the body (they are recorded in ``dropped_lines`` with the reason
``heading``) and hand them on as :class:`Heading` rows with their line numbers. Cleaning
knows the line each paragraph starts on; :func:`paragraph_sections` puts the two together:
a paragraph sits under the last heading above it and under that heading's parents (each
heading closes the headings of its own level and deeper). A plain-text article has no
headings, and every paragraph an empty trail.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The headings a paragraph sits under, outermost first ("Gaza Strip", "Casualties").
Trail = tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """One heading of a source file: its line number (1-based), level (1 = ``#``) and text."""

    line_no: int
    level: int
    text: str


def paragraph_sections(paragraph_lines: list[int], headings: list[Heading]) -> list[Trail]:
    """Return, per paragraph (given by the line it starts on), the trail of headings above it.

    >>> heads = [Heading(1, 2, "Gaza Strip"), Heading(3, 3, "Casualties"), Heading(6, 2, "West Bank")]
    >>> paragraph_sections([2, 4, 7], heads)
    [('Gaza Strip',), ('Gaza Strip', 'Casualties'), ('West Bank',)]
    >>> paragraph_sections([1, 2], [])
    [(), ()]
    """
    ordered = sorted(headings, key=lambda h: h.line_no)
    trails: list[Trail] = []
    open_headings: list[Heading] = []
    position = 0
    for line_no in paragraph_lines:
        while position < len(ordered) and ordered[position].line_no < line_no:
            heading = ordered[position]
            open_headings = [h for h in open_headings if h.level < heading.level] + [heading]
            position += 1
        trails.append(tuple(h.text for h in open_headings if h.text))
    return trails
