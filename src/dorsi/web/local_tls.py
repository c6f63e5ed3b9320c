"""HTTPS on the local network for ``make run HTTPS=1``: phones give the orientation sensor (and
the screen wake lock) to secure pages only, and a phone reaches this machine by its
network address, not ``localhost``.

Dorsi makes its own small certificate authority and a server certificate for this machine's
names and addresses (kept in ``DATA_DIR/tls/``, owner-only, made again when the address changes
or the certificate nears its end). A phone shows a warning the first time, since it does not
know that authority; accepting it, or installing ``dorsi-local-ca.pem`` on the phone, is enough.
A small TLS proxy (``dorsi.web.tls_proxy``) then serves the network and passes the bytes to
waitress on the loopback, which is told that its scheme is https.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_DAYS = 3650
# Apple devices refuse server certificates valid for more than 825 days; 397 is the web's rule.
SERVER_DAYS = 397
RENEW_BEFORE_DAYS = 30


@dataclass(frozen=True)
class TlsFiles:
    ca: Path  # to install on a phone, or to verify against in a test
    cert: Path
    key: Path


def lan_address() -> str:
    """This machine's address on the local network (the one its default route uses), or the
    loopback when there is no network. A UDP "connect" sends nothing; it only picks a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed to anyone
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def machine_names() -> list[str]:
    host = socket.gethostname()
    names = ["localhost", host]
    if host and "." not in host:
        names.append(f"{host}.local")  # what phones resolve by mDNS
    return [name for name in dict.fromkeys(names) if name]


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Dorsi (this machine only)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _make_ca(
    files: TlsFiles, now: dt.datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(f"Dorsi local CA ({socket.gethostname()})")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    files.ca.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_key(files.ca.with_suffix(".key"), key)
    return cert, key


def _load_ca(
    files: TlsFiles, now: dt.datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    ca_key_path = files.ca.with_suffix(".key")
    if files.ca.exists() and ca_key_path.exists():
        cert = x509.load_pem_x509_certificate(files.ca.read_bytes())
        key = serialization.load_pem_private_key(ca_key_path.read_bytes(), password=None)
        if isinstance(key, ec.EllipticCurvePrivateKey) and cert.not_valid_after_utc > now:
            return cert, key
    return _make_ca(files, now)


def _covers(path: Path, names: list[str], addresses: list[str], now: dt.datetime) -> bool:
    if not path.exists():
        return False
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    if cert.not_valid_after_utc - now < dt.timedelta(days=RENEW_BEFORE_DAYS):
        return False
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    have_names = set(san.get_values_for_type(x509.DNSName))
    have_ips = {str(ip) for ip in san.get_values_for_type(x509.IPAddress)}
    return set(names) <= have_names and set(addresses) <= have_ips


def ensure_certificate(
    directory: Path,
    *,
    names: list[str],
    addresses: list[str],
    now: dt.datetime | None = None,
) -> TlsFiles:
    """The CA and a server certificate for ``names`` and ``addresses`` in ``directory``: the
    ones already there if they still cover them, new ones otherwise."""
    now = now or dt.datetime.now(dt.UTC)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    files = TlsFiles(
        directory / "dorsi-local-ca.pem", directory / "server.pem", directory / "server.key"
    )
    if _covers(files.cert, names, addresses, now) and files.ca.exists():
        return files
    ca_cert, ca_key = _load_ca(files, now)
    key = ec.generate_private_key(ec.SECP256R1())
    alternative = [x509.DNSName(name) for name in names] + [
        x509.IPAddress(ipaddress.ip_address(address)) for address in addresses
    ]
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(names[-1] if names else addresses[0]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=SERVER_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternative), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_key(files.key, key)
    return files
