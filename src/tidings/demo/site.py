"""An offline news website built from the demo corpus, served over HTTP on loopback.

The site looks like an ordinary news outlet ("The Demo Herald"): a home page of section fronts,
one RSS 2.0 feed and one page per section, article pages with the usual furniture around the
text (menu, breaking-news ticker, app banner, breadcrumb, newsletter promo, related stories,
most read, comments, footer), robots.txt and a sitemap. Pages are rendered on request from the
articles in memory; nothing is written to disk.

Beside its own articles it carries the demo headlines: one RSS feed per outlet
(`/outlets/<slug>.xml`) whose items link to a minimal stand-in page per headline
(`/headlines/<slug>/<id>.html`), since the originals are offline. robots.txt keeps crawlers
out of those pages, as many outlets keep aggregators out of theirs, so an aggregator stores
such an item from its feed: headline only.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment, PackageLoader, select_autoescape

from tidings.demo.corpus import SECTIONS, DemoArticle, shift_days
from tidings.demo.headlines import DemoHeadline, by_outlet
from tidings.enrich.sentences import split_sentences

SITE_NAME = "The Demo Herald"
TAGLINE = "News from around the world, every day"
AUTHOR = "Wikinews contributors"
LICENSE_URL = "https://creativecommons.org/licenses/by/2.5/"
APP_BANNER = "Get the Demo Herald app: breaking news, wherever you are."
NEWSLETTER_HEADING = "Get the morning briefing"
NEWSLETTER_TEXT = (
    "The day's top stories in your inbox, every weekday at 7am. "
    "Free, and you can unsubscribe at any time."
)

COMMENT_TEXTS = (
    "Thanks for covering this. I had not seen it reported anywhere else.",
    "Would be good to see a follow-up once more details come out.",
    "I wonder how much of this will still matter a year from now.",
    "Clear and to the point. More reporting like this, please.",
    "The headline undersells it, to be honest. The details are what matter here.",
    "Does anyone know where the full statement can be read?",
    "Interesting read. I would like to hear from people on the ground as well.",
    "Same story, different year. Let's see whether anything changes this time.",
    "Shared this with my family; we were talking about exactly this at dinner.",
    "Good summary. The background paragraph was especially helpful.",
    "Not sure I agree with everyone quoted, but it is fairly presented.",
    "Bookmarking this one. Curious to see how it develops over the next weeks.",
)
COMMENT_AUTHORS = (
    "Marta K.",
    "jdoyle",
    "Priya S.",
    "OldNewsHound",
    "T. Okafor",
    "rivertown_reader",
    "Sam L.",
    "Ines M.",
    "northern_lights",
    "G. Haddad",
)
FURNITURE = (APP_BANNER, NEWSLETTER_HEADING, NEWSLETTER_TEXT, TAGLINE, *COMMENT_TEXTS)
"""Fixed strings on every article page that are not article text."""

_ARTICLE_PATH = re.compile(r"^/(\d{4})/(\d{2})/(\d{2})/([a-z0-9-]+)\.html$")
_FEED_PATH = re.compile(r"^/feeds/([a-z]+)\.xml$")
_SECTION_PATH = re.compile(r"^/sections/([a-z]+)\.html$")
_OUTLET_FEED_PATH = re.compile(r"^/outlets/([a-z0-9-]+)\.xml$")
_HEADLINE_PATH = re.compile(r"^/headlines/([a-z0-9-]+)/([a-z0-9-]+)\.html$")
HEADLINES_LICENSE = "public domain (UCI News Aggregator data set, F. Gasparetti, 2017)"
_INFO_PAGES = {
    "/about.html": (
        "About us",
        (
            f"{SITE_NAME} is not a real newspaper: it is an offline demonstration site built into "
            "Tidings, so that the aggregator can be tried without the internet.",
            "Every article on this site is a real English Wikinews article of 2005 to 2008 or "
            "2019 to 2021, written by Wikinews contributors and published under the Creative "
            "Commons Attribution 2.5 licence. The older ones were taken from the toscaData R "
            "package (CC BY 4.0), the newer from the vanatteveldt/wikinews collection; "
            "whitespace and markup were cleaned, and articles whose export had lost words were "
            "left out. Each article page links to its original.",
            "The site also carries, on its Outlets page, one feed per outlet of real headlines "
            "that 1,177 news outlets published on 10 and 11 March 2014 (UCI News Aggregator data "
            "set, F. Gasparetti, 2017, public domain). Only their headlines are known: each "
            "links to a stand-in page here, as the originals are offline, and robots.txt keeps "
            "crawlers out of those pages. Their times are moved forward to the last hours.",
            "The dates have been moved forward by a constant number of days so that the newest "
            "story is dated today; the spacing between stories is the real one. Times of day are "
            "invented, because the source has dates only. Sections were assigned by keyword rules.",
            "There is no app and no newsletter: those boxes are there to look like a real site.",
        ),
    ),
    "/contact.html": (
        "Contact",
        (
            "This demonstration site has no newsroom. For the articles themselves, see "
            "en.wikinews.org; for Tidings, see its project page.",
        ),
    ),
    "/privacy.html": (
        "Privacy",
        ("This site runs on your own computer. It sets no cookies and records nothing.",),
    ),
    "/terms.html": (
        "Terms",
        (
            "Article text: Wikinews contributors, licensed under CC BY 2.5. You may share and "
            "adapt it if you credit Wikinews contributors, link to the licence and say what "
            "was changed.",
        ),
    ),
}


@dataclass(frozen=True)
class _Response:
    status: int
    body: bytes
    content_type: str
    last_modified: datetime | None = None

    @cached_property
    def etag(self) -> str:
        return '"' + hashlib.blake2b(self.body, digest_size=10).hexdigest() + '"'


_NOT_FOUND = _Response(
    404,
    b"<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>\n",
    "text/html; charset=utf-8",
)


def article_path(article: DemoArticle) -> str:
    """The site path of an article: /yyyy/mm/dd/<slug>.html (shifted date, UTC)."""
    return f"/{article.published_at:%Y/%m/%d}/{article.slug}.html"


def demo_notice(days: int, outlets: int) -> str:
    """The line the reader shows on every page while it serves the demo."""
    return (f"Demo: real Wikinews articles (CC BY 2.5), dates moved {days:,} days forward, and "
            f"real 2014 headlines of {outlets:,} outlets (public domain), moved to the last hours.")


def headline_path(headline: DemoHeadline) -> str:
    """The site path of a headline's stand-in page."""
    return f"/headlines/{headline.outlet_slug}/{headline.id}.html"


