"""The memoised ruler and lemmatizer must annotate exactly as the model's own components."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from pipeline.extract.memoised_pipes import memoise_pipes
from pipeline.extract.nlp import MODEL, english

SEEDS = sorted((Path(__file__).parents[2] / "data" / "raw").glob("*.txt"))
# Words the model's patterns of several tokens and of dependency labels are written for.
SPOKEN = ("Y'all gonna see it. I ain't going, let's c'mon. There is a man and there're "
          "fears, but he did it. Do you have it? It was I who gave it to you, gotta go.\n\n"
          "  Headline without a stop\nAnd the next line.")
ATTRIBUTES = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def stock() -> spacy.language.Language:
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def memoised() -> spacy.language.Language:
    nlp = spacy.load(MODEL)
    memoise_pipes(nlp)
    return nlp


def _annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.mark.parametrize("text", [SPOKEN, "", "   ", *(p.read_text() for p in SEEDS)],
                         ids=["spoken", "empty", "space", *(p.stem for p in SEEDS)])
def test_annotations_equal_the_stock_components(stock, memoised, text):
    for _ in range(2):  # the second pass answers from the memos
        assert _annotations(memoised(text)) == _annotations(stock(text))
        assert (memoised(text).to_array(ATTRIBUTES) == stock(text).to_array(ATTRIBUTES)).all()


def test_the_pipeline_keeps_the_stock_component_names():
    assert english().pipe_names == ["tok2vec", "tagger", "line_breaks", "parser",
                                    "attribute_ruler", "lemmatizer", "ner"]


def test_patterns_of_several_tokens_still_apply(stock, memoised):
    lemmas = [t.lemma_ for t in memoised("We are gonna win.")]
    assert lemmas == [t.lemma_ for t in stock("We are gonna win.")]
    assert lemmas[2:4] == ["go", "to"]
