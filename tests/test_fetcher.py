"""The fetcher against the real local server of tests/plugins/http_site.py."""

from __future__ import annotations

import ipaddress
import itertools
import socket
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from plugins.http_site import Reply, SiteRequest
from tidings.config import Settings
from tidings.headers import parse_retry_after
from tidings.ingest.fetcher import (
    BlockedAddressError,
    BodyTooLargeError,
    ContentTypeError,
    Fetcher,
    FetchError,
    FetchOptions,
    HTTPStatusError,
    NetworkError,
    RobotsDisallowedError,
    TooManyRedirectsError,
    format_size,
)
from tidings.ingest.netguard import AddressBlocked, AddressGuard, guarded_transport
from tidings.ingest.robots import RobotsCache
from tidings.model import FetchResult


def options(**changes) -> FetchOptions:
    """Fast options for the loopback test server: no delay, short timeouts, no retries."""
    settings = Settings(
        allow_private_addresses=True,
        per_host_delay=0.0,
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
        max_retries=0,
    )
    return replace(FetchOptions.from_settings(settings), retry_backoff=0.05, **changes)


def fetch(url: str, **kwargs) -> FetchResult:
    with Fetcher(options()) as fetcher:
        return fetcher.fetch(url, **kwargs)


def test_options_come_from_settings():
    settings = Settings(allowed_networks=["10.1.0.0/16"], per_host_delay=0.25, max_redirects=7)
    opts = FetchOptions.from_settings(settings)
    assert opts.allowed_networks == ("10.1.0.0/16",)
    assert (opts.per_host_delay, opts.max_redirects) == (0.25, 7)
    assert opts.user_agent == settings.user_agent
    assert not opts.allow_private_addresses


def test_fetches_a_page_with_our_user_agent(site):
    seen: list[str | None] = []

    def echo(request: SiteRequest) -> Reply:
        seen.append(request.headers.get("User-Agent"))
        return Reply(b"<html><body>hi</body></html>", headers={"Content-Type": "text/html"})

    url = site.add("/fetcher/ua", echo)
    result = fetch(url)
    assert (result.status, result.url, result.content) == (
        200,
        url,
        b"<html><body>hi</body></html>",
    )
    assert seen == [options().user_agent]
    assert seen[0].startswith("Tidings/")


def test_result_carries_type_charset_and_validators(site):
    result = fetch(site.url_for("/pages/article-1.html"))
    assert result.content_type == "text/html; charset=utf-8"
    assert result.encoding == "utf-8"
    assert result.etag and result.etag.startswith('"')
    assert result.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert not result.not_modified
    assert result.redirects == ()


def test_conditional_get_with_etag_gives_304(site):
    url = site.url_for("/feeds/rss2.xml")
    first = fetch(url, kind="feed")
    again = fetch(url, kind="feed", etag=first.etag)
    assert (again.status, again.not_modified, again.content) == (304, True, b"")
    assert again.etag == first.etag


def test_conditional_get_with_last_modified_gives_304(site):
    url = site.url_for("/feeds/atom.xml")
    first = fetch(url, kind="feed")
    again = fetch(url, kind="feed", last_modified=first.last_modified)
    assert again.not_modified
    assert again.last_modified == first.last_modified


def test_stale_etag_gets_the_full_body(site):
    result = fetch(site.url_for("/feeds/rss2.xml"), kind="feed", etag='"stale"')
    assert result.status == 200 and not result.not_modified
    assert b"<rss" in result.content


def test_redirect_hops_are_recorded(site):
    result = fetch(site.url_for("/redirect/3"))
    assert result.url == site.url_for("/pages/article-1.html")
    assert result.redirects == tuple(site.url_for(f"/redirect/{n}") for n in (3, 2, 1))


def test_redirects_are_capped(site):
    with (
        Fetcher(options(max_redirects=2)) as fetcher,
        pytest.raises(TooManyRedirectsError, match="too many redirects"),
    ):
        fetcher.fetch(site.url_for("/redirect/3"))
        assert len(fetcher.fetch(site.url_for("/redirect/2")).redirects) == 2


def test_redirect_loop_ends(site):
    before = site.hits("/loop")
    with pytest.raises(TooManyRedirectsError) as caught:
        fetch(site.url_for("/loop"))
    assert site.hits("/loop") - before == options().max_redirects + 1
    assert str(caught.value) == f"{site.url_for('/loop')}: too many redirects (more than 5)"


