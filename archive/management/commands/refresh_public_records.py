import time

from django.core.management.base import BaseCommand

from archive.api import sync
from archive.api.views import SYNCED


class Command(BaseCommand):
    help = (
        "Bring the API's incremental sync (changed_since, /api/v1/deletions/) up to date with "
        "the content, however much changed. Run it from cron every minute or so: requests do "
        "it themselves only for changes of a few thousand records."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        state = sync.refresh(SYNCED)
        self.stdout.write(
            f"Sync records as of {state.stamped_at or 'never'} "
            f"({time.monotonic() - started:.1f} s; another refresh under way is left to finish)."
        )
