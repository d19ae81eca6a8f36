"""Test data for the blog: the index, posts, authors and readers' comments."""

import datetime

import factory
import wagtail_factories

from campaigns.blog.blocks import LatestPostsBlock
from campaigns.blog.comments import BlogComment
from campaigns.blog.models import Author, BlogIndexPage, BlogPostPage


class LatestPostsBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Latest posts"
    number = 3

    class Meta:
        model = LatestPostsBlock


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"
    intro = "Analysis and news."

    class Meta:
        model = BlogIndexPage


class BlogPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Post {n:04d}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))
    intro = "What this post is about."
    date = datetime.date(2024, 1, 15)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Body text.</p>")])

    class Meta:
        model = BlogPostPage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")

    class Meta:
        model = Author


class BlogCommentFactory(factory.django.DjangoModelFactory):
    """A reader's comment on `post`, awaiting moderation unless given another `status`."""

    author_name = factory.Sequence(lambda n: f"Reader {n}")
    body = "Free them."

    class Meta:
        model = BlogComment
