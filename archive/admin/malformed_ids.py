"""Malformed ids in admin URLs answer 404 (in the path) or 400 (in the query), never 500.

Wagtail's URL converters let through ids its views then fail on: the snippet choosers take
``chosen/<str:pk>/`` and revision comparison ``(?P<pk>.+)``, so ``abc`` reaches a query on an
integer column (ValueError); ``chosen-multiple/?id=`` and the bulk actions' ``?id=`` pass any
text to ``pk__in``; and an id beyond 2**63 overflows SQLite's integers (OverflowError).

One middleware, limited to /admin/, checks every id before any view runs. Checking the input
rather than catching ValueError or OverflowError after a view raised them keeps real bugs
visible, and covers Wagtail's own views and every viewset alike, including ones added later."""

import re

from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.models import Page

# URL arguments that hold a record's id: pk, page_id, revision_id_a, workflow_pk ...
ID_ARGUMENT = re.compile(r"(?:^|_)(?:pk|id)(?:_|$)")
# Revision comparison names its ends by these words as well as by revision ids.
REVISION_WORDS = {"live", "earliest", "latest"}
LARGEST_ID = 2**63 - 1


def is_id(value) -> bool:
    if isinstance(value, int):
        return 0 <= value <= LARGEST_ID
    return bool(re.fullmatch(r"[0-9]{1,19}", value)) and int(value) <= LARGEST_ID


class MalformedIdsMiddleware:
    admin_prefix = SimpleLazyObject(lambda: reverse("wagtailadmin_home"))

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if not request.path.startswith(str(self.admin_prefix)):
            return None
        for name, value in kwargs.items():
            if ID_ARGUMENT.search(name) and value not in REVISION_WORDS and not is_id(value):
                raise Http404
        # The choosers' and bulk actions' selections; bulk actions also take "all".
        if not all(is_id(value) or value == "all" for value in request.GET.getlist("id")):
            return HttpResponseBadRequest(_("Each id must be a whole number."))
        return None


class PageChosenMultipleView(ChosenMultipleView):
    """Wagtail's page chooser answer for several ids, leaving out the root page: it has no
    parent, which Wagtail's view reads (AttributeError, 500) for ``?id=1``."""

    def get(self, request):
        ids = request.GET.getlist("id")
        request.GET = request.GET.copy()
        request.GET.setlist(
            "id",
            [
                str(pk)
                for pk in Page.objects.filter(pk__in=ids, depth__gt=1).values_list("pk", flat=True)
            ],
        )
        return super().get(request)
