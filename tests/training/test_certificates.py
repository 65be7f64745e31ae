"""Certificates: issued to completers, a PDF whose QR code leads to the verification page, an
Open Badges 3.0 credential that the public key alone verifies, and revocation that shows on the
page and in the signed status list."""

from __future__ import annotations

import base64
import io
import json
import re

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey
from pypdf import PdfReader

from kokoma.training import credentials, services
from kokoma.training.models import Certificate, CurriculumModule
from kokoma.training.models.certificate import CODE_BYTES, new_code

from ..conftest import Persona
from .factories import cohort, cottbus, session, trainee

pytestmark = pytest.mark.django_db


def completed_cohort(
    persona: Persona, names: tuple[str, ...] = ("Alma", "Bruno")
) -> list[Certificate]:
    """A cohort of two modules; the first participant completes, the second misses a session."""
    office, trainer = persona("office"), persona("trainer")
    group = cohort(capacity=5, title="Zertifikatsdurchgang", min_attendance_percent=100)
    group.modules.set(CurriculumModule.objects.order_by("position")[:2])
    sessions = [session(group, days_ago=10, title="Eins"), session(group, days_ago=3, title="Zwei")]
    rows = [
        services.enrol(group, by=office, participant=trainee(name), municipality=cottbus())
        for name in names
    ]
    for row in rows:
        project = services.submit_project(
            row,
            by=row.participant,
            title="Projekt",
            summary="Moderation",
            upload=SimpleUploadedFile("p.txt", b"p", content_type="text/plain"),
        )
        services.review_project(project, by=trainer, accept=True, feedback="Gut")
    services.record_attendance(sessions[0], by=trainer, statuses={r.pk: "present" for r in rows})
    services.record_attendance(
        sessions[1], by=trainer, statuses={rows[0].pk: "present", rows[1].pk: "excused"}
    )
    return services.issue_certificates(group, by=office)


def test_only_those_who_completed_get_a_certificate_and_only_once(persona: Persona) -> None:
    issued = completed_cohort(persona)
    assert [c.holder_name for c in issued] == ["Alma"]
    certificate = issued[0]
    assert certificate.hours == sum(
        m.hours for m in CurriculumModule.objects.order_by("position")[:2]
    )
    assert len(certificate.modules) == 2
    with pytest.raises(ValidationError, match="Niemand ohne Zertifikat"):
        services.issue_certificates(certificate.enrolment.cohort, by=persona("office"))


def test_codes_are_unguessable() -> None:
    assert CODE_BYTES * 8 >= 80
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", code) for code in codes)


