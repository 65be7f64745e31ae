"""The network's pages of the pool, under `netzwerk/wirkung/`."""

from django.urls import path

from . import views

app_name = "pool"
urlpatterns = [
    path("", views.evidence_page, name="evidence"),
    path("export.csv", views.evidence_csv, name="evidence_csv"),
    path("faelle/<int:shared_case_id>/", views.shared_detail, name="shared_detail"),
]
