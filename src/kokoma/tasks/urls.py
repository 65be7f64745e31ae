from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.my_tasks, name="mine"),
    path("kommune/<str:ags>/", views.task_list, name="list"),
    path("kommune/<str:ags>/neu/", views.task_create, name="create"),
    path("kommune/<str:ags>/<int:task_id>/", views.task_detail, name="detail"),
    path("kommune/<str:ags>/<int:task_id>/loeschen/", views.task_delete, name="delete"),
]
