"""Offline sources: JSON Lines of extracted articles, folders of saved pages, WARC files."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from tidings.ingest.fields import MAX_NAME, clean_text, in_range, storable
from tidings.ingest.jsontext import JSONRefused, load_json
from tidings.ingest.urls import URLRefused, check_http_url
from tidings.model import NewArticle

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


class RecordError(ValueError):
    """One input record could not be used; the message says why."""


@dataclass(frozen=True)
class SavedPage:
    """An HTML page read from disk or from a WARC response record."""

    location: str
    """File path, or the WARC file and record offset."""
    content: bytes
    url: str | None = None
    fetched_at: datetime | None = None
    encoding: str | None = None


def open_text(path: Path) -> IO[str]:
    """Open a text file, transparently gunzipping `.gz` files."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    """Each line's number with its JSON object, or a RecordError for a bad line."""
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = load_json(line)
            except JSONRefused as exc:
                yield number, RecordError(f"line {number}: not usable JSON: {exc}")
                continue
            if isinstance(value, dict):
                yield number, value
            else:
                yield number, RecordError(f"line {number}: not a JSON object")


def parse_timestamp(value: object) -> datetime | None:
    """An ISO 8601 date or datetime as aware UTC; a date alone is midnight UTC."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(f"date is not a string: {value!r}")
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            day = date.fromisoformat(text[:10])
        except ValueError as exc:
            raise RecordError(f"not an ISO 8601 date: {value!r}") from exc
        parsed = datetime(day.year, day.month, day.day)
    try:
        return in_range(parsed)
    except ValueError as exc:
        raise RecordError(f"date {value!r}: {exc}") from exc


def _text_field(record: dict[str, Any], name: str) -> str | None:
    """A string (or integer) field, without the characters a database cannot store."""
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RecordError(f"field {name!r} is not a string")
    return storable(str(value)).strip() or None


def article_from_record(record: dict[str, Any]) -> NewArticle:
    """A stored-article candidate from one JSON Lines record; unknown fields are ignored.

    A record with a title but no `text` is a headline-only article, its text the record's
    `summary` (or `description`) when it has one.
    """
    url = record.get("url")
    title = _text_field(record, "title")
    text = _text_field(record, "text")
    summary = _text_field(record, "summary") or _text_field(record, "description")
    try:
        url = check_http_url(url if isinstance(url, str) else "")  # as given: NUL is refused
    except URLRefused as exc:
        raise RecordError(f"missing or invalid url: {exc}") from exc
    if not title:
        raise RecordError("missing title" + ("" if text else " and text"))
    stamp = record.get("published_at") or record.get("date")
    authors = record.get("authors") or ()
    return NewArticle(
        url=url,
        title=title,
        text=text or summary or "",
        headline_only=not text,
        description=summary,
        source=_text_field(record, "source") or urlsplit(url).hostname or url,
        authors=tuple(a for a in map(_author, authors) if a) if isinstance(authors, list) else (),
        published_at=parse_timestamp(stamp),
        lang=_text_field(record, "lang"),
        license=_text_field(record, "attribution") or _text_field(record, "license"),
        external_id=_text_field(record, "id"),
    )


def _author(value: object) -> str | None:
    """An author given as a name, or as a person object with a name (JSON Feed style)."""
    name = value.get("name") if isinstance(value, dict) else value
    return clean_text(name, MAX_NAME)


def iter_html_files(root: Path) -> Iterator[Path]:
    """Every saved HTML page under `root` (or `root` itself), in a stable order."""
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name.lower().endswith(HTML_SUFFIXES):
            yield path


def read_html_file(path: Path) -> SavedPage | RecordError:
    """The bytes of a saved page, gunzipped when needed, or why it could not be read."""
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        return RecordError(f"{path}: cannot read: {exc}")
    return SavedPage(location=str(path), content=data)


def _charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type:
        return None
    return content_type.split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None


def iter_warc(path: Path) -> Iterator[SavedPage]:
    """HTML response records of a WARC (or ARC, gzipped or not) file."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            content_type = record.http_headers.get_header("Content-Type")
            if content_type and "html" not in content_type.lower():
                continue
            stamp = record.rec_headers.get_header("WARC-Date")
            content = record.content_stream().read()
            yield SavedPage(
                location=f"{path}@{records.get_record_offset()}",
                content=content,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                fetched_at=parse_timestamp(stamp) if stamp else None,
                encoding=_charset(content_type),
            )
