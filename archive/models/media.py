"""Photos and scanned documents attached to records: people, families, timeline entries and
statements. Each attachment is a Wagtail image or document with what the public must read
beside it: the alternative text (required for an image), a caption, the source it comes from,
the rights statement and the consent under which it is shown, and whether it is synthetic.

The description belongs to the attachment, not to the image: one photograph of a family shown
on the family's page and on a member's page is described for each.

What the public may see is each attachment model's ``public()``: the attachments of public
records, a person's only while no hold keeps their photo (:mod:`.holds`: a hold on the photo
keeps every image and document of the person). ``record_files()`` says which files the public
may read: the address of any other file of a record is sealed (:mod:`archive.media_files`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.images import get_image_model
from wagtail.models import Orderable, PanelPlaceholder

from .holds import Hold

# The widths (CSS pixels) a photo is rendered at for srcset; the largest doubles the page's
# widest column (600 px) for high-density screens.
RENDITION_WIDTHS = (400, 800, 1200)


def _model(name: str) -> type[models.Model]:
    return apps.get_app_config("archive").get_model(name)


class RecordMediaQuerySet(models.QuerySet):
    def attached(self):
        """Attachments whose image or document still exists (deleting one from the library
        leaves its attachment empty, with its description, rather than editing the record)."""
        return self.filter(models.Q(image__isnull=False) | models.Q(document__isnull=False))

    def for_display(self):
        """As pages and the API show them: image, document, source, record (whether it is
        synthetic), and each image's renditions at the widths pages use, in two queries
        whatever their number."""
        renditions = get_image_model().get_rendition_model()
        return (
            self.attached()
            .select_related("image", "document", "source", self.model.owner)
            .prefetch_related(
                models.Prefetch(
                    "image__renditions",
                    renditions.objects.filter(
                        filter_spec__in=[f"width-{width}" for width in RENDITION_WIDTHS]
                    ),
                )
            )
            .order_by("sort_order", "pk")
        )

    def public(self):
        return self.filter(**{f"{self.model.owner}__in": self.model.public_owners()}).attached()


class RecordMedia(Orderable):
    """One photo or scanned document of a record, and what is said of it."""

    class Consent(models.TextChoices):
        FAMILY = "family", _("Family consent given")
        RIGHTS_HOLDER = "rights_holder", _("Rights holder's permission")
        PUBLIC_DOMAIN = "public_domain", _("Public domain")
        OPEN_LICENCE = "open_licence", _("Open licence")
        OFFICIAL = "official", _("Official record, published by its issuer")
        ARCHIVE = "archive", _("The archive's own work")

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan or file to download (PDF, ...). Choose an image or a document."),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required for an image. "
            "Say what matters here, not the file name."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    source = models.ForeignKey(
        "archive.Source",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the photo or document comes from."),
    )
    rights = models.CharField(
        _("rights statement"),
        max_length=300,
        help_text=_("Who holds the rights, e.g. “© the Mammadov family” or “Public domain”."),
    )
    consent = models.CharField(
        _("consent"),
        max_length=16,
        choices=Consent.choices,
        help_text=_("On what terms the archive shows it."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("A generated placeholder, not a real photo or document."),
    )

    objects = RecordMediaQuerySet.as_manager()
    # The name of the ParentalKey to the record: each concrete model sets it.
    owner = ""

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.caption or self.alt_text or str(self.image or self.document or "")

    @classmethod
    def public_owners(cls) -> models.QuerySet:
        raise NotImplementedError

    @property
    def record(self):
        return getattr(self, self.owner)

    @property
    def shows_synthetic(self) -> bool:
        """Flagged as synthetic by itself or through its record (a synthetic person's)."""
        return self.is_synthetic or bool(getattr(self.record, "is_synthetic", False))

    def clean(self):
        super().clean()
        if bool(self.image_id) == bool(self.document_id):
            raise ValidationError(_("Choose an image or a document (one of them)."))
        if self.image_id and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Describe the image for people who cannot see it.")}
            )


class PersonMedia(RecordMedia):
    person = ParentalKey("archive.Person", related_name="media", on_delete=models.CASCADE)
    owner = "person"

    class Meta(RecordMedia.Meta):
        verbose_name = _("photo or document of a person")
        verbose_name_plural = _("photos and documents of people")

    @classmethod
    def public_owners(cls):
        # A hold on the photo keeps every image and document of the person.
        held = Hold.objects.holding("photo").held_keys()
        return _model("Person").objects.public().exclude(translation_key__in=held)


class FamilyMedia(RecordMedia):
    family = ParentalKey("archive.Family", related_name="media", on_delete=models.CASCADE)
    owner = "family"

    class Meta(RecordMedia.Meta):
        verbose_name = _("photo or document of a family")
        verbose_name_plural = _("photos and documents of families")

    @classmethod
    def public_owners(cls):
        return _model("Family").objects.public()


class TimelineEntryMedia(RecordMedia):
    entry = ParentalKey("archive.TimelineEntry", related_name="media", on_delete=models.CASCADE)
    owner = "entry"

    class Meta(RecordMedia.Meta):
        verbose_name = _("photo or document of a timeline entry")
        verbose_name_plural = _("photos and documents of timeline entries")

    @classmethod
    def public_owners(cls):
        return _model("TimelineEntry").objects.public()


