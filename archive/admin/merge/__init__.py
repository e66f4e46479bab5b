"""Merging two records of one person, for moderators: choose the other record, compare the two
side by side, choose field by field, confirm (see :mod:`archive.merging` for what a merge does).

Reached from a person's edit page and listing ("Merge with a duplicate…"), from the list of
possible duplicates an import flagged (linked from the people listing and the import's result),
and from a flagged person's "Compare with its possible duplicate"."""
