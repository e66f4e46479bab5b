from django.core.management.base import BaseCommand

from archive.admin.holds.reminders import line, remind
from archive.single_run import alone


class Command(BaseCommand):
    help = (
        "E-mail the moderators the holds whose review date has come (an embargo on a living "
        "person's record that has ended, a hold due for review), once per review date. "
        "Nothing is published: holds stay in effect until a moderator lifts them. Run it "
        "daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list-only", action="store_true", help="List the holds due, send no e-mail."
        )

    def handle(self, *args, list_only=False, **options):
        # On every app server at once, one run e-mails; the others leave the work to it.
        with alone("remind_holds") as first:
            if not first:
                self.stdout.write("Another remind_holds is running; leaving the work to it.")
                return
            holds = remind(send=not list_only)
        for hold in holds:
            self.stdout.write(line(hold))
        sent = "" if list_only or not holds else " (moderators e-mailed)"
        self.stdout.write(f"{len(holds)} hold(s) due for review{sent}.")
