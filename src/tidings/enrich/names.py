"""Cleaning entity names: possessives, articles, titles, accents."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tidings.enrich.census_names import first_name_share
from tidings.enrich.lexicon import HONORIFICS, STYLES, TITLES

_POSSESSIVE = re.compile("(?:['\u2019\u2018]s|['\u2019])$")
_SUFFIXES = frozenset({"jr.", "sr."})
"""Name suffixes whose full stop belongs to the name."""
_EDGE_PUNCT = " \t\n\"'\u201c\u201d\u2018\u2019,.;:()[]-\u2013\u2014=*#|_~{}<>"


def strip_possessive(text: str) -> str:
    """`"Ueda's"` -> `"Ueda"`, `"the Fed's"` -> `"the Fed"`."""
    return _POSSESSIVE.sub("", text.strip()).strip()


def split_title(words: list[str], *, styled: bool = True) -> tuple[list[str], list[str]]:
    """Split leading title words from a name: (`["Governor"]`, `["Kazuo", "Ueda"]`).

    Honorifics (Mr, Dr, Sir) are dropped from both, but not initials ("MS Dhoni"). A name is
    never emptied: "General Motors" stays whole when nothing would be left but one word. A
    word that qualifies the title goes with it: "Indian Prime Minister Narendra Modi", "House
    Speaker Nancy Pelosi". If `styled`, a style before a given name alone stays with it
    ("Pope Francis", `STYLES`).
    """
    title: list[str] = []
    rest = list(words)
    if len(rest) > 3 and _bare(rest[1]) in TITLES and _bare(rest[0]) not in TITLES | HONORIFICS:
        title.append(rest.pop(0))
    while len(rest) > 1 and _bare(rest[0]) in TITLES | HONORIFICS and not _initials(rest[0]):
        word = rest.pop(0)
        if _bare(word) not in HONORIFICS:
            title.append(word)
    if styled and title and title[-1].lower() in STYLES and given_alone(rest):
        rest.insert(0, title[-1])  # "Pope Francis": a style before a given name alone stays
    return title, rest


def given_alone(words: list[str]) -> bool:
    """Whether `words` are a given name alone or with its ordinal: "Francis", "Benedict XVI"."""
    return len(words) == 1 or (len(words) == 2 and _ORDINAL.fullmatch(words[1]) is not None)


_ORDINAL = re.compile(r"[IVX]+")


def clean_name(text: str, *, person: bool, styled: bool = True) -> tuple[str, str]:
    """Return (name, title) with possessive, leading "the" (and "an" but for people) and (for
    people) titles removed."""
    words = strip_possessive(text).strip(_EDGE_PUNCT).split()
    if words and (words[0].lower() == "the" or (not person and words[0].lower() == "an")):
        words = words[1:]  # "an Associated Press reporter" names the Associated Press
    title: list[str] = []
    if person:
        words = [w for w in (_unmarked(w) for w in _owner(words)) if w]
        title, words = split_title([part for w in words for part in _unglued_title(w)],
                                   styled=styled)
        if len(words) > 2 and words[0].lower() == words[1].lower():
            words = words[1:]  # "First Lady Lady Bird Johnson": the title's last word twice
    name = _closed(" ".join(words)).strip(_EDGE_PUNCT)
    if (
        name
        and text.rstrip().lower().endswith(tuple(_SUFFIXES))
        and name.lower().endswith(tuple(x[:-1] for x in _SUFFIXES))
    ):
        name += "."
    return name, " ".join(title)


def _closed(name: str) -> str:
    """`name` without a bracket it opens and never closes, and what follows it: NER's span
    of "the World Health Organization (WHO) said" can end inside the brackets."""
    for opening, closing in ("()", "[]"):
        at = name.rfind(opening)
        if at > 0 and closing not in name[at:]:
            name = name[:at].rstrip()
    return name


_GLUED_CAPTION = re.compile(r"(?<=[a-z])(?:Image|File|Photo)$")
"""A caption label run into the word before it: "Jo JorgensenImage: Jo Jorgensen for ..."."""


_GLUED_TITLE = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)$")
"""A title run into the name after it by a lost space: "PresidentSusilo"."""


def _unglued_title(word: str) -> list[str]:
    """ "PresidentSusilo" -> ["President", "Susilo"]; "McLaren" and "DeShawn" stay whole."""
    glued = _GLUED_TITLE.match(word)
    if glued and len(glued.group(1)) > 3 and glued.group(1).lower() in TITLES:
        return [glued.group(1), glued.group(2)]
    return [word]


def _unmarked(word: str) -> str:
    """A word of a person's name without brackets or a glued caption label: "Narendra]" ->
    "Narendra", "JorgensenImage" -> "Jorgensen"."""
    return _GLUED_CAPTION.sub("", word.replace("[", "").replace("]", ""))


def _owner(words: list[str]) -> list[str]:
    """The owner of a possessive inside a person's name: "Obama's Afghan" (of "Obama's Afghan
    surge") is Obama."""
    for i, word in enumerate(words[:-1]):
        if _POSSESSIVE.search(word):
            return [*words[:i], strip_possessive(word)]
    return words


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces: a comparison form."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.lower().replace("'s ", " ")).split())


_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "ben", "de", "del", "della", "di", "da", "du", "van",
     "von", "der", "den", "la", "le"}
)
"""Particles of surnames ("de Villepin", "al-Zaidi", "bin Laden"), written in lower case."""


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> tuple[str, ...]:
    """A person's name as folded words for matching one name against another: a word keeps its
    apostrophe or hyphen parts together ("D'Souza", "D\u2019Souza" -> "dsouza"), an "al-" or
    "el-" prefix is dropped ("al-Zaidi" -> "zaidi") and so is a lower-case particle word
    ("Dominique de Villepin" -> "dominique villepin", and one opening the name that is no
    first name: "Bin Laden" -> "laden"), initials set against a surname count apart from it
    ("G.Sudhakaran" -> "g sudhakaran"), so every written form of a surname matches the full
    name's."""
    words = []
    written = [w for word in name.split() for w in _GLUED_INITIALS.split(word) if w]
    for i, word in enumerate(written):
        parts = fold(word).split()
        if len(parts) > 1 and parts[0] in {"al", "el"}:
            parts = parts[1:]
        if fold(word) in _NAME_PARTICLES and (word.islower() or (
                i == 0 and len(written) > 1 and not first_name_share(word))):
            continue  # "bin Laden", and "Bin Laden" opening a sentence ("Ben Smith" is Ben)
        if parts:
            words.append("".join(parts))
    return tuple(words)


_GLUED_INITIALS = re.compile(r"(?<=[A-Z]\.)(?=[A-Z][a-z])")
"""Between initials and the surname set against them ("G.Sudhakaran" is "G. Sudhakaran")."""


def initials(name: str) -> str:
    """Upper-case initials of the significant words: "Federal Reserve Board" -> "FRB".

    Empty when a word is itself an abbreviation ("U.S. Senate", "UN Security Council"): such a
    name has no acronym of its own, and its initials would collide with the abbreviation's.
    """
    skip = {"of", "the", "and", "for", "de", "la", "du", "&"}
    words = [w for w in name.replace("-", " ").split() if w.lower() not in skip]
    if any("." in w or (len(w) > 1 and w.isupper()) for w in words):
        return ""
    return "".join(w[0].upper() for w in words)


def _initials(word: str) -> bool:
    """Two capitals, which are initials and no honorific: "MS Dhoni", not "Ms Dhoni"."""
    return len(word) == 2 and word.isupper()


def _bare(word: str) -> str:
    return word.lower().rstrip(".")
