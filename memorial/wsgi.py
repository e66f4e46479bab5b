import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memorial.settings.production")
application = get_wsgi_application()

from memorial.startup import refuse_uncollected_static_files  # noqa: E402 (needs Django set up)

refuse_uncollected_static_files()