def test_redirect_to_non_http_url_is_refused(site):
    with pytest.raises(FetchError, match="non-http"):
        fetch(site.url_for("/redirect-to?url=ftp://example.org/feed"))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("example.org/feed", "not an http(s) URL: 'example.org/feed'"),
        ("ftp://example.org/feed", "not an http(s) URL: 'ftp://example.org/feed'"),
        ("http:///feed", "invalid host name in URL: 'http:///feed'"),
        ("", "empty URL"),
        ("http://example.org/a\x00b", "URL contains a NUL byte: 'http://example.org/a\\x00b'"),
    ],
)
def test_invalid_urls_raise_fetch_error(url, message):
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert str(caught.value) == message
    assert caught.value.url == url


# --- SSRF guard -------------------------------------------------------------------------


def test_guard_refuses_loopback_before_any_request(site):
    path = "/fetcher/guarded"
    site.add(path, b"<html>secret</html>")
    with (
        Fetcher(options(allow_private_addresses=False)) as fetcher,
        pytest.raises(BlockedAddressError) as caught,
    ):
        fetcher.fetch(site.url_for(path))
    assert str(caught.value) == (
        "not allowed: 127.0.0.1 is a loopback address "
        "(set TIDINGS_ALLOW_PRIVATE_ADDRESSES=1 to allow)"
    )
    assert site.hits(path) == 0


def test_guard_checks_what_a_name_resolves_to(site):
    port = site.url.rsplit(":", 1)[1]
    with (
        Fetcher(options(allow_private_addresses=False)) as fetcher,
        pytest.raises(BlockedAddressError, match=r"localhost resolves to .*a loopback"),
    ):
        fetcher.fetch(f"http://localhost:{port}/pages/article-1.html")


def test_guard_checks_every_redirect_hop(site):
    if site.alt_url is None:
        pytest.skip("127.0.0.2 cannot be bound here")
    target = "/fetcher/redirect-target"
    site.add(target, b"<html>internal</html>")
    opts = options(allow_private_addresses=False, allowed_networks=("127.0.0.2/32",))
    with Fetcher(opts) as fetcher:
        allowed = fetcher.fetch(site.alt_url + "/pages/article-2.html")
        assert allowed.status == 200
        with pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1 is a loopback address"):
            fetcher.fetch(f"{site.alt_url}/redirect-to?url={site.url}{target}")
    assert site.hits(target) == 0


def test_guarded_transport_checks_at_connect_time(site):
    with (
        httpx.Client(transport=guarded_transport(AddressGuard())) as client,
        pytest.raises(AddressBlocked, match="loopback"),
    ):
        client.get(site.url_for("/pages/article-1.html"))


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.2", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.1", "a private address"),
        ("fd00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "a non-public address"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:93.184.216.34", None),
    ],
)
def test_guard_reasons(address, reason):
    assert AddressGuard().refusal(ipaddress.ip_address(address)) == reason


def test_allowed_networks_let_an_address_through():
    guard = AddressGuard.from_cidrs(["10.1.0.0/16", "fd00::/8"])
    assert guard.refusal(ipaddress.ip_address("10.1.200.3")) is None
    assert guard.refusal(ipaddress.ip_address("fd00::5")) is None
    assert guard.refusal(ipaddress.ip_address("10.2.0.1")) == "a private address"


# --- body size, time limits, network errors ---------------------------------------------


def test_body_cap_aborts_a_stream_without_content_length(site):
    started = time.monotonic()
    with (
        Fetcher(options(max_body_bytes=256 * 1024)) as fetcher,
        pytest.raises(BodyTooLargeError) as caught,
    ):
        fetcher.fetch(site.url_for("/big?size=2000000000"))  # 2 GB: must not be read
    assert time.monotonic() - started < 3
    assert str(caught.value).endswith("body larger than 256 KiB limit")


def test_body_cap_trusts_a_large_content_length(site):
    with (
        Fetcher(options(max_body_bytes=1000)) as fetcher,
        pytest.raises(BodyTooLargeError, match="body larger than 1000 bytes limit"),
    ):
        fetcher.fetch(site.url_for("/big?size=5000&length=1"))


def test_body_at_the_cap_is_accepted(site):
    with Fetcher(options(max_body_bytes=200_000)) as fetcher:
        assert len(fetcher.fetch(site.url_for("/big?size=200000")).content) == 200_000


