from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "memorial-dev"  # noqa: S105 - a development login, refused outside DEBUG


class Command(BaseCommand):
    help = "Create (once) a development superuser and print its login. Refuses when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_admin is for development only (DEBUG is off).")
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            User.objects.create_superuser(USERNAME, "admin@example.invalid", PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                f"Development admin: http://127.0.0.1:8000/admin/  "
                f"user {USERNAME}  password {PASSWORD}"
            )
        )
