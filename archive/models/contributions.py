"""What visitors send: remembrance messages, photos, corrections and people missing from the
archive. Each waits for a moderator; only approved messages and photos of public people are
ever shown, and the contributor's e-mail address never is."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import DirectionSafeText
from .people import Person, may_see_restricted

MODERATE = "archive.moderate_contribution"


def private_storage() -> Storage:
    """Where contributed photos are kept (the "contributions" storage: CONTRIBUTIONS_ROOT, or
    the bucket's private contributions/): never where the public reads, so that a photo reaches
    the public only through the view that checks its approval."""
    return storages["contributions"]


def may_moderate(user) -> bool:
    return user is not None and user.is_active and user.has_perm(MODERATE)


class ContributionQuerySet(models.QuerySet):
    def public(self):
        """Approved messages and photos about public people: corrections and reports of
        missing people are never shown; they become drafts that editors publish."""
        return self.filter(
            status=Contribution.Status.APPROVED,
            kind__in=Contribution.SHOWN_KINDS,
            person__in=Person.objects.public(),
        )

    def of_person(self, person_id: int):
        return self.public().filter(person_id=person_id).order_by("decided_at", "pk")

    def awaiting(self):
        return self.filter(status=Contribution.Status.PENDING)

    def visible_to(self, user):
        """What ``user`` may see in the admin: moderators only, and about restricted people
        only with the permission to see those."""
        if not may_moderate(user):
            return self.none()
        if may_see_restricted(user):
            return self
        return self.exclude(person__visibility=Person.Visibility.RESTRICTED)


class Contribution(DirectionSafeText):
    """One visitor's contribution, as sent, and the moderator's decision about it."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Remembrance message")
        PHOTO = "photo", _("Photo")
        CORRECTION = "correction", _("Correction or added fact")
        MISSING_PERSON = "missing_person", _("Person missing from the archive")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DRAFTED = "drafted", _("Turned into a draft")

    class Rights(models.TextChoices):
        OWN = "own", _("I took this photo, or I hold its rights")
        PERMISSION = "permission", _("Whoever holds its rights has allowed me to share it")
        FAMILY = "family", _("It is a family photo, and my family agrees to share it")

    SHOWN_KINDS = (Kind.MESSAGE, Kind.PHOTO)
    # Kinds a moderator turns into a draft instead of approving.
    DRAFTED_KINDS = (Kind.CORRECTION, Kind.MISSING_PERSON)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # None for a person missing from the archive.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    language = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=150)
    show_name = models.BooleanField(_("show the name"), default=False)
    # Never public: not on pages, in the API, exports or feeds (tests/test_contributions*.py).
    email = models.EmailField(_("e-mail address"))
    relationship = models.CharField(_("relationship to the person"), max_length=150)
    consented_at = models.DateTimeField(_("consent given at"))
    text = models.TextField(_("text"))
    source = models.TextField(_("source"), blank=True)
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to="photos/%Y/%m/", blank=True
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True)
    photo_height = models.PositiveIntegerField(null=True, blank=True)
    rights = models.CharField(_("rights"), max_length=12, choices=Rights.choices, blank=True)
    # A person missing from the archive, as the visitor names them.
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    fate = models.CharField(_("fate"), max_length=16, choices=Person.Fate.choices, blank=True)
    submitted_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    # The draft record a missing person became, or the record a correction was drafted into.
    draft = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("moderate_contribution", _("Can moderate visitors' contributions"))]
        indexes = [models.Index(fields=["person", "status"], name="contribution_person_status")]

    def __str__(self) -> str:
        about = self.person.display_name if self.person_id else self.missing_name
        return f"{self.get_kind_display()}: {about}"

    @property
    def missing_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.patronymic, self.family_name) if p)

    @property
    def shown_name(self) -> str | None:
        """The contributor's name as the public may read it: only if they chose to show it."""
        return self.name if self.show_name else None
