"""The model's attribute_ruler (tag -> POS, morphology, lemma exceptions) at a fraction of its
cost, with the same output.

spaCy's `AttributeRuler` runs a `Matcher` of 179 patterns over every token (45 CPU-ms of a
1,400-word article, as much as the parser). 148 of them test one token's TAG and LOWER for
equality or membership: those are looked up in a table by the token's (tag, lower) instead;
the rest (two-token patterns, DEP, IS_SPACE, regexes) still go through a `Matcher` of their
own. Matches are applied in the ruler's order (by pattern number: later rules win), with the
ruler's own attributes and `set_token_attrs`, so every token ends up exactly as the ruler
would leave it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
_LOOKED_UP = frozenset({"TAG", "LOWER"})

Key = tuple[str | None, str | None]
"""(tag, lower); None where the pattern does not test it."""


@Language.factory("tidings_attributes")
def make_indexed_attributes(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Stands in for the pipeline's attribute_ruler (added after it, which is then removed)."""
    return IndexedAttributes(nlp.get_pipe(RULER))


class IndexedAttributes:
    """`AttributeRuler.__call__` with its one-token TAG/LOWER patterns looked up by key."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._strings = ruler.vocab.strings
        self._attrs = ruler.attrs
        self._indices = ruler.indices
        self._table: dict[Key, list[int]] = {}
        self._matcher = Matcher(ruler.vocab)
        for number in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(number))
            kept = []
            for pattern in patterns:
                keys = _keys(pattern) if ruler.indices[number] in {0, -1} else None
                if keys is None:
                    kept.append(pattern)
                for key in keys or ():
                    self._table.setdefault(key, []).append(number)
            if kept:
                self._matcher.add(str(number), kept)

    def __call__(self, doc: Doc) -> Doc:
        found: set[tuple[int, int]] = set()
        table = self._table
        for token in doc:
            tag, lower = token.tag_, token.lower_
            for key in ((tag, None), (None, lower), (tag, lower)):
                for number in table.get(key, ()):
                    found.add((number, token.i))
        for match_id, start, end in self._matcher(doc, allow_missing=True):
            number = int(self._strings[match_id])
            index = self._indices[number]
            found.add((number, (start if index >= 0 else end) + index))
        for number, i in sorted(found):
            set_token_attrs(doc[i], self._attrs[number])
        return doc


def _keys(pattern: list[dict[str, object]]) -> list[Key] | None:
    """The (tag, lower) keys a one-token pattern of TAG and LOWER tests matches; None for any
    other pattern."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= _LOOKED_UP:
        return None
    tags, lowers = _values(pattern[0].get("TAG")), _values(pattern[0].get("LOWER"))
    if tags is None or lowers is None:
        return None
    return [(tag, lower) for tag in tags for lower in lowers]


def _values(test: object) -> Iterable[str | None] | None:
    """What a token attribute may be to pass `test`: [None] for no test, the string or the
    strings of an IN test; None for a test of another kind (REGEX, NOT_IN)."""
    if test is None:
        return [None]
    if isinstance(test, str):
        return [test]
    if isinstance(test, dict) and set(test) == {"IN"}:
        values = list(test["IN"])
        return values if all(isinstance(v, str) for v in values) else None
    return None
