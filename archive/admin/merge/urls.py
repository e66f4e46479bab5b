"""The merge's admin addresses, under /admin/people/ (registered in wagtail_hooks.py, which
gives them Wagtail's admin access check)."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/duplicates/", views.duplicates, name="archive_possible_duplicates"),
    path("people/<int:pk>/merge/", views.choose, name="archive_merge_choose"),
    path("people/<int:pk>/merge/<int:other>/", views.compare, name="archive_merge_compare"),
    path("people/<int:pk>/merges/", views.merges_of, name="archive_merges_of"),
]
