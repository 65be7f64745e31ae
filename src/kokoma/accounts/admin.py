from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["display_name"]
    list_display = ["display_name", "handle", "email", "programme_role", "is_active"]
    list_filter = ["programme_role", "is_active", "is_staff"]
    search_fields = ["display_name", "handle", "email"]
    fieldsets = (
        (None, {"fields": ("email", "display_name", "handle", "password", "programme_role")}),
        (
            "Status",
            {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")},
        ),
    )
    add_fieldsets = ((None, {"fields": ("email", "display_name", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]
