from django.contrib import admin

from .models import Checklist, ChecklistItem


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["title", "band", "position", "active"]
    list_filter = ["band", "active"]
    inlines = [ChecklistItemInline]
