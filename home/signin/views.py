"""The admin's sign-in pages: the code step, enrolment and recovery codes, and the
superusers' page of locked sign-ins and two-factor resets.

A wrong code counts with django-axes as a wrong password does (the same limit, per account
and per client), so a stolen password buys no more than ADMIN_LOCKOUT_FAILURES guesses at
the code; passing the second factor clears the account's count.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import keys, lockout, two_factor
from .forms import CodeForm
from .middleware import PASSED, mark_passed
from .models import TwoFactorDevice

# The secret shown during enrolment, sealed, until a code confirms it.
PENDING_SECRET = "signin.pending_secret"  # noqa: S105 - a session key
WRONG_CODE = gettext_lazy(
    "That code is not right, or it was already used. Wait for the next code and try again."
)


def next_url(request):
    """Where to go once done: the `next` asked for, if it is on this site; else the admin."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def refuse_code(request, form):
    """Count a wrong code as a failed sign-in; the lockout page once over the limit."""
    user_login_failed.send(
        sender=__name__, credentials={"username": request.user.get_username()}, request=request
    )
    if getattr(request, "axes_locked_out", False):
        return lockout.lockout_response(request)
    form.add_error("code", WRONG_CODE)
    return None


def second_factor_passed(request):
    """The person gave both factors: clear their failures, and a new session key."""
    lockout.unlock_username(request.user.get_username())
    request.session.cycle_key()
    mark_passed(request)


def step_page(request, template, context, status=200):
    return TemplateResponse(
        request, f"signin/{template}", {"next": next_url(request), **context}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
def code_view(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    user = request.user
    if not two_factor.is_enrolled(user):
        return redirect("signin_two_factor")
    if request.session.get(PASSED):
        return redirect(next_url(request))
    if lockout.is_locked_out(request, user.get_username()):
        return lockout.lockout_response(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if two_factor.use_code(user, code):
            second_factor_passed(request)
            return redirect(next_url(request))
        if two_factor.use_recovery_code(user, code):
            second_factor_passed(request)
            left = two_factor.unused_recovery_codes(user)
            messages.warning(
                request,
                ngettext(
                    "You signed in with a recovery code: it cannot be used again, and you "
                    "have %(count)d left. Make new ones under Account → More actions → "
                    "Two-factor sign-in.",
                    "You signed in with a recovery code: it cannot be used again, and you "
                    "have %(count)d left. Make new ones under Account → More actions → "
                    "Two-factor sign-in.",
                    left,
                )
                % {"count": left},
            )
            return redirect(next_url(request))
        if locked := refuse_code(request, form):
            return locked
    return step_page(request, "code.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_view(request):
    """Enrolment for who has no authenticator yet; otherwise its settings."""
    if not two_factor.is_enrolled(request.user):
        return enrol(request)
    if not request.session.get(PASSED):
        return redirect("signin_code")
    return manage(request)


def pending_secret(request):
    """The secret being enrolled: the same one until it is confirmed (reloading the page
    must not change the QR code the person has just scanned)."""
    sealed = request.session.get(PENDING_SECRET)
    if sealed:
        try:
            return two_factor.unsealed(sealed)
        except keys.UnsealError:
            pass
    secret = two_factor.new_secret()
    request.session[PENDING_SECRET] = two_factor.sealed(secret)
    return secret


def enrol(request):
    user = request.user
    secret = pending_secret(request)
    form = CodeForm(request.POST or None, recovery=False)
    if form.is_valid():
        step = two_factor.matching_step(secret, form.cleaned_data["code"])
        if step is not None:
            codes = two_factor.enrol(user, secret, used_step=step)
            del request.session[PENDING_SECRET]
            second_factor_passed(request)
            return recovery_codes_page(request, codes, enrolled=True)
        form.add_error("code", WRONG_CODE)
    uri = two_factor.provisioning_uri(user, secret)
    return step_page(
        request,
        "enrol.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(uri),
            "secret": two_factor.grouped(secret),
            "required": two_factor.is_required(user),
        },
    )


def recovery_codes_page(request, codes, enrolled=False):
    """The one page that shows recovery codes in clear (they are kept hashed)."""
    return step_page(request, "recovery_codes.html", {"codes": codes, "enrolled": enrolled})


def manage(request):
    """New recovery codes, or removing the authenticator: each needs a current code."""
    user = request.user
    form = CodeForm(request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST" and action in ("new-codes", "remove") and form.is_valid():
        if two_factor.use_code_or_recovery_code(user, form.cleaned_data["code"]):
            if action == "new-codes":
                return recovery_codes_page(request, two_factor.new_recovery_codes(user))
            two_factor.reset(user)
            # Whoever must have a second factor is taken to enrolment at once.
            request.session.pop(PASSED, None)
            messages.success(request, _("Two-factor sign-in is off for your account."))
            return redirect("signin_two_factor")
        if locked := refuse_code(request, form):
            return locked
    device = TwoFactorDevice.objects.get(user=user)
    return ManageView.as_view()(
        request,
        form=form,
        device=device,
        unused_codes=two_factor.unused_recovery_codes(user),
        required=two_factor.is_required(user),
    )


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    """A page in the admin's own frame (menu and header), taking its context as kwargs."""

    http_method_names = ["get", "post"]

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


class ManageView(AdminPage):
    page_title = gettext_lazy("Two-factor sign-in")
    header_icon = "key"
    template_name = "signin/manage.html"


class SecurityView(AdminPage):
    page_title = gettext_lazy("Locked sign-ins and two-factor")
    header_icon = "lock"
    template_name = "signin/security.html"


@never_cache
@require_http_methods(["GET", "POST"])
def security_view(request):
    """For superusers: unlock locked sign-ins, and reset someone's two-factor (lost phone)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "unlock":
            username = request.POST.get("username", "")
            if not username:  # axes would read "no username" as "every attempt"
                raise Http404
            lockout.unlock_username(username)
            messages.success(request, _("“%(name)s” can sign in again.") % {"name": username})
        elif action == "unlock-all":
            lockout.unlock_all()
            messages.success(request, _("Every locked account and client can sign in again."))
        elif action == "reset-two-factor":
            user_id = request.POST.get("user", "")
            if not user_id.isascii() or not user_id.isdigit():
                raise Http404
            person = get_object_or_404(get_user_model(), pk=user_id)
            two_factor.reset(person)
            messages.success(
                request,
                _(
                    "Two-factor sign-in was reset for “%(name)s”: they set it up again at "
                    "their next sign-in."
                )
                % {"name": person.get_username()},
            )
        return redirect("signin_security")
    return SecurityView.as_view()(
        request,
        locked_usernames=lockout.locked_usernames(),
        locked_clients=lockout.locked_clients(),
        devices=TwoFactorDevice.objects.select_related("user").order_by("user__username"),
        minutes=settings.ADMIN_LOCKOUT_MINUTES,
    )
