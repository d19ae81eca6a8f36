"""Test data for the contact page: the page with its form, and a message that passes it."""

import factory
import wagtail_factories

from campaigns.contact.models import ContactPage, default_form_fields

VALID = {"name": "A Supporter", "email": "supporter@example.org", "message": "Hello, team."}


class ContactPageFactory(wagtail_factories.PageFactory):
    """The contact page with the default fields (name, email, message), published through a
    revision as an editor publishes it."""

    title = "Contact"
    slug = "contact"
    intro = "<p>Write to us.</p>"
    thank_you_text = "<p>Thanks, we got it.</p>"
    to_address = "team@example.org"
    form_fields = factory.LazyFunction(default_form_fields)

    class Meta:
        model = ContactPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        page.save_revision().publish()
        return model_class.objects.get(pk=page.pk)
