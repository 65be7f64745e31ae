from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import AccessibilityFeedback


@transaction.atomic
def submit_accessibility_feedback(
    *, message: str, page_url: str = "", name: str = "", email: str = ""
) -> AccessibilityFeedback:
    """Store feedback on accessibility (from anyone, signed in or not) and mail it to the office."""
    feedback = AccessibilityFeedback(page_url=page_url, message=message, name=name, email=email)
    feedback.full_clean()
    feedback.save()
    body = (
        f"Seite: {feedback.page_url or '–'}\n"
        f"Name: {feedback.name or '–'}\nE-Mail: {feedback.email or '–'}\n\n{feedback.message}"
    )
    transaction.on_commit(
        lambda: send_mail(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + "Rückmeldung zur Barrierefreiheit",
            message=body,
            from_email=None,
            recipient_list=[settings.KOKOMA_FEEDBACK_EMAIL],
        )
    )
    return feedback
