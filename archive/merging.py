"""Merging two records of one person: the moderator keeps one, chooses field by field which
value the kept record takes, and the other is merged into it and removed.

What happens, in one transaction (nothing is half-written when anything fails):

- **Fields**: the kept record takes each field's chosen value (its own unless the moderator
  chose the other's; the alternative spellings may keep both lists). Sources are the union of
  both; testimonies and fate events are both records' (fate events in date order, so the summary
  fate follows them).
- **The stricter wins**: the merged record is restricted if either was, and every hold of
  either record holds it (holds move with the rest). A synthetic record is never merged with a
  real one. The merged record is published if either was: a merge never takes a published
  person off the site.
- **Everything that names the removed record** moves to the kept one: family memberships (one
  per family: the kept record's relationship stays), visitors' contributions, holds, timeline
  entries' people, other records' "possible duplicate of", and any other link to a person.
- **Translations**: a version of the removed record in a language the kept record has is merged
  into that version (what names it moves; its words give way to the kept version's); one in a
  language the kept record lacks becomes the kept record's version in that language, keeping its
  words. Fields that are the same in every language (dates, places, fate, sex ...) take the
  merged values in every version; words (names, occupation, biography) stay each version's own.
- **History**: the removed versions' content and revisions are kept in a :class:`PersonMerge`
  (Wagtail deletes a record's revisions with it); the kept record's admin history and the site
  history say "merged"; the kept record's public history shows the merge with its reason
  (naming the removed record only if that one was public).
- **Addresses**: :class:`MergedRecord` names, for each removed version, the version it went into,
  so that its page, permalink and API address answer 301 there while both were public, and the
  API's sync reports it as a deletion with ``merged_into``.

Not done: undoing a merge (the :class:`PersonMerge` holds what an undo would need)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import log
from wagtail_localize.models import TranslatableObject

from archive.models import MergedRecord, Person, PersonMerge, PublishedChange
from archive.models.people import FamilyMembership
from archive.record_history import reason_for, record_published

MERGE_ACTION = "archive.merge"
KEPT, REMOVED, BOTH = "kept", "removed", "both"

# The fields the moderator chooses between, each with the columns it is stored in.
CHOSEN_FIELDS: dict[str, tuple[str, ...]] = {
    "family_name": ("family_name",),
    "given_name": ("given_name",),
    "patronymic": ("patronymic",),
    "name_original": ("name_original",),
    "alternative_spellings": ("alternative_spellings",),
    "sex": ("sex",),
    "born": ("born", "born_precision", "born_approximate"),
    "stated_age": ("stated_age",),
    "birth_place": ("birth_place_id",),
    "residence": ("residence_id",),
    "fate": ("fate",),
    "fate_date": ("fate_date", "fate_date_precision", "fate_date_approximate"),
    "fate_place": ("fate_place_id",),
    "event": ("event_id",),
    "occupation": ("occupation",),
    "biography": ("biography",),
    "photo": ("photo_id",),
    "verification": ("verification",),
    "external_id": ("external_id",),
}
# The same in every language, yet not the moderator's to choose: an identifier of the import.
OWN_TO_EACH_VERSION = {"external_id"}
# Words: each language's version keeps its own. Text without a fixed set of choices, as
# wagtail-localize tells what it translates from what it keeps in step (dates, fate, places).
WORDS = {
    name
    for name in CHOSEN_FIELDS
    if isinstance(Person._meta.get_field(name), (models.CharField, models.TextField))
    and not Person._meta.get_field(name).choices
} - OWN_TO_EACH_VERSION
# Fields whose two values may both be kept, one per line.
BOTH_ALLOWED = {"alternative_spellings"}


class MergeRefused(ValidationError):
    """The two records cannot be merged as they are; the message says why."""


def merge_allowed(user) -> bool:
    """Moderators merge (they may delete and publish people); editors do not."""
    return (
        user is not None
        and user.is_active
        and user.has_perms(["archive.delete_person", "archive.publish_person"])
    )


def check_pair(kept: Person, removed: Person, user) -> None:
    """Refuse, with the reason, what cannot be merged."""
    if kept.pk == removed.pk:
        raise MergeRefused(_("A record cannot be merged with itself."))
    if kept.translation_key == removed.translation_key:
        raise MergeRefused(
            _("These are two language versions of one record: they are one record already.")
        )
    if kept.locale_id != removed.locale_id:
        raise MergeRefused(
            _(
                "The two records are in different languages (%(kept)s and %(removed)s): "
                "merge the versions in the same language."
            )
            % {"kept": kept.locale.get_display_name(), "removed": removed.locale.get_display_name()}
        )
    if kept.is_synthetic != removed.is_synthetic:
        raise MergeRefused(_("A synthetic record cannot be merged with a real one."))
    rows = Person.objects.filter(
        translation_key__in=[kept.translation_key, removed.translation_key]
    ).select_related("locked_by")
    for row in rows:
        if row.locked and row.locked_by_id != getattr(user, "pk", None):
            raise MergeRefused(
                _("%(name)s (%(language)s) is locked: unlock it before merging.")
                % {"name": row, "language": row.locale.get_display_name()}
            )
        if row.live and row.has_unpublished_changes:
            raise MergeRefused(
                _(
                    "%(name)s (%(language)s) has changes not yet published: publish them, or "
                    "let the moderation decide them, before merging."
                )
                % {"name": row, "language": row.locale.get_display_name()}
            )
        if row.workflow_in_progress:
            raise MergeRefused(
                _("%(name)s (%(language)s) is awaiting moderation: decide it before merging.")
                % {"name": row, "language": row.locale.get_display_name()}
            )


# What the comparison shows.


@dataclass(frozen=True)
class ComparedField:
    name: str
    label: str
    kept: str
    removed: str

    @property
    def differs(self) -> bool:
        return self.kept != self.removed

    @property
    def both_allowed(self) -> bool:
        return self.name in BOTH_ALLOWED

    @property
    def default(self) -> str:
        """What the comparison proposes: the kept record's value, unless it has none and the
        other has one (an imported duplicate's identifier in its list, say, so that the list's
        next import updates the kept record); both lists of spellings."""
        if self.both_allowed:
            return BOTH
        return REMOVED if self.removed and not self.kept else KEPT


def compared_fields(kept: Person, removed: Person) -> list[ComparedField]:
    """Each chosen field with its two values as the admin shows them."""
    return [
        ComparedField(name, field_label(name), shown(kept, name), shown(removed, name))
        for name in CHOSEN_FIELDS
    ]


def field_label(name: str) -> str:
    return str(Person._meta.get_field(name).verbose_name).capitalize()


def shown(person: Person, name: str) -> str:
    """A field's value as a moderator reads it ("" for none); a linked record by its name."""
    field = Person._meta.get_field(name)
    if name == "born":
        return str(person.birth_date or "")
    if name == "fate_date":
        return str(person.date_of_fate or "")
    if field.choices:
        return str(getattr(person, f"get_{name}_display")()) if getattr(person, name) else ""
    value = getattr(person, name)
    if value is None:
        return ""
    if name == "biography":
        return " ".join(strip_tags(value).split())
    return str(value)


