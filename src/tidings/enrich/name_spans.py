"""Person mentions' spans repaired: title-cased headlines trimmed, given names and the rest
of a name NER cut added, bracketed names joined, lone surnames NER missed found."""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.enrich.aliases import spelled_alike
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import FEMALE_NOUNS, HONORIFICS, MALE_NOUNS, ROLE_NOUNS, TITLES
from tidings.enrich.mention import Mention
from tidings.enrich.mention_cleaning import WEEKDAYS, said_before
from tidings.enrich.name_shapes import is_initials
from tidings.enrich.name_words import word_not_surname
from tidings.enrich.names import fold, strip_possessive
from tidings.enrich.person_evidence import is_first_name


def headline_tokens(doc: Doc) -> set[int]:
    """Tokens of title-cased headline paragraphs ("Joe Arpaio Endorses Rick Perry"), where
    NER takes capitalised verbs and nouns for parts of a name."""
    found: set[int] = set()
    offset = 0
    for paragraph in doc.text.split("\n\n"):
        words = [w for w in paragraph.split() if len(w) > 3 and w[0].isalpha()]
        capitalised = sum(w[0].isupper() for w in words)
        if (
            len(paragraph.split()) <= 25
            and len(words) >= 3
            and capitalised >= 0.8 * len(words)
            and not _ends_sentence(paragraph)
        ):
            span = doc.char_span(offset, offset + len(paragraph), alignment_mode="expand")
            found.update(range(span.start, span.end) if span is not None else ())
        offset += len(paragraph) + 2
    return found


def _ends_sentence(paragraph: str) -> bool:
    last = paragraph.rstrip().split()[-1] if paragraph.strip() else ""
    return last.endswith(('"', "\u201d", "!", "?")) or (last.endswith(".") and last.count(".") == 1)


def trim_headline_people(doc: Doc, mentions: list[Mention], headline: set[int]) -> list[Mention]:
    """A person in a title-cased headline keeps only the words the body names a person by
    ("Joe Arpaio Endorses" -> "Joe Arpaio"); with none, it is not taken for a person."""
    if not headline:
        return mentions
    known = set()
    for m in mentions:
        if m.type == "PERSON" and m.start not in headline:
            known.update({fold(m.name), fold(_surname(m.name))})
    kept = []
    for m in mentions:
        if m.type != "PERSON" or m.start not in headline or fold(m.name) in known:
            kept.append(m)
            continue
        kept += _known_parts(doc, m, known)
    return kept


def _surname(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in _SUFFIXES:
        words.pop()
    return words[-1]


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _known_parts(doc: Doc, m: Mention, known: set[str]) -> list[Mention]:
    """The longest runs of `m`'s tokens that name a known person, left to right."""
    parts = []
    start = m.start
    while start < m.end:
        for end in range(m.end, start, -1):
            name = strip_possessive(doc[start:end].text)
            if fold(name) in known:
                parts.append(Mention(start, end, name, name, "PERSON", ""))
                start = end
                break
        else:
            start += 1
    return parts


def extend_left(doc: Doc, m: Mention) -> Mention:
    """Add given names NER left out: "Gough" of "Gough Whitlam", "Barend" of "Barend van
    Graan", the initials of "P Harikrishna"; never a day of the week ("said Saturday
    Arroyo")."""
    start = m.start
    particle = m.name[:1].islower()  # "van Graan": a surname, after its given name
    if m.type == "PERSON" and start > 0 and (len(m.name.split()) == 1 or particle):
        token = doc[start - 1]
        bare = token.lower_.rstrip(".")
        spaced = token.whitespace_ == " "
        if (
            (token.pos_ == "PROPN" or (spaced and is_initials(token.text)))
            and (token.dep_ == "compound" or (spaced and (
                particle or is_first_name(token.text) or is_initials(token.text))))
            and token.text[0].isupper()
            and token.ent_type_ in {"", "PERSON"}
            and not _title_word(bare)
            and token.pos_ not in {"DET", "PRON"}
            and bare not in ROLE_NOUNS | WEEKDAYS
            and not said_before(doc, start - 1, m.end)
        ):
            start -= 1
    if start == m.start:
        return m
    name = doc[start : m.end].text
    return Mention(start, m.end, name, name, m.type, m.title)


def _title_word(bare: str) -> bool:
    """A title, an honorific, a plural title ("Justices Kennedy and Alito") or a noun that
    always names a person ("Father Reese", "Pastor Jones"): never a given name."""
    return (bare in TITLES | HONORIFICS or bare.removesuffix("s") in TITLES
            or bare in MALE_NOUNS | FEMALE_NOUNS or is_person_noun(bare))


def extend_right(doc: Doc, m: Mention) -> Mention:
    """Add the rest of a name NER cut short: "Adan Mohamed" of "Adan Mohamed Nuur Madobe",
    whose last word is the head of the words NER took."""
    root = doc[m.start : m.end].root
    head = root.head
    if m.type != "PERSON" or root.dep_ != "compound" or not m.end <= head.i < m.end + 3:
        return m
    rest = doc[m.end : head.i + 1]
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in {"", "PERSON"}
               and t.lower_.rstrip(".") not in TITLES and not word_not_surname(t.text)
               for t in rest):
        return m
    name = doc[m.start : head.i + 1].text
    return Mention(m.start, head.i + 1, name, name, m.type, m.title)


def add_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Surnames NER missed ("Doe said") when the person is named elsewhere in the article."""
    surnames = {m.name.split()[-1] for m in mentions if m.type == "PERSON"}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = [
        Mention(t.i, t.i + 1, t.text, t.text, "PERSON", "")
        for t in doc
        if t.pos_ == "PROPN"
        and t.i not in taken
        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
        and (t.text in surnames or _misspelt(t.text, surnames))
    ]
    return sorted(mentions + extra, key=lambda m: m.start)


def _misspelt(word: str, surnames: set[str]) -> bool:
    return len(word) >= 5 and any(
        s[:1] == word[:1] and abs(len(s) - len(word)) <= 1 and spelled_alike(word, s)
        for s in surnames
    )


def across_brackets(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name an editor's bracket cuts in two: "(Libyan strongman Moammar) Gadhafi" is
    Moammar Gadhafi, one mention over both parts."""
    joined: list[Mention] = []
    for m in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.type == m.type == "PERSON"
            and m.start == last.end + 1
            and doc[last.end].text in {")", "]"}
            and " " not in last.name
            and _bracketed_description(doc, last.start)
        ):
            name = f"{last.name} {m.name}"
            joined[-1] = Mention(last.start, m.end, name, name, "PERSON", last.title)
        else:
            joined.append(m)
    return joined


def _bracketed_description(doc: Doc, start: int) -> bool:
    """Whether the name at `start` ends an editor's bracket that opens on a description of
    the person: "(Libyan strongman Moammar", not "(with Smith"."""
    for i in range(start - 1, max(-1, start - 6), -1):
        if doc[i].text in {"(", "["}:
            return i < start - 1 and all(
                t.pos_ in {"NOUN", "ADJ", "PROPN", "DET"} for t in doc[i + 1 : start])
    return False
