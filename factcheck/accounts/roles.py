"""The newsroom's roles, as Django groups with permissions.

Editors can do everything reviewers can, plus assign claims, approve verdicts, import and
export unpublished verdicts. Changing a role here needs a migration that calls
``roles_sync`` again, depending on the migrations that create the permissions it names.
"""

from django.contrib.auth.management import create_permissions
from django.db import models

REVIEWER = "Reviewer"
EDITOR = "Editor"

_REVIEWER_PERMISSIONS = [
    "articles.view_article",
    "articles.view_importbatch",
    "claims.view_claim",
    "claims.triage_claim",
    "claims.research_claim",
    "reviews.view_rating",
    "reviews.view_source",
    "reviews.add_source",
    "reviews.change_source",
    "reviews.delete_source",
    "reviews.view_verdict",
    "reviews.add_verdict",
    "reviews.view_event",
    "reviews.export_verdicts",
]
_EDITOR_PERMISSIONS = [
    *_REVIEWER_PERMISSIONS,
    "articles.add_article",
    "articles.add_importbatch",
    "claims.assign_claim",
    "reviews.approve_verdict",
    "reviews.export_unpublished_verdicts",
]
ROLES = {REVIEWER: _REVIEWER_PERMISSIONS, EDITOR: _EDITOR_PERMISSIONS}


def roles_sync(apps) -> None:
    """Create or update each role's group so it holds exactly its permissions.

    A permission that does not exist yet in this migration state is left for the later
    migration that creates it and syncs the roles again.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Permissions are normally created after migrations; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [dotted.split(".") for dotted in codenames]
        group.permissions.set(
            Permission.objects.filter(
                models.Q.create(
                    [
                        models.Q(content_type__app_label=app_label, codename=codename)
                        for app_label, codename in wanted
                    ],
                    connector=models.Q.OR,
                )
            )
        )
