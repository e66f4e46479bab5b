"""The site history (Wagtail's report of every logged action), without the restricted people a
member of staff may not see, and as fast with 1,000,000 people as with a thousand.

An import logs each record it writes, so the report reads 2,000,000 log entries at 1,000,000
people (bench/RESULTS.md, where its first page took 0.8 s for a superuser, 5.5 s for an editor).
Each step of it read them all; each now reads a few:

- the page: each log's latest entries from its index on time, no more of them than the
  listing counts, instead of a union of both logs sorted whole (PostgreSQL's planner does not
  merge the two logs' indexes through the union);
- the count: no further than the pages offered (:mod:`.pagination`);
- the filters' choices (actions, content types) and the content types a member of staff may
  see: each distinct value read from its index (:func:`distinct_values`), where PostgreSQL reads
  every row for a DISTINCT.

``tests/test_admin_site_history.py`` checks each against what Wagtail computes."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from .pagination import COUNT_LIMIT, CountLimitedPaginator
from .restricted import about_visible_records


def distinct_values(rows: QuerySet, field: str) -> set:
    """The values of ``field`` (an indexed column) in ``rows``, but null: one step through the
    field's index per value, where SELECT DISTINCT reads every row (the actions of 2,000,000
    log entries took 745 ms; PostgreSQL skips through an index by itself only from version 18)."""
    ordered = rows.order_by(field).values_list(field, flat=True)
    first = ordered.filter(**{f"{field}__isnull": False})[:1]
    after = ordered.filter(**{f"{field}__gt": RawSQL("found.value", ())})[:1]
    try:
        (first, first_params), (after, after_params) = (
            part.query.sql_with_params() for part in (first, after)
        )
    except EmptyResultSet:  # a condition no row meets, as ``id IN ()``
        return set()
    # The ORM's SQL, its values passed as parameters.
    sql = (
        "WITH RECURSIVE found(value) AS ("  # noqa: S608
        f"SELECT * FROM ({first}) AS start"
        f" UNION ALL SELECT ({after}) FROM found WHERE found.value IS NOT NULL"
        ") SELECT value FROM found WHERE value IS NOT NULL"
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, (*first_params, *after_params))
        return {value for (value,) in cursor.fetchall()}


def logged(user, field: str) -> set:
    """The values of ``field`` in the log entries of every log that ``user`` may see."""
    return set().union(
        *(
            distinct_values(log.objects.viewable_by_user(user), field)
            for log in log_registry.get_log_entry_models()
        )
    )


def allowed_content_type_ids(user) -> set[int]:
    """The content types of model log entries that ``user`` holds a permission on: what
    Wagtail's ``LogEntryQuerySet.viewable_by_user`` works out, and keeps on the user object, with
    a DISTINCT over every model log entry."""
    logged_types = distinct_values(ModelLogEntry.objects.all(), "content_type_id")
    allowed = set()
    for permission in Permission.objects.filter(content_type_id__in=logged_types):
        if permission.content_type_id in allowed:
            continue
        content_type = ContentType.objects.get_for_id(permission.content_type_id)
        if user.has_perm(f"{content_type.app_label}.{permission.codename}"):
            allowed.add(permission.content_type_id)
    return allowed


class SiteHistoryFilterSet(SiteHistoryReportFilterSet):
    object_type = ContentTypeFilter(
        label=_("Type"),
        method="filter_object_type",
        queryset=lambda request: ContentType.objects.filter(
            pk__in=logged(request.user, "content_type_id")
        ).order_by("model"),
    )

    def get_action_choices(self):
        actions = logged(self.request.user, "action")
        return [choice for choice in log_registry.get_choices() if choice[0] in actions]


class VisibleLogEntriesView(LogEntriesView):
    paginator_class = CountLimitedPaginator
    results_template_name = "archive/admin/site_history_results.html"
    filterset_class = SiteHistoryFilterSet

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not request.user.is_superuser:
            # Wagtail keeps this on the user object and computes it only when it is missing.
            request.user._allowed_content_type_ids = allowed_content_type_ids(request.user)

    def filter_queryset(self, queryset):
        # Called once per log before Wagtail joins them in a union; only model log entries can
        # be about a person (page log entries are about pages).
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = about_visible_records(queryset, self.request.user)
        return queryset

    def get_filtered_queryset(self):
        queryset = super().get_filtered_queryset()
        compound = connections[queryset.db].features.supports_slicing_ordering_in_compound
        if compound and not self.is_export:  # an export lists every entry
            # Each log's latest entries, no more than the listing shows: read from the log's
            # index on time, where the union was sorted whole.
            for part in queryset.query.combined_queries:
                part.add_ordering("-timestamp")
                part.set_limits(high=COUNT_LIMIT + 1)
        return queryset
