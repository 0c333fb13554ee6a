"""Strip scraped boilerplate from an article and keep a record of every removed line.

Scraped news text carries more than the article: an inline ``date 2019-11-19``
header, a section label and a headline, share buttons, photo captions and
credits, bylines, donation appeals and comment prompts. The rules below are
general (they look at the shape of a line and its neighbours, not at one
outlet's wording) and each removal is recorded with its reason, so that an
analyst can audit the cleaning and nothing of the source is silently lost.

Every line of the source ends up either in the body or in ``dropped``: the
tests check this for every seed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from helpers.corpus.sections import Trail

DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
SHARE_WORDS = re.compile(
    r"^(?:[•·*\-–]\s*)?(?:print friendly|pdf\s*&\s*email|send to kindle|share(?: on| this| via)?\b|"
    r"tweet\b|email\b|whatsapp\b|facebook\b|twitter\b|linkedin\b|telegram\b|reddit\b|copy link\b|"
    r"print\b)",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[•·*]\s+")
BYLINE = re.compile(r"^(?:by|written by|reporting by)\s*[:\-]?\s+(?P<author>[^,|]+)", re.IGNORECASE)
# A line ending in a parenthesis that names a photo credit. The parenthesis is found
# first and searched for the credit words after, which keeps the cost linear in the line
# (one pattern for both backtracks quadratically on a long line of slashes).
TAIL_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")
CREDIT_WORDS = re.compile(
    r"/|photo|getty|reuters|afp|\bap\b|credit|courtesy|file|flash90|wikimedia", re.IGNORECASE
)
BRACKET_PHOTO = re.compile(
    r"^\s*[\[(]\s*(?:photo|image|picture|video|credit|photograph)s?\s*(?:credit)?\s*:.*[\])]\s*$",
    re.IGNORECASE,
)
APPEAL = re.compile(
    r"\b(?:make a donation|donate (?:now|today|to|here)|support our (?:work|journalism)|"
    r"subscribe (?:now|today)|become a (?:member|subscriber|patron)|help us fight back|"
    r"sign up for our newsletter)\b",
    re.IGNORECASE,
)
COMMENT_PROMPT = re.compile(
    r"(?:\b(?:please|let us know|leave|post|join|log ?in|sign ?in|read our)\b.*\bcomment|"
    r"\bcomments? (?:are|is) (?:closed|moderated)|\bleave a reply\b)",
    re.IGNORECASE,
)
TERMINAL = re.compile(r"[.!?…:;\"”’')\]]\s*$")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class DroppedLine:
    """One line (or the leading part of one line) removed from the source."""

    line_no: int
    text: str
    reason: str


@dataclass
class CleanArticle:
    """The cleaned body of an article with its paragraphs and what was removed.

    ``paragraph_lines`` holds the source line (1-based) each paragraph starts on;
    ``sections`` the headings each paragraph sits under (see :mod:`helpers.corpus.sections`),
    empty for a text without headings.
    """

    body: str
    paragraphs: list[tuple[int, int]]
    dropped: list[DroppedLine] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    header_date: str | None = None
    paragraph_lines: list[int] = field(default_factory=list)
    sections: list[Trail] = field(default_factory=list)

    def section_of(self, paragraph_id: int) -> Trail:
        """Return the headings paragraph ``paragraph_id`` sits under, outermost first (empty when none)."""
        return self.sections[paragraph_id] if 0 <= paragraph_id < len(self.sections) else ()


def normalise_line(line: str) -> str:
    r"""Return a line with non-breaking and repeated spaces folded and ends stripped.

    >>> normalise_line("  Iran\u00a0 continues  to ")
    'Iran continues to'
    """
    return re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", line).strip()


def _has_credit_tail(line: str) -> bool:
    """Return True for a line ending in a credit in parentheses (``(Photo: AFP/Getty)``).

    >>> _has_credit_tail("Rubble in Gaza City (Reuters/Mohammed Salem)")
    True
    """
    tail = TAIL_PARENTHESIS.search(line)
    return bool(tail and CREDIT_WORDS.search(tail.group(1)))


def _at_most_words(line: str, limit: int) -> bool:
    """Return True when ``line`` has at most ``limit`` words; counting stops after that many.

    >>> _at_most_words("Share on Facebook", 3), _at_most_words("Share on Facebook now", 3)
    (True, False)
    """
    return next(itertools.islice(WORD.finditer(line), limit, None), None) is None


def _looks_like_headline(line: str) -> bool:
    """Return True for a short line with no sentence-final full stop, mostly capitalised."""
    words = line.split()
    if not 2 <= len(words) <= 20 or line.rstrip().endswith((".", ",")):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised / len(words) >= 0.6


def _is_short_label(line: str) -> bool:
    """Return True for a line of one to four words with no punctuation at its end."""
    return WORD.search(line) is not None and _at_most_words(line, 4) and not TERMINAL.search(line)


def _blocks(lines: list[str]) -> list[list[int]]:
    """Group the indexes of non-blank lines into blocks separated by blank lines."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line:
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _classify_head(lines: list[str], reasons: dict[int, str], known_title: str | None = None) -> str | None:
    """Mark a section label and a headline at the top of the article; return the headline.

    A line is no headline when the next line carries on its sentence (hard-wrapped text), nor,
    when the file or the catalogue gives the article's title, when it is not that title.
    """
    nonblank = [i for i, line in enumerate(lines) if line and i not in reasons]
    title = None
    for position, i in enumerate(nonblank[:4]):
        line = lines[i]
        if SHARE_WORDS.match(line) or BULLET.match(line):
            continue
        if position == 0 and _at_most_words(line, 2) and not TERMINAL.search(line):
            reasons[i] = "section-label"
            continue
        if (title is None and _looks_like_headline(line) and _next_is_body(lines, i, reasons)
                and not _wrapped_on(lines, i) and _may_be_title(line, known_title)):
            reasons[i] = "title"
            title = line
        break
    return title


