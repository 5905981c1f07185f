"""What the enrichment stage returns: plain frozen dataclasses, ready for SQL rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EVENT_TYPES = (
    "killed",
    "died",
    "appointed",
    "dismissed",
    "resigned",
    "arrested",
    "elected",
    "ousted",
)


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place named in one article, aliases merged."""

    name: str
    """Canonical display name: the fullest form in the article ("Kazuo Ueda")."""
    type: str
    """PERSON, ORG, GPE (countries, cities) or LOC (other places)."""
    key: str
    """`aliases.canonical_key(name, type)`: stable across articles."""
    mentions: int
    first_sentence: int
    aliases: tuple[str, ...] = ()
    """Other surface forms seen in this article ("Ueda", "the Fed")."""


@dataclass(frozen=True)
class Role:
    """A position or occupation the article gives a person."""

    person: str
    """`Entity.name` of a PERSON entity of the same analysis."""
    role: str
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class Event:
    """Something that happened to a person: killed, died, appointed, dismissed..."""

    type: str
    """One of `EVENT_TYPES`."""
    person: str
    """`Entity.name` of the person."""
    role: str | None
    """The role the sentence names them by ("the president"), when it uses one."""
    date: date | None
    """A date in the sentence ("on Monday") resolved from the publication date, else it."""
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    speaker: str | None
    """`Entity.name` of the PERSON speaker, when one could be found."""
    speaker_role: str | None
    """The speaker's role ("chief economist at Acme"), or how the text names an unnamed
    speaker ("a police spokesman")."""
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the who's-who stage finds in one article."""

    entities: tuple[Entity, ...]
    roles: tuple[Role, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[str, ...]
    """Sentence 0 is the title when one was given; `*.sentence_index` index this."""
