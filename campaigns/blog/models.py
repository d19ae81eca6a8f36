"""The blog: long-form posts built from blocks, with authors, tags, related cases."""

import math
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from campaigns.actions.queries import related_actions
from campaigns.cases.blocks import StoryBlock
from campaigns.cases.fragments import listing_fragment_context, page_fragment_context
from campaigns.cases.models import chosen_cases
from campaigns.related import in_campaign
from home.cache import public_cache, shared_cache
from home.fragments import fragment_context
from home.i18n import children_for_reader, for_reader, translation_keys
from home.models import BasePage, CreditedImagesMixin, shared_facts

from .comments import CommentStatus
from .feeds import BlogFeed
from .forms import CommentForm
from .search import search_posts

POSTS_PER_PAGE = 10
# The query-string parameters a blog listing reads (its tag or month is in the path).
LISTING_PARAMETERS = ("q", "page")
CARD_IMAGE = "fill-480x270"
WORDS_PER_MINUTE = 200
# Body blocks kept as fragments: case cards read cases; an action teaser shows a live count,
# so it is drawn each time (home.fragments).
CACHED_BODY_BLOCKS = frozenset({"case_cards"})


@register_snippet
class Author(TranslatableMixin, CreditedImagesMixin, models.Model):
    """Someone who writes for the blog; shown under posts with a short bio."""

    credited_image_fields = ("photo",)

    name = models.CharField(_("name"), max_length=120)
    bio = models.TextField(
        _("bio"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences. Shown under their posts."),
    )
    photo = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("bio"), FieldPanel("photo")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "campaigns.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogIndexPage(RoutablePageMixin, BasePage):
    """The blog: posts newest first, blog search, tag pages, monthly archive and feed."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.BlogPostPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("blog")
        verbose_name_plural = _("blogs")

    def posts(self):
        return children_for_reader(self, BlogPostPage.objects.live().public())

    def listing(self, posts):
        return self.with_card_data(posts).order_by("-date", "-pk")

    @staticmethod
    def with_card_data(posts):
        """What a post card shows, fetched in a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(CARD_IMAGE)
        return posts.defer_streamfields().prefetch_related(
            models.Prefetch("hero_image", queryset=images),
            "tagged_items__tag",
            "authors",
        )

    def archive_months(self):
        return (
            self.posts()
            .annotate(month=TruncMonth("date"))
            .order_by()
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )

    def tag_counts(self):
        return (
            BlogPostTag.objects.filter(content_object__in=self.posts().values("pk"))
            .values("tag__name", "tag__slug")
            .annotate(count=Count("pk"))
            .order_by("-count", "tag__name")[:20]
        )

    def render_listing(self, request, posts, **extra):
        query, search_message = "", ""
        if "q" in request.GET:
            posts, query, search_message = search_posts(self, posts, request.GET.get("q", ""))
        else:
            posts = self.listing(posts)
        paginator = Paginator(posts, POSTS_PER_PAGE)
        query_string = {"q": query} if query else {}
        # The list and the sidebar are one fragment per address (campaigns.cases.fragments):
        # read from the database only when it is drawn (the paginator, the archive and the
        # topics are lazy).
        context = {
            **listing_fragment_context(request, self, LISTING_PARAMETERS),
            "posts_page": SimpleLazyObject(lambda: paginator.get_page(request.GET.get("page"))),
            "paginator": paginator,
            "search_query": query,
            "search_message": search_message,
            "pagination_query": urlencode(query_string),
            "archive_months": self.archive_months(),
            "tags": self.tag_counts(),
            "feed_url": self.get_url(request) + "feed/",
            "blog_url": self.get_url(request),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("", name="index")
    def index_route(self, request):
        return self.render_listing(request, self.posts())

    @path("tag/<slug:tag>/", name="tag")
    def tag_route(self, request, tag):
        tag_object = Tag.objects.filter(slug=tag).first()
        if tag_object is None:
            raise Http404
        posts = self.posts().filter(tagged_items__tag=tag_object)
        return self.render_listing(request, posts, current_tag=tag_object)

    @path("<int:year>/<int:month>/", name="archive")
    def archive_route(self, request, year, month):
        if not 1 <= month <= 12 or not 1900 <= year <= 2999:
            raise Http404
        posts = self.posts().filter(date__year=year, date__month=month)
        month_date = timezone.datetime(year, month, 1).date()
        return self.render_listing(request, posts, current_month=month_date)

    @path("feed/", name="feed")
    def feed(self, request):
        return shared_cache(BlogFeed(index=self))(request)

    @public_cache
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_cached_paths(self):
        return ["/", "feed/"]


class BlogPostPage(BasePage):
    """A long-form post: an intro, a body of blocks, authors, tags and related cases."""

    credited_image_fields = ("hero_image",)

    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Shown on the post and used to order the blog."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("The first thing readers see, and the summary in listings and feeds."),
    )
    hero_image = models.ForeignKey(
        "home.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBlock(), verbose_name=_("body"))
    authors = ParentalManyToManyField(
        Author,
        verbose_name=_("authors"),
        blank=True,
        related_name="posts",
    )
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True, verbose_name=_("tags"))
    related_cases = ParentalManyToManyField(
        "campaigns.CasePage",
        verbose_name=_("related cases"),
        blank=True,
        related_name="blog_posts",
        help_text=_("Cases this post is about; the post is listed on their pages."),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        help_text=_("The campaign this post belongs to; it is listed on that page."),
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Untick to stop new comments; published comments stay visible."),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time in minutes"),
        default=1,
        editable=False,
    )

    # Shared by every language of the post; its words are translated.
    override_translatable_fields = BasePage.override_translatable_fields + shared_facts(
        "date",
        "hero_image",
        "authors",
        "related_cases",
        "related_campaign",
        "comments_open",
    )

    parent_page_types = ["campaigns.BlogIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("authors"),
                FieldPanel("tags"),
                FieldPanel("related_cases"),
                FieldPanel("related_campaign"),
                FieldPanel("comments_open"),
            ],
            heading=_("About this post"),
        ),
    ]

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def save(self, *args, **kwargs):
        self.reading_minutes = self.compute_reading_minutes()
        super().save(*args, **kwargs)

    def compute_reading_minutes(self):
        text = " ".join(
            strip_tags(str(chunk))
            for chunk in self.body.stream_block.get_searchable_content(self.body)
        )
        words = len(self.intro.split()) + len(text.split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def table_of_contents(self):
        """(anchor, text, level) for each H2 and H3 of the body, in order. Only the
        headings are read from the raw body: iterating it would also look up the pages its
        case cards choose."""
        heading = self.body.stream_block.child_blocks["heading"]
        values = [
            heading.to_python(raw["value"])
            for raw in self.body.raw_data
            if raw["type"] == "heading"
        ]
        return [
            (value.anchor_id(), value["text"], value["level"])
            for value in values
            if value["level"] in ("h2", "h3")
        ]

    def siblings(self):
        return BlogPostPage.objects.sibling_of(self, inclusive=False).live().public()

    def previous_post(self):
        if self.pk is None:  # a preview of a page not yet saved
            return None
        return (
            self.siblings()
            .filter(date__lte=self.date)
            .exclude(date=self.date, pk__gt=self.pk)
            .order_by("-date", "-pk")
            .defer_streamfields()
            .first()
        )

    def next_post(self):
        if self.pk is None:  # a preview of a page not yet saved
            return None
        return (
            self.siblings()
            .filter(date__gte=self.date)
            .exclude(date=self.date, pk__lt=self.pk)
            .order_by("date", "pk")
            .defer_streamfields()
            .first()
        )

    @cached_property
    def related_case_ids(self):
        # .all() reads the saved relation, or a preview's unsaved choice held in memory,
        # which has no values_list("pk").
        return [case.pk for case in self.related_cases.all()]

    def related_posts(self, limit=3):
        """Posts sharing the most tags and cases with this one, counted in SQL."""
        tag_ids = list(self.tagged_items.values_list("tag_id", flat=True))
        case_ids = self.related_case_ids
        if not tag_ids and not case_ids:
            return BlogPostPage.objects.none()
        shared_tags = (
            BlogPostTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
            .order_by()
            .values("content_object")
            .annotate(n=Count("pk"))
            .values("n")
        )
        through = BlogPostPage.related_cases.through
        shared_cases = (
            through.objects.filter(blogpostpage=OuterRef("pk"), casepage_id__in=case_ids)
            .order_by()
            .values("blogpostpage")
            .annotate(n=Count("pk"))
            .values("n")
        )
        zero = Value(0, output_field=IntegerField())
        return (
            self.siblings()
            .defer_streamfields()
            .annotate(
                score=Coalesce(Subquery(shared_tags), zero)
                + Coalesce(Subquery(shared_cases), zero)
            )
            .filter(score__gt=0)
            .order_by("-score", "-date", "-pk")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        comments = self.approved_comments()
        context["comments"] = comments
        context["comment_count"] = len(comments) + sum(len(c.visible_replies) for c in comments)
        # Read only when a part that shows them is drawn, not when it comes from the
        # cache (campaigns.cases.fragments).
        context.update(fragment_context(request, self, self.body, CACHED_BODY_BLOCKS))
        context.update(page_fragment_context(request, self))  # none for a private post
        context["authors"] = SimpleLazyObject(self.reader_authors)
        context["tag_items"] = SimpleLazyObject(
            lambda: list(self.tagged_items.select_related("tag"))
        )
        context["blog_url"] = SimpleLazyObject(lambda: self.get_parent().get_url(request))
        context["related_case_list"] = SimpleLazyObject(lambda: chosen_cases(self.related_cases))
        # Actions about this post's cases or naming its campaign, open ones first: which
        # ones kept beside the fragments (the actions' counts are live).
        context["related_actions"] = related_actions(
            lambda: self.related_case_ids, self.related_campaign_id, key=context["fragment_key"]
        )
        if self.comments_open and "comment_form" not in context:
            # ?reply=<id> answers a top-level comment; it holds nothing per-visitor,
            # so the page stays cacheable.
            reply = request.GET.get("reply", "")
            reply_to = next((c for c in comments if str(c.pk) == reply), None)
            context["reply_to"] = reply_to
            context["comment_form"] = CommentForm(
                initial={"parent": reply_to.pk} if reply_to else None
            )
        return context

    def reader_authors(self):
        """Each author in the reader's language where translated (a post's translations
        share the English post's authors)."""
        keys = translation_keys(self.authors.all())
        return list(
            for_reader(Author.objects.filter(translation_key__in=keys)).select_related("photo")
        )

    def approved_comments(self):
        """Approved top-level comments, each with `.visible_replies`, in one query."""
        if self.pk is None:  # a preview of a page not yet saved
            return []
        approved = list(
            self.comments.filter(status=CommentStatus.APPROVED).order_by("created_at", "pk")
        )
        replies = {}
        for comment in approved:
            if comment.parent_id:
                replies.setdefault(comment.parent_id, []).append(comment)
        top_level = [comment for comment in approved if not comment.parent_id]
        for comment in top_level:
            comment.visible_replies = replies.get(comment.pk, [])
        return top_level

    @public_cache
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_cached_paths(self):
        return ["/"]


POST_TEASER_IMAGE = "fill-480x270"


def latest_posts(campaign, limit):
    """The newest live posts naming `campaign`, ready for teasers in a fixed number of queries."""
    images = get_image_model().objects.prefetch_renditions(POST_TEASER_IMAGE)
    posts = in_campaign(BlogPostPage.objects.live().public(), campaign)
    return (
        posts.defer_streamfields()
        .prefetch_related(models.Prefetch("hero_image", queryset=images))
        .order_by("-date", "-pk")[:limit]
    )
