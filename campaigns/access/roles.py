"""Who may do what in the admin: the roles and the review workflow, in one place.

The data migration `home/migrations/0004_roles_and_workflow.py` created the groups and the
workflow from a copy of these constants, and the tests check the admin against them.
Changing a role here changes nothing on an existing database: write a new data migration
for that.

- Campaigners write and edit pages and submit them for review; they cannot publish, and they
  never see supporter data (form submissions, signatures, followers, outgoing email,
  commenters' addresses).
- Editors do all that, publish, approve both review steps, and moderate comments.
- Supporter data sees and exports what supporters sent: contact form submissions,
  signatures, followers. No page rights at all.

Permissions are "app_label.codename" strings, as `user.has_perm` takes them. Page
permissions are granted on the root page (so on every page), collection permissions on the
root collection (so on every image and document).
"""

from wagtail.models import Workflow, WorkflowPage

CAMPAIGNERS = "Campaigners"
EDITORS = "Editors"  # Wagtail's initial data made this group: the migration extends it
SUPPORTER_DATA = "Supporter data"

_CAMPAIGNER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "campaigns.add_author",
    "campaigns.change_author",
    "campaigns.view_author",
    # Campaign news: write issues and submit them for review, never see who gets them.
    "campaigns.add_newsissue",
    "campaigns.change_newsissue",
    "campaigns.view_newsissue",
    # Choose the organisation that recognises a person (campaigns/migrations/0018).
    "campaigns.view_organisation",
    # Start a translation (wagtail-localize); publishing it follows the page rights and
    # the review workflow, as for any page. Granted by home/migrations/0009.
    "wagtail_localize.submit_translation",
]
# Images are checked against wagtailimages.Image even with a custom image model.
_MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

ROLES = {
    CAMPAIGNERS: {
        "permissions": _CAMPAIGNER_PERMISSIONS,
        "page_permissions": ["add", "change"],
        "collection_permissions": _MEDIA_PERMISSIONS,
    },
    EDITORS: {
        "permissions": [
            *_CAMPAIGNER_PERMISSIONS,
            "campaigns.delete_author",
            # Moderators see the commenter's email: it is needed to judge spam.
            "campaigns.view_blogcomment",
            "campaigns.moderate_blogcomment",
            "campaigns.delete_blogcomment",
            # Readers' inaccuracy reports, with the reporter's contact details: checking
            # facts is an editor's job (campaigns/migrations/0017_corrections.py).
            "campaigns.view_inaccuracyreport",
            "campaigns.change_inaccuracyreport",
            "campaigns.delete_inaccuracyreport",
            # The menus and footer, in every language (home/migrations/0009).
            "home.add_sitetexts",
            "home.change_sitetexts",
            "home.view_sitetexts",
            # Campaign news: approve (publish), lock and send issues (migration 0019_news).
            "campaigns.delete_newsissue",
            "campaigns.publish_newsissue",
            "campaigns.lock_newsissue",
            "campaigns.unlock_newsissue",
            "campaigns.send_newsissue",
            # The organisations that recognise political prisoners (migration 0018).
            "campaigns.add_organisation",
            "campaigns.change_organisation",
            "campaigns.delete_organisation",
        ],
        "page_permissions": ["add", "change", "publish", "lock", "unlock"],
        "collection_permissions": _MEDIA_PERMISSIONS,
    },
    SUPPORTER_DATA: {
        "permissions": [
            "wagtailadmin.access_admin",
            # Wagtail lets anyone who can see a form's submissions delete them too.
            "wagtailforms.view_formsubmission",
            "wagtailforms.delete_formsubmission",
            "campaigns.view_signature",
            "campaigns.export_signature",
            "campaigns.delete_signature",
            "campaigns.view_follow",
            "campaigns.view_newssubscriber",
            "campaigns.export_newssubscriber",
        ],
        "page_permissions": [],
        "collection_permissions": [],
    },
}

# The permission that opens contact form submissions (see campaigns.access.submissions).
VIEW_SUBMISSIONS = "wagtailforms.view_formsubmission"

MODERATION_WORKFLOW = "Fact check and safety review"
# Each step is a group approval task; its approvers are the groups named.
MODERATION_STEPS = [
    ("Facts and sources checked", [EDITORS]),
    ("Safety review: nothing that endangers the person, their family or our sources", [EDITORS]),
]
# Cases and posts go through the workflow: it is assigned to their index pages.
MODERATED_INDEXES = ["campaigns.CaseIndexPage", "campaigns.BlogIndexPage"]

# Wagtail's own one-step workflow on the root page, for every other page; Editors approve it.
DEFAULT_WORKFLOW_APPROVERS = [EDITORS]


def ensure_moderation_workflow(page):
    """Give `page` (a case or blog index) the review workflow unless it has its own already.

    Returns the workflow assigned, or None. Does nothing if the workflow is missing or was
    switched off in the admin: that was somebody's decision.
    """
    if WorkflowPage.objects.filter(page_id=page.pk).exists():
        return None
    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW, active=True).first()
    if workflow is None:
        return None
    WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)
    return workflow
