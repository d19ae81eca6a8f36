from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware


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
        return super().process_response(request, response)
