"""The public site: Django views for the archive's snippets, and the context of its pages."""
