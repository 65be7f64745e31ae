from django.contrib import admin

from .models import AccessibilityFeedback

admin.site.register(AccessibilityFeedback)