def test_stalled_server_times_out_quickly(site):
    started = time.monotonic()
    with (
        Fetcher(options(read_timeout=0.5)) as fetcher,
        pytest.raises(NetworkError, match="timed out"),
    ):
        fetcher.fetch(site.url_for("/stall?seconds=3"))
    assert time.monotonic() - started < 1.5


def test_trickling_server_hits_the_total_deadline(site):
    started = time.monotonic()
    with (
        Fetcher(options(read_timeout=0.5, total_timeout=1.0)) as fetcher,
        pytest.raises(NetworkError, match="took longer than 1 s"),
    ):
        fetcher.fetch(site.url_for("/trickle?bytes=200&interval=0.05"))
    assert time.monotonic() - started < 2


def test_connection_refused_is_a_network_error():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(NetworkError) as caught:
        fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert str(caught.value) == "127.0.0.1: connection refused"


# --- retries ------------------------------------------------------------------------------


def test_429_retry_honours_retry_after(site):
    path = "/flaky/retry-after"
    started = time.monotonic()
    with Fetcher(options(max_retries=2)) as fetcher:
        url = site.url_for(f"{path}?status=429&times=1&retry_after=1")
        result = fetcher.fetch(url, kind="feed")
    assert result.status == 200
    assert time.monotonic() - started >= 1.0
    (first, _), (second, _) = site.log(path)
    assert second - first >= 1.0


def test_503_is_retried_with_backoff(site):
    path = "/flaky/backoff"
    with Fetcher(options(max_retries=3)) as fetcher:
        result = fetcher.fetch(site.url_for(f"{path}?status=503&times=2"), kind="feed")
    assert result.status == 200 and b"<rss" in result.content
    starts = [start for start, _ in site.log(path)]
    assert len(starts) == 3
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.025  # retry_backoff 0.05 s, jitter at least x0.5


def test_retries_give_up_after_max_retries(site):
    path = "/flaky/give-up"
    with Fetcher(options(max_retries=2)) as fetcher, pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(site.url_for(f"{path}?status=502&times=10"))
    assert caught.value.status == 502
    assert site.hits(path) == 3


def test_long_retry_after_is_deferred_to_the_caller(site):
    path = "/flaky/long-wait"
    started = time.monotonic()
    with (
        Fetcher(options(max_retries=3, max_retry_after=5)) as fetcher,
        pytest.raises(HTTPStatusError) as caught,
    ):
        fetcher.fetch(site.url_for(f"{path}?status=429&times=1&retry_after=120"))
    assert time.monotonic() - started < 1
    assert (caught.value.status, caught.value.retry_after) == (429, 120.0)
    assert "HTTP 429 Too Many Requests, retry after 120 s" in str(caught.value)
    assert site.hits(path) == 1


def test_client_errors_are_not_retried(site):
    before = site.hits("/status/404")
    with Fetcher(options(max_retries=3)) as fetcher, pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(site.url_for("/status/404"))
    assert str(caught.value) == f"{site.url_for('/status/404')}: HTTP 404 Not Found"
    assert caught.value.retry_after is None
    assert site.hits("/status/404") - before == 1


def test_parse_retry_after():
    soon = datetime.now(UTC) + timedelta(seconds=30)
    assert parse_retry_after("7") == 7.0
    assert 28 <= (parse_retry_after(format_datetime(soon, usegmt=True)) or 0) <= 30
    assert parse_retry_after("Mon, 01 Jan 2001 00:00:00 GMT") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# --- content types, compression ---------------------------------------------------------


def test_feed_expected_but_html_served(site):
    with pytest.raises(ContentTypeError) as caught:
        fetch(site.url_for("/pages/article-1.html"), kind="feed")
    assert str(caught.value).endswith("expected a feed, got text/html")


