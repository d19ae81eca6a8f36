"""Campaign news (issue 15): subscribers, issues and deliveries (campaigns.news).

Also gives the roles their news permissions (campaigns.access.roles.ROLES says the same)
and puts news issues under Wagtail's default one-step review workflow, so an editor's
approval is what publishes an issue before it can be sent.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
import wagtail.fields
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models

import campaigns.news.blocks

GRANTS = {
    "Campaigners": ["add_newsissue", "change_newsissue", "view_newsissue"],
    "Editors": [
        "add_newsissue",
        "change_newsissue",
        "view_newsissue",
        "delete_newsissue",
        "publish_newsissue",
        "lock_newsissue",
        "unlock_newsissue",
        "send_newsissue",
    ],
    "Supporter data": ["view_newssubscriber", "export_newssubscriber"],
}
NAMES = {
    "newsissue": "news issue",
    "newssubscriber": "news subscriber",
}


def permission(apps, codename):
    """The permission, made now if missing (Django and Wagtail make theirs after migrating)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    model = codename.split("_", 1)[1]
    content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model=model)
    action = codename.split("_", 1)[0]
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {NAMES[model]}"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(permission(apps, codename) for codename in codenames))
    # The workflow of the root page (Wagtail's default, approved by Editors) reviews issues.
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    default = WorkflowPage.objects.filter(page__depth=1).first()
    if default is not None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="campaigns", model="newsissue"
        )
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow_id": default.workflow_id}
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*(permission(apps, codename) for codename in codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0018_recognitions"),
        ("home", "0010_two_factor"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NewsIssue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("live", models.BooleanField(default=True, editable=False, verbose_name="live")),
                (
                    "has_unpublished_changes",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="has unpublished changes"
                    ),
                ),
                (
                    "first_published_at",
                    models.DateTimeField(
                        blank=True, db_index=True, null=True, verbose_name="first published at"
                    ),
                ),
                (
                    "last_published_at",
                    models.DateTimeField(
                        editable=False, null=True, verbose_name="last published at"
                    ),
                ),
                (
                    "go_live_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
                ),
                (
                    "expire_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
                ),
                (
                    "expired",
                    models.BooleanField(default=False, editable=False, verbose_name="expired"),
                ),
                (
                    "locked",
                    models.BooleanField(default=False, editable=False, verbose_name="locked"),
                ),
                (
                    "locked_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
                ),
                (
                    "subject",
                    models.CharField(
                        help_text="The email's subject line. Short and plain.",
                        max_length=150,
                        verbose_name="subject",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [
                            ("heading", 0),
                            ("paragraph", 1),
                            ("latest_updates", 5),
                            ("open_actions", 8),
                            ("button", 11),
                        ],
                        block_lookup={
                            0: ("campaigns.news.blocks.HeadingBlock", (), {}),
                            1: ("campaigns.news.blocks.ParagraphBlock", (), {}),
                            2: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "default": "Latest case updates",
                                    "help_text": "Shown above the list; leave empty for none.",
                                    "label": "Heading",
                                    "max_length": 120,
                                    "required": False,
                                },
                            ),
                            3: (
                                "wagtail.blocks.MultipleChoiceBlock",
                                [],
                                {
                                    "choices": campaigns.news.blocks.update_choices,
                                    "help_text": "Pick some, or leave empty to include the newest ones when it is sent.",
                                    "label": "Updates",
                                    "required": False,
                                },
                            ),
                            4: (
                                "wagtail.blocks.IntegerBlock",
                                (),
                                {
                                    "default": 3,
                                    "help_text": "Used when none is picked.",
                                    "label": "How many",
                                    "max_value": 10,
                                    "min_value": 1,
                                },
                            ),
                            5: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 2), ("updates", 3), ("count", 4)]],
                                {},
                            ),
                            6: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "default": "Act now",
                                    "help_text": "Shown above the list; leave empty for none.",
                                    "label": "Heading",
                                    "max_length": 120,
                                    "required": False,
                                },
                            ),
                            7: (
                                "wagtail.blocks.MultipleChoiceBlock",
                                [],
                                {
                                    "choices": campaigns.news.blocks.action_choices,
                                    "help_text": "Pick some, or leave empty to include the newest open ones when it is sent.",
                                    "label": "Actions",
                                    "required": False,
                                },
                            ),
                            8: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 6), ("actions", 7), ("count", 4)]],
                                {},
                            ),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What to do, in a few words.",
                                    "label": "Text",
                                    "max_length": 60,
                                },
                            ),
                            10: (
                                "wagtail.blocks.URLBlock",
                                (),
                                {
                                    "help_text": "The full address, starting with https://.",
                                    "label": "Address",
                                },
                            ),
                            11: ("wagtail.blocks.StructBlock", [[("text", 9), ("url", 10)]], {}),
                        },
                        help_text="Headings, paragraphs, the latest case updates, open actions and buttons, in the order readers see them.",
                        verbose_name="body",
                    ),
                ),
                (
                    "sending_started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="sending started"),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty to send to every subscriber; choose a campaign to send only to those who asked for all the news or for this campaign's.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="campaigns.campaignpage",
                        verbose_name="campaign",
                    ),
                ),
                (
                    "latest_revision",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="latest revision",
                    ),
                ),
                (
                    "live_revision",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="live revision",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "locked_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="locked_%(class)ss",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="locked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "news issue",
                "verbose_name_plural": "news issues",
                "permissions": [("send_newsissue", "Can send approved news issues")],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
            bases=(wagtail.models.preview.PreviewableMixin, models.Model),
        ),
        migrations.CreateModel(
            name="NewsSubscriber",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="email")),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        help_text="The language of the page it was asked on; its emails are in it.",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for confirmation"),
                            ("confirmed", "Confirmed"),
                            ("unsubscribed", "Unsubscribed"),
                            ("bouncing", "Bouncing"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[("form", "Newsletter form"), ("petition", "Petition")],
                        default="form",
                        max_length=16,
                        verbose_name="source",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="created"
                    ),
                ),
                (
                    "confirmation_sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="confirmation sent"),
                ),
                (
                    "confirmed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="confirmed"),
                ),
                (
                    "unsubscribed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="unsubscribed"),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: news of every campaign.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="campaigns.campaignpage",
                        verbose_name="campaign",
                    ),
                ),
            ],
            options={
                "verbose_name": "news subscriber",
                "verbose_name_plural": "news subscribers",
                "ordering": ["-created_at", "-pk"],
                "permissions": [("export_newssubscriber", "Can export news subscribers")],
            },
        ),
        migrations.CreateModel(
            name="NewsDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(blank=True, max_length=8, verbose_name="language")),
                (
                    "queued_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="queued"),
                ),
                (
                    "email",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="campaigns.outboundemail",
                        verbose_name="email",
                    ),
                ),
                (
                    "issue",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="campaigns.newsissue",
                        verbose_name="issue",
                    ),
                ),
                (
                    "subscriber",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="deliveries",
                        to="campaigns.newssubscriber",
                        verbose_name="subscriber",
                    ),
                ),
            ],
            options={
                "verbose_name": "news delivery",
                "verbose_name_plural": "news deliveries",
            },
        ),
        migrations.AddConstraint(
            model_name="newssubscriber",
            constraint=models.UniqueConstraint(
                condition=models.Q(("campaign__isnull", True)),
                fields=("email",),
                name="one_news_subscriber_per_address",
            ),
        ),
        migrations.AddConstraint(
            model_name="newssubscriber",
            constraint=models.UniqueConstraint(
                condition=models.Q(("campaign__isnull", False)),
                fields=("email", "campaign"),
                name="one_news_subscriber_per_address_and_campaign",
            ),
        ),
        migrations.AddConstraint(
            model_name="newsdelivery",
            constraint=models.UniqueConstraint(
                fields=("issue", "subscriber"), name="one_news_delivery_per_subscriber"
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
