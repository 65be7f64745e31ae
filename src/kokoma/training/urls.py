from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("curriculum/", views.curriculum, name="curriculum"),
    path("curriculum/neu/", views.module_add, name="module_add"),
    path("curriculum/<int:module_id>/", views.module_edit, name="module_edit"),
    path("curriculum/<int:module_id>/loeschen/", views.module_delete, name="module_delete"),
]
