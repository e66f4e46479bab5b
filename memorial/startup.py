"""What a server process checks before it answers anything."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def refuse_uncollected_static_files() -> None:
    """Refuse to serve with hashed static file names and no ``collectstatic`` manifest.

    Every HTML page names its style sheet through the manifest; without it every page, the 500
    page included, fails with "Missing staticfiles manifest entry". Better to stop at once,
    saying why, than to answer 500 to everyone."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return
    manifest = Path(settings.STATIC_ROOT) / storage.manifest_name
    if not manifest.exists():
        raise ImproperlyConfigured(
            f"Static files are not collected ({manifest} is missing). Run "
            "`python manage.py collectstatic --no-input` with these settings before starting "
            "the server; `make serve` does."
        )
