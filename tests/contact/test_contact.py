"""The contact page: page rules, the form and its defences, submissions in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from campaigns.contact.demo import build_contact
from campaigns.models import ContactFormField, ContactPage, OutboundEmail
from home.models import HomePage, StandardPage

from ..access.factories import StaffFactory
from ..cases.factories import CaseIndexPageFactory, CasePageFactory
from ..home.factories import make_site
from .factories import VALID, ContactPageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()  # the rate limit counts in the cache


def template_names(response):
    return [template.name for template in response.templates]


def submissions(page):
    return list(FormSubmission.objects.filter(page=page).values_list("form_data", flat=True))


# --- rendering and caching -------------------------------------------------------------


def test_the_form_page_is_never_stored_by_any_cache(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_the_form_has_labels_help_the_consent_line_and_a_hidden_honeypot(client, contact_page):
    html = client.get(contact_page.url).content.decode()
    assert '<label for="id_email">Email <span class="form-field__required">' in html
    assert 'aria-describedby="id_email_helptext"' in html
    assert 'id="id_email_helptext"' in html
    assert '<a href="/privacy/">privacy notice</a>' in html
    assert '<p class="hp" aria-hidden="true">' in html
    assert html.index('name="message"') < html.index('name="website"') < html.index("Send message")


def test_the_thank_you_page_is_the_answer_to_the_post_and_repeats_nothing(client, contact_page):
    response = client.post(contact_page.url, {**VALID, "name": "Unique Name 123"})
    assert response.status_code == 200
    assert "campaigns/contact_page_landing.html" in template_names(response)
    html = response.content.decode()
    assert "Thanks, we got it." in html
    assert "Unique Name 123" not in html
    assert "supporter@example.org" not in html
    assert "no-store" in response["Cache-Control"]
    assert submissions(contact_page) == [{**VALID, "name": "Unique Name 123"}]


def test_the_form_is_protected_by_its_csrf_token(contact_page):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(contact_page.url, VALID).status_code == 403
    browser.get(contact_page.url)
    token = browser.cookies["csrftoken"].value
    response = browser.post(contact_page.url, {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert submissions(contact_page) == [VALID]


# --- ?case= ----------------------------------------------------------------------------


@pytest.fixture
def case(home_page):
    index = CaseIndexPageFactory(parent=home_page)
    return CasePageFactory(parent=index, person_name="Vladimir <b>Kozlov</b>", slug="kozlov")


def test_case_prefills_an_escaped_subject_that_is_stored_and_emailed(client, contact_page, case):
    response = client.get(contact_page.url, {"case": "kozlov"})
    html = response.content.decode()
    assert 'value="Correction: Vladimir &lt;b&gt;Kozlov&lt;/b&gt;"' in html
    assert "<b>Kozlov</b>" not in html

    response = client.post(contact_page.url, {**VALID, "subject": "Correction: Vladimir Kozlov"})
    assert response.status_code == 200
    assert submissions(contact_page)[0]["subject"] == "Correction: Vladimir Kozlov"
    assert OutboundEmail.objects.get().subject == (
        "Message from the contact form: Correction: Vladimir Kozlov"
    )


@pytest.mark.parametrize("slug", ["no-such-case", "", "x" * 5000, "<script>", "' OR 1=1 --"])
def test_an_unknown_case_is_ignored(client, contact_page, case, slug):
    response = client.get(contact_page.url, {"case": slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="subject"' not in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_a_draft_case_is_not_named(client, contact_page, case):
    case.unpublish()
    assert (
        'name="subject"' not in client.get(contact_page.url, {"case": "kozlov"}).content.decode()
    )


# --- bad input: a clear message, the typed text kept, never a 500 ----------------------


def assert_refused(response, status, message, kept=()):
    assert response.status_code == status
    html = response.content.decode()
    assert message in html, html
    for text in kept:
        assert text in html
    assert "campaigns/contact_page.html" in template_names(response)
    assert "campaigns/contact_page_landing.html" not in template_names(response)
    assert "no-store" in response["Cache-Control"]


def test_an_empty_form_says_which_fields_are_needed(client, contact_page):
    response = client.post(contact_page.url, {})
    assert_refused(response, 400, "Please fill in “Email”.")
    assert "Please fill in “Message”." in response.content.decode()
    assert submissions(contact_page) == []


def test_whitespace_only_is_empty(client, contact_page):
    response = client.post(contact_page.url, {**VALID, "message": "  \r\n\t  "})
    assert_refused(response, 400, "Please fill in “Message”.", kept=["supporter@example.org"])
    assert submissions(contact_page) == []


def test_a_100_kb_message_is_refused_and_given_back(client, contact_page):
    message = "Long story. " * 8600  # just over 100 KB
    response = client.post(contact_page.url, {**VALID, "message": message})
    assert_refused(
        response,
        400,
        f"Please keep your message under 5000 characters (it has {len(message.strip())}).",
        kept=["Long story. Long story."],
    )
    assert submissions(contact_page) == []


def test_a_long_name_is_refused(client, contact_page):
    response = client.post(contact_page.url, {**VALID, "name": "N" * 101})
    assert_refused(response, 400, "Please keep this under 100 characters (it has 101).")


@pytest.mark.parametrize(
    "address", ["not-an-email", "a@b", "üser@exämple.org", "a@example.org\r\nBcc: x@y.z"]
)
def test_invalid_emails_are_refused(client, contact_page, address):
    response = client.post(contact_page.url, {**VALID, "email": address})
    assert_refused(
        response,
        400,
        "This email address does not look right, e.g. name@example.org.",
        kept=["Hello, team."],
    )
    assert submissions(contact_page) == []


def test_a_unicode_domain_is_accepted_as_typed(client, contact_page):
    # A non-ASCII local part ("üser@") cannot be delivered by most servers and Django refuses
    # it; a non-ASCII domain is fine and is IDNA-encoded when the email is sent.
    response = client.post(contact_page.url, {**VALID, "email": "user@exämple.org"})
    assert response.status_code == 200
    assert submissions(contact_page)[0]["email"] == "user@exämple.org"


def test_crlf_in_the_name_and_subject_becomes_spaces(client, contact_page, case):
    response = client.post(
        contact_page.url,
        {**VALID, "name": "Eve\r\nBcc: x@example.org", "subject": "Hi\r\nX-Spam: yes"},
    )
    assert response.status_code == 200
    stored = submissions(contact_page)[0]
    assert stored["name"] == "Eve Bcc: x@example.org"
    assert stored["subject"] == "Hi X-Spam: yes"
    email_row = OutboundEmail.objects.get()
    assert "\n" not in email_row.subject + email_row.reply_to


def test_html_is_stored_as_text_and_escaped_on_the_page(client, contact_page):
    script = "<script>alert('x')</script>"
    response = client.post(contact_page.url, {**VALID, "message": script, "email": "bad"})
    html = response.content.decode()
    assert script not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    client.post(contact_page.url, {**VALID, "message": script})
    assert submissions(contact_page)[0]["message"] == script


def test_a_filled_honeypot_is_refused_with_a_message(client, contact_page):
    response = client.post(contact_page.url, {**VALID, "website": "http://spam.example"})
    assert_refused(response, 400, "Your message looks automated", kept=["Hello, team."])
    assert submissions(contact_page) == []
    assert OutboundEmail.objects.count() == 0


def test_a_flood_is_stopped_by_the_rate_limit_and_the_text_kept(client, contact_page, settings):
    settings.CONTACT_PER_CLIENT = 2
    for number in range(2):
        assert client.post(contact_page.url, {**VALID, "message": f"M{number}"}).status_code == 200
    response = client.post(contact_page.url, {**VALID, "message": "The third one"})
    assert_refused(
        response, 429, "You have sent several messages in a short time.", kept=["The third one"]
    )
    assert [data["message"] for data in submissions(contact_page)] == ["M0", "M1"]
    # Another client is not affected.
    other = client.post(contact_page.url, VALID, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_the_honeypot_is_not_stored(client, contact_page):
    client.post(contact_page.url, VALID)
    assert "website" not in submissions(contact_page)[0]


# --- submissions in the admin ----------------------------------------------------------


@pytest.fixture
def submitted(client, contact_page):
    client.post(contact_page.url, {**VALID, "message": "<script>alert(1)</script>"})
    client.logout()
    return contact_page


def test_submissions_are_listed_escaped_and_exported_for_editors(client, submitted):
    client.force_login(get_user_model().objects.create_superuser("admin", "", "pw"))
    url = reverse("wagtailforms:list_submissions", args=(submitted.pk,))
    html = client.get(url).content.decode()
    assert "supporter@example.org" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html

    csv = client.get(url, {"export": "csv"})
    assert csv.status_code == 200
    assert "supporter@example.org" in b"".join(csv.streaming_content).decode()
    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_submissions_are_hidden_from_staff_without_the_supporter_data_permission(
    client, submitted
):
    user = StaffFactory(username="reader")  # admin access only
    (group,) = user.groups.all()
    client.force_login(user)
    url = reverse("wagtailforms:list_submissions", args=(submitted.pk,))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "supporter@example.org" not in response.content.decode()
    assert client.get(url, {"export": "csv"}).status_code in (302, 403)
    assert "Contact" not in client.get(reverse("wagtailforms:index")).content.decode()

    # Editing the page is not enough (campaigners edit it); view_formsubmission opens them.
    GroupPagePermission.objects.create(
        group=group, page=submitted, permission=Permission.objects.get(codename="change_page")
    )
    assert client.get(url).status_code in (302, 403)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailforms", codename="view_formsubmission"
        )
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "supporter@example.org" in response.content.decode()


def test_nothing_about_submissions_reaches_the_public_site(client, submitted):
    for url in ("/", submitted.url, "/search/?q=supporter"):
        assert "supporter@example.org" not in client.get(url).content.decode()


# --- page rules, render, admin create ---------------------------------------------------


class ContactPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root, cls.home = make_site()

    def test_it_lives_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedSubpageTypes(ContactPage, set())
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(Page, ContactPage)
        self.assertCanNotCreateAt(StandardPage, ContactPage)
        ContactPageFactory(parent=self.home)
        self.assertFalse(ContactPage.can_create_at(self.home))

    def test_it_renders_and_previews(self):
        page = ContactPageFactory(parent=self.home)
        self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(page, mode="form")
        self.assertPageIsPreviewable(page, mode="landing")

    def test_the_admin_offers_the_default_fields_for_a_new_page(self):
        self.login()
        url = reverse("wagtailadmin_pages:add", args=("campaigns", "contactpage", self.home.pk))
        html = self.client.get(url).content.decode()
        for label in ("Name", "Email", "Message"):
            self.assertIn(f'value="{label}"', html)

    def test_the_admin_creates_it_with_its_form_fields(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Write to us",
                "slug": "contact",
                "intro": rich_text("<p>Hello.</p>"),
                "consent_text": rich_text('<p>See <a href="/privacy/">privacy</a>.</p>'),
                "thank_you_text": rich_text("<p>Thanks.</p>"),
                "to_address": "team@example.org",
                "from_address": "",
                "subject": "From the site",
                "form_fields": inline_formset(
                    [
                        {"label": "Name", "field_type": "singleline", "help_text": ""},
                        {
                            "label": "Email",
                            "field_type": "email",
                            "required": "on",
                            "help_text": "",
                        },
                        {"label": "Topic", "field_type": "dropdown", "choices": "Case\nOther"},
                        {
                            "label": "Message",
                            "field_type": "multiline",
                            "required": "on",
                            "help_text": "",
                        },
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, ContactPage, data)
        page = ContactPage.objects.get(slug="contact")
        self.assertEqual(
            list(page.form_fields.values_list("clean_name", "required")),
            [("name", False), ("email", True), ("topic", False), ("message", True)],
        )
        self.assertEqual(ContactFormField.objects.count(), 4)


# --- demo ------------------------------------------------------------------------------


def test_the_demo_builds_the_contact_page_once(home_page, client):
    lines = []
    assert build_contact(home_page, lines.append)[1] is True
    assert build_contact(home_page, lines.append)[1] is False
    page = ContactPage.objects.get(url_path__endswith="/contact/")
    assert page.live and page.to_address == "team@example.org"
    assert [(f.label, f.field_type, f.required) for f in page.form_fields.all()] == [
        ("Name", "singleline", False),
        ("Email", "email", True),
        ("Message", "multiline", True),
    ]
    assert client.get("/contact/").status_code == 200