def _wrapped_on(lines: list[str], i: int) -> bool:
    """Return True when the line after ``i``, with no blank line between, starts in lower case: one sentence wraps.

    >>> _wrapped_on(["The U.S. Agriculture Department said", "cumulative sugar imports ..."], 0)
    True
    """
    return i + 1 < len(lines) and lines[i + 1][:1].islower()


#: Share of a line's words that must be words of the article's known title for the line to be that title.
TITLE_WORD_SHARE = 0.6


def _may_be_title(line: str, known_title: str | None) -> bool:
    """Return True when no title is known, or when most words of ``line`` are words of it.

    >>> _may_be_title("The collapse of International Coffee", "COFFEE TALKS COLLAPSE EASES NEED FOR U.S. BILL")
    False
    >>> _may_be_title("Iran Vows to Support Hamas ‘Resistance’", "Iran vows to support Hamas 'resistance' | News")
    True
    """
    if not known_title:
        return True
    words = WORD.findall(line.casefold())
    known = set(WORD.findall(known_title.casefold()))
    return bool(words) and sum(w in known for w in words) >= TITLE_WORD_SHARE * len(words)


def _next_is_body(lines: list[str], i: int, reasons: dict[int, str]) -> bool:
    """Return True when the next kept line after ``i`` is sentence-like (so ``i`` heads it)."""
    for j in range(i + 1, len(lines)):
        if lines[j] and j not in reasons:
            return not _at_most_words(lines[j], 7)
    return False


def _classify_captions(lines: list[str], reasons: dict[int, str]) -> None:
    """Mark photo captions, credits and the short tag lines glued to them."""
    for block in _blocks(lines):
        caption_in_block = False
        for i in block:
            line = lines[i]
            if _has_credit_tail(line) or BRACKET_PHOTO.match(line):
                reasons.setdefault(i, "caption")
                caption_in_block = True
        if caption_in_block:
            for i in block:
                if _is_short_label(lines[i]):
                    reasons.setdefault(i, "caption")


def _classify_tail(lines: list[str], reasons: dict[int, str]) -> None:
    """Mark bylines, and appeals or comment prompts that close the article, with all after them."""
    nonblank = [i for i, line in enumerate(lines) if line]
    tail = nonblank[-8:]
    for i in tail:
        line = lines[i]
        if BYLINE.match(line) and _at_most_words(line, 12):
            reasons.setdefault(i, "byline")
    appeal_start = next((i for i in tail if APPEAL.search(lines[i]) and i not in reasons), None)
    if appeal_start is not None:
        for i in nonblank:
            if i >= appeal_start:
                reasons.setdefault(i, "appeal")
    last = nonblank[-1] if nonblank else None
    if last is not None and _at_most_words(lines[last], 20) and COMMENT_PROMPT.search(lines[last]):
        reasons.setdefault(last, "comment-prompt")


