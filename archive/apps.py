from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Memorial archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete

        # Connects the signals that invalidate cached responses, in every process that can
        # change content (web servers, management commands, tests).
        from . import caching  # noqa: F401
        from .admin.notifications import connect_notifiers
        from .admin.restricted import mark_history_deleted
        from .models import Person

        # Workflow e-mails only to staff who may see the record they name.
        connect_notifiers()
        # The history of a deleted person stays hidden from those who may not see restricted
        # records (its labels may name one).
        post_delete.connect(mark_history_deleted, sender=Person, dispatch_uid="person_history")
