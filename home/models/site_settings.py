from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from home.blocks import LinkListBlock, SocialLinkBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them; used in the header, footer and share cards."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        help_text=_("Shown in the header, the footer and share cards."),
    )
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    contact_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("Shown in the footer. Use a role address, not a person's."),
    )
    default_share_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when a shared page has no image of its own (1200×630 works best)."),
    )
    social_links = StreamField(
        [("profile", SocialLinkBlock())],
        verbose_name=_("social profiles"),
        blank=True,
        help_text=_("Shown as plain links in the footer: nothing loads from those sites."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("default_share_image"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site settings")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu and the footer."""

    primary_links = StreamField(
        LinkListBlock(),
        verbose_name=_("main menu"),
        blank=True,
        help_text=_("Up to about six links; they wrap onto two lines on phones."),
    )
    footer_links = StreamField(
        LinkListBlock(),
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("At most 12 links, e.g. privacy, contact, press."),
    )
    footer_text = RichTextField(
        _("footer text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("e.g. who runs the campaign and the licence of the content."),
    )

    panels = [FieldPanel("primary_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = _("navigation and footer")
