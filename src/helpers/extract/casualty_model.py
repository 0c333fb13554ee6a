"""A small classifier of casualty sentences, trained on hand labels, where the rules fall short.

The rules of :mod:`helpers.extract.casualties` read victims and agents from the parse;
they miss what a reader infers ("an air strike on a refugee camp killed 30": the
victims are Palestinian). The shipped model reads the sentence's words together with
the rules' findings (victims' parties, responsible parties, grammar, the parties
mentioned) and gives the victims' side and the responsible party as the hand labellers
of the Canadian casualty sentences did (``../shared/benchmarks/casualty_sentences``,
bncuthbert/breach-gaza-coverage, MIT): Israeli, Palestinian, both or neither; Israel,
Hamas, both or neither. Its labels are mapped to registry parties
(:data:`LABEL_PARTIES`), and it learns them that way: one yes/no classifier per party
of each target ("were Israelis among the victims?", "were Palestinians?"), the label
being the set of parties said yes to ("Both" is two yeses, "Neither" none). A "Both"
sentence thus teaches each side's classifier too, rather than being a rare class of
its own; beside them, one more yes/no classifier per target learns the "Both" label
itself (:data:`BOTH`: "were both sides' dead in this sentence?"), and its yes says both
parties. In the US files' convention every casualty sentence has a side: the side
nearest to yes is taken, and the other side too only when its classifier says yes by
more than :data:`PLACE_BOTH_MARGIN`; a sentence with no evidence of its own takes its
article's side (:func:`sides_by_place`).

It knows one conflict: it is applied only to sentences of articles that mention one of
its parties, and only where the rules found no party it does not know (a death in
Lebanon stays with the rules). Its answers go to their own columns
(``model_victim_sides``, ``model_responsible``) beside the rules' answers.

The model is plain data (``data/casualty_model.npz``: TF-IDF vocabulary and weights,
the linear classifiers' coefficients; ``data/casualty_model.json``: provenance, training
files and their hashes, settings and the hash of the ``.npz``; the cross-outlet scores are
measured by the benchmark, not stored),
rebuilt into scikit-learn objects when loaded, once per process. It is trained by
``benchmarks/train_casualty_model.py``; the same :func:`train` is used by the
cross-outlet evaluation in ``benchmarks/casualty_sentences.py``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from helpers.paths import DATA_DIR

log = logging.getLogger(__name__)

MODEL_PATH = DATA_DIR / "casualty_model.npz"
METADATA_PATH = DATA_DIR / "casualty_model.json"
TARGETS = ("victims", "responsible")
#: The hand labels and the registry parties they stand for.
LABEL_PARTIES: dict[str, dict[str, list[str]]] = {
    "victims": {"Israeli": ["israel"], "Palestinian": ["palestine"], "Both": ["israel", "palestine"],
                "Neither": []},
    "responsible": {"Israel": ["israel"], "Hamas": ["hamas"], "Both": ["israel", "hamas"], "Neither": []},
}
#: The parties of each target, one yes/no classifier each.
PARTIES: dict[str, tuple[str, ...]] = {t: tuple(sorted({p for ps in LABEL_PARTIES[t].values() for p in ps}))
                                       for t in TARGETS}
#: Parties the model knows: the sides of its labels and the Palestinian factions.
DOMAIN = frozenset({"israel", "israelis", "palestine", "palestinians", "hamas", "palestinian_islamic_jihad", "fatah",
                    "palestinian_authority", "plo"})
VECTORIZER = {"ngram_range": (1, 2), "min_df": 1, "sublinear_tf": True, "lowercase": True}
#: Settings of each party's linear support-vector classifier.
CLASSIFIER = {"C": 0.5, "class_weight": "balanced", "random_state": 0, "max_iter": 5000}
#: The key of each target's classifier of the "Both" label (beside its parties', see :func:`_key`).
BOTH = "both"
#: The marker word of the US files' labelling convention: victims by where they died (a
#: foreigner killed in Israel is Israeli; the Canadian labels say "Neither"), and every
#: casualty sentence given a side. Their sentences are trained with it; a model asked for
#: that convention (``CasualtyModel.convention``) adds it to what it reads.
PLACE_CONVENTION = "zconv_place"
#: In that convention, by how much the second side's classifier must say yes for "Both" (the side
#: nearest to yes is always said). Chosen by leaving one US outlet out: the value that labelled
#: the other two outlets best, the same for each outlet left out.
PLACE_BOTH_MARGIN = 0.25
#: In the Canadian labels' convention, by how much a party's classifier must say yes for the party to be
#: said, per target: a model's own margins (``CasualtyModel.margins``) are chosen when it is trained, by
#: leaving one labelled paper out at a time inside its training data (``benchmarks/casualty_data.py``,
#: :func:`choose_margins`), from :data:`MARGIN_GRID`. The balanced classifiers of the victims say yes too
#: readily: "Neither" is two in five of those labels, and a sentence that names a side's people without
#: saying they died is often one. Each target's "Both" classifier has its own margin (key ``<target>_both``),
#: chosen after the parties' one the same way. A model given none says a party at any yes (these defaults).
DEFAULT_MARGINS = {"victims": 0.0, "responsible": 0.0, "victims_both": 0.0, "responsible_both": 0.0}
#: The margins tried, in order (a tie goes to the first).
MARGIN_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def features(text: str, row: dict, sentence_parties: list[str]) -> str:
    """Return the model's input for a sentence: its words and the rules' findings as marker words.

    ``row`` is the sentence's ``casualties`` row as the rules filled it; ``sentence_parties``
    the parties of the registry mentions and demonyms in the sentence.

    >>> features("Hamas killed 1,200 Israelis.", {"victim_sides": ["israel"], "responsible": ["hamas"],
    ...          "grammar": "active", "kind": "killed"}, ["hamas", "israel"])
    'Hamas killed 1,200 Israelis. zv_israel zr_hamas zg_active zk_killed zp_hamas zp_israel'
    """
    markers = [f"zv_{p}" for p in _items(row.get("victim_sides"))]
    markers += [f"zm_{row['side_method']}"] if row.get("side_method") else []
    markers += [f"zr_{p}" for p in _items(row.get("responsible"))]
    markers += [f"za_{p}" for p in _items(row.get("acts_by"))]
    markers += [f"{prefix}_{kind}" for prefix, column in PARTY_COLUMNS.items()
                for kind in _party_kinds(_items(row.get(column)))]
    markers += ["zc_cause"] if row.get("agent_is_cause") else []
    markers += [f"zg_{row['grammar']}", f"zk_{row['kind']}"]
    markers += [f"zgroup_{row['victim_group'].replace(' ', '_')}"] if row.get("victim_group") else []
    markers += [f"zp_{p}" for p in sentence_parties]
    markers += [f"zt_{w}" for w in re.findall(r"[a-z]+", str(row.get("trigger") or "").lower())]
    markers += [f"zvw_{w}" for w in re.findall(r"[a-z]+", str(row.get("victims") or "").lower())]
    markers += [f"zaw_{w}" for w in re.findall(r"[a-z]+", str(row.get("agent") or "").lower())]
    return " ".join([text, *markers])


#: The model's parties on the Palestinian side (its labels' "Palestinian" victims and "Hamas").
PALESTINIAN_SIDE = DOMAIN - {"israel"}
#: The rules' party columns and the prefix of their marker words.
PARTY_COLUMNS = {"zv": "victim_sides", "zr": "responsible", "za": "acts_by"}


def _party_kinds(parties: list[str]) -> list[str]:
    """Return marker words for what a column's parties are together: both sides, or a party outside the model's.

    >>> _party_kinds(["israel", "hamas"]), _party_kinds(["d:canada"]), _party_kinds(["israel"])
    (['bothsides'], ['otherparty'], [])
    """
    found = set(parties)
    kinds = ["bothsides"] if "israel" in found and found & PALESTINIAN_SIDE else []
    return kinds + (["otherparty"] if found - DOMAIN else [])


def _items(value: object) -> list[str]:
    """Return a list column's value as a list (a table gives arrays, an extractor lists; null is empty)."""
    return [] if value is None else [str(v) for v in value]


