"""Names a resolved mention brings along: only those fit to be stored as aliases."""

from __future__ import annotations

from tidings.enrich.aliases import canonical_key
from tidings.enrich.results import ArticleAnalysis, Entity
from tidings.pipeline.resolving import EntityIndex
from tidings.store.entities import StoredEntity


def _entity(name: str, *aliases: str) -> Entity:
    return Entity(name, "PERSON", canonical_key(name, "PERSON"), 1, 0, aliases)


def test_a_resolved_mention_brings_no_markup_or_bare_first_name_as_alias():
    index = EntityIndex([StoredEntity("person:george w bush", "George W. Bush", "PERSON", ())])
    analysis = ArticleAnalysis((_entity("George W.] Bush", "George", "Bush"),), (), (), (), ())
    (mention,) = index.mentions(analysis)
    assert mention.key == "person:george w bush" and mention.name == "George W. Bush"
    assert mention.names == ("Bush",)
