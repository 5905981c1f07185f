"""Which stored person a shorter or other spelling of a name is: the rules of a merge.

A database enriched by older code, or whose articles came in an unlucky order, keeps one
person as two entities: "Bush" beside "George W. Bush", "PM Fillon" beside "François
Fillon", "Mikheil" beside "Mikhail Saakashvili". These rules say which of them is the other;
the figures come from the coverage (`Claimant`), and a wrong merge being worse than none,
every doubt leaves them apart.

- A short form is a surname alone, or after titles only ("PM Fillon", "President Bush"), or
  a first name and surname that a longer name has with more between them ("George Bush" of
  "George W. Bush"). The full names that claim it (`claimants_of`) are those whose surname
  it is (whose first and last words, for a first name and surname).
- A full name takes a short form (`claimant`) when it is the only claimant named in any of
  the short form's stories (or, none being, the only claimant whose people are named beside
  the short form, in two thirds of its articles; or, no claimant's being, a surname's
  claimant the coverage names `DOMINANT` times as often as the surname and each other
  claimant, as resolution would give it a new article's surname), and the stories and
  outlets that have named it hold at least two thirds of the short form's articles and
  `DOMINANT` times as many as those of any other claimant ("Bush" in George W. Bush's
  stories and outlets, not George H. W. Bush's).
- Two spellings of one full name (`aliases.spelled_alike`: "Mikheil" / "Mikhail
  Saakashvili") are one person when they are the only two spellings alike and share a story
  (or the less covered is named beside the other's people in two thirds of its articles);
  the less covered goes into the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tidings.enrich.aliases import DOMINANT, person_part_of, recordable_alias, spelled_alike
from tidings.enrich.census_names import is_given_name
from tidings.enrich.lexicon import HONORIFICS, TITLES
from tidings.enrich.names import name_words

MOST_CLAIMANTS = 12
"""A surname more full names than this end with ("Smith") is nobody's short form here."""


@dataclass(frozen=True)
class Claimant:
    """A full name that may claim a short form, with what the coverage says of the two."""

    id: int
    name: str
    articles: int
    """Articles naming it."""
    stories: int
    """The short form's articles in a story (or that are an article) naming this one."""
    reach: int
    """The short form's articles in a story, or from an outlet, that has named this one."""
    beside: int = 0
    """The short form's articles naming another person an article naming this one names."""


def surname_form(name: str) -> str | None:
    """The surname (folded) of a name that is a surname alone or after titles ("Bush",
    "PM Fillon", "President Bush"); None for any other name."""
    words = name.split()
    while len(words) > 1 and _title(words[0]):
        words = words[1:]
    folded = name_words(" ".join(words))
    return folded[0] if len(folded) == 1 else None


def _title(word: str) -> bool:
    """A title or honorific opening a name; two capitals are initials unless a title ("PM
    Fillon", not "MS Dhoni")."""
    bare = word.lower().rstrip(".")
    return bare in TITLES or (bare in HONORIFICS and not (len(word) == 2 and word.isupper()))


def is_short_form(name: str) -> bool:
    """Whether `name` is a form some longer name may claim: a surname (after titles), or a
    first name and surname."""
    return surname_form(name) is not None or len(name_words(name)) == 2


def claims(full: str, short: str) -> bool:
    """Whether the full name `full` is one `short` may stand for: `short`'s surname is its
    last word, or `short` is its first and last words with more between them. A name with
    markup ("Cheng-sheng Du.jpg|Cheng-sheng Du") claims nothing."""
    if surname_form(full) is not None or not recordable_alias(full, full, "PERSON"):
        return False
    surname, words = surname_form(short), name_words(full)
    if surname is not None:
        return len(words) > 1 and words[-1] == surname
    mine = name_words(short)
    return (len(mine) == 2 and len(words) > 2 and mine[0] == words[0]
            and person_part_of(short, full))


def claimant(short: str, short_articles: int, claimants: Sequence[Claimant]
             ) -> Claimant | None:
    """The full name that takes the short form `short`, named in `short_articles` articles,
    or None."""
    if not claimants or len(claimants) > MOST_CLAIMANTS:
        return None
    in_stories = [c for c in claimants if c.stories > 0]
    if len(in_stories) > 1:
        return None  # two share its stories ("two Bushes")
    if in_stories:
        best: Claimant | None = in_stories[0]
    elif any(c.beside for c in claimants):
        best = _beside(short, short_articles, claimants)
    else:
        best = _lone(short, short_articles, claimants)
    if best is None or 3 * best.reach < 2 * short_articles:
        return None
    rivals = [c.reach for c in claimants if c is not best]
    return best if all(best.reach >= DOMINANT * max(r, 1) for r in rivals) else None


def _beside(short: str, short_articles: int, claimants: Sequence[Claimant]
            ) -> Claimant | None:
    """Where no story ties the short form to a full name: the one claimant whose people
    (those named beside it) are named beside the short form in two thirds of its articles
    ("John Bolton" beside Donald Trump, as "John R. Bolton" is); none when two are, or
    for a word more common as a given name."""
    beside = [c for c in claimants if c.beside > 0]
    surname = surname_form(short)
    if len(beside) > 1 or (surname is not None and is_given_name(surname)):
        return None
    return beside[0] if 3 * beside[0].beside >= 2 * short_articles else None


def _lone(short: str, short_articles: int, claimants: Sequence[Claimant]) -> Claimant | None:
    """Where no story ties a surname to a full name: the one the coverage names `DOMINANT`
    times as often as the surname and as each other claimant, as resolution would give a
    new article's surname ("Putin" to Vladimir Putin); never a word more common as a given
    name ("James" may be anyone's first name)."""
    surname = surname_form(short)
    if surname is None or is_given_name(surname):
        return None
    best = max(claimants, key=lambda c: c.articles)
    others = [c.articles for c in claimants if c is not best]
    floor = DOMINANT * max(short_articles, *others, 1)
    return best if best.articles >= floor else None


def spelled_twin(name: str, others: Iterable[tuple[int, str]]) -> int | None:
    """The id of the one other name spelled like `name` ("Mikhail" / "Mikheil Saakashvili"),
    or None when there is none or more than one."""
    alike = [i for i, other in others
             if spelled_alike(name, other) and recordable_alias(other, other, "PERSON")]
    return alike[0] if len(alike) == 1 else None


def merged_aliases(name: str, aliases: Iterable[str], merged: Iterable[str]) -> list[str]:
    """The aliases of `name` once names `merged` join its `aliases`: those it may record."""
    kept = [a for a in (*aliases, *merged)
            if a != name and recordable_alias(a, name, "PERSON")]
    return list(dict.fromkeys(kept))
