from django.contrib import admin

from .models import Contact, CounsellingStructure, Municipality, PhaseChange, RegisterEntry


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    list_display = ["ags", "name", "land", "kreis_name", "population"]
    list_filter = ["land"]
    search_fields = ["ags", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "phase", "joined_on"]
    list_filter = ["phase"]
    search_fields = ["register__name", "register__ags"]
    raw_id_fields = ["register"]


admin.site.register(PhaseChange)
admin.site.register(Contact)
admin.site.register(CounsellingStructure)