def _classify_share_buttons(lines: list[str], reasons: dict[int, str]) -> None:
    """Mark share-button lines: short lines naming a share service, often bulleted."""
    for i, line in enumerate(lines):
        if line and _at_most_words(line, 6) and SHARE_WORDS.match(line):
            reasons.setdefault(i, "share-buttons")


def _paragraphs(lines: list[str], reasons: dict[int, str]) -> list[tuple[int, str]]:
    """Join kept lines into paragraphs: ``(line number of the first line, text)`` each.

    A blank line or a removed line ends a paragraph, and so does a kept line that ends
    with sentence punctuation; other kept lines are hard-wrapped text and join the next.
    """
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for i, line in enumerate(lines):
        if not line or i in reasons:
            if current:
                paragraphs.append((first, " ".join(current)))
                current = []
            continue
        if not current:
            first = i + 1
        current.append(line)
        if TERMINAL.search(line):
            paragraphs.append((first, " ".join(current)))
            current = []
    if current:
        paragraphs.append((first, " ".join(current)))
    return paragraphs


def clean_text(text: str, exclusions: list[tuple[str, str]] | None = None,
               known_title: str | None = None) -> CleanArticle:
    r"""Clean one article's raw text.

    ``exclusions`` are ``(line_prefix, reason)`` pairs from the catalogue for lines no
    rule can recognise (a caption written as a full sentence, say); a line that starts
    with such a prefix is removed with ``catalogue-exclusion: <reason>``. ``known_title`` is the
    title the file or the catalogue gives: a first line that is not it stays article text.

    >>> a = clean_text("date 2020-01-02 Iran said so.\n\nBy: Jo Doe, Agency\n")
    >>> a.body, a.header_date, a.author, [d.reason for d in a.dropped]
    ('Iran said so.', '2020-01-02', 'Jo Doe', ['date-header', 'byline'])
    """
    lines = [normalise_line(line) for line in split_lines(text)]
    dropped: list[DroppedLine] = []
    header_date = None
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and (match := DATE_HEADER.match(lines[first])):
        header_date = match.group(1)
        dropped.append(DroppedLine(first + 1, lines[first][: match.end()].strip(), "date-header"))
        lines[first] = lines[first][match.end() :].strip()

    reasons: dict[int, str] = {}
    for i, line in enumerate(lines):
        for prefix, why in exclusions or []:
            if line and line.startswith(normalise_line(prefix)):
                reasons[i] = f"catalogue-exclusion: {why}" if why else "catalogue-exclusion"
    _classify_share_buttons(lines, reasons)
    _classify_captions(lines, reasons)
    title = _classify_head(lines, reasons, known_title)
    _classify_tail(lines, reasons)

    author = None
    for i, reason in sorted(reasons.items()):
        dropped.append(DroppedLine(i + 1, lines[i], reason))
        if reason == "byline" and author is None and (m := BYLINE.match(lines[i])):
            author = m.group("author").strip()
    dropped.sort(key=lambda d: d.line_no)

    paragraphs = _paragraphs(lines, reasons)
    body = "\n\n".join(text for _, text in paragraphs)
    spans, offset = [], 0
    for _, paragraph in paragraphs:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return CleanArticle(body, spans, dropped, title, author, header_date,
                        paragraph_lines=[line_no for line_no, _ in paragraphs])


def split_lines(text: str) -> list[str]:
    r"""Split raw text into lines as cleaning numbers them (any newline convention).

    >>> split_lines("a\r\nb\rc\n")
    ['a', 'b', 'c', '']
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def lost_lines(text: str, clean: CleanArticle) -> list[tuple[int, str]]:
    r"""Return the source lines that are neither in the cleaned body nor in ``dropped``.

    A dropped fragment covers the start of its line (an inline date header); the rest
    of that line must then be in the body. A dropped record that does not match the
    start of its line counts as a loss too. An empty list means nothing was lost.

    >>> text = "date 2020-01-02 Iran said so.\n\nBy: Jo Doe"
    >>> lost_lines(text, clean_text(text))
    []
    """
    dropped: dict[int, list[str]] = {}
    for d in clean.dropped:
        dropped.setdefault(d.line_no, []).append(d.text)
    lost = []
    for line_no, raw in enumerate(split_lines(text), start=1):
        line = normalise_line(raw)
        for fragment in dropped.get(line_no, []):
            if not line.startswith(fragment):  # the record does not match its line
                break
            line = line[len(fragment):].strip()
        else:
            if not line or line in clean.body:
                continue
        lost.append((line_no, line))
    return lost
