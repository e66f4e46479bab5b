"""The site history at archive scale (archive/admin/site_history.py): what it computes through
indexes equals what Wagtail computes, and it lists, counts and exports the same entries."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.reports.audit_logging import (
    get_actions_for_filter,
    get_content_types_for_filter,
)
from wagtail.models import ModelLogEntry, PageLogEntry

from archive.admin import pagination
from archive.admin.site_history import (
    SiteHistoryFilterSet,
    allowed_content_type_ids,
    distinct_values,
)
from archive.models import Person
from tests.factories import PersonFactory, SourceFactory, user_in

URL = reverse("wagtailadmin_reports:site_history")


@pytest.fixture
def history(db):
    """Log entries of people (public and restricted), of a source and of a page, a minute apart,
    by two users and by none (as an import logs)."""
    editor, moderator = user_in("Editors", "editor"), user_in("Moderators", "moderator")
    start = timezone.now() - datetime.timedelta(days=1)
    records = [
        *(PersonFactory(family_name=f"Historyov{n}") for n in range(6)),
        PersonFactory(family_name="Hiddenhistory", visibility=Person.Visibility.RESTRICTED),
        SourceFactory(),
    ]
    for n, record in enumerate(records * 2):
        action = ("wagtail.create", "wagtail.edit", "wagtail.publish")[n % 3]
        ModelLogEntry.objects.log_action(
            record,
            action,
            user=(editor, moderator, None)[n % 3],
            timestamp=start + datetime.timedelta(minutes=n),
        )
    return editor, moderator


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["action", "content_type_id", "user_id", "object_id"])
def test_distinct_values_are_those_of_select_distinct_but_null(history, field):
    for rows in (
        ModelLogEntry.objects.all(),
        ModelLogEntry.objects.filter(action="wagtail.edit"),
        ModelLogEntry.objects.filter(content_type_id__in=[]),
        ModelLogEntry.objects.none(),
        PageLogEntry.objects.all() if field != "object_id" else ModelLogEntry.objects.all(),
    ):
        expected = set(rows.values_list(field, flat=True).distinct()) - {None}

        assert distinct_values(rows, field) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", [0, 1])
def test_the_content_types_a_user_may_see_are_those_wagtail_computes(history, role):
    user = history[role]
    fresh = type(user).objects.get(pk=user.pk)  # without the value Wagtail keeps on the object
    ModelLogEntry.objects.viewable_by_user(fresh)

    assert allowed_content_type_ids(user) == fresh._allowed_content_type_ids


@pytest.mark.django_db
@pytest.mark.parametrize("role", [0, 1])
def test_the_filters_offer_the_actions_and_content_types_wagtail_offers(rf, history, role):
    request = rf.get(URL)
    request.user = type(history[role]).objects.get(pk=history[role].pk)

    filters = SiteHistoryFilterSet(data={}, request=request)

    assert filters.get_action_choices() == get_actions_for_filter(request.user)
    offered = filters.filters["object_type"].queryset(request)
    assert list(offered) == list(get_content_types_for_filter(request.user))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [0, 1])
def test_the_first_page_lists_the_latest_entries_the_user_may_see(history, role, monkeypatch):
    """Past the count limit too: each log's latest entries are read, then merged."""
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    client = Client()
    client.force_login(history[role])
    visible = ModelLogEntry.objects.order_by("-timestamp")
    if role == 0:
        visible = visible.exclude(label__contains="Hiddenhistory")
    latest, next_one = [entry.label for entry in visible[:3]], visible[3].label

    html = client.get(URL).content.decode()

    assert sorted(latest, key=html.find) == latest and -1 not in map(html.find, latest)
    assert next_one not in html
    assert "More than 3" in html


@pytest.mark.django_db
def test_an_export_lists_every_entry_past_the_count_limit(history, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    client = Client()
    client.force_login(history[1])

    response = client.get(URL, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    person_type = ContentType.objects.get_for_model(Person)
    logged = ModelLogEntry.objects.filter(content_type=person_type).count()
    assert sum(1 for row in rows if row["Type"] == "Person") == logged
