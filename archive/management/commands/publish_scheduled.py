from wagtail.management.commands import publish_scheduled

from archive.single_run import alone


class Command(publish_scheduled.Command):
    help = (
        "Wagtail's scheduled publishing and expiry, safe to run from cron on every app server: "
        "while one run works, the others started meanwhile leave the work to it, so each "
        "record is published (and its history written) once."
    )

    def handle(self, *args, **options):
        with alone("publish_scheduled") as first:
            if not first:
                self.stdout.write("Another publish_scheduled is running; leaving the work to it.")
                return
            super().handle(*args, **options)
