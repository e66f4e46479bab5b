"""The editorial roles: editors draft and submit, moderators approve and publish.

Called from a data migration, so it takes the historical ``apps`` registry."""

MODERATED = ["person", "timelineentry"]
REFERENCE = ["family", "source", "place", "organisation"]
MODERATOR_ONLY = ["event", "reportedfigure"]
# Holds on records and visitors' requests for them: moderators alone see, place and lift them.
MODERATOR_ONLY_UNSEEN = ["hold"]
WORKFLOW_NAME = "Moderators approval"
# wagtail-localize's permission to translate (into any language) what one may edit.
TRANSLATE = ("wagtail_localize", "submit_translation")


def _codenames(models, actions):
    return [f"{action}_{model}" for model in models for action in actions]


def editor_codenames():
    return (
        _codenames(MODERATED, ["add", "change", "view"])
        + _codenames(REFERENCE, ["add", "change", "view"])
        + _codenames(MODERATOR_ONLY, ["view"])
    )


def moderator_codenames():
    return (
        _codenames(MODERATED, ["add", "change", "delete", "view", "publish", "lock", "unlock"])
        + _codenames(
            REFERENCE + MODERATOR_ONLY + MODERATOR_ONLY_UNSEEN, ["add", "change", "delete", "view"]
        )
        + ["view_restricted_person"]
    )


def install_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; the groups need them now.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    # Wagtail adds publish/lock/unlock to a snippet's permissions when it registers it, which
    # historical models never do; create those here.
    for model in MODERATED:
        content_type, _ = ContentType.objects.get_or_create(app_label="archive", model=model)
        for action in ("publish", "lock", "unlock"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )

    for group_name, codenames in (
        ("Editors", editor_codenames()),
        ("Moderators", moderator_codenames()),
    ):
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = Permission.objects.filter(
            content_type__app_label="archive", codename__in=codenames
        )
        group.permissions.add(*permissions)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow:
        for model in MODERATED:
            content_type, _ = ContentType.objects.get_or_create(app_label="archive", model=model)
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


def grant_translation(apps, schema_editor):
    """Editors and moderators translate (docs/translation.md): each what they may edit, and
    translations pass the same moderation as originals."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = TRANSLATE
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(permission)


def grant_moderation_of_contributions(apps, schema_editor):
    """Moderators decide on visitors' contributions (archive/admin/contributions/); editors
    do not see them: they hold contributors' e-mail addresses."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="archive",
        codename__in=["moderate_contribution", "view_contribution", "change_contribution"],
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*permissions)
