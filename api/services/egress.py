"""Where the service may send requests of its own (webhooks): public addresses only.

    destination = check_destination("https://tracker.example/hook", allowed_hosts=None)
    client.post(destination.url, headers={"Host": destination.host_header},
                extensions=destination.extensions)

The host is resolved once and *every* address it resolves to must be public: not loopback,
private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254), unique-local
(fd00:ec2::254), multicast, reserved or unspecified, in IPv4, IPv6, IPv4-mapped, 6to4 and
NAT64 forms. Numeric spellings (``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1``) are
read by the resolver as the address they mean and refused as such. The request then goes to
the address that was checked (pinned), so a name that resolves elsewhere a moment later (DNS
rebinding) changes nothing; TLS still checks the certificate against the host name.

``allowed_hosts`` (GIAOVIEC_WEBHOOK_ALLOWED_HOSTS) turns on closed-network mode: only those
host names are allowed, and they may be internal on purpose.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from api.errors import InvalidRequest

Resolver = Callable[..., list[Any]]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Names of cloud metadata services, refused even when they do not resolve here. Sources: AWS
# EC2 (instance-data, instance-data.ec2.internal), Google Cloud (metadata.google.internal,
# metadata.goog), Azure and OpenStack (the link-local address only), Alibaba (100.100.100.200).
METADATA_HOSTS = frozenset({"metadata", "metadata.google.internal", "metadata.goog", "instance-data",
                            "instance-data.ec2.internal"})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")


class ForbiddenDestination(InvalidRequest):
    """The URL points to an address the service must not reach."""


@dataclass(frozen=True, slots=True)
class Destination:
    """A checked URL: ``url`` names the pinned address, ``host_header`` the original host."""

    url: str
    host_header: str
    address: str
    extensions: dict[str, Any] = field(default_factory=dict)


def check_destination(url: str, *, allowed_hosts: Sequence[str] | None,
                      resolve: Resolver = socket.getaddrinfo) -> Destination:
    """The pinned destination of ``url``, or ForbiddenDestination (an InvalidRequest, 422)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise ForbiddenDestination("the webhook URL must be an absolute http:// or https:// URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ForbiddenDestination("the webhook URL has an invalid port") from error
    allowed = {h.rstrip(".").lower() for h in allowed_hosts} if allowed_hosts is not None else None
    if allowed is not None and host not in allowed:
        raise ForbiddenDestination(f"webhooks may only point to {', '.join(sorted(allowed)) or 'no host'} "
                                   "(GIAOVIEC_WEBHOOK_ALLOWED_HOSTS)")
    if allowed is None:
        _refuse_internal_name(host)
    addresses = _resolve(host, port, resolve)
    if allowed is None:
        _refuse_internal(host, addresses)
    pinned = addresses[0]
    netloc = f"[{pinned}]:{port}" if pinned.version == 6 else f"{pinned}:{port}"
    pinned_url = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    host_header = parts.netloc.rpartition("@")[2]
    extensions = {"sni_hostname": host} if parts.scheme == "https" and not _is_literal(host) else {}
    return Destination(pinned_url, host_header, str(pinned), extensions)


def forbidden_reason(address: Address) -> str | None:
    """Why ``address`` is not public (``"loopback"``, ``"private"``, ...), or None."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return forbidden_reason(embedded)
    checks = (("unspecified", address.is_unspecified), ("loopback", address.is_loopback),
              ("link-local", address.is_link_local), ("multicast", address.is_multicast),
              ("shared", address.version == 4 and address in _SHARED),
              ("private", address.is_private), ("reserved", address.is_reserved),
              ("not global", not address.is_global))
    return next((reason for reason, hit in checks if hit), None)


def _embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, 6to4 or NAT64 IPv6 address."""
    if address.version != 6:
        return None
    assert isinstance(address, ipaddress.IPv6Address)
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _refuse_internal_name(host: str) -> None:
    if host in METADATA_HOSTS or host == "localhost" or host.endswith(".localhost"):
        raise ForbiddenDestination(f"webhooks may not point to {host}, a host inside the service's network")


def _resolve(host: str, port: int, resolve: Resolver) -> list[Address]:
    try:
        found = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ForbiddenDestination(f"the webhook host {host} cannot be resolved") from error
    addresses = []
    for *_, sockaddr in found:
        addresses.append(ipaddress.ip_address(str(sockaddr[0]).split("%")[0]))
    if not addresses:
        raise ForbiddenDestination(f"the webhook host {host} cannot be resolved")
    return addresses


def _refuse_internal(host: str, addresses: list[Address]) -> None:
    for address in addresses:
        reason = forbidden_reason(address)
        if reason is not None:
            raise ForbiddenDestination(
                f"webhooks may only point to public addresses; {host} is {reason}. To reach an "
                "internal tracker on purpose, name its host in GIAOVIEC_WEBHOOK_ALLOWED_HOSTS")


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
