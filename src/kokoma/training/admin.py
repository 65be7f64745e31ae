from django.contrib import admin

from .models import CurriculumModule


@admin.register(CurriculumModule)
class CurriculumModuleAdmin(admin.ModelAdmin):
    list_display = ["position", "title", "hours"]
