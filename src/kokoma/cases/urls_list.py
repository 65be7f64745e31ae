from django.urls import path

from .views import case_list, comments

app_name = "caselist"
urlpatterns = [
    path("", case_list.case_list, name="list"),
    path("kommune/<str:ags>/", case_list.municipality_case_list, name="municipality"),
    path("<str:reference>/kommentare/", comments.comment_create, name="comment"),
]
