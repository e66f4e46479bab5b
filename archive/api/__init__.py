"""The public, read-only API: every published, public record, under /api/v1/.

Each resource is one viewset in :mod:`archive.api.views`; what it may show comes only from the
models' ``public()`` querysets, so the API cannot disagree with the public pages."""
