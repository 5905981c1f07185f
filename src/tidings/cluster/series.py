"""Article series are not stories: one headline template filled with other names.

"Ontario Votes 2007: Interview with NDP candidate Paul Johnstone, Bruce-Grey-Owen Sound" and
"... with Green candidate Mark Grenier, Welland" share a headline, boilerplate paragraphs and
the election's names, so every similarity signal calls them one story. What tells them apart
is the slots the template leaves: the names each headline fills in. The template's words are
no evidence of one event; the slots must agree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from difflib import SequenceMatcher

from tidings.cluster.text import STOPWORDS, fold, is_title_case, stem, title_words

TEMPLATE_WORDS = 3
"""Headline words (folded and stemmed) two headlines share at least to be one template ..."""
TEMPLATE_CONTENT = 2
"""... of which at least this many are not stop words."""
SLOT_AGREEMENT = 0.5
"""Least IDF-weighted share of an article's headline names a story must know not to be a
series the article only shares a template with."""


def names_in_title(title: str, names: Mapping[str, float]) -> dict[str, float]:
    """The article's capitalised phrases (with their weight) that its headline writes."""
    words = title_words(title)
    stems = {stem(w) for w in words}
    found: dict[str, float] = {}
    for phrase, weight in names.items():
        parts = tuple(phrase.split())
        if len(parts) == 1:
            present = parts[0] in stems or parts[0] in words
        else:
            present = any(words[i : i + len(parts)] == parts
                          for i in range(len(words) - len(parts) + 1))
        if present:
            found[phrase] = weight
    return found


def other_names(
    title: str,
    own_names: Mapping[str, float],
    mentions: frozenset[str],
    headlines: Sequence[tuple[str, Collection[str]]],
    story_names: Mapping[str, object],
) -> bool:
    """True when the story is a series the article only shares a headline template with.

    A member headline (`headlines`: each with the names its own article writes in it) shares a
    template with `title` when, aligned word by word (folded, stemmed), they agree on
    `TEMPLATE_WORDS` words, `TEMPLATE_CONTENT` of them content words. They fill a slot of it
    differently where, in one place they differ, the article writes names of its own
    (`own_names`, from `names_in_title`) and the member headline a name (one of its own, of
    the story's, `story_names`, or capitalised in a headline that is not title case) that the
    article never mentions (`mentions`: every folded word and stem of its text; empty, so
    never a series, when there is no text to tell). It is a series when the story and its
    headlines mostly do not know the names the article fills that slot with. Without names
    in the headline nothing is told.
    """
    if not own_names or not mentions:
        return False
    story_words = _name_words(story_names)
    own_words = _name_words(own_names)
    mine = [stem(w) for w in title_words(title)]
    titles = [headline for headline, _ in headlines]
    for headline, filling in headlines:
        theirs = [stem(w) for w in title_words(headline)]
        blocks = SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes()
        template = {w for tag, i, j, _, _ in blocks if tag == "equal" for w in mine[i:j]}
        if len(template) < TEMPLATE_WORDS or len(template - STOPWORDS) < TEMPLATE_CONTENT:
            continue
        named = story_words | _capitalised(headline) | _name_words(filling)
        for tag, i, j, k, m in blocks:
            if tag != "replace" or not any(x in named and x not in mentions
                                           for x in theirs[k:m]):
                continue
            filled = own_words.intersection(mine[i:j])
            slots = {p: v for p, v in own_names.items() if _name_words([p]) & filled}
            if slots and _known_share(slots, titles, story_names) < SLOT_AGREEMENT:
                return True
    return False


def _capitalised(headline: str) -> set[str]:
    """The headline's names by their capitals (stemmed), where capitals tell: not its first
    word, and none in a title-case headline."""
    if is_title_case(headline):
        return set()
    words = title_words(headline, folded=False)[1:]
    return {stem(fold(w)) for w in words if w[:1].isupper() and len(w) > 2} - STOPWORDS


def _name_words(names: Iterable[str]) -> set[str]:
    """The words (and their stems) of capitalised phrases, leaving out letters and stop
    words."""
    words = {w for phrase in names for w in phrase.split() if len(w) > 2}
    return (words | {stem(w) for w in words}) - STOPWORDS


def _known_share(
    slots: Mapping[str, float], headlines: list[str], story_names: Mapping[str, object]
) -> float:
    """Weighted share of the slot names the story has among its phrases or headlines."""
    written = [title_words(h) for h in headlines]
    stems = {stem(w) for words in written for w in words}
    total = sum(slots.values())
    known = 0.0
    for phrase, weight in slots.items():
        parts = tuple(phrase.split())
        if phrase in story_names or (len(parts) == 1 and parts[0] in stems) or any(
            words[i : i + len(parts)] == parts
            for words in written for i in range(len(words) - len(parts) + 1)
        ):
            known += weight
    return known / total if total else 1.0
