"""The public site's Django views for the archive's snippets. Wagtail pages build their own
context (:mod:`archive.models.pages`); what views, pages and templates share is in
:mod:`archive.site`."""