def label_of(target: str, parties: set[str]) -> str:
    """Return the label of a target that stands for a set of its parties (see :data:`LABEL_PARTIES`).

    >>> label_of("victims", {"israel", "palestine"}), label_of("responsible", set())
    ('Both', 'Neither')
    """
    return next(label for label, found in LABEL_PARTIES[target].items() if set(found) == parties)


def _key(target: str, party: str) -> str:
    """Return the name of one party's classifier of a target ("victims_israel"), or of its "Both" label's."""
    return f"{target}_{party}"


@dataclass
class CasualtyModel:
    """The vectorizer and one yes/no classifier per party of each target (keys: :func:`_key`).

    ``convention`` is a labelling convention's marker word (:data:`PLACE_CONVENTION`) to answer
    in; None answers as the Canadian labellers did. ``margins``: by how much a party's classifier
    must say yes for the party to be said, per target (:data:`DEFAULT_MARGINS`).
    """

    vectorizer: TfidfVectorizer
    classifiers: dict[str, LinearSVC]
    convention: str | None = None
    margins: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MARGINS))

    def predict(self, documents: list[str]) -> dict[str, list[str]]:
        """Return the predicted label of each document, per target: the set of parties said yes to.

        In the place convention every casualty sentence has a victims' side (its labels have no
        "Neither"), see :func:`sides_by_place`; there ``documents`` are the casualty sentences of
        one article (as :func:`helpers.extract.casualties.apply_model` passes them).
        """
        if not documents:
            return {target: [] for target in TARGETS}
        return self.labels(self.scores(documents))

    def scores(self, documents: list[str]) -> dict[str, np.ndarray]:
        """Return each classifier's score of each document (keys: :func:`_key`)."""
        if self.convention:
            documents = [f"{document} {self.convention}" for document in documents]
        matrix = tfidf_matrix(self.vectorizer, documents)
        return {key: decision_scores(clf, matrix) for key, clf in self.classifiers.items()}

    def labels(self, scores: dict[str, np.ndarray], margins: dict[str, float] | None = None) -> dict[str, list[str]]:
        """Return the label of each document of :meth:`scores`, per target (``margins``: else the model's).

        ``margins`` may give some keys only (the model's stand for the others).
        """
        labels = {}
        for target in TARGETS:
            said = self._said(target, scores, {**self.margins, **(margins or {})})
            labels[target] = [label_of(target, {p for p, yes in zip(PARTIES[target], row, strict=True) if yes})
                              for row in said]
        return labels

    def _said(self, target: str, scores: dict[str, np.ndarray], margins: dict[str, float] | None = None) -> np.ndarray:
        """Return, per document and party of a target, whether the party is said (see :meth:`predict`).

        A party is said when its classifier says yes by more than the target's margin (``margins``,
        else the model's), or both when the "Both" classifier says yes by more than its own margin
        (key ``<target>_both``; none given: any yes);
        in the place convention the victims' side nearest to yes always, the other one when its
        classifier says yes by more than :data:`PLACE_BOTH_MARGIN`.
        """
        columns = np.column_stack([scores[_key(target, p)] for p in PARTIES[target]])
        if self.convention == PLACE_CONVENTION and target == "victims":
            return sides_by_place(columns)
        margins = margins or self.margins
        said = columns > margins[target]
        if _key(target, BOTH) in scores:
            said |= (scores[_key(target, BOTH)] > margins.get(_key(target, BOTH), 0.0))[:, None]
        return said

    def arrays(self) -> dict[str, np.ndarray]:
        """Return the model as plain arrays (what :meth:`save` writes)."""
        vocabulary = sorted(self.vectorizer.vocabulary_, key=self.vectorizer.vocabulary_.get)
        arrays = {"vocabulary": np.array(vocabulary), "idf": self.vectorizer.idf_.astype(np.float32)}
        for key, clf in self.classifiers.items():
            arrays[f"{key}_coef"] = clf.coef_.astype(np.float32)
            arrays[f"{key}_intercept"] = clf.intercept_.astype(np.float32)
        arrays |= {f"margin_{key}": np.array(value) for key, value in self.margins.items()}
        return arrays

    def save(self, path: Path, metadata: dict) -> str:
        """Write the model's arrays to ``path`` and ``metadata`` (with the arrays' hash) beside it."""
        with path.open("wb") as handle:
            np.savez_compressed(handle, **self.arrays())
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        metadata = {**metadata, "sha256": digest}
        path.with_suffix(".json").write_text(json.dumps(metadata, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return digest


def sides_by_place(columns: np.ndarray) -> np.ndarray:
    """Return the victims' sides said of the casualty sentences of one article in the place convention.

    ``columns``: each sentence's scores of each side's classifier. Every sentence has a side: the
    one nearest to yes, and the other too when its classifier says yes by more than
    :data:`PLACE_BOTH_MARGIN`. A sentence where no side's classifier says yes has no evidence of
    its own ("He died on the spot."); the labellers read it in its article, so it takes the side
    said most often of the article's sentences that have some (kept as it is on a tie or when
    none has).

    >>> sides_by_place(np.array([[0.8, -0.9], [0.1, 0.7], [-0.6, -0.3], [0.5, -0.2]])).tolist()
    [[True, False], [False, True], [True, False], [True, False]]
    """
    said = columns > PLACE_BOTH_MARGIN
    said[np.arange(len(columns)), columns.argmax(axis=1)] = True
    weak = columns.max(axis=1) <= 0
    votes = said[~weak].sum(axis=0)
    if weak.any() and votes.max() > votes.min():
        said[weak] = votes == votes.max()
    return said


def tfidf_matrix(vectorizer: TfidfVectorizer, documents: list[str]):
    """Return ``vectorizer.transform(documents)`` for the fitted vectorizer (same numbers, bit for bit).

    The word counts come from scikit-learn; the weighting is its own steps (log of the counts
    plus one, times the idf, each row to unit length) without its checks of the counts' matrix,
    which cost more than the steps on the few sentences of an article.
    """
    if vectorizer.norm != "l2" or not vectorizer.use_idf:
        return vectorizer.transform(documents)
    matrix = CountVectorizer.transform(vectorizer, documents).astype(np.float64)
    if vectorizer.sublinear_tf:
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
    matrix.data *= vectorizer.idf_[matrix.indices]
    inplace_csr_row_normalize_l2(matrix)
    return matrix


def decision_scores(classifier: LinearSVC, matrix) -> np.ndarray:
    """Return ``classifier.decision_function(matrix)`` for the vectorizer's own sparse matrix.

    The same sum (the matrix times the weights, plus the intercept) without scikit-learn's
    checks of its input, which cost more than the product on the few sentences of an article.
    """
    return np.asarray(matrix @ classifier.coef_.T + classifier.intercept_).reshape(-1)


def train(documents: list[str], labels: dict[str, list[str | None]]) -> CasualtyModel:
    """Fit the vectorizer and, per party of each target, a balanced yes/no classifier (deterministic).

    A document's answer for a party is yes when its label stands for that party ("Both" for each);
    its answer for :data:`BOTH` is yes when its label stands for every party of the target (no
    such classifier when no document has that label). A document without a label for a target
    (None: the US files label no responsible party) trains the vectorizer and the other target's
    classifiers only.
    """
    vectorizer = TfidfVectorizer(**VECTORIZER)
    matrix = vectorizer.fit_transform(documents)
    classifiers = {}
    for target in TARGETS:
        known = [label for label in labels[target] if label is not None]
        labelled = np.array([label is not None for label in labels[target]])
        answers = {party: [party in LABEL_PARTIES[target][label] for label in known] for party in PARTIES[target]}
        both = [set(LABEL_PARTIES[target][label]) == set(PARTIES[target]) for label in known]
        if any(both):
            answers[BOTH] = both
        for name, said in answers.items():
            classifiers[_key(target, name)] = LinearSVC(**CLASSIFIER).fit(matrix[labelled], np.array(said))
    return CasualtyModel(vectorizer, classifiers)


def from_arrays(arrays: dict[str, np.ndarray]) -> CasualtyModel:
    """Rebuild a :class:`CasualtyModel` from the arrays written by :meth:`CasualtyModel.save`."""
    vocabulary = {term: i for i, term in enumerate(arrays["vocabulary"].tolist())}
    vectorizer = TfidfVectorizer(**{**VECTORIZER, "min_df": 1}, vocabulary=vocabulary)
    vectorizer.idf_ = arrays["idf"].astype(np.float64)
    classifiers = {}
    optional = [_key(target, BOTH) for target in TARGETS if f"{_key(target, BOTH)}_coef" in arrays]
    for key in [_key(target, party) for target in TARGETS for party in PARTIES[target]] + optional:
        clf = LinearSVC(**CLASSIFIER)
        clf.classes_ = np.array([False, True])
        clf.coef_ = arrays[f"{key}_coef"].astype(np.float64)
        clf.intercept_ = arrays[f"{key}_intercept"].astype(np.float64)
        clf.n_features_in_ = clf.coef_.shape[1]
        classifiers[key] = clf
    margins = {name.removeprefix("margin_"): float(arrays[name]) for name in arrays if name.startswith("margin_")}
    return CasualtyModel(vectorizer, classifiers, margins=margins)


class ModelFileError(RuntimeError):
    """The shipped model file is missing or does not match its recorded hash."""


@functools.lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> CasualtyModel | None:
    """Load the shipped model once per process; None (logged) when the package ships none."""
    if not path.exists():
        log.warning("%s: no casualty model shipped; victims' sides and responsibility come from the rules "
                    "alone. Train it with benchmarks/train_casualty_model.py", path)
        return None
    recorded = json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("sha256")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if recorded != actual:
        raise ModelFileError(f"{path}: hash {actual[:12]} differs from the one recorded in "
                             f"{path.with_suffix('.json').name} ({str(recorded)[:12]}); retrain it with "
                             "benchmarks/train_casualty_model.py")
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    try:
        return from_arrays(arrays)
    except KeyError as exc:
        raise ModelFileError(f"{path}: has no array {exc} (written by an older layout of the model); retrain it "
                             "with benchmarks/train_casualty_model.py") from exc


def in_domain(row: dict, article_parties: set[str], convention: str | None = None, target: str = "victims") -> bool:
    """Say whether the model may label a sentence's ``target`` (victims' side or responsible party).

    Its article (``article_parties``) must name one of the model's parties, and the rules
    must have found no party the model does not know for that target: among the victims' sides
    for the victims ("six Canadians were killed" keeps the rules' parties), among the responsible
    parties for the responsible ("Hezbollah fired ..., killing one person": who was killed is
    still asked). In the place convention (:data:`PLACE_CONVENTION`) victims are counted by where
    they died, so their own nationality (``side_method`` "victims": "30 Americans were killed") is
    no such party; where they died still is ("killed in Lebanon").
    """
    if target == "responsible":
        found = set(_items(row.get("victim_sides"))) | set(_items(row.get("responsible")))
    elif convention == PLACE_CONVENTION and row.get("side_method") != "place":
        found = set()
    else:
        found = set(_items(row.get("victim_sides")))
    return bool(article_parties & DOMAIN) and found <= DOMAIN


def parties_of(target: str, label: str) -> list[str]:
    """Return the registry parties a model label stands for."""
    return list(LABEL_PARTIES[target][label])
