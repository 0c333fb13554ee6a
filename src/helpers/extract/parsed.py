"""A cleaned article together with its spaCy parse and its sentences.

This is what every extractor receives: one :class:`ParsedArticle` per article.
Sentences never cross a paragraph boundary and carry character offsets into the
article's cleaned ``body``; so does every row an extractor returns.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from helpers.corpus import Article
from helpers.extract.nlp import doc_text, remember_text


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's body."""

    sentence_id: int
    paragraph_id: int
    start_char: int
    end_char: int
    text: str


@dataclass
class ParsedArticle:
    """An article, its spaCy ``Doc`` over the body, and its sentences."""

    article: Article
    doc: Doc
    sentences: list[Sentence]

    @property
    def article_id(self) -> str:
        """Return the article's id."""
        return self.article.article_id

    @functools.cached_property
    def _starts(self) -> list[int]:
        """Return the sentences' start offsets, in order (read by :meth:`sentence_at`)."""
        return [s.start_char for s in self.sentences]

    def sentence_at(self, char: int) -> Sentence:
        """Return the sentence that contains body offset ``char`` (or the one after it)."""
        index = max(0, bisect.bisect_right(self._starts, char) - 1)
        return self.sentences[index]

    @functools.cached_property
    def _spans(self) -> dict[tuple[int, int], Span]:
        """Return the spans of the sentences asked for so far (filled by :meth:`span`)."""
        return {}

    def span(self, sentence: Sentence) -> Span:
        """Return the spaCy span of a sentence (made once; every extractor asks for them)."""
        key = (sentence.start_char, sentence.end_char)
        span = self._spans.get(key)
        if span is None:
            span = self._spans[key] = self.doc.char_span(*key, alignment_mode="expand")
        return span


def split_sentences(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    """Cut the parser's sentences at paragraph boundaries and trim surrounding spaces."""
    sentences: list[Sentence] = []
    body = doc_text(doc)
    for paragraph_id, (p_start, p_end) in enumerate(paragraphs):
        for sent in doc.char_span(p_start, p_end, alignment_mode="expand").sents:
            start, end = max(sent.start_char, p_start), min(sent.end_char, p_end)
            text = body[start:end]
            stripped = text.strip()
            if not stripped:
                continue
            start += len(text) - len(text.lstrip())
            end = start + len(stripped)
            sentences.append(Sentence(len(sentences), paragraph_id, start, end, stripped))
    return sentences


def parse_article(article: Article, doc: Doc) -> ParsedArticle:
    """Wrap an article and the ``Doc`` of its body (``nlp(article.body)``)."""
    remember_text(doc, article.body)
    return ParsedArticle(article, doc, split_sentences(doc, article.clean.paragraphs))


def tokens_with_word(doc: Doc, name: str, wanted: Callable[[str], bool]) -> list[int]:
    """Return the indices of the tokens whose lemma or lowercase form is ``wanted``, in order.

    Read from the token attribute arrays, each distinct string asked once (per process, see
    :func:`_chosen`), so that an extractor looking for a few kinds of word (speech verbs, casualty
    words) makes no ``Token`` of the others. ``wanted`` must be a necessary condition of what the
    caller looks for; the answer is kept per ``Doc`` under ``name`` (in ``doc.user_data``, which
    the parse cache does not store).
    """
    key = ("helpers", "words", name)
    found = doc.user_data.get(key)
    if found is None:
        lemmas, lowers, distinct = _lemmas_and_lowers(doc)
        chosen = _chosen(wanted, doc.vocab.strings, distinct)
        found = doc.user_data[key] = [i for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
                                      if lemma in chosen or lower in chosen] if chosen else []
    return found


def _lemmas_and_lowers(doc: Doc) -> tuple[list[int], list[int], set[int]]:
    """Return the tokens' lemma hashes, their lowercase forms' and the set of both (read once per ``Doc``)."""
    key = ("helpers", "lemmas_and_lowers")
    found = doc.user_data.get(key)
    if found is None:
        lemmas, lowers = (doc.to_array(attr).tolist() if len(doc) else [] for attr in ("LEMMA", "LOWER"))
        found = doc.user_data[key] = (lemmas, lowers, set(lemmas).union(lowers))
    return found


#: Per word test of :func:`tokens_with_word`: the string hashes it said yes to and no to so far.
_SEEN: dict[Callable[[str], bool], tuple[set[int], set[int]]] = {}
#: The most hashes remembered per test; beyond it they are forgotten (a bounded memo).
_SEEN_LIMIT = 1 << 17


def _chosen(wanted: Callable[[str], bool], strings: StringStore, words: set[int]) -> set[int]:
    """Return the string hashes of ``words`` that are ``wanted``, each string asked once per process."""
    yes, no = _SEEN.setdefault(wanted, (set(), set()))
    if len(yes) + len(no) > _SEEN_LIMIT:
        yes.clear()
        no.clear()
    for word in words - yes - no:
        (yes if wanted(strings[word]) else no).add(word)
    return words & yes


def span_tokens_with_word(span: Span, name: str, wanted: Callable[[str], bool]) -> list[Token]:
    """Return the tokens of ``span`` that :func:`tokens_with_word` finds, in order."""
    indices = tokens_with_word(span.doc, name, wanted)
    low, high = bisect.bisect_left(indices, span.start), bisect.bisect_left(indices, span.end)
    return [span.doc[i] for i in indices[low:high]]
