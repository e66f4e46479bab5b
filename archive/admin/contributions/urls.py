"""The contributions' admin addresses, under /admin/contributions/ (registered in
wagtail_hooks.py, which gives them Wagtail's admin access check)."""

from django.urls import path

from . import views

urlpatterns = [
    path("contributions/", views.queue, name="archive_contributions"),
    path("contributions/<int:pk>/", views.review, name="archive_contribution_review"),
    path(
        "contributions/<int:pk>/<slug:action>/",
        views.decide,
        name="archive_contribution_decide",
    ),
]
