from django.contrib import admin

from .models import Board, BoardMember, Meeting


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "board", "function", "left_on"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "board", "starts_at", "status"]
