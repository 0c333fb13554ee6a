"""Train the shipped casualty model on every hand-labelled casualty sentence, Canadian and US.

    .venv/bin/python -m benchmarks.train_casualty_model

Extracts ``benchmarks/corpora/canadian_press.yaml`` and ``nyt_wp_wsj.yaml`` (the six
sentence files of ../shared, read where they are) with the project's pipeline, builds
each casualty sentence's input (its words and the rules' findings,
:func:`helpers.extract.casualty_model.features`; a US sentence also carries the marker of
its labelling convention, :func:`benchmarks.casualty_data.us_labelled`), fits
:func:`helpers.extract.casualty_model.train` on the hand labels (the US files label the
victims' side only) and writes
``src/helpers/data/casualty_model.npz`` and ``.json`` (provenance, the training files'
hashes, settings, the hash of the ``.npz``). The fit is deterministic: the same labels
and code give the same file. The cross-outlet scores (trained without the tested paper or
outlet) are measured by ``benchmarks/casualty_sentences.py``.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

import pandas as pd
import sklearn

from benchmarks.casualty_data import CANADIAN, US, fit, labelled_casualties, read_canadian, read_rows, us_labelled
from helpers.corpus.config import load_corpus_config
from helpers.extract import casualty_model
from helpers.extract.registry import load_registry
from helpers.pipeline.run import extract_corpus

SOURCE = ("bncuthbert/breach-gaza-coverage (MIT), data/*_sentences.csv, and hollyjackson/casualty_mentions_nyt "
          "(MIT), tagged_data_*.csv, as copied to ../shared/benchmarks/casualty_sentences/")


def training_files() -> list[Path]:
    """Return the sentence files the model is trained on (both described corpora's)."""
    configs = [load_corpus_config(corpus) for corpus in (CANADIAN, US)]
    return [p for config in configs for p in sorted(config.folder.glob("*.csv")) if config.selects(p.name)]


def extracted_tables(corpus: Path) -> dict[str, pd.DataFrame]:
    """Extract a labelled corpus; stop, naming them, when any article failed (a model trained on part would ship).

    An extractor fails on every article, for instance, when the shipped model file cannot be loaded.
    """
    result = extract_corpus(corpus, progress=True)
    if result.steps.get("failed"):
        failed = [str(p) for p in result.problems if p.severity == "error"][:3]
        raise SystemExit(f"{corpus}: {result.steps['failed']} articles failed to extract, so no model was "
                         f"written; first: {'; '.join(failed)}")
    return result.tables


def main() -> int:
    """Extract, fit on all six files, write the model; print what was written."""
    logging.basicConfig(level=logging.WARNING)
    registry = load_registry()
    rows, us = read_canadian(), read_rows(US)
    canadian = labelled_casualties(extracted_tables(CANADIAN), rows, registry)
    frame = pd.concat([canadian, us_labelled(extracted_tables(US), us, registry)], ignore_index=True)
    model = fit(frame)
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in training_files()}
    metadata = {
        "trained_on": SOURCE, "license": "MIT (the labels); the model is derived data of them",
        "files": files, "labelled_rows": len(rows) + len(us), "training_sentences": len(frame),
        "us_convention_marker": casualty_model.PLACE_CONVENTION,
        "labels": {t: sorted(set(frame[c].dropna())) for t, c in (("victims", "victim"),
                                                                  ("responsible", "responsible"))},
        "settings": {"vectorizer": {k: list(v) if isinstance(v, tuple) else v
                                    for k, v in casualty_model.VECTORIZER.items()},
                     "classifier": {"kind": "LinearSVC, one yes/no per party of each target and one for its "
                                            "'Both' label",
                                    "parties": casualty_model.PARTIES, **casualty_model.CLASSIFIER},
                     "place_both_margin": casualty_model.PLACE_BOTH_MARGIN,
                     "margins": {**model.margins, "chosen_from": list(casualty_model.MARGIN_GRID),
                                 "chosen_by": "leaving one Canadian paper out at a time "
                                              "(benchmarks.casualty_data.choose_margins)"}},
        "scikit_learn": sklearn.__version__, "trained_by": "benchmarks/train_casualty_model.py",
    }
    digest = model.save(casualty_model.MODEL_PATH, metadata)
    size = casualty_model.MODEL_PATH.stat().st_size
    print(f"trained on {len(frame):,} casualty sentences of {len(rows) + len(us):,} labelled rows; "
          f"wrote {casualty_model.MODEL_PATH} ({size / 1e3:.0f} kB, sha256 {digest[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
