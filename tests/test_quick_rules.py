"""The quick attribute ruler and lemmatizer annotate exactly as spaCy's own components do, on real text."""

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler

from checkout import SEEDS_DIR, SHARED
from helpers.corpus import read_corpus
from helpers.extract import nlp, quick_rules

ATTRIBUTES = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
OCHA = SHARED / "corpora" / "ocha_flash_updates"


def _stock_model() -> spacy.language.Language:
    """Return the model as spaCy ships it, with only this project's paragraph breaks added."""
    model = spacy.load(nlp.model_name())
    model.add_pipe("paragraph_breaks", before="parser")
    nlp.read_as(model.vocab, nlp.TYPOGRAPHIC_TWINS)
    return model


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The seed articles' bodies and three long UN OCHA updates (when the shared data is there)."""
    articles, _ = read_corpus(SEEDS_DIR)
    updates = sorted(OCHA.glob("flash-*.md"))[::50] if OCHA.is_dir() else []
    return [a.body for a in articles] + [path.read_text(encoding="utf-8") for path in updates]


def test_the_project_model_uses_the_quick_forms_under_the_original_names():
    model = nlp.load_model()
    assert model.pipe_names == ["tok2vec", "tagger", "paragraph_breaks", "parser", "attribute_ruler",
                                "lemmatizer", "ner"]
    assert isinstance(model.get_pipe("attribute_ruler"), quick_rules.QuickAttributeRuler)
    assert isinstance(model.get_pipe("lemmatizer"), quick_rules.CachedLemmatizer)


def test_every_token_is_annotated_as_by_the_stock_components(texts):
    quick_docs = list(nlp.load_model().pipe(texts))
    stock_docs = list(_stock_model().pipe(texts))
    assert sum(len(doc) for doc in quick_docs) > 5000
    for quick, stock in zip(quick_docs, stock_docs, strict=True):
        assert (quick.to_array(ATTRIBUTES) == stock.to_array(ATTRIBUTES)).all()
        assert [(t.lemma_, str(t.morph), t.pos_) for t in quick] == [(t.lemma_, str(t.morph), t.pos_) for t in stock]


def test_the_ruler_sorts_its_patterns_and_later_ones_still_win():
    ruler = _stock_model().get_pipe("attribute_ruler")
    quick = quick_rules.QuickAttributeRuler(ruler)
    assert len(quick.tag_map) > 40 and quick.singles and len(quick.matcher) < 10
    doc = nlp.load_model()("Gon na say it: this is what they did, but it's fine.")
    assert [t.lemma_ for t in doc[:2]] == ["go", "to"]
    assert doc[3].text == "it" and doc[3].morph.get("Case") == ["Acc"]


def test_a_ruler_that_tests_what_the_tag_map_sets_is_left_as_it_is():
    model = spacy.blank("en")
    ruler = model.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"POS": "NOUN", "LOWER": "attack"}]], {"LEMMA": "attack"})
    assert quick_rules.QuickAttributeRuler(ruler).reads_what_tag_map_sets()
    quick_rules.quicken(model)
    assert isinstance(model.get_pipe("attribute_ruler"), AttributeRuler)
