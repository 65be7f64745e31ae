"""Certificates as Open Badges 3.0 credentials (W3C Verifiable Credentials, VC-JWT, EdDSA with
the platform's Ed25519 key), the issuer's profile and public key at stable addresses, and the
W3C Bitstring Status List that marks revoked certificates (docs/decisions/0029).

A third party verifies a credential with the public key alone: the JWT's signature covers the
whole credential; its `credentialStatus` names the bit of the certificate in the revocation list,
itself a credential signed with the same key.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import os
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import SecurityWarning
from joserfc.jwk import OKPKey

from kokoma.core.links import absolute_url

from .models import Certificate

# "EdDSA" is what Open Badges 3.0 and today's VC-JWT verifiers know; RFC 9864 (2025) names the
# same signature "Ed25519" and marks "EdDSA" deprecated, which joserfc reports as a warning we
# silence here on purpose (docs/decisions/0029).
ALGORITHM = "EdDSA"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The W3C recommendation's minimum: 16 KiB of bits, so that one revoked bit says little.
STATUS_LIST_BITS = 131_072
ACHIEVEMENT_NAME = "Kommunale Konfliktmanagerin / Kommunaler Konfliktmanager"


# --- The key ----------------------------------------------------------------------------------


def create_key(path: Path) -> bool:
    """Write a new Ed25519 private key to `path` unless one is there; True when written. The
    file appears whole or not at all, so that two processes never read half a key."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = OKPKey.generate_key("Ed25519").as_pem(private=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pem)
        os.chmod(temporary, 0o600)
        os.link(temporary, path)  # fails when another process was first
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    return True


@cache
def _key(path: Path) -> OKPKey:
    if not settings.PRODUCTION:
        create_key(path)
    return OKPKey.import_key(path.read_bytes())


def signing_key() -> OKPKey:
    return _key(Path(settings.KOKOMA_CREDENTIAL_KEY_FILE))


def public_jwk() -> dict[str, Any]:
    """The public half as a JWK, named by the address it is published at."""
    jwk = dict(signing_key().as_dict(private=False))
    jwk.update(kid=key_url(), alg=ALGORITHM, use="sig")
    return jwk


# --- Stable addresses ---------------------------------------------------------------------------


def issuer_url() -> str:
    return absolute_url(reverse("openbadges:issuer"))


def key_url() -> str:
    return absolute_url(reverse("openbadges:key"))


def status_list_url() -> str:
    return absolute_url(reverse("openbadges:status_list"))


def achievement_url() -> str:
    return absolute_url(reverse("openbadges:achievement"))


def verification_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:verify_code", kwargs={"code": certificate.code}))


def issuer_profile() -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_url(),
        "type": ["Profile"],
        "name": settings.KOKOMA_CREDENTIAL_ISSUER_NAME,
        "url": absolute_url("/"),
        "description": (
            "Weiterbildung zur kommunalen Konfliktmanagerin / zum kommunalen Konfliktmanager "
            "im Programm Kommunales Konfliktmanagement."
        ),
        # the key that signs its credentials, where a verifier can fetch it
        "verificationMethod": [
            {"id": key_url(), "type": "JsonWebKey", "publicKeyJwk": public_jwk()}
        ],
    }


def achievement() -> dict[str, Any]:
    return {
        "id": achievement_url(),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": ACHIEVEMENT_NAME,
        "description": (
            "Qualifiziert, Konflikte in der Kommune zu analysieren, zu bearbeiten und ihnen "
            "vorzubeugen."
        ),
        "criteria": {
            "narrative": (
                "Anwesenheit bei dem im Durchgang festgelegten Anteil der Termine und ein von "
                "einer Trainerin / einem Trainer angenommenes Praxisprojekt aus der eigenen "
                "Kommune."
            )
        },
    }


# --- A certificate as a credential ------------------------------------------------------------


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential(certificate: Certificate) -> dict[str, Any]:
    """The OpenBadgeCredential of a certificate (Open Badges 3.0, W3C VC Data Model 2.0)."""
    modules = "; ".join(f"{m['title']} ({m['hours']} h)" for m in certificate.modules)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verification_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_url(),
            "type": ["Profile"],
            "name": settings.KOKOMA_CREDENTIAL_ISSUER_NAME,
        },
        "validFrom": _iso(certificate.issued_at),
        "name": ACHIEVEMENT_NAME,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "activityEndDate": f"{certificate.completed_on.isoformat()}T00:00:00Z",
            "narrative": f"{certificate.cohort_title}: {modules}",
            "achievement": achievement(),
        },
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(),
        },
    }


def _signed(document: dict[str, Any]) -> str:
    """A VC-JWT (Open Badges 3.0, 8.2): the credential is the payload, with the registered
    claims taken from it; the header names the key by the address of its JWK."""
    claims = {
        **document,
        "iss": document["issuer"]["id"]
        if isinstance(document["issuer"], dict)
        else document["issuer"],
        "jti": document["id"],
        "nbf": int(datetime.datetime.fromisoformat(document["validFrom"]).timestamp()),
    }
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key_url()}
    with _eddsa():
        return jwt.encode(header, claims, signing_key(), algorithms=[ALGORITHM])


def signed_credential(certificate: Certificate) -> str:
    return _signed(credential(certificate))


def verify(token: str, jwk: dict[str, Any]) -> dict[str, Any]:
    """The claims of a credential signed with the key `jwk`; a changed token or another key
    raises joserfc's BadSignatureError (what a third party does with the published key)."""
    key = OKPKey.import_key(jwk)
    with _eddsa():
        return dict(jwt.decode(token, key, algorithms=[ALGORITHM]).claims)


@contextmanager
def _eddsa() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)
        yield


# --- The revocation list ----------------------------------------------------------------------


def encoded_list(revoked: Iterable[int], size: int = STATUS_LIST_BITS) -> str:
    """The bits (index 0 is the first byte's highest bit), GZIP-compressed, base64url without
    padding, with the multibase prefix "u" (W3C Bitstring Status List v1.0)."""
    bits = bytearray(size // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} outside the list of {size} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def is_set(encoded: str, index: int) -> bool:
    """Read one bit back from an encoded list (what a verifier does)."""
    text = encoded.removeprefix("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential() -> str:
    revoked = Certificate.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True)
    now = timezone.now().replace(microsecond=0)
    document = {
        "@context": [VC_CONTEXT],
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revoked),
        },
    }
    return _signed(document)


def issuer_name() -> str:
    return str(settings.KOKOMA_CREDENTIAL_ISSUER_NAME)


def qr_data_uri(url: str) -> str:
    """The verification address as a QR code (PNG data URI, for the PDF)."""
    return str(segno.make(url, error="m").png_data_uri(scale=6, border=4))
