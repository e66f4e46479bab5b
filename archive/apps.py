from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Memorial archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.models import Revision
        from wagtail.signals import published

        from .admin.change_reasons import StatementChangeForm
        from .admin.media_library import register_media_policies
        from .admin.notifications import connect_notifiers
        from .admin.restricted import mark_history_deleted
        from .admin.translations.sync import connect_source_refresh
        from .admin.widgets import word_chooser_tabs
        from .api.changelog import install_change_log
        from .caching.generation import install_triggers
        from .media_files import connect_sealing
        from .models import Person, StatementPage
        from .record_history import keep_revision_reason, on_published

        # Every table of content carries the trigger that keeps the content generation current.
        post_migrate.connect(install_triggers, sender=self)
        # The tables people's and families' API records are made of note every row written
        # to them, for the API's incremental sync.
        post_migrate.connect(install_change_log, sender=self)
        post_migrate.connect(_create_cache_tables, sender=self)
        # Workflow e-mails only to staff who may see the record they name.
        connect_notifiers()
        # The history of a deleted person stays hidden from those who may not see restricted
        # records (its labels may name one).
        post_delete.connect(mark_history_deleted, sender=Person, dispatch_uid="person_history")
        # A statement's date is typed in one box; set here, as wagtail.admin's AppConfig sets
        # Page.base_form_class, since models import nothing from the admin (the snippets' forms
        # are on their viewsets: archive/admin/edit_panels.py).
        StatementPage.base_form_class = StatementChangeForm

        # A change to an original marks its translations out of date.
        connect_source_refresh()

        # Each publish of a person, timeline entry or statement writes its public history,
        # and a revision saved from an edit form keeps the reason given for it.
        published.connect(on_published, dispatch_uid="record_history")
        post_save.connect(keep_revision_reason, sender=Revision, dispatch_uid="revision_reason")

        # The files of a record that leaves public view are sealed (archive/media_files.py).
        connect_sealing()
        # The image and document libraries leave out restricted records' files for staff who
        # may not see them.
        register_media_policies()
        # The choosers' "Search" tab in the reader's language (Wagtail words it at import).
        word_chooser_tabs()


def _create_cache_tables(using, **kwargs):
    """The database cache tables of ``CACHES`` (the rate limits' counters without Redis)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
