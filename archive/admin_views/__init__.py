"""Admin screens that are not a model's listing or editor."""
