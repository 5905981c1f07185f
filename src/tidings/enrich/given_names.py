"""Short forms of given names ("Ed" of Edmund, "Bill" of William): the `nicknames` package's
hand-curated list of English given names and their nicknames, so "Sir Ed" after "Sir Edmund
Hillary" is Sir Edmund."""

from __future__ import annotations

from functools import cache

from nicknames import NickNamer

from tidings.enrich.names import fold


@cache
def _namer() -> NickNamer:
    return NickNamer()


def short_form_of(short: str, given: str) -> bool:
    """Whether `short` is a nickname of the given name `given` ("Ed" of "Edmund")."""
    return fold(short) in _namer().nicknames_of(fold(given))
