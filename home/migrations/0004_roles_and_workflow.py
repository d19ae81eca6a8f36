"""The admin's roles (Campaigners, Editors, Supporter data) and the review workflow.

The roles and the workflow are defined in campaigns.access.roles; this migration applies
them as they were when it was written (a copy, so that later changes to the live code never
change what this migration did). It lives in `home` because it depends on every app whose
permissions it hands out.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# fmt: off
EDITORS = 'Editors'
ROLES = {'Campaigners': {'permissions': ['wagtailadmin.access_admin',
                                 'campaigns.add_author',
                                 'campaigns.change_author',
                                 'campaigns.view_author'],
                 'page_permissions': ['add', 'change'],
                 'collection_permissions': ['wagtailimages.add_image',
                                            'wagtailimages.change_image',
                                            'wagtailimages.choose_image',
                                            'wagtaildocs.add_document',
                                            'wagtaildocs.change_document',
                                            'wagtaildocs.choose_document']},
 'Editors': {'permissions': ['wagtailadmin.access_admin',
                             'campaigns.add_author',
                             'campaigns.change_author',
                             'campaigns.view_author',
                             'campaigns.delete_author',
                             'campaigns.view_blogcomment',
                             'campaigns.moderate_blogcomment',
                             'campaigns.delete_blogcomment'],
             'page_permissions': ['add', 'change', 'publish', 'lock', 'unlock'],
             'collection_permissions': ['wagtailimages.add_image',
                                        'wagtailimages.change_image',
                                        'wagtailimages.choose_image',
                                        'wagtaildocs.add_document',
                                        'wagtaildocs.change_document',
                                        'wagtaildocs.choose_document']},
 'Supporter data': {'permissions': ['wagtailadmin.access_admin',
                                    'wagtailforms.view_formsubmission',
                                    'wagtailforms.delete_formsubmission',
                                    'campaigns.view_signature',
                                    'campaigns.export_signature',
                                    'campaigns.delete_signature',
                                    'campaigns.view_follow'],
                    'page_permissions': [],
                    'collection_permissions': []}}
MODERATION_WORKFLOW = 'Fact check and safety review'
MODERATION_STEPS = [('Facts and sources checked', ['Editors']),
 ('Safety review: nothing that endangers the person, their family or our sources',
  ['Editors'])]
MODERATED_INDEXES = ['campaigns.CaseIndexPage', 'campaigns.BlogIndexPage']
DEFAULT_WORKFLOW_APPROVERS = ['Editors']
# fmt: on

CREATED_GROUPS = [name for name in ROLES if name != EDITORS]
# What Wagtail's initial data gives "Editors": kept when this migration is reversed.
WAGTAIL_EDITORS = {
    "permissions": {"wagtailadmin.access_admin"},
    "page_permissions": {"add", "change"},
    "collection_permissions": {
        f"{app}.{action}_{model}"
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "choose")
    },
}


def make_permissions(apps, using):
    """Permissions are normally made after `migrate` (post_migrate): make them now."""
    labels = {"wagtailcore"}
    for role in ROLES.values():
        for key in ("permissions", "collection_permissions"):
            labels.update(name.split(".")[0] for name in role[key])
    for label in sorted(labels):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = None


def permission(apps, name):
    app_label, codename = name.split(".")
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(apps, action):
    return permission(apps, f"wagtailcore.{action}_page")


def roots(apps):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    return Page.objects.get(depth=1), Collection.objects.get(depth=1)


def add_roles(apps, schema_editor):
    make_permissions(apps, schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page, root_collection = roots(apps)
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(apps, p) for p in role["permissions"]))
        for action in role["page_permissions"]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=page_permission(apps, action)
            )
        for codename in role["collection_permissions"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, codename)
            )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group.objects.filter(name__in=CREATED_GROUPS).delete()
    # "Editors" came with Wagtail: take back only what this migration added.
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    role = ROLES[EDITORS]
    added = set(role["permissions"]) - WAGTAIL_EDITORS["permissions"]
    editors.permissions.remove(*(permission(apps, p) for p in added))
    GroupPagePermission.objects.filter(
        group=editors,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=[
            f"{action}_page"
            for action in set(role["page_permissions"]) - WAGTAIL_EDITORS["page_permissions"]
        ],
    ).delete()
    for name in set(role["collection_permissions"]) - WAGTAIL_EDITORS["collection_permissions"]:
        GroupCollectionPermission.objects.filter(
            group=editors, permission=permission(apps, name)
        ).delete()


def add_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    # Historical models do not fill in the task's type as the real ones do.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )

    workflow, created = Workflow.objects.get_or_create(
        name=MODERATION_WORKFLOW, defaults={"active": True}
    )
    if created:
        for order, (task_name, group_names) in enumerate(MODERATION_STEPS):
            task = GroupApprovalTask.objects.create(
                name=task_name, content_type=task_type, active=True
            )
            task.groups.set(Group.objects.filter(name__in=group_names))
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)

    for label in MODERATED_INDEXES:
        for page in apps.get_model(label).objects.all():
            if not WorkflowPage.objects.filter(page_id=page.pk).exists():
                WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)

    # Wagtail's one-step workflow on the root page, for every other page: approved by the
    # "Moderators" group, which this site does not use, so Editors approve it as well.
    root_page, _ = roots(apps)
    default = WorkflowPage.objects.filter(page=root_page).first()
    if default is not None:
        approvers = Group.objects.filter(name__in=DEFAULT_WORKFLOW_APPROVERS)
        for task in GroupApprovalTask.objects.filter(
            workflow_tasks__workflow_id=default.workflow_id
        ):
            task.groups.add(*approvers)


def remove_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for workflow in Workflow.objects.filter(name=MODERATION_WORKFLOW):
        tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
        # Its pages, steps and any reviews in progress go with it (all cascade).
        for task in list(tasks):
            task.delete()
        workflow.delete()
    root_page, _ = roots(apps)
    default = WorkflowPage.objects.filter(page=root_page).first()
    if default is not None:
        approvers = Group.objects.filter(name__in=DEFAULT_WORKFLOW_APPROVERS)
        for task in GroupApprovalTask.objects.filter(
            workflow_tasks__workflow_id=default.workflow_id
        ):
            task.groups.remove(*approvers)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_actions"),
        ("campaigns", "0006_actions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        # Workflow after roles: its steps are approved by the groups the roles create.
        migrations.RunPython(add_roles, remove_roles),
        migrations.RunPython(add_workflow, remove_workflow),
    ]