def first_sentence(text: str, limit: int = 300) -> str:
    """The first sentence of the first paragraph, cut at a word when longer than `limit`."""
    paragraph = " ".join(text.strip().split("\n\n", 1)[0].split())
    sentence = next(iter(split_sentences(paragraph)), paragraph)
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence


class _Pages:
    """Renders every route from the articles; thread-safe (caches hold immutable values)."""

    def __init__(self, articles: Sequence[DemoArticle], base: str,
                 headlines: Sequence[DemoHeadline] = ()) -> None:
        self.base = base
        self.outlets = by_outlet(headlines)
        self.headlines = {headline_path(h): h for h in headlines}
        self.articles = sorted(articles, key=lambda a: (a.published_at, a.id), reverse=True)
        self.by_path = {article_path(a): a for a in self.articles}
        self.by_section = {s: [a for a in self.articles if a.section == s] for s in SECTIONS}
        self.position = {a.id: i for s in self.by_section.values() for i, a in enumerate(s)}
        self.created = datetime.now(UTC)
        self.cache: dict[str, _Response] = {}
        self.env = Environment(
            loader=PackageLoader("tidings.demo", "templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        days = shift_days(self.articles)
        newest = self.articles[0].published_at if self.articles else self.created
        self.site = {
            "name": SITE_NAME,
            "tagline": TAGLINE,
            "base": base,
            "sections": SECTIONS,
            "app_banner": APP_BANNER,
            "newsletter_heading": NEWSLETTER_HEADING,
            "newsletter_text": NEWSLETTER_TEXT,
            "year": newest.year,
            "shift_note": f"Dates on this site have been moved forward by {days} days so that "
            "the newest story is dated today."
            if days
            else "Dates are the original ones.",
        }

    def respond(self, path: str) -> _Response:
        cached = self.cache.get(path)
        if cached is not None:
            return cached
        article = self.by_path.get(path)
        if article is not None:
            return self._article(article)
        response = self._route(path)
        if response.status == 200:
            self.cache[path] = response
        return response

    def _route(self, path: str) -> _Response:
        if path in ("/", "/index.html"):
            return self._listing(SITE_NAME, "home", list(SECTIONS), 5, path)
        if match := _SECTION_PATH.match(path):
            slug = match.group(1)
            if slug not in SECTIONS:
                return _NOT_FOUND
            return self._listing(SECTIONS[slug], "section", [slug], 50, path)
        if match := _FEED_PATH.match(path):
            return self._feed(match.group(1)) if match.group(1) in SECTIONS else _NOT_FOUND
        if match := _OUTLET_FEED_PATH.match(path):
            found = self.outlets.get(match.group(1))
            return self._outlet_feed(found) if found else _NOT_FOUND
        if path in self.headlines:
            return self._headline(self.headlines[path])
        if path == "/outlets.html":
            return self._outlet_list()
        if path == "/robots.txt":
            body = (f"User-agent: *\nDisallow: /headlines/\nAllow: /\n\n"
                    f"Sitemap: {self.base}/sitemap.xml\n")
            return _Response(200, body.encode(), "text/plain; charset=utf-8")
        if path == "/sitemap.xml":
            return self._sitemap()
        if path in _INFO_PAGES:
            heading, paragraphs = _INFO_PAGES[path]
            return self._html(
                "info.html", None, heading=heading, paragraphs=paragraphs, href=self.base + path
            )
        return _NOT_FOUND

    def _html(self, template: str, modified: datetime | None, **context: Any) -> _Response:
        html = self.env.get_template(template).render(site=self.site, **context)
        return _Response(200, html.encode("utf-8"), "text/html; charset=utf-8", modified)

    def _link(self, article: DemoArticle) -> dict[str, str]:
        when = article.published_at
        return {
            "href": self.base + article_path(article),
            "title": article.title,
            "iso": when.isoformat(),
            "human": _human(when),
            "short": f"{when:%d %b}",
            "teaser": first_sentence(article.text),
        }

    def _article(self, article: DemoArticle) -> _Response:
        paragraphs = article.paragraphs
        cut = min(3, max(1, len(paragraphs) - 1))
        related = self._related(article)
        exclude = {article.id, *(a.id for a in related)}
        return self._html(
            "article.html",
            article.published_at,
            a=article,
            href=self.base + article_path(article),
            section_name=SECTIONS[article.section],
            description=first_sentence(article.text),
            published_iso=article.published_at.isoformat(),
            published_human=_human(article.published_at),
            before_promo=paragraphs[:cut],
            after_promo=paragraphs[cut:],
            related=[self._link(a) for a in related],
            most_read=[self._link(a) for a in self._most_read(article.id, exclude)],
            ticker=[self._link(a) for a in self.articles[:4] if a.id != article.id][:3],
            comments=self._comments(article),
            json_ld=self._json_ld(article),
        )

    def _listing(self, heading: str, kind: str, slugs: list[str], n: int, path: str) -> _Response:
        fronts = [
            {
                "slug": s,
                "name": SECTIONS[s],
                "stories": [self._link(a) for a in self.by_section[s][:n]],
            }
            for s in slugs
            if self.by_section[s]
        ]
        shown = [a for s in slugs for a in self.by_section[s][:n]]
        description = (
            f"The latest {heading} news from {SITE_NAME}."
            if kind == "section"
            else f"{SITE_NAME}: {TAGLINE.lower()}."
        )
        return self._html(
            "listing.html",
            max((a.published_at for a in shown), default=None),
            heading=heading,
            body_class=f"{kind}-page",
            fronts=fronts,
            href=self.base + path,
            description=description,
            most_read=[self._link(a) for a in self._most_read("", set())],
            ticker=[self._link(a) for a in self.articles[:3]],
            feed_href=f"{self.base}/feeds/{slugs[0]}.xml" if kind == "section" else None,
        )

    def _related(self, article: DemoArticle) -> list[DemoArticle]:
        """3 to 5 stories from the same section, the nearest in time first."""
        siblings = self.by_section[article.section]
        i = self.position[article.id]
        want = 3 + _hash(article.id) % 3
        near = [j for k in range(1, want + 1) for j in (i + k, i - k)]
        return [siblings[j] for j in near if 0 <= j < len(siblings)][:want]

    def _most_read(self, seed: str, exclude: set[str]) -> list[DemoArticle]:
        pool = [a for a in self.articles[:60] if a.id not in exclude]
        return sorted(pool, key=lambda a: _hash(seed + a.id))[:5]

    def _comments(self, article: DemoArticle) -> list[dict[str, str]]:
        h = _hash(article.id)
        count = 2 + h % 3
        texts = sorted(range(len(COMMENT_TEXTS)), key=lambda k: _hash(f"{article.id}/{k}"))
        comments = []
        for n, k in enumerate(texts[:count]):
            when = article.published_at + timedelta(minutes=17 + 41 * n + (h >> (4 * n)) % 30)
            when = min(when, self.created).replace(microsecond=0)
            author = COMMENT_AUTHORS[(h + 3 * n) % len(COMMENT_AUTHORS)]
            comments.append(
                {
                    "author": author,
                    "text": COMMENT_TEXTS[k],
                    "iso": when.isoformat(),
                    "human": _human(when),
                }
            )
        return comments

    def _json_ld(self, article: DemoArticle) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published_at.isoformat(),
            "author": {"@type": "Organization", "name": AUTHOR},
            "publisher": {"@type": "Organization", "name": SITE_NAME},
            "articleSection": SECTIONS[article.section],
            "inLanguage": "en",
            "mainEntityOfPage": self.base + article_path(article),
            "license": LICENSE_URL,
            "isBasedOn": article.url,
        }

    def _feed(self, slug: str) -> _Response:
        articles = self.by_section[slug]
        items = "".join(self._feed_item(a) for a in articles)
        built = articles[0].published_at if articles else self.created
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>{xml_escape(f'{SITE_NAME}: {SECTIONS[slug]}')}</title>\n"
            f"<link>{self.base}/sections/{slug}.html</link>\n"
            f"<description>{xml_escape(f'The latest {SECTIONS[slug]} news.')}</description>\n"
            "<language>en</language>\n"
            f"<copyright>Wikinews contributors, CC BY 2.5 ({LICENSE_URL})</copyright>\n"
            f"<lastBuildDate>{format_datetime(built, usegmt=True)}</lastBuildDate>\n"
            f'<atom:link href="{self.base}/feeds/{slug}.xml" rel="self"'
            ' type="application/rss+xml"/>\n'
            f"{items}</channel>\n</rss>\n"
        )
        return _Response(
            200,
            body.encode("utf-8"),
            "application/rss+xml; charset=utf-8",
            articles[0].published_at if articles else None,
        )

    def _feed_item(self, article: DemoArticle) -> str:
        link = self.base + article_path(article)
        return (
            f"<item>\n<title>{xml_escape(article.title)}</title>\n<link>{link}</link>\n"
            f'<guid isPermaLink="true">{link}</guid>\n'
            f"<pubDate>{format_datetime(article.published_at, usegmt=True)}</pubDate>\n"
            f"<description>{xml_escape(first_sentence(article.text))}</description>\n"
            f"<dc:creator>{AUTHOR}</dc:creator>\n"
            f"<category>{xml_escape(SECTIONS[article.section])}</category>\n</item>\n"
        )

    def _outlet_feed(self, headlines: list[DemoHeadline]) -> _Response:
        outlet = headlines[0].outlet
        items = "".join(
            f"<item>\n<title>{xml_escape(h.title)}</title>\n"
            f"<link>{self.base}{headline_path(h)}</link>\n"
            f'<guid isPermaLink="false">{h.id}</guid>\n'
            f"<pubDate>{format_datetime(h.published_at, usegmt=True)}</pubDate>\n</item>\n"
            for h in headlines
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n'
            f"<title>{xml_escape(outlet)}</title>\n"
            f"<link>{self.base}/outlets.html</link>\n"
            f"<description>{xml_escape(f'Headlines from {outlet}')}</description>\n"
            f"<language>en</language>\n<copyright>{HEADLINES_LICENSE}</copyright>\n"
            f"<lastBuildDate>{format_datetime(headlines[0].published_at, usegmt=True)}"
            f"</lastBuildDate>\n{items}</channel>\n</rss>\n"
        )
        return _Response(200, body.encode("utf-8"), "application/rss+xml; charset=utf-8",
                         headlines[0].published_at)

    def _headline(self, h: DemoHeadline) -> _Response:
        return self._html(
            "headline.html", h.published_at, h=h, href=self.base + headline_path(h),
            feed_href=f"{self.base}/outlets/{h.outlet_slug}.xml",
            iso=h.published_at.isoformat(), human=_human(h.published_at),
            original_iso=h.original_at.isoformat(), original_human=_human(h.original_at),
            original_host=urlsplit(h.original_url).hostname or h.original_url,
        )

    def _outlet_list(self) -> _Response:
        outlets = sorted(
            ({"name": items[0].outlet, "count": len(items),
              "href": f"{self.base}/outlets/{slug}.xml"} for slug, items in self.outlets.items()),
            key=lambda o: (-int(o["count"]), str(o["name"]).casefold()),
        )
        return self._html("outlets.html", None, outlets=outlets, href=self.base + "/outlets.html")

    def _sitemap(self) -> _Response:
        pages = [("/", self.articles[0].published_at if self.articles else None)]
        pages += [
            (f"/sections/{s}.html", a[0].published_at if a else None)
            for s, a in self.by_section.items()
        ]
        pages += [(article_path(a), a.published_at) for a in self.articles]
        urls = "".join(
            f"<url><loc>{self.base}{path}</loc>"
            + (f"<lastmod>{when.isoformat()}</lastmod>" if when else "")
            + "</url>\n"
            for path, when in pages
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
        )
        return _Response(200, body.encode("utf-8"), "application/xml; charset=utf-8", pages[0][1])


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest())


