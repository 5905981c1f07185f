"""SSRF guard: refuse to connect to loopback, private and other non-public addresses.

The check runs inside the HTTP transport, at connect time: the host name is resolved once,
every resolved address is checked, and the socket is opened to one of those checked
addresses. So there is no window between the check and the connection in which DNS could
answer differently (DNS rebinding), and every redirect hop to a new host is checked as well
(a reused keep-alive connection was checked when it was opened). Environment proxies are
ignored (``trust_env=False``), since a proxy would make the connected address meaningless.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_HINT = "set TIDINGS_ALLOW_PRIVATE_ADDRESSES=1 to allow"


class AddressBlocked(Exception):
    """A host resolved to an address the guard refuses; the message is one line."""


@dataclass(frozen=True)
class AddressGuard:
    """Which addresses may be reached: public ones, plus ``allowed`` networks."""

    allowed: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_cidrs(cls, cidrs: Iterable[str]) -> AddressGuard:
        """A guard that also lets through the given networks ("10.0.0.0/8", "fd00::/8")."""
        return cls(tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs))

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` may not be reached ("a loopback address"), or None when it may."""
        address = unmapped(address)
        if any(address in network for network in self.allowed):
            return None
        return blocked_reason(address)

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, once all of them passed the check.

        Raises AddressBlocked if any of them is refused: a name that also resolves to a
        private address is treated as hostile, whichever address we would have used.
        """
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"host not found ({exc.strerror})") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            reason = self.refusal(ipaddress.ip_address(address.split("%", 1)[0]))
            if reason:
                subject = f"{address} is" if host == address else f"{host} resolves to {address},"
                raise AddressBlocked(f"not allowed: {subject} {reason} ({_HINT})")
        return addresses


_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+", re.I)


def url_refusal(url: str, guard: AddressGuard, *, resolve: bool = False) -> str | None:
    """Why a URL a page names (its picture, its own address) may not be kept, or None.

    Refused: anything but http(s) with a host; a host that is a non-public address, in any
    spelling a browser reads as one (127.1, 0x7f000001, 2130706433, [::ffff:10.0.0.1]);
    with ``resolve``, a name that resolves to one. A name that does not resolve is kept.
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "a malformed URL"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return "not an http(s) URL"
    try:
        address = literal_address(host)
    except ValueError:
        return f"{host} is not a valid address"
    if address is not None:
        reason = guard.refusal(address)
        return f"{host} is {reason}" if reason else None
    if not resolve:
        return None
    try:
        guard.resolve(host, port or (443 if parts.scheme.lower() == "https" else 80))
    except AddressBlocked as exc:
        return str(exc).removeprefix("not allowed: ")
    except (httpcore.ConnectError, UnicodeError):
        return None
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a URL's host spells, as browsers read it (WHATWG: a host whose last label
    is a number is an IPv4 address, in decimal, octal or hex parts); None for a name.
    ValueError for a numeric host that is no valid address (999.1.1.1)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not _NUMERIC_LABEL.fullmatch(host.rstrip(".").rsplit(".", 1)[-1]):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
    except OSError:
        raise ValueError(f"not a valid IPv4 address: {host}") from None


def unmapped(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:127.0.0.1), else itself."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def blocked_reason(address: IPAddress) -> str | None:
    """Why the address is not public ("a loopback address"), or None for a public one."""
    checks = (
        ("an unspecified", address.is_unspecified),
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a reserved", address.is_reserved),
        ("a private", address.is_private),
        ("a non-public", not address.is_global),
    )
    return next((f"{name} address" for name, hit in checks if hit), None)


class GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses that the guard accepted."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve, check every address, then try the checked addresses in order."""
        error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in self._guard.resolve(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None  # getaddrinfo never answers an empty list
        raise error


def guarded_transport(guard: AddressGuard) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through ``GuardedBackend``.

    httpx has no public hook for the network backend, so the transport's connection pool is
    replaced by an httpcore pool (a public httpcore API) built with the guarded backend.
    """
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=GuardedBackend(guard),
    )
    return transport
