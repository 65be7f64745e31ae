from django.urls import path

from . import views

app_name = "consultation"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<int:consultation_id>/", views.consultation_detail, name="detail"),
    path("<int:consultation_id>/antworten/", views.consultation_answer, name="answer"),
]
