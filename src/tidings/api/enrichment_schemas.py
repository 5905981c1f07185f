"""JSON bodies of what the enrichment stage found: summaries, entities, quotes, answers."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tidings.ids import RowId
from tidings.model import (
    EntityRef,
    EventRecord,
    QuoteRecord,
    RoleRecord,
    SummaryRecord,
)
from tidings.pipeline.questions import Answer

STATUS = "The latest thing that happened to them (killed, arrested, resigned...), if any."
SENTENCE_INDEX = "Sentence of the article's analysis cited (0 is the title)."


class SummaryOut(BaseModel):
    """An article's TL;DR and key points, in article order."""

    tldr: str = Field(description="One or two sentences.")
    points: list[str] = Field(description="Up to five key points.")
    method: str = Field(description='"extractive" (the article\'s own sentences) or "llm".')

    @classmethod
    def from_record(cls, summary: SummaryRecord | None) -> SummaryOut | None:
        if summary is None:
            return None
        return cls(tldr=summary.tldr, points=list(summary.points), method=summary.method)


class ArticleEntityOut(BaseModel):
    """A person, organisation or place an article names."""

    id: int = Field(description="Tidings' id of the entity (see /api/entities/{id}).")
    name: str = Field(description="Its fullest name.")
    type: str = Field(description="PERSON, ORG, GPE (countries, cities) or LOC.")
    role: str | None = Field(description="The role this article gives them, if any.")
    status: str | None = Field(description=STATUS)

    @classmethod
    def from_ref(cls, ref: EntityRef) -> ArticleEntityOut:
        return cls(id=ref.id, name=ref.name, type=ref.type, role=ref.role, status=ref.status)


class QuoteOut(BaseModel):
    """A direct quotation and who said it."""

    speaker: str | None = Field(description="The person quoted, when named.")
    speaker_role: str | None = Field(description="Their role, or how an unnamed one is named.")
    text: str = Field(description="The quoted words; the parts of a statement split by its "
                      "attribution joined with \" ... \" (or a space after a full sentence).")
    entity_id: int | None = Field(description="The speaker's entity id, when named.")
    article_id: int = Field(description="The article quoting them.")
    sentence_index: int = Field(description=SENTENCE_INDEX)

    @classmethod
    def from_record(cls, quote: QuoteRecord) -> QuoteOut:
        return cls(**vars(quote))


class EntityOut(BaseModel):
    """An entity merged across articles."""

    id: int = Field(description="Tidings' id of the entity.")
    name: str = Field(description="Its fullest name.")
    type: str = Field(description="PERSON, ORG, GPE (countries, cities) or LOC.")
    aliases: list[str] = Field(description="Other names articles use for it.")
    article_count: int = Field(description="Articles that name it.")
    status: str | None = Field(description=STATUS)

    @classmethod
    def from_ref(cls, ref: EntityRef) -> EntityOut:
        return cls(id=ref.id, name=ref.name, type=ref.type, aliases=list(ref.aliases),
                   article_count=ref.article_count, status=ref.status)


class EntityList(BaseModel):
    """Entities matching a search, the most covered first."""

    query: str = Field(description="The search as given.")
    items: list[EntityOut] = Field(description="The entities.")


class RoleOut(BaseModel):
    """A role an article gives a person, with the sentence that says so."""

    role: str = Field(description='E.g. "Governor of the Bank of Japan".')
    article_id: int = Field(description="The article.")
    sentence_index: int = Field(description=SENTENCE_INDEX)
    sentence: str = Field(description="The sentence.")
    published_at: dt.datetime = Field(description="When the article was published (else fetched).")

    @classmethod
    def from_record(cls, role: RoleRecord) -> RoleOut:
        return cls(**vars(role))


class EventOut(BaseModel):
    """Something that happened to a person, with the sentence that says so."""

    type: str = Field(description="killed, died, appointed, dismissed, resigned, arrested, "
                      "elected or ousted.")
    role: str | None = Field(description="The role the sentence gives them, if any.")
    date: dt.date | None = Field(description="When, as the sentence dates it (else published).")
    article_id: int = Field(description="The article.")
    sentence_index: int = Field(description=SENTENCE_INDEX)
    sentence: str = Field(description="The sentence.")

    @classmethod
    def from_record(cls, event: EventRecord) -> EventOut:
        return cls(**vars(event))


class AskIn(BaseModel):
    """A question about one article or one story."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=500, description="The question.")
    article_id: RowId | None = Field(None, description="Ask this article...")
    story_id: RowId | None = Field(None, description="...or every article of this story.")

    @model_validator(mode="after")
    def _one_target(self) -> AskIn:
        if (self.article_id is None) == (self.story_id is None):
            raise ValueError("give exactly one of article_id and story_id")
        return self


class CitationOut(BaseModel):
    """A sentence the answer rests on."""

    article_id: int = Field(description="The article.")
    sentence_index: int = Field(
        description="Index of the sentence among the article text's sentences "
        "(`enrich.sentences.split_sentences`; the title is not counted)."
    )
    sentence: str = Field(description="The sentence, exactly as in the article.")


class AnswerOut(BaseModel):
    """An answer made of the coverage's own sentences, or "I don't know."."""

    question: str = Field(description="The question as given.")
    answer: str = Field(description="The answer, or \"I don't know.\"")
    confident: bool = Field(description="False when the coverage does not answer it.")
    citations: list[CitationOut] = Field(description="The sentences the answer rests on.")

    @classmethod
    def from_answer(cls, question: str, answer: Answer) -> AnswerOut:
        citations = [CitationOut(**vars(c)) for c in answer.citations]
        return cls(question=question, answer=answer.text, confident=answer.confident,
                   citations=citations)
