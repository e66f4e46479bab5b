from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Memorial archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .caching.generation import install_triggers

        # Every table of content carries the trigger that keeps the content generation current.
        post_migrate.connect(install_triggers, sender=self)
        post_migrate.connect(_create_cache_tables, sender=self)


def _create_cache_tables(using, **kwargs):
    """The database cache tables of ``CACHES`` (the rate limits' counters without Redis)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
