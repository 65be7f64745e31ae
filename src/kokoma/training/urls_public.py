"""The public addresses of the training's certificates: the verification page (in the
certificate's QR code) and the issuer's Open Badges documents."""

from django.urls import include, path

from .views import verification

certificates = (
    [
        path("pruefen/", verification.verify, name="verify"),
        path("<str:code>/", verification.verify_code, name="verify_code"),
    ],
    "certificates",
)
openbadges = (
    [
        path("issuer.json", verification.issuer, name="issuer"),
        path("key.jwk", verification.key, name="key"),
        path("achievement.json", verification.achievement, name="achievement"),
        path("status/revocation.jwt", verification.status_list, name="status_list"),
    ],
    "openbadges",
)
urlpatterns = [
    path("zertifikate/", include(certificates)),
    path("openbadges/", include(openbadges)),
]
