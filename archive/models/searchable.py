from django.db import models

from archive.text_search import text_keys


class Searchable(models.Model):
    """A record found by the words of ``searched_fields`` in any language and script (see
    :mod:`archive.text_search`): they are kept folded in ``search_key`` on every save."""

    search_key = models.TextField(editable=False, blank=True)

    searched_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_key = text_keys(*(getattr(self, name) for name in self.searched_fields))
        update_fields = kwargs.get("update_fields")
        # Saving a draft writes a few bookkeeping fields only: the key stays the live text's.
        if update_fields is not None and set(update_fields) & set(self.searched_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)
