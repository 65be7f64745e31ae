from django.contrib import admin

from .models import Cohort, CurriculumModule, Enrolment, TrainingSession


@admin.register(CurriculumModule)
class CurriculumModuleAdmin(admin.ModelAdmin):
    list_display = ["position", "title", "hours"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["title", "capacity", "accepts_applications", "min_attendance_percent"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "starts_at", "format"]
    list_filter = ["cohort"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["participant", "cohort", "municipality", "status", "consent"]
    list_filter = ["cohort", "status"]
    raw_id_fields = ["participant", "consent_by", "decided_by"]