class StatementMedia(RecordMedia):
    statement = ParentalKey("archive.StatementPage", related_name="media", on_delete=models.CASCADE)
    owner = "statement"

    class Meta(RecordMedia.Meta):
        verbose_name = _("photo or document of a statement")
        verbose_name_plural = _("photos and documents of statements")

    @classmethod
    def public_owners(cls):
        return _model("StatementPage").objects.public()


def media_panel() -> PanelPlaceholder:
    """The edit form's "Photos and documents": Wagtail's image, document and source choosers
    (never a select listing every row), one attachment after another, in the order shown.

    The panel is the admin's ``ChosenLinksInlinePanel``, named by path as Wagtail names its
    own panels on ``Page`` (the models import nothing from the admin), so that the statement
    page's rows, like the snippets', read their sources in one query and word the source
    chooser in the editor's language ("Choose source" read in English on the statement's form)."""
    return PanelPlaceholder(
        "archive.admin.panels.ChosenLinksInlinePanel",
        ["media"],
        {
            "heading": _("Photos and documents"),
            "label": _("Photo or document"),
            "panels": [
                FieldRowPanel([FieldPanel("image"), FieldPanel("document")]),
                FieldPanel("alt_text"),
                FieldPanel("caption"),
                FieldRowPanel([FieldPanel("source"), FieldPanel("consent")]),
                FieldPanel("rights"),
                FieldPanel("is_synthetic"),
            ],
        },
    )


MEDIA_MODELS = (PersonMedia, FamilyMedia, TimelineEntryMedia, StatementMedia)


@dataclass
class RecordFiles:
    """The images and documents records show (``images``, ``documents``) and those of them
    the public may see (``public_images``, ``public_documents``)."""

    images: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    public_images: set[int] = field(default_factory=set)
    public_documents: set[int] = field(default_factory=set)


def record_files() -> RecordFiles:
    """Every image and document a record shows (attached to it, or a person's portrait), and
    which of them the public may see: attached to a public record, or the portrait of a public
    person (a held one is not). Two queries per kind of record, each reading only the records
    that have files, by primary key: at 100,000 people with 500 photos, 8 queries in 169 ms
    on this 2-core machine under a load average of 25, where asking which records are public
    first read them all (22 queries, 1.3 s; bench/record_media.py)."""
    files = RecordFiles()
    portraits = list(
        _model("Person").objects.exclude(photo=None).order_by().values_list("pk", "photo")
    )
    files.images.update(photo for _pk, photo in portraits)
    if portraits:
        public = _model("Person").objects.public().revealing("photo")
        public = set(
            public.filter(pk__in=[pk for pk, _photo in portraits]).order_by().values_list("pk")
        )
        files.public_images.update(photo for pk, photo in portraits if (pk,) in public)
    for model in MEDIA_MODELS:
        owner = f"{model.owner}_id"
        rows = list(model.objects.attached().order_by().values_list(owner, "image", "document"))
        if not rows:
            continue
        public = set(
            model.public_owners()
            .filter(pk__in={row[0] for row in rows})
            .order_by()
            .values_list("pk", flat=True)
        )
        for owner_id, image, document in rows:
            kind = "images" if image else "documents"
            getattr(files, kind).add(image or document)
            if owner_id in public:
                getattr(files, f"public_{kind}").add(image or document)
    return files


def shown_by_restricted_people(model) -> models.Q:
    """A filter of ``model`` (Wagtail's image or document model) to the files a restricted
    person, or one held whole, shows: its portrait or attachments. Only staff who may see
    restricted records may read them, or read their titles in the admin's libraries."""
    Person = _model("Person")
    people = Person.objects.filter(
        models.Q(translation_key__in=Person.objects.restricted().values("translation_key"))
        | models.Q(translation_key__in=Hold.objects.whole_records().held_keys())
    )
    # Never a NULL in the lists: "NOT IN" a list holding one excludes every file.
    field = "image" if model is get_image_model() else "document"
    attached = PersonMedia.objects.filter(person__in=people, **{f"{field}__isnull": False})
    shown = models.Q(pk__in=attached.values(field))
    if field == "image":
        shown |= models.Q(pk__in=people.filter(photo__isnull=False).values("photo"))
    return shown


def restricted_people_show(*, image=None, document=None) -> bool:
    """Whether ``image`` or ``document`` is shown by a restricted person or one held whole:
    only staff who may see restricted records may then read it."""
    instance = image if image is not None else document
    model = type(instance)
    return model.objects.filter(shown_by_restricted_people(model), pk=instance.pk).exists()


def withheld_from_public(*, image=None, document=None) -> bool:
    """Whether a record shows ``image`` or ``document`` and no public record does: then only
    staff may read it, whatever its file's name says at this moment. Reads only the records
    that show it, by primary key."""
    field, value = ("image", image) if image is not None else ("document", document)
    showing = [(model, model.objects.filter(**{field: value})) for model in MEDIA_MODELS]
    if image is not None:
        people = _model("Person").objects.filter(photo=image)
        if (
            people.exists()
            and _model("Person")
            .objects.public()
            .revealing("photo")
            .filter(pk__in=people.values("pk"))
            .exists()
        ):
            return False
        showing_any = people.exists()
    else:
        showing_any = False
    for model, rows in showing:
        owners = set(rows.values_list(f"{model.owner}_id", flat=True))
        if owners and model.public_owners().filter(pk__in=owners).exists():
            return False
        showing_any = showing_any or bool(owners)
    return showing_any


def attached_in_memory(record) -> list:
    """A preview's attachments as its edit form holds them, before they are saved."""
    return [item for item in record.media.all() if item.image_id or item.document_id]
