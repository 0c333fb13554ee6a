"""The model's two rule components, run faster with the same result: the attribute ruler and the lemmatizer.

spaCy's English pipeline ends its tagging with two rule components written in Python.
On news text they took about a fifth of the whole pipeline's time (measured on 949
news-feed entries: attribute ruler 1.7 s, lemmatizer 2.0 s, of about 17 s), which the
extractors then have to beat in the throughput benchmark. Both are kept, with their
data and their code; only how often their Python runs changes:

- :class:`QuickAttributeRuler` applies the ruler's tag map (the patterns that test only
  the fine-grained tag and set the part of speech and morphology) as one table lookup
  per token, finds the patterns that test a word and a tag for equality in a dictionary,
  and leaves every other pattern to spaCy's ``Matcher``. The matches are sorted and set
  by the ruler's own ``set_annotations``, so later patterns still win.
- :class:`CachedLemmatizer` remembers each lemma by the token's text, part of speech and
  morphology (all that spaCy's rule lemmatizer reads) and asks spaCy's lemmatizer only
  for a combination it has not seen. spaCy's own cache skips most words (base forms and
  parts of speech without rules are recomputed every time).

Both produce the same annotations as the components they wrap (``tests/test_quick_rules.py``
compares every token attribute on real articles). They are installed by
:func:`helpers.extract.nlp.load_model` under the original names, and only where the
model's ruler has the shape they were checked on; otherwise the original stays.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

#: Token attributes a one-token pattern may test to be checked here: by equality, ``IN`` or ``NOT_IN``.
TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
#: The attributes a one-token pattern is filed under, most selective first (see ``_index_singles``).
INDEX_ORDER = (LOWER, DEP, TAG, IS_SPACE)
#: What the tag map may set (nothing the ruler's other patterns may test).
TAG_MAP_SETS = frozenset({POS, MORPH})

Match = tuple[int, int, int, int]
#: One test of a one-token pattern: the attribute's column, whether the value must be in the set, the set.
Test = tuple[int, bool, frozenset[int]]


def _test(name: str, spec: object, strings: StringStore) -> Test | None:
    """Return one attribute test of a pattern token as (column, wanted, values), or None if not plain."""
    if name not in TESTED:
        return None
    if isinstance(spec, bool):
        return TESTED[name], True, frozenset({int(spec)})
    if isinstance(spec, str):
        return TESTED[name], True, frozenset({strings.add(spec)})
    if isinstance(spec, dict) and len(spec) == 1 and next(iter(spec)) in ("IN", "NOT_IN"):
        op, values = next(iter(spec.items()))
        if all(isinstance(v, str) for v in values):
            return TESTED[name], op == "IN", frozenset(strings.add(v) for v in values)
    return None


def _tests(alternative: list[dict], strings: StringStore) -> list[Test] | None:
    """Return the tests of a one-token pattern, or None when it is longer or tests something else."""
    if len(alternative) != 1:
        return None
    tests = [_test(name, spec, strings) for name, spec in alternative[0].items()]
    return None if None in tests else tests


def _is_tag_map(alternatives: list[list[dict]], attrs: dict, index: int) -> bool:
    """Say whether a ruler entry is part of a tag map: a tag alone in, part of speech or morphology out."""
    return (index == 0 and set(attrs) <= TAG_MAP_SETS
            and all(len(a) == 1 and list(a[0]) == ["TAG"] and isinstance(a[0]["TAG"], str) for a in alternatives))


class QuickAttributeRuler:
    """Apply an ``AttributeRuler``'s patterns as it does, testing one-token patterns once per kind of token."""

    def __init__(self, ruler: AttributeRuler) -> None:
        """Sort the ruler's entries into the tag map, one-token tests and ``Matcher`` patterns."""
        self.ruler = ruler
        self.tag_map: dict[int, dict[int, int]] = {}
        self.singles: list[tuple[int, list[Test]]] = []
        self.matcher = Matcher(ruler.vocab, validate=False)
        self.seen: dict[tuple[int, ...], list[int]] = {}
        self.by_value: dict[tuple[int, int], list[int]] = {}
        self.unindexed: list[int] = []
        for attr_id, entry in enumerate(ruler.patterns):
            if not self.singles and not len(self.matcher) and _is_tag_map(
                    entry["patterns"], ruler.attrs[attr_id], entry["index"]):
                for alternative in entry["patterns"]:
                    tag = ruler.vocab.strings.add(alternative[0]["TAG"])
                    self.tag_map.setdefault(tag, {}).update(ruler.attrs[attr_id])
                continue
            self._add(attr_id, entry["patterns"])
        self.tag_map_columns = sorted({attr for attrs in self.tag_map.values() for attr in attrs})
        self._index_singles()

    def _add(self, attr_id: int, alternatives: list[list[dict]]) -> None:
        """File one entry's patterns: one-token ones as tests, the others in the ``Matcher``."""
        longer = []
        for alternative in alternatives:
            tests = _tests(alternative, self.ruler.vocab.strings)
            if tests is None:
                longer.append(alternative)
            else:
                self.singles.append((attr_id, tests))
        if longer:
            self.matcher.add(str(attr_id), longer)

    def _index_singles(self) -> None:
        """File each one-token pattern under one value it requires, the most selective attribute first.

        A token new to :meth:`_single_matches` is then tested only against the patterns filed under
        one of its values (a few), not all of them (over a hundred in the English model).
        """
        for position, (_, tests) in enumerate(self.singles):
            required = [(INDEX_ORDER.index(c), c, values) for c, wanted, values in tests if wanted]
            if not required:
                self.unindexed.append(position)
                continue
            _, column, values = min(required, key=lambda test: (test[0], len(test[2])))
            for value in values:
                self.by_value.setdefault((column, value), []).append(position)

    def reads_what_tag_map_sets(self) -> bool:
        """Say whether any pattern tests what the tag map sets (then setting it first could change matches)."""
        names = {key for entry in self.ruler.patterns for a in entry["patterns"] for token in a for key in token}
        return bool(names & {"POS", "MORPH"})

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes the ruler sets on ``doc``."""
        if not len(doc):
            return doc
        self._apply_tag_map(doc)
        self.ruler.set_annotations(doc, self._matches(doc))
        return doc

    def _apply_tag_map(self, doc: Doc) -> None:
        """Set the part of speech and morphology the tag map gives each token's tag."""
        columns = self.tag_map_columns
        rows = doc.to_array([TAG, *columns]).tolist()
        values = [_updated(row[1:], columns, self.tag_map.get(row[0])) for row in rows]
        doc.from_array(columns, numpy.array(values, dtype=numpy.uint64))

    def _matches(self, doc: Doc) -> list[Match]:
        """Return the ruler's matches on ``doc`` (but the tag map's), sorted as the ruler sorts them."""
        strings = self.ruler.vocab.strings
        matches = [(int(strings[key]), key, start, end) for key, start, end in self.matcher(doc, allow_missing=True)]
        for i, token in enumerate(doc.to_array(list(TESTED.values())).tolist()):
            for attr_id in self._single_matches(tuple(token)):
                matches.append((attr_id, strings[str(attr_id)], i, i + 1))
        matches.sort()
        return matches

    def _single_matches(self, token: tuple[int, ...]) -> list[int]:
        """Return the entries whose one-token patterns match a token with these attribute values."""
        found = self.seen.get(token)
        if found is None:
            columns = dict(zip(TESTED.values(), token, strict=True))
            candidates = set(self.unindexed)
            for column, value in columns.items():
                candidates.update(self.by_value.get((column, value), ()))
            found = self.seen[token] = [self.singles[k][0] for k in sorted(candidates)
                                        if all((columns[c] in values) == wanted
                                               for c, wanted, values in self.singles[k][1])]
        return found


