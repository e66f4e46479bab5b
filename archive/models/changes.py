"""What mirrors of the archive need to follow it through the API: which public records changed
or left public view, and when (see :mod:`archive.api.sync`).

None of this is content. Writing it changes no content generation, it is left out of backups
(a restored archive starts its history afresh, and mirrors crawl it again), and no public
surface reads it but the API's incremental sync."""

from django.db import models


class LoggedChange(models.Model):
    """A row written to one of the tables the API's large lists are made of: the table and
    column (``archive_person.id``, ``archive_testimony.person_id``) and the value it held.

    Written by the database's triggers only (:mod:`archive.api.changelog`), so that no way of
    writing (the admin, bulk moderation, the importer's COPY, commands, the scheduler, raw SQL)
    goes unnoticed; read and removed by the next refresh of :class:`PublicRecord`."""

    # "*" when a watched table was emptied at once (TRUNCATE): everything is to be checked.
    source = models.CharField(max_length=100)
    value = models.BigIntegerField(null=True)
    # Set by the refresh that reads the row, and that removes it once done; rows written
    # while it runs wait for the next one. A default in the database: triggers leave it out.
    claimed = models.BooleanField(db_default=False)

    class Meta:
        verbose_name = "logged change"

    def __str__(self) -> str:
        return f"{self.source} = {self.value}"


class PublicRecord(models.Model):
    """One record of one API list in one language, as it was at its last change: its
    fingerprint while it is public, and once it left public view, only that it did and, if it
    was merged, the record it was merged into."""

    kind = models.CharField(max_length=20)  # the list: person, family, statement, ...
    language = models.CharField(max_length=10)
    record_id = models.BigIntegerField()
    present = models.BooleanField()
    fingerprint = models.CharField(max_length=32, blank=True)  # MD5 of the record's JSON
    merged_into = models.BigIntegerField(null=True)
    changed_at = models.DateTimeField()
    # Orders changes within a list: increasing with changed_at, and unique, so that a cursor
    # can stand between two records stamped by the same refresh.
    sequence = models.BigIntegerField(unique=True)

    class Meta:
        verbose_name = "public record"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "record_id"], name="public_record_once_per_list"
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "language", "present", "sequence"], name="public_record_changes"
            ),
            models.Index(fields=["language", "present", "sequence"], name="public_record_left"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} ({self.language})"


class SyncState(models.Model):
    """The one row saying how far :class:`PublicRecord` is up to date."""

    generation = models.TextField(blank=True)  # the content version it reflects (caching)
    checked_at = models.DateTimeField(null=True)  # the database's clock when it was read
    stamped_at = models.DateTimeField(null=True)  # the latest change time given
    sequence = models.BigIntegerField(default=0)  # the latest sequence given
    started_at = models.DateTimeField(null=True)  # since when the history is complete
    # The address of each event's home page, by language and event (see sync.py).
    event_pages = models.JSONField(default=dict)

    class Meta:
        verbose_name = "sync state"

    def __str__(self) -> str:
        return f"sync state as of {self.stamped_at}"


class MergedRecord(models.Model):
    """A record merged into another and removed: written by whatever merges, in the same
    transaction as the removal, so that mirrors are told where the record went."""

    model = models.CharField(max_length=100)  # the model's label: archive.person
    record_id = models.BigIntegerField()
    merged_into = models.BigIntegerField()
    # The removed record's permanent identifier (people have one): its permanent address then
    # leads to the record it was merged into.
    public_id = models.CharField(max_length=12, blank=True, db_index=True)
    # Whether the public could see the record when it was merged: only then do its old
    # addresses lead on (a restricted record's must not tell where it went). Mirrors hear of
    # it only if their list held it, which was so only if it was public.
    was_public = models.BooleanField(default=True)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "merged record"
        constraints = [
            models.UniqueConstraint(fields=["model", "record_id"], name="merged_record_once")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.record_id} into {self.merged_into}"
