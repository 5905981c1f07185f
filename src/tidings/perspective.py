"""Who told a story, and from where: coverage by outlet and by the outlet's country.

An outlet's country comes from an editable table (`data/outlet-countries.tsv`, or the file the
`outlet_countries` setting names): one `outlet name or web domain<TAB>country` per line, `#`
comments. An outlet the table does not list is placed by its articles' country-code domain
(.uk, .au, ...) when they have one, else counted as of unknown country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

SHIPPED_TABLE = Path(__file__).parent / "data" / "outlet-countries.tsv"
COUNTRY_DOMAINS = {
    "uk": "United Kingdom", "au": "Australia", "ca": "Canada", "nz": "New Zealand",
    "za": "South Africa", "in": "India", "ie": "Ireland", "cn": "China", "hk": "Hong Kong",
    "sg": "Singapore", "my": "Malaysia", "ph": "Philippines", "pk": "Pakistan", "ng": "Nigeria",
    "ke": "Kenya", "jp": "Japan", "kr": "South Korea", "tw": "Taiwan", "de": "Germany",
    "fr": "France", "es": "Spain", "it": "Italy", "nl": "Netherlands", "be": "Belgium",
    "ch": "Switzerland", "at": "Austria", "se": "Sweden", "no": "Norway", "dk": "Denmark",
    "fi": "Finland", "pl": "Poland", "gr": "Greece", "ru": "Russia", "ua": "Ukraine",
    "tr": "Turkey", "il": "Israel", "ae": "United Arab Emirates", "qa": "Qatar", "om": "Oman",
    "eg": "Egypt", "br": "Brazil", "ar": "Argentina", "mx": "Mexico", "us": "United States",
}  # fmt: skip


class Covered(Protocol):
    """What is read of an article here (an `Article` or a `StoryMember`)."""

    @property
    def id(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def fetched_at(self) -> datetime: ...
    @property
    def published_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class OutletCoverage:
    """One outlet's part in a story."""

    outlet: str
    country: str | None
    articles: list[Covered]
    """Oldest first."""

    @property
    def first_at(self) -> datetime:
        return _time(self.articles[0])

    @property
    def latest_at(self) -> datetime:
        return _time(self.articles[-1])


@dataclass(frozen=True)
class CountryCoverage:
    country: str
    outlets: int
    articles: int
    first_at: datetime


@dataclass(frozen=True)
class Perspective:
    outlets: list[OutletCoverage]
    """In the order they first covered the story."""
    countries: list[CountryCoverage]
    """Known countries, the most outlets first."""
    unknown_outlets: int
    """Outlets whose country is not known."""

    @property
    def first(self) -> OutletCoverage:
        return self.outlets[0]

    @property
    def latest_at(self) -> datetime:
        return max(o.latest_at for o in self.outlets)


def read_table(text: str) -> dict[str, str]:
    """`name or domain<TAB>country` lines (blank lines and `#` comments skipped); keys folded."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        key, country = (part.strip() for part in line.split("\t", 1))
        if key and country:
            table[key.casefold()] = country
    return table


@lru_cache(maxsize=4)
def load_table(path: Path | None = None) -> dict[str, str]:
    """The table at `path` (default: the shipped one); empty when the file cannot be read."""
    try:
        return read_table((path or SHIPPED_TABLE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def country_of(outlet: str, urls: Iterable[str], table: dict[str, str]) -> str | None:
    """The outlet's country: the table by name, then by web domain, then the country code."""
    if found := table.get(outlet.casefold()):
        return found
    # An outlet's hundreds of articles are on a host or two: each address is parsed once.
    for address in dict.fromkeys(url.partition("://")[2].partition("/")[0] for url in urls):
        host = (urlsplit(f"//{address}").hostname or "").removeprefix("www.")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            if found := table.get(".".join(parts[i:])):
                return found
        if len(parts) > 1 and parts[-1] in COUNTRY_DOMAINS:
            return COUNTRY_DOMAINS[parts[-1]]
    return None


def perspective(articles: Iterable[Covered], table: dict[str, str]) -> Perspective | None:
    """Coverage of a story's articles by outlet and by country; None without articles."""
    by_outlet: dict[str, list[Covered]] = {}
    for article in sorted(articles, key=_time):
        by_outlet.setdefault(article.source, []).append(article)
    if not by_outlet:
        return None
    outlets = [OutletCoverage(name, country_of(name, [a.url for a in items], table), items)
               for name, items in by_outlet.items()]
    countries: dict[str, list[OutletCoverage]] = {}
    for outlet in outlets:
        if outlet.country:
            countries.setdefault(outlet.country, []).append(outlet)
    summary = [
        CountryCoverage(country, len(group), sum(len(o.articles) for o in group),
                        min(o.first_at for o in group))
        for country, group in countries.items()
    ]
    summary.sort(key=lambda c: (-c.outlets, c.first_at))
    return Perspective(outlets, summary, sum(1 for o in outlets if not o.country))


def _time(article: Covered) -> datetime:
    return article.published_at or article.fetched_at
