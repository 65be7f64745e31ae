from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .handles import HANDLE_MAX_LENGTH, handle_base, unique_handle, validate_handle


class ProgrammeRole(models.TextChoices):
    """Roles that are not bound to one municipality."""

    NONE = "", _("none")
    OFFICE = "office", _("Programme office")
    EXTERNAL_COMPANION = "external_companion", _("External process companion (pool)")
    SUPERVISOR = "supervisor", _("Supervisor")
    TRAINER = "trainer", _("Trainer")
    EXPERT = "expert", _("Network expert")


class MembershipRole(models.TextChoices):
    """Roles a person holds in one municipality (user × municipality × role)."""

    EXTERNAL_COMPANION = "external_companion", _("External process companion")
    LOCAL_COMPANION = "local_companion", _("Local process companion")
    ACTOR = "actor", _("Municipal actor")
    BOARD_MEMBER = "board_member", _("Board member")
    TRAINEE = "trainee", _("Training participant")


COMPANION_ROLES = (MembershipRole.EXTERNAL_COMPANION, MembershipRole.LOCAL_COMPANION)
# Every role name a setting may list (KOKOMA_MFA_REQUIRED_ROLES).
ROLE_NAMES = frozenset(ProgrammeRole.values) - {""} | frozenset(MembershipRole.values)


class KokomaUserManager(UserManager["User"]):
    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("username", email)
        return super().create_user(email=email, password=password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("username", email)
        return super().create_superuser(email=email, password=password, **extra)


class User(AbstractUser):
    """A person with a login. Logs in with the e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("name"), max_length=150)
    handle = models.CharField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        validators=[validate_handle],
        help_text=_(
            "The name by which others mention you in comments with @, for example "
            "@anna-schmidt. Lower-case letters, digits and hyphens."
        ),
        error_messages={"unique": _("This handle is already taken. Please choose another.")},
    )
    programme_role = models.CharField(
        _("programme role"), max_length=32, choices=ProgrammeRole.choices, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects: ClassVar[KokomaUserManager] = KokomaUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The username column stays for compatibility with Django's auth; it mirrors the e-mail.
        self.username = self.email
        self._ensure_handle()
        super().save(*args, **kwargs)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # A new account is validated before its first save: its handle is made first.
        self._ensure_handle()
        super().full_clean(*args, **kwargs)

    def _ensure_handle(self) -> None:
        """A person without a handle gets one made from their name, unique with a number."""
        if self.handle:
            return
        others = User.objects.exclude(pk=self.pk) if self.pk else User.objects.all()
        self.handle = unique_handle(
            handle_base(self.display_name, self.email),
            taken=lambda handle: others.filter(handle=handle).exists(),
        )

    @property
    def is_programme_office(self) -> bool:
        return self.is_active and self.programme_role == ProgrammeRole.OFFICE

    def holds_any_role(self, roles: Collection[str]) -> bool:
        """Whether the person holds one of `roles` (programme or membership role names)."""
        if not roles or not self.is_active:
            return False
        if self.programme_role and self.programme_role in roles:
            return True
        return self.memberships.filter(role__in=roles).exists()

    def role_labels(self) -> list[str]:
        labels = []
        if self.programme_role:
            labels.append(str(ProgrammeRole(self.programme_role).label))
        for role in self.memberships.order_by("role").values_list("role", flat=True).distinct():
            label = str(MembershipRole(role).label)
            if label not in labels:
                labels.append(label)
        return labels


class MembershipQuerySet(models.QuerySet["Membership"]):
    def companions(self) -> MembershipQuerySet:
        return self.filter(role__in=COMPANION_ROLES)

    def tandem_municipalities(self, user: User) -> models.QuerySet[Membership, Any]:
        """The ids of the municipalities whose tandem `user` belongs to, as a subquery."""
        return self.companions().filter(user=user).values("municipality_id")


class Membership(models.Model):
    """User × municipality × role: the one place where local access comes from."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=32, choices=MembershipRole.choices)
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("For example: youth office, mayor's office, police liaison."),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality", "role", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_unique_role"
            ),
            # A tandem is one external and one local process companion per municipality.
            models.UniqueConstraint(
                fields=["municipality", "role"],
                condition=models.Q(role__in=["external_companion", "local_companion"]),
                name="membership_one_companion_per_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.municipality}"

    def is_companion(self) -> bool:
        return self.role in COMPANION_ROLES
