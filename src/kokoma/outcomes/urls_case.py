"""The case's pages for the pool, under `fall/<reference>/`."""

from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("was-anderswo-wirkte/", views.similar, name="similar"),
    path("teilen/", views.share, name="share"),
    path("teilen/entwurf/", views.share_draft, name="share_draft"),
    path("teilen/freigeben/", views.share_approve, name="share_approve"),
    path("teilen/zurueckziehen/", views.share_withdraw, name="share_withdraw"),
]
