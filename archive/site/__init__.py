"""What the public site's views, pages and templates share: the main navigation, the address of
a page in each language, and schema.org structured data. The views themselves are still in
:mod:`archive.views`."""
