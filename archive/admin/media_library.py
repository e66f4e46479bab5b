"""Wagtail's image and document libraries as staff without the permission to see restricted
records see them: without the files a restricted person (or one held whole) shows.

The libraries list every file's title, and a title often names the person ("Portrait of
…"): an editor who may not see a restricted record read its photo's title in Images, and
its thumbnail answered 404 (``/sealed-media/`` refuses it, :mod:`archive.views.media`). The
libraries, their choosers, their edit, delete and usage views and their bulk actions all ask
the model's permission policy which files a user may act on, so the policy registered here
(:func:`register_media_policies`, from ``apps.ready()``) leaves these files out of each of
them at once: a listing, a search or a chooser does not show them, and their own addresses
answer as for any file the user may not change. The admin's API (``/admin/api/main/images/``
and ``documents/``) asks no policy: its endpoints are replaced by ones that leave the same
files out (:func:`register_admin_api_endpoints`, a ``construct_admin_api`` hook)."""

from __future__ import annotations

from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from archive.models.media import shown_by_restricted_people
from archive.models.people import may_see_restricted


class RestrictedFilesPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents (by collection, and owners may change their
    own uploads), less the files of restricted records for those who may not see them."""

    def instances_user_has_any_permission_for(self, user, actions):
        files = super().instances_user_has_any_permission_for(user, actions)
        if may_see_restricted(user):
            return files
        return files.exclude(shown_by_restricted_people(self.model))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        if may_see_restricted(user):
            return True
        restricted = shown_by_restricted_people(self.model)
        return not self.model._default_manager.filter(restricted, pk=instance.pk).exists()


def register_media_policies() -> None:
    """Register the policy for Wagtail's image and document models, for exactly them: it
    stands before the one ``wagtail.images`` and ``wagtail.documents`` register in their own
    ``ready()``, whichever app is ready first."""
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = RestrictedFilesPermissionPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)


class WithoutRestrictedFiles:
    """An endpoint of the admin's API less the files of restricted records, for those who may
    not see them (its detail answers 404 for one)."""

    def get_queryset(self):
        files = super().get_queryset()
        if may_see_restricted(self.request.user):
            return files
        return files.exclude(shown_by_restricted_people(files.model))


class ImagesEndpoint(WithoutRestrictedFiles, ImagesAdminAPIViewSet):
    pass


class DocumentsEndpoint(WithoutRestrictedFiles, DocumentsAdminAPIViewSet):
    pass


def register_admin_api_endpoints(router) -> None:
    """``construct_admin_api``: in the place of Wagtail's images and documents endpoints (the
    hook runs after theirs)."""
    router.register_endpoint("images", ImagesEndpoint)
    router.register_endpoint("documents", DocumentsEndpoint)
