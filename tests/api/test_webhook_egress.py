"""Webhooks without SSRF (issue 14, finding 5): every internal address form is refused, the
checked address is the one connected to, redirects are not followed, the log keeps classes."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.services.egress import ForbiddenDestination, check_destination
from api.services.webhooks import Dispatcher

FORBIDDEN = [
    "http://169.254.169.254/latest/meta-data/",   # cloud metadata (link-local)
    "http://[fd00:ec2::254]/latest/meta-data/",   # AWS metadata over IPv6 (unique-local)
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/",
    "http://100.100.100.200/latest/meta-data/",   # Alibaba metadata (shared address space)
    "http://10.0.0.1/hook",
    "http://172.16.5.4/hook",
    "http://192.168.1.1/hook",
    "http://[fe80::1]/hook",
    "http://localhost:8000/hook",
    "http://api.localhost/hook",
    "http://127.0.0.1:5432/",
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://[::]/hook",
    "http://2130706433/hook",                    # decimal 127.0.0.1
    "http://0x7f000001/hook",                    # hex 127.0.0.1
    "http://0177.0.0.1/hook",                    # octal 127.0.0.1
    "http://127.1/hook",                         # short form
    "http://[::ffff:127.0.0.1]/hook",            # IPv4-mapped
    "http://[::ffff:a9fe:a9fe]/hook",            # IPv4-mapped 169.254.169.254, in hex
    "http://[64:ff9b::a00:1]/hook",              # NAT64 of 10.0.0.1
    "http://[2002:c0a8:101::1]/hook",            # 6to4 of 192.168.1.1
    "http://224.0.0.1/hook",                     # multicast
    "http://[ff02::1]/hook",
    "http://240.0.0.1/hook",                     # reserved
    "https://127.0.0.1./hook",                   # trailing dot
]


@pytest.mark.parametrize("url", FORBIDDEN)
def test_webhook_egress_internal_addresses_are_refused(url):
    with pytest.raises(ForbiddenDestination) as error:
        check_destination(url, allowed_hosts=None)
    assert error.value.code == "E110"


@pytest.mark.parametrize("url", ["ftp://example.org/x", "not a url", "http:///path", "http://example.org:99999/"])
def test_webhook_egress_malformed_urls_are_refused(url):
    with pytest.raises(ForbiddenDestination):
        check_destination(url, allowed_hosts=None)


def _resolver(table: dict[str, list[str]]):
    def resolve(host, port, type=0):  # noqa: A002 (getaddrinfo's own name)
        if host not in table:
            raise socket.gaierror("unknown")
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, type, 6, "", (ip, port)) for ip in table[host]]
    return resolve


def test_webhook_egress_public_host_is_pinned_to_its_checked_address():
    resolve = _resolver({"tracker.example": ["93.184.216.34"], "v6.example": ["2606:2800:220:1::1"]})
    destination = check_destination("https://tracker.example/hook?x=1", allowed_hosts=None, resolve=resolve)
    assert destination.url == "https://93.184.216.34:443/hook?x=1"
    assert destination.host_header == "tracker.example"
    assert destination.extensions == {"sni_hostname": "tracker.example"}  # TLS still checks the name
    v6 = check_destination("http://v6.example:8080/h", allowed_hosts=None, resolve=resolve)
    assert v6.url == "http://[2606:2800:220:1::1]:8080/h"


def test_webhook_egress_a_name_with_one_internal_address_is_refused():
    resolve = _resolver({"mixed.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(ForbiddenDestination):
        check_destination("https://mixed.example/hook", allowed_hosts=None, resolve=resolve)


def test_webhook_egress_allow_list_opens_named_internal_hosts_only():
    resolve = _resolver({"tracker.internal": ["10.1.2.3"], "other.internal": ["10.1.2.4"]})
    allowed = ["tracker.internal"]
    assert check_destination("http://tracker.internal/h", allowed_hosts=allowed, resolve=resolve).address == "10.1.2.3"
    with pytest.raises(ForbiddenDestination):
        check_destination("http://other.internal/h", allowed_hosts=allowed, resolve=resolve)


# --- delivery --------------------------------------------------------------------------------


class _Receiver:
    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        self.status = 200
        self.location: str | None = None


@pytest.fixture
def receiver() -> Iterator[tuple[_Receiver, int]]:
    state = _Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append({"path": self.path, "host": self.headers["Host"]})
            self.send_response(state.status)
            if state.location:
                self.send_header("Location", state.location)
            body = b"secret internal banner: redis 7.2"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, server.server_address[1]
    server.shutdown()
    server.server_close()


def _dispatcher(*, allowed: list[str] | None, resolve) -> Dispatcher:
    return Dispatcher(None, max_attempts=1, backoff=1, timeout=2, poll=1,  # type: ignore[arg-type]
                      allowed_hosts=allowed, resolve=resolve)


def test_webhook_egress_delivery_goes_to_the_pinned_address_with_the_original_host(receiver):
    state, port = receiver
    dispatcher = _dispatcher(allowed=["tracker.test"], resolve=_resolver({"tracker.test": ["127.0.0.1"]}))
    assert dispatcher.post_once(f"http://tracker.test:{port}/hook", b"{}", {}) == (200, None)
    assert state.requests == [{"path": "/hook", "host": f"tracker.test:{port}"}]


def test_webhook_egress_rebinding_to_an_internal_address_at_delivery_is_refused(receiver):
    state, port = receiver
    table = {"rebind.example": ["93.184.216.34"]}
    resolve = _resolver(table)
    check_destination(f"http://rebind.example:{port}/hook", allowed_hosts=None, resolve=resolve)  # registered
    table["rebind.example"] = ["127.0.0.1"]  # the name now points inside
    dispatcher = _dispatcher(allowed=None, resolve=resolve)
    assert dispatcher.post_once(f"http://rebind.example:{port}/hook", b"{}", {}) == (None, "forbidden_address")
    assert state.requests == []


def test_webhook_egress_redirects_are_not_followed(receiver):
    state, port = receiver
    state.status, state.location = 302, f"http://127.0.0.1:{port}/elsewhere"
    dispatcher = _dispatcher(allowed=["127.0.0.1"], resolve=socket.getaddrinfo)
    assert dispatcher.post_once(f"http://127.0.0.1:{port}/hook", b"{}", {}) == (302, "redirect")
    assert [r["path"] for r in state.requests] == ["/hook"]


def test_webhook_egress_log_keeps_the_failure_class_not_the_answer(receiver):
    _, port = receiver
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    dispatcher = _dispatcher(allowed=["127.0.0.1"], resolve=socket.getaddrinfo)
    assert dispatcher.post_once(f"http://127.0.0.1:{closed}/", b"{}", {}) == (None, "connect")


def test_webhook_egress_registration_through_the_api_is_refused(team):
    tracker = team.key("tracker")
    for url in ("http://169.254.169.254/", "http://2130706433/", "http://[::1]/"):
        answer = tracker.post("/api/v1/webhooks", json={"url": url, "secret": "s" * 32})
        assert answer.status_code == 422, url
        assert answer.json()["code"] == "E110"


def _certificate(name: str) -> tuple[bytes, bytes]:
    """A self-signed certificate for ``name`` and its key, as PEM."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(minutes=1)).not_valid_after(now + timedelta(hours=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    return (certificate.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


@pytest.mark.parametrize(("served_name", "expected"), [("tracker.test", (200, None)), ("other.test", (None, "tls"))])
def test_webhook_egress_https_to_the_pinned_address_checks_the_certificate_against_the_name(
        tmp_path, served_name, expected):
    import ssl

    certificate, key = _certificate(served_name)
    (tmp_path / "cert.pem").write_bytes(certificate)
    (tmp_path / "key.pem").write_bytes(key)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        client_context = ssl.create_default_context(cadata=certificate.decode())
        dispatcher = Dispatcher(None, max_attempts=1, backoff=1, timeout=5, poll=1,  # type: ignore[arg-type]
                                allowed_hosts=["tracker.test"], verify=client_context,
                                resolve=_resolver({"tracker.test": ["127.0.0.1"]}))
        assert dispatcher.post_once(f"https://tracker.test:{port}/hook", b"{}", {}) == expected
        assert seen == ([f"tracker.test:{port}"] if expected[1] is None else [])
    finally:
        server.shutdown()
        server.server_close()
