from django.core.management.base import BaseCommand

from archive.demo import load_demo


class Command(BaseCommand):
    help = (
        "Build the site tree and load the seed event, statement, timeline and figures with their "
        "source, in English, Azerbaijani, Turkish and Russian. Safe to run again: it changes "
        "nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic-people",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N clearly flagged synthetic remembrance records.",
        )

    def handle(self, *args, synthetic_people, **options):
        result = load_demo(synthetic_people=synthetic_people)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content is in place "
                f"({result['synthetic_people_created']} new synthetic records)."
            )
        )