def _human(when: datetime) -> str:
    return f"{when:%A} {when.day} {when:%B %Y, %H:%M} UTC"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pages: _Pages


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DemoHerald/1.0"
    disable_nagle_algorithm = True
    """Keep-alive answers go out as headers then body: without this, delayed ACKs cost 40 ms."""

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the demo serves thousands of requests."""

    def _serve(self, *, send_body: bool) -> None:
        response = cast(_Server, self.server).pages.respond(urlsplit(self.path).path)
        not_modified = response.status == 200 and self._not_modified(response)
        self.send_response(304 if not_modified else response.status)
        if response.status == 200:
            self.send_header("ETag", response.etag)
            self.send_header("Cache-Control", "max-age=60")
            if response.last_modified is not None:
                modified = format_datetime(response.last_modified, usegmt=True)
                self.send_header("Last-Modified", modified)
        if not not_modified:
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if send_body and not not_modified:
            self.wfile.write(response.body)

    def _not_modified(self, response: _Response) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            return "*" in tags or response.etag in tags
        since = self.headers.get("If-Modified-Since")
        if since is None or response.last_modified is None:
            return False
        try:
            return response.last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False


class DemoSite:
    """The demo news website on a local port, served from a daemon thread."""

    def __init__(
        self, articles: Sequence[DemoArticle], host: str = "127.0.0.1", port: int = 0,
        headlines: Sequence[DemoHeadline] = (),
    ) -> None:
        self._articles = articles
        self._headlines = headlines
        self._host = host
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. http://127.0.0.1:8123."""
        if self._server is None:
            raise RuntimeError("DemoSite is not started")
        host = "127.0.0.1" if self._host in ("", "0.0.0.0") else self._host
        return f"http://{host}:{self._server.server_address[1]}"

    def start(self) -> DemoSite:
        if self._server is not None:
            return self
        server = _Server((self._host, self._port), _Handler)
        self._server = server
        server.pages = _Pages(self._articles, self.url, self._headlines)
        self._thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
        self._thread.start()
        return self

    def feed_urls(self) -> list[str]:
        """One RSS 2.0 feed per section, in menu order."""
        return [f"{self.url}/feeds/{slug}.xml" for slug in SECTIONS]

    def outlet_feed_urls(self) -> list[str]:
        """One RSS 2.0 feed of headlines per outlet, the outlet with most headlines first."""
        if self._server is None:
            raise RuntimeError("DemoSite is not started")
        outlets = self._server.pages.outlets
        ordered = sorted(outlets, key=lambda slug: (-len(outlets[slug]), slug))
        return [f"{self.url}/outlets/{slug}.xml" for slug in ordered]

    def headline_url(self, headline: DemoHeadline) -> str:
        return self.url + headline_path(headline)

    def article_url(self, article: DemoArticle) -> str:
        return self.url + article_path(article)

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
