"""runserver as django.contrib.staticfiles makes it, except that a static address climbing out
of the static directories (``/static/../settings.py``) answers 400 rather than 500."""

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.contrib.staticfiles.management.commands import runserver
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.exception import response_for_exception


class CheckedStaticFilesHandler(StaticFilesHandler):
    def serve(self, request):
        try:
            return super().serve(request)
        except SuspiciousOperation as refused:
            return response_for_exception(request, refused)


class Command(runserver.Command):
    def get_handler(self, *args, **options):
        handler = super().get_handler(*args, **options)
        if isinstance(handler, StaticFilesHandler):
            return CheckedStaticFilesHandler(handler.application)
        return handler
