from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """Feedback on barriers, as BITV 2.0 § 7 asks for (feedback mechanism)."""

    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("your message"))
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail for our reply (optional)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.message[:40]}"
