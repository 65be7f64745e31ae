from django.urls import path

from . import views

app_name = "forum"
category = "kategorien/<int:category_id>/"
thread = "themen/<int:thread_id>/"
post = "beitraege/<int:post_id>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("suche/", views.search, name="search"),
    path("kategorien/neu/", views.category_add, name="category_add"),
    path(category, views.category, name="category"),
    path(category + "bearbeiten/", views.category_edit, name="category_edit"),
    path(category + "loeschen/", views.category_delete, name="category_delete"),
    path(category + "neues-thema/", views.thread_add, name="thread_add"),
    path(thread, views.thread, name="thread"),
    path(thread + "folgen/", views.subscribe, name="subscribe"),
    path(post + "bearbeiten/", views.post_edit, name="post_edit"),
    path(post + "ausblenden/", views.post_hide, name="post_hide"),
    path(post + "einblenden/", views.post_show, name="post_show"),
]
