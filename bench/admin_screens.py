"""Every admin screen an editor, moderator or superuser opens, by name and address: what
``bench/admin.py`` times at archive scale and ``tests/test_admin_queries.py`` counts queries of.

Needs a configured Django and a database with the demo content and at least one person."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

# A search and a filter on each snippet listing (None: the listing has no filter).
LISTING_SEARCH = {
    "person": "mammadov",
    "family": "family",
    "timelineentry": "khojaly",
    "source": "report",
    "place": "khojaly",
    "organisation": "ministry",
    "event": "khojaly",
    "reportedfigure": "killed",
}
LISTING_FILTER = {
    "person": {"fate": "killed", "verification": "unverified"},
    "family": {"whole_family_killed": "true"},
    "timelineentry": {"category": "event", "live": "true"},
    "source": {"kind": "government"},
    "place": None,
    "organisation": {"kind": "government"},
    "event": None,
    "reportedfigure": {"counts": "killed"},
}
MODERATED = {"person", "timelineentry"}  # drafts, revisions, workflow
# The contributions a moderator reviews: each kind shows another form (approve, a draft of a
# correction, a draft of a missing person).
REVIEWED_KINDS = ("message", "correction", "missing_person")


def sample_records() -> dict[str, object]:
    """One record of each collection: a person from the middle of the table, the first of the
    others; and a statement page and the home page."""
    from archive.models import (
        Contribution,
        Event,
        Family,
        Hold,
        HomePage,
        Organisation,
        Person,
        Place,
        ReportedFigure,
        Source,
        StatementPage,
        TimelineEntry,
    )

    people = Person.objects.filter(visibility=Person.Visibility.PUBLIC).order_by("pk")
    person = people[people.count() // 2]
    return {
        "person": person,
        # The record the merge screens compare the sample person with.
        "other person": people.exclude(pk=person.pk).first(),
        "family": Family.objects.order_by("pk").first(),
        "timelineentry": TimelineEntry.objects.order_by("pk").first(),
        "source": Source.objects.order_by("pk").first(),
        "place": Place.objects.order_by("pk").first(),
        "organisation": Organisation.objects.order_by("pk").first(),
        "event": Event.objects.order_by("pk").first(),
        "reportedfigure": ReportedFigure.objects.order_by("pk").first(),
        "statement": StatementPage.objects.order_by("pk").first(),
        "home": HomePage.objects.order_by("pk").first(),
        "hold": Hold.objects.order_by("pk").first(),
        **{
            f"contribution: {kind}": Contribution.objects.filter(kind=kind, status="pending")
            .order_by("pk")
            .first()
            for kind in REVIEWED_KINDS
        },
    }


def _with(url: str, **query) -> str:
    return f"{url}?{urlencode(query, doseq=True)}"


def snippet_screens(model: str, record) -> dict[str, str]:
    views, chooser = f"wagtailsnippets_archive_{model}", f"wagtailsnippetchoosers_archive_{model}"
    listing = reverse(f"{views}:list")
    screens = {
        f"{model}: listing": listing,
        f"{model}: listing, search": _with(listing, q=LISTING_SEARCH[model]),
        f"{model}: add form": reverse(f"{views}:add"),
        f"{model}: chooser": reverse(f"{chooser}:choose"),
        f"{model}: chooser, search": _with(
            reverse(f"{chooser}:choose_results"), q=LISTING_SEARCH[model][:3]
        ),
        f"{model}: chooser, search and locale": _with(
            reverse(f"{chooser}:choose_results"), q=LISTING_SEARCH[model][:3], locale="en"
        ),
    }
    if LISTING_FILTER[model]:
        screens[f"{model}: listing, filter"] = _with(listing, **LISTING_FILTER[model])
        screens[f"{model}: listing, search and filter"] = _with(
            listing, q=LISTING_SEARCH[model], **LISTING_FILTER[model]
        )
    if record is not None:
        pk = record.pk
        screens |= {
            f"{model}: edit form": reverse(f"{views}:edit", args=[pk]),
            f"{model}: history": reverse(f"{views}:history", args=[pk]),
            f"{model}: usage": reverse(f"{views}:usage", args=[pk]),
        }
        if model in MODERATED:
            screens[f"{model}: workflow history"] = reverse(f"{views}:workflow_history", args=[pk])
            revision = record.latest_revision_id
            if revision:
                screens[f"{model}: revision"] = reverse(
                    f"{views}:revisions_view", args=[pk, revision]
                )
                screens[f"{model}: revisions compared"] = reverse(
                    f"{views}:revisions_compare", args=[pk, "earliest", "latest"]
                )
    return screens


def moderation_screens(records: dict[str, object]) -> dict[str, str]:
    """The moderators' screens of issue 12: the queue of visitors' contributions, one of each
    kind under review, the holds; and the public history of changes of the sample person,
    which the edit form's reason feeds."""
    queue = reverse("archive_contributions")
    holds = "wagtailsnippets_archive_hold"
    screens = {
        "contributions: queue": queue,
        "contributions: queue, approved": _with(queue, status="approved"),
        "contributions: queue, last page": _with(queue, p=10**6),  # past the end: the last
        "holds: listing": reverse(f"{holds}:list"),
        "holds: listing, filter": _with(reverse(f"{holds}:list"), status="requested"),
        "holds: add form": reverse(f"{holds}:add"),
    }
    for kind in REVIEWED_KINDS:
        contribution = records.get(f"contribution: {kind}")
        if contribution is not None:
            screens[f"contributions: review, {kind}"] = reverse(
                "archive_contribution_review", args=[contribution.pk]
            )
    if records.get("hold") is not None:
        screens["holds: edit form"] = reverse(f"{holds}:edit", args=[records["hold"].pk])
    person = records["person"]
    screens |= {
        "person: public page with its history": reverse("archive:person_detail", args=[person.pk]),
        "person: API history of changes": f"/api/v1/people/{person.pk}/changes/",
    }
    return screens


