"""Views outside the page tree: posting a comment."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.abuse import PublicPostGuard, Refusal, posted_data, refusal_response

from .comments import BlogComment, CommentStatus
from .forms import MAX_LINKS, CommentForm
from .models import BlogPostPage

COMMENT_GUARD = PublicPostGuard(
    "comment",
    per_client="COMMENTS_PER_CLIENT",
    window="COMMENTS_RATE_WINDOW",
    flood_message=gettext_lazy(
        "You have sent several comments in a short time. Please wait "
        "a few minutes and send this one again; it is still below."
    ),
)
TEMPLATE = "campaigns/comment_result.html"


# No CSRF token: the post page is cached by shared caches, so it cannot carry a
# per-visitor token. Posting a comment needs no identity that a forged request
# could borrow (no account, no cookie); the public POST guard refuses oversized and
# cross-site posts and floods from one client, the form's honeypot screens bots, and
# every comment is held for a moderator before anyone sees it.
@csrf_exempt
@never_cache
@require_POST
def post_comment(request, post_id):
    post = get_object_or_404(BlogPostPage.objects.live().public(), pk=post_id)
    refusal = COMMENT_GUARD.admit(request)
    form = CommentForm(posted_data(request, refusal))
    context = {"page": post, "self": post, "comment_form": form}
    if not refusal and not post.comments_open:
        refusal = Refusal("closed", 403, _("Comments on this post are closed."))
    if refusal:
        return refusal_response(request, TEMPLATE, context, refusal)
    if not form.is_valid():
        return TemplateResponse(request, TEMPLATE, context, status=400)
    # Counted only once the form is valid: fixing a typo is not flooding.
    if refusal := COMMENT_GUARD.count(request):
        return refusal_response(request, TEMPLATE, context, refusal)

    parent = None
    if form.cleaned_data.get("parent"):
        parent = post.comments.filter(
            pk=form.cleaned_data["parent"], parent__isnull=True, status=CommentStatus.APPROVED
        ).first()
        if parent is None:
            raise Http404
    comment = BlogComment.objects.create(
        post=post,
        parent=parent,
        author_name=form.cleaned_data["author_name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        link_count=form.link_count,
        status=initial_status(form.link_count),
    )
    context.update(comment=comment, comment_form=None)
    return TemplateResponse(request, TEMPLATE, context)


def initial_status(link_count):
    """Held for moderation, unless the site trusts comments; many links are always held."""
    if settings.COMMENTS_AUTO_APPROVE and link_count <= MAX_LINKS:
        return CommentStatus.APPROVED
    return CommentStatus.PENDING
