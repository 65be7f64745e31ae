"""A dialogue's pages for its facilitators and followers, under `dialoge/`."""

from django.urls import path

from .views import exports, manage

app_name = "dialogue"
one = "<int:dialogue_id>/"
statement = f"{one}aussagen/<int:statement_id>/"
urlpatterns = [
    path(one, manage.manage, name="manage"),
    path(f"{one}bearbeiten/", manage.edit, name="edit"),
    path(f"{one}aussagen/neu/", manage.add_statement, name="add_statement"),
    path(f"{statement}moderieren/", manage.moderate, name="moderate"),
    path(f"{statement}vereinbarung/", manage.draft_agreement, name="draft_agreement"),
    path(f"{one}schliessen/", manage.close, name="close"),
    path(f"{one}link-erneuern/", manage.renew_link, name="renew_link"),
    path(f"{one}karte/", manage.map_page, name="map"),
    path(f"{one}ergebnis.csv", exports.results_csv, name="results_csv"),
    path(f"{one}ergebnis.pdf", exports.results_pdf, name="results_pdf"),
    path(f"{one}polis.zip", exports.polis_export, name="polis_export"),
]