def media_and_merge_screens(records: dict[str, object]) -> dict[str, str]:
    """The screens of photos and documents (Wagtail's libraries and image chooser, which leave
    out restricted records' files for editors) and of merging duplicates (moderators only: an
    editor is turned away)."""
    person, other = records["person"], records["other person"]
    images = reverse("wagtailimages:index")
    return {
        "images: library": images,
        "images: library, search": _with(images, q="synthetic"),
        "images: chooser": reverse("wagtailimages_chooser:choose"),
        "documents: library": reverse("wagtaildocs:index"),
        "merge: possible duplicates": reverse("archive_possible_duplicates"),
        "merge: choose the other record": reverse("archive_merge_choose", args=[person.pk]),
        "merge: compare": reverse("archive_merge_compare", args=[person.pk, other.pk]),
    }


def admin_screens(records: dict[str, object] | None = None) -> dict[str, str]:
    """Name -> address of every admin screen measured."""
    records = records or sample_records()
    screens = {"dashboard": reverse("wagtailadmin_home")}
    for model in LISTING_SEARCH:
        screens |= snippet_screens(model, records[model])
    home, statement = records["home"], records["statement"]
    screens |= {
        "pages: explorer, root": reverse("wagtailadmin_explore_root"),
        "pages: explorer, home": reverse("wagtailadmin_explore", args=[home.pk]),
        "pages: search": _with(reverse("wagtailadmin_pages:search"), q="khojaly"),
        "pages: statement edit form": reverse("wagtailadmin_pages:edit", args=[statement.pk]),
        "pages: statement history": reverse("wagtailadmin_pages:history", args=[statement.pk]),
        "reports: workflow": reverse("wagtailadmin_reports:workflow"),
        "reports: workflow tasks": reverse("wagtailadmin_reports:workflow_tasks"),
        "reports: site history": reverse("wagtailadmin_reports:site_history"),
        "reports: locked items": reverse("wagtailadmin_reports:locked_pages"),
        "reports: aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "reports: translations, families": _with(
            reverse("archive_translations"), kind="family", language="az"
        ),
        "reports: translations, timeline": _with(
            reverse("archive_translations"), kind="timelineentry", language="ru"
        ),
        "import people": reverse("import_people:upload"),
    }
    return screens | moderation_screens(records) | media_and_merge_screens(records)
