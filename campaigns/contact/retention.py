"""How long contact messages are kept (campaigns.supporters.retention)."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormSubmission

from campaigns.supporters.retention import register_purger

from .models import ContactPage


@register_purger(_("contact messages"), order=10)
def contact_messages(cutoff):
    pages = ContactPage.objects.values("pk")
    return FormSubmission.objects.filter(page__in=pages, submit_time__lt=cutoff).delete()[0]
