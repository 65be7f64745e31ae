from django.urls import path

from . import views_comments, views_list

app_name = "caselist"
urlpatterns = [
    path("", views_list.case_list, name="list"),
    path("kommune/<str:ags>/", views_list.municipality_case_list, name="municipality"),
    path("<str:reference>/kommentare/", views_comments.comment_create, name="comment"),
]
