from django.urls import path

from . import views

app_name = "api_pages"

urlpatterns = [
    path("api-zugang/", views.token_list, name="tokens"),
    path("api-zugang/<int:token_id>/widerrufen/", views.token_revoke, name="revoke"),
    path("api/v1/dokumentation/", views.api_docs, name="docs"),
]
