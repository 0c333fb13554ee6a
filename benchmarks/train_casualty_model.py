"""Train the shipped casualty model on every hand-labelled Canadian casualty sentence.

    .venv/bin/python -m benchmarks.train_casualty_model

Extracts ``benchmarks/corpora/canadian_press.yaml`` (the three papers' sentence files of
../shared, read where they are) with the project's pipeline, builds each casualty
sentence's input (its words and the rules' findings, :func:`helpers.extract.casualty_model.features`),
fits :func:`helpers.extract.casualty_model.train` on the hand labels and writes
``src/helpers/data/casualty_model.npz`` and ``.json`` (provenance, the training files'
hashes, settings, the hash of the ``.npz``). The fit is deterministic: the same labels
and code give the same file. The cross-outlet scores (trained on two papers, tested on
the third) are measured by ``benchmarks/casualty_sentences.py``.
"""

from __future__ import annotations

import hashlib
import logging
import sys

import sklearn

from benchmarks.casualty_data import CANADIAN, labelled_casualties, read_rows
from helpers.corpus.config import load_corpus_config
from helpers.extract import casualty_model
from helpers.extract.registry import load_registry
from helpers.pipeline.run import extract_corpus

SOURCE = ("bncuthbert/breach-gaza-coverage (MIT), data/*_sentences.csv, as copied to "
          "../shared/benchmarks/casualty_sentences/canadian_press")


def main() -> int:
    """Extract, fit on all three papers, write the model; print what was written."""
    logging.basicConfig(level=logging.WARNING)
    rows = read_rows(CANADIAN).dropna(subset=["victim", "responsible"])
    rows = rows[(rows["victim"] != "") & (rows["responsible"] != "")]
    tables = extract_corpus(CANADIAN, progress=True).tables
    frame = labelled_casualties(tables, rows, load_registry())
    model = casualty_model.train(frame["document"].tolist(),
                                 {"victims": frame["victim"].tolist(), "responsible": frame["responsible"].tolist()})
    folder = load_corpus_config(CANADIAN).folder
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*_sentences.csv"))}
    metadata = {
        "trained_on": SOURCE, "license": "MIT (the labels); the model is derived data of them",
        "files": files, "labelled_rows": len(rows), "training_sentences": len(frame),
        "labels": {t: sorted(set(frame[c])) for t, c in (("victims", "victim"), ("responsible", "responsible"))},
        "settings": {"vectorizer": {k: list(v) if isinstance(v, tuple) else v
                                    for k, v in casualty_model.VECTORIZER.items()},
                     "classifier": {"kind": "LinearSVC, one yes/no per party of each target",
                                    "parties": casualty_model.PARTIES, **casualty_model.CLASSIFIER}},
        "scikit_learn": sklearn.__version__, "trained_by": "benchmarks/train_casualty_model.py",
    }
    digest = model.save(casualty_model.MODEL_PATH, metadata)
    size = casualty_model.MODEL_PATH.stat().st_size
    print(f"trained on {len(frame):,} casualty sentences of {len(rows):,} labelled rows; "
          f"wrote {casualty_model.MODEL_PATH} ({size / 1e3:.0f} kB, sha256 {digest[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
