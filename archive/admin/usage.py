"""Usage pages ("used by ...") without the restricted people a member of staff may not see, and
one page of them at a time.

A restricted person links to places, sources, events, a photo, pages in its biography and other
people; each of their usage pages would otherwise list it by name. Snippet viewsets take
:class:`VisibleUsageView`; the page, image and document usage views are replaced in
:mod:`archive.admin.urls`.

Wagtail's ``ReferenceGroups`` answers a page of a usage listing by fetching every referring
record, one query each, and slicing the list: a place 100,000 people live in took 100,000
queries to show 20 of them. :class:`PagedReferenceGroups` pages the referring records in SQL and
fetches the 20 shown in one query per kind of record."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.views.pages.usage import UsageView as PageUsageView
from wagtail.documents.views.documents import UsageView as DocumentUsageView
from wagtail.images.views.images import UsageView as ImageUsageView
from wagtail.models import ReferenceIndex
from wagtail.snippets.views.snippets import UsageView as SnippetUsageView

from .pagination import CountLimitedPaginator
from .restricted import about_visible_records


class PagedReferenceGroups:
    """``(referring record, its references)`` pairs of ``references``, as Wagtail's
    ``ReferenceGroups`` yields them and in the same order, for a paginator (counted up to its
    limit): a slice costs three queries per kind of record in it, whatever the number of
    references."""

    def __init__(self, references):
        self.references = references.order_by("base_content_type", "object_id")
        self.sources = self.references.values_list("base_content_type", "object_id").distinct()

    def count_up_to(self, limit: int) -> int:
        return self.sources[: limit + 1].count()

    def __getitem__(self, page: slice) -> list:
        keys = list(self.sources[page])
        ids_by_type = defaultdict(list)
        for content_type_id, object_id in keys:
            ids_by_type[content_type_id].append(object_id)
        records, references = {}, defaultdict(list)
        for content_type_id, ids in ids_by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            for record in model._base_manager.filter(pk__in=ids):
                records[content_type_id, str(record.pk)] = record
            for reference in self.references.filter(
                base_content_type_id=content_type_id, object_id__in=ids
            ):
                references[content_type_id, reference.object_id].append(reference)
        # A reference left behind by a deleted record has nothing to show (Wagtail's raises).
        return [(records[key], references[key]) for key in keys if key in records]


class VisibleReferencesMixin:
    # A place may be used by 100,000 people; the restricted ones are left out row by row.
    paginator_class = CountLimitedPaginator

    def get_queryset(self):
        references = ReferenceIndex.get_references_to(self.object)
        return PagedReferenceGroups(about_visible_records(references, self.request.user))


class VisibleUsageView(VisibleReferencesMixin, SnippetUsageView):
    pass


class VisiblePageUsageView(VisibleReferencesMixin, PageUsageView):
    pass


class VisibleImageUsageView(VisibleReferencesMixin, ImageUsageView):
    pass


class VisibleDocumentUsageView(VisibleReferencesMixin, DocumentUsageView):
    pass
