"""The blog: long-form posts built from blocks, with authors, tags, related cases."""

import math
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
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
from campaigns.cases.models import CasePage, for_cards
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
# Related posts listed under a post.
RELATED_POSTS = 3
WORDS_PER_MINUTE = 200
# Body blocks kept as fragments besides the generic ones (home.blocks.STATIC_BODY_BLOCKS):
# case cards read cases; an action teaser shows a live count, so it is drawn each time.
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
            models.Prefetch("tagged_items", queryset=BlogPostTag.objects.select_related("tag")),
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

    route_select_related = ("hero_image",)
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
        return self.more_posts[0]

    def next_post(self):
        return self.more_posts[1]

    def related_posts(self, limit=RELATED_POSTS):
        """Posts sharing the most tags and cases with this one, counted in SQL."""
        if limit <= RELATED_POSTS:
            return self.more_posts[2][:limit]
        return list(self.best_related(limit))

    @cached_property
    def more_posts(self):
        """(previous post, next post, related posts), read in one query: subqueries choose
        the nearest older and newer siblings and the best-scored ones, and sorting those
        few again here gives each as if it were read on its own."""
        if self.pk is None:  # a preview of a page not yet saved: no neighbours
            return None, None, list(self.best_related(RELATED_POSTS))
        earlier = (
            self.siblings()
            .filter(date__lte=self.date)
            .exclude(date=self.date, pk__gt=self.pk)
            .order_by("-date", "-pk")
        )
        later = (
            self.siblings()
            .filter(date__gte=self.date)
            .exclude(date=self.date, pk__lt=self.pk)
            .order_by("date", "pk")
        )
        chosen = Q(pk__in=earlier.values("pk")[:1]) | Q(pk__in=later.values("pk")[:1])
        scored = self.scored_siblings()
        if scored is None:
            posts = list(self.siblings().defer_streamfields().filter(chosen))
        else:
            best = self.best_related(RELATED_POSTS, scored).values("pk")
            posts = list(scored.filter(chosen | Q(pk__in=best)))

        def position(post):
            return (post.date, post.pk)

        here = position(self)
        previous = max((p for p in posts if position(p) < here), key=position, default=None)
        following = min((p for p in posts if position(p) > here), key=position, default=None)
        related = sorted(
            (post for post in posts if getattr(post, "score", 0) > 0),
            key=lambda post: (-post.score, -post.date.toordinal(), -post.pk),
        )
        return previous, following, related[:RELATED_POSTS]

    def best_related(self, limit, scored=None):
        scored = scored if scored is not None else self.scored_siblings()
        if scored is None:
            return BlogPostPage.objects.none()
        return scored.filter(score__gt=0).order_by("-score", "-date", "-pk")[:limit]

    def scored_siblings(self):
        """The live siblings, each with its `score`: how many tags and cases it shares with
        this post (two subqueries of its own query); None when the post has neither.

        The tags and cases are subqueries for a saved post (no query of their own), lists
        for a preview's unsaved choice held in memory."""
        tags, cases = self.tagged_items.all(), self.related_cases.all()
        if isinstance(tags, QuerySet) and isinstance(cases, QuerySet):
            tag_ids, case_ids = tags.values("tag_id"), cases.values("pk")
        else:
            tag_ids = [item.tag_id for item in tags]
            case_ids = [case.pk for case in cases]
            if not tag_ids and not case_ids:
                return None
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
        )

    @cached_property
    def case_versions(self):
        """Every language version of the related cases, in one query, each with `shown`:
        whether this reader's list of live, public cases holds it (the reader's language
        where translated). Ready for case cards (campaigns.cases.models.for_cards) when the
        body holds some, which then take their cases from here."""
        keys = translation_keys(self.related_cases.all())
        versions = CasePage.objects.filter(translation_key__in=keys)
        if self.has_chosen_case_cards():
            versions = for_cards(versions)
        shown = for_reader(CasePage.objects.live().public()).filter(pk=OuterRef("pk"))
        return list(
            versions.defer_streamfields()
            .annotate(shown=Exists(shown))
            .order_by("person_name", "pk")
        )

    def has_chosen_case_cards(self):
        return any(
            raw["type"] == "case_cards" and raw["value"].get("cases") for raw in self.body.raw_data
        )

    def related_case_list(self):
        """The related cases this reader sees, by name."""
        return [case for case in self.case_versions if case.shown]

    def known_case_cards(self):
        """For the body's case cards (campaigns.cases.blocks.CaseCardsBlock): each related
        case's translation key, with the version this reader sees (None: none is shown, so
        the block need not look for one)."""
        known = dict.fromkeys(case.translation_key for case in self.case_versions)
        known.update((case.translation_key, case) for case in self.case_versions if case.shown)
        return known

    @cached_property
    def related_case_ids(self):
        """Every language version of the related cases: the actions about any of them are
        the same (campaigns.actions.queries matches them by translation key)."""
        return [case.pk for case in self.case_versions]

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
        context["related_case_list"] = SimpleLazyObject(self.related_case_list)
        context["known_case_cards"] = SimpleLazyObject(self.known_case_cards)
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
