"""The blog's Atom feed (/blog/feed/)."""

from home.feeds import FEED_LENGTH, SiteAuthoredFeed, day_start


class BlogFeed(SiteAuthoredFeed):
    """The blog's posts, newest first, with their intros."""

    def __init__(self, index):
        super().__init__()
        self.index = self.page = index

    def title(self):
        return self.index.title

    def subtitle(self):
        return self.index.intro or None

    def items(self):
        return (
            self.index.posts()
            .defer_streamfields()
            .prefetch_related("authors")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro

    def item_link(self, post):
        return post.get_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return day_start(post.date)

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors.all()) or None
