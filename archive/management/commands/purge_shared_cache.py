"""Purge from the shared cache in front what the database changed since it was last told."""

from django.core.management.base import BaseCommand

from archive.caching.purging import purge_changed


class Command(BaseCommand):
    help = (
        "Purge from the shared cache in front (Varnish, FRONTEND_CACHE_URL) the pages of every "
        "record changed since the last purge. Run it from cron every minute, and after commands "
        "that write (imports, publish_scheduled); the admin purges after each of its writes."
    )

    def handle(self, *args, **options):
        purged = purge_changed()
        if options["verbosity"] > 1:
            self.stdout.write(" ".join(sorted(purged)) or "nothing changed")
