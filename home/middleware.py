import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.utils.translation import gettext as _

from home import restrictions


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP middleware, with the admin's looser policy under /admin/.

    Public pages get the strict `SECURE_CSP` (no inline script, nothing from
    other hosts). Wagtail's editor still relies on inline scripts and styles,
    so it gets `ADMIN_CSP`; only signed-in staff ever load it.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview by running a dummy request for the page's public address
        # through the middleware; the admin shows the result in a frame of its own origin.
        preview = getattr(request, "is_dummy", False)
        if preview or request.path_info.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CSP
        if preview:
            response["X-Frame-Options"] = "SAMEORIGIN"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)


# C0 control characters and DEL, except tab, line feed and carriage return (which a
# textarea may send); NUL, for one, cannot be stored in a PostgreSQL text field.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharactersMiddleware:
    """Refuse (400) a request whose address or query string holds a control character.

    No reader types one; a crafted `?case=%00` would otherwise reach a database lookup
    and fail there. Forms are covered by their fields: Django's text fields refuse NUL
    with a message of their own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path) or any(
            CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value)
            for key, values in request.GET.lists()
            for value in values
        ):
            return HttpResponseBadRequest(
                _(
                    "This address holds characters that no page uses, so it was not "
                    "followed. Please check the link or go back to the home page."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class RestrictionsMiddleware:
    """Read the view restrictions at most once per request (home.restrictions).

    Every `.public()` listing of the page and Wagtail's check of the served page share
    the one reading; the next request reads them afresh.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with restrictions.memoised():
            return self.get_response(request)