# Merging.


def merge_people(
    kept: Person, removed: Person, *, choices: dict[str, str], reason: str, user
) -> PersonMerge:
    """Merge ``removed`` into ``kept`` (see the module's docstring); ``choices`` names, per
    field of :data:`CHOSEN_FIELDS`, whose value the kept record takes (``kept`` where not
    given). Raises :class:`MergeRefused` when the pair cannot be merged."""
    with transaction.atomic():
        # Both records' versions, locked until the merge commits: no one edits them meanwhile.
        rows = list(
            Person.objects.select_for_update()
            .filter(translation_key__in=[kept.translation_key, removed.translation_key])
            .order_by("pk")
        )
        kept = next((row for row in rows if row.pk == kept.pk), None)
        removed = next((row for row in rows if row.pk == removed.pk), None)
        if kept is None or removed is None:
            raise MergeRefused(_("One of the records no longer exists."))
        check_pair(kept, removed, user)
        try:
            return _Merge(kept, removed, rows, choices, reason, user).run()
        except MergeRefused:
            raise
        except ValidationError as invalid:
            # A value the kept record refuses (born after its fate, say): nothing is written.
            raise MergeRefused(invalid.messages) from invalid


class _Merge:
    def __init__(self, kept, removed, rows, choices, reason, user):
        self.kept, self.removed, self.user = kept, removed, user
        compared = compared_fields(kept, removed)
        self.choices = {field.name: choices.get(field.name) or field.default for field in compared}
        self.reason = reason.strip()
        self.kept_rows = {r.locale_id: r for r in rows if r.translation_key == kept.translation_key}
        self.removed_rows = {
            r.locale_id: r for r in rows if r.translation_key == removed.translation_key
        }
        self.public = set(
            Person.objects.public().filter(pk__in=[r.pk for r in rows]).values_list("pk", flat=True)
        )
        self.restricted = any(row.is_restricted for row in rows)
        self.compared = [field for field in compared if field.differs]
        self.moved: dict = {"translations": []}
        self.entries_before = _latest_entry_id()

    def run(self) -> PersonMerge:
        values = self.merged_values()
        removed_versions = [self.snapshot(row) for row in self.removed_rows.values()]
        for locale_id, row in self.removed_rows.items():
            into = self.kept_rows.get(locale_id)
            if into is not None:
                self.move_links(row, into)
        # The kept versions first (those that take a removed version's children and links),
        # then the removed versions that become the kept record's in a language it lacked.
        for locale_id, row in self.kept_rows.items():
            other = self.removed_rows.get(locale_id)
            own = values if row.pk == self.kept.pk else _shared(values)
            self.save(row, own, other)
        for locale_id, row in self.removed_rows.items():
            if locale_id not in self.kept_rows:
                row.translation_key = self.kept.translation_key
                row.public_id = self.kept.public_id
                self.save(row, _shared(values), None)
                self.moved["translations"].append(
                    {"locale": row.locale.language_code, "became": row.pk}
                )
        merge = self.record(removed_versions)
        self.remove()
        self.write_history()
        return merge

    def merged_values(self) -> dict[str, object]:
        """The columns the kept record takes: each field's chosen value."""
        values = {}
        for name, columns in CHOSEN_FIELDS.items():
            choice = self.choices[name]
            if choice == BOTH and name in BOTH_ALLOWED:
                lines = [*getattr(self.kept, name).splitlines()]
                lines += getattr(self.removed, name).splitlines()
                values[name] = "\n".join(dict.fromkeys(line for line in lines if line.strip()))
                continue
            source = self.removed if choice == REMOVED else self.kept
            for column in columns:
                values[column] = getattr(source, column)
        return values

    def snapshot(self, row: Person) -> dict:
        """A removed version as it was, with its revisions (which go with its row)."""
        revisions = row.revisions.order_by("created_at", "pk").select_related("user")
        return _json(
            {
                "id": row.pk,
                "locale": row.locale.language_code,
                "live": row.live,
                "content": row.serializable_data(),
                "revisions": [
                    {
                        "id": revision.pk,
                        "created_at": revision.created_at,
                        "user": revision.user and revision.user.get_username(),
                        "content": revision.content,
                    }
                    for revision in revisions
                ],
            }
        )

    def move_links(self, removed: Person, kept: Person) -> None:
        """Point whatever links to ``removed`` (but its own children, which the kept version's
        revision takes) at ``kept``."""
        # Unique: the kept version may take it, once the removed one lets it go.
        Person.objects.filter(pk=removed.pk).update(external_id=None)
        FamilyMembership.objects.filter(
            person=removed, family__in=FamilyMembership.objects.filter(person=kept).values("family")
        ).delete()
        for field in _links_to_people():
            rows = field.model._default_manager.filter(**{field.name: removed})
            if field.many_to_many:
                through = field.remote_field.through
                source, target = _through_columns(field)
                named = through.objects.filter(**{target: removed.pk})
                already = through.objects.filter(**{target: kept.pk}).values(source)
                named.filter(**{f"{source}__in": already}).delete()
                count = named.update(**{target: kept.pk})
            elif field.model is Person:  # another record's "possible duplicate of"
                count = rows.exclude(pk=kept.pk).update(**{field.name: kept})
                rows.filter(pk=kept.pk).update(**{field.name: None})
            else:
                count = rows.update(**{field.name: kept})
            if count:
                key = f"{field.model._meta.model_name}.{field.name}"
                self.moved[key] = self.moved.get(key, 0) + count

    def save(self, row: Person, values: dict, other: Person | None) -> None:
        """Give ``row`` the merged values and ``other``'s children, and save it as a
        revision, published if either was."""
        if row.pk == self.kept.pk and self.kept.possible_duplicate_of_id == self.removed.pk:
            row.possible_duplicate_of = None  # the question it asked is answered
        for column, value in values.items():
            setattr(row, column, value)
        if self.restricted:
            row.visibility = Person.Visibility.RESTRICTED
        live = row.live or (other is not None and other.live)
        if other is not None:
            self.take_children(row, other)
        with (
            translation.override(row.locale.language_code),
            reason_for(self.public_reason(row), action=PublishedChange.Action.MERGED),
        ):
            if live:
                revision = row.save_revision(user=self.user)
                revision.publish(user=self.user, skip_permission_checks=True)
            else:
                row.save()
                row.save_revision(user=self.user)

    def take_children(self, row: Person, other: Person) -> None:
        """Both versions' sources, testimonies, fate events (and any other child records),
        in memory, so that the revision saved holds them and publishing it moves them."""
        row.sources = list({*row.sources.all(), *other.sources.all()})
        for relation in get_all_child_relations(Person):
            name = relation.get_accessor_name()
            own = list(getattr(row, name).all())
            taken = list(getattr(other, name).all())
            for child in taken:
                setattr(child, relation.field.name, row)
            children = own + taken
            if name == "fate_events":
                children = _in_date_order(children)
            for order, child in enumerate(children):
                if hasattr(child, "sort_order"):
                    child.sort_order = order
            setattr(row, name, children)
            if taken:
                self.moved[name] = self.moved.get(name, 0) + len(taken)

    def public_reason(self, row: Person) -> str:
        """The reason the public history shows: the moderator's, and the record merged in
        where the public could see it."""
        if self.removed.pk not in self.public:
            return self.reason
        said = gettext(
            "Merged with the record of %(name)s (%(public_id)s), a duplicate of this one."
        ) % {"name": self.removed, "public_id": self.removed.shown_public_id}
        return f"{self.reason}\n{said}"

    def record(self, removed_versions: list[dict]) -> PersonMerge:
        for locale_id, row in self.removed_rows.items():
            into = self.kept_rows.get(locale_id)
            if into is None:
                continue
            MergedRecord.objects.create(
                model=Person._meta.label_lower,
                record_id=row.pk,
                merged_into=into.pk,
                public_id=self.removed.public_id if row.pk == self.removed.pk else "",
                was_public=row.pk in self.public,
            )
            self.moved["translations"].append(
                {"locale": row.locale.language_code, "removed": row.pk, "into": into.pk}
            )
        merge = PersonMerge.objects.create(
            kept=self.kept,
            removed_id=self.removed.pk,
            removed_public_id=self.removed.public_id,
            removed_name=str(self.removed),
            removed_was_public=self.removed.pk in self.public,
            merged_by=self.user,
            reason=self.reason,
            fields=[
                {
                    "field": f.name,
                    "label": f.label,
                    "chosen": self.choices[f.name],
                    "kept": f.kept,
                    "removed": f.removed,
                }
                for f in self.compared
            ],
            moved=self.moved,
            removed_versions=removed_versions,
        )
        data = {
            "kept": {"id": self.kept.pk, "title": str(self.kept)},
            "removed": {
                "id": self.removed.pk,
                "title": str(self.removed),
                "public_id": self.removed.shown_public_id,
                "restricted": self.removed.is_restricted,
            },
            "merge": merge.pk,
        }
        log(instance=self.removed, action=MERGE_ACTION, user=self.user, data=data)
        log(instance=self.kept, action=MERGE_ACTION, user=self.user, data=data)
        return merge

    def remove(self) -> None:
        for locale_id, row in self.removed_rows.items():
            if locale_id in self.kept_rows:
                row.delete()
        # wagtail-localize's record of the removed record's group, empty now (its versions
        # were removed or joined the kept record's): those that joined are translations of
        # the kept record, edited as such.
        TranslatableObject.objects.filter(translation_key=self.removed.translation_key).delete()

    def write_history(self) -> None:
        """A "merged" entry in the public history of each kept version the public sees, even
        where nothing it shows changed (publishing wrote one where something did)."""
        written = set(
            PublishedChange.objects.filter(
                pk__gt=self.entries_before, model=Person._meta.label_lower
            ).values_list("record_id", flat=True)
        )
        for row in Person.objects.filter(translation_key=self.kept.translation_key):
            if row.pk in written:
                continue
            with (
                translation.override(row.locale.language_code),
                reason_for(self.public_reason(row), action=PublishedChange.Action.MERGED),
            ):
                record_published(Person, [row.pk], always=True)


def _shared(values: dict) -> dict:
    """Of the merged values, those the same in every language version."""
    return {
        column: values[column]
        for name, columns in CHOSEN_FIELDS.items()
        if name not in WORDS and name not in OWN_TO_EACH_VERSION
        for column in columns
    }


def _in_date_order(events: list) -> list:
    """Both records' fate events, by date (undated ones where they stood, after the dated)."""
    dated = sorted((e for e in events if e.date), key=lambda e: e.date)
    return dated + [e for e in events if not e.date]


def _links_to_people() -> list[models.Field]:
    """Every field of any model that links to a person, but a person's own child records
    (``ParentalKey``: the kept version's revision takes those)."""
    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.related_model is Person
        and not isinstance(field, ParentalKey)
    ]


def _through_columns(field) -> tuple[str, str]:
    """The through table's columns of a many-to-many field to people: the owner's, the
    person's."""
    return field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"


def _latest_entry_id() -> int:
    return PublishedChange.objects.aggregate(latest=models.Max("pk"))["latest"] or 0


def _json(data: dict) -> dict:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))
