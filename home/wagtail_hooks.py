from wagtail import hooks

from home.page_admin import site_page_viewset
from home.review import PUBLISHED_WITHOUT_REVIEW, PublishedWithoutReview


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(PUBLISHED_WITHOUT_REVIEW)(PublishedWithoutReview)


@hooks.register("register_admin_viewset")
def register_site_page_viewset():
    return site_page_viewset
