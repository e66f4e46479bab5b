from django.core.management.base import BaseCommand

from archive.admin.translations.adopt import adopt_everything


class Command(BaseCommand):
    help = (
        "Bring every translation made outside the translation editor (the demo's, copies edited "
        "by hand) into it: edited side by side, marked out of date when its original changes. "
        "See docs/translation.md."
    )

    def handle(self, *args, **options):
        adopted = adopt_everything()
        self.stdout.write(self.style.SUCCESS(f"{adopted} translations now in the editor."))
