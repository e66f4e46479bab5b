"""Usage pages ("used by ...") without the restricted people a member of staff may not see.

A restricted person links to places, sources, events, a photo, pages in its biography and other
people; each of their usage pages would otherwise list it by name. Snippet viewsets take
:class:`VisibleUsageView`; the page, image and document usage views are replaced in
:mod:`archive.admin.urls`."""

from wagtail.admin.views.pages.usage import UsageView as PageUsageView
from wagtail.documents.views.documents import UsageView as DocumentUsageView
from wagtail.images.views.images import UsageView as ImageUsageView
from wagtail.models import ReferenceIndex
from wagtail.snippets.views.snippets import UsageView as SnippetUsageView

from .restricted import about_visible_records


class VisibleReferencesMixin:
    def get_queryset(self):
        references = ReferenceIndex.get_references_to(self.object)
        return about_visible_records(references, self.request.user).group_by_source_object()


class VisibleUsageView(VisibleReferencesMixin, SnippetUsageView):
    pass


class VisiblePageUsageView(VisibleReferencesMixin, PageUsageView):
    pass


class VisibleImageUsageView(VisibleReferencesMixin, ImageUsageView):
    pass


class VisibleDocumentUsageView(VisibleReferencesMixin, DocumentUsageView):
    pass
