from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Memorial archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the signals that invalidate cached responses, in every process that can
        # change content (web servers, management commands, tests).
        from . import caching  # noqa: F401
        from .admin.notifications import connect_notifiers

        connect_notifiers()
