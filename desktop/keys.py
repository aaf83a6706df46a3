"""Each office's Ed25519 key pair: packets are signed with it, and the receiving office pins
the sender's public key on its first packet.

The private key lives in the office's own database file (which never leaves the PC except as
a backup); it proves that a packet came from that file unchanged. The fingerprint is short
enough to read out over the phone: ``3F2A-9C1B-77D0-12EE``.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from db import audit, packets
from db.connection import now_utc, transaction
from desktop.ledger import Ledger

__all__ = ["office_key", "fingerprint", "sign", "verify", "public_key_text"]


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def office_key(ledger: Ledger) -> packets.OfficeKey:
    """This office's key pair, made (and audited) the first time it is needed."""
    key = packets.get_key(ledger.db, ledger.office.code)
    if key is not None:
        return key
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
    key = packets.OfficeKey(ledger.office.code, raw_private, _raw_public(private.public_key()),
                            now_utc())
    with transaction(ledger.db):
        packets.save_key(ledger.db, key)
        audit.append(ledger.db, at=key.created_at, actor=ledger.actor.clerk,
                     os_user=ledger.actor.os_user, office_code=ledger.office.code,
                     action="key-created", after={"fingerprint": fingerprint(key.public_key)})
    return key


def public_key_text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def fingerprint(raw_public: bytes | str) -> str:
    """``3F2A-9C1B-77D0-12EE-…``: the first 16 bytes of the key's SHA-256, in groups of four."""
    raw = base64.b64decode(raw_public) if isinstance(raw_public, str) else raw_public
    digest = hashlib.sha256(raw).hexdigest().upper()[:32]
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


def sign(key: packets.OfficeKey, message: bytes) -> str:
    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(key.private_key).sign(message)).decode()


def verify(public_key: str, signature: str, message: bytes) -> bool:
    """Whether ``signature`` (base64) over ``message`` was made with ``public_key`` (base64)."""
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key)).verify(
            base64.b64decode(signature), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
