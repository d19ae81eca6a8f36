from wagtail.models import Page


class HomePage(Page):
    """`wagtail start`'s home page: a page with no fields of its own."""