def _updated(values: list[int], columns: list[int], changes: dict[int, int] | None) -> list[int]:
    """Return ``values`` (one per attribute of ``columns``) with ``changes`` (attribute to value) made."""
    if not changes:
        return values
    return [changes.get(column, value) for column, value in zip(columns, values, strict=True)]


class CachedLemmatizer:
    """Run a rule ``Lemmatizer`` once per distinct text, part of speech and morphology."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        """Wrap ``lemmatizer`` (in rule mode, not overwriting lemmas already set); see :func:`index_as_sets`."""
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        index_as_sets(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of each token of ``doc`` that has none yet, as the wrapped lemmatizer would."""
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma:
                continue
            value = self.cache.get((orth, pos, morph))
            if value is None:
                value = self.cache[orth, pos, morph] = strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def rule_lemmatize(self, token: Token) -> list[str]:
        """Return the wrapped lemmatizer's lemmas of one token (for callers that lemmatize a word alone)."""
        return self.lemmatizer.rule_lemmatize(token)


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Hold the lemmatizer's word index as sets, which its rules only test for membership.

    spaCy's rule lemmatizer checks each candidate form with ``form in index``, and the
    English tables hold each part of speech's words as a list of thousands: one lookup took
    about 0.4 ms, most of the lemmatizer's time on words it has not seen. A set answers the
    same question at once; nothing else reads the table.
    """
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


@Language.factory("quick_attribute_ruler")
def make_quick_attribute_ruler(nlp: Language, name: str) -> QuickAttributeRuler:
    """Return the quick form of the model's ``attribute_ruler`` (which must still be in the pipeline)."""
    return QuickAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Return the cached form of the model's ``lemmatizer`` (which must still be in the pipeline)."""
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))


def quicken(model: Language) -> None:
    """Swap the model's attribute ruler and lemmatizer for their quick forms, under the same names.

    Each is swapped only when it has the shape the quick form reproduces: a rule lemmatizer
    that does not overwrite, and a ruler whose patterns after the tag map do not test what it sets.
    """
    lemmatizer = model.get_pipe("lemmatizer") if "lemmatizer" in model.pipe_names else None
    if lemmatizer is not None and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
        _swap(model, "lemmatizer", "cached_lemmatizer")
    if "attribute_ruler" in model.pipe_names:
        quick = QuickAttributeRuler(model.get_pipe("attribute_ruler"))
        if not quick.reads_what_tag_map_sets():
            _swap(model, "attribute_ruler", "quick_attribute_ruler")


def _swap(model: Language, name: str, factory: str) -> None:
    """Put component ``factory`` where ``name`` is, give it that name, and drop the original."""
    model.add_pipe(factory, name=f"{name}_quick", after=name)
    model.remove_pipe(name)
    model.rename_pipe(f"{name}_quick", name)
