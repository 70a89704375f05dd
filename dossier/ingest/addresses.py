"""Which hosts fetching may reach: public internet addresses only, unless a site opts in.

A feed or page an outsider controls can name, or redirect to, an address inside the
editor's network (a router, an intranet wiki, a cloud's metadata service). Every host is
resolved here, every address it resolves to is checked, and the caller connects to the
addresses checked, so that a second DNS answer cannot swap in another one.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import dataclass

OPT_IN = "fetch_private_networks: true"  # the site.yml line that lifts the check
ALL = ("0.0.0.0/0", "::/0")  # what that line allows: every network

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class Refused(Exception):
    """The host is not one fetching may reach; the message says why, in one line."""


@dataclass(frozen=True)
class Resolved:
    """A host's addresses, each ready for socket.connect."""

    host: str
    addresses: list[tuple[int, tuple]]  # (socket family, socket address)


def kind_of(address: Address) -> str:
    """Return what kind of non-public address this is ('loopback', 'private', ...), '' if public."""
    inner = _inner(address)
    if inner is not None:
        return kind_of(inner)
    for kind, test in (("unspecified", address.is_unspecified), ("loopback", address.is_loopback),
                       ("link-local", address.is_link_local), ("multicast", address.is_multicast),
                       ("reserved", address.is_reserved), ("private", address.is_private)):
        if test:
            return kind
    return "" if address.is_global else "non-public"


def networks(allowed: tuple[str, ...]) -> tuple[Network, ...]:
    """Return the networks named in CIDR form ('10.1.0.0/16'); every address for ALL."""
    return tuple(ipaddress.ip_network(name) for name in allowed)


def resolve(host: str, port: int, seconds: float, allowed: tuple[Network, ...] = ()) -> Resolved:
    """Return the addresses of host, each public or within allowed; raise Refused or OSError.

    Decimal, octal and hexadecimal spellings (2130706433, 0177.0.0.1) are resolved as the
    socket library reads them, so they are checked as the address they stand for.
    """
    found: list[list[tuple]] = []
    failed: list[OSError] = []

    def lookup() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            failed.append(exc)

    # getaddrinfo has no timeout of its own: a thread bounds it by the fetch's deadline.
    thread = threading.Thread(target=lookup, daemon=True, name="dossier-resolve")
    thread.start()
    thread.join(max(seconds, 0.0))
    if failed:
        raise failed[0]
    if not found:
        raise TimeoutError(f"looking up {host} took too long")
    addresses = [(family, sockaddr) for family, _, _, _, sockaddr in found[0]]
    for _, sockaddr in addresses:
        address = ipaddress.ip_address(str(sockaddr[0]).partition("%")[0])
        kind = kind_of(address)
        if kind and not any(a in net for a in (address, _inner(address)) if a for net in allowed
                            if a.version == net.version):
            shown = host if _literal(host) == address else f"{host} ({address})"
            article = "an" if kind[0] in "aeiou" else "a"
            raise Refused(f"{shown} is {article} {kind} address, not on the public internet: only public "
                          f"addresses are fetched (for a source on an intranet, set {OPT_IN} in site.yml)")
    return Resolved(host, addresses)


def _inner(address: Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 form carries (::ffff:127.0.0.1, 2002:7f00:1::, Teredo), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    return address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)


def _literal(host: str) -> Address | None:
    """Return the address host spells in standard form, None for a name or another spelling."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None
