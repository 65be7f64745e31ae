"""The admin shows slots, bookings and the pool's rules; never a session note (not registered,
decision 0027): the notes are read by the session's people only."""

from django.contrib import admin

from .models import Booking, PoolRules, Slot


@admin.register(PoolRules)
class PoolRulesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cancellation_hours"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "supervisor", "kind", "capacity", "cancelled_at"]
    list_filter = ["kind"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slot", "status", "booked_at"]
    list_filter = ["status"]