def test_the_pdf_names_the_holder_and_its_qr_code_leads_to_the_verification_page(
    client: Client, persona: Persona
) -> None:
    (certificate,) = completed_cohort(persona)
    client.force_login(certificate.enrolment.participant)
    kwargs = {
        "cohort_id": certificate.enrolment.cohort_id,
        "enrolment_id": certificate.enrolment_id,
    }
    with override("de"):
        response = client.get(reverse("training:certificate_pdf", kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("Zertifikat", "Alma", "Zertifikatsdurchgang", certificate.code):
        assert expected in text
    for module in certificate.modules:
        assert module["title"].split(":")[0] in text
    images = [image.image for page in reader.pages for image in page.images]
    decoded = [found.text for image in images for found in zxingcpp.read_barcodes(image)]
    url = credentials.verification_url(certificate)
    assert decoded == [url]
    assert url.endswith(f"/zertifikate/{certificate.code}/")


def _public_key(client: Client) -> dict[str, object]:
    response = client.get(reverse("openbadges:key"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk+json"
    return json.loads(response.content)


def test_a_third_party_verifies_the_credential_with_the_public_key_alone(
    client: Client, persona: Persona
) -> None:
    (certificate,) = completed_cohort(persona)
    client.force_login(certificate.enrolment.participant)
    kwargs = {
        "cohort_id": certificate.enrolment.cohort_id,
        "enrolment_id": certificate.enrolment_id,
    }
    token = client.get(reverse("training:certificate_credential", kwargs=kwargs)).content.decode()

    verifier = Client()  # no session: what anybody can fetch
    jwk = _public_key(verifier)
    assert "d" not in jwk  # never the private half
    claims = credentials.verify(token, jwk)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "EdDSA", "typ": "JWT", "kid": credentials.key_url()}
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["issuer"]["id"] == credentials.issuer_url()
    assert claims["jti"] == claims["id"] == credentials.verification_url(certificate)
    subject = claims["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "Alma"
    assert subject["achievement"]["name"] == credentials.ACHIEVEMENT_NAME
    status = claims["credentialStatus"]
    assert status["statusListIndex"] == str(certificate.pk)
    profile = json.loads(verifier.get(reverse("openbadges:issuer")).content)
    assert profile["id"] == credentials.issuer_url()
    assert profile["verificationMethod"][0]["publicKeyJwk"] == jwk


@pytest.mark.parametrize(
    "change",
    [
        lambda claims: claims["credentialSubject"]["identifier"][0].update(identityHash="Mallory"),
        lambda claims: claims.update(validFrom="2020-01-01T00:00:00Z"),
        lambda claims: claims["credentialSubject"]["achievement"].update(name="Doktor"),
        lambda claims: claims["credentialStatus"].update(statusListIndex="999999"),
    ],
    ids=["name", "date", "achievement", "status"],
)
def test_a_changed_credential_is_refused(persona: Persona, change: object) -> None:
    (certificate,) = completed_cohort(persona)
    token = credentials.signed_credential(certificate)
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(claims)  # type: ignore[operator]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(BadSignatureError):
        credentials.verify(f"{head}.{forged}.{signature}", credentials.public_jwk())


def test_a_credential_signed_with_another_key_is_refused(persona: Persona) -> None:
    (certificate,) = completed_cohort(persona)
    token = credentials.signed_credential(certificate)
    stranger = OKPKey.generate_key("Ed25519").as_dict(private=False)
    with pytest.raises(BadSignatureError):
        credentials.verify(token, dict(stranger))


def test_a_revocation_shows_on_the_page_and_in_the_signed_status_list(
    client: Client, persona: Persona
) -> None:
    (certificate,) = completed_cohort(persona)
    jwk = _public_key(client)

    def revoked_bit() -> bool:
        response = client.get(reverse("openbadges:status_list"))
        assert response["Content-Type"] == "application/vc+jwt"
        claims = credentials.verify(response.content.decode(), jwk)
        subject = claims["credentialSubject"]
        assert subject["statusPurpose"] == "revocation"
        return credentials.is_set(subject["encodedList"], certificate.pk)

    assert not revoked_bit()
    with pytest.raises(ValidationError):
        services.revoke_certificate(certificate, by=persona("office"), reason=" ")
    services.revoke_certificate(certificate, by=persona("office"), reason="Irrtum")
    assert revoked_bit()
    with override("de"):
        page = client.get(reverse("certificates:verify_code", kwargs={"code": certificate.code}))
    assert page.status_code == 200
    assert "Dieses Zertifikat wurde widerrufen." in page.content.decode()
    assert "Irrtum" not in page.content.decode()  # the reason is for the record only


def test_the_bitstring_reads_back_what_was_set() -> None:
    encoded = credentials.encoded_list([0, 7, 8, 131_071])
    assert encoded.startswith("u")
    assert [credentials.is_set(encoded, i) for i in (0, 1, 7, 8, 9, 131_071)] == [
        True,
        False,
        True,
        True,
        False,
        True,
    ]
    with pytest.raises(ValueError):
        credentials.encoded_list([131_072])


def verify_page(client: Client, code: str) -> tuple[int, str]:
    with override("de"):
        response = client.get(reverse("certificates:verify"), {"code": code})
    return response.status_code, response.content.decode()


def test_the_verification_page_reveals_name_cohort_and_date_and_nothing_else(
    client: Client, persona: Persona
) -> None:
    (certificate,) = completed_cohort(persona)
    status, page = verify_page(client, certificate.code.lower().replace("-", " "))
    assert status == 200
    assert "Dieses Zertifikat ist gültig." in page
    assert "Alma" in page and "Zertifikatsdurchgang" in page
    assert certificate.completed_on.strftime("%Y") in page
    for private in ("Cottbus", "alma@example.org", "Projekt", "Moderation"):
        assert private not in page
    status, page = verify_page(client, "ABCD-EFGH-IJKL-MNOP")
    assert status == 404 and "Kein Zertifikat hat diesen Code." in page
    status, page = verify_page(client, "123-not-a-code")
    assert status == 400 and "Das ist kein Prüfcode." in page
    assert client.get(reverse("certificates:verify")).status_code == 200  # the empty form


def test_lookups_are_limited_per_client(client: Client, persona: Persona) -> None:
    for _ in range(30):
        assert verify_page(client, "ABCD-EFGH-IJKL-MNOP")[0] == 404
    status, page = verify_page(client, "ABCD-EFGH-IJKL-MNOP")
    assert status == 429 and "Zu viele Prüfungen" in page