def test_page_expected_but_image_served(site):
    url = site.add("/fetcher/image.png", b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(ContentTypeError, match="expected a page, got image/png"):
        fetch(url)
    assert fetch(url, kind="any").content == b"\x89PNG\r\n"


@pytest.mark.parametrize(
    ("file", "content_type", "kind"),
    [
        ("feeds/rss2.xml", "application/octet-stream", "feed"),
        ("feeds/jsonfeed.json", "application/json", "feed"),
        ("feeds/atom.xml", "text/html", "feed"),  # misconfigured servers do this
        ("feeds/rss1.xml", "none", "feed"),
        ("pages/article-1.html", "text/plain", "page"),
        ("pages/article-1.html", "none", "page"),
    ],
)
def test_vague_content_types_are_sniffed(site, file, content_type, kind):
    result = fetch(site.url_for(f"/typed?file={file}&type={content_type}"), kind=kind)
    assert result.status == 200


@pytest.mark.parametrize(
    ("file", "content_type", "kind"),
    [
        ("pages/article-1.html", "application/octet-stream", "feed"),
        ("feeds/rss2.xml", "text/plain", "page"),
        ("feeds/rss2.xml", "application/xml", "page"),
    ],
)
def test_sniffing_refuses_the_wrong_kind(site, file, content_type, kind):
    with pytest.raises(ContentTypeError):
        fetch(site.url_for(f"/typed?file={file}&type={content_type}"), kind=kind)


def test_gzip_body_is_decoded(site):
    result = fetch(site.url_for("/gzip/feeds/rss2.xml"), kind="feed")
    plain = fetch(site.url_for("/feeds/rss2.xml"), kind="feed")
    assert result.content == plain.content
    assert result.content.startswith(b'<?xml version="1.0"')


# --- robots.txt ---------------------------------------------------------------------------


def test_robots_disallow_is_honoured(site):
    with Fetcher(options()) as fetcher, pytest.raises(RobotsDisallowedError) as caught:
        fetcher.fetch(site.url_for("/private/secret.html"))
    assert str(caught.value) == (
        f"{site.url_for('/private/secret.html')}: disallowed by robots.txt of 127.0.0.1"
    )


def test_robots_is_checked_on_redirect_hops(site):
    with pytest.raises(RobotsDisallowedError):
        fetch(site.url_for("/redirect-to?url=/private/secret.html"))


def test_robots_matches_our_user_agent(site):
    with (
        Fetcher(options(user_agent="SomeOtherBot/2.0")) as fetcher,
        pytest.raises(RobotsDisallowedError),
    ):
        fetcher.fetch(site.url_for("/pages/article-1.html"))


def test_robots_is_fetched_once_per_host(site):
    before = site.hits("/robots.txt")
    with Fetcher(options()) as fetcher:
        for page in ("article-1", "article-2", "article-3", "index"):
            fetcher.fetch(site.url_for(f"/pages/{page}.html"))
    assert site.hits("/robots.txt") - before == 1


def test_robots_can_be_ignored(site):
    before = site.hits("/robots.txt")
    with Fetcher(options(respect_robots_txt=False)) as fetcher:
        assert fetcher.fetch(site.url_for("/private/secret.html")).status == 200
    assert site.hits("/robots.txt") == before


def test_missing_or_unreachable_robots_allows_everything():
    cache = RobotsCache("Tidings/0.1", lambda url: None)
    assert cache.allowed("http://example.org/private/x")
    rules = b"User-agent: tidings\nDisallow: /drafts/\n"
    cache = RobotsCache("Tidings/0.1 (+https://x)", lambda url: rules)
    assert not cache.allowed("http://example.org/drafts/1")
    assert cache.allowed("http://example.org/news/1")


# --- per-host limits ----------------------------------------------------------------------


def run_in_threads(fetcher: Fetcher, urls: list[str]) -> None:
    errors: list[Exception] = []

    def work(url: str) -> None:
        try:
            fetcher.fetch(url)
        except Exception as exc:  # collected and re-raised in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not errors


def test_per_host_concurrency_is_capped(site):
    path = "/hold/concurrency"
    with Fetcher(options(per_host_concurrency=2, respect_robots_txt=False)) as fetcher:
        run_in_threads(fetcher, [site.url_for(f"{path}?seconds=0.3")] * 6)
    spans = site.log(path)
    in_flight = [sum(s <= start < e for s, e in spans) for start, _ in spans]
    assert len(spans) == 6
    assert max(in_flight) == 2  # two at once, never three


def test_per_host_delay_spaces_request_starts(site):
    path = "/hold/delay"
    opts = options(per_host_concurrency=4, per_host_delay=0.3, respect_robots_txt=False)
    with Fetcher(opts) as fetcher:
        run_in_threads(fetcher, [site.url_for(f"{path}?seconds=0")] * 4)
    starts = sorted(start for start, _ in site.log(path))
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(gaps) == 3
    assert min(gaps) >= 0.25


def test_format_size():
    assert format_size(10 * 1024 * 1024) == "10 MiB"
    assert format_size(2048) == "2 KiB"
    assert format_size(1000) == "1000 bytes"
