from django.urls import path

from . import views

app_name = "library"
resource = "<int:resource_id>/"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("neu/", views.resource_add, name="add"),
    path(resource, views.resource_detail, name="detail"),
    path(resource + "datei/", views.resource_download, name="download"),
    path(resource + "bearbeiten/", views.resource_edit, name="edit"),
    path(resource + "loeschen/", views.resource_delete, name="delete"),
]
