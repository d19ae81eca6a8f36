"""What the campaigns put on the home page: its sections, registered with the hook that
`home` defines (home imports nothing of campaigns; `campaigns.wagtail_hooks` imports this).

The order is the order of a new home page's body: the live count, the people detained,
the action that most needs people, the latest case updates and posts, the next hearings.
Case cards and the list of open actions are offered too, but left out of the default.
The listings are kept as fragments until a page is published (`cached`, home.fragments);
the blocks that show live counts are drawn each time.
"""

from wagtail import hooks

from campaigns.actions.blocks import ActionListBlock, MostNeededActionBlock
from campaigns.blog.blocks import LatestPostsBlock
from campaigns.cases.blocks import CaseCardsBlock, DetainedCasesBlock, LatestUpdatesBlock
from campaigns.hearings.blocks import NextHearingsBlock
from home.blocks import HOME_PAGE_SECTIONS_HOOK, HomeSection

from .blocks import LiveCounterBlock


@hooks.register(HOME_PAGE_SECTIONS_HOOK)
def campaign_sections():
    return [
        HomeSection("live_counter", LiveCounterBlock(), max_num=3),
        HomeSection("detained_cases", DetainedCasesBlock(), cached=True),
        HomeSection("most_needed_action", MostNeededActionBlock()),
        HomeSection("latest_updates", LatestUpdatesBlock(), cached=True),
        HomeSection("latest_posts", LatestPostsBlock(), cached=True),
        HomeSection("next_hearings", NextHearingsBlock(), cached=True),
        HomeSection("case_cards", CaseCardsBlock(), in_default_body=False, max_num=3, cached=True),
        HomeSection("open_actions", ActionListBlock(), in_default_body=False, max_num=2),
    ]
